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

from cleanup.cleaner import Cleaner
from cleanup.engine import CleanResult
from cleanup.formats import format_for
from cleanup.report import LineIndex, StreamedReport, Tally, TextHash
from cleanup.textio import ChunkReader, Encoder, larger_than, output_files, writable_in

CHUNK_SIZE = 4_000_000  # the CLI's --chunk-size: files over this many bytes, chunks of about this many characters


def is_chunked(path: Path, format_name: str | None, chunk_size: int) -> bool:
    """Plain text over the chunk size; other formats are cleaned whole (or refused by size)."""
    return larger_than(path, chunk_size) and path.is_file() and format_for(path, format_name).name == "text"


def clean_chunks(reader: ChunkReader, cleaner: Cleaner) -> Iterator[CleanResult]:
    """Each chunk cleaned, its findings at offsets and line:column of the whole text."""
    offset = lines = column = 0  # before the chunk: characters, line feeds, characters since the last
    for text in reader:
        result = cleaner.clean(text, writable=writable_in(reader.decoder.encoding))
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
