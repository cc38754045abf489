"""The text under check, with what every rule needs to know about it.

Computed once per text: paragraph boundaries (for paragraph-scoped context gates),
protected spans (URLs, e-mail addresses, inline code) that no rule may edit, and the
words (entity rules look up their names there).
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass
from functools import cached_property

import regex

from cleanup.triggers import occurs, triggers

_PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*(?:\r?\n)+|\r\n(?:[ \t]*\r\n)+|\n|\r\n?")
_URL_TAIL = r"""[^\s<>"'»«“”„]+[^\s<>"'»«“”„.,;:!?)\]]"""
_URL = regex.compile(rf"(?:https?|ftp)://{_URL_TAIL}|\bwww\.{_URL_TAIL}")
_EMAIL = regex.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_CODE = regex.compile(r"`[^`\n]+`")
# Every protected span contains one of these; the patterns run only where they occur,
# because the e-mail pattern alone, run over the whole text, costs 3 s per 5 MB.
_ANCHOR = regex.compile(r"://|www\.|@")
_EMAIL_REACH = 256  # an address part longer than this is not an address (RFC 5321: 64 + 255)
WORD = regex.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Words:
    """The words of a text as parallel lists: cheaper to index than match objects, and the
    offsets as machine integers (8 bytes a word, not 36: a 50 MB text has 7 million words)."""

    text: list[str]
    starts: array[int]
    ends: array[int]


class Document:
    """A text plus lazily computed, cached facts about it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._context_cache: dict[tuple[str, int], bool] = {}

    def edited(self, text: str, spans: list[tuple[int, int, int]]) -> Document:
        """The document of `text`, which is this text with each (start, end) span (sorted, apart)
        replaced by `length` characters. Words already found here are carried over: only those
        around the spans are looked for again, as a later fixpoint pass changes little."""
        doc = Document(text)
        if "words" in self.__dict__:
            doc.words = _carried_words(self.words, text, spans)
        return doc

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Line-based paragraphs: MT articles put one paragraph on each line."""
        spans: list[tuple[int, int]] = []
        pos = 0
        for m in _PARAGRAPH_BREAK.finditer(self.text):
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, len(self.text)))
        return spans

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [start for start, _ in self.paragraphs]

    def paragraph_at(self, pos: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._paragraph_starts, pos) - 1
        return self.paragraphs[max(index, 0)]

    @cached_property
    def words(self) -> Words:
        words = Words([], array("q"), array("q"))
        add_text, add_start, add_end = words.text.append, words.starts.append, words.ends.append
        for m in WORD.finditer(self.text):  # one match at a time: a list of them all is 1 GB at 50 MB
            add_text(m.group())
            add_start(m.start())
            add_end(m.end())
        return words

    @cached_property
    def distinct_words(self) -> frozenset[str]:
        """The words the text uses: a rule checks the few it knows against these first."""
        return frozenset(self.words.text)

    @cached_property
    def protected(self) -> list[tuple[int, int]]:
        """URLs, e-mail addresses and inline code, overlapping ones joined, sorted."""
        text = self.text
        spans = [m.span() for m in _CODE.finditer(text)] if "`" in text else []
        for anchor in _ANCHOR.finditer(text):
            at = anchor.start()
            if anchor.group() == "@":
                lo = max(at - _EMAIL_REACH, 0)
                m = _EMAIL.search(text, lo, min(at + _EMAIL_REACH, len(text)))
                while m is not None and m.end() <= at:
                    m = _EMAIL.search(text, m.end(), min(at + _EMAIL_REACH, len(text)))
            elif anchor.group() == "www.":
                m = _URL.match(text, at)
            else:
                m = next((m for s in range(max(at - 5, 0), at) if (m := _URL.match(text, s))), None)
            if m is not None and m.start() <= at < m.end():
                spans.append(m.span())
        return _joined(sorted(spans))

    @cached_property
    def _protected_starts(self) -> list[int]:
        return [start for start, _ in self.protected]

    def is_protected(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps or touches a URL, address or code span: an edit
        right next to one could glue text onto it and change where it points."""
        index = bisect.bisect_right(self._protected_starts, end) - 1
        return index >= 0 and self.protected[index][1] >= start

    def context_matches(self, pattern: regex.Pattern[str], pos: int, scope: str) -> bool:
        """Whether `pattern` occurs in the paragraph around `pos` or in the whole document."""
        span = self.paragraph_at(pos) if scope == "paragraph" else (0, len(self.text))
        key = (pattern.pattern, span[0])
        if key not in self._context_cache:
            self._context_cache[key] = (
                occurs(triggers(pattern), self.text, *span) and pattern.search(self.text, *span) is not None
            )
        return self._context_cache[key]

    def surrounding_words(self, start: int, end: int) -> str:
        """The match widened to whole words, so that a message can quote "KI -Chips"
        when the fix itself only removes the space."""
        words = self.text[_word_edge(self.text, start, -1) : _word_edge(self.text, end, +1)]
        return words.strip(_EDGE_PUNCTUATION) or words


_EDGE_PUNCTUATION = ".,;:!?()[]{}\"'„“”‚‘’»«"


def _carried_words(old: Words, text: str, spans: list[tuple[int, int, int]]) -> Words:
    """The words of `text` (see Document.edited): the old ones, shifted, away from the spans;
    found again from the start of a word a span touches to the end of one."""
    regions: list[tuple[int, int, int]] = []  # (start, end, growth) on the old text, apart
    for start, end, length in spans:
        first = bisect.bisect_left(old.ends, start)  # the first word ending at or after start
        lo = old.starts[first] if first < len(old.starts) and old.starts[first] <= start else start
        last = bisect.bisect_right(old.starts, end) - 1  # the last word starting at or before end
        hi = old.ends[last] if last >= 0 and old.ends[last] >= end else end
        growth = length - (end - start)
        if regions and lo <= regions[-1][1]:
            before = regions.pop()
            lo, hi, growth = before[0], max(before[1], hi), before[2] + growth
        regions.append((lo, hi, growth))
    words = Words([], array("q"), array("q"))
    shift = kept = 0  # growth so far; the old words before `kept` are carried
    for lo, hi, growth in regions:
        _carry(old, words, kept, bisect.bisect_left(old.starts, lo), shift)
        for m in WORD.finditer(text, lo + shift, hi + shift + growth):
            words.text.append(m.group())
            words.starts.append(m.start())
            words.ends.append(m.end())
        shift += growth
        kept = bisect.bisect_left(old.starts, hi)
    _carry(old, words, kept, len(old.text), shift)
    return words


def _carry(old: Words, new: Words, first: int, past: int, shift: int) -> None:
    new.text.extend(old.text[first:past])
    new.starts.extend(old.starts[first:past] if not shift else (s + shift for s in old.starts[first:past]))
    new.ends.extend(old.ends[first:past] if not shift else (e + shift for e in old.ends[first:past]))


def _joined(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones merged, so that their starts and ends both ascend."""
    result: list[tuple[int, int]] = []
    for start, end in spans:
        if result and start < result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def _word_edge(text: str, pos: int, step: int) -> int:
    """Walk from pos over non-space; if that moves nothing, over spaces and then a word."""

    def inside(p: int) -> bool:
        return 0 <= (p if step > 0 else p - 1) < len(text)

    def char(p: int) -> str:
        return text[p] if step > 0 else text[p - 1]

    moved = pos
    while inside(moved) and not char(moved).isspace():
        moved += step
    if moved != pos:
        return moved
    while inside(moved) and char(moved).isspace():
        moved += step
    while inside(moved) and not char(moved).isspace():
        moved += step
    return moved
