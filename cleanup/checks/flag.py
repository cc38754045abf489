"""`flag`: a pattern that needs a human. Reported with optional suggested wordings,
never applied, whatever safety a config asks for."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, Literal

from pydantic import Field

from cleanup.checks.base import PatternList, RawRule, compile_pattern
from cleanup.checks.replace import ReplaceCheck
from cleanup.document import Document
from cleanup.findings import Finding


class RawFlag(RawRule, PatternList):
    regex_fields: ClassVar[tuple[str, ...]] = ("pattern", "unless")
    type: Literal["flag"]
    safety: Literal["suggest"] = "suggest"
    pattern: str = Field(min_length=1)
    ignore_case: bool = False
    suggestions: list[str] = []
    unless: list[str] = []
    unless_window: int = Field(default=80, ge=0)


@dataclass
class FlagCheck(ReplaceCheck):
    @property
    def may_apply(self) -> bool:
        return False  # flags are never applied

    def find(self, doc: Document) -> Iterator[Finding]:
        for m in self.matches(doc):
            yield self.finding(doc, *m.span(), list(self.templates), safety="suggest")


def build(raw: RawFlag, meta) -> FlagCheck:  # type: ignore[no-untyped-def]
    return FlagCheck(
        meta=meta,
        pattern=compile_pattern(raw.pattern, ignore_case=raw.ignore_case),
        templates=tuple(raw.suggestions),
        literal=True,
        unless=tuple(compile_pattern(p, ignore_case=raw.ignore_case) for p in raw.unless),
        unless_window=raw.unless_window,
        local=True,
        reach=raw.unless_window,
    )
