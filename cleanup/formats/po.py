"""gettext PO: only msgstr text, with its msgid beside it.

The file is read line by line with positions; each msgstr (or msgstr[n]) is one segment
made of its quoted strings, with the escapes (`\\"`, `\\n`) read as their characters and
the quotes and line breaks between strings as gaps. Placeholders (`%s`, `%(name)s`,
`{0}`) and markup carried as text are protected, escaped line breaks too. Comments,
flags (`#, fuzzy`), msgctxt, msgid, the header entry and obsolete entries (`#~`) are
never changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from cleanup.formats.base import PLACEHOLDERS, Segment, SegmentBuilder
from cleanup.formats.interface import TextFormat
from cleanup.textio import InputError

_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_KEYWORD = regex.compile(r"[ \t]*(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[ \t]*\")")
_STRING = regex.compile(r'"((?:[^"\\\r\n]|\\.)*)"')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_CHARSET = regex.compile(rb"charset=([A-Za-z0-9._-]+)")

# (offset of the string's content in the file, the content as written)
_Strings = list[tuple[int, str]]


@dataclass
class _Entry:
    line: int
    fields: dict[str, _Strings] = field(default_factory=dict)


class Po(TextFormat):
    name = "po"
    extensions = (".po", ".pot")
    description = "gettext PO: msgstr text only, placeholders protected, flags untouched; bilingual checks"

    def escape(self, text: str) -> str:
        return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")

    def sniff_encoding(self, data: bytes) -> str | None:
        declared = _CHARSET.search(data[:4096])
        name = declared.group(1).decode("ascii") if declared else None
        return None if name in (None, "CHARSET") else name

    def segments(self, text: str, source: str) -> list[Segment]:
        segments = []
        for entry in _entries(text, source):
            msgid = _decoded(entry.fields.get("msgid", []))
            context = _decoded(entry.fields["msgctxt"]) if "msgctxt" in entry.fields else None
            if not msgid:  # the header entry
                continue
            for key, strings in entry.fields.items():
                if not key.startswith("msgstr"):
                    continue
                plural = key[7:-1] if key != "msgstr" else None
                original = "msgid_plural" if plural not in (None, "0") else "msgid"
                location = {"msgid": msgid, "entry_line": entry.line}
                if context is not None:
                    location["msgctxt"] = context
                if plural is not None:
                    location["plural"] = int(plural)
                ident = (f"{context} | " if context else "") + msgid + (f" [{plural}]" if plural else "")
                segment = _build(strings).build(ident, location, placeholders=PLACEHOLDERS)
                segment.source = _build(entry.fields.get(original, [])).build("", placeholders=PLACEHOLDERS).text
                segments.append(segment)
        return segments


def _entries(text: str, source: str) -> Iterator[_Entry]:
    entry: _Entry | None = None
    key: str | None = None
    for number, m in enumerate(_LINE.finditer(text), start=1):
        line = m.group().rstrip("\r\n")
        if m.start() == len(text):
            break
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            if not stripped and entry is not None:
                yield entry
                entry, key = None, None
            continue
        keyword = _KEYWORD.match(line)
        rest = m.start()
        if keyword is not None:
            key = keyword.group(1)
            if entry is not None and key in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in entry.fields):
                yield entry
                entry = None
            entry = entry or _Entry(number)
            entry.fields[key] = []
            rest += keyword.end()
        elif not stripped.startswith('"') or entry is None or key is None:
            raise InputError(f"{source}:{number}: not a line of a PO file: {stripped[:40]!r}")
        line_end = m.start() + len(line)
        strings = list(_STRING.finditer(text, rest, line_end))
        gaps = zip([rest] + [s.end() for s in strings], [s.start() for s in strings] + [line_end], strict=True)
        if not strings or any(text[a:b].strip() for a, b in gaps):
            raise InputError(f"{source}:{number}: a PO string must be in double quotes")
        assert entry is not None and key is not None
        entry.fields[key].extend((s.start(1), s.group(1)) for s in strings)
    if entry is not None:
        yield entry


def _build(strings: _Strings) -> SegmentBuilder:
    """A builder over quoted strings: characters as written, escapes as atoms."""
    builder = SegmentBuilder()
    for start, written in strings:
        pos = 0
        for escape in regex.finditer(r"\\(.)", written):
            builder.text(start + pos, written[pos : escape.start()])
            char = _ESCAPES.get(escape.group(1))
            raw = (start + escape.start(), start + escape.end())
            if char is None or char == "\n":  # octal/hex escapes and line breaks stay as written
                builder.protect(*raw, "\n" if char == "\n" else escape.group())
            else:
                builder.atom(*raw, char)
            pos = escape.end()
        builder.text(start + pos, written[pos:])
    return builder


def _decoded(strings: _Strings) -> str:
    return "".join(_build(strings).chars)
