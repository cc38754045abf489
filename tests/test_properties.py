"""Properties of the engine over random German-like text mixed with MT artifacts.

The fragments below are glued together at random, with stray line endings, NFD umlauts,
zero-width characters and arbitrary Unicode in between, so that every rule type fires
on texts no example anticipated.
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from helpers import bare_finding
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.engine import _EditMap, apply_fixes, first_replacement, resolve
from cleanup.findings import Finding
from cleanup.report import build_report, dumps

FRAGMENTS = [
    "OpenAI kündigte seine Zusammenarbeit mit Broadcom an",
    "KI -Chips",
    "AI -Chips",
    "NVIDIA -Führung",
    "Chip -Design -Strategie",
    "OpenAs",
    "Openai",
    "Openai's",
    "Der CEO von OpenAI Ultraman sagte",
    "Ultraman ist eine Serie",
    "Sam Ultraman",
    "die KI",
    "der AI Act",
    "Ã¼berraschend",
    "F & E -Team",
    "https://openai.com/KI -Chips",
    "`AI -Chips`",
    "mit 10.000 NVIDIA -GPUs",
    "Import- und Exportzahlen",
    unicodedata.normalize("NFD", "Größe und Übermaß"),
    "\u200bKI\u200d",
    "\u202eAI\u202c",
]
SEPARATORS = [" ", "  ", "\n", "\r\n", "\r", "\t", ". ", ", ", "-", ""]

german_like = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS), st.text(max_size=8)),
    max_size=30,
).map("".join)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def cleaner():
    from cleanup import Cleaner

    return Cleaner.from_config()


@SETTINGS
@given(text=german_like)
def test_offsets_valid_and_text_outside_fixes_unchanged(cleaner, text):
    result = cleaner.clean(text)
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.original
    applied = sorted(result.applied, key=lambda f: f.start)
    for before, after in zip(applied, applied[1:], strict=False):
        assert before.end <= after.start
    # the cleaned text is the original with exactly the applied fixes spliced in
    assert apply_fixes(text, applied, first_replacement) == result.text


@SETTINGS
@given(text=german_like)
def test_cleaning_is_idempotent(cleaner, text):
    result = cleaner.clean(text)
    if not result.warnings:  # an unsettled fixpoint is reported, not idempotent by definition
        assert cleaner.clean(result.text).text == result.text


@SETTINGS
@given(text=german_like)
def test_json_report_reapplied_gives_the_same_text(cleaner, text):
    result = cleaner.clean(text)
    report = json.loads(dumps(build_report(result, "x.txt")))
    applied = [Finding(**{k: v for k, v in f.items()}) for f in report["findings"] if f["applied"]]
    assert apply_fixes(text, applied, first_replacement) == result.text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text())
def test_no_exception_for_any_string(cleaner, text):
    result = cleaner.clean(text)
    assert isinstance(result.text, str)


@st.composite
def findings_on(draw, length: int, prefix: str) -> list[Finding]:
    result = []
    for number in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, length))
        end = draw(st.integers(start, min(length, start + 4)))
        result.append(
            bare_finding(
                start,
                end,
                draw(st.sampled_from([None, "", "x", "yy", "zzz"])),
                f"{prefix}{number}",
                draw(st.sampled_from(["safe", "suggest"])),
                draw(st.integers(0, 2)),
            )
        )
    return result


def _naive_resolve(findings: list[Finding]) -> list[Finding]:
    """The conflict policy spelled out quadratically, to check the indexed version against."""
    kept: list[Finding] = []
    ranked = sorted(findings, key=lambda f: (f.safety != "safe", -f.priority, f.start - f.end, f.start, f.rule))
    for f in ranked:
        if f.is_fix and not any(f.overlaps(k) for k in kept):
            kept.append(f)
    return sorted(kept + [f for f in findings if not f.is_fix], key=lambda f: (f.start, f.end, f.rule))


@settings(max_examples=500, deadline=None)
@given(data=st.data(), length=st.integers(0, 30))
def test_resolve_matches_the_quadratic_definition(data, length):
    findings = data.draw(findings_on(length, "R"))
    assert [id(f) for f in resolve(findings)] == [id(f) for f in _naive_resolve(findings)]


@settings(max_examples=500, deadline=None)
@given(data=st.data(), text=st.text(alphabet="ab ", max_size=30))
def test_a_later_pass_maps_onto_the_original(data, text):
    edits = _EditMap(text)
    edits.edits = [f for f in resolve(data.draw(findings_on(len(text), "E"))) if f.is_fix]
    for edit in edits.edits:
        edit.original = text[edit.start : edit.end]
    current = edits.current()
    later = [f for f in resolve(data.draw(findings_on(len(current), "L"))) if f.is_fix]
    edits.absorb_pass(later, current)
    assert edits.current() == apply_fixes(current, later, first_replacement)
    for before, after in zip(edits.edits, edits.edits[1:], strict=False):
        assert before.end <= after.start
    for edit in edits.edits:
        assert text[edit.start : edit.end] == edit.original
    # every rule that acted is still named, as the edit's own rule or a merged one
    named = {r for e in edits.edits for r in (e.rule, *e.merged)}
    assert {f.rule for f in later} <= named
