"""The JSON report: what every other consumer (HTML review, `cleanup apply`, CI) reads."""

from __future__ import annotations

import bisect
import hashlib
import json
from collections import Counter
from typing import Any

from cleanup.engine import CleanResult

REPORT_VERSION = 1


def text_hash(text: str) -> str:
    """Identifies the exact input text a report belongs to."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def summarize(result: CleanResult) -> dict[str, Any]:
    by_category = Counter(f.category for f in result.findings)
    return {
        "findings": len(result.findings),
        "by_category": dict(sorted(by_category.items())),
        "applied": sum(f.applied for f in result.findings),
        "suggestions": sum(1 for f in result.findings if not f.applied and f.is_fix),
        "flags": sum(1 for f in result.findings if not f.is_fix),
        "warnings": list(result.warnings),
    }


def build_report(result: CleanResult, input_path: str, **summary_extra: Any) -> dict[str, Any]:
    return {
        "version": REPORT_VERSION,
        "input": input_path,
        "input_sha256": text_hash(result.original),
        "summary": {**summarize(result), **summary_extra},
        "findings": [f.to_json() for f in result.findings],
    }


def dumps(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


class LineIndex:
    """Offset → (line, column), both 1-based, for `file:line:col` output."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1
