"""`entity`: canonical names with their known wrong spellings, as curated data.

One entry (`name: OpenAI`, `wrong: [Openai]`) also covers the German inflected forms
(`Openais` → `OpenAIs`, `Openai's` → `OpenAIs`), the English apostrophe genitive of
the name itself (`OpenAI's` → `OpenAIs`) and compounds (`Openai-Chef`: the hyphen is a
word boundary). Matching looks each run of 1…n words up in one dictionary, so the cost
does not grow with the number of entries. Context gates (`requires`, `forbids`) keep
ordinary words and other meanings (a TV hero, a fruit) untouched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, model_validator

from cleanup.checks.base import Check, PatternList, RawRule, compile_pattern
from cleanup.document import Document
from cleanup.findings import Finding
from cleanup.nearmiss import NearMissIndex

WORD = regex.compile(r"\w+")
APOSTROPHES = ("'", "’")
# German genitive of a name ending in an s sound: an apostrophe, no -s (Max', Hans').
SIBILANT_END = ("s", "ß", "x", "z", "ce")


class RawEntry(PatternList):
    model_config = ConfigDict(extra="forbid", strict=True)
    regex_fields: ClassVar[tuple[str, ...]] = ("requires", "forbids")
    name: str = Field(min_length=1)
    wrong: list[str] = []
    forms: dict[str, str] = {}
    requires: list[str] = []
    forbids: list[str] = []
    scope: Literal["paragraph", "document"] = "document"
    inflect: bool = True
    safety: Literal["safe", "suggest"] | None = None
    note: str = ""


class RawNearMiss(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    max_distance: int = Field(default=1, ge=1, le=2)
    min_length: int = Field(default=5, ge=3)


class RawEntity(RawRule):
    type: Literal["entity"]
    entries: list[RawEntry] = Field(min_length=1)
    apostrophe_genitive: bool = True
    near_miss: RawNearMiss | None = None

    @model_validator(mode="after")
    def _no_name_is_wrong(self) -> RawEntity:
        names = {entry.name for entry in self.entries}
        for entry in self.entries:
            for wrong in [*entry.wrong, *entry.forms]:
                if wrong in names:
                    raise ValueError(f"{wrong!r} is listed as wrong for {entry.name!r} but is itself a name here")
        return self


def genitive(name: str) -> str:
    return name + "'" if name.endswith(SIBILANT_END) else name + "s"


def sibling_forms(entry: RawEntry) -> dict[str, str]:
    """Every wrong surface form of an entry, mapped to its correction."""
    table: dict[str, str] = {}
    first_name = entry.name.split()[0] if " " in entry.name else None
    for wrong in entry.wrong:
        table[wrong] = entry.name
        if entry.inflect:
            table[wrong + "s"] = genitive(entry.name)
            for apostrophe in APOSTROPHES:
                table[wrong + apostrophe + "s"] = genitive(entry.name)
        if first_name and " " not in wrong:
            # "Sam Ultraman" must not become "Sam Sam Altman"
            table[f"{first_name} {wrong}"] = entry.name
            if entry.inflect:
                table[f"{first_name} {wrong}s"] = genitive(entry.name)
    table.update(entry.forms)
    return table


@dataclass
class _Target:
    replacement: str
    entry: int


@dataclass
class EntityCheck(Check):
    entries: list[RawEntry] = field(default_factory=list)
    table: dict[str, _Target] = field(default_factory=dict)
    max_words: int = 1
    gates: list[tuple[tuple[regex.Pattern[str], ...], tuple[regex.Pattern[str], ...]]] = field(default_factory=list)
    near_miss: NearMissIndex | None = None
    near_miss_min_length: int = 5

    @property
    def names(self) -> list[str]:
        return [entry.name for entry in self.entries]

    def find(self, doc: Document) -> Iterator[Finding]:
        words = list(WORD.finditer(doc.text))
        index = 0
        while index < len(words):
            found = self._lookup(doc, words, index)
            if found is None:
                if self.near_miss is not None:
                    yield from self._near_miss(doc, words[index])
                index += 1
                continue
            finding, used = found
            if finding is not None:
                yield finding
            index += used

    def _lookup(self, doc: Document, words: list[regex.Match[str]], index: int) -> tuple[Finding | None, int] | None:
        """The longest dictionary key starting at word `index`, as (finding, words used)."""
        start = words[index].start()
        for count in range(min(self.max_words, len(words) - index), 0, -1):
            end = words[index + count - 1].end()
            target = self.table.get(doc.text[start:end])
            if target is None:
                continue
            if _glued(doc.text, start, end) or doc.is_protected(start, end):
                return None, count
            if not self._gate_open(doc, target.entry, start):
                return None, count
            entry = self.entries[target.entry]
            return self.finding(doc, start, end, [target.replacement], safety=entry.safety, name=entry.name), count
        return None

    def _gate_open(self, doc: Document, entry_index: int, pos: int) -> bool:
        requires, forbids = self.gates[entry_index]
        scope = self.entries[entry_index].scope
        if requires and not any(doc.context_matches(p, pos, scope) for p in requires):
            return False
        return not any(doc.context_matches(p, pos, scope) for p in forbids)

    def _near_miss(self, doc: Document, word: regex.Match[str]) -> Iterator[Finding]:
        assert self.near_miss is not None
        text = word.group(0)
        if len(text) < self.near_miss_min_length or not text[0].isupper() or _glued(doc.text, *word.span()):
            return
        name = _closest_unless_common(self.near_miss, text)
        if name is not None and not doc.is_protected(*word.span()):
            yield Finding(
                rule=self.meta.id,
                category=self.meta.category,
                safety="suggest",
                start=word.start(),
                end=word.end(),
                original=text,
                replacements=[name],
                message=f"„{text}“ ähnelt dem Namen „{name}“: ein Tippfehler?",
                priority=self.meta.priority - 1,
                link=self.meta.link,
            )


def _glued(text: str, start: int, end: int) -> bool:
    """A key inside something larger: a file name, a handle, a domain, snake_case."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before in "@#./\\_" or after in "_@" or (after == "." and text[end + 1 : end + 2].isalnum())


_common_word_cache: dict[str, bool] = {}


def _closest_unless_common(index: NearMissIndex, word: str) -> str | None:
    name = index.closest(word)
    if name is None:
        return None
    if word not in _common_word_cache:
        from wordfreq import zipf_frequency

        _common_word_cache[word] = max(zipf_frequency(word, "de"), zipf_frequency(word, "en")) >= 2.5
    return None if _common_word_cache[word] else name


def build(raw: RawEntity, meta) -> EntityCheck:  # type: ignore[no-untyped-def]
    table: dict[str, _Target] = {}
    for position, entry in enumerate(raw.entries):
        forms = sibling_forms(entry)
        if raw.apostrophe_genitive and entry.inflect and not entry.name.endswith(SIBILANT_END):
            for apostrophe in APOSTROPHES:
                forms.setdefault(entry.name + apostrophe + "s", genitive(entry.name))
        for wrong, right in forms.items():
            if wrong != right:
                table.setdefault(wrong, _Target(right, position))
    gates = [
        (tuple(compile_pattern(p) for p in e.requires), tuple(compile_pattern(p) for p in e.forbids))
        for e in raw.entries
    ]
    near_miss = None
    if raw.near_miss is not None:
        single_word_names = [
            e.name for e in raw.entries if len(e.name) >= raw.near_miss.min_length and " " not in e.name
        ]
        near_miss = NearMissIndex(single_word_names, raw.near_miss.max_distance)
    return EntityCheck(
        meta=meta,
        entries=list(raw.entries),
        table=table,
        max_words=max((len(WORD.findall(key)) for key in table), default=1),
        gates=gates,
        near_miss=near_miss,
        near_miss_min_length=raw.near_miss.min_length if raw.near_miss else 5,
    )
