"""The README's before/after examples are real output: every `-`/`+` pair in a ```diff block of
its "Artifact families" section is cleaned again and must give exactly the `+` line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def pairs() -> list[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Artifact families", 1)[1].split("\n## ", 1)[0]
    found = []
    for block in re.findall(r"```diff\n(.*?)```", section, re.S):
        lines = block.splitlines()
        assert len(lines) % 2 == 0, block
        for before, after in zip(lines[::2], lines[1::2], strict=True):
            assert before.startswith("- ") and after.startswith("+ "), block
            found.append((before[2:], after[2:]))
    return found


def test_the_readme_shows_examples():
    assert len(pairs()) >= 10


@pytest.mark.parametrize(("before", "after"), pairs(), ids=lambda s: s[:40])
def test_readme_example_is_real_output(sample_cleaner, before, after):
    assert sample_cleaner.clean(before).text == after
