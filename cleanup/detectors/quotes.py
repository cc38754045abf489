"""Straight ("…") and English (“…”) quotation marks in German text → German ones („…“).

Which German quotes a text uses is a house-style choice (`style`: „…“, »…« or «…»), so the
rule is a suggestion by default. Only quotes that pair up unambiguously are touched: in a
paragraph where one straight quote cannot be told apart as opening or closing (inch marks
17", code such as --format="%H", an unbalanced count), no straight quote is changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict

from cleanup.detectors import Detector, Hit, register
from cleanup.document import Document

STYLES = {"german": ("„", "“"), "guillemets": ("»", "«"), "swiss": ("«", "»")}
# an opening quote follows a space, a line start or an opening bracket/dash
_OPEN_AFTER = " \t\n\r([{/–—"
# a closing quote precedes a space, a line end or punctuation
_CLOSE_BEFORE = " \t\n\r.,;:!?)]}–—…"
# English: “ after a space or line start, up to the next ”, in one paragraph
_ENGLISH = regex.compile(r"(?<![^\s(\[{/–—])“(?=\S)[^“”\n]*(?<=\S)”")
_STRAIGHT = re.compile('"')


class QuoteOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    style: Literal["german", "guillemets", "swiss"] = "german"


def _quoted_paragraphs(doc: Document) -> Iterator[tuple[int, int]]:
    """The paragraphs with a straight quote or an English opening one: found with str.find,
    which skips the text between them at memchr speed."""
    text = doc.text
    next_at = {quote: text.find(quote) for quote in '"“'}
    while found := [at for at in next_at.values() if at >= 0]:
        start, end = doc.paragraph_at(min(found))
        yield start, end
        for quote, at in next_at.items():
            if 0 <= at < end:
                next_at[quote] = text.find(quote, end)


def _straight_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Positions of straight quote pairs in text[start:end], or none if any is ambiguous."""
    positions = [m.start() for m in _STRAIGHT.finditer(text, start, end)]
    pairs: list[tuple[int, int]] = []
    for opening, closing in zip(positions[::2], positions[1::2], strict=False):
        before = text[opening - 1] if opening > start else "\n"
        after = text[closing + 1] if closing + 1 < end else "\n"
        if (
            before not in _OPEN_AFTER
            or text[opening + 1].isspace()
            or text[closing - 1].isspace()
            or after not in _CLOSE_BEFORE
        ):
            return []
        pairs.append((opening, closing))
    return pairs if len(positions) % 2 == 0 else []


@register("quotes", QuoteOptions, local=True)
def make(options: QuoteOptions) -> Detector:
    opening_mark, closing_mark = STYLES[options.style]

    def detect(doc: Document) -> Iterator[Hit]:
        text = doc.text
        for start, end in _quoted_paragraphs(doc):
            pairs = _straight_pairs(text, start, end)
            if text.find("“", start, end) >= 0:
                pairs += [(m.start(), m.end() - 1) for m in _ENGLISH.finditer(text, start, end)]
            for opening, closing in sorted(pairs):
                yield Hit(opening, opening + 1, [opening_mark], {"pair": text[opening : closing + 1]})
                yield Hit(closing, closing + 1, [closing_mark], {"pair": text[opening : closing + 1]})

    return detect
