"""`entity`: canonical names with their known wrong spellings, as curated data.

One entry (`name: OpenAI`, `wrong: [Openai]`) also covers the German inflected forms
(`Openais` → `OpenAIs`, `Openai's` → `OpenAIs`), the English apostrophe genitive of
the name itself (`OpenAI's` → `OpenAIs`) and compounds (`Openai-Chef`: the hyphen is a
word boundary); `forms` adds irregular ones (`OpenAs` → `OpenAIs`).
Matching looks each run of 1…n words up in one dictionary, so the cost does not grow
with the number of entries.

Context gates keep ordinary words and other meanings (a TV hero, a fruit) untouched:
`requires`/`forbids` look at the paragraph or the document, `requires_near`/`unless` at
the words around the match (a pattern must, or must not, overlap it). Apostrophe forms
inside quotes or English phrases keep their apostrophe (see detectors/genitive.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import ClassVar, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, model_validator

from cleanup.checks.base import Check, PatternList, RawRule, compile_pattern, finditer
from cleanup.detectors.genitive import SIBILANT, apostrophe_is_english
from cleanup.document import WORD, Document, Words
from cleanup.findings import Finding, Safety
from cleanup.nearmiss import NearMissIndex

APOSTROPHES = ("'", "’")
# How far `unless` and `requires_near` patterns may reach beyond the match.
LOCAL_WINDOW = 80
# A word that German or English texts use this often (Zipf scale: 1.5 is about once in
# 30 million words) is no near-miss of a name. Frequent misspellings (Instagramm) are
# listed as wrong forms instead.
COMMON_ZIPF = 1.5


class RawEntry(PatternList):
    model_config = ConfigDict(extra="forbid", strict=True)
    regex_fields: ClassVar[tuple[str, ...]] = ("requires", "forbids", "unless", "requires_near")
    name: str = Field(min_length=1)
    # (default factories: pydantic deep-copies a mutable default for every entry, which is
    # most of the loading time of a 100,000-entry glossary)
    wrong: list[str] = Field(default_factory=list)
    # irregular forms and their corrections; several corrections make the fix a suggestion
    forms: dict[str, str | list[str]] = Field(default_factory=dict)
    # other correct spellings (Nvidia next to NVIDIA): wrong forms become the one the text uses most
    accepted: list[str] = Field(default_factory=list)
    # wrong surnames that are ordinary words (Koch for Cook): fixed only right after the first name
    with_first_name: list[str] = Field(default_factory=list)
    requires: list[str] = Field(default_factory=list)
    forbids: list[str] = Field(default_factory=list)
    requires_near: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    scope: Literal["paragraph", "document"] = "document"
    inflect: bool = True
    safety: Literal["safe", "suggest"] | None = None
    # the name after its first mention (see RawEntity.short_names); "von der Leyen"
    short: str | None = None
    near_miss: bool = True
    note: str = ""

    @model_validator(mode="after")
    def _first_name_needs_one(self) -> RawEntry:
        if self.with_first_name and " " not in self.name:
            raise ValueError(f"'with_first_name' needs a name with a first name, not {self.name!r}")
        return self


class RawNearMiss(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    max_distance: int = Field(default=1, ge=1, le=2)
    min_length: int = Field(default=5, ge=3)


class RawEntity(RawRule, PatternList):
    regex_fields: ClassVar[tuple[str, ...]] = ("not_house_style",)
    type: Literal["entity"]
    entries: list[RawEntry] = Field(min_length=1)
    apostrophe_genitive: bool = True
    # A one-word wrong form of a longer name ("Masike" for 马斯克, Musk) becomes the full name
    # at its first mention and the short name (the last word, or `short`) after it.
    short_names: bool = False
    # The wrong forms are some newsroom's house style (Youtube for YouTube): they are fixed only
    # in a text that shows it does not follow that style (it writes one of the rule's names the
    # official way, or matches one of `not_house_style`), and suggested elsewhere.
    house_style: bool = False
    not_house_style: list[str] = []
    near_miss: RawNearMiss | None = None

    @model_validator(mode="after")
    def _forms_are_unambiguous(self) -> RawEntity:
        correct = {spelling for entry in self.entries for spelling in (entry.name, *entry.accepted)}
        owner: dict[str, str] = {}
        for entry in self.entries:
            for wrong in [*entry.wrong, *entry.with_first_name, *entry.forms]:
                if wrong in correct:
                    raise ValueError(f"{wrong!r} is listed as wrong for {entry.name!r} but is itself a name here")
                if owner.setdefault(wrong, entry.name) != entry.name:
                    raise ValueError(f"{wrong!r} is listed as wrong for both {owner[wrong]!r} and {entry.name!r}")
        return self


def genitive(name: str) -> str:
    """German genitive of a name: a plain s, or an apostrophe after an s sound (Max')."""
    return name + "'" if SIBILANT.search(name) else name + "s"


@dataclass(frozen=True, slots=True)
class Form:
    """What a wrong surface form stands for: the name (`base`), its genitive, or fixed texts."""

    kind: Literal["base", "genitive", "fixed"]
    fixed: tuple[str, ...] = ()
    apostrophe: bool = False  # ends in an English "'s"
    is_name: bool = False  # a correct spelling with "'s": in English, nothing to fix
    may_shorten: bool = False  # a one-word stand-in for a longer name (see RawEntity.short_names)


# A surname this short ("Ma", "Su", "Son") is too ambiguous to carry an apostrophe genitive.
MIN_SHORT_GENITIVE = 4


@cache
def _form(kind: Literal["base", "genitive"], apostrophe: bool, may_shorten: bool) -> Form:
    """The few forms without fixed text, shared: a large glossary has millions of keys."""
    return Form(kind, apostrophe=apostrophe, may_shorten=may_shorten)


def short_name(entry: RawEntry) -> str:
    return entry.short or entry.name.split()[-1]


def surface_forms(entry: RawEntry, apostrophe_genitive: bool = True, short_names: bool = False) -> dict[str, Form]:
    """Every wrong surface form of an entry and what it stands for."""
    table: dict[str, Form] = {}
    first_name = entry.name.split()[0] if " " in entry.name else None

    def add(wrong: str, alone: bool = True) -> None:
        spellings = [wrong] if alone else []
        if first_name and " " not in wrong:
            spellings.append(f"{first_name} {wrong}")  # "Sam Ultraman" must not become "Sam Sam Altman"
        for spelling in spellings:
            shorten = short_names and first_name is not None and spelling == wrong and " " not in wrong
            table[spelling] = _form("base", False, shorten)
            if entry.inflect:
                table[spelling + "s"] = _form("genitive", False, shorten)
                for apostrophe in APOSTROPHES:
                    table[spelling + apostrophe + "s"] = _form("genitive", True, shorten)

    for wrong in entry.wrong:
        add(wrong)
    for wrong in entry.with_first_name:
        add(wrong, alone=False)
    if entry.inflect and apostrophe_genitive:
        correct = [entry.name, *entry.accepted]
        if short_names and first_name is not None and len(short_name(entry)) >= MIN_SHORT_GENITIVE:
            correct.append(short_name(entry))
        for spelling in correct:
            for apostrophe in APOSTROPHES:
                form = Form("fixed", fixed=(genitive(spelling),), apostrophe=True, is_name=True)
                table.setdefault(spelling + apostrophe + "s", form)
    for wrong, right in entry.forms.items():
        fixed = (right,) if isinstance(right, str) else tuple(right)
        table[wrong] = Form("fixed", fixed=fixed, apostrophe=wrong.endswith(("'s", "’s")))
    return {wrong: form for wrong, form in table.items() if wrong != entry.name}


# A dictionary key's target: its entry's index shifted left by this, plus its form's index.
# A plain int, because a big glossary has millions of keys: as tuples they would be millions
# of objects for the garbage collector to walk on every full collection.
_FORM_BITS = 32


@dataclass
class _Gates:
    requires: tuple[regex.Pattern[str], ...]
    forbids: tuple[regex.Pattern[str], ...]
    requires_near: tuple[regex.Pattern[str], ...]
    unless: tuple[regex.Pattern[str], ...]


class _DocFacts:
    """What an entity rule asks about a whole document, computed once per `find`."""

    def __init__(self, check: EntityCheck, doc: Document) -> None:
        self.check = check
        self.doc = doc
        self._preferred: dict[int, str] = {}
        self._introduced: set[int] = set()

    def mentioned(self, index: int, pos: int) -> bool:
        """Whether the entry's name came before `pos`, in the text or in an earlier fix."""
        if index in self._introduced:
            return True
        entry = self.check.entries[index]
        return any(self.doc.text.find(spelling, 0, pos) >= 0 for spelling in (entry.name, *entry.accepted))

    def mention(self, index: int) -> None:
        self._introduced.add(index)

    @cached_property
    def not_house_style(self) -> bool:
        """Whether the text shows that it does not follow the rule's house style."""
        return any(p.search(self.doc.text) for p in self.check.style_evidence)

    def preferred(self, index: int) -> str:
        """Of the name and its accepted spellings, the one this text uses most (the name on a tie)."""
        if index not in self._preferred:
            entry = self.check.entries[index]
            if not entry.accepted:
                self._preferred[index] = entry.name
            else:
                spellings = [entry.name, *entry.accepted]
                pattern = regex.compile(r"(?<!\w)(?:" + "|".join(map(regex.escape, spellings)) + r")(?!\w)")
                counts = Counter(m.group(0) for m in pattern.finditer(self.doc.text))
                self._preferred[index] = max(spellings, key=lambda s: (counts[s], s == entry.name))
        return self._preferred[index]


@dataclass
class EntityCheck(Check):
    entries: list[RawEntry] = field(default_factory=list)
    table: dict[str, int] = field(default_factory=dict)  # wrong form -> target (see _FORM_BITS)
    forms: list[Form] = field(default_factory=list)
    # the first word of each key, with the numbers of words of the keys it starts, most first
    first_words: dict[str, tuple[int, ...]] = field(default_factory=dict)
    gates: list[_Gates] = field(default_factory=list)
    # for house_style rules: the official names and the `not_house_style` patterns
    style_evidence: tuple[regex.Pattern[str], ...] | None = None
    near_miss_options: RawNearMiss | None = None

    @property
    def may_apply(self) -> bool:
        """An entry's own safety can make a fix safe where the rule's is not."""
        return self.meta.safety == "safe" or any(entry.safety == "safe" for entry in self.entries)

    @property
    def names(self) -> list[str]:
        """Every correct spelling this rule knows (for spell checkers to accept)."""
        return [spelling for entry in self.entries for spelling in (entry.name, *entry.accepted)]

    @cached_property
    def near_miss(self) -> NearMissIndex | None:
        """Built on first use: a large glossary should not slow down loading the rules."""
        options = self.near_miss_options
        if options is None:
            return None
        names = [
            e.name for e in self.entries if e.near_miss and len(e.name) >= options.min_length and " " not in e.name
        ]
        return NearMissIndex(names, options.max_distance)

    @cached_property
    def _known(self) -> frozenset[str]:
        """Spellings the near-miss finder must not question: names, accepted and listed forms."""
        return frozenset({*self.names, *self.table})

    def find(self, doc: Document) -> Iterator[Finding]:
        facts = _DocFacts(self, doc)
        words, distinct, first_words = doc.words, doc.distinct_words, self.first_words
        # the words of the text a key can start with, and those with a near-miss name, found
        # among its distinct words from whichever side is smaller (a glossary can be huge)
        if len(first_words) < len(distinct):
            starting = {word for word in first_words if word in distinct}
        else:
            starting = {word for word in distinct if word in first_words}
        near: dict[str, str] = {}
        if self.near_miss_options is not None:
            min_length = self.near_miss_options.min_length
            for word in distinct:
                if len(word) >= min_length and (name := self._near_miss_name(word)) is not None:
                    near[word] = name
        wanted = starting | near.keys()
        after = 0  # words before this belong to a key already looked up
        for position in [i for i, word in enumerate(words.text) if word in wanted] if wanted else ():
            if position < after:
                continue
            word = words.text[position]
            found = self._lookup(doc, facts, words, position) if word in starting else None
            if found is None:
                if word in near:
                    yield from self._near_miss(doc, words, position, near[word])
                continue
            finding, used = found
            if finding is not None:
                yield finding
            after = position + used

    def _lookup(self, doc: Document, facts: _DocFacts, words: Words, index: int) -> tuple[Finding | None, int] | None:
        """The longest dictionary key starting at word `index`, as (finding, words used)."""
        start = words.starts[index]
        for count in self.first_words[words.text[index]]:
            if index + count > len(words.text):
                continue
            end = words.ends[index + count - 1]
            target = self.table.get(doc.text[start:end])
            if target is None:
                continue
            entry = target >> _FORM_BITS
            if _glued(doc.text, start, end) or doc.is_protected(start, end):
                return None, count
            if not self._gate_open(doc, entry, start, end):
                return None, count
            form = self.forms[target & ((1 << _FORM_BITS) - 1)]
            return self._finding(doc, facts, entry, form, start, end), count
        return None

    def _finding(self, doc: Document, facts: _DocFacts, index: int, form: Form, start: int, end: int) -> Finding | None:
        entry = self.entries[index]
        name = facts.preferred(index)
        if form.may_shorten and facts.mentioned(index, start):
            name = short_name(entry)
        facts.mention(index)
        replacements = _replacements(form, name)
        if form.apostrophe and apostrophe_is_english(doc, start, end):
            # English inside a German text ("OpenAI's mission"): keep the English genitive
            if form.is_name or form.kind == "fixed":
                return None
            replacements = [name + doc.text[end - 2 : end]]
        safety: Safety | None = entry.safety if len(replacements) == 1 else "suggest"
        if self.style_evidence is not None and not facts.not_house_style:
            safety = "suggest"
        return self.finding(doc, start, end, replacements, safety=safety, name=entry.name)

    def _gate_open(self, doc: Document, entry_index: int, start: int, end: int) -> bool:
        gates = self.gates[entry_index]
        scope = self.entries[entry_index].scope
        if gates.requires and not any(doc.context_matches(p, start, scope) for p in gates.requires):
            return False
        if any(doc.context_matches(p, start, scope) for p in gates.forbids):
            return False
        if gates.requires_near and not any(self._overlaps(doc, p, start, end) for p in gates.requires_near):
            return False
        return not any(self._overlaps(doc, p, start, end) for p in gates.unless)

    def _overlaps(self, doc: Document, pattern: regex.Pattern[str], start: int, end: int) -> bool:
        lo, hi = max(0, start - LOCAL_WINDOW), min(len(doc.text), end + LOCAL_WINDOW)
        return any(m.start() < end and start < m.end() for m in finditer(pattern, doc.text, self.meta.id, lo, hi))

    def _near_miss_name(self, text: str) -> str | None:
        """The name a capitalised word is a near miss of, judged by the word alone."""
        assert self.near_miss is not None
        if not text[0].isupper() or text.isupper():
            return None
        if text in self._known or (text.endswith("s") and text[:-1] in self._known):
            return None  # a name, a listed form, or a genitive of one
        name = self.near_miss.closest(text)
        if name is None or (name.lower() != text.lower() and _common_word(text)):
            return None  # word frequencies ignore case: "BroadCom" is as frequent as "Broadcom"
        return name

    def _near_miss(self, doc: Document, words: Words, index: int, name: str) -> Iterator[Finding]:
        text, start, end = words.text[index], words.starts[index], words.ends[index]
        if _glued(doc.text, start, end) or doc.is_protected(start, end):
            return
        yield Finding(
            rule=self.meta.id,
            category=self.meta.category,
            safety="suggest",
            start=start,
            end=end,
            original=text,
            replacements=[name],
            message=f"„{text}“ ähnelt dem Namen „{name}“: ein Tippfehler?",
            priority=self.meta.priority - 1,
            link=self.meta.link,
        )


def _replacements(form: Form, name: str) -> list[str]:
    if form.kind == "fixed":
        return list(form.fixed)
    return [name if form.kind == "base" else genitive(name)]


def _glued(text: str, start: int, end: int) -> bool:
    """A key inside something larger: a file name, a handle, a domain, snake_case."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before in "@#./\\_" or after in "_@" or (after == "." and text[end + 1 : end + 2].isalnum())


_common_word_cache: dict[str, bool] = {}


def _common_word(word: str) -> bool:
    """A word German or English texts use often (Busch, Disco): no typo of a name."""
    if word not in _common_word_cache:
        from wordfreq import zipf_frequency

        frequency = max(zipf_frequency(word, "de"), zipf_frequency(word, "en"))
        _common_word_cache[word] = frequency >= COMMON_ZIPF
    return _common_word_cache[word]


def build(raw: RawEntity, meta) -> EntityCheck:  # type: ignore[no-untyped-def]
    table: dict[str, int] = {}
    forms: dict[Form, int] = {}
    for position, entry in enumerate(raw.entries):
        for wrong, form in surface_forms(entry, raw.apostrophe_genitive, raw.short_names).items():
            if wrong not in table:
                table[wrong] = position << _FORM_BITS | forms.setdefault(form, len(forms))
    no_gates = _Gates((), (), (), ())
    gates = [
        _Gates(
            requires=tuple(compile_pattern(p) for p in e.requires),
            forbids=tuple(compile_pattern(p) for p in e.forbids),
            requires_near=tuple(compile_pattern(p) for p in e.requires_near),
            unless=tuple(compile_pattern(p) for p in e.unless),
        )
        if e.requires or e.forbids or e.requires_near or e.unless
        else no_gates
        for e in raw.entries
    ]
    style_evidence = None
    if raw.house_style:
        names = sorted({e.name for e in raw.entries}, key=len, reverse=True)
        official = regex.compile(r"(?<!\w)(?:" + "|".join(map(regex.escape, names)) + ")")
        style_evidence = (official, *(compile_pattern(p) for p in raw.not_house_style))
    counts: dict[str, set[int]] = {}
    for key in table:
        parts = WORD.findall(key)
        if parts:
            counts.setdefault(parts[0], set()).add(len(parts))
    return EntityCheck(
        meta=meta,
        entries=list(raw.entries),
        table=table,
        forms=list(forms),
        first_words={word: tuple(sorted(held, reverse=True)) for word, held in counts.items()},
        gates=gates,
        style_evidence=style_evidence,
        near_miss_options=raw.near_miss,
    )
