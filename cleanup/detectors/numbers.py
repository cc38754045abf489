"""English number formats in German text: "50,000 Nutzer", "2.7 Millionen", "$5 billion".

German swaps the marks: a point groups thousands, a comma starts the decimals. Many numbers
read either way ("1,500" is 1.5 in German, 1500 in English; "2.7" may be a version or a date),
so each kind of number is fixed only where the reading is certain:

* ``grouped``: two or more thousands groups, or a group with decimals (1,000,000; 1,000.5)
  are English whatever follows;
* ``grouped_single``: one group (50,000) is English before a word that counts whole things
  (`followed_by`), since nobody writes 50,000 Nutzer for fifty; also after a quantity word
  (`after_quantity`: rund, mehr als, bis zu) before any noun that is not a measure (`measures`:
  "rund 8,000 Filialen", but "rund 1,125 Liter" and "etwa 1,385 Kinder je Frau" stay), and, as a
  suggestion, before a currency when the number has two or more digits before the comma
  ("55,700 Euro"; a litre of diesel costs 1,659 Euro);
* ``decimal``: a decimal point (2.7) is English before a magnitude, percent or unit (`followed_by`),
  never in a version (v1.2.3, Python 3.11 bleibt), a date (2.7.2024) or an IP address.

None of them touches a number in a sentence about number formats: "ein Komma als
Tausendertrennzeichen (beispielsweise 123,456.78)", "das Währungsformat wird zu "$ 1,234.00"",
a menu item "Punkt: 123,456.78" — there the English form is the point. Grouped numbers right
after a currency sign ("$ 1,234.00") are left to the currency suggestion, which moves the sign too.

The currency detector rewrites "$5 billion" / "$5 Milliarden" as "5 Milliarden US-Dollar".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

from cleanup.detectors import Detector, Hit, register
from cleanup.document import Document

# a number not glued to other digits, letters, points or commas (so not 1.2.3, v2.7, 10.0.0.1)
# nor a literal: in braces or brackets ({224,256}), after "=" or a quote (»87.5%«)
_EDGE_BEFORE = r"(?<![\w.,{\[=»«„\"']|[\w][.,])"
_EDGE_AFTER = r"(?![\w}\]]|[.,]\d)"
_GROUPED = r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?"
_DECIMAL = r"\d+\.(?!\d{3}(?!\d))\d+"  # not 1.000: that is a German thousand
# (?=\d) first: one cheap test per position before the lookbehinds
_NUMBER = regex.compile(rf"(?=\d){_EDGE_BEFORE}(?:{_GROUPED}|{_DECIMAL}){_EDGE_AFTER}")

# words that show a sentence is about number formats, and a separator named as a label
_FORMAT_TALK = regex.compile(
    r"(?i:(?<!in)format(?!ion)|trennzeichen|trenner\b|separator|dezimal|tausender|schreibweise|notation|"
    r"gebietsschema|locale\b|ländereinstellung)"
)
_SEPARATOR_LABEL = regex.compile(r"\b(?:Punkt|Komma|Dezimalpunkt|Dezimalkomma)\s*[:=(]\s*$")
_CURRENCY_BEFORE = regex.compile(r"(?:\$|€|£)[ \u00a0]?$")
_SENTENCE_END = regex.compile(r"[.!?](?=\s)|\n")
_TALK_BEFORE = 100  # characters of the sentence looked at before the number
_TALK_AFTER = 60  # and after it


def about_formats(text: str, start: int, end: int) -> bool:
    """Whether the sentence around text[start:end] talks about number formats."""
    lo = max(0, start - _TALK_BEFORE)
    before = text[lo:start]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    if ends:
        before = before[ends[-1] :]
    after = text[end : end + _TALK_AFTER]
    stop = _SENTENCE_END.search(after)
    if stop:
        after = after[: stop.start()]
    return bool(_FORMAT_TALK.search(before) or _FORMAT_TALK.search(after) or _SEPARATOR_LABEL.search(before))


MAGNITUDES = {"thousand": "Tausend", "million": "Millionen", "billion": "Milliarden", "trillion": "Billionen"}
SINGULAR = {"Millionen": "Million", "Milliarden": "Milliarde", "Billionen": "Billion"}
CURRENCIES = {"US$": "US-Dollar", "$": "US-Dollar", "€": "Euro", "£": "Pfund"}
_GERMAN_MAGNITUDE = r"Tausend|Millionen|Million|Milliarden|Milliarde|Billionen|Billion|Mio\.|Mrd\."
_CURRENCY = regex.compile(
    rf"(?<![\w$€£])(US\$|\$|€|£)[ \u00a0]?(\d[\d.,]*\d|\d)"
    rf"(?:[ \u00a0]?({'|'.join(MAGNITUDES)})s?\b|[ \u00a0]({_GERMAN_MAGNITUDE})(?!\w))?"
)
_VARIABLE = regex.compile(r"\$[A-Za-z_{(]")
_ENGLISH_MAGNITUDE = regex.compile(
    rf"(?=\d)(?<![$€£][ \u00a0]?[\d.,]*)(?<![\w.,])(\d+(?:[.,]\d+)?)[ \u00a0]({'|'.join(MAGNITUDES)})s?\b"
)


def german(number: str) -> str:
    """An English-formatted number in German form: 1,234.5 → 1.234,5."""
    return number.translate(str.maketrans({",": ".", ".": ","}))


def german_amount(number: str) -> str:
    """A number whose format is unknown (after a currency sign): converted only when it is
    clearly English (1,000; 2.5; 1,000.5); a German one (1.000; 2,5) stays."""
    if regex.fullmatch(_GROUPED, number) or regex.fullmatch(r"\d+\.\d{1,2}", number):
        return german(number)
    return number


class NumberOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["grouped", "grouped_single", "decimal"]
    followed_by: str | None = Field(default=None, description="regex for the word after the number")
    after_quantity: str | None = Field(
        default=None,
        description="regex for quantity words ('rund', 'mehr als'): right before the number, they also "
        "let any noun follow it (a capitalised word, maybe after one adjective) that is not a measure",
    )
    measures: str | None = Field(
        default=None,
        description="regex for measure words (units, currencies, magnitudes): not a noun after a quantity word",
    )
    min_integer_digits: int = Field(default=1, ge=1, le=3, description="digits before the first comma or point")


class PlainOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _kind(number: str) -> str:
    if "," not in number:
        return "decimal"
    return "grouped" if number.count(",") > 1 or "." in number else "grouped_single"


# after a quantity word: one noun, maybe after an adjective ("rund 8,000 neue Filialen",
# "mehr als 200,000 Enterprise Customers", "rund 24,000 GH200-Superchips"), and the word after it
_NOUN_AFTER = regex.compile(
    r"[ \u00a0](?:\p{Ll}+(?:e|en|er|es|em)[ ])?(\p{Lu}[\p{L}\d]*(?:-[\p{L}\d]+)*)(?![\w-])(?:[ ]+([\p{L}/]+))?"
)
# the noun is a rate ("1,385 Kinder je Frau"), not a count
_RATE = regex.compile(r"pro|je|per|/")


def _counted_noun(text: str, end: int, measures: regex.Pattern[str]) -> bool:
    """Whether a noun that counts whole things follows the number ending at `end`: a capitalised
    word of four or more letters with small ones (not a unit such as MB or MHz, not an operator
    such as ROUND or Mod), not a
    measure (Liter, Euro, Punkte, Millionen) nor followed by one ("Schweizer Franken") or by
    "pro"/"je" (a rate)."""
    m = _NOUN_AFTER.match(text, end)
    if m is None:
        return False
    noun, after = m.group(1), m.group(2) or ""
    if len(noun) < 4 or not any(c.islower() for c in noun):
        return False
    if measures.fullmatch(noun) or measures.fullmatch(noun.rsplit("-", 1)[-1]):
        return False
    return not (measures.fullmatch(after) or _RATE.fullmatch(after))


@register("english_number", NumberOptions, local=True)
def make_number(options: NumberOptions) -> Detector:
    follower = regex.compile(rf"[ \u00a0]?(?:{options.followed_by})(?!\w)") if options.followed_by else None
    quantity = regex.compile(rf"(?<![\w.])(?:{options.after_quantity})[ \u00a0]+$") if options.after_quantity else None
    measures = regex.compile(options.measures) if options.measures else regex.compile(r"(?!)")

    def detect(doc: Document) -> Iterator[Hit]:
        for m in _NUMBER.finditer(doc.text):
            if _kind(m.group(0)) != options.kind:
                continue
            if len(regex.match(r"\d*", m.group(0)).group(0)) < options.min_integer_digits:
                continue
            if (
                follower is not None
                and not follower.match(doc.text, m.end())
                and not (
                    quantity is not None
                    and quantity.search(doc.text, max(0, m.start() - 20), m.start())
                    and _counted_noun(doc.text, m.end(), measures)
                )
            ):
                continue
            if doc.text[m.start() - 1 : m.start()] == "(" and doc.text[m.end() : m.end() + 1] in (",", ")"):
                continue  # a tuple such as rgb(72,226,255)
            if options.kind != "decimal" and _CURRENCY_BEFORE.search(doc.text, max(0, m.start() - 3), m.start()):
                continue  # "$ 1,234.00": NUM-CURRENCY-PREFIX suggests the whole amount
            if about_formats(doc.text, m.start(), m.end()):
                continue  # "Tausendertrennzeichen (beispielsweise 123,456.78)"
            yield Hit(m.start(), m.end(), [german(m.group(0))])

    return detect


@register("english_magnitude", PlainOptions, local=True)
def make_magnitude(options: PlainOptions) -> Detector:
    """5 billion → 5 Milliarden (1 billion → 1 Milliarde); German "Billion" is capitalised."""

    def detect(doc: Document) -> Iterator[Hit]:
        for m in _ENGLISH_MAGNITUDE.finditer(doc.text):
            number = german_amount(m.group(1))
            word = MAGNITUDES[m.group(2)]
            if number == "1":
                word = SINGULAR.get(word, word)
            yield Hit(m.start(), m.end(), [f"{number} {word}"])

    return detect


@register("currency_prefix", PlainOptions, local=True)
def make_currency(options: PlainOptions) -> Detector:
    """$5 billion, $5 Milliarden, US$ 50,000 → 5 Milliarden US-Dollar, 50.000 US-Dollar."""

    def detect(doc: Document) -> Iterator[Hit]:
        for m in _CURRENCY.finditer(doc.text):
            symbol, number, english, german_word = m.groups()
            if not (english or german_word or len(number) > 1):
                continue  # "$1" is a shell or regex variable more often than one dollar
            if _VARIABLE.search(doc.text, max(0, m.start() - 40), m.end() + 40):
                continue  # "$sp oder $15": registers or variables, not money
            if about_formats(doc.text, m.start(), m.end()):
                continue  # "das Währungsformat wird zu "$ 1,234.00"": an example of the format
            number = german_amount(number)
            word = MAGNITUDES[english] if english else german_word
            if word and number == "1":
                word = SINGULAR.get(word, word)
            parts = [number, word, CURRENCIES[symbol]]
            yield Hit(m.start(), m.end(), [" ".join(p for p in parts if p)])

    return detect
