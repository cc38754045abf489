"""Reading inputs exactly and writing outputs safely.

Text is decoded without newline translation, so CR/LF and mixed line endings, trailing
spaces and the Unicode normalisation form survive untouched. A byte-order mark is
remembered and written back. Outputs go to a temporary file in the target folder and
are renamed into place, so a crash never leaves a half-written file.
"""

from __future__ import annotations

import codecs
import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


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


def decode(data: bytes, source: str, encoding: str | None = None) -> DecodedText:
    """Bytes → text: a BOM decides, else `encoding`, else strict UTF-8 (one clear error)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data[len(bom) :].decode(codec), codec, True)
            except UnicodeDecodeError as exc:
                raise InputError(f"{source}: not valid {codec} after its byte-order mark (byte {exc.start})") from None
    if encoding is not None:
        try:
            return DecodedText(data.decode(encoding), encoding, False)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{source}: not valid {encoding} at byte {exc.start}") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(
            f"{source}: looks like a binary file (NUL byte at {nul}), not text; "
            "UTF-16 text without a byte-order mark needs --encoding utf-16-le or utf-16-be"
        )
    try:
        return DecodedText(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{source}: not valid UTF-8 at byte {exc.start} (line {line}); "
            "give the encoding with --encoding (e.g. --encoding cp1252)"
        ) from None


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


def read_input(path: Path, encoding: str | None = None) -> DecodedText:
    return decode(read_bytes(path), str(path), encoding)


def encode(decoded: DecodedText, text: str) -> bytes:
    """Text → bytes in the input's encoding, with its BOM if it had one."""
    body = text.encode(decoded.encoding)
    if not decoded.bom:
        return body
    bom = next(b for b, codec in _BOMS if codec == decoded.encoding)
    return bom + body


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file and a rename; the target is complete or untouched."""
    write_files({path: data})


def write_files(outputs: dict[Path, bytes]) -> None:
    """Write several files as one step: every file goes to a temporary file first, and only
    when all are on disk are they renamed into place, with Ctrl-C held back meanwhile. A full
    disk or an interrupt leaves the targets complete or untouched, and no temporary files."""
    temps: list[tuple[str, Path]] = []
    try:
        for path, data in outputs.items():
            temps.append((_write_temp(path, data), path))
        with _signals_held():
            for temp, path in temps:
                os.replace(temp, path)
    except OSError as exc:
        for temp, _ in temps:
            Path(temp).unlink(missing_ok=True)
        raise OutputError(f"{exc.filename or next(iter(outputs))}: cannot write: {exc.strerror}") from None
    except BaseException:
        for temp, _ in temps:
            Path(temp).unlink(missing_ok=True)
        raise


def _write_temp(path: Path, data: bytes) -> str:
    """`data` in a synced temporary file next to `path`, with the mode a new file would get."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o666 & ~_UMASK)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return temp


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
