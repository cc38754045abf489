"""Review decisions: the text they give, how they find their findings again, `cleanup apply`,
`cleanup clean --decisions`, and the review page's static safety (the browser tests in
tests/browser/ drive the page itself)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.engine import clean_text
from cleanup.findings import Finding
from cleanup.htmlreport import render, utf16_offsets
from cleanup.report import build_report, text_hash
from cleanup.review import (
    Decision,
    ReviewError,
    decisions_document,
    load_decisions,
    match,
    report_hash,
    reviewed_text,
)

REPO = Path(__file__).resolve().parent.parent
REVIEW_RULES = REPO / "tests" / "browser" / "review_rules.yaml"

RULES = r"""
pack: review-unit
rules:
  - id: U-OPENAI
    type: replace
    category: entity
    safety: safe
    pattern: Openai
    literal: true
    replacement: OpenAI
    message: name
    examples: [{bad: "Openai", good: "OpenAI"}]
  - id: U-HYPHEN
    type: replace
    category: hyphen
    safety: safe
    pattern: '(?<=\w) (?=-\p{Lu})'
    replacement: ""
    message: space
    examples: [{bad: "KI -Chips", good: "KI-Chips"}]
  - id: U-SUGGEST
    type: replace
    category: style
    safety: suggest
    pattern: '\bzweifellos\b'
    replacement: [ohne Zweifel, sicher]
    message: style
    examples: [{bad: "zweifellos", good: "ohne Zweifel"}]
  - id: U-FLAG
    type: flag
    category: style
    pattern: '\bSpieler\b'
    message: player?
    examples: [{bad: "ein Spieler"}]
"""

TEXT = "Openai baut KI -Chips. Er ist zweifellos ein Spieler.\nOpenai wächst."


@pytest.fixture
def checks(make_rules):
    return make_rules(RULES)


def find(findings: list[Finding], rule: str, nth: int = 0) -> int:
    return [i for i, f in enumerate(findings) if f.rule == rule][nth]


def decide(text: str, findings: list[Finding], index: int, status: str, replacement: str | None = None) -> Decision:
    return Decision.about(text, findings[index], status, replacement)  # type: ignore[arg-type]


def test_without_decisions_the_text_is_exactly_the_cleaned_text(sample_text, sample_cleaner, checks):
    for result in (sample_cleaner.clean(sample_text), clean_text(TEXT, checks)):
        assert reviewed_text(result.original, result.findings, {}) == result.text


def test_each_kind_of_decision_gives_its_text(checks):
    r = clean_text(TEXT, checks)
    assert r.text == "OpenAI baut KI-Chips. Er ist zweifellos ein Spieler.\nOpenAI wächst."
    f = r.findings
    chosen = {
        find(f, "U-OPENAI", 1): decide(TEXT, f, find(f, "U-OPENAI", 1), "rejected"),
        find(f, "U-SUGGEST"): decide(TEXT, f, find(f, "U-SUGGEST"), "accepted", "sicher"),
        find(f, "U-FLAG"): decide(TEXT, f, find(f, "U-FLAG"), "accepted", "Akteur"),
        find(f, "U-HYPHEN"): decide(TEXT, f, find(f, "U-HYPHEN"), "accepted"),
    }
    assert reviewed_text(TEXT, f, chosen) == "OpenAI baut KI-Chips. Er ist sicher ein Akteur.\nOpenai wächst."
    # accepted without a replacement: a suggestion takes its first one, a flag stays as it is
    chosen[find(f, "U-SUGGEST")] = decide(TEXT, f, find(f, "U-SUGGEST"), "accepted")
    chosen[find(f, "U-FLAG")] = decide(TEXT, f, find(f, "U-FLAG"), "accepted")
    assert reviewed_text(TEXT, f, chosen) == "OpenAI baut KI-Chips. Er ist ohne Zweifel ein Spieler.\nOpenai wächst."
    # a rejected suggestion and a rejected flag change nothing
    chosen[find(f, "U-SUGGEST")] = decide(TEXT, f, find(f, "U-SUGGEST"), "rejected")
    chosen[find(f, "U-FLAG")] = decide(TEXT, f, find(f, "U-FLAG"), "rejected")
    assert reviewed_text(TEXT, f, chosen) == "OpenAI baut KI-Chips. Er ist zweifellos ein Spieler.\nOpenai wächst."


def test_overlapping_changes_are_refused_until_one_is_rejected(make_rules):
    checks = make_rules(RULES.replace(r"'\bSpieler\b'", "'Openai baut'"))
    r = clean_text(TEXT, checks)
    flag, fix = find(r.findings, "U-FLAG"), find(r.findings, "U-OPENAI")
    chosen = {flag: decide(TEXT, r.findings, flag, "accepted", "Sie bauen")}
    with pytest.raises(ReviewError, match="overlapping changes: U-OPENAI at 0-6 and U-FLAG at 0-11"):
        reviewed_text(TEXT, r.findings, chosen)
    chosen[fix] = decide(TEXT, r.findings, fix, "rejected")
    assert reviewed_text(TEXT, r.findings, chosen).startswith("Sie bauen KI-Chips.")


def test_decisions_find_their_findings_after_edits_elsewhere(checks):
    before = clean_text(TEXT, checks)
    f = before.findings
    decisions = [
        decide(TEXT, f, find(f, "U-OPENAI", 0), "rejected"),
        decide(TEXT, f, find(f, "U-OPENAI", 1), "rejected"),
        decide(TEXT, f, find(f, "U-SUGGEST"), "accepted", "sicher"),
    ]
    # a new first line, and "baut" → "entwirft": both sides of the first "Openai" change
    edited = "Vorwort.\n" + TEXT.replace("baut", "entwirft")
    after = clean_text(edited, checks)
    chosen, stale = match(decisions, edited, after.findings)
    assert stale == [decisions[0]]
    assert {after.findings[i].start: d.status for i, d in chosen.items()} == {
        edited.index("Openai wächst"): "rejected",
        edited.index("zweifellos"): "accepted",
    }
    assert reviewed_text(edited, after.findings, chosen) == (
        "Vorwort.\nOpenAI entwirft KI-Chips. Er ist sicher ein Spieler.\nOpenai wächst."
    )


def test_repeated_sentences_keep_their_own_decision(checks):
    line = "Der Konzern Openai baut eigene Chips.\n"
    text = line * 4
    r = clean_text(text, checks)
    third = find(r.findings, "U-OPENAI", 2)
    decisions = [decide(text, r.findings, third, "rejected")]
    edited = "Neu.\n" + text
    after = clean_text(edited, checks)
    chosen, stale = match(decisions, edited, after.findings)
    assert not stale
    assert [after.findings[i].start for i in chosen] == [len("Neu.\n") + 2 * len(line) + len("Der Konzern ")]
    assert reviewed_text(edited, after.findings, chosen).splitlines()[3] == "Der Konzern Openai baut eigene Chips."


def test_a_decision_needs_the_same_rule_and_original_text(checks):
    r = clean_text(TEXT, checks)
    index = find(r.findings, "U-SUGGEST")
    decision = decide(TEXT, r.findings, index, "rejected")
    assert match([decision], TEXT, r.findings) == ({index: decision}, [])
    for changed in (decision.model_copy(update={"rule": "OTHER"}), decision.model_copy(update={"original": "x"})):
        assert match([changed], TEXT, r.findings) == ({}, [changed])


def test_report_hash_covers_text_and_findings_not_paths(checks):
    r = clean_text(TEXT, checks)
    one = build_report(r, "a.txt")
    two = build_report(r, "elsewhere/b.txt")
    h = report_hash(one["input_sha256"], one["findings"])
    assert h == report_hash(two["input_sha256"], two["findings"])
    assert h == report_hash(one["input_sha256"], json.loads(json.dumps(one["findings"])))
    changed = json.loads(json.dumps(one["findings"]))
    changed[0]["replacements"] = ["Open AI"]
    assert report_hash(one["input_sha256"], changed) != h
    assert report_hash(text_hash(TEXT + " "), one["findings"]) != h


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such decisions file"),
        ("{not json", "cannot read decisions"),
        ('{"format": "other", "version": 1, "decisions": []}', "not a decisions file (format:"),
        (
            '{"format": "mt-cleanup-decisions", "version": 1, "decisions": [{"rule": "R", "start": 0, "end": 1, '
            '"original": "x", "before": "", "after": "", "status": "maybe"}]}',
            "decisions.0.status",
        ),
    ],
)
def test_bad_decisions_files_give_one_line(tmp_path: Path, content: str | None, problem: str):
    path = tmp_path / "d.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ReviewError) as info:
        load_decisions(path)
    assert problem in str(info.value) and str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_utf16_offsets_count_astral_characters_twice():
    assert utf16_offsets("abc", [0, 3]) is None
    assert utf16_offsets("a😀b😀", [0, 1, 2, 3, 4]) == [0, 1, 3, 4, 6]


# --- command line -------------------------------------------------------------------


@pytest.fixture
def cleaned(tmp_path: Path) -> tuple[Path, Path]:
    """The sample article (a copy) cleaned with the review test rules: (input, out folder)."""
    source = tmp_path / "article.txt"
    source.write_bytes((REPO / "seeds" / "openai-broadcom.txt").read_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["clean", str(source), "-o", str(out), "--no-languagetool", "--rules", str(REVIEW_RULES)]
    )
    assert result.exit_code == 0, result.output
    return source, out


def _write_decisions(path: Path, report_path: Path, text: str, picks: dict[str, tuple[str, str | None]]) -> None:
    """Decisions on the first finding of each named rule, as the page writes them."""
    report = json.loads(report_path.read_text("utf-8"))
    decisions = []
    for rule, (status, replacement) in picks.items():
        item = next(f for f in report["findings"] if f["rule"] == rule)
        finding = Finding(**{k: v for k, v in item.items() if k != "merged"})
        decisions.append(Decision.about(text, finding, status, replacement))  # type: ignore[arg-type]
    document = decisions_document(
        decisions,
        input_path=report["input"],
        input_sha256=report["input_sha256"],
        report_sha256=report_hash(report["input_sha256"], report["findings"]),
    )
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def test_apply_gives_the_reviewed_text_and_refuses_another_text(cleaned, tmp_path: Path):
    source, out = cleaned
    report_path = out / "article.report.json"
    clean = (out / "article.clean.txt").read_text("utf-8")
    assert clean.count("Sam Altman") == 1 and clean.count("zweifellos") == 1
    decisions = tmp_path / "decisions.json"
    _write_decisions(
        decisions,
        report_path,
        source.read_text("utf-8"),
        {"NAME-PEOPLE": ("rejected", None), "TEST-SUGGEST-ALTERNATIVES": ("accepted", "gewiss")},
    )
    runner = CliRunner()
    result = runner.invoke(main, ["apply", str(report_path), "--decisions", str(decisions), "-o", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    expected = clean.replace("Sam Altman", "Ultraman").replace("zweifellos", "gewiss")
    assert (tmp_path / "r").read_text("utf-8") == expected
    to_stdout = runner.invoke(main, ["apply", str(report_path), "--decisions", str(decisions)])
    assert to_stdout.exit_code == 0 and to_stdout.stdout == expected
    # without decisions: the cleaner's own text
    assert runner.invoke(main, ["apply", str(report_path)]).stdout == clean

    source.write_text(source.read_text("utf-8") + " ", encoding="utf-8")
    refused = runner.invoke(main, ["apply", str(report_path), "--decisions", str(decisions)])
    assert refused.exit_code == 2
    assert refused.stderr.count("\n") == 1 and "was not made from the text in" in refused.stderr
    assert "content hash differs" in refused.stderr

    not_report = runner.invoke(main, ["apply", str(decisions)])
    assert not_report.exit_code == 2 and "not an mt-cleanup JSON report" in not_report.stderr


def test_clean_with_decisions_keeps_them_after_the_text_changed(cleaned, tmp_path: Path):
    source, out = cleaned
    decisions = tmp_path / "decisions.json"
    _write_decisions(
        decisions, out / "article.report.json", source.read_text("utf-8"), {"NAME-PEOPLE": ("rejected", None)}
    )
    source.write_text("Ein neuer erster Absatz.\n" + source.read_text("utf-8"), encoding="utf-8")
    again = tmp_path / "again"
    args = ["clean", str(source), "-o", str(again), "--no-languagetool", "--rules", str(REVIEW_RULES)]
    result = CliRunner().invoke(main, [*args, "--decisions", str(decisions)])
    assert result.exit_code == 0, result.output
    assert "1 review decisions applied again, 0 no longer match this text" in result.stdout
    text = (again / "article.clean.txt").read_text("utf-8")
    assert "Ultraman" in text and "Sam Altman" not in text and "KI -Chips" not in text
    # the page starts with the decision, and apply with the same file gives the same text
    data = _page_data((again / "article.diff.html").read_text("utf-8"))
    assert [(item[1], data["kinds"][data["findings"][item[0]][2]][0]) for item in data["initial"]] == [
        ("rejected", "NAME-PEOPLE")
    ]
    applied = CliRunner().invoke(main, ["apply", str(again / "article.report.json"), "--decisions", str(decisions)])
    assert applied.stdout == text


# --- the page, statically -------------------------------------------------------------

HOSTILE = (
    'Openai: </script><script>window.pwned=1</script> "><img src=x onerror="window.pwned=2"> {{ 7*7 }}\n'
    "</textarea><!-- <style>body{display:none}</style> \u2028 & &amp; ist zweifellos ein Spieler 😀 Openai\n"
)


def _page_data(html: str) -> dict:
    match_ = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', html, re.S)
    assert match_ is not None
    assert "<" not in match_.group(1) and "\u2028" not in match_.group(1)
    return json.loads(match_.group(1))


def test_page_carries_the_text_as_inert_data_under_a_strict_policy(checks):
    r = clean_text(HOSTILE, checks)
    summary = build_report(r, "x.txt")["summary"]
    html = render(r, "<b>x.txt</b>", summary)
    data = _page_data(html)
    assert data["text"] == HOSTILE
    assert data["report_sha256"] == report_hash(text_hash(HOSTILE), [f.to_json() for f in r.findings])
    assert data["u16"] is not None  # the emoji shifts JavaScript offsets
    assert html.count("<script") == 2 and html.count("<img") == 0 and "<b>x.txt" not in html
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    for tag in ("script", "style"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy and "unsafe" not in policy
    markup = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    assert not re.search(r"<[^>]*\s(?:src|href|action)\s*=", markup)  # nothing to load, nowhere to send
