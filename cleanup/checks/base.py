"""What every rule type shares: the raw schema fields, the compiled rule metadata,
and the one interface (`Check.find`) the engine calls.

A rule module defines a pydantic `Raw…` model (validated once, straight from YAML)
and a `Check` subclass compiled from it; the engine never sees raw data.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cleanup.document import Document
from cleanup.findings import Finding, Safety

REGEX_TIMEOUT_SECONDS = 2.0
# plus this much per character searched: the limit covers a whole scan of the text, and an
# honest pattern on a 50 MB text needs far more than 2 s (1 s per MB = a floor of 1 MB/s)
REGEX_SECONDS_PER_CHAR = 1e-6


class RuleTimeout(Exception):
    """A rule's pattern ran longer than the per-rule limit (catastrophic backtracking)."""


class RawExample(BaseModel):
    """`bad` (+ `good`, the exact result of the rule alone) or `ok` (no finding)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    bad: str | None = None
    good: str | None = None
    ok: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> RawExample:
        if (self.ok is None) == (self.bad is None):
            raise ValueError("an example has either 'bad' (with 'good' for fixes) or 'ok'")
        if self.ok is not None and self.good is not None:
            raise ValueError("'good' belongs to a 'bad' example, not to an 'ok' one")
        return self


class RawRule(BaseModel):
    """Fields every rule has, whatever its type."""

    model_config = ConfigDict(extra="forbid", strict=True)
    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_.:-]*$")
    category: str
    safety: Literal["safe", "suggest"] = "suggest"
    message: str
    description: str = ""
    link: str | None = None
    priority: int = 0
    enabled: bool = True
    examples: list[RawExample] = Field(min_length=1)


@functools.cache
def compile_pattern(pattern: str, *, ignore_case: bool = False) -> regex.Pattern[str]:
    """Compiled once per process: validation and the rule builder ask for the same patterns."""
    flags = regex.VERSION1 | regex.UNICODE | (regex.IGNORECASE if ignore_case else 0)
    return regex.compile(pattern, flags)


class PatternList(BaseModel):
    """Mixin: validate that every string in the named fields compiles as a regex."""

    @field_validator("*", mode="after")
    @classmethod
    def _patterns_compile(cls, value: object, info) -> object:  # type: ignore[no-untyped-def]
        if info.field_name in getattr(cls, "regex_fields", ()):
            for pattern in value if isinstance(value, list) else [value]:
                if isinstance(pattern, str):
                    try:
                        compile_pattern(pattern)
                    except regex.error as exc:
                        raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
        return value


@dataclass(slots=True)
class RuleMeta:
    id: str
    type: str
    category: str
    safety: Safety
    message: str
    description: str
    link: str | None
    priority: int
    examples: list[RawExample]
    pack: str = ""
    source: str = ""  # the file the rule came from, for messages


@dataclass
class Check:
    """A compiled rule. Subclasses implement `find`; everything else is shared."""

    meta: RuleMeta
    enabled: bool = field(default=True)
    # findings depend only on the text within `reach` characters of them, not on the rest
    # of the document: the engine's later passes run such a rule only around changed lines
    local: bool = field(default=False)
    reach: int = field(default=0)

    def find(self, doc: Document) -> Iterator[Finding]:
        raise NotImplementedError

    @property
    def may_apply(self) -> bool:
        """Whether any finding of this rule can be a safe fix: only those change the text."""
        return self.meta.safety == "safe"

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        replacements: list[str],
        *,
        safety: Safety | None = None,
        **placeholders: str,
    ) -> Finding:
        """A finding with the rule's message filled in ({match}, {replacement}, {context}, …)."""
        original = doc.text[start:end]
        values = {"match": original, "replacement": replacements[0] if replacements else "", **placeholders}
        if "context" in _template(self.meta.message)[1::2] and "context" not in values:
            values["context"] = doc.surrounding_words(start, end)  # only where the message shows it
        return Finding(
            rule=self.meta.id,
            category=self.meta.category,
            safety=safety or self.meta.safety,
            start=start,
            end=end,
            original=original,
            replacements=replacements,
            message=_fill(self.meta.message, values),
            priority=self.meta.priority,
            link=self.meta.link,
        )


@functools.cache
def _template(message: str) -> tuple[str, ...]:
    """A message split once into text and placeholder names, alternating."""
    return tuple(regex.split(r"\{(\w+)\}", message))


def _fill(template: str, values: dict[str, str]) -> str:
    """`str.format_map` that leaves unknown placeholders and stray braces alone."""
    parts = _template(template)
    return "".join(part if i % 2 == 0 else values.get(part, f"{{{part}}}") for i, part in enumerate(parts))


def finditer(pattern: regex.Pattern[str], text: str, rule_id: str, pos: int = 0, endpos: int | None = None):
    """`pattern.finditer` with the per-rule time limit turned into RuleTimeout."""
    end = len(text) if endpos is None else endpos
    limit = REGEX_TIMEOUT_SECONDS + (end - pos) * REGEX_SECONDS_PER_CHAR
    try:
        yield from pattern.finditer(text, pos, end, timeout=limit)
    except TimeoutError:
        raise RuleTimeout(rule_id) from None
