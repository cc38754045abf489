"""Plain text too large to hold at once: read, cleaned and written in chunks.

A plain-text input over the chunk size is decoded block by block and cut into chunks at
paragraph breaks: after a blank line, else after a line break (never inside a CRLF; every
line is a paragraph to the rules). Each chunk is cleaned alone with `Cleaner.clean`, its
findings are moved to offsets (and line:column) in the whole text, and the cleaned text and
the JSON report are written as they come. Memory then follows the chunk size, not the file
size, and the outputs are the same bytes as cleaning the file whole would give, except
where a rule needs more than a chunk: rules about the whole document (KI/AI consistency,
names whose context gate looks at the whole document) see one chunk at a time.

The review page holds the whole text in one browser page, so a chunked input gets none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import regex

from cleanup import textio
from cleanup.cleaner import Cleaner
from cleanup.engine import CleanResult
from cleanup.formats import format_for
from cleanup.report import LineIndex, StreamedReport, Tally, TextHash
from cleanup.textio import Decoder, Encoder, InputError, output_files

CHUNK_SIZE = 4_000_000  # characters; the CLI's --chunk-size
BLOCK = 1 << 20  # bytes read at a time

_BLANK_LINE = regex.compile(r"\n[ \t]*\r?\n", flags=regex.REVERSE)
# a CR alone ends a line only when the next character is known not to be its LF
_LINE_BREAK = regex.compile(r"\n|\r(?=[^\n])", flags=regex.REVERSE)
_NEXT_LINE_BREAK = regex.compile(r"\n|\r(?=[^\n])")


def is_chunked(path: Path, format_name: str | None, chunk_size: int) -> bool:
    """Plain text over the chunk size; other formats are cleaned whole (or refused by size)."""
    try:
        size = path.stat().st_size
    except OSError:
        return False  # reading it whole gives the error
    return size > chunk_size and path.is_file() and format_for(path, format_name).name == "text"


def cut(text: str, size: int, searched: int = 0) -> int | None:
    """Where the next chunk of `text` ends: after the last blank line in the second half of
    its first `size` characters, else after the last line break in them, else after the
    first line break past them; None when there is none. `searched`: text[:searched] is
    known to hold no line break."""
    if searched == 0:
        found = _BLANK_LINE.search(text, size // 2, size) or _LINE_BREAK.search(text, 0, size)
        if found:
            return found.end()
    found = _NEXT_LINE_BREAK.search(text, max(searched - 1, 0))
    return found.end() if found else None


class ChunkReader:
    """The text of a file as chunks of about `size` characters, cut by `cut`.

    A stretch without a line break longer than the input limit (--max-size) is refused:
    it could not be cut, and memory would grow with it."""

    def __init__(self, path: Path, encoding: str | None, size: int) -> None:
        self.path = path
        self.size = size
        self.decoder = Decoder(str(path), encoding)  # its encoding and BOM are known after the first chunk

    def __iter__(self) -> Iterator[str]:
        parts: list[str] = []
        length = searched = 0
        for block in self._blocks():
            parts.append(self.decoder.feed(block))
            length += len(parts[-1])
            while length >= self.size:
                text = "".join(parts)
                end = cut(text, self.size, searched)
                if end is None:
                    if length > textio.MAX_INPUT_BYTES:
                        raise InputError(
                            f"{self.path}: no line break in {length / 1e6:.0f} MB of text, where it would be cut "
                            f"into chunks; raise the limit with --max-size"
                        )
                    parts, searched = [text], length
                    break
                yield text[:end]
                parts, length, searched = [text[end:]], length - end, 0
        parts.append(self.decoder.feed(b"", final=True))
        if tail := "".join(parts):
            yield tail

    def _blocks(self) -> Iterator[bytes]:
        try:
            with self.path.open("rb") as handle:
                while block := handle.read(BLOCK):
                    yield block
        except PermissionError:
            raise InputError(f"{self.path}: permission denied") from None
        except OSError as exc:
            raise InputError(f"{self.path}: cannot read: {exc.strerror}") from None


def clean_chunks(reader: ChunkReader, cleaner: Cleaner) -> Iterator[CleanResult]:
    """Each chunk cleaned, its findings at offsets and line:column of the whole text."""
    offset = lines = column = 0  # before the chunk: characters, line feeds, characters since the last
    for text in reader:
        result = cleaner.clean(text)
        index = LineIndex(text)
        for finding in result.findings:
            line, col = index.position(finding.start)
            finding.location = {"line": lines + line, "column": col + column if line == 1 else col}
            finding.start += offset
            finding.end += offset
        yield result
        offset += len(text)
        lines += text.count("\n")
        last = text.rfind("\n")
        column = column + len(text) if last < 0 else len(text) - last - 1


def clean_file(
    source: Path,
    paths: dict[str, Path],
    cleaner: Cleaner,
    encoding: str | None,
    size: int,
    more_summary: Callable[[], dict[str, Any]] = dict,
) -> dict[str, Any]:
    """Clean `source` in chunks into paths["clean"] and paths["json"]; the report's summary,
    with `more_summary()` (asked for when the last chunk is cleaned) added."""
    reader = ChunkReader(source, encoding, size)
    tally, digest, chunks = Tally(), TextHash(), 0
    with output_files([paths["clean"], paths["json"]]) as files, StreamedReport(paths["json"].parent) as report:
        encoder: Encoder | None = None  # made when the first block has told the encoding
        for result in clean_chunks(reader, cleaner):
            encoder = encoder or Encoder(reader.decoder.encoding, reader.decoder.bom)
            files[paths["clean"]].write(encoder.encode(result.text))
            digest.update(result.original)
            tally.add(result.findings, result.warnings)
            report.add(result.findings)
            chunks += 1
        encoder = encoder or Encoder(reader.decoder.encoding, reader.decoder.bom)
        files[paths["clean"]].write(encoder.encode("", final=True))
        tally.warnings.append(
            f"cleaned in {chunks} chunk{'' if chunks == 1 else 's'} of about {size / 1e6:g} MB (--chunk-size): "
            "rules about the whole document (KI/AI consistency, names with document context) saw one chunk at a time"
        )
        summary = {**tally.summary(), **more_summary()}
        report.finish(files[paths["json"]], str(source), digest.value(), summary)
    return summary
