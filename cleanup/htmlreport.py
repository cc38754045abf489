"""The HTML report: the text with every change marked, self-contained and escaped.

Everything is rendered by a Jinja2 template with autoescaping; the page makes no
network request and opens from disk.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, select_autoescape
from rapidfuzz.distance import Indel

from cleanup.engine import CleanResult
from cleanup.findings import Finding


@dataclass
class Piece:
    """A run of the text: plain, or a change with its finding number."""

    kind: str  # "text", "change", "flag"
    text: str = ""
    number: int = 0
    parts: list[tuple[str, str]] | None = None  # for changes: (op, text) with op in equal/delete/insert


def diff_parts(old: str, new: str) -> list[tuple[str, str]]:
    """Character-level diff of one change, so "KI -Chips" → "KI-Chips" shows only the space."""
    parts: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in Indel.opcodes(old, new):
        if tag == "equal":
            parts.append(("equal", old[i1:i2]))
        else:
            if i2 > i1:
                parts.append(("delete", old[i1:i2]))
            if j2 > j1:
                parts.append(("insert", new[j1:j2]))
    return parts


def _context_diff(text: str, finding: Finding) -> list[tuple[str, str]]:
    """The change widened to whole words, for the list of changes."""
    left = finding.start
    while left > 0 and not text[left - 1].isspace() and finding.start - left < 40:
        left -= 1
    right = finding.end
    while right < len(text) and not text[right].isspace() and right - finding.end < 40:
        right += 1
    replacement = finding.replacements[0] if finding.replacements else finding.original
    return diff_parts(text[left:right], text[left : finding.start] + replacement + text[finding.end : right])


def pieces(result: CleanResult) -> list[list[Piece]]:
    """Paragraphs of pieces: fixes shown as diffs, flags as marks (when not inside a fix)."""
    text = result.original
    fixes = [f for f in result.findings if f.is_fix]
    flags = [f for f in result.findings if not f.is_fix and not any(f.overlaps(x) for x in fixes)]
    numbered = {id(f): n for n, f in enumerate(result.findings, start=1)}
    out: list[Piece] = []
    pos = 0
    for finding in sorted(fixes + _non_overlapping(flags), key=lambda f: (f.start, f.end)):
        if finding.start < pos:
            continue
        out.append(Piece("text", text[pos : finding.start]))
        number = numbered[id(finding)]
        if finding.is_fix:
            shown = finding.replacements[0]
            out.append(Piece("change", number=number, parts=diff_parts(finding.original, shown)))
        else:
            out.append(Piece("flag", text=finding.original, number=number))
        pos = finding.end
    out.append(Piece("text", text[pos:]))
    return _split_paragraphs(out)


def _non_overlapping(findings: list[Finding]) -> list[Finding]:
    kept: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept


def _split_paragraphs(run: list[Piece]) -> list[list[Piece]]:
    paragraphs: list[list[Piece]] = [[]]
    for piece in run:
        if piece.kind != "text" or "\n" not in piece.text:
            paragraphs[-1].append(piece)
            continue
        lines = piece.text.split("\n")
        for index, line in enumerate(lines):
            if index:
                paragraphs.append([])
            if line:
                paragraphs[-1].append(Piece("text", line))
    return paragraphs


_env = Environment(
    loader=PackageLoader("cleanup", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(result: CleanResult, input_path: str, summary: dict) -> str:
    template = _env.get_template("report.html.j2")
    rows = [
        {"number": n, "finding": f, "diff": _context_diff(result.original, f)}
        for n, f in enumerate(result.findings, start=1)
    ]
    return template.render(input_path=input_path, paragraphs=pieces(result), rows=rows, summary=summary)
