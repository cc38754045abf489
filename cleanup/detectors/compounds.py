"""Compounds split by a space: "NVIDIA GPUs" → "NVIDIA-GPUs", "Software Update" → "Software-Update".

German joins a name or an English noun to the noun it modifies with a hyphen. Two words side
by side are not always a compound, though: in "weil Nvidia GPUs liefert" or "dass die EU Chips
fördert" the name is the subject and the noun its object. A company name takes no article, so
an article, pronoun or number right before it ("die Nvidia GPUs", "10.000 Nvidia GPUs") can
only belong to the noun after it, and the two words are a compound; a comma before the article
makes it a relative pronoun ("…, der Apple Aktien verkaufte") and the gate closes. With
`determiner: true` only such gated pairs are found (safe); without, every pair (suggestion).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import BaseModel, ConfigDict, Field

from cleanup.detectors import Detector, Hit, register
from cleanup.document import Document

_DETERMINER = (
    r"der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|kein\w*|mein\w*|dein\w*|sein\w*|ihr\w*|unser\w*"
    r"|dies\w*|jen\w*|jed\w*|welch\w*|manch\w*|viele[n]?|mehrere[n]?|einige[n]?|zahlreiche[n]?|alle[n]?"
    r"|beide[n]?|tausende[n]?|hunderte[n]?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf|\d[\d.,]*"
)
# the determiner, not after a comma (a relative pronoun), and at most one adjective after it
_GATE = rf"(?<=(?<!,\s)(?<![\w-])(?i:{_DETERMINER})[ ](?:\p{{Ll}}+(?:e|en|er|es|em)[ ])?)"
_ACRONYM = r"\p{Lu}{2,6}"


class CompoundOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    modifiers: list[str] = Field(default_factory=list, description="names and nouns that modify a head")
    acronyms: bool = Field(default=False, description="any acronym (EU, KI, USB) modifies a head too")
    heads: list[str] = Field(min_length=1, description="nouns that take the modifier, with their forms")
    extra_heads: list[str] = Field(default_factory=list, description="more heads, added to a shared list")
    determiner: bool = Field(default=False, description="only after an article, pronoun or number")


def _alternatives(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@register("split_compound", CompoundOptions, local=True)
def make(options: CompoundOptions) -> Detector:
    modifiers = [m for m in [_alternatives(options.modifiers), _ACRONYM if options.acronyms else ""] if m]
    heads = _alternatives(options.heads + options.extra_heads)
    gate = _GATE if options.determiner else ""
    # a version number after the pair makes it a product name: "Windows Server 2008"
    pattern = regex.compile(rf"{gate}(?<![\w-])({'|'.join(modifiers)})[ ]({heads})(?![\w-]|[ ]\d)")

    def detect(doc: Document) -> Iterator[Hit]:
        for m in pattern.finditer(doc.text):
            yield Hit(m.start(), m.end(), [f"{m.group(1)}-{m.group(2)}"])

    return detect
