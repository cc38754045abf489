"""Subtitles (SRT, WebVTT): the text lines of each cue.

A cue is a block of lines with a timing line (`-->`); the lines after it are its text,
one segment per cue. Numbers, identifiers, timings, cue settings, the WEBVTT header and
NOTE, STYLE and REGION blocks are never prose. Line breaks inside a cue are kept (they
are part of how the subtitle is shown); formatting tags (`<i>`, `<v Anna>`, `{\\an8}`)
are gaps; WebVTT's character references read as their characters.
"""

from __future__ import annotations

import html

import regex

from cleanup.formats.base import Segment, SegmentBuilder
from cleanup.formats.interface import TextFormat

_LINE = regex.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_MARKUP = regex.compile(r"<[^<>\r\n]*>|\{\\[^{}\r\n]*\}")
_REFERENCE = regex.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


class _Subtitles(TextFormat):
    references: bool = False  # WebVTT writes &, < and > as character references

    def escape(self, text: str) -> str:
        return html.escape(text, quote=False) if self.references else text

    def segments(self, text: str, source: str) -> list[Segment]:
        segments = []
        for lines in _blocks(text):
            timing = next((i for i, (s, e, _) in enumerate(lines) if "-->" in text[s:e]), None)
            if timing is None or timing + 1 == len(lines):
                continue
            label = " ".join(text[s:e].strip() for s, e, _ in lines[:timing]) or str(len(segments) + 1)
            builder = SegmentBuilder()
            cue = lines[timing + 1 :]
            for number, (start, end, newline_end) in enumerate(cue):
                self._line(builder, text, start, end)
                if number + 1 < len(cue):
                    builder.protect(end, newline_end, "\n")
            segments.append(builder.build(f"cue {label}", {"cue": label}))
        return segments

    def _line(self, builder: SegmentBuilder, text: str, start: int, end: int) -> None:
        pos = start
        for tag in _MARKUP.finditer(text, start, end):
            self._text(builder, text, pos, tag.start())
            pos = tag.end()
        self._text(builder, text, pos, end)

    def _text(self, builder: SegmentBuilder, text: str, start: int, end: int) -> None:
        pos = start
        if self.references:
            for ref in _REFERENCE.finditer(text, start, end):
                builder.text(pos, text[pos : ref.start()])
                decoded = html.unescape(ref.group())
                if decoded == ref.group():
                    builder.protect(ref.start(), ref.end())
                else:
                    builder.atom(ref.start(), ref.end(), decoded)
                pos = ref.end()
        builder.text(pos, text[pos:end])


def _blocks(text: str) -> list[list[tuple[int, int, int]]]:
    """Blocks of non-blank lines: (start, end without the line break, end with it)."""
    blocks: list[list[tuple[int, int, int]]] = [[]]
    for m in _LINE.finditer(text):
        if m.start() == len(text) and not m.group():
            break
        if m.group(1).strip():
            blocks[-1].append((m.start(1), m.end(1), m.end()))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


class Srt(_Subtitles):
    name = "srt"
    extensions = (".srt",)
    description = "SubRip subtitles: text lines only; numbers and timecodes untouched"


class Vtt(_Subtitles):
    name = "vtt"
    extensions = (".vtt",)
    description = "WebVTT subtitles: cue text only; header, notes, styles and timings untouched"
    references = True
