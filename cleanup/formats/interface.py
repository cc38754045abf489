"""The one interface every format adapter implements: bytes in, an Outcome out."""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar

from cleanup.findings import Finding
from cleanup.formats import bilingual
from cleanup.formats.base import Outcome, Segment, clean_segments
from cleanup.textio import decode, encode, writable_in

if TYPE_CHECKING:
    from cleanup.cleaner import Cleaner


class Format(ABC):
    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]
    description: ClassVar[str]

    @abstractmethod
    def process(
        self, data: bytes, source: str, cleaner: Cleaner, *, encoding: str | None, glossary: bilingual.Glossary | None
    ) -> Outcome:
        """Clean the file `data` (named `source` in messages); raise CleanupError on bad input."""


class TextFormat(Format):
    """A format stored as text: segments are spans of the decoded file, fixes are
    written back there with the format's escaping."""

    # write characters the file's encoding lacks as character references (&#8222;)
    charrefs: ClassVar[bool] = False

    @abstractmethod
    def segments(self, text: str, source: str) -> list[Segment]:
        """The prose of the file, in file order; raise InputError when it is not this format."""

    def escape(self, text: str) -> str:
        """New text as the format writes it (XML escapes, PO escapes, …)."""
        return text

    def sniff_encoding(self, data: bytes) -> str | None:
        """The encoding the file declares inside (XML declaration, PO header), if any."""
        return None

    def process(
        self, data: bytes, source: str, cleaner: Cleaner, *, encoding: str | None, glossary: bilingual.Glossary | None
    ) -> Outcome:
        decoded = decode(data, source, encoding or self.sniff_encoding(data))
        segments = self.segments(decoded.text, source)

        def escape(text: str) -> str:
            escaped = self.escape(text)
            if self.charrefs:
                escaped = escaped.encode(decoded.encoding, "xmlcharrefreplace").decode(decoded.encoding)
            return escaped

        def extra(kept: list[Segment], offsets: list[int], joined: str) -> list[Finding]:
            return bilingual.check(kept, offsets, joined, glossary, cleaner.config.disable)

        bilingual_file = any(s.source is not None for s in segments)
        # character references write anything; otherwise a fix must fit the file's encoding
        writable = None if self.charrefs else writable_in(decoded.encoding)
        clean = functools.partial(cleaner.clean, writable=writable)
        result = clean_segments(decoded.text, segments, clean, escape, extra if bilingual_file else None)
        table = [
            {"id": s.id, "location": s.location, "source": s.source}
            | {"target_start": s.starts[0], "target_end": s.ends[-1]}
            for s in segments
            if s.source is not None and s.text
        ]
        return Outcome(result, table, lambda text, _edits: encode(decoded, text))
