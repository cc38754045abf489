"""Reading inputs exactly and writing outputs safely.

Text is decoded without newline translation, so CR/LF and mixed line endings, trailing
spaces and the Unicode normalisation form survive untouched. A byte-order mark is
remembered and written back. A large input can be read as chunks cut at paragraph
breaks (`ChunkReader`). Outputs go to a temporary file in the target folder and are
renamed into place, so a crash never leaves a half-written file.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import signal
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import regex


class CleanupError(Exception):
    """A user-facing problem: printed as one line, exit status 2."""


class InputError(CleanupError):
    pass


class OutputError(CleanupError):
    pass


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # the codec used to write it back
    bom: bool


_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


class Decoder:
    """Bytes → text block by block, for inputs read in pieces: `decode` for one block.

    A BOM decides the codec, else `encoding`, else strict UTF-8 with NUL bytes refused as
    binary. Errors are one InputError line with the byte offset in the whole file.
    """

    def __init__(self, source: str, encoding: str | None = None) -> None:
        self.source = source
        self.given = encoding
        self.encoding = encoding or "utf-8"
        self.bom = False
        self._head = b""  # the first bytes, until there are enough to tell a BOM
        self._decoder: codecs.IncrementalDecoder | None = None
        self._offset = 0  # bytes of the file fed to the codec so far (after any BOM)
        self._lines = 0  # line feeds among them

    def feed(self, data: bytes, final: bool = False) -> str:
        if self._decoder is None:
            self._head += data
            if len(self._head) < 4 and not final:
                return ""
            data, self._head = self._start(self._head), b""
        pending = len(self._decoder.getstate()[0])  # an incomplete character from the last block
        if self.given is None and not self.bom and (nul := data.find(b"\x00")) >= 0:
            raise InputError(
                f"{self.source}: looks like a binary file (NUL byte at {self._offset + nul}), not text; "
                "UTF-16 text without a byte-order mark needs --encoding utf-16-le or utf-16-be"
            )
        try:
            text = self._decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            raise self._error(exc.start - pending, data) from None
        self._offset += len(data)
        self._lines += data.count(b"\n")
        return text

    def _start(self, head: bytes) -> bytes:
        """Choose the codec from the first bytes; returns them without the BOM."""
        for bom, codec in _BOMS:
            if head.startswith(bom):
                self.encoding, self.bom = codec, True
                head = head[len(bom) :]
                break
        try:
            self._decoder = codecs.getincrementaldecoder(self.encoding)("strict")
        except LookupError:
            raise InputError(f"unknown encoding {self.encoding!r}") from None
        return head

    def _error(self, start: int, data: bytes) -> InputError:
        """`start`: the bad byte's offset in `data` (negative: in the block before)."""
        at = self._offset + start
        if self.bom:
            return InputError(f"{self.source}: not valid {self.encoding} after its byte-order mark (byte {at})")
        if self.given is not None:
            return InputError(f"{self.source}: not valid {self.given} at byte {at}")
        line = self._lines + data.count(b"\n", 0, max(start, 0)) + 1
        return InputError(
            f"{self.source}: not valid UTF-8 at byte {at} (line {line}); "
            "give the encoding with --encoding (e.g. --encoding cp1252)"
        )


def decode(data: bytes, source: str, encoding: str | None = None) -> DecodedText:
    """Bytes → text: a BOM decides, else `encoding`, else strict UTF-8 (one clear error)."""
    decoder = Decoder(source, encoding)
    text = decoder.feed(data, final=True)
    return DecodedText(text, decoder.encoding, decoder.bom)


# Cleaning needs several copies of a text in memory (bytes, str, cleaned str, reports):
# larger inputs are refused unless the limit is raised (the CLI's --max-size sets it).
MAX_INPUT_BYTES = 100_000_000


def parse_size(value: str) -> int:
    """'200M', '1.5G', '64k' or a plain number of bytes → bytes."""
    number, unit = value.strip().upper().rstrip("B"), 1
    if number[-1:] in _UNITS:
        number, unit = number[:-1], _UNITS[number[-1]]
    try:
        size = int(float(number) * unit)
    except ValueError:
        raise CleanupError(f"not a size: {value!r} (use e.g. 200M or 1G)") from None
    if size <= 0:
        raise CleanupError(f"not a size: {value!r} (use e.g. 200M or 1G)")
    return size


_UNITS = {"K": 1_000, "M": 1_000_000, "G": 1_000_000_000}


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing, unreadable, folder or too large path is one InputError line."""
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a folder, not a file")
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(
                f"{path}: {size / 1e6:.1f} MB is over the limit of {MAX_INPUT_BYTES / 1e6:g} MB for one file "
                f"(memory grows with the text); raise it with --max-size {-(-size * 2 // 1_000_000_000)}G"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None


def larger_than(path: Path, size: int) -> bool:
    """Whether a file is over `size` bytes; False when it cannot be read (reading says why)."""
    try:
        return path.stat().st_size > size
    except OSError:
        return False


def read_input(path: Path, encoding: str | None = None) -> DecodedText:
    return decode(read_bytes(path), str(path), encoding)


# Inputs too large to hold are read as chunks of text cut at paragraph breaks.
BLOCK = 1 << 20  # bytes read at a time
_BLANK_LINE = regex.compile(r"\n[ \t]*\r?\n", flags=regex.REVERSE)
# a CR alone ends a line only when the next character is known not to be its LF
_LINE_BREAK = regex.compile(r"\n|\r(?=[^\n])", flags=regex.REVERSE)
_NEXT_LINE_BREAK = regex.compile(r"\n|\r(?=[^\n])")


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
                    if length > MAX_INPUT_BYTES:
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


class Encoder:
    """Text → bytes in a decoded input's encoding, in pieces, with its BOM first if it had one."""

    def __init__(self, encoding: str, bom: bool) -> None:
        self._codec = codecs.getincrementalencoder(encoding)("strict")
        self._bom = next(b for b, codec in _BOMS if codec == encoding) if bom else b""

    def encode(self, text: str, final: bool = False) -> bytes:
        data, self._bom = self._bom + self._codec.encode(text, final), b""
        return data


def writable_in(encoding: str) -> Callable[[str], bool] | None:
    """For an encoding that cannot write every character (Latin-1, cp1252 …): whether it can
    write a given replacement; None for the UTF encodings, which write everything."""
    if codecs.lookup(encoding).name.startswith("utf"):
        return None

    def writable(text: str) -> bool:
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            return False
        return True

    return writable


def encode(decoded: DecodedText, text: str) -> bytes:
    """Text → bytes in the input's encoding, with its BOM if it had one."""
    return Encoder(decoded.encoding, decoded.bom).encode(text, final=True)


def write_files(outputs: dict[Path, bytes]) -> None:
    """Write several whole files as one step (see `output_files`)."""
    with output_files(outputs) as files:
        for path, data in outputs.items():
            files[path].write(data)


@contextmanager
def output_files(paths: Iterable[Path]) -> Iterator[dict[Path, BinaryIO]]:
    """Temporary files for `paths` that the block writes, in pieces if it likes. When the
    block ends, all are synced and only then renamed into place, with Ctrl-C held back
    meanwhile. An error or an interrupt, in the block or while writing, leaves the targets
    complete or untouched, and no temporary files."""
    paths = list(paths)
    temps: dict[Path, tuple[str, BinaryIO]] = {}
    current: Path | None = None  # the file at hand; None while the block writes
    try:
        with _signals_held():  # a Ctrl-C between creating a temporary file and noting it would leave it behind
            for current in paths:
                temps[current] = _open_temp(current)
        current = None
        yield {path: handle for path, (_, handle) in temps.items()}
        for path, (_, handle) in temps.items():
            current = path
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        with _signals_held():
            for path, (temp, _) in temps.items():
                current = path
                os.replace(temp, path)
    except OSError as exc:
        _discard(temps.values())
        where = exc.filename or current or (paths[0].parent if paths else ".")
        raise OutputError(f"{where}: cannot write: {exc.strerror}") from None
    except BaseException:
        _discard(temps.values())
        raise


def _open_temp(path: Path) -> tuple[str, BinaryIO]:
    """A new temporary file next to `path`, with the mode a new file would get."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here: {exc.strerror}") from None
    os.fchmod(fd, 0o666 & ~_UMASK)
    return temp, os.fdopen(fd, "wb")


def _discard(temps: Iterable[tuple[str, BinaryIO]]) -> None:
    for temp, handle in temps:
        with contextlib.suppress(OSError):  # flushing what is left may fail again
            handle.close()
        Path(temp).unlink(missing_ok=True)


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once at import, while nothing else runs


@contextmanager
def _signals_held() -> Iterator[None]:
    """Delay SIGINT and SIGTERM until the block is done (where the platform allows it)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
