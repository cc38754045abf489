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
hyphen-spacing rules.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import BaseModel, ConfigDict, Field
from wordfreq import zipf_frequency

from cleanup.detectors import Detector, Hit, register
from cleanup.document import Document

# the phrase is followed by a compound hyphen ("-Projekt", " -Projekt") or a suspended one ("- und")
_COMPOUND_HYPHEN = r"(?=[ \t]?-(?:\p{L}|\d)|-[ \t]+(?:und|oder|bzw\.|sowie)\b)"
# the MT artifact: a stray space before the compound hyphen (" -Plattform")
# followed by a noun or an acronym, not an option ("-ot", "-1")
_STRAY_HYPHEN = r"(?=[ \t]-\p{Lu}(?:\p{Ll}{2}|\p{Lu}))"
# a capitalised word: "Open", "AI", "Azure"
_WORD = r"\p{Lu}[\p{L}\d]*"


class CouplingOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    phrases: list[str] = Field(default_factory=list, description="curated phrases, e.g. 'Open Source'")
    english_runs: bool = Field(default=False, description="any run of capitalised English-looking words")


# words this common in German are German whatever English says ("In", "Die", "Neue")
_COMMON_GERMAN_ZIPF = 5.0


def _englishish(word: str) -> bool:
    """At least as common in English as in German (names unknown to both count too), and
    not a common German word."""
    german = zipf_frequency(word, "de")
    return german < _COMMON_GERMAN_ZIPF and zipf_frequency(word, "en") >= german


@register("coupling", CouplingOptions, local=True)
def make(options: CouplingOptions) -> Detector:
    if options.phrases:
        alternatives = "|".join(
            r"[ \t]+".join(regex.escape(w) for w in phrase.split())
            for phrase in sorted(options.phrases, key=len, reverse=True)
        )
        # the curated phrase takes a stray space before the compound hyphen with it: "Open Source -KI"
        pattern = regex.compile(rf"(?<![\w-])(?:{alternatives})(?:[ \t](?=-[\p{{L}}\d]))?{_COMPOUND_HYPHEN}")
    else:
        pattern = regex.compile(rf"(?<![\w-])(?:{_WORD}[ \t]+)+{_WORD}{_STRAY_HYPHEN}")

    def detect(doc: Document) -> Iterator[Hit]:
        for m in pattern.finditer(doc.text):
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
