"""Clean the files editors and translators have, changing only their prose.

One module per format, all with the interface of `interface.Format`: bytes in, an
`Outcome` out (the CleanResult with offsets into the file text, the bilingual segments
for the report, and a writer for the cleaned file). How prose is found and written back
is described in `base`; docs/formats.md has the user's view.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cleanup.findings import Finding
from cleanup.formats.base import Outcome
from cleanup.formats.bilingual import Glossary, load_glossary
from cleanup.formats.html import Html
from cleanup.formats.interface import Format
from cleanup.formats.markdown import Markdown
from cleanup.formats.plaintext import PlainText
from cleanup.formats.po import Po
from cleanup.formats.subtitles import Srt, Vtt
from cleanup.formats.word import Word
from cleanup.formats.xliff import Xliff
from cleanup.textio import read_bytes

if TYPE_CHECKING:
    from cleanup.cleaner import Cleaner

FORMATS: dict[str, Format] = {f.name: f for f in (PlainText(), Markdown(), Html(), Word(), Xliff(), Po(), Srt(), Vtt())}

__all__ = ["FORMATS", "Format", "Glossary", "Outcome", "format_for", "load_glossary", "position", "process_file"]


def format_for(path: Path, name: str | None = None) -> Format:
    """The format named (`--format`), else the one of the file's extension, else plain text."""
    if name and name != "auto":
        return FORMATS[name]
    suffix = path.suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.extensions), FORMATS["text"])


def process_file(
    path: Path,
    cleaner: Cleaner,
    *,
    format: str | None = None,
    encoding: str | None = None,
    glossary: Glossary | None = None,
) -> Outcome:
    """Read and clean one file; problems with it are CleanupErrors (one line for the user)."""
    return format_for(path, format).process(read_bytes(path), str(path), cleaner, encoding=encoding, glossary=glossary)


def position(finding: Finding) -> str:
    """Where `cleanup check` says a finding is: LINE:COL in text files, "paragraph N" in DOCX."""
    location = finding.location or {}
    if "line" in location:
        return f"{location['line']}:{location['column']}"
    return f"paragraph {location['paragraph']}" if "paragraph" in location else str(finding.start)
