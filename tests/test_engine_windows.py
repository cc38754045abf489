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


def _full_rerun(checks, doc, changed, warnings, broken):  # type: ignore[no-untyped-def]
    return engine.run_checks(checks, Document(doc.text), warnings, broken)


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


def test_later_passes_run_only_rules_that_can_apply(make_rules, monkeypatch: pytest.MonkeyPatch) -> None:
    """A suggestion never beats a safe fix, so a rule that only suggests is read once."""
    checks = make_rules(
        r"""
        pack: t
        rules:
          - id: SAFE
            type: replace
            category: c
            safety: safe
            pattern: 'aa'
            replacement: 'a'
            message: m
            examples: [{bad: 'aa', good: 'a'}]
          - id: SUGGEST
            type: replace
            category: c
            pattern: 'b'
            replacement: 'c'
            message: m
            examples: [{bad: 'b', good: 'c'}]
        """
    )
    read: list[str] = []
    for check in checks:
        find = check.find
        monkeypatch.setattr(check, "find", lambda doc, find=find, rule=check.meta.id: read.append(rule) or find(doc))
    result = engine.clean_text("aaaa b", checks)
    assert result.text == "a b"
    assert read == ["SAFE", "SUGGEST", "SAFE", "SAFE"]
    assert [f.rule for f in result.findings] == ["SAFE", "SUGGEST"]
