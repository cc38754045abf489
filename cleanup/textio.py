"""Reading inputs exactly and writing outputs safely.

Text is decoded without newline translation, so CR/LF and mixed line endings, trailing
spaces and the Unicode normalisation form survive untouched. A byte-order mark is
remembered and written back. Outputs go to a temporary file in the target folder and
are renamed into place, so a crash never leaves a half-written file.
"""

from __future__ import annotations

import codecs
import os
import tempfile
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
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: looks like a binary file (NUL bytes), not text")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{source}: not valid UTF-8 at byte {exc.start} (line {line}); "
            "give the encoding with --encoding (e.g. --encoding cp1252)"
        ) from None


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing, unreadable or folder path is one InputError line."""
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a folder, not a file")
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
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
