"""Markdown: the prose of paragraphs, headings, list items, quotes and table cells.

markdown-it-py finds the blocks and their inline structure; its tokens carry line numbers
but no columns, so each block's inline content is located in its source lines and each
inline token is matched against it in order. Code (blocks and `inline`), HTML blocks,
link targets, autolinks, images and front matter are never part of the prose; emphasis
markers and link brackets are gaps (`**AI** -Chips` reads as `AI -Chips`). A block whose
source does not line up with its tokens is left alone rather than guessed at.
"""

from __future__ import annotations

import bisect
import html

import regex
from markdown_it import MarkdownIt
from markdown_it.token import Token

from cleanup.formats.base import Segment, SegmentBuilder
from cleanup.formats.interface import TextFormat

_LINE_END = regex.compile(r"\r\n|\r|\n")
_FRONT_MATTER = regex.compile(r"(?:---|\+\+\+)[ \t]*(?:\r\n|\r|\n)")
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPECIAL = regex.compile(r"[\\&]")
_PREFIX = regex.compile(r"[ \t>#*+\-\d.)]*")
_TAG_NAME = regex.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
# inline HTML elements that only format text: their tags are gaps, not placeholders
FORMATTING_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
    ]
)
_MARKERS = {"strong_open", "strong_close", "em_open", "em_close", "s_open", "s_close"}


class _Misaligned(Exception):
    """The source does not read as the tokens say; the block is skipped."""


class _Content:
    """A block's inline content and, per content line, where that line starts in the file."""

    def __init__(self, content: str, raw_starts: list[int]) -> None:
        self.content = content
        self.content_starts = [0]
        for line in content.split("\n")[:-1]:
            self.content_starts.append(self.content_starts[-1] + len(line) + 1)
        self.raw_starts = raw_starts

    def raw(self, pos: int) -> int:
        line = bisect.bisect_right(self.content_starts, pos) - 1
        return self.raw_starts[line] + pos - self.content_starts[line]


class Markdown(TextFormat):
    name = "markdown"
    extensions = (".md", ".markdown")
    description = "Markdown: prose only; code, HTML blocks, link targets and front matter untouched"

    def __init__(self) -> None:
        self.parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])

    def segments(self, text: str, source: str) -> list[Segment]:
        lines = _lines(text)
        hidden = _front_matter_lines(text, lines)
        parsed = "\n".join("" if i < hidden else text[s:e] for i, (s, e) in enumerate(lines))
        tokens = self.parser.parse(parsed)
        segments: list[Segment] = []
        row_cursor: dict[int, int] = {}  # table row line → where the next cell is searched
        for index, token in enumerate(tokens):
            if token.type != "inline" or token.map is None or not token.content.strip():
                continue
            in_cell = index > 0 and tokens[index - 1].type in ("th_open", "td_open")
            try:
                content = _cell(token, text, lines, row_cursor) if in_cell else _block(token, text, lines)
                builder = SegmentBuilder()
                _align(token.children or [], content, builder)
            except _Misaligned:
                continue
            segments.append(builder.build(f"line {token.map[0] + 1}"))
        return segments


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end without line break) of every line, as markdown-it counts them."""
    spans = []
    pos = 0
    for m in _LINE_END.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _front_matter_lines(text: str, lines: list[tuple[int, int]]) -> int:
    """How many lines at the top are YAML (---) or TOML (+++) front matter."""
    opening = _FRONT_MATTER.match(text)
    if opening is None:
        return 0
    fence = opening.group().strip()
    closers = {fence, "..."} if fence == "---" else {fence}
    for number, (start, end) in enumerate(lines[1:], start=1):
        if text[start:end].rstrip() in closers:
            return number + 1
    return 0


def _block(token: Token, text: str, lines: list[tuple[int, int]]) -> _Content:
    """Locate each content line as the end of its source line, after block markers."""
    assert token.map is not None
    raw_starts = []
    for offset, line in enumerate(token.content.split("\n")):
        start, end = lines[token.map[0] + offset]
        source_line = text[start:end]
        prefix = _PREFIX.match(source_line)
        assert prefix is not None
        at = next(
            (k for k in range(prefix.end() + 1) if source_line.startswith(line, k) and line),
            None,
        )
        if at is None:
            raise _Misaligned
        raw_starts.append(start + at)
    return _Content(token.content, raw_starts)


def _cell(token: Token, text: str, lines: list[tuple[int, int]], cursor: dict[int, int]) -> _Content:
    """A table cell: its content is found in the row's line after the previous cell."""
    assert token.map is not None
    row = token.map[0]
    start, end = lines[row]
    at = text.find(token.content, cursor.get(row, start), end)
    if at < 0:
        raise _Misaligned
    cursor[row] = at + len(token.content)
    return _Content(token.content, [at])


def _align(children: list[Token], content: _Content, builder: SegmentBuilder) -> None:
    """Match inline tokens to the content in order, feeding the prose to `builder`."""
    s = content.content
    c = 0
    skip_link = False
    for child in children:
        kind = child.type
        if skip_link:
            skip_link = kind != "link_close"
            continue
        if kind == "text":
            c = _align_text(child.content, s, c, content, builder)
        elif kind == "softbreak":
            begin, c = c, _past_line_break(s, c, " \t")
            builder.atom(content.raw(begin), content.raw(c), " ")
        elif kind == "hardbreak":
            begin, c = c, _past_line_break(s, c, " \t\\")
            builder.protect(content.raw(begin), content.raw(c), "\n")
        elif kind == "code_inline":
            if not s.startswith(child.markup, c):
                raise _Misaligned
            close = regex.compile(rf"(?<!`){child.markup}(?!`)").search(s, c + len(child.markup))
            if close is None:
                raise _Misaligned
            builder.protect(content.raw(c), content.raw(close.end()))
            c = close.end()
        elif kind in _MARKERS:
            if not s.startswith(child.markup, c):
                raise _Misaligned
            c += len(child.markup)
        elif kind == "link_open" and child.markup == "autolink":
            close = s.find(">", c)
            if not s.startswith("<", c) or close < 0:
                raise _Misaligned
            builder.protect(content.raw(c), content.raw(close + 1))
            c, skip_link = close + 1, True
        elif kind == "link_open":
            if not s.startswith("[", c):
                raise _Misaligned
            c += 1
        elif kind == "link_close":
            if not s.startswith("]", c):
                raise _Misaligned
            c = _after_target(s, c + 1)
        elif kind == "image":
            if not s.startswith("![", c):
                raise _Misaligned
            end = _after_target(s, _closing_bracket(s, c + 1))
            builder.protect(content.raw(c), content.raw(end))
            c = end
        elif kind == "html_inline":
            if not s.startswith(child.content, c):
                raise _Misaligned
            name = _TAG_NAME.match(child.content)
            if name is None or name.group(1).lower() not in FORMATTING_TAGS:
                builder.protect(content.raw(c), content.raw(c + len(child.content)))
            c += len(child.content)
        else:
            raise _Misaligned
    if s[c:].strip():
        raise _Misaligned


def _align_text(decoded: str, s: str, c: int, content: _Content, builder: SegmentBuilder) -> int:
    """A text token: characters as they stand, backslash escapes and entities as atoms."""
    i = 0
    while i < len(decoded):
        special = _SPECIAL.search(s, c)
        length = min((special.start() if special else len(s)) - c, len(decoded) - i)
        if length > 0 and s.startswith(decoded[i : i + length], c):  # a run up to the next \ or &
            builder.text(content.raw(c), decoded[i : i + length])
            c, i = c + length, i + length
            continue
        ch = decoded[i]
        if s.startswith("\\", c) and c + 1 < len(s) and s[c + 1] == ch and ch.isascii() and not ch.isalnum():
            builder.atom(content.raw(c), content.raw(c + 2), ch)
            c, i = c + 2, i + 1
            continue
        entity = _ENTITY.match(s, c) if s.startswith("&", c) else None
        if entity is not None:
            value = html.unescape(entity.group())
            if value != entity.group() and decoded.startswith(value, i):
                builder.atom(content.raw(c), content.raw(entity.end()), value)
                c, i = entity.end(), i + len(value)
                continue
        if c >= len(s) or s[c] != ch:
            raise _Misaligned
        builder.text(content.raw(c), ch)
        c, i = c + 1, i + 1
    return c


def _past_line_break(s: str, c: int, before: str) -> int:
    """The position after a line break: its marker (`before` characters), the newline and the
    next line's indentation. Anything else there means the tokens do not match the source."""
    c = _skip(s, c, before)
    if not s.startswith("\n", c):
        raise _Misaligned
    return _skip(s, c + 1, " \t")


def _skip(s: str, c: int, chars: str) -> int:
    while c < len(s) and s[c] in chars:
        c += 1
    return c


def _closing_bracket(s: str, c: int) -> int:
    """The position after the `]` that closes the `[` at c."""
    depth = 0
    while c < len(s):
        if s[c] == "\\":
            c += 2
            continue
        depth += {"[": 1, "]": -1}.get(s[c], 0)
        c += 1
        if depth == 0:
            return c
    raise _Misaligned


def _after_target(s: str, c: int) -> int:
    """Skip a link's target after its `]`: `(url "title")`, `[ref]`, or nothing."""
    if s.startswith("[", c):
        return _closing_bracket(s, c)
    if not s.startswith("(", c):
        return c
    depth = 0
    quote = None
    while c < len(s):
        ch = s[c]
        if ch == "\\":
            c += 2
            continue
        if quote is not None:
            quote = None if ch == quote else quote
        elif ch in "\"'" and s[c - 1] in " \t\n":
            quote = ch
        elif ch == "<":
            close = s.find(">", c)
            c = close if close >= 0 else c
        elif ch in "()":
            depth += 1 if ch == "(" else -1
            if depth == 0:
                return c + 1
        c += 1
    raise _Misaligned
