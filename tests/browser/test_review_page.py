"""The review page in headless Chromium: decisions, export, `cleanup apply` round trips,
injection, and a 1 MB text with 10,000 findings (timings printed, not asserted)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from cleanup.review import context

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "seeds" / "openai-broadcom.txt"
SCREENSHOT = REPO / "docs" / "review.png"


def first(report: dict, rule: str) -> int:
    return next(i for i, f in enumerate(report["findings"]) if f["rule"] == rule)


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def export_and_apply(review, cleaned, tmp_path: Path) -> tuple[bytes, bytes, dict]:
    """The page's exported text, `cleanup apply` on the page's exported decisions, the decisions."""
    text = review.download("#b-export-text")
    decisions_bytes = review.download("#b-export-dec")
    decisions = tmp_path / "decisions.json"
    decisions.write_bytes(decisions_bytes)
    return text, cleaned.apply(decisions), json.loads(decisions_bytes)


def test_review_the_sample_article_and_export_what_apply_gives(review, clean_file, tmp_path: Path):
    source = tmp_path / "openai-broadcom.txt"
    shutil.copy(SAMPLE, source)
    cleaned = clean_file(source, tmp_path / "out")
    report = cleaned.report
    total = len(report["findings"])
    fix, suggestion = first(report, "NAME-PEOPLE"), first(report, "TEST-SUGGEST-ONE")
    choice, flag = first(report, "TEST-SUGGEST-ALTERNATIVES"), first(report, "TEST-FLAG")
    assert report["findings"][fix]["applied"] and not report["findings"][suggestion]["applied"]

    review.open(cleaned.html)
    assert review.count("open") == total and review.count("acc") == review.count("rej") == 0
    page = review.page
    review.select(fix)
    assert page.text_content("#i-rule") == "NAME-PEOPLE" and page.text_content("#i-kind") == "applied fix"
    page.keyboard.press("r")
    assert page.text_content("#i-status") == "rejected"
    assert "s-rej" in page.get_attribute(f"#doc .chg[data-i='{fix}']", "class")
    review.select(suggestion)
    page.keyboard.press("a")
    review.select(choice)
    assert page.locator("#i-alts li").all_text_contents() == ["ohne Zweifel", "sicher", "gewiss"]
    page.keyboard.press("3")
    assert page.text_content("#i-alts li.chosen") == "gewiss"
    review.select(flag)
    page.keyboard.press("e")
    page.fill("#own-text", "Kunden")
    page.keyboard.press("Enter")
    assert page.text_content(f"#doc .chg[data-i='{flag}']") == "KäuferKunden"  # removed, then inserted
    page.keyboard.press("j")
    assert page.text_content("#i-pos").startswith(f"#{flag + 2} of {total}")
    assert (review.count("open"), review.count("acc"), review.count("rej")) == (total - 4, 3, 1)

    text, applied, decisions = export_and_apply(review, cleaned, tmp_path)
    assert text == applied
    expected = cleaned.clean.read_text("utf-8")
    for old, new in [("Sam Altman", "Ultraman"), ("markiert", "kennzeichnet"), ("zweifellos", "gewiss")]:
        expected = replace_once(expected, old, new)
    assert text.decode("utf-8") == replace_once(expected, "Käufer", "Kunden")
    assert decisions["report_sha256"].startswith("sha256:") and len(decisions["decisions"]) == 4

    review.select(choice)  # the README's picture: a suggestion with its alternatives
    page.set_viewport_size({"width": 1200, "height": 660})
    page.screenshot(path=tmp_path / "review.png")
    if os.environ.get("MT_CLEANUP_SCREENSHOT"):  # `make screenshot` refreshes it
        SCREENSHOT.parent.mkdir(exist_ok=True)
        SCREENSHOT.write_bytes((tmp_path / "review.png").read_bytes())

    page.keyboard.press("v")  # side by side: one row per line, original left, cleaned right
    rows = page.locator("#doc .row").count()
    assert rows == source.read_text("utf-8").count("\n") + 1
    assert page.locator("#doc p.orig").count() == page.locator("#doc p.cur").count() == rows
    left, right = (page.inner_text(f"#doc .row >> nth=4 >> p.{side}") for side in ("orig", "cur"))
    assert left.startswith("Hinter OpenAs Schritt") and right.startswith("Hinter OpenAIs Schritt")
    assert "Unternehmens Ultraman erklärte" in left and "Unternehmens Ultraman" in right  # rejected
    page.keyboard.press("v")
    assert page.locator("#doc p.orig").first.is_hidden()

    page.reload()  # progress stays in local storage, keyed by the report's hash
    page.wait_for_selector("body[data-ready='1']")
    assert (review.count("open"), review.count("acc"), review.count("rej")) == (total - 4, 3, 1)
    assert review.download("#b-export-text") == text
    assert review.errors == [] and review.outside_requests() == []


def test_filters_and_bulk_decisions_match_apply(review, clean_file, tmp_path: Path):
    source = tmp_path / "article.txt"
    shutil.copy(SAMPLE, source)
    cleaned = clean_file(source, tmp_path / "out")
    findings = cleaned.report["findings"]
    hyphen = {i for i, f in enumerate(findings) if f["category"] == "hyphen"}
    assert hyphen and len(hyphen) < len(findings)

    review.open(cleaned.html)
    page = review.page
    page.locator("#f-cats label", has_text="hyphen").locator("input").uncheck()
    seen = set()
    for _ in range(len(findings)):
        page.keyboard.press("j")
        seen.add(int(page.text_content("#i-pos").split()[0][1:]) - 1)
    assert seen == set(range(len(findings))) - hyphen  # navigation skips what is filtered out
    page.click("#b-acc-shown")
    assert review.count("acc") == len(findings) - len(hyphen)
    page.locator("#groups tr", has_text="HYPHEN-SPACE-COMPOUND").locator("button", has_text="✗").click()
    rule = sum(f["rule"] == "HYPHEN-SPACE-COMPOUND" for f in findings)
    assert review.count("rej") == rule

    text, applied, _ = export_and_apply(review, cleaned, tmp_path)
    assert text == applied
    assert b"KI -Chips" in text and b"Sam Altman" in text and b"ohne Zweifel" in text
    assert review.errors == [] and review.outside_requests() == []


HOSTILE = (
    'Openai meldet: </script><script>window.pwned = 1</script> "><img src=x onerror="window.pwned = 2">\r\n'
    "{{ 7*7 }} {% raw %} ${7*7} </textarea><textarea> <!-- <style>body{display:none}</style>\r\n"
    "Ein 😀 vor KI -Chips, dann Openai und AI -Chips. Der Käufer ist zweifellos &amp; <b>fett</b>.\r\n"
)


def test_document_text_is_shown_as_text_and_runs_nothing(review, clean_file, tmp_path: Path):
    source = tmp_path / 'x"><img src=y onerror=alert(1)>.txt'
    source.write_bytes(HOSTILE.encode("utf-8"))
    cleaned = clean_file(source, tmp_path / "out")
    review.open(cleaned.html)
    page = review.page
    assert page.evaluate("typeof window.pwned") == "undefined" and review.dialogs == []
    assert page.locator("img, iframe, object, embed, textarea, #doc b, #doc script, #doc style").count() == 0
    shown = page.inner_text("#doc")
    for literal in ("</script><script>window.pwned = 1</script>", '"><img src=x onerror=', "{{ 7*7 }}", "</textarea>"):
        assert literal in shown
    assert page.text_content("#file") == source.name
    assert page.title() == f"Review: {source.name}"

    # offsets after the emoji (two UTF-16 units) and CRLF line ends survive the round trip
    after_emoji = HOSTILE.index("😀")
    hyphen = next(
        i
        for i, f in enumerate(cleaned.report["findings"])
        if f["rule"] == "HYPHEN-SPACE-COMPOUND" and f["start"] > after_emoji
    )
    review.select(hyphen)
    page.keyboard.press("r")
    text, applied, decisions = export_and_apply(review, cleaned, tmp_path)
    assert text == applied
    [decision] = decisions["decisions"]  # its surrounding text counted in code points, as Python does
    assert (decision["before"], decision["after"]) == context(HOSTILE, decision["start"], decision["end"])
    assert "😀" in decision["before"]
    assert text.count(b"\r\n") == 3 and "😀 vor KI -Chips".encode() in text and b" -Chips. Der" not in text
    assert b"Openai" not in text
    assert review.errors == [] and review.outside_requests() == []


def test_a_megabyte_with_ten_thousand_findings_stays_responsive(review, clean_file, tmp_path: Path, capsys):
    source = tmp_path / "big.txt"
    sample = SAMPLE.read_text("utf-8")
    copies = -(-1_000_000 // (len(sample) + 1))
    source.write_text("\n".join([sample] * copies), encoding="utf-8")
    cleaned = clean_file(source, tmp_path / "out")
    total = len(cleaned.report["findings"])
    assert total >= 10_000

    review.open(cleaned.html)
    first_render = review.page.evaluate("window.reviewTimings.firstRender")
    timed_click = """(id) => new Promise((done) => {
        const start = performance.now();
        document.getElementById(id).click();
        void document.body.offsetHeight;  // layout included
        requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - start)));
      })"""
    accept_all = review.page.evaluate(timed_click, "b-acc-shown")
    side_by_side = review.page.evaluate(timed_click, "b-view")
    assert review.count("acc") == total
    text, applied, _ = export_and_apply(review, cleaned, tmp_path)
    assert text == applied
    with capsys.disabled():
        size = source.stat().st_size / 1e6
        print(
            f"\nreview page, {size:.2f} MB text, {total} findings, {cleaned.html.stat().st_size / 1e6:.1f} MB page: "
            f"first render {first_render:.0f} ms, accept all {accept_all:.0f} ms, "
            f"first side-by-side view {side_by_side:.0f} ms"
        )
    assert review.errors == []


@pytest.mark.parametrize("key", ["j", "k"])
def test_navigation_keys_walk_the_changes_in_text_order(review, clean_file, tmp_path: Path, key: str):
    source = tmp_path / "article.txt"
    shutil.copy(SAMPLE, source)
    cleaned = clean_file(source, tmp_path / "out")
    total = len(cleaned.report["findings"])
    review.open(cleaned.html)
    positions = []
    for _ in range(3):
        review.page.keyboard.press(key)
        positions.append(review.page.text_content("#i-pos").split()[0])
    expected = [1, 2, 3] if key == "j" else [total, total - 1, total - 2]
    assert positions == [f"#{n}" for n in expected]
