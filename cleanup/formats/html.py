"""HTML: the text nodes, worked on in the raw source so that the rest stays byte for byte.

Python's tokenizer (html.parser) gives every tag, text run and entity with its position.
Block elements (p, li, td, h1, …) end a segment; formatting elements (b, a, span, …) are
gaps, so `<b>AI</b> -Chips` reads as `AI -Chips`; code, scripts, styles, forms and
embedded objects are never prose (inside a paragraph they read as one protected
character). Entities read as their character and are rewritten only when a fix replaces
them; a run of whitespace reads as one space, as a browser shows it.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import regex

from cleanup.formats.base import Segment, SegmentBuilder
from cleanup.formats.interface import TextFormat

BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "optgroup",
        "option",
        "p",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
# elements whose content is not prose; inline ones (code, kbd, …) read as one protected character
EXCLUDED = frozenset(
    [
        "code",
        "kbd",
        "samp",
        "var",
        "pre",
        "script",
        "style",
        "textarea",
        "template",
        "noscript",
        "svg",
        "math",
        "iframe",
        "object",
        "select",
    ]
)
OBJECTS = frozenset(
    ["img", "input", "embed", "area", "source", "track", "param", "audio", "video", "canvas", "picture"]
)
_WHITESPACE = regex.compile(r"[ \t\n\r\f]+")
_REFERENCE = regex.compile(r"&#?[A-Za-z0-9]+;?")


class _Tokens(HTMLParser):
    """Every token of the page with its start offset, in order."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [m.end() for m in regex.finditer(r"\n", text)]
        self.tokens: list[tuple[str, int, str]] = []  # (kind, start, tag name or data)

    def _add(self, kind: str, value: str) -> None:
        line, column = self.getpos()
        self.tokens.append((kind, self.line_starts[line - 1] + column, value))

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._add("start", tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self._add("empty", tag)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        self._add("data", data)

    def handle_entityref(self, name: str) -> None:
        self._add("ref", name)

    def handle_charref(self, name: str) -> None:
        self._add("ref", name)


class Html(TextFormat):
    name = "html"
    extensions = (".html", ".htm", ".xhtml")
    description = "HTML: text nodes only; tags, attributes, scripts and styles untouched"
    charrefs = True

    def escape(self, text: str) -> str:
        return html.escape(text, quote=False)

    def segments(self, text: str, source: str) -> list[Segment]:
        parser = _Tokens(text)
        parser.feed(text)
        parser.close()
        tokens = parser.tokens
        segments: list[Segment] = []
        builder = SegmentBuilder()
        excluded: tuple[str, int, int] | None = None  # (tag, start, nesting depth)

        def flush() -> None:
            nonlocal builder
            if "".join(builder.chars).strip():
                segments.append(builder.build(f"segment {len(segments) + 1}"))
            builder = SegmentBuilder()

        for index, (kind, start, value) in enumerate(tokens):
            end = tokens[index + 1][1] if index + 1 < len(tokens) else len(text)
            if excluded is not None:
                tag, opened, depth = excluded
                if value == tag and kind in ("start", "end"):
                    depth += 1 if kind == "start" else -1
                    excluded = (tag, opened, depth) if depth else None
                    if not depth and tag not in BLOCKS and tag not in ("pre", "script", "style", "template"):
                        builder.protect(opened, end)
                continue
            if kind in ("start", "empty", "end") and (value in BLOCKS or value in ("pre", "script", "style")):
                flush()
            if kind == "start" and value in EXCLUDED:
                excluded = (value, start, 1)
            elif kind in ("start", "empty") and value == "br":
                builder.protect(start, end, "\n")
            elif kind in ("start", "empty") and value in OBJECTS:
                builder.protect(start, end)
            elif kind == "data":
                _add_text(builder, start, value)
            elif kind == "ref":
                reference = _REFERENCE.match(text, start)
                raw = reference.group() if reference else text[start:end]
                decoded = html.unescape(raw)
                if decoded == raw:
                    builder.text(start, raw)
                else:
                    builder.atom(start, start + len(raw), decoded)
        flush()
        return segments


def _add_text(builder: SegmentBuilder, start: int, data: str) -> None:
    """Text as it stands, except that a run of whitespace other than one space reads as one space."""
    pos = 0
    for m in _WHITESPACE.finditer(data):
        builder.text(start + pos, data[pos : m.start()])
        if m.group() == " ":
            builder.text(start + m.start(), " ")
        else:
            builder.atom(start + m.start(), start + m.end(), " ")
        pos = m.end()
    builder.text(start + pos, data[pos:])
