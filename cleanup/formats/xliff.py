"""XLIFF 1.2 and 2.x: only the text of each unit's target, with its source beside it.

lxml checks that the file is well-formed XML; the raw text is then read token by token
(tags, text, CDATA, comments with their offsets), so that the file stays byte for byte
outside changed target text. Inline codes are never edited: placeholders (`<x/>`, `<ph>`,
`<cp/>`) and unknown elements read as one protected character, paired codes and
markers (`<g>`, `<pc>`, `<mrk>`, `<bx/>`, `<sc/>`, `<bpt>…</bpt>`) are gaps, and printf or
brace placeholders in the text (`%s`, `{0}`) are protected too. Targets of
`translate="no"` units and alternative translations (`<alt-trans>`) are left alone;
state attributes are never touched.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from lxml import etree

from cleanup.formats.base import PLACEHOLDERS, Segment, SegmentBuilder
from cleanup.formats.interface import TextFormat
from cleanup.textio import InputError

_TOKEN = regex.compile(
    r"(?P<comment><!--.*?-->)|(?P<cdata><!\[CDATA\[.*?\]\]>)|(?P<pi><\?.*?\?>)"
    r"|(?P<doctype><!DOCTYPE(?:[^\[>]|\[.*?\])*>)"
    r"""|<(?P<close>/)?(?P<name>[^\s/>!?]+)(?P<attrs>(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(?P<empty>/)?>"""
    r"|(?P<text>[^<]+)",
    regex.DOTALL,
)
_ATTRIBUTE = regex.compile(r"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REFERENCE = regex.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z_][\w.-]*);")
_PREDEFINED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_DECLARED = regex.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")

# inline elements: markers whose tags are gaps, codes whose whole element is a gap,
# and placeholders that read as one protected character
_MARKERS = frozenset(["g", "pc", "mrk", "bx", "ex", "sc", "ec", "sm", "em"])
_CODES = frozenset(["bpt", "ept", "it"])
_UNIT = {"trans-unit", "unit"}


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _decode_reference(reference: str) -> str | None:
    body = reference[1:-1]
    if body.startswith("#x"):
        return chr(int(body[2:], 16))
    if body.startswith("#"):
        return chr(int(body[1:]))
    return _PREDEFINED.get(body)


class _Collecting:
    """A source or target being read: its builder and the inline element being skipped."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.builder = SegmentBuilder()
        self.skipping: tuple[int, int, bool] | None = None  # (start, depth, protected)


class Xliff(TextFormat):
    name = "xliff"
    extensions = (".xlf", ".xliff")
    description = "XLIFF 1.2 and 2.x: target text only, inline codes and placeholders protected; bilingual checks"
    charrefs = True

    def escape(self, text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def sniff_encoding(self, data: bytes) -> str | None:
        declared = _DECLARED.match(data)
        return declared.group(1).decode("ascii") if declared else None

    def segments(self, text: str, source: str) -> list[Segment]:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, encoding="utf-8")
        try:
            root = etree.fromstring(text.encode("utf-8"), parser)
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise InputError(f"{source}: not well-formed XML: {exc}") from None
        if etree.QName(root).localname != "xliff":
            raise InputError(f"{source}: not an XLIFF file (root element <{etree.QName(root).localname}>)")
        return list(_read(text, source))


def _read(text: str, source_name: str) -> Iterator[Segment]:
    """The targets, in file order, each with its unit's source."""
    stack: list[str] = []
    unit: dict[str, str] = {}
    source_language: str | None = None
    segment_id: str | None = None
    count = 0
    source_text: str | None = None
    collecting: _Collecting | None = None
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise InputError(f"{source_name}: cannot read the XML at offset {pos}")
        start, end = m.span()
        pos = end
        name = _local(m.group("name") or "")
        opening = m.group("name") is not None and not m.group("close")
        closing = m.group("name") is not None and (m.group("close") or m.group("empty"))
        if collecting is not None:
            if _collect(collecting, m, name, opening, closing):
                continue
            # the end of the source or target
            stack.pop()
            segment = collecting.builder.build(
                _unit_id(unit, segment_id), _location(unit, segment_id), placeholders=PLACEHOLDERS
            )
            if collecting.kind == "source":
                source_text = segment.text
            else:
                count += 1
                segment.id = segment.id or f"unit {count}"
                segment.source = source_text
                segment.source_language = source_language
                yield segment
            collecting = None
            continue
        if not opening and not closing:
            continue
        attrs = {_local(k): (v if v is not None else w) for k, v, w in _ATTRIBUTE.findall(m.group("attrs") or "")}
        if opening:
            parent = stack[-1] if stack else ""
            if name == "xliff" or name == "file":
                source_language = attrs.get("srcLang") or attrs.get("source-language") or source_language
            if name in _UNIT:
                unit = {"id": attrs.get("id", ""), "translate": attrs.get("translate", "yes")}
                segment_id, source_text = None, None
            elif name == "segment":
                segment_id, source_text = attrs.get("id", ""), None
            elif (
                name in ("source", "target")
                and parent in ("trans-unit", "segment")
                and not m.group("empty")
                and unit.get("translate") != "no"
            ):
                stack.append(name)
                collecting = _Collecting(name)
                continue
            if not m.group("empty"):
                stack.append(name)
        else:
            while stack and stack.pop() != name:
                pass


def _collect(c: _Collecting, m: regex.Match[str], name: str, opening: bool, closing: bool) -> bool:
    """Feed one token of a source or target; False when it is the element's end tag."""
    start, end = m.span()
    if c.skipping is not None:
        begin, depth, protected = c.skipping
        if m.group("name") is not None:
            depth += (1 if opening else 0) - (1 if closing else 0)
        if depth:
            c.skipping = (begin, depth, protected)
        else:
            c.skipping = None
            if protected:
                c.builder.protect(begin, end)
        return True
    if m.group("text") is not None:
        _add_text(c.builder, start, m.group())
    elif m.group("cdata") is not None:
        c.builder.protect(start, end)
    elif m.group("name") is not None:
        if not opening and name == c.kind:
            return False
        if name in _MARKERS:
            return True
        protected = name not in _CODES
        if opening and not m.group("empty"):
            c.skipping = (start, 1, protected)
        elif protected:
            c.builder.protect(start, end)
    return True


def _add_text(builder: SegmentBuilder, start: int, text: str) -> None:
    pos = 0
    for ref in _REFERENCE.finditer(text):
        builder.text(start + pos, text[pos : ref.start()])
        decoded = _decode_reference(ref.group())
        if decoded is None:  # an entity of the file's own DTD: leave it as it is
            builder.protect(start + ref.start(), start + ref.end())
        else:
            builder.atom(start + ref.start(), start + ref.end(), decoded)
        pos = ref.end()
    builder.text(start + pos, text[pos:])


def _unit_id(unit: dict[str, str], segment_id: str | None) -> str:
    return unit.get("id", "") + (f"/{segment_id}" if segment_id else "")


def _location(unit: dict[str, str], segment_id: str | None) -> dict[str, str]:
    location = {"unit": unit.get("id", "")}
    if segment_id:
        location["segment"] = segment_id
    return location
