"""Coupling hyphens: a multi-word English phrase as the first part of a German compound
takes hyphens throughout ("Open Source -Projekt" → "Open-Source-Projekt").

German orthography (Durchkopplung, Duden D 26) joins every part of such a compound with a
hyphen.

Two modes: a curated list of phrases (sure, so safe), and any run of two or more
capitalised words that wordfreq rates at least as English as German, before a compound
hyphen with a stray space (a suggestion: people often leave names such as "Microsoft
Office-Dokumente" uncoupled on purpose; the stray space shows that a machine wrote it).
A curated phrase's finding also takes that stray space ("Open Source -KI" → "Open-Source-KI":
after such a phrase the hyphen can only be a compound's); the general one leaves it to the
hyphen-spacing rules. A third mode couples a name with a number ("Windows 11 -Update" →
"Windows-11-Update"), taking the stray space with it; see `_numbered`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

from cleanup.detectors import Detector, Hit, register
from cleanup.document import Document
from cleanup.language import is_common_german, zipf

# the phrase is followed by a compound hyphen ("-Projekt", " -Projekt") or a suspended one ("- und")
_COMPOUND_HYPHEN = r"(?=[ \t]?-(?:\p{L}|\d)|-[ \t]+(?:und|oder|bzw\.|sowie)\b)"
# the MT artifact: a stray space before the compound hyphen (" -Plattform")
# followed by a noun or an acronym, not an option ("-ot", "-1")
_STRAY_HYPHEN = r"(?=[ \t]-\p{Lu}(?:\p{Ll}{2}|\p{Lu}))"
# a capitalised word: "Open", "AI", "Azure"
_WORD = r"\p{Lu}[\p{L}\d]*"
_ANY_STRAY_SPACE = re.compile(r"[ \t]-")
_STRAY = regex.compile(_STRAY_HYPHEN)
# the characters a run of words is made of, matched backwards from its end
_RUN_BACKWARDS = regex.compile(r"[\p{L}\d \t]*", regex.REVERSE)


class CouplingOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    phrases: list[str] = Field(default_factory=list, description="curated phrases, e.g. 'Open Source'")
    english_runs: bool = Field(default=False, description="any run of capitalised English-looking words")
    numbered: Literal["sure", "unsure"] | None = Field(
        default=None,
        description="a name with a number before a stray-space compound hyphen ('Windows 11 -Update'): "
        "'sure' gives the cases known to be one name, 'unsure' the rest",
    )
    function_words: str = Field(
        default="(?!)", description="regex of capitalised words that are not names ('Die', 'Rund')"
    )
    measures: str = Field(
        default="(?!)", description="regex of units after the number ('-Euro-Boni'): the number counts them"
    )


# "Windows 11 -Update", "Wi-Fi 7 -Unterstützung", "iPhone 16 -Verkäufe", "ISO 8601 -Spezifikation":
# a word (capitalised, hyphenated or a brand such as iPhone), a number, a stray space, a noun
_NUMBERED = regex.compile(
    r"(?<![\w-])(?P<word>\p{Lu}[\p{L}\d]*(?:-[\p{L}\d]+)*|\p{Ll}{1,4}\p{Lu}[\p{L}\d]*)[ \t]+"
    r"(?P<number>\d(?:\w|[.,]\d)*)(?P<space>[ \t]+)(?=-(?P<right>\p{Lu}\p{Ll}{2,})(?!\p{Ll}*(?:[\p{Lu}\d_=/@]|\.\w)))"
)
# a word that opens a noun phrase: then the name is the compound's first part, not a subject
# ("baut Huawei 5G -Netze" is subject and object)
_PHRASE_START = regex.compile(
    r"(?i:(?<![\w-])(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|im|in|ins|am|an|auf|aus|bei|beim|"
    r"für|mit|von|vom|zum|zur|über|unter|durch|ohne|gegen|nach|vor|seit|sein|seine|seinen|seinem|seiner|ihr|ihre|"
    r"ihren|ihrem|ihrer|dieser|diese|diesen|diesem|dieses|jede|jeden|jedem|jeder|jedes|alle|allen|kein|keine|"
    r"keinen|keinem|keiner)[ \t]+)$"
)


# words this common in German are German whatever English says ("In", "Die", "Neue")
_COMMON_GERMAN_ZIPF = 5.0


def _englishish(word: str) -> bool:
    """At least as common in English as in German (names unknown to both count too), and
    not a common German word."""
    german = zipf(word, "de")
    return german < _COMMON_GERMAN_ZIPF and zipf(word, "en") >= german


def _phrase_matches(pattern: regex.Pattern[str], first_words: re.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
    """pattern.finditer(text), tried only where `re` finds the first word of a curated phrase."""
    pos = 0
    while (word := first_words.search(text, pos)) is not None:
        m = pattern.match(text, word.start())
        if m is None:
            pos = word.start() + 1
        else:
            yield m
            pos = m.end()


def _run_matches(pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
    """pattern.finditer(text) for a run of words before a stray hyphen: a match ends at a
    space before "-", found by `re`, and is searched for only in the letters, digits and
    spaces up to there."""
    pos = 0
    for space in _ANY_STRAY_SPACE.finditer(text):
        end = space.start()
        if _STRAY.match(text, end) is None:
            continue
        # the lookahead reads at most 5 characters: " -Abc"
        m = pattern.search(text, _RUN_BACKWARDS.match(text, pos, end).start(), end + 5)
        if m is not None:
            yield m
            pos = m.end()


# a name and a number are at most this long before their stray space (a longer word is no name)
_NUMBERED_REACH = 120


def _numbered_matches(text: str) -> Iterator[regex.Match[str]]:
    """_NUMBERED.finditer(text), searched only around a stray space before a hyphen (found by `re`):
    the match whose stray space ends at that hyphen."""
    end = 0
    for space in _ANY_STRAY_SPACE.finditer(text):
        if space.start() < end or _STRAY.match(text, space.start()) is None:
            continue
        lo = max(end, space.start() - _NUMBERED_REACH)
        for m in _NUMBERED.finditer(text, lo, space.end() + 40):
            if m.end() == space.end() - 1:  # its stray space ends at this hyphen
                yield m
                end = m.end()
                break


def _numbered(options: CouplingOptions) -> Detector:
    """A name with a number as the first part of a compound, with a stray space before the
    compound's hyphen: "Windows 11 -Update" → "Windows-11-Update" (Duden D 26), not the half fix
    "Windows 11-Update". Sure (safe) when the word is not common German and an article or
    preposition opens the phrase ("mit Wi-Fi 7 -Unterstützung"); otherwise a suggestion, with the
    half fix as second choice, or first when the noun after the number is a unit that the number
    counts ("Mitarbeitern 500 -Euro-Boni")."""
    function_words = regex.compile(rf"(?:{options.function_words})")
    measures = regex.compile(rf"(?:{options.measures})")

    def detect(doc: Document) -> Iterator[Hit]:
        text = doc.text
        for m in _numbered_matches(text):
            word, number = m.group("word"), m.group("number")
            if function_words.fullmatch(word):
                continue
            coupled = f"{word}-{number}"
            half = text[m.start() : m.start("space")]
            measure = measures.fullmatch(m.group("right")) is not None
            sure = (
                not measure
                and not is_common_german(word)
                and _PHRASE_START.search(text, max(0, m.start() - 20), m.start()) is not None
            )
            if (options.numbered == "sure") != sure:
                continue
            yield Hit(m.start(), m.end(), [half, coupled] if measure else [coupled, half])

    return detect


@register("coupling", CouplingOptions, local=True)
def make(options: CouplingOptions) -> Detector:
    if options.numbered:
        return _numbered(options)
    matches: Callable[[str], Iterator[regex.Match[str]]]
    if options.phrases:
        alternatives = "|".join(
            r"[ \t]+".join(regex.escape(w) for w in phrase.split())
            for phrase in sorted(options.phrases, key=len, reverse=True)
        )
        # the curated phrase takes a stray space before the compound hyphen with it: "Open Source -KI"
        pattern = regex.compile(rf"(?<![\w-])(?:{alternatives})(?:[ \t](?=-[\p{{L}}\d]))?{_COMPOUND_HYPHEN}")
        first_words = sorted({re.escape((phrase.split() or [""])[0]) for phrase in options.phrases})
        matches = partial(_phrase_matches, pattern, re.compile("|".join(first_words)))
    else:
        pattern = regex.compile(rf"(?<![\w-])(?:{_WORD}[ \t]+)+{_WORD}{_STRAY_HYPHEN}")
        matches = partial(_run_matches, pattern)

    def detect(doc: Document) -> Iterator[Hit]:
        for m in matches(doc.text):
            words = list(regex.finditer(r"\S+", m.group(0)))
            if options.english_runs:
                # a German word in front ("Die Microsoft Azure Cloud-…") is not part of the phrase
                while words and not _englishish(words[0].group(0)):
                    words.pop(0)
                if len(words) < 2 or not all(_englishish(w.group(0)) for w in words):
                    continue
            start = m.start() + words[0].start()
            yield Hit(start, m.end(), ["-".join(w.group(0) for w in words)])

    return detect
