"""The text under check, with what every rule needs to know about it.

Computed once per text: paragraph boundaries (for paragraph-scoped context gates) and
protected spans (URLs, e-mail addresses, inline code) that no rule may edit.
"""

from __future__ import annotations

import bisect
from functools import cached_property

import regex

_PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*(?:\r?\n)+|\r\n(?:[ \t]*\r\n)+|\n|\r\n?")
_PROTECTED = regex.compile(
    r"""(?x)
      (?:https?|ftp)://[^\s<>"'»«“”„]+[^\s<>"'»«“”„.,;:!?)\]]   # URLs
    | \bwww\.[^\s<>"'»«“”„]+[^\s<>"'»«“”„.,;:!?)\]]
    | \b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b                        # e-mail addresses
    | `[^`\n]+`                                               # inline code
    """
)


class Document:
    """A text plus lazily computed, cached facts about it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._context_cache: dict[tuple[str, int], bool] = {}

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
    def protected(self) -> list[tuple[int, int]]:
        return [m.span() for m in _PROTECTED.finditer(self.text)]

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
            self._context_cache[key] = pattern.search(self.text, span[0], span[1]) is not None
        return self._context_cache[key]

    def surrounding_words(self, start: int, end: int) -> str:
        """The match widened to whole words, so that a message can quote "KI -Chips"
        when the fix itself only removes the space."""
        words = self.text[_word_edge(self.text, start, -1) : _word_edge(self.text, end, +1)]
        return words.strip(_EDGE_PUNCTUATION) or words


_EDGE_PUNCTUATION = ".,;:!?()[]{}\"'„“”‚‘’»«"


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
