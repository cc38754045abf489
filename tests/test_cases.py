"""Tests as data (tests/cases/*.json), run against the full built-in cleaner.

unchanged.json: correct German that must come out byte for byte.
fixes.json: artifacts and their exact corrections.
known_failures.json: what we know we miss; strict xfail, so a fix shows up as a failure to move the case.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"


def load(name: str) -> list[dict]:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", load("unchanged.json"), ids=lambda c: c["label"])
def test_correct_text_is_left_alone(case, sample_cleaner):
    result = sample_cleaner.clean(case["text"])
    assert result.text == case["text"], [(f.rule, f.original, f.replacements) for f in result.applied]


@pytest.mark.parametrize("case", load("fixes.json"), ids=lambda c: c["label"])
def test_artifacts_are_fixed(case, sample_cleaner):
    assert sample_cleaner.clean(case["text"]).text == case["expected"]


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(reason=c["note"], strict=True)) for c in load("known_failures.json")],
    ids=lambda c: c["label"],
)
def test_known_failures(case, sample_cleaner):
    assert sample_cleaner.clean(case["text"]).text == case["expected"]
