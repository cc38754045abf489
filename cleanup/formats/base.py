"""Segments: the prose of a structured file, and where each of its characters came from.

A format adapter turns a file into *segments* (a paragraph, a table cell, an XLIFF or PO
target, a subtitle cue). Each character of a segment's text knows the span of the file
text it came from: one character for plain text, several for an entity or escape
(`&amp;`, `\\"`), and a whole element for markup the cleaner must not touch, which the
segment shows as one protected character (PLACEHOLDER, or "\\n" for a line break). Markup
that only opens or closes formatting (`<b>`, `**`, `<g id="1">`) is left out of the text,
so that `<b>AI</b> -Chips` reads as `AI -Chips`; it then sits in a *gap* between two
characters whose file spans do not touch.

All segments of a file are cleaned as one text, joined by blank lines, so that rules
about the whole document (AI/KI consistency, a name's context) see the whole document
and rules about a paragraph see one segment. A fix is written back only when the part
it really changes lies inside one segment, touches no protected character and spans no
gap; any other fix becomes a flag for a human. Everything else in the file stays byte
for byte.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from difflib import SequenceMatcher
from typing import Any

import regex

from cleanup.engine import CleanResult, apply_fixes, first_replacement
from cleanup.findings import Finding
from cleanup.report import LineIndex, build_report
from cleanup.review import Decision, replacement_for, reviewed_text

PLACEHOLDER = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: markup or a placeholder such as %s
SEPARATOR = "\n\n"  # between segments in the joined text: a paragraph break for every rule
UNWRITABLE = " (Nicht automatisch angewandt: die Stelle berührt Markup oder einen Platzhalter; Vorschlag: „{}“.)"

# Placeholders of translation files: printf (%s, %1$d, %(name)s), Python/ICU braces ({0},
# {name}, {{ var }}), HTML tags and entities carried as text. No rule may edit them.
PLACEHOLDERS = regex.compile(
    r"%(?:\d+\$)?(?:\([\w.]+\))?[-+#0]*(?:\d+|\*)?(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfFgGcrsaAp@%]"
    r"|\{\{[^{}]*\}\}|\{[\w.\[\]]*(?:![rsa])?(?::[^{}]*)?\}"
    r"|</?[A-Za-z][^<>]*>|&(?:[A-Za-z]\w*|#\d+|#x[0-9A-Fa-f]+);"
)


@dataclass
class Segment:
    """One piece of prose: its text and, per character, the file span it came from.

    `group[i]` is -1 for a character copied verbatim from the file; characters that
    came from one entity, escape or protected element share a group number, and a change
    may not split a group.
    """

    id: str
    text: str
    starts: array
    ends: array
    group: array
    protected: bytearray
    location: dict[str, Any] = field(default_factory=dict)
    source: str | None = None  # bilingual formats: the source text, in the same notation
    source_language: str | None = None  # as the file names it (XLIFF); None: English

    def _boundary(self, i: int) -> bool:
        """A position between two characters that a change may start or end at."""
        return i in (0, len(self.text)) or self.group[i - 1] < 0 or self.group[i - 1] != self.group[i]

    def raw_change(self, start: int, end: int) -> tuple[int, int] | None:
        """The file span that replaces text[start:end], or None when no exact one exists."""
        n = len(self.text)
        if not (self._boundary(start) and self._boundary(end)):
            return None
        if start == end:  # an insertion: only where the file has no markup in between
            if 0 < start < n and self.ends[start - 1] != self.starts[start]:
                return None
            pos = self.starts[start] if start < n else self.ends[n - 1]
            return pos, pos
        if any(self.protected[start:end]):
            return None
        if any(self.ends[i] != self.starts[i + 1] for i in range(start, end - 1)):
            return None
        return self.starts[start], self.ends[end - 1]

    def raw_enclosing(self, start: int, end: int) -> tuple[int, int]:
        """The smallest file span holding text[start:end] (markup in between included)."""
        n = len(self.text)
        first = self.starts[start] if start < n else self.ends[n - 1]
        last = self.ends[end - 1] if end > 0 else self.starts[0]
        return first, max(first, last)


class SegmentBuilder:
    """Collects a segment character by character, in file order."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts = array("q")
        self.ends = array("q")
        self.group = array("q")
        self.protected = bytearray()
        self._groups = 0

    def __bool__(self) -> bool:
        return bool(self.chars)

    def text(self, raw_start: int, text: str) -> None:
        """Text that stands in the file exactly as it reads."""
        self.chars.extend(text)
        self.starts.extend(range(raw_start, raw_start + len(text)))
        self.ends.extend(range(raw_start + 1, raw_start + len(text) + 1))
        self.group.extend([-1] * len(text))
        self.protected.extend(bytes(len(text)))

    def atom(self, raw_start: int, raw_end: int, decoded: str, *, protected: bool = False) -> None:
        """File text [raw_start, raw_end) that reads as `decoded` and is changed only whole."""
        self._groups += 1
        self.chars.extend(decoded)
        self.starts.extend([raw_start] * len(decoded))
        self.ends.extend([raw_end] * len(decoded))
        self.group.extend([self._groups] * len(decoded))
        self.protected.extend(bytes([protected]) * len(decoded))

    def protect(self, raw_start: int, raw_end: int, shown: str = PLACEHOLDER) -> None:
        """Markup or a placeholder that no fix may touch."""
        self.atom(raw_start, raw_end, shown, protected=True)

    def build(
        self, id: str, location: Mapping[str, Any] | None = None, placeholders: regex.Pattern[str] | None = None
    ) -> Segment:
        """The segment, with `placeholders` matches protected and outer whitespace left out."""
        chars, starts, ends, group, protected = self.chars, self.starts, self.ends, self.group, self.protected
        if placeholders is not None:
            for m in reversed(list(placeholders.finditer("".join(chars)))):
                lo, hi = m.span()
                while lo > 0 and group[lo] >= 0 and group[lo - 1] == group[lo]:
                    lo -= 1
                while hi < len(chars) and group[hi - 1] >= 0 and group[hi] == group[hi - 1]:
                    hi += 1
                self._groups += 1
                chars[lo:hi] = [PLACEHOLDER]
                starts[lo:hi] = array("q", [starts[lo]])
                ends[lo:hi] = array("q", [ends[hi - 1]])
                group[lo:hi] = array("q", [self._groups])
                protected[lo:hi] = b"\x01"
        text = "".join(chars)
        lead = len(text) - len(text.lstrip())
        end = len(text.rstrip()) if text.strip() else lead
        return Segment(
            id=id,
            text=text[lead:end],
            starts=starts[lead:end],
            ends=ends[lead:end],
            group=group[lead:end],
            protected=protected[lead:end],
            location=dict(location or {}),
        )


@dataclass
class Outcome:
    """A cleaned file: the result (offsets into `result.original`, the file text) and how
    to write the file with a chosen set of changes."""

    result: CleanResult
    segments: list[dict[str, Any]]
    write: Callable[[str, list[tuple[Finding, str]]], bytes]

    def report(self, input_path: str) -> dict[str, Any]:
        """The JSON report, with the bilingual segments when the format has a source."""
        report = build_report(self.result, input_path)
        if self.segments:
            report["segments"] = self.segments
        return report

    def output(self, decisions: Mapping[int, Decision] | None = None) -> bytes:
        """The cleaned file; with review `decisions` (finding index → decision), the reviewed one."""
        findings = self.result.findings
        text = reviewed_text(self.result.original, findings, decisions) if decisions else self.result.text
        chosen = decisions or {}
        edits = [(f, r) for i, f in enumerate(findings) if (r := replacement_for(f, chosen.get(i))) is not None]
        return self.write(text, edits)


@dataclass
class _Mapped:
    findings: list[Finding]
    crossing: int  # findings over a segment boundary, left out


def changes(original: str, replacement: str) -> list[tuple[int, int, str]]:
    """What `replacement` really changes in `original`: (start, end, new text) per change,
    in order. Characters the two share stay as they are written in the file (an entity
    between two deleted spaces is kept, not rewritten)."""
    matcher = SequenceMatcher(None, original, replacement, autojunk=False)
    return [(i1, i2, replacement[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _raw_replacement(
    seg: Segment, start: int, end: int, replacement: str, raw: str, escape: Callable[[str], str]
) -> str | None:
    """The text that replaces seg's span [start, end) in the file, or None if it cannot be written."""
    first, last = seg.raw_enclosing(start, end)
    parts = []
    pos = first
    for i1, i2, new in changes(seg.text[start:end], replacement):
        span = seg.raw_change(start + i1, start + i2)
        if span is None:
            return None
        parts += [raw[pos : span[0]], escape(new)]
        pos = span[1]
    return "".join(parts) + raw[pos:last]


def _map_findings(
    findings: Iterable[Finding], segments: list[Segment], offsets: list[int], raw: str, escape: Callable[[str], str]
) -> _Mapped:
    mapped: list[Finding] = []
    crossing = 0
    for f in findings:
        index = bisect.bisect_right(offsets, f.start) - 1
        seg = segments[index]
        start, end = f.start - offsets[index], f.end - offsets[index]
        if end > len(seg.text):
            crossing += 1
            continue
        first, last = seg.raw_enclosing(start, end)
        written = (_raw_replacement(seg, start, end, r, raw, escape) for r in f.replacements)
        replacements = [r for r in written if r is not None]
        kept = bool(replacements) and len(replacements) == len(f.replacements)
        message = f.message
        if f.replacements and not replacements:
            message += UNWRITABLE.format(f.replacements[0])
        mapped.append(
            dc_replace(
                f,
                start=first,
                end=last,
                original=raw[first:last],
                replacements=replacements,
                message=message,
                applied=f.applied and kept,
                location={**seg.location},
                merged=list(f.merged),
            )
        )
    return _Mapped(mapped, crossing)


def _no_overlaps(findings: list[Finding]) -> None:
    """Un-apply any applied fix that overlaps an earlier one in the file (an entity two
    fixes share); the engine's promise of non-overlapping applied fixes holds on."""
    end = -1
    for f in sorted((f for f in findings if f.applied), key=lambda f: (f.start, f.end)):
        if f.start < end or (f.start == f.end == end):
            f.applied = False
        else:
            end = f.end


def clean_segments(
    raw: str,
    segments: list[Segment],
    clean: Callable[[str], CleanResult],
    escape: Callable[[str], str],
    extra: Callable[[list[Segment], list[int], str], list[Finding]] | None = None,
    *,
    lines: bool = True,
) -> CleanResult:
    """Clean `segments` of the file text `raw` as one joined text; the result's findings
    point into `raw` and its text is `raw` with the writable safe fixes applied.

    `extra` adds findings on the joined text (the bilingual checks); `lines` adds line and
    column to every finding's location.
    """
    segments = [s for s in segments if s.text]
    offsets: list[int] = []
    pos = 0
    for seg in segments:
        offsets.append(pos)
        pos += len(seg.text) + len(SEPARATOR)
    joined = SEPARATOR.join(s.text for s in segments)
    result = clean(joined)
    findings = result.findings + (extra(segments, offsets, joined) if extra else [])
    mapped = _map_findings(findings, segments, offsets, raw, escape)
    _no_overlaps(mapped.findings)
    if lines:
        index = LineIndex(raw)
        for f in mapped.findings:
            line, column = index.position(f.start)
            f.location = {**(f.location or {}), "line": line, "column": column}
    ordered = sorted(mapped.findings, key=lambda f: (f.start, f.end, f.rule))
    warnings = list(result.warnings)
    if mapped.crossing:
        warnings.append(f"{mapped.crossing} findings across segment boundaries were left out")
    text = apply_fixes(raw, [f for f in ordered if f.applied], first_replacement)
    return CleanResult(original=raw, text=text, findings=ordered, warnings=warnings)
