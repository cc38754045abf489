"""Untranslated English inside German sentences ("mit dem Chip Giant Broadcom").

Each word is classed by `cleanup.language.classify` (wordfreq: English, German, both,
or an English function word). Adjacent non-German words form a *run*; a run is
reported when it holds enough English (two English words, counting function words; a
function word inside three or more words; one word much more frequent in English than
in German) or a phrase of the curated `translations` table, which also supplies the
suggested German wording.

Never reported: established anglicisms (the `anglicisms` option), known English names
(`names`; runs with a `name_words` word such as "Bank", "Inc.", "Journal", runs that
start with "The", runs followed by an acronym in brackets), anything in quotes or brackets,
URLs and code, and sentences that are mostly English (a quotation, not a leftover).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, chain

import regex
from pydantic import BaseModel, ConfigDict, Field

from cleanup.detectors import Detector, Hit, register
from cleanup.document import Document
from cleanup.language import classify, english_margin, inside, quoted_spans

TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?(?:-[\p{L}\p{N}]+)*")
SENTENCE_END = regex.compile(r"[.!?:;](?=\s|$)|\n")
BRACKETS = regex.compile(r"\([^()\n]{0,200}\)|\[[^\[\]\n]{0,200}\]")
ACRONYM_AFTER = regex.compile(r"\s*\(\p{Lu}[\p{Lu}\d&]{1,9}\)")
CODE_BEFORE = set("-\\<_=^/$%{@.#&*+|~`")
CODE_AFTER = set("=_(<>/{[\\|`")
# words German and English share, in German use at the edge of a run ("In Writer …")
_SHARED = "in an so was also will man die war hat bin um am bald hell rat fast"
SHARED_WORDS = frozenset(_SHARED.split())
# whitespace-separated chunks of text whose outcome is remembered (a 20 MB text has 260 000)
MAX_KNOWN_CHUNKS = 1 << 18
# a determiner or contracted preposition that is not nominative singular
OBLIQUE_BEFORE = regex.compile(r"(?i:\b(?:dem|den|des|einem|einen|eines|vom|zum|beim|im|am)\s+)$")


class EnglishOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    translations: dict[str, list[str]] = {}  # English word or phrase (any case) -> German wordings
    anglicisms: list[str] = []  # English words that are German too (any case): never counted
    names: list[str] = []  # English names, matched as written: never reported
    name_words: list[str] = []  # a run that begins or ends with one of these is a name
    min_words: int = Field(default=2, ge=1)  # English words a run needs without a table entry
    single_word_margin: float = 2.5  # a lone word this much more English (zipf) is reported
    pair_margin: float = 1.8  # so is a run of two or more words with one word this English


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    english: bool  # counts as English
    function: bool  # an English function word
    joins: bool  # may stand in a run (English, function word, neutral or anglicism)
    german: bool = False  # a German word (code, numbers and acronyms are neither)


class _Finder:
    def __init__(self, options: EnglishOptions) -> None:
        self.options = options
        self.translations = {k.casefold(): v for k, v in options.translations.items()}
        self.max_phrase = max((len(k.split()) for k in self.translations), default=1)
        self.first_words = {k.split()[0] for k in self.translations}
        self.anglicisms = {a.casefold() for a in options.anglicisms}
        self.name_words = set(options.name_words)
        alternation = "|".join(regex.escape(n) for n in sorted(options.names, key=len, reverse=True))
        self.names = regex.compile(rf"(?<!\w)(?:{alternation})(?!\w)") if options.names else None
        # a word's class is asked for again and again: computed once per word form
        self.kind = functools.lru_cache(maxsize=1 << 16)(self._kind)
        self.may_be_english = functools.lru_cache(maxsize=1 << 16)(self._may_be_english)
        # chunks of text already looked at, by outcome (see hot_chunks)
        self.hot: set[str] = set()
        self.cold: set[str] = set()

    def token(self, text: str, m: regex.Match[str]) -> _Token:
        start, end = m.span()
        if _code(text, start, end):
            return _Token(start, end, m.group(0), False, False, False)
        return _Token(start, end, m.group(0), *self.kind(m.group(0)))

    def _kind(self, word: str) -> tuple[bool, bool, bool, bool]:
        """(english, function, joins, german) of a word outside code."""
        if not word[0].isalpha() or _name_shaped(word):
            return False, False, False, False  # a number, an acronym, a name
        if word.casefold() in self.anglicisms:
            return False, False, True, False
        if "-" in word:  # a German compound, unless every part is English ("All-Time", "Self-driving")
            kinds = {classify(part) for part in word.split("-")}
            english = "english" in kinds and kinds <= {"english", "function"}
            return english, False, english, not english
        kind = classify(word)
        return kind == "english", kind == "function", kind != "german", kind == "german"

    def _may_be_english(self, word: str) -> bool:
        """Whether a word can start a reportable run: English, a function word, or the first
        word of a table phrase. Nine German sentences in ten have none and are skipped."""
        english, function, _, _ = self.kind(word)
        return english or function or word.casefold() in self.first_words

    def mark_table_phrases(self, text: str, tokens: list[_Token]) -> None:
        """Words of a table phrase count as English whatever their class ("Trade War")."""
        index = 0
        while index < len(tokens):
            if tokens[index].text.casefold() not in self.first_words:
                index += 1
                continue
            for size in range(min(self.max_phrase, len(tokens) - index), 0, -1):
                group = tokens[index : index + size]
                if _adjacent(text, group) and " ".join(t.text for t in group).casefold() in self.translations:
                    for t in group:
                        t.english, t.function, t.joins, t.german = True, False, True, False
                    index += size
                    break
            else:
                index += 1

    def hot_chunks(self, chunks: set[str]) -> set[str]:
        """The chunks that hold a word that may be English. Each is looked at once and
        remembered; what is known is sorted out with set operations, in C, since a text's
        chunks are mostly known ones. When texts bring more than MAX_KNOWN_CHUNKS, memory
        starts afresh with the chunks of the text at hand."""
        new = chunks - self.hot - self.cold
        if len(self.hot) + len(self.cold) + len(new) > MAX_KNOWN_CHUNKS:
            self.hot.clear()
            self.cold.clear()
            new = chunks
        for chunk in new:
            known = self.hot if any(map(self.may_be_english, TOKEN.findall(chunk))) else self.cold
            known.add(chunk)
        return chunks & self.hot

    def english_lines(self, text: str) -> Iterator[tuple[int, int]]:
        """The lines with a word that may be English. A word lies within one chunk between
        whitespace, and a line is then a set test (mapped in C); most lines have no such word."""
        lines = text.split("\n")
        chunks = list(map(str.split, lines))
        hot = self.hot_chunks(set(chain.from_iterable(chunks)))
        if not hot:
            return
        start = 0
        for line, cold in zip(lines, map(hot.isdisjoint, chunks), strict=True):
            if not cold:
                yield start, start + len(line)
            start += len(line) + 1

    def masked(self, text: str, start: int, end: int) -> _Mask:
        """Quotes, brackets and names in the line text[start:end]: a quote pairs within a line,
        a bracket pair holds no line break, and names are written on one line."""
        spans = [(start + a, start + b) for a, b in quoted_spans(text[start:end])]
        spans += [m.span() for m in BRACKETS.finditer(text, start, end)]
        if self.names is not None:
            spans += [m.span() for m in self.names.finditer(text, start, end)]
        return _Mask(sorted(spans))

    def __call__(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for line_start, line_end in self.english_lines(text):
            masked: _Mask | None = None  # built for the first run on the line
            for start, end in _sentences(text, line_start, line_end):
                words = TOKEN.findall(text, start, end)
                if not any(map(self.may_be_english, words)) or sum(self.kind(w)[3] for w in words) < 3:
                    continue  # no English, or too few German words even before code is told apart
                tokens = [self.token(text, m) for m in TOKEN.finditer(text, start, end)]
                self.mark_table_phrases(text, tokens)
                german = sum(1 for t in tokens if t.german)
                english = sum(1 for t in tokens if t.english or t.function)
                if german < 3 or 2 * german < english:
                    continue  # not a German sentence: a quotation, a title, a code line
                for run in _runs(text, tokens):
                    if masked is None:
                        masked = self.masked(text, line_start, line_end)
                    if not any(masked.covers(t.start, t.end) or doc.is_protected(t.start, t.end) for t in run):
                        hit = self.judge(text, run)
                        if hit is not None:
                            yield hit

    def judge(self, text: str, run: list[_Token]) -> Hit | None:
        """A hit for the run if it is a known phrase or holds enough English, and no name."""
        # "Giants and", "Spam in", "In Writer": a trailing function word, or a word German
        # shares ("in", "so", "also") at either edge, is not part of the English phrase
        while run and (run[-1].function or _shared(run[-1])):
            run = run[:-1]
        while run and _shared(run[0]):
            run = run[1:]
        if not run:
            return None
        known = self.translations.get(" ".join(t.text for t in run).casefold())
        if known is None and self.is_name(text, run):
            return None
        hints = self.hints(run)
        words = [t for t in run if t.english]
        margin = max((english_margin(t.text) for t in words), default=0.0)
        options = self.options
        if not hints and all(t.text.islower() for t in run) and not any(t.function for t in run):
            return None  # "override file", "unmet": lowercase English without a function word is code
        enough = (
            bool(hints)
            or (bool(words) and len(words) + sum(t.function for t in run) >= options.min_words)
            or margin >= (options.single_word_margin if len(run) == 1 else options.pair_margin)
            or (len(run) >= 3 and any(t.function for t in run[1:-1]))  # "Fake Accounts and Spam"
        )
        if not enough:
            return None
        start, end = run[0].start, run[-1].end
        if known and OBLIQUE_BEFORE.search(text, max(0, start - 12), start):
            known = _oblique_first(known)
        hint = "; ".join(f"„{k}“ → {' / '.join(f'„{w}“' for w in v)}" for k, v in hints)
        return Hit(start, end, list(known or []), {"hint": hint or "–"})

    def hints(self, run: list[_Token]) -> list[tuple[str, list[str]]]:
        """Table entries found inside the run, longest first, not overlapping."""
        found: list[tuple[str, list[str]]] = []
        index = 0
        while index < len(run):
            for size in range(min(self.max_phrase, len(run) - index), 0, -1):
                words = " ".join(t.text for t in run[index : index + size])
                if words.casefold() in self.translations:
                    found.append((words, self.translations[words.casefold()]))
                    index += size
                    break
            else:
                index += 1
        return found

    def is_name(self, text: str, run: list[_Token]) -> bool:
        """ "Bank of America", "Acme Inc.", "The Verge", "Federal Trade Commission (FTC)"."""
        if run[0].text == "The" or any(t.text in self.name_words for t in run):
            return True
        return ACRONYM_AFTER.match(text, run[-1].end) is not None


class _Mask:
    """Sorted, possibly overlapping spans; `covers` asks whether one of them holds a range,
    in log time (a scan of the list per word made long texts quadratic)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [start for start, _ in spans]
        self.reach = list(accumulate((end for _, end in spans), max))  # furthest end so far

    def covers(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.starts, start) - 1
        return index >= 0 and self.reach[index] >= end


def _shared(token: _Token) -> bool:
    """A lowercase word that is not English, or a word German shares with English ("In")."""
    if token.english or token.function:
        return False
    return token.text.islower() or token.text.casefold() in SHARED_WORDS


def _name_shaped(word: str) -> bool:
    """ALL CAPS (UNRELEASED, NASA), inner capitals (YouTube, NoteD) or an English genitive
    (Castro's): a name or an identifier, not a word of running text."""
    rest = word[1:]
    # a lowercase rest, the usual word, has no capital: told without a loop over its letters
    inner_capital = not rest.islower() and any(c.isupper() for c in rest)
    return word.isupper() and len(word) > 1 or inner_capital or word.endswith(("'s", "’s"))


def _code(text: str, start: int, end: int) -> bool:
    """A word glued to code punctuation: --option, \\include, <emphasis, KEY=, sd_bus_x, ^R, Acquire::http."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    following = text[end + 1 : end + 2]
    return before in CODE_BEFORE or after in CODE_AFTER or (after in ".:" and (following.isalnum() or following == ":"))


def _adjacent(text: str, tokens: list[_Token]) -> bool:
    return all(text[a.end : b.start].strip(" ") == "" for a, b in zip(tokens, tokens[1:], strict=False))


def _oblique_first(words: list[str]) -> list[str]:
    """After "dem"/"den"/"des", a weak noun takes -n ("dem Chipriesen"): offer that form first."""
    weak = [w for w in words if w.endswith("n") and w[:-1] in words]
    return weak + [w for w in words if w not in weak]


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The sentences of the line text[start:end]."""
    for m in SENTENCE_END.finditer(text, start, end):
        yield start, m.start()
        start = m.end()
    yield start, end


def _runs(text: str, tokens: list[_Token]) -> Iterator[list[_Token]]:
    """Maximal sequences of joining tokens separated by plain spaces, with English in them."""
    run: list[_Token] = []
    for token in tokens:
        if token.joins and run and _adjacent(text, [run[-1], token]):
            run.append(token)
            continue
        if any(t.english or t.function for t in run):
            yield run
        run = [token] if token.joins else []
    if any(t.english or t.function for t in run):
        yield run


@register("untranslated-english", EnglishOptions, local=True)
def make(options: EnglishOptions) -> Detector:
    return _Finder(options)


# --- English words with a sure German translation in a German frame ---------------------------

# Determiners (and quantity words) before a plural noun, by the case they leave no doubt about.
_DATIVE = (
    "den|vielen|einigen|mehreren|allen|diesen|jenen|keinen|ihren|seinen|unseren|deren|beiden|zahlreichen|manchen"
    "|solchen|welchen"
)
_NOMINATIVE = (
    "die|der|viele|einige|mehrere|alle|diese|dieser|jene|keine|ihre|seine|unsere|beide|zahlreiche|manche|solche|welche"
)
_ORDINALS = (
    "ersten|zweiten|dritten|vierten|letzten|vergangenen|abgelaufenen|laufenden|kommenden|vorigen|gleichen|selben"
)
_FRAME = regex.compile(
    rf"(?:(?P<dat>(?<![\p{{L}}-])(?i:{_DATIVE}))|(?P<nom>(?<![\p{{L}}-])(?i:{_NOMINATIVE}))"
    rf"|(?P<ord>(?<![\p{{L}}-])(?:im|das|dem|des|ein|einem|eines)[ ](?:{_ORDINALS}))"
    rf"|(?P<num>(?<![\p{{L}}\p{{N}}.,])\d+(?:[.,]\d+)?))"
    rf"(?P<adj>[ ]\p{{Ll}}[\p{{L}}-]*(?:e|en|er))?[ \u00a0]$"
)
_LOOKBACK = 60
_QUANTITY = frozenset(
    ["viele", "vielen", "einige", "einigen", "mehrere", "mehreren", "zahlreiche", "zahlreichen"]
    + ["manche", "manchen", "alle", "allen", "beide", "beiden"]
)
# A capitalised English word after the noun makes it part of a name ("Farmers Market", "Tariffs Act").
_NAME_AFTER = regex.compile(r"[ \u00a0-]+\p{Lu}\p{Ll}+")


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands as a word: no letter, digit, apostrophe or hyphen at either side."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "'’-" or after.isalnum() or after in "'’-")


class EnglishNounOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    # English plural noun (any case) -> [German nominative/accusative/genitive plural, dative plural]
    plurals: dict[str, list[str]] = {}
    # English noun after a number ("14 percent") -> German
    after_number: dict[str, str] = {}
    # English noun after "im/des … vierten" -> German (singular, genitive singular)
    after_ordinal: dict[str, list[str]] = {}


@register("english-noun-in-german-frame", EnglishNounOptions, local=True)
def make_nouns(options: EnglishNounOptions) -> Detector:
    """English nouns that German never uses, replaced where the German frame in front fixes the
    form: "Viele farmers" → "Viele Landwirte", "den angedrohten Tariffs" → "den angedrohten Zöllen",
    "14 percent" → "14 Prozent", "im vierten Quarter" → "im vierten Quartal". The adjective between
    determiner and noun must be German; the stretch around must have no English function word (an
    English sentence: "14 percent of the"), the noun may not be quoted nor start a name ("Farmers
    Market")."""
    plurals = {k.casefold(): v for k, v in options.plurals.items()}
    after_number = {k.casefold(): v for k, v in options.after_number.items()}
    after_ordinal = {k.casefold(): v for k, v in options.after_ordinal.items()}
    words = sorted({*plurals, *after_number, *after_ordinal}, key=len, reverse=True)
    if not words:
        return lambda doc: iter(())
    alternatives = "|".join(map(regex.escape, words))
    candidate = regex.compile(rf"(?<![\p{{L}}\p{{N}}'’-])(?i:{alternatives})(?![\p{{L}}\p{{N}}'’-])")

    def english_nearby(text: str, start: int, end: int) -> bool:
        before = TOKEN.findall(text, max(0, start - _LOOKBACK), start)[-5:]
        after = TOKEN.findall(text, end, min(len(text), end + _LOOKBACK))[:5]
        return any(classify(w) == "function" for w in (*before, *after))

    def candidates(text: str) -> Iterator[tuple[int, int]]:
        """The table words in the text, by plain substring search on the lowercased text (a
        case-insensitive alternation took a second and a half on six megabytes; this, a tenth)."""
        lower = text.lower()
        if len(lower) != len(text):  # a letter whose lowercase is longer ("İ"): offsets would shift
            yield from (m.span() for m in candidate.finditer(text))
            return
        spans = []
        for word in words:
            index = lower.find(word)
            while index >= 0:
                end = index + len(word)
                if _bounded(text, index, end):
                    spans.append((index, end))
                index = lower.find(word, end)
        yield from sorted(spans)

    def detect(doc: Document) -> Iterator[Hit]:
        text = doc.text
        for start, end in candidates(text):
            word = text[start:end].casefold()
            frame = _FRAME.search(text, max(0, start - _LOOKBACK), start)
            if frame is None or frame.end() != start:
                continue
            adjective = frame.group("adj")
            # a lowercase word after "die"/"den" may be an identifier ("setzen Sie die workers auf 4");
            # after a quantity word ("Viele farmers") it is a noun
            determiner = (frame.group("dat") or frame.group("nom") or "").casefold()
            quantity = determiner in _QUANTITY
            if adjective and classify(adjective.strip()) != "german":
                continue
            german: str | None = None
            if frame.group("num") and word in after_number and not adjective:
                german = after_number[word]
            elif frame.group("ord") and word in after_ordinal and not adjective:
                singular, genitive = after_ordinal[word]
                german = genitive if frame.group(0).startswith("des ") else singular
            elif (frame.group("dat") or frame.group("nom")) and word in plurals and (text[start].isupper() or quantity):
                nominative, dative = plurals[word]
                german = dative if frame.group("dat") else nominative
            if german is None or _NAME_AFTER.match(text, end) or _code(text, start, end):
                continue
            if english_nearby(text, start, end):
                continue
            para_start, para_end = doc.paragraph_at(start)
            if inside(quoted_spans(text[para_start:para_end]), start - para_start, end - para_start):
                continue
            yield Hit(start, end, [german], {"word": text[start:end]})

    return detect
