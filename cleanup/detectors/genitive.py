"""English apostrophe genitives on names: "Amazon's Cloud" → "Amazons Cloud", "Max's" → "Max'".

German writes the genitive of a name without an apostrophe, except after an s sound
(Max', Hans'). Machine translation from English keeps the English "'s". The apostrophe
stays where it belongs to English: inside quotes, in English phrases and titles
("Moore's Law", "the company's …"), in names that are spelt with it (McDonald's,
Let's Encrypt; a list in the rule's options) and in German contractions at the start of
a sentence ("Gibt's", "Geht's"). English is recognised with cleanup.language (wordfreq);
`apostrophe_is_english` is shared with the entity rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict

from cleanup.detectors import Detector, Hit, register
from cleanup.document import Document
from cleanup.language import classify, inside, quoted_spans, zipf

# A capitalised word (or iPhone/eBay style) with an English genitive "'s" or "’s".
# Searched backwards from each "'s" (rare in German), not over the whole text.
# Besides ' and ’, the marks that stand in for an apostrophe when a keyboard or an OCR/MT step
# garbles it: the backtick (Ericsson`s) and the acute accent (Nokia´s). Neither is ever right there.
_CANDIDATE = regex.compile(
    r"(?<![\p{L}\p{N}'’`´&@#/\\._-])((?:\p{Lu}|\p{Ll}\p{Lu})[\p{L}\p{N}&-]*[\p{L}\p{N}])(['’`´])s(?![\p{L}\p{N}'’`´])",
    regex.REVERSE,
)
_APOSTROPHE_S = regex.compile(r"['’`´]s(?![\p{L}\p{N}'’`´])")
_LONGEST_WORD = 100  # how far back a candidate may start
_KEEP_REACH = 60  # how far a kept name ("Investor's Business Daily") reaches around its "'s"
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")
# What may stand right before the first word of a sentence (or of a chat line: "<nick>").
_OPENERS = frozenset('.!?:;„“"«»(-–—>')
# Where a sentence-like stretch ends for the English-context window.
_STOP = regex.compile(r"[.!?;:()\[\]{}„“”\"«»\n]")
# German spells these endings with a bare apostrophe: Max', Hans', Fritz'. (Duden also
# lists -ce, but the press writes "Bytedances", so -ce takes the plain s here.)
SIBILANT = regex.compile(r"[sßxz]$", regex.IGNORECASE)
_ENGLISH_WINDOW = 6  # words on each side
APOSTROPHES = ("'", "’")
_NEXT_WORD = regex.compile(r"[ \u00a0]+(\p{L}[\p{L}-]*)")
# A capitalised noun and then a finite verb: "XAG's Drohnen könnten", "Foo's Aktie ist". The noun
# is the subject the genitive belongs to; an English phrase would go on in English.
_NOUN_THEN_VERB = regex.compile(
    r"[ \u00a0]+\p{Lu}\p{Ll}[\p{L}-]*[ \u00a0]+(?:ist|sind|war|waren|wird|werden|wurde|wurden|hat|haben|hatte|hatten"
    r"|kann|können|konnte|konnten|könnte|könnten|soll|sollen|sollte|sollten|muss|müssen|musste|mussten|will|wollen"
    r"|wollte|wollten|dürfte|dürften|liegt|liegen|lag|lagen|stieg|stiegen|steigt|steigen|fiel|fielen|sank|sanken"
    r"|sinkt|sinken|wächst|wachsen|wuchs|bleibt|bleiben|blieb|gilt|gelten|galt)(?![\p{L}\p{N}])"
)


@lru_cache(maxsize=65536)
def _german_word(word: str) -> bool:
    """A German word (gibt, wenn) or verb form (röhrt): at a sentence start, "Gibt's" is a
    contraction of "es"."""
    lower = word.lower()
    german, english = zipf(lower, "de"), zipf(lower, "en")
    if german >= 2.0 and german - english >= 0.5:
        return True
    # a rarer verb form in -t ("Röhrt's") has its infinitive in German; a name in -t
    # ("Hensoldt's Chef") has none
    stem = lower[:-1]
    return lower.endswith("t") and english < 2.0 and max(zipf(stem + "en", "de"), zipf(stem + "n", "de")) >= 1.0


def _stretch(text: str, lo: int, hi: int, start: int, end: int) -> tuple[str, str]:
    """The text before and after [start, end) up to a sentence or quote boundary."""
    before = text[lo:start]
    stops = list(_STOP.finditer(before))
    if stops:
        before = before[stops[-1].end() :]
    after = text[end:hi]
    stop = _STOP.search(after)
    if stop:
        after = after[: stop.start()]
    return before, after


def apostrophe_is_english(doc: Document, start: int, end: int) -> bool:
    """Whether the "'s" ending at `end` belongs to English: quoted, near an English function
    word ("the company's"), or followed by an English word ("Moore's Law")."""
    para_start, para_end = doc.paragraph_at(start)
    if inside(quoted_spans(doc.text[para_start:para_end]), start - para_start, end - para_start):
        return True
    before, after = _stretch(doc.text, para_start, para_end, start, end)
    words_before = _WORD.findall(before)[-_ENGLISH_WINDOW:]
    words_after = _WORD.findall(after)[:_ENGLISH_WINDOW]
    if any(classify(w) == "function" for w in (*words_before, *words_after)):
        return True
    return bool(words_after) and not words_after[0].isupper() and classify(words_after[0]) == "english"


# Words that take a contracted "es" at a sentence start and do not end in -t (Gibt's, Geht's,
# Stimmt's do): verb forms, imperatives and conjunctions. A name (Audi's, Bayern's) is none of them.
_CONTRACTION_HOSTS = frozenset(
    [
        "war",
        "wär",
        "wäre",
        "hätt",
        "hätte",
        "würd",
        "würde",
        "kann",
        "könnt",
        "könnte",
        "soll",
        "sollte",
        "will",
        "mag",
        "muss",
        "darf",
        "mach",
        "lass",
        "sag",
        "gib",
        "nimm",
        "hol",
        "wenn",
        "ob",
        "wie",
        "wo",
        "wer",
        "was",
        "wann",
        "warum",
        "weil",
        "dass",
        "als",
        "so",
        "da",
        "dann",
        "nun",
        "doch",
        "jetzt",
        "hier",
        "ich",
        "du",
        "er",
        "wir",
        "ihr",
    ]
)


def _is_contraction(doc: Document, word: str, start: int, apostrophe: str) -> bool:
    """German "'s" for "es": "Haben Sie's", and "Gibt's"/"Geht's"/"Wenn's" at a sentence start
    (a verb form ending in -t or one of `_CONTRACTION_HOSTS`); never with a garbled apostrophe."""
    if apostrophe not in APOSTROPHES:
        return False
    if word == "Sie":
        return True
    para_start, _ = doc.paragraph_at(start)
    before = doc.text[para_start:start].rstrip()
    lower = word.lower()
    host = lower.endswith("t") or lower in _CONTRACTION_HOSTS
    return (not before or before[-1] in _OPENERS) and host and _german_word(word)


# A name, an apostrophe and the s split off by a space ("Airtel Africa' s Umsatz").
_SPACED = regex.compile(r"(?<![\p{L}\p{N}'’`´&@#/\\._-])(\p{Lu}[\p{L}\p{N}&-]*[\p{L}\p{N}])['’][ ]s(?=[ \u00a0]\p{Lu})")
_OPEN_SINGLE_QUOTE = regex.compile(r"(?:^|[\s(\[])['‘‚]\p{L}")
# A name written without an article before it (an article makes "Job" a noun, not a name).
_NO_ARTICLE_BEFORE = (
    r"(?<![\p{L}\p{N}'’])(?<!\b(?:[Dd]er|[Dd]ie|[Dd]as|[Dd]en|[Dd]em|[Ee]in|[Ee]ine|[Ee]inen|[Ee]inem|[Ee]iner)[ ])"
)


def _known_word(stem: str) -> bool:
    """A word of its own in German or English ("Electron", "William"): then "Electrons's" may be
    a doubled genitive or a name in -s."""
    lower = stem.lower()
    return max(zipf(lower, "de"), zipf(lower, "en")) >= 2.0


class GenitiveOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    ending: Literal["plain", "sibilant"] = "plain"
    keep: list[str] = []  # names spelt with "'s" (McDonald's), with any words before it
    # Nouns (and the last parts of compounds: "chef" covers "Finanzchef") that a company's or
    # person's genitive governs in news ("Ubisoft's Aktie", "Audi's Motoren"). With `heads: only`
    # the word after the genitive must end in one of them, with `heads: except` it must not.
    heads: list[str] = []
    heads_mode: Literal["any", "only", "except"] = "any"


def _keep_pattern(names: list[str]) -> regex.Pattern[str] | None:
    if not names:
        return None
    alternatives = "|".join(
        "['’]".join(map(regex.escape, regex.split("['’]", name))) for name in sorted(names, key=len, reverse=True)
    )
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{alternatives})(?![\p{{L}}\p{{N}}])")


@register("apostrophe_genitive", GenitiveOptions, local=True)
def make(options: GenitiveOptions) -> Detector:
    keep = _keep_pattern(options.keep)
    sibilant = options.ending == "sibilant"
    heads = tuple(sorted({h.lower() for h in options.heads}, key=len, reverse=True))

    def head_follows(start: int, end: int, text: str) -> bool:
        """Whether the next word is a capitalised noun ending in one of `heads`, or, at the start
        of a sentence, a capitalised noun followed by a finite verb ("XAG's Drohnen könnten"):
        there the noun is the subject. Inside a sentence it may be a phrase of its own ("Laut
        Wayve's Bericht wächst …")."""
        m = _NEXT_WORD.match(text, end)
        if m is None or not m.group(1)[0].isupper():
            return False
        if m.group(1).lower().endswith(heads):
            return True
        before = text[max(0, start - 3) : start].rstrip(" \u00a0")
        opens = not before or before[-1] in ".!?\n"
        return opens and _NOUN_THEN_VERB.match(text, end) is not None

    def doubled(word: str, text: str) -> bool:
        """A German genitive s and then the English one: "Rheinmetalls's", "Tokyo Electrons's",
        where the name without the s stands in the text too ("Rheinmetall", "Tokyo Electron")."""
        if not word.endswith("s") or word.endswith(("ss", "'s")) or len(word) < 5:
            return False
        stem = word[:-1]
        pattern = regex.compile(rf"{_NO_ARTICLE_BEFORE}{regex.escape(stem)}(?![\p{{L}}\p{{N}}'’`´])")
        return pattern.search(text) is not None

    def kept(start: int, end: int, text: str) -> bool:
        if keep is None:
            return False
        lo, hi = max(0, start - _KEEP_REACH), min(len(text), end + _KEEP_REACH)
        return any(k.start() < end and start < k.end() for k in keep.finditer(text, lo, hi))

    def detect(doc: Document) -> Iterator[Hit]:
        for apostrophe_s in _APOSTROPHE_S.finditer(doc.text):
            m = _CANDIDATE.search(doc.text, max(0, apostrophe_s.start() - _LONGEST_WORD), apostrophe_s.end())
            if m is None or m.end() != apostrophe_s.end():
                continue
            word, apostrophe = m.group(1), m.group(2)
            if bool(SIBILANT.search(word)) != sibilant or (sibilant and word.isupper()):
                continue
            if kept(m.start(), m.end(), doc.text):
                continue
            if options.heads_mode != "any" and head_follows(m.start(), m.end(), doc.text) != (
                options.heads_mode == "only"
            ):
                continue
            kind = classify(word)
            # before a German noun of business news an English-looking name ("Infosys's Umsatz") is a
            # name all the same; elsewhere an English word is English ("Developer's Guide")
            name_before_head = options.heads_mode == "only" and word[0].isupper()
            english = kind == "function" or (kind == "english" and not name_before_head)
            if english or _is_contraction(doc, word, m.start(), apostrophe):
                continue  # "That's", "Developer's Guide", "Gibt's"
            if len(word) < 3 and not word.isupper():
                continue  # "Ra's al-Chaima"
            if apostrophe_is_english(doc, m.start(), m.end()):
                continue
            if sibilant and doubled(word, doc.text):
                ending = ""
            elif sibilant and word.endswith("s") and len(word) >= 5 and _known_word(word[:-1]):
                continue  # "Electrons's", "Williams's": a doubled genitive or a name in -s, unsure which
            else:
                ending = ("’" if apostrophe == "’" else "'") if sibilant else "s"
            yield Hit(m.start(), m.end(), [word + ending], {"name": word})
        if options.heads_mode == "only" and not sibilant:
            yield from spaced(doc)

    def spaced(doc: Document) -> Iterator[Hit]:
        """ "Airtel Africa' s Umsatz": an apostrophe with the s split off by a space, before a noun
        of business news only; the gates of the joined form apply."""
        text = doc.text
        if "' s" not in text and "’ s" not in text:
            return
        for m in _SPACED.finditer(text):
            word = m.group(1)
            if SIBILANT.search(word) or len(word) < 3 or kept(m.start(), m.end(), text):
                continue
            if not head_follows(m.start(), m.end(), text) or classify(word) == "function":
                continue
            if apostrophe_is_english(doc, m.start(), m.end()):
                continue
            if _OPEN_SINGLE_QUOTE.search(text, max(0, m.start() - _KEEP_REACH), m.start()):
                continue  # "'Airtel Africa' s …": the apostrophe closes a quote
            yield Hit(m.start(), m.end(), [word + "s"], {"name": word})

    return detect
