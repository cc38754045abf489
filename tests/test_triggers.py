"""Literal triggers read off patterns: a text without one must never match."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.checks.base import compile_pattern
from cleanup.cleaner import Cleaner
from cleanup.triggers import occurs, required_literals, triggers

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\b(?:Markt|Branchen)spieler(n|s)?\b", {"Marktspieler", "Branchenspieler"}),
        (r"\bDatenzentr(um|ums|en)\b", {"Datenzentrum", "Datenzentren"}),  # "Datenzentrums" contains one
        (r"\b[Mm]acht\s+Sinn", {"Macht", "macht"}),
        (r"\bFahrer(?=\s+des\b)", {"Fahrer"}),
        (r"x{2,3}yz", {"yz"}),
        (r"[^a]bc|d\.e", {"bc", "d.e"}),
        (r"Am Ende(?! des)", {"Am Ende"}),
    ],
)
def test_literals_every_match_needs(pattern: str, literals: set[str]) -> None:
    assert required_literals(pattern) == literals


@pytest.mark.parametrize(
    "pattern",
    [
        r"a|b*",  # the empty string matches
        r"(?x)abc",  # inline flags other than a leading (?i)
        r"(?<=Fahrer)\s",  # a lookbehind may look before the searched range
        r"(a)\1",  # backreferences are not modelled
        r"[\p{Lu}\d]+",
        r"(?(1)a|b)",
    ],
)
def test_no_trigger_where_unsure(pattern: str) -> None:
    assert required_literals(pattern) is None


def test_occurs_in_a_range() -> None:
    ki = triggers(compile_pattern(r"\bKI\b"))
    assert occurs(ki, "die KI-Chips", 4, 6)
    assert not occurs(ki, "die KI-Chips", 5, 12)
    assert occurs(None, "")


@pytest.mark.parametrize("pattern", [r"(?i)\bkaiju\w*", r"\bKAIJU"])
def test_ignoring_case_the_text_is_folded(pattern: str) -> None:
    found = triggers(compile_pattern(pattern, ignore_case=True))
    assert found is not None and found.literals == {"kaiju"}
    assert occurs(found, "Ein Kaiju-Film") and occurs(found, "KAIJUS") and not occurs(found, "Kai Ju")


def _paragraphs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "bench" / "eval").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return [line for text in texts for line in text.splitlines() if line.strip()]


def test_builtin_patterns_never_match_without_their_trigger() -> None:
    """Every pattern, antipattern and context gate of the built-in rules, on every example and
    eval paragraph."""
    cleaner = Cleaner.from_config()
    paragraphs = _paragraphs()
    checked = 0
    for check in cleaner.checks:
        owner = getattr(check, "occurrences", None) or check
        patterns = [getattr(owner, "pattern", None), *getattr(owner, "unless", ())]
        for gates in getattr(check, "gates", ()):
            patterns += [*gates.requires, *gates.forbids, *gates.requires_near, *gates.unless]
        texts = paragraphs + [e.bad or e.ok or "" for e in check.meta.examples]
        for pattern in filter(None, patterns):
            literals = triggers(pattern)
            if literals is None:
                continue
            checked += 1
            for text in texts:
                if pattern.search(text) is not None:
                    assert occurs(literals, text), (check.meta.id, pattern.pattern, text)
    assert checked > 100
