"""`consistency`: variants that should not be mixed in one document (`KI` / `AI`).

A variant counts as a whole word, also as the first part of a hyphenated compound
(`AI-Chips`, `AI -Chips`), never inside a name (`OpenAI`, `xAI`) or glued to a file
name, domain or handle (`01.AI`, `@AI`); `unless` antipatterns protect names that
contain it as a word (`AI Act`, `Scale AI`). Only a mixed document gets findings: each
minority occurrence is turned into the configured or majority form.

Optional, for sets of inflected words and for German: `endings` a variant may carry
(`Startups` → `Start-ups`, the ending is kept), `targets` (the forms the rule may write:
when the majority is another variant, the rule only *suggests* the first target, so a
mostly-"Start-Up" text is not rewritten towards Start-Up), `skip_quoted` (quotations and
quoted titles are neither counted nor changed) and `protect_names` (an occurrence right
next to a capitalised word that is not common German, with no hyphen between, is part of
a name: "Business AI", "Sakana AI", "AI Mode"; "die AI", "Neue AI-Chips" are not).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, Literal

import regex
from pydantic import Field, model_validator

from cleanup.checks.base import Check, PatternList, RawRule, compile_pattern
from cleanup.checks.replace import ReplaceCheck
from cleanup.document import Document
from cleanup.findings import Finding
from cleanup.language import inside, is_common_german, quoted_spans

# the capitalised word right before or after an occurrence, with only a space between
_NAME_BEFORE = regex.compile(r"(?<![\w-])(\p{Lu}[\p{L}\d]*)[ \t]$")
_NAME_AFTER = regex.compile(r"[ \t](\p{Lu}[\p{L}\d]*)(?![\w-])")


class RawConsistency(RawRule, PatternList):
    regex_fields: ClassVar[tuple[str, ...]] = ("unless",)
    type: Literal["consistency"]
    variants: list[str] = Field(min_length=2)
    prefer: str = "majority"
    targets: list[str] = []
    endings: list[str] = []
    skip_quoted: bool = False
    protect_names: bool = False
    unless: list[str] = []
    unless_window: int = Field(default=80, ge=0)

    @model_validator(mode="after")
    def _prefer_is_known(self) -> RawConsistency:
        if self.prefer != "majority" and self.prefer not in self.variants:
            raise ValueError(f"prefer must be 'majority' or one of {self.variants}, not {self.prefer!r}")
        unknown = [t for t in self.targets if t not in self.variants]
        if unknown:
            raise ValueError(f"targets {unknown} are not among the variants {self.variants}")
        return self


@dataclass
class ConsistencyCheck(Check):
    variants: tuple[str, ...] = ()
    prefer: str = "majority"
    targets: tuple[str, ...] = ()
    skip_quoted: bool = False
    protect_names: bool = False
    occurrences: ReplaceCheck | None = None  # finds every variant, antipatterns applied

    def find(self, doc: Document) -> Iterator[Finding]:
        assert self.occurrences is not None
        quotes = quoted_spans(doc.text) if self.skip_quoted else []
        hits = [
            (m.span(), m.group("variant"), m.group("ending") or "")
            for m in self.occurrences.matches(doc)
            if not (quotes and inside(quotes, *m.span())) and not (self.protect_names and _in_name(doc.text, *m.span()))
        ]
        counts = Counter(variant for _, variant, _ in hits)
        if len(counts) < 2:
            return
        preferred = self.prefer if self.prefer != "majority" else _majority(counts, self.variants)
        safety = None
        if self.targets and preferred not in self.targets:
            preferred, safety = self.targets[0], "suggest"
        summary = ", ".join(f"{v} {counts[v]}×" for v in self.variants if counts[v])
        for (start, end), variant, ending in hits:
            if variant != preferred:
                yield self.finding(
                    doc, start, end, [preferred + ending], safety=safety, preferred=preferred, counts=summary
                )


def _in_name(text: str, start: int, end: int) -> bool:
    """Next to a capitalised word that is not common German, and not a compound's first part."""
    if text.startswith(("-", " -"), end):
        return False
    before = _NAME_BEFORE.search(text, max(0, start - 40), start)
    after = _NAME_AFTER.match(text, end)
    return any(m is not None and not is_common_german(m.group(1)) for m in (before, after))


def _majority(counts: Counter[str], variants: tuple[str, ...]) -> str:
    """The most frequent variant; on a tie the one listed first."""
    return max(variants, key=lambda v: (counts[v], -variants.index(v)))


def build(raw: RawConsistency, meta) -> ConsistencyCheck:  # type: ignore[no-untyped-def]
    alternation = "|".join(regex.escape(v) for v in sorted(raw.variants, key=len, reverse=True))
    endings = "|".join(regex.escape(e) for e in sorted(raw.endings, key=len, reverse=True))
    ending = f"(?P<ending>{endings})?" if endings else "(?P<ending>)"
    occurrences = ReplaceCheck(
        meta=meta,
        pattern=compile_pattern(rf"(?<![\w.@/#_])(?P<variant>{alternation}){ending}(?![\w@_]|\.\w)"),
        unless=tuple(compile_pattern(p) for p in raw.unless),
        unless_window=raw.unless_window,
    )
    return ConsistencyCheck(
        meta=meta,
        variants=tuple(raw.variants),
        prefer=raw.prefer,
        targets=tuple(raw.targets),
        skip_quoted=raw.skip_quoted,
        protect_names=raw.protect_names,
        occurrences=occurrences,
    )
