"""LanguageTool counts offsets in UTF-16 code units (Java strings); Python counts code points.

Every character outside the Basic Multilingual Plane (emoji, some CJK) is one Python
character but two UTF-16 units, so each one before a match shifts LanguageTool's offsets
by one more. `Utf16Index(text).to_index(offset)` converts; for all-BMP text it is the identity.
"""

from __future__ import annotations

from bisect import bisect_left


class Utf16Index:
    def __init__(self, text: str) -> None:
        # UTF-16 position of each astral character: its Python index + astral characters before it
        self._starts = [i + n for n, i in enumerate(i for i, ch in enumerate(text) if ord(ch) > 0xFFFF)]

    def to_index(self, offset: int) -> int:
        """Python index of UTF-16 `offset` (an offset inside a surrogate pair rounds up)."""
        if not self._starts:
            return offset
        before = bisect_left(self._starts, offset)  # astral characters that start before offset
        if before and self._starts[before - 1] + 1 == offset:  # between the two halves
            return offset - before + 1
        return offset - before

    def span(self, offset: int, length: int) -> tuple[int, int]:
        return self.to_index(offset), self.to_index(offset + length)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
