"""Word (.docx): the paragraphs of the main document (body, tables, text boxes).

python-docx opens the package; each paragraph's runs are read in order, the text of
their `w:t` elements as prose, tabs and line breaks as protected characters, drawings,
symbols and note references as one protected character each. The report's text is the
paragraphs joined by blank lines. A fix goes into the `w:t` elements it covers: the new
text into the first one, the rest of the changed text taken out of the following ones,
so every run keeps its formatting (`w:rPr`); runs a fix does not touch are not touched.
Only `word/document.xml` is rewritten, and only when something changed; every other
part of the package is copied byte for byte, and a file without changes is returned as
it came.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import qn
from lxml import etree

from cleanup.findings import Finding
from cleanup.formats.base import Outcome, SegmentBuilder, changes, clean_segments
from cleanup.formats.interface import Format
from cleanup.textio import CleanupError, InputError

if TYPE_CHECKING:
    from cleanup.cleaner import Cleaner
    from cleanup.formats.bilingual import Glossary

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SHOWN = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "\u2011"}
# run content that is not shown as text, or only marks a place
_SILENT = {qn(t) for t in ("w:rPr", "w:instrText", "w:delText", "w:fldChar", "w:softHyphen", "w:lastRenderedPageBreak")}
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class _Text:
    """One `w:t` element and where its text stands in the report's text."""

    start: int
    end: int
    element: etree._Element


class Word(Format):
    name = "docx"
    extensions = (".docx",)
    description = "Word documents: paragraphs and runs; formatting kept, other parts byte for byte"

    def process(
        self, data: bytes, source: str, cleaner: Cleaner, *, encoding: str | None, glossary: Glossary | None
    ) -> Outcome:
        try:
            document = docx.Document(io.BytesIO(data))
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
            raise InputError(f"{source}: not a Word .docx file ({exc or type(exc).__name__})") from None
        body = document.element.body
        parts: list[str] = []
        texts: list[_Text] = []
        segments = []
        length = 0
        paragraphs = [p for p in body.iter(qn("w:p")) if next(p.iterancestors(_MC_FALLBACK), None) is None]
        for number, paragraph in enumerate(paragraphs, start=1):
            if parts:
                parts.append("\n\n")
                length += 2
            builder = SegmentBuilder()
            for child in _run_content(paragraph):
                if child.tag == qn("w:t"):
                    value = child.text or ""
                    builder.text(length, value)
                    texts.append(_Text(length, length + len(value), child))
                elif child.tag in _SILENT:
                    continue
                else:
                    value = _SHOWN.get(child.tag, "\ufffc")
                    builder.protect(length, length + 1, value)
                parts.append(value)
                length += len(value)
            segments.append(builder.build(f"paragraph {number}", {"paragraph": number}))
        text = "".join(parts)
        result = clean_segments(text, segments, cleaner.clean, lambda s: s, lines=False)

        def write(_text: str, edits: list[tuple[Finding, str]]) -> bytes:
            if not edits:
                return data
            for finding, replacement in sorted(edits, key=lambda e: (e[0].start, e[0].end), reverse=True):
                _apply(text, texts, finding, replacement)
            return _repackage(data, document.part.partname.lstrip("/"), serialize_part_xml(document.element))

        return Outcome(result, [], write)


def _run_content(paragraph: etree._Element):
    """The children of the paragraph's own runs (not those of a text box inside it), in order."""
    for run in paragraph.iter(qn("w:r")):
        if next(run.iterancestors(qn("w:p")), None) is paragraph:
            yield from run


def _apply(text: str, texts: list[_Text], finding: Finding, replacement: str) -> None:
    """Write one finding's changes into the w:t elements they cover; findings and their
    changes go last to first, so the offsets of those still to come hold."""
    for i1, i2, new in reversed(changes(text[finding.start : finding.end], replacement)):
        start, end = finding.start + i1, finding.start + i2
        covered = [t for t in texts if t.start < end and start < t.end] or [
            t for t in texts if t.start <= start <= t.end
        ][:1]
        if not covered or sum(min(t.end, end) - max(t.start, start) for t in covered) != end - start:
            raise CleanupError(f"cannot write {finding.rule} at {finding.start}: the change covers more than text")
        first = covered[0]
        value = first.element.text or ""
        rest = value[end - first.start :] if end <= first.end else ""
        _set(first.element, value[: start - first.start] + new + rest)
        for t in covered[1:]:
            _set(t.element, (t.element.text or "")[end - t.start :] if end < t.end else "")


def _set(element: etree._Element, value: str) -> None:
    """Set a w:t's text; Word drops outer spaces unless xml:space="preserve"."""
    element.text = value
    if value != value.strip():
        element.set(_SPACE, "preserve")


def _repackage(data: bytes, name: str, xml: bytes) -> bytes:
    """The package with part `name` replaced (keeping its XML declaration); all else copied."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == name:
                content = _prolog(content) + xml[len(_prolog(xml)) :]
            target.writestr(info, content)
    return out.getvalue()


def _prolog(xml: bytes) -> bytes:
    """The XML declaration and the line break after it (Word writes its own), if any."""
    if not xml.startswith(b"<?xml"):
        return b""
    return xml[: xml.index(b"<", xml.index(b"?>"))]
