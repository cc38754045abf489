"""Compounds split by a space: "NVIDIA GPUs" → "NVIDIA-GPUs", "Software Update" → "Software-Update".

German joins a name or an English noun to the noun it modifies with a hyphen. Two words side
by side are not always a compound, though: in "weil Nvidia GPUs liefert" or "dass die EU Chips
fördert" the name is the subject and the noun its object. A pair is only *sure* (a safe rule)
where German grammar leaves no reading with two noun phrases; each `gate` is one such proof:

- ``determiner``: a company name takes no article, so an article, pronoun or number right before
  it ("die Nvidia GPUs", "10.000 Nvidia GPUs") can only belong to the noun after it; a comma
  before the article makes it a relative pronoun ("…, der Apple Aktien verkaufte") and the gate
  closes.
- ``bare_head``: the head is a singular count noun ("Update", "Sparte", "Geschäft") that German
  never uses without an article, so it cannot be a noun phrase of its own: "ein Android Update",
  "in der Xbox Sparte". Nouns that stand bare as a predicate or as a mass noun ("wird Apple
  Partner", "weil Google Infrastruktur baut") are not on that list.
- ``bare_modifier``: the modifier is a singular count noun ("Cloud", "Chip") after a preposition
  or a plural quantifier, where it could not stand alone: "in Cloud Infrastruktur", "viele Cloud
  Kunden" (but "weil die Cloud Kunden gewinnt" stays).
- ``plural``: a singular name (a product: "Windows", "Xbox") after a plural quantifier or number,
  which can only belong to the noun after it: "viele Windows Nutzer", "alle Xbox Spiele".
- ``sentence_start``: the pair opens a sentence (after at most a preposition) and a lowercase
  word follows; a main clause has one constituent before its verb, so the two words are one:
  "Samsung Smartphones verkaufen sich gut", "Für Windows Nutzer endet der Support". Not before
  "zu" ("Bei Google Mitarbeiter zu entlassen, …") nor in a heading of two or three words.
- ``kind``: the head names what the modifier is (`kinds`: "Exynos" is a processor, "HBM" a memory
  chip), so "mit Exynos Prozessoren" and "bei HBM Speicherchips" are one noun.

Without a gate every pair is found (a suggestion). All gates skip a pair after a capitalised
word that is not an article or preposition (the end of a longer name: "Google Cloud Plattform")
the pairs listed in `names` ("Windows Server", "Windows Update", "Microsoft Teams"), a head that
starts a twin formula ("will Tesla Werk für Werk umrüsten"), and a pair on a line without
a lowercase word: a label or a title of words kept as they are ("Apple Laptop" as a keyboard model).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cleanup.detectors import Detector, Hit, register
from cleanup.document import Document
from cleanup.language import classify, zipf

_DETERMINER = (
    r"der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|kein\w*|mein\w*|dein\w*|sein\w*|ihr\w*|unser\w*"
    r"|dies\w*|jen\w*|jed\w*|welch\w*|manch\w*|viele[n]?|mehrere[n]?|einige[n]?|zahlreiche[n]?|alle[n]?"
    r"|beide[n]?|tausende[n]?|hunderte[n]?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf|\d[\d.,]*"
)
# the determiner, not after a comma (a relative pronoun), and at most one adjective after it
_GATE = rf"(?<=(?<!,\s)(?<![\w-])(?i:{_DETERMINER})[ ](?:\p{{Ll}}+(?:e|en|er|es|em)[ ])?)"
# German nouns after a contraction of a preposition and an article ("im aktuellen Hochschul Ranking")
# or after up to two adjectives ("die wiederverwendbare erste Raketen Stufe"): only for German pairs
_GATE_GERMAN = (
    rf"(?<=(?<!,\s)(?<![\w-])(?i:{_DETERMINER}|im|am|vom|zum|zur|beim|ins)(?<![.,])[ ]"
    r"(?:\p{Lu}\p{Ll}+er[ ])?(?:\p{Ll}+(?:e|en|er|es|em)[ ]){0,2})"
)
# a first element that never stands alone: a feminine noun (-ung, -heit, -keit, -schaft, -tion,
# -tät) with the linking s ("Verteidigungs Fähigkeiten"); feminine nouns have no genitive -s
_LINKING = r"\p{Lu}\p{Ll}+(?:ungs|heits|keits|schafts|tions|täts)"
_FEMININE_LINKING = regex.compile(r"(?:ungs|heits|keits|schafts|tions|täts)$")
# any noun with a linking or genitive s ("Atemwegs", "Landes"): only with min_joined
_ANY_LINKING = r"\p{Lu}\p{Ll}{3,}s"
# any capitalised word as a head (the linking form alone is the proof)
_ANY_HEAD = r"\p{Lu}\p{Ll}{2,}"
# an acronym, not a German word in capitals for emphasis ("Das ist DIE Regierung der Zukunft")
_ACRONYM = (
    r"(?!(?:DIE|DER|DAS|DEN|DEM|DES|EIN|EINE|EINEN|EINER|UND|ODER|IST|NICHT|KEIN|KEINE|NUR|AUCH|MIT|FÜR"
    r"|VON|ZUR|ZUM|IM|AM|SO|JA|NEIN|WIR|SIE|ER|ES|ICH)\b)\p{Lu}{2,6}"
)
# prepositions that take a noun phrase (not "pro", "je", "per", "als", "wie": "pro Chip Kosten")
_PREPOSITION = (
    r"in|an|auf|aus|bei|mit|nach|von|vor|zu|für|über|unter|um|durch|gegen|ohne|seit|ab|hinter|neben"
    r"|zwischen|trotz|wegen|dank|statt|laut|gegenüber"
)
# a plural quantifier or number: the singular modifier after it cannot be its noun
_PLURAL = (
    r"viele[n]?|mehrere[n]?|einige[n]?|zahlreiche[n]?|etliche[n]?|wenige[n]?|alle[n]?|beide[n]?"
    r"|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf"
)
_FUNCTION = regex.compile(rf"(?i:{_DETERMINER}|{_PREPOSITION}|im|am|vom|zum|zur|beim|ins|aufs|fürs|ums)")
_WORD_BEFORE = regex.compile(r"([\w-]+)[ ]\Z")
# "Werk für Werk", "Schritt um Schritt": the head belongs to a twin formula, not to the modifier
_REPEATED_HEAD = regex.compile(r"[ ](?:für|um|nach|an|zu|auf|über)[ ]")
_LOWERCASE_WORD = regex.compile(r"(?<![\w-])\p{Ll}{2,}")
# a capitalised word of four letters or more (German nouns: "Konsolen", "Kaffeehaus"); whether it
# is German and not a name is checked with wordfreq
_GERMAN_NOUN = r"\p{Lu}\p{Ll}{3,}"
# a capitalised adjective ("Externe Module", "Erstes Segment") or a noun that joins with -n
# ("Seite", "Karte"): a first word in -e (not -ie, -ee), -es or -em is no split compound
_NOT_A_MODIFIER = regex.compile(r"(?:(?<![ie])e|es|em)$")
# nouns that name a UI element or a kind before a label or a name: "auf der Seite Module"
_LABEL_NOUNS = frozenset(
    [
        "Befehl",
        "Eintrag",
        "Dialog",
        "Menü",
        "Reiter",
        "Feld",
        "Knopf",
        "Fenster",
        "Register",
        "Bereich",
        "Abschnitt",
        "Kapitel",
        "Modus",
        "Ansicht",
        "Symbol",
        "Element",
        "Kategorie",
        "Rubrik",
        "Firma",
        "Stadt",
        "Familie",
        "Unternehmen",
        "Konzern",
        "Hersteller",
        "Marke",
        "Menüpunkt",
        "Befehls",
        "Eintrags",
        "Dialogs",
        "Menüs",
        # nouns before an apposition: "das Wort Schatz", "das Thema Netz", "die Datei System.map"
        "Datei",
        "Verzeichnis",
        "Ordner",
        "Option",
        "Variable",
        "Paket",
        "Schlüssel",
        "Wort",
        "Begriff",
        "Thema",
        "Name",
        "Titel",
        "Motto",
        "Stichwort",
        "Schlagwort",
        "Projekt",
        "Monat",
        "Typ",
        "Fach",
        "Ressort",
    ]
)


class CompoundOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    modifiers: list[str] = Field(default_factory=list, description="names and nouns that modify a head")
    acronyms: bool = Field(default=False, description="any acronym (EU, KI, USB) modifies a head too")
    heads: list[str] = Field(default_factory=list, description="nouns that take the modifier, with their forms")
    extra_heads: list[str] = Field(default_factory=list, description="more heads, added to a shared list")
    determiner: bool = Field(default=False, description="only after an article, pronoun or number")
    gate: Literal[
        "none", "determiner", "bare_head", "bare_modifier", "plural", "sentence_start", "article_start", "kind"
    ] = Field(default="none", description="the proof that the pair is one noun (see the module docstring)")
    kinds: dict[str, list[str]] = Field(
        default_factory=dict, description="gate kind: a modifier and the nouns that name what it is"
    )
    names: list[str] = Field(default_factory=list, description="pairs that are names and stay apart")
    german_modifiers: bool = Field(
        default=False, description="any capitalised German word (wordfreq) modifies a head, joined closed"
    )
    linking: bool = Field(
        default=False,
        description="a feminine noun with the linking s (Verteidigungs, Sicherheits) modifies any capitalised word",
    )
    english_modifiers: bool = Field(
        default=False,
        description="any capitalised word that is English or frequent in English too (wordfreq) modifies a head",
    )
    any_head: bool = Field(
        default=False,
        description="german_modifiers: any capitalised word is a head when the closed compound has min_joined",
    )
    not_before_noun: bool = Field(
        default=False, description="not before another capitalised word (the pair is part of a longer compound)"
    )
    min_joined: float = Field(
        default=0.0,
        description="german_modifiers: a modifier used in English too (Pharma, Container) counts when"
        " the closed compound has at least this zipf in German; linking: any noun in -s counts when"
        " the closed compound has this zipf",
    )

    @field_validator("modifiers", "heads", "extra_heads", mode="before")
    @classmethod
    def _flatten(cls, value: object) -> object:
        """Lists may nest one level, so that YAML anchors of several lists combine: [*a, *b]."""
        if isinstance(value, list):
            return [w for item in value for w in (item if isinstance(item, list) else [item])]
        return value

    @model_validator(mode="after")
    def _needs_pairs(self) -> CompoundOptions:
        if self.determiner and self.gate not in ("none", "determiner"):
            raise ValueError("determiner: true is gate: determiner; give one of them")
        if self.gate == "kind" and not self.kinds:
            raise ValueError("gate: kind needs kinds")
        if self.linking or (self.any_head and self.german_modifiers):
            if self.any_head and not self.min_joined:
                raise ValueError("any_head needs min_joined")
            return self
        modifiers = self.modifiers or self.acronyms or self.german_modifiers or self.english_modifiers
        if self.gate != "kind" and not (self.heads and modifiers):
            raise ValueError("needs heads and modifiers (or acronyms)")
        return self


def _alternatives(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _in_prose(text: str, start: int, end: int) -> bool:
    """The line around the pair has a lowercase word: a sentence, not a label or a title."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    last = len(text) if last < 0 else last
    return bool(_LOWERCASE_WORD.search(text, first, start) or _LOWERCASE_WORD.search(text, end, last))


def _after_name(text: str, start: int) -> bool:
    """The pair follows a capitalised word that is not an article or preposition."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group(1)
    return word[:1].isupper() and not _FUNCTION.fullmatch(word)


_ADJECTIVE_ENDING = regex.compile(r"(?:e|en|er|es|em)$")


def _adjective(word: str) -> bool:
    """A capitalised adjective in a name ("am Alten Markt", "den Gemeinsamen Markt", "Neuer
    Markt"): without its ending it is a frequent German word (alt, gemeinsam, neu). A noun's
    plural or linking form is not ("Konsolen": konsol, "Halbleiter": halbleit)."""
    lower = word.lower()
    m = _ADJECTIVE_ENDING.search(lower)
    return m is not None and zipf(lower[: m.start()], "de") >= 3.0


@register("split_compound", CompoundOptions, local=True)
def make(options: CompoundOptions) -> Detector:
    gate = "determiner" if options.determiner else options.gate
    modifiers = [
        m
        for m in [
            _alternatives(options.modifiers),
            _ACRONYM if options.acronyms else "",
            _GERMAN_NOUN if options.german_modifiers else "",
            r"\p{Lu}\p{Ll}{2,}" if options.english_modifiers else "",
            (_ANY_LINKING if options.min_joined else _LINKING) if options.linking else "",
        ]
        if m
    ]
    any_head = options.linking or options.any_head
    heads = _ANY_HEAD if any_head else _alternatives(options.heads + options.extra_heads)
    prefix = {
        "determiner": _GATE_GERMAN if options.german_modifiers else _GATE,
        "bare_modifier": rf"(?<=(?<![\w-])(?i:{_PREPOSITION}|{_PLURAL})[ ])",
        "plural": rf"(?<=(?<![\w-])(?i:{_PLURAL})[ ])",
        # paragraph or sentence start, at most a preposition between
        "sentence_start": rf"(?<=(?:^|[.!?][ ])(?:(?:{_PREPOSITION.title()})[ ])?)",
        # paragraph or sentence start, a nominative article and at most one adjective
        "article_start": r"(?<=(?:^|[.!?][ ])(?:Der|Die|Das)[ ](?:\p{Ll}+(?:e|en|er|es)[ ])?)",
    }.get(gate, "")
    # not before a number ("Android Version 14") nor in a file or domain name ("System.map")
    suffix = r"(?![\w-]|[ ]\d|\.\w)"
    if options.not_before_noun:
        suffix += r"(?![ ]\p{Lu}\p{Ll})"  # "des Online Banking Zugangs": a longer compound
    if gate in ("sentence_start", "article_start"):
        # a lowercase word (the verb) and more of the sentence after it; not "zu" (an infinitive)
        suffix += r"(?=[ ](?!zu\b)\p{Ll}+[ ][\w„\"(])"
    if gate == "kind":
        pairs = [
            rf"(?:{regex.escape(mod)})[ ](?:{_alternatives(kind_heads)})" for mod, kind_heads in options.kinds.items()
        ]
        pattern = regex.compile(rf"(?<![\w-])((?:{'|'.join(pairs)}))(?![\w-]|[ ]\d)", regex.MULTILINE)
    else:
        pattern = regex.compile(rf"{prefix}(?<![\w-])({'|'.join(modifiers)})[ ]({heads}){suffix}", regex.MULTILINE)
    names = set(options.names)
    listed = set(options.modifiers)
    gated = gate != "none"

    def detect(doc: Document) -> Iterator[Hit]:
        text = doc.text
        for m in pattern.finditer(text):
            pair = m.group(0)
            if pair in names:
                continue
            if (
                gated
                and gate != "determiner"
                and (_after_name(text, m.start()) or not _in_prose(text, m.start(), m.end()))
            ):
                continue
            modifier, _, head = pair.partition(" ")
            twin = _REPEATED_HEAD.match(text, m.end())
            if gated and twin and text.startswith(head, twin.end()):
                continue
            if options.linking:
                stem = modifier[:-1]
                if zipf(stem, "en") >= 3.0 or classify(head) == "function":
                    continue  # a name ("Samsungs"), an English plural ("Operations Team")
                if _FEMININE_LINKING.search(modifier):
                    if zipf(stem, "de") < 2.5:
                        continue  # not a German noun
                else:
                    # a genitive or a plural in -s may stand alone ("um Himmels Willen", "von Gottes
                    # Gnaden", "Johannes Berg"): the compound must be a word, and more frequent
                    # than the form alone, which is then a compound stem rather than a word
                    joined = zipf(modifier + head.lower(), "de")
                    if joined < options.min_joined or joined <= zipf(modifier, "de"):
                        continue
                yield Hit(m.start(), m.end(), [modifier + head.lower(), f"{modifier}-{head}"])
                continue
            if (
                options.english_modifiers
                and modifier not in listed
                and classify(modifier) not in ("english", "neutral")
            ):
                continue  # a German word or a name wordfreq does not know
            if options.german_modifiers and modifier not in listed:
                kind = classify(modifier)
                if options.any_head and zipf(modifier + head.lower(), "de") < options.min_joined:
                    continue  # no such German word: an apposition ("die Stadt Berlin") or two phrases
                if kind == "neutral" and options.min_joined:
                    # used in English too ("Pharma", "Container"): the closed compound is German
                    kind = "german" if zipf(modifier + head.lower(), "de") >= options.min_joined else kind
                if kind != "german":
                    continue  # a name (Porsche, Copernicus) or an English word: not joined closed
                if modifier.endswith("er") and zipf(modifier + head.lower(), "de") < 1.0:
                    continue  # an adjective of a place ("der Münchner Konzern", "der Schweizer Markt")
                if _NOT_A_MODIFIER.search(modifier) or modifier in _LABEL_NOUNS or _adjective(modifier):
                    continue  # "das Bevorzugte Programm", "auf der Seite Module", "am Alten Markt"
                # German joins two nouns closed ("Konsolenmarkt"); a hyphen is allowed too
                yield Hit(m.start(), m.end(), [modifier + head.lower(), f"{modifier}-{head}"])
                continue
            yield Hit(m.start(), m.end(), [f"{modifier}-{head}"])

    return detect
