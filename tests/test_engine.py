"""The engine's promises: conflict policy, offsets into the original, byte-exact output,
idempotence, a bounded fixpoint that names oscillating rules, and rule time limits."""

from __future__ import annotations

import unicodedata

import pytest
from helpers import HYPHEN_PACK, bare_finding

from cleanup.engine import apply_fixes, clean_text, first_replacement, resolve


def test_resolve_prefers_safe_then_priority_then_longer_then_earlier():
    safe = bare_finding(0, 2, "x", rule="SAFE")
    suggestion = bare_finding(0, 5, "y", rule="SUGGEST", safety="suggest")
    assert [f.rule for f in resolve([suggestion, safe])] == ["SAFE"]

    low = bare_finding(0, 5, "x", rule="LOW", priority=1)
    high = bare_finding(3, 4, "y", rule="HIGH", priority=5)
    assert [f.rule for f in resolve([low, high])] == ["HIGH"]

    short = bare_finding(2, 3, "x", rule="SHORT")
    long = bare_finding(1, 4, "y", rule="LONG")
    assert [f.rule for f in resolve([short, long])] == ["LONG"]

    later = bare_finding(2, 4, "x", rule="LATER")
    earlier = bare_finding(1, 3, "y", rule="EARLIER")
    assert [f.rule for f in resolve([later, earlier])] == ["EARLIER"]


def test_flags_never_conflict_and_insertions_at_one_point_do():
    fix = bare_finding(0, 4, "x", rule="FIX")
    flag = bare_finding(1, 3, None, rule="FLAG", safety="suggest")
    assert {f.rule for f in resolve([fix, flag])} == {"FIX", "FLAG"}
    first = bare_finding(2, 2, "a", rule="A")
    second = bare_finding(2, 2, "b", rule="B")
    assert len(resolve([first, second])) == 1


def test_apply_fixes_rejects_overlap_and_keeps_everything_else():
    text = "ab cd ef"
    assert apply_fixes(text, [bare_finding(3, 5, "XY")], first_replacement) == "ab XY ef"
    with pytest.raises(ValueError):
        apply_fixes(text, [bare_finding(0, 4, "x"), bare_finding(3, 5, "y")], first_replacement)


def test_bytes_outside_fixes_are_preserved(make_rules):
    checks = make_rules(HYPHEN_PACK)
    nfd = unicodedata.normalize("NFD", "Größe")
    text = f"KI -Chips\r\n  {nfd}  trailing  \r\nmixed\nend\r"
    result = clean_text(text, checks)
    assert result.text == f"KI-Chips\r\n  {nfd}  trailing  \r\nmixed\nend\r"
    assert unicodedata.is_normalized("NFD", result.text)


def test_later_pass_is_mapped_onto_original_offsets(make_rules):
    # A -> B enables B -> C; the report must describe one edit of the original "A".
    checks = make_rules(
        """
        pack: t
        rules:
          - {id: AB, type: replace, category: c, safety: safe, pattern: 'A', replacement: 'B', message: m,
             examples: [{bad: A, good: B}]}
          - {id: BC, type: replace, category: c, safety: safe, pattern: 'xB', replacement: 'xC', message: m,
             examples: [{bad: xB, good: xC}]}
        """
    )
    text = "1 xA 2"
    result = clean_text(text, checks)
    assert result.text == "1 xC 2"
    (edit,) = result.applied
    assert (edit.start, edit.end, edit.original) == (2, 4, "xA")
    assert edit.replacements == ["xC"]
    assert edit.rule == "BC" and edit.merged == ["AB"]
    assert apply_fixes(text, result.applied, first_replacement) == result.text


def test_growing_replacement_stops_and_names_the_rule(make_rules):
    checks = make_rules(
        """
        pack: t
        rules:
          - {id: GROW, type: replace, category: c, safety: safe, pattern: 'a(?!aaaaaaaaaa)', replacement: 'aa',
             message: m, examples: [{bad: 'b a', good: 'b aa'}]}
        """
    )
    result = clean_text("a", checks, max_passes=3)
    assert any("GROW" in w and "did not settle" in w for w in result.warnings)


def test_oscillating_rules_are_named(make_rules):
    checks = make_rules(
        """
        pack: t
        rules:
          - {id: TO-Y, type: replace, category: c, safety: safe, pattern: 'x', replacement: 'y', message: m,
             examples: [{bad: x, good: y}]}
          - {id: TO-X, type: replace, category: c, safety: safe, pattern: 'y', replacement: 'x', message: m,
             examples: [{bad: y, good: x}]}
        """
    )
    result = clean_text("x and y", checks, max_passes=4)
    assert any("TO-X" in w and "TO-Y" in w for w in result.warnings)


def test_idempotent_on_the_sample(sample_cleaner, sample_text):
    once = sample_cleaner.clean(sample_text).text
    assert once != sample_text
    assert sample_cleaner.clean(once).text == once


def test_every_finding_points_into_the_original(sample_cleaner, sample_text):
    result = sample_cleaner.clean(sample_text)
    assert result.findings
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(sample_text)
        assert sample_text[f.start : f.end] == f.original
    assert apply_fixes(sample_text, result.applied, first_replacement) == result.text


def test_slow_rule_is_skipped_with_a_warning(make_rules, monkeypatch):
    from cleanup.checks import base

    monkeypatch.setattr(base, "REGEX_TIMEOUT_SECONDS", 0.05)
    checks = make_rules(
        """
        pack: t
        rules:
          - {id: SLOW, type: flag, category: c, pattern: '(?:(?:a|aa)+)+(?:a|aa)+b', message: m,
             examples: [{ok: c}]}
          - {id: FINE, type: replace, category: c, safety: safe, pattern: 'c', replacement: 'd', message: m,
             examples: [{bad: c, good: d}]}
        """
    )
    result = clean_text("a" * 5000 + " c", checks)
    assert result.text.endswith(" d")
    assert any("SLOW" in w for w in result.warnings)
