"""Detectors look for their patterns only where a cheap search finds what every match
holds; they must find exactly what the pattern alone finds."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

import regex

from cleanup.detectors import coupling, invisible, mojibake
from cleanup.detectors.cjk import _CJK_BLOCKS, _CJK_CHAR, _CJK_RUN, _PUNCT, _cjk_runs, _punctuation


def _texts(alphabet: list[str], count: int = 3000) -> list[str]:
    rng = random.Random(0)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(count)]


def _spans(matches: Iterable[regex.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def test_the_cjk_blocks_hold_every_cjk_character() -> None:
    missing = [hex(c) for c in range(0x110000) if _CJK_CHAR.match(chr(c)) and not _CJK_BLOCKS.match(chr(c))]
    assert missing == []


def test_cjk_punctuation_and_text() -> None:
    alphabet = list("ab1 \t\n.,") + ["\u3000", "，", "。", "（", "）", "「", "ＡＩ", "１", "％", "～", "…", "—"]
    for text in _texts([*alphabet, "雷军", "ア", "한", "😀", "·"]):
        assert _spans(_punctuation(text)) == _spans(_PUNCT.finditer(text)), text
        assert _spans(_cjk_runs(text)) == _spans(_CJK_RUN.finditer(text)), text


def test_mojibake_suspects() -> None:
    for text in _texts(list("ab \n.\u00a0\u0085") + ["Ã", "¼", "Ÿ", "â€", "œ", "ž", "ä", "ß", "ð", "Ÿ˜€"]):
        assert _spans(mojibake._suspects(text)) == _spans(mojibake._SUSPECT.finditer(text)), text


def test_coupling_matches() -> None:
    phrases = ["Open Source", "Machine Learning", "Large Language Model", "Large Language Models"]
    alternatives = "|".join(r"[ \t]+".join(regex.escape(w) for w in p.split()) for p in sorted(phrases, reverse=True))
    curated = regex.compile(rf"(?<![\w-])(?:{alternatives})(?:[ \t](?=-[\p{{L}}\d]))?{coupling._COMPOUND_HYPHEN}")
    first_words = re.compile("Open|Machine|Large")
    runs = regex.compile(rf"(?<![\w-])(?:{coupling._WORD}[ \t]+)+{coupling._WORD}{coupling._STRAY_HYPHEN}")
    words = ["Open", "Source", "Machine", "Learning", "Large", "Language", "Model", "Models", "Cloud", "KI", "x"]
    for text in _texts([*words, " ", " ", "\t", "-", "-", "\n", "und", "Abc", "-Abc", "e"]):
        assert _spans(coupling._phrase_matches(curated, first_words, text)) == _spans(curated.finditer(text)), text
        assert _spans(coupling._run_matches(runs, text)) == _spans(runs.finditer(text)), text


def test_coupling_numbered_matches() -> None:
    words = ["Windows", "Wi-Fi", "iPhone", "ISO", "Formel", "11", "5G", "8601", "4.0", "7", "Die", "x"]
    for text in _texts([*words, " ", " ", "  ", "\t", "-", "-", "\n", "-Update", "-Abc", "-Euro-Boni", "e"]):
        assert _spans(coupling._numbered_matches(text)) == _spans(coupling._NUMBERED.finditer(text)), text


def test_invisible_runs() -> None:
    pattern = regex.compile(f"[{invisible.ZERO_WIDTH}{invisible.BIDI}]+")
    for text in _texts([*"ab \n", *invisible.ZERO_WIDTH, *invisible.BIDI, "👨"]):
        assert list(invisible._runs(text)) == _spans(pattern.finditer(text)), text
