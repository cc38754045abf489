"""Word files: made here with python-docx, cleaned, opened again with python-docx.

A clean file comes back as the same bytes; a dirty one changes only the text of the
w:t elements a fix covers, every run keeps its formatting, and every part of the
package except word/document.xml is copied byte for byte.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from cleanup import Cleaner
from cleanup.findings import Finding
from cleanup.formats import process_file
from cleanup.review import Decision
from cleanup.textio import CleanupError

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner.from_config(rules=[FIXTURES / "rules.yaml"], builtin=False)


def _runs(paragraph, *parts: tuple[str, str]) -> None:
    """Add runs: (text, style) with style "" plain, "b" bold, "i" italic."""
    for text, style in parts:
        run = paragraph.add_run(text)
        run.bold = "b" in style or None
        run.italic = "i" in style or None


def _hyperlink(paragraph, text: str) -> None:
    link = OxmlElement("w:hyperlink")
    target = "https://example.com/Openai"
    link.set(qn("r:id"), paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def make_docx(path: Path, dirty: bool) -> Path:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Openai KI -Chips in der Kopfzeile"
    document.add_heading("Openai bestellt KI -Chips" if dirty else "OpenAI bestellt KI-Chips", level=1)
    p = document.add_paragraph()
    if dirty:
        _runs(p, ("Die ", ""), ("KI", "b"), (" -Chips\u00a0von Open", ""), ("ai", "i"), (" kommen", ""))
    else:
        _runs(p, ("Die ", ""), ("KI", "b"), ("-Chips\u00a0von Open", ""), ("AI", "i"), (" kommen", ""))
    p.add_run().add_tab()
    _runs(p, ("ins Rechen" if dirty else "ins Rechenzentrum", ""), (" zentrum" if dirty else "", "b"), (".", ""))
    p = document.add_paragraph()
    _runs(p, ("Ultra" if dirty else "Sam Alt", "b"), ("man sagte:", ""))
    p.add_run().add_break()
    _runs(p, ("Die F & E -Abteilung wächst." if dirty else "Die Forschung wächst.", ""))
    p = document.add_paragraph("Mehr bei ")
    _hyperlink(p, "Openai" if dirty else "OpenAI")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Openai" if dirty else "OpenAI"
    table.cell(0, 1).text = "KI -Chips" if dirty else "KI-Chips"
    document.add_paragraph("")
    path.write_bytes(_saved(document))
    return path


def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _run_formats(data: bytes) -> list[list[bytes]]:
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    return [
        [etree.tostring(r.rPr) if r.rPr is not None else b"" for r in p.iter(qn("w:r"))] for p in body.iter(qn("w:p"))
    ]


def test_a_clean_document_comes_back_as_the_same_bytes(tmp_path: Path, sample_cleaner: Cleaner):
    path = make_docx(tmp_path / "clean.docx", dirty=False)
    outcome = process_file(path, sample_cleaner)
    assert [f for f in outcome.result.findings if f.applied] == []
    assert outcome.output() == path.read_bytes()


def test_fixes_change_only_the_text_of_the_runs_they_cover(tmp_path: Path, cleaner: Cleaner):
    path = make_docx(tmp_path / "dirty.docx", dirty=True)
    data = process_file(path, cleaner).output()
    before, after = _parts(path.read_bytes()), _parts(data)
    assert list(after) == list(before)
    assert [name for name in before if before[name] != after[name]] == ["word/document.xml"]
    assert after["word/document.xml"].startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n")
    cleaned = docx.Document(io.BytesIO(data))
    texts = [p.text for p in cleaned.paragraphs]
    assert texts[:3] == [
        "OpenAI bestellt KI-Chips",
        "Die KI-Chips\u00a0von OpenAI kommen\tins Rechenzentrum.",
        "Sam Altman sagte:\nDie F&E-Abteilung wächst.",
    ]
    link = cleaned.paragraphs[3]._p.find(qn("w:hyperlink"))
    assert link.xpath("string(.)") == "OpenAI" and link.get(qn("r:id"))
    assert [c.text for c in cleaned.tables[0].rows[0].cells] == ["OpenAI", "KI-Chips"]
    assert cleaned.sections[0].header.paragraphs[0].text == "Openai KI -Chips in der Kopfzeile"
    assert _run_formats(data) == _run_formats(path.read_bytes())  # every run keeps its formatting
    runs = [(r.text, r.bold, r.italic) for r in cleaned.paragraphs[1].runs]
    assert runs[:5] == [("Die ", None, None), ("KI", True, None), ("-Chips\u00a0von Open", None, None),
                        ("AI", None, True), (" kommen", None, None)]  # fmt: skip


def test_findings_name_the_paragraph(tmp_path: Path, cleaner: Cleaner):
    outcome = process_file(make_docx(tmp_path / "dirty.docx", dirty=True), cleaner)
    by_rule = {f.rule: f.location for f in outcome.result.findings}
    assert by_rule["T-ALTMAN"] == {"paragraph": 3}
    assert outcome.result.original.split("\n\n")[2] == "Ultraman sagte:\nDie F & E -Abteilung wächst."


def test_a_reviewers_text_over_several_runs_goes_into_the_first_one(tmp_path: Path, cleaner: Cleaner):
    outcome = process_file(make_docx(tmp_path / "dirty.docx", dirty=True), cleaner)
    findings = outcome.result.findings
    index = next(i for i, f in enumerate(findings) if f.rule == "T-MERGE")
    decision = Decision.about(outcome.result.original, findings[index], "accepted", "Datenzentrum")
    cleaned = docx.Document(io.BytesIO(outcome.output({index: decision})))
    assert cleaned.paragraphs[1].text.endswith("\tins Datenzentrum.")
    tail = [(r.text, r.bold) for r in cleaned.paragraphs[1].runs][-3:]
    assert "".join(text for text, _ in tail) == "ins Datenzentrum." and tail[-1] == (".", None)


def test_a_change_over_a_tab_is_refused_not_garbled(tmp_path: Path, cleaner: Cleaner):
    """A reviewer may accept a flag with own text; where that text would replace a tab
    (or a drawing), there is no run to put it in: one clear error, no broken file."""
    outcome = process_file(make_docx(tmp_path / "dirty.docx", dirty=True), cleaner)
    text = outcome.result.original
    start = text.index("kommen\tins")
    flag = Finding("MANUAL", "style", "suggest", start, start + 10, text[start : start + 10], [], "Satz umstellen.")
    outcome.result.findings.append(flag)
    decision = Decision.about(text, flag, "accepted", "kommen ins")
    with pytest.raises(CleanupError, match="covers more than text"):
        outcome.output({len(outcome.result.findings) - 1: decision})
