"""Later fixpoint passes re-read only windows around the lines that changed; they must
find exactly what re-reading the whole text finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cleanup import Cleaner, engine
from cleanup.document import Document

ROOT = Path(__file__).resolve().parent.parent


def _mt_text() -> str:
    """The dev set's wrong texts (artifact-dense, so fixes take several passes) between
    paragraphs of the seed article that stay unchanged far from any fix."""
    dev = (ROOT / "bench" / "eval" / "dev.txt").read_text(encoding="utf-8")
    cases = "\n".join(line for line in dev.splitlines() if not line.startswith("#"))
    wrong = re.sub(r"\[\[(.*?)=>.*?\]\]", r"\1", cases)
    seed = (ROOT / "seeds" / "openai-broadcom.txt").read_text(encoding="utf-8")
    return "\n".join(f"{part}\n{seed}" for part in wrong.split("\n\n")[:12])


def _full_rerun(checks, text, changed, warnings, broken):  # type: ignore[no-untyped-def]
    return engine.run_checks(checks, Document(text), warnings, broken)


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_windowed_later_passes_equal_full_passes(monkeypatch: pytest.MonkeyPatch, line_end: str) -> None:
    text = _mt_text().replace("\n", line_end)
    cleaner = Cleaner.from_config()
    windows = engine.rerun_checks
    later_passes = []

    def counted(*args):  # type: ignore[no-untyped-def]
        later_passes.append(args[2])
        return windows(*args)

    monkeypatch.setattr(engine, "rerun_checks", counted)
    windowed = cleaner.clean(text)
    monkeypatch.setattr(engine, "rerun_checks", _full_rerun)
    full = cleaner.clean(text)
    assert len(later_passes) >= 2  # the text needs fixes on top of fixes
    assert windowed.text == full.text
    assert [f.to_json() for f in windowed.findings] == [f.to_json() for f in full.findings]
    assert windowed.warnings == full.warnings
