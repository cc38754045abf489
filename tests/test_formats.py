"""Formats: a clean file comes back byte for byte, a dirty one changes only in its prose,
and the result still opens in the format's usual parser with the same structure.

Dirty files are cleaned with the small fixed pack tests/fixtures/formats/rules.yaml, and
their expected results (*.expected.*) were written by hand, fix by fix. Clean files are
cleaned with the built-in packs: correct German must not change.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polib
import pytest
import srt
import webvtt
from lxml import etree
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from cleanup import Cleaner
from cleanup.engine import apply_fixes, first_replacement
from cleanup.formats import FORMATS, format_for, process_file
from cleanup.formats.base import PLACEHOLDER, SegmentBuilder
from cleanup.htmlreport import payload, render
from cleanup.review import Decision

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
SCRIPT = Path(sys.executable).parent / "cleanup"
DIRTY = ["article.md", "article.html", "news.xlf", "news21.xlf", "messages.po", "interview.srt", "interview.vtt"]
CLEAN = ["clean.md", "clean.html", "clean.xlf", "clean.po", "clean.srt", "clean.vtt"]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner.from_config(rules=[FIXTURES / "rules.yaml"], builtin=False)


def expected(name: str) -> Path:
    stem, suffix = name.rsplit(".", 1)
    return FIXTURES / f"{stem}.expected.{suffix}"


def cleaned(name: str, cleaner: Cleaner) -> bytes:
    return process_file(FIXTURES / name, cleaner).output()


@pytest.mark.parametrize("name", CLEAN)
def test_a_file_without_artifacts_comes_back_byte_for_byte(name: str, sample_cleaner: Cleaner):
    outcome = process_file(FIXTURES / name, sample_cleaner)
    assert [f for f in outcome.result.findings if f.applied] == []
    assert outcome.output() == (FIXTURES / name).read_bytes()


@pytest.mark.parametrize("name", DIRTY)
def test_a_file_with_artifacts_changes_only_in_its_prose(name: str, cleaner: Cleaner):
    assert cleaned(name, cleaner) == expected(name).read_bytes()


@pytest.mark.parametrize("name", DIRTY)
def test_the_applied_findings_of_the_report_give_the_cleaned_file(name: str, cleaner: Cleaner):
    outcome = process_file(FIXTURES / name, cleaner)
    applied = [f for f in outcome.result.findings if f.applied]
    assert applied
    text = apply_fixes(outcome.result.original, applied, first_replacement)
    assert text.encode("utf-8") == expected(name).read_bytes()


def test_format_is_chosen_by_extension_and_can_be_forced():
    assert format_for(Path("a.MD")).name == "markdown"
    assert format_for(Path("a.htm")).name == "html"
    assert format_for(Path("a.xliff")).name == "xliff"
    assert format_for(Path("a.pot")).name == "po"
    assert format_for(Path("a.log")).name == "text"
    assert format_for(Path("a.txt"), "po").name == "po"
    assert set(FORMATS) == {"text", "markdown", "html", "docx", "xliff", "po", "srt", "vtt"}


# ---- the result opens in each format's usual parser, with the same structure -------------


def _markdown_shape(text: str) -> list[tuple]:
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    shape = []
    for token in tokens:
        if token.type == "inline":
            shape += [(c.type, c.markup, c.attrGet("href"), c.attrGet("src")) for c in token.children or []]
        else:
            shape.append((token.type, token.markup, token.content if token.type in ("fence", "code_block") else ""))
    return shape


def test_markdown_keeps_its_structure_code_and_link_targets(cleaner: Cleaner):
    before = (FIXTURES / "article.md").read_text(encoding="utf-8")
    after = cleaned("article.md", cleaner).decode("utf-8")
    # one fix joined a soft line break ("Rechen" / "zentrum"): text runs differ, nothing else
    shape_before = [s for s in _markdown_shape(before) if s[0] not in ("softbreak", "text")]
    shape_after = [s for s in _markdown_shape(after) if s[0] not in ("softbreak", "text")]
    assert shape_after == shape_before
    assert after.startswith('---\ntitle: "Openai bestellt KI -Chips"\ntags: [KI -Chips, Openai]\n---\n')
    assert "`Openai -Chips --list`" in after and "pip install Openai  # KI -Chips bleiben im Code" in after
    assert '"KI -Chips bei Openai")' in after and "![KI -Chips im Bild]" in after


def test_html_keeps_tags_attributes_scripts_and_entities(cleaner: Cleaner):
    before = lxml_html.document_fromstring((FIXTURES / "article.html").read_bytes())
    after = lxml_html.document_fromstring(cleaned("article.html", cleaner))
    assert [(e.tag, dict(e.attrib)) for e in after.iter()] == [(e.tag, dict(e.attrib)) for e in before.iter()]
    for tag in ("script", "style", "code", "pre", "textarea"):
        assert [e.text for e in after.iter(tag)] == [e.text for e in before.iter(tag)]
    assert after.find(".//h1").text_content() == "OpenAI bestellt KI-Chips"
    raw = cleaned("article.html", cleaner).decode("utf-8")
    assert "&nbsp;f&uuml;r" in raw and "w&#228;chst" in raw and "F&amp;E-Abteilung" in raw
    assert "\r\n" in raw and "\n" not in raw.replace("\r\n", "")  # CRLF line ends kept


@pytest.mark.parametrize("name", ["news.xlf", "news21.xlf"])
def test_xliff_changes_only_target_text(name: str, cleaner: Cleaner):
    before = etree.fromstring((FIXTURES / name).read_bytes())
    after = etree.fromstring(cleaned(name, cleaner))
    assert [(e.tag, dict(e.attrib)) for e in after.iter()] == [(e.tag, dict(e.attrib)) for e in before.iter()]
    pairs = list(zip(after.iter(), before.iter(), strict=True))
    changed = {etree.QName(a).localname for a, b in pairs if a.text != b.text}
    changed |= {etree.QName(a.getparent()).localname for a, b in pairs if a.tail != b.tail}
    assert changed == {"target"}  # text inside a target, or after an inline element in it
    ns = {"x": before.nsmap[None]}
    for path in ("//x:source", "//x:alt-trans//x:target", "//x:trans-unit[@translate='no']/x:target", "//x:note"):
        assert [etree.tostring(e) for e in after.xpath(path, namespaces=ns)] == [
            etree.tostring(e) for e in before.xpath(path, namespaces=ns)
        ]


def test_po_changes_only_msgstr_and_keeps_flags(cleaner: Cleaner):
    before = polib.pofile((FIXTURES / "messages.po").read_text(encoding="utf-8"))
    after = polib.pofile(cleaned("messages.po", cleaner).decode("utf-8"))
    assert [(e.msgctxt, e.msgid, e.msgid_plural, e.flags, e.occurrences, e.comment, e.obsolete) for e in after] == [
        (e.msgctxt, e.msgid, e.msgid_plural, e.flags, e.occurrences, e.comment, e.obsolete) for e in before
    ]
    assert after.metadata == before.metadata
    by_id = {e.msgid: e for e in after}
    assert by_id["OpenAI AI chip dashboard"].msgstr == "OpenAI KI-Chip-Übersicht"
    assert by_id[before[1].msgid].msgstr == "%(count)d GPUs sind im Rechenzentrum %(site)s ausgelastet"
    deal = [e for e in after if "Broadcom" in e.msgid][0]
    assert deal.msgstr == "Der „Broadcom“-Vertrag ist %s wert und umfasst 12 Gigawatt an KI-Chips."
    assert "fuzzy" in deal.flags
    assert by_id["One rack"].msgstr_plural == {0: "Ein Rack", 1: "%d Racks von OpenAI"}
    assert after.obsolete_entries()[0].msgstr == "Alte Openai KI -Chips"


def test_subtitles_keep_numbers_timecodes_and_line_breaks(cleaner: Cleaner):
    before = list(srt.parse((FIXTURES / "interview.srt").read_text(encoding="utf-8")))
    after = list(srt.parse(cleaned("interview.srt", cleaner).decode("utf-8")))
    assert [(s.index, s.start, s.end) for s in after] == [(s.index, s.start, s.end) for s in before]
    assert [s.content for s in after] == [
        "OpenAI bestellt KI-Chips\n<i>bei Broadcom.</i>",
        "{\\an8}Sam Altman sagte: Das Rechen\nzentrum steht.",  # a cue's line break is never removed
        "Die F&E-Abteilung wächst.",
    ]
    vtt_before = webvtt.from_string((FIXTURES / "interview.vtt").read_text(encoding="utf-8"))
    vtt_after = webvtt.from_string(cleaned("interview.vtt", cleaner).decode("utf-8"))
    assert [(c.identifier, c.start, c.end) for c in vtt_after] == [(c.identifier, c.start, c.end) for c in vtt_before]
    assert vtt_after.captions[1].raw_text == "Sam Altman sagte: Die F&amp;E-Abteilung <00:00:05.000>wächst."


# ---- what may not be written back ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("gap.html", "<p>Die <b>KI</b>Chips von Openai.</p>"),
        ("gap.xlf", None),
    ],
)
def test_a_fix_that_would_need_to_go_into_markup_becomes_a_flag(tmp_path: Path, cleaner: Cleaner, name, content):
    path = tmp_path / name
    path.write_text(
        content
        or '<xliff version="1.2"><file source-language="en"><body><trans-unit id="u1"><source>AI chips by OpenAI'
        '</source><target>Die <g id="1">KI</g>Chips von Openai.</target></trans-unit></body></file></xliff>',
        encoding="utf-8",
    )
    outcome = process_file(path, cleaner)
    findings = {f.rule: f for f in outcome.result.findings}
    assert findings["T-OPENAI"].applied
    stuck = findings["T-INSERT"]
    assert not stuck.applied and stuck.replacements == [] and "Vorschlag: „KI-Chips“" in stuck.message
    assert outcome.output().decode("utf-8") == path.read_text(encoding="utf-8").replace("Openai", "OpenAI")


def test_segment_changes_stay_off_protected_characters_and_gaps():
    builder = SegmentBuilder()
    builder.text(0, "ab")  # file 0-2
    builder.protect(2, 7)  # a placeholder, file 2-7
    builder.text(7, "cd")  # file 7-9
    builder.text(20, "ef")  # after a gap: file 20-22
    builder.atom(22, 27, "&")  # an entity, file 22-27
    seg = builder.build("s")
    assert seg.text == f"ab{PLACEHOLDER}cdef&"
    assert seg.raw_change(0, 2) == (0, 2)
    assert seg.raw_change(1, 3) is None  # touches the placeholder
    assert seg.raw_change(3, 4) == (7, 8)
    assert seg.raw_change(4, 6) is None  # spans the gap
    assert seg.raw_change(5, 5) is None  # an insertion in the gap: inside or outside the markup?
    assert seg.raw_change(7, 8) == (22, 27)  # the whole entity
    assert seg.raw_change(6, 8) == (21, 27)
    assert seg.raw_enclosing(4, 6) == (8, 21)


def test_placeholders_and_outer_whitespace_are_not_prose():
    from cleanup.formats.base import PLACEHOLDERS

    builder = SegmentBuilder()
    builder.text(10, "  %(count)d Chips für {0} und %s  ")
    seg = builder.build("s", placeholders=PLACEHOLDERS)
    assert seg.text == f"{PLACEHOLDER} Chips für {PLACEHOLDER} und {PLACEHOLDER}"
    assert (seg.starts[0], seg.ends[0]) == (12, 21) and seg.protected[0]


# ---- reports and review decisions ----------------------------------------------------------


def test_findings_carry_a_location_the_user_recognises(cleaner: Cleaner):
    def locations(name: str) -> list[dict]:
        return [f.location for f in process_file(FIXTURES / name, cleaner).result.findings]

    def where(name: str, line: int, word: str) -> dict[str, int]:
        text = (FIXTURES / name).read_text(encoding="utf-8").splitlines()[line - 1]
        return {"line": line, "column": text.index(word) + 1}

    assert {"unit": "p2", **where("news.xlf", 16, "Ultraman")} in locations("news.xlf")
    assert {"unit": "u1", "segment": "s2", **where("news21.xlf", 19, "Rechen zentrum")} in locations("news21.xlf")
    one_rack = {"msgid": "One rack", "entry_line": 32, "plural": 1}
    assert {**one_rack, **where("messages.po", 35, "Openai")} in locations("messages.po")
    assert {"cue": "2", **where("interview.srt", 8, "Ultraman")} in locations("interview.srt")
    assert where("article.md", 6, "Openai") in locations("article.md")


def test_bilingual_report_lists_segments_with_their_source(cleaner: Cleaner):
    outcome = process_file(FIXTURES / "news.xlf", cleaner)
    report = json.loads(json.dumps(outcome.report("news.xlf")))
    segments = {s["id"]: s for s in report["segments"]}
    assert list(segments) == ["title", "p1", "p2", "p3", "p4", "p5"]  # translate="no" is not a segment
    text = outcome.result.original
    p1 = segments["p1"]
    assert p1["source"] == "The deal covers 10 gigawatts of custom AI chips worth $1.5 billion."
    assert text[p1["target_start"] : p1["target_end"]].startswith('Der Vertrag umfasst <g id="1">10 Gigawatt</g>')
    assert segments["p3"]["source"] == f"Open the dashboard at {PLACEHOLDER} to see the GPU usage."
    assert report["findings"][0]["location"]["unit"] == "title"
    assert "segments" not in process_file(FIXTURES / "article.md", cleaner).report("article.md")


def test_review_page_gets_each_source_beside_its_target(cleaner: Cleaner):
    outcome = process_file(FIXTURES / "news.xlf", cleaner)
    data = payload(outcome.result, "news.xlf", {}, {}, outcome.segments)
    text = outcome.result.original
    rows = {row[0]: row for row in data["segments"]}
    _, source, start, end = rows["p2"]
    assert source == "Sam Altman said the first racks ship in 2026."
    assert text[start:end] == "Ultraman sagte, die ersten Racks würden 2027 ausgeliefert."
    page = render(outcome.result, "news.xlf", {}, None, outcome.segments)
    assert "Sam Altman said the first racks ship in 2026." in page


def test_review_decisions_apply_to_structured_files(cleaner: Cleaner):
    outcome = process_file(FIXTURES / "news.xlf", cleaner)
    findings = outcome.result.findings
    index = next(i for i, f in enumerate(findings) if f.rule == "T-ALTMAN")
    rejected = Decision.about(outcome.result.original, findings[index], "rejected")
    text = outcome.output({index: rejected}).decode("utf-8")
    assert '<target state="translated">Ultraman sagte' in text
    assert text.replace("Ultraman sagte", "Sam Altman sagte") == expected("news.xlf").read_text(encoding="utf-8")


# ---- the command line ----------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


def test_cli_cleans_a_po_file_with_a_glossary(tmp_path: Path):
    glossary = tmp_path / "terms.csv"
    glossary.write_text("source;target\nGPU;Grafikprozessor\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run(
        "clean", str(FIXTURES / "messages.po"), "-o", str(out), "--no-languagetool", "--no-builtin",
        "--rules", str(FIXTURES / "rules.yaml"), "--glossary", str(glossary),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (out / "messages.clean.po").read_bytes() == expected("messages.po").read_bytes()
    report = json.loads((out / "messages.report.json").read_text(encoding="utf-8"))
    flags = [(f["rule"], f["location"]["msgid"]) for f in report["findings"] if f["category"] == "bilingual"]
    assert ("BILINGUAL-GLOSSARY", "%(count)d GPUs are busy in the %(site)s data center") in flags
    assert ("BILINGUAL-UNTRANSLATED", "Save settings") in flags
    assert report["segments"][0]["source"] == "OpenAI AI chip dashboard"


def test_cli_check_forces_a_format_and_names_locations(tmp_path: Path):
    po = tmp_path / "messages.txt"
    po.write_bytes((FIXTURES / "messages.po").read_bytes())
    result = run("check", "--format", "po", "--no-builtin", "--rules", str(FIXTURES / "rules.yaml"), str(po))
    assert result.returncode == 1
    assert f"{po}:15:9: T-OPENAI" in result.stdout
    assert "Project-Id-Version" not in result.stdout


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.po", 'msgid "x"\ngarbage\n', "bad.po:2: not a line of a PO file"),
        ("bad.xlf", "<xliff><unit", "bad.xlf: not well-formed XML"),
        ("bad2.xlf", "<html><body/></html>", "bad2.xlf: not an XLIFF file"),
        ("bad.docx", "not a zip", "bad.docx: not a Word .docx file"),
    ],
)
def test_cli_bad_documents_are_one_line_errors(tmp_path: Path, name: str, content: str, message: str):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("check", "--no-builtin", "--rules", str(FIXTURES / "rules.yaml"), str(path))
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_cli_an_unreadable_glossary_is_a_one_line_error(tmp_path: Path):
    glossary = tmp_path / "terms.csv"
    glossary.write_text("GPU\n", encoding="utf-8")
    result = run("check", "--glossary", str(glossary), str(FIXTURES / "clean.po"))
    assert result.returncode == 2
    assert (
        result.stderr.strip() == f"cleanup: error: {glossary}:1: a glossary row needs a source term and a German term"
    )


def test_output_is_written_in_the_input_encoding(tmp_path: Path, cleaner: Cleaner):
    path = tmp_path / "latin.xlf"
    path.write_bytes(
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<xliff version="1.2"><file source-language="en"><body>'
        '<trans-unit id="1"><source>Quotes</source><target>Der "Chip" für Openai</target></trans-unit>'
        "</body></file></xliff>".encode("iso-8859-1")
    )
    data = process_file(path, cleaner).output()
    # „ and “ do not exist in Latin-1: XML character references keep the file valid
    assert data.decode("iso-8859-1").endswith(
        "<target>Der &#8222;Chip&#8220; für OpenAI</target></trans-unit></body></file></xliff>"
    )
    assert etree.fromstring(data).xpath("string(//target)") == "Der „Chip“ für OpenAI"


def test_plain_text_is_cleaned_as_before_with_line_locations(sample_cleaner: Cleaner, tmp_path: Path):
    path = tmp_path / "note.txt"
    path.write_bytes(b"Die KI -Chips\r\nvon Openai.\r\n")
    outcome = process_file(path, sample_cleaner)
    direct = sample_cleaner.clean(path.read_bytes().decode("utf-8"))
    assert outcome.result.text == direct.text
    assert [(f.rule, f.start, f.end) for f in outcome.result.findings] == [
        (f.rule, f.start, f.end) for f in direct.findings
    ]
    assert outcome.result.findings[-1].location == {"line": 2, "column": 5}
    assert outcome.output() == direct.text.encode("utf-8")
