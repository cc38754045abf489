"""`replace`: a literal or regex pattern with a replacement.

Unicode word boundaries come from the `regex` module (`\\b` works with umlauts; a hyphen
is a boundary, so `KI` matches inside `KI-Chips`). `unless` patterns are antipatterns in
LanguageTool's sense: a candidate that overlaps a match of any of them is dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Literal

import regex
from pydantic import Field, model_validator

from cleanup.checks.base import Check, PatternList, RawRule, compile_pattern, finditer
from cleanup.document import Document
from cleanup.findings import Finding
from cleanup.triggers import Triggers, occurs, triggers


class RawReplace(RawRule, PatternList):
    regex_fields: ClassVar[tuple[str, ...]] = ("pattern", "unless")
    type: Literal["replace"]
    pattern: str = Field(min_length=1)
    literal: bool = False
    replacement: str | list[str]
    ignore_case: bool = False
    case: Literal["exact", "preserve"] = "exact"
    unless: list[str] = []
    unless_window: int = Field(default=80, ge=0)

    @model_validator(mode="after")
    def _literal_or_regex(self) -> RawReplace:
        if not self.literal:
            pattern = compile_pattern(self.pattern)
            for replacement in self.replacements:
                try:
                    _probe_match(pattern).expand(replacement)
                except (regex.error, IndexError) as exc:
                    raise ValueError(f"replacement {replacement!r} does not fit the pattern: {exc}") from None
        return self

    @property
    def replacements(self) -> list[str]:
        return [self.replacement] if isinstance(self.replacement, str) else list(self.replacement)


def _probe_match(pattern: regex.Pattern[str]) -> regex.Match[str]:
    """A match of the pattern's groups on the empty string, to check a replacement's
    group references once at load time rather than at the first real match."""
    probe = compile_pattern(f"(?:{pattern.pattern})|")
    match = probe.match("")
    assert match is not None
    return match


def match_case(template: str, replacement: str) -> str:
    """Carry the case of the matched text over: ALL CAPS stays caps, Capitalised stays so."""
    if len(template) > 1 and template.isupper():
        return replacement.upper()
    if template[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    if template[:1].islower():
        return replacement[:1].lower() + replacement[1:]
    return replacement


@dataclass
class ReplaceCheck(Check):
    pattern: regex.Pattern[str] | None = None
    templates: tuple[str, ...] = ()
    literal: bool = False
    case: str = "exact"
    unless: tuple[regex.Pattern[str], ...] = ()
    unless_window: int = 80
    # literals a match needs (see triggers.py): where none occurs, the pattern is not run
    triggers: Triggers | None = field(init=False, default=None)
    unless_triggers: tuple[Triggers | None, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        self.triggers = triggers(self.pattern) if self.pattern is not None else None
        self.unless_triggers = tuple(map(triggers, self.unless))

    def find(self, doc: Document) -> Iterator[Finding]:
        for m in self.matches(doc):
            start, end = m.span()
            replacements = [self._expand(m, t) for t in self.templates]
            replacements = [r for r in dict.fromkeys(replacements) if r != m.group(0)]
            if replacements:
                yield self.finding(doc, start, end, replacements)

    def matches(self, doc: Document) -> Iterator[regex.Match[str]]:
        """Pattern matches outside protected spans that no antipattern vetoes."""
        assert self.pattern is not None
        if not occurs(self.triggers, doc.text):
            return
        for m in finditer(self.pattern, doc.text, self.meta.id):
            if not doc.is_protected(*m.span()) and not self._vetoed(doc, *m.span()):
                yield m

    def _expand(self, m: regex.Match[str], template: str) -> str:
        text = template if self.literal else m.expand(template)
        return match_case(m.group(0), text) if self.case == "preserve" else text

    def _vetoed(self, doc: Document, start: int, end: int) -> bool:
        lo = max(0, start - self.unless_window)
        hi = min(len(doc.text), end + self.unless_window)
        for antipattern, literals in zip(self.unless, self.unless_triggers, strict=True):
            if not occurs(literals, doc.text, lo, hi):
                continue
            for m in finditer(antipattern, doc.text, self.meta.id, lo, hi):
                if m.start() < end and start < m.end() or m.start() == m.end() == start:
                    return True
        return False


def build(raw: RawReplace, meta) -> ReplaceCheck:  # type: ignore[no-untyped-def]
    source = regex.escape(raw.pattern) if raw.literal else raw.pattern
    return ReplaceCheck(
        meta=meta,
        pattern=compile_pattern(source, ignore_case=raw.ignore_case),
        templates=tuple(raw.replacements),
        literal=raw.literal,
        case=raw.case,
        unless=tuple(compile_pattern(p, ignore_case=raw.ignore_case) for p in raw.unless),
        unless_window=raw.unless_window,
        local=True,
        reach=raw.unless_window,
    )
