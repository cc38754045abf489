"""Small builders shared by several test modules."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from cleanup.findings import Finding

REPO = Path(__file__).resolve().parent.parent


def load_bench_script(name: str, folder: Path) -> ModuleType:
    """Import a bench script as a module; its folder goes on sys.path so that worker processes
    started with "spawn" can import it too."""
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    return importlib.import_module(name)


# One rule, enough to see that text outside a fix is kept: "KI -Chip" → "KI-Chip".
HYPHEN_PACK = """\
pack: tiny
rules:
  - id: HY
    type: replace
    category: hyphen
    safety: safe
    pattern: '(?<=\\p{Lu}\\w*) (?=-\\p{Lu})'
    replacement: ''
    message: m
    examples: [{bad: 'KI -Chip', good: 'KI-Chip'}]
"""


def bare_finding(
    start: int, end: int, replacement: str | None, rule: str = "R", safety: str = "safe", priority: int = 0
) -> Finding:
    """A finding with only what the engine's conflict policy looks at; None makes a flag."""
    return Finding(
        rule=rule,
        category="c",
        safety=safety,  # type: ignore[arg-type]
        start=start,
        end=end,
        original="",
        replacements=[] if replacement is None else [replacement],
        message="",
        priority=priority,
    )
