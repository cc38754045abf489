"""The JSON report: what every other consumer (HTML review, `cleanup apply`, CI) reads.

A report is built whole (`build_report`, `dumps`) or, for a text cleaned in chunks,
written as the findings come (`StreamedReport`); both give the same bytes.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

from cleanup.engine import CleanResult
from cleanup.findings import Finding

REPORT_VERSION = 1


class TextHash:
    """Identifies the exact input text a report belongs to; fed whole or in pieces."""

    def __init__(self, text: str = "") -> None:
        self._digest = hashlib.sha256()
        self.update(text)

    def update(self, text: str) -> None:
        self._digest.update(text.encode("utf-8", "surrogatepass"))

    def value(self) -> str:
        return "sha256:" + self._digest.hexdigest()


def text_hash(text: str) -> str:
    return TextHash(text).value()


class Tally:
    """The report's summary, counted over findings that may come in pieces."""

    def __init__(self) -> None:
        self.by_category: Counter[str] = Counter()
        self.findings = self.applied = self.suggestions = self.flags = 0
        self.warnings: list[str] = []

    def add(self, findings: Iterable[Finding], warnings: Iterable[str] = ()) -> None:
        for f in findings:
            self.findings += 1
            self.by_category[f.category] += 1
            self.applied += f.applied
            self.suggestions += not f.applied and f.is_fix
            self.flags += not f.is_fix
        self.warnings += [w for w in warnings if w not in self.warnings]

    def summary(self) -> dict[str, Any]:
        return {
            "findings": self.findings,
            "by_category": dict(sorted(self.by_category.items())),
            "applied": self.applied,
            "suggestions": self.suggestions,
            "flags": self.flags,
            "warnings": list(self.warnings),
        }


def summarize(result: CleanResult) -> dict[str, Any]:
    tally = Tally()
    tally.add(result.findings, result.warnings)
    return tally.summary()


def _head(input_path: str, input_sha256: str, summary: dict[str, Any]) -> dict[str, Any]:
    return {"version": REPORT_VERSION, "input": input_path, "input_sha256": input_sha256, "summary": summary}


def build_report(result: CleanResult, input_path: str, **summary_extra: Any) -> dict[str, Any]:
    head = _head(input_path, text_hash(result.original), {**summarize(result), **summary_extra})
    return {**head, "findings": [f.to_json() for f in result.findings]}


def dumps(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


class StreamedReport:
    """The JSON report of a text cleaned in chunks, byte for byte what `dumps` writes.

    The summary and the text's hash come before the findings but are known only after
    the last chunk, so the findings wait in an unnamed temporary file in `folder` (on
    disk, not in memory) until `finish` writes the report."""

    def __init__(self, folder: Path) -> None:
        self._spill = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (closed by __exit__)
        self._count = 0

    def __enter__(self) -> StreamedReport:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._spill.close()

    def add(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            item = json.dumps(f.to_json(), ensure_ascii=False, indent=2).replace("\n", "\n    ")
            self._spill.write(f"{',' if self._count else ''}\n    {item}".encode())
            self._count += 1

    def finish(self, handle: BinaryIO, input_path: str, input_sha256: str, summary: dict[str, Any]) -> None:
        head = dumps({**_head(input_path, input_sha256, summary), "findings": []})
        if self._count:
            handle.write(head.removesuffix("[]\n}\n").encode())
            handle.write(b"[")
            self._spill.seek(0)
            shutil.copyfileobj(self._spill, handle)
            handle.write(b"\n  ]\n}\n")
        else:
            handle.write(head.encode())


class LineIndex:
    """Offset → (line, column), both 1-based, for `file:line:col` output."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1
