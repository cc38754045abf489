"""Plain text: the whole file is the prose, cleaned exactly as before formats existed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cleanup.formats.base import Outcome
from cleanup.formats.interface import Format
from cleanup.report import LineIndex
from cleanup.textio import decode, encode, writable_in

if TYPE_CHECKING:
    from cleanup.cleaner import Cleaner
    from cleanup.formats.bilingual import Glossary


class PlainText(Format):
    name = "text"
    extensions = (".txt",)
    description = "plain text (any other extension too)"

    def process(
        self, data: bytes, source: str, cleaner: Cleaner, *, encoding: str | None, glossary: Glossary | None
    ) -> Outcome:
        decoded = decode(data, source, encoding)
        result = cleaner.clean(decoded.text, writable=writable_in(decoded.encoding))
        lines = LineIndex(decoded.text)
        for finding in result.findings:
            line, column = lines.position(finding.start)
            finding.location = {"line": line, "column": column}
        return Outcome(result, [], lambda text, _edits: encode(decoded, text))
