"""Checks that need the source text: what XLIFF and PO files have and plain text has not.

* BILINGUAL-NUMBERS: a number of the source is missing or changed in the target. Numbers
  are compared by value under every reading of their separators (`1,000.5` = `1.000,5`),
  with magnitude words (`1.5 billion` = `1,5 Milliarden`, `10亿` = `1 Milliarde`) and
  German number words up to twelve (`2 GPUs` = `zwei GPUs`).
* BILINGUAL-UNTRANSLATED: the target is the English source, unchanged.
* BILINGUAL-GLOSSARY: a glossary term occurs in the source, its required German term not
  in the target.

All three are flags (category `bilingual`): they need a human, never change the text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import regex
from lxml import etree

from cleanup.findings import Finding
from cleanup.formats.base import Segment
from cleanup.textio import InputError, decode, read_bytes

CATEGORY = "bilingual"
NUMBERS, UNTRANSLATED, GLOSSARY = "BILINGUAL-NUMBERS", "BILINGUAL-UNTRANSLATED", "BILINGUAL-GLOSSARY"

_SEPARATOR = regex.compile(r"[.,\u00a0\u202f\u2009']")
_NUMBER = regex.compile(r"\d+(?:[.,\u00a0\u202f\u2009']\d+)*")
# a word right after a number that multiplies it: in the source (English, Chinese) and in
# the German target, where "Billion" is 10^12
_SCALES = {
    True: [(r"million\w*", 6), (r"billion\w*|bn\b", 9), (r"trillion\w*", 12), ("万", 4), ("亿", 8)],
    False: [(r"million\w*|mio\b", 6), (r"milliarde\w*|mrd\b", 9), (r"billion\w*", 12)],
}
_SCALE_WORDS = {
    side: [(regex.compile(rf"\s*(?:{pattern})", regex.IGNORECASE), exponent) for pattern, exponent in scales]
    for side, scales in _SCALES.items()
}
_GERMAN_NUMBER_WORDS = {
    **dict.fromkeys(["null"], 0),
    **dict.fromkeys(["ein", "eins", "eine", "einen", "einem", "einer", "eines"], 1),
    **{
        w: i
        for i, w in enumerate(
            ["zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf"], start=2
        )
    },
    **{
        w: 10 * i
        for i, w in enumerate(
            ["zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"], 2
        )
    },
    "hundert": 100,
    "tausend": 1000,
}
_WORD = regex.compile(r"\b\p{L}+\b")
_PROSE_WORD = regex.compile(r"\b[^\W\d_]{2,}\b")


@dataclass(frozen=True)
class Term:
    source: str
    targets: tuple[str, ...]  # any of them satisfies the entry; the first is named in messages
    pattern: regex.Pattern[str]


@dataclass(frozen=True)
class Glossary:
    path: str
    terms: tuple[Term, ...]


def _term(source: str, targets: Iterable[str]) -> Term:
    escaped = regex.escape(source)
    # CJK terms have no word boundaries; Latin ones match as whole words, also in the plural
    cjk = regex.search(r"\p{Han}|\p{Hiragana}|\p{Katakana}", source)
    pattern = escaped if cjk else rf"(?<!\w){escaped}(?:e?s)?(?!\w)"
    return Term(source, tuple(targets), regex.compile(pattern, regex.IGNORECASE))


_HEADER_CELLS = {"source", "term", "en", "en-us", "en-gb", "english", "englisch", "quelle", "zh", "zh-cn"}


def load_glossary(path: Path) -> Glossary:
    """A TBX file (`.tbx`, or XML with a TBX root) or a CSV/TSV table: source term, then
    one or more German terms (any of them is accepted). Problems are InputErrors."""
    data = read_bytes(path)
    if path.suffix.lower() == ".tbx" or data.lstrip().startswith(b"<"):
        return Glossary(str(path), tuple(_tbx_terms(data, path)))
    return Glossary(str(path), tuple(_csv_terms(decode(data, str(path)).text, path)))


def _csv_terms(text: str, path: Path) -> Iterator[Term]:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else ";" if first.count(";") > first.count(",") else ","
    rows = csv.reader(text.splitlines(), delimiter=delimiter)
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if number == 1 and cells[0].casefold() in _HEADER_CELLS:
            continue
        targets = [c for c in cells[1:] if c]
        if not cells[0] or not targets:
            raise InputError(f"{path}:{number}: a glossary row needs a source term and a German term")
        yield _term(cells[0], targets)


def _tbx_terms(data: bytes, path: Path) -> Iterator[Term]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path}: not a TBX file: {exc}") from None
    lang_attr = "{http://www.w3.org/XML/1998/namespace}lang"
    entries = list(root.iter("{*}termEntry", "{*}conceptEntry"))
    if not entries:
        raise InputError(f"{path}: not a TBX file (no termEntry or conceptEntry)")
    for entry in entries:
        german: list[str] = []
        others: list[str] = []
        for lang_set in entry.iter("{*}langSet", "{*}langSec"):
            lang = (lang_set.get(lang_attr) or "").lower()
            for term in lang_set.iter("{*}term"):
                text = "".join(term.itertext()).strip()
                if text and not _deprecated(term):
                    (german if lang.startswith("de") else others).append(text)
        if german:
            yield from (_term(source, german) for source in others)


def _deprecated(term: etree._Element) -> bool:
    """A term whose administrative status says it must not be used."""
    notes = term.getparent().iter("{*}termNote") if term.getparent() is not None else ()
    return any(
        n.get("type") == "administrativeStatus" and regex.search(r"deprecated|superseded", n.text or "") for n in notes
    )


def _values(text: str, start: int, end: int, source: bool) -> set[Decimal]:
    """Every value the number text[start:end] can stand for."""
    number = text[start:end]
    groups = regex.split(_SEPARATOR, number)
    seps = _SEPARATOR.findall(number)
    readings = [groups[0]] if not seps else []
    if seps and all(len(g) == 3 for g in groups[1:]):  # all separators group thousands
        readings.append("".join(groups))
    if seps and seps[-1] in ".," and seps[-1] not in seps[:-1] and all(len(g) == 3 for g in groups[1:-1]):
        readings.append("".join(groups[:-1]) + "." + groups[-1])  # the last one is the decimal mark
    values = {Decimal(r) for r in readings}
    for pattern, exponent in _SCALE_WORDS[source]:
        if pattern.match(text, end):  # "1 billion" is 10^9 only, never 1
            values = {v.scaleb(exponent) for v in values}
            break
    return {v.normalize() for v in values}


def _numbers(text: str, source: bool) -> list[tuple[int, int, set[Decimal]]]:
    found = [(m.start(), m.end(), _values(text, m.start(), m.end(), source)) for m in _NUMBER.finditer(text)]
    if not source:
        for m in _WORD.finditer(text):
            value = _GERMAN_NUMBER_WORDS.get(m.group().lower())
            if value is not None:
                found.append((m.start(), m.end(), {Decimal(value)}))
    return found


def _flag(rule: str, joined: str, start: int, end: int, message: str) -> Finding:
    return Finding(
        rule=rule,
        category=CATEGORY,
        safety="suggest",
        start=start,
        end=end,
        original=joined[start:end],
        replacements=[],
        message=message,
        source="bilingual",
    )


def _number_flag(seg: Segment) -> tuple[int, int, str] | None:
    """Where and why to flag the segment's numbers, or None when every source number is there."""
    source_text = seg.source or ""
    source = _numbers(source_text, source=True)
    target = _numbers(seg.text, source=False)
    target_values = set().union(*(values for _, _, values in target))
    missing = [(s, e) for s, e, values in source if not values & target_values]
    if not missing:
        return None
    source_values = set().union(*(values for _, _, values in source))
    unmatched = [(s, e) for s, e, values in target if not values & source_values and seg.text[s].isdigit()]
    names = ", ".join(f"„{source_text[s:e]}“" for s, e in missing)
    message = f"Zahl aus dem Ausgangstext fehlt in der Übersetzung oder ist verändert: {names}."
    if unmatched:
        others = ", ".join(f"„{seg.text[s:e]}“" for s, e in unmatched)
        return unmatched[0][0], unmatched[0][1], message + f" Die Übersetzung hat dafür {others}."
    return 0, len(seg.text), message


def _untranslated(seg: Segment) -> bool:
    """The target is the English source as it was: more than a name or a code."""
    source = " ".join((seg.source or "").split())
    words = _PROSE_WORD.findall(source)
    return " ".join(seg.text.split()) == source and len(words) >= 2 and any(w[0].islower() for w in words)


def _stem(term: str) -> str:
    """What an inflected form of a German term still contains (Rechenzentrum → Rechenzentren)."""
    term = term.casefold()
    return term[:-2] if len(term) >= 10 else term


def check(
    segments: list[Segment], offsets: list[int], joined: str, glossary: Glossary | None, disabled: Iterable[str] = ()
) -> list[Finding]:
    """Bilingual flags on the joined target text (offsets: where each segment starts)."""
    off = set(disabled)
    if CATEGORY in off:
        return []
    findings: list[Finding] = []
    for seg, base in zip(segments, offsets, strict=True):
        if seg.source is None:
            continue
        english = (seg.source_language or "en").lower().startswith("en")
        whole = (base, base + len(seg.text))
        if NUMBERS not in off and (flag := _number_flag(seg)) is not None:
            findings.append(_flag(NUMBERS, joined, base + flag[0], base + flag[1], flag[2]))
        if UNTRANSLATED not in off and english and _untranslated(seg):
            message = "Die Übersetzung ist der englische Ausgangstext, unverändert: unübersetzt?"
            findings.append(_flag(UNTRANSLATED, joined, *whole, message))
        if GLOSSARY not in off and glossary is not None:
            target = seg.text.casefold()
            for term in glossary.terms:
                if term.pattern.search(seg.source) and not any(_stem(t) in target for t in term.targets):
                    message = f"Glossar: „{term.source}“ heißt „{term.targets[0]}“; die Übersetzung verwendet es nicht."
                    findings.append(_flag(GLOSSARY, joined, *whole, message))
    return findings
