"""Chinese (and Japanese/Korean) traces in German text: full-width punctuation and stray CJK text.

A translation from Chinese keeps full-width punctuation (，。；：（）！？、「」) or a name repeated
in Chinese characters ("Sam Altman（萨姆·奥特曼）"). In a German paragraph the punctuation
is always wrong and has one German equivalent, with German spacing; CJK text needs a human
(delete it, or translate it). Punctuation next to CJK text belongs to that text and is left
to the CJK-text finding, and paragraphs that are mostly CJK are not German text at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

from cleanup.detectors import Detector, Hit, register
from cleanup.document import Document

_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3005"
_CJK_CHAR = regex.compile(rf"[{_CJK}]")
_LATIN_LETTER = regex.compile(r"\p{Latin}")
_QUOTES = "\"'„“”‚‘’»«"

# full-width sentence punctuation → German mark, followed by a space before a word
_SENTENCE = {"，": ",", "、": ",", "。": ".", "；": ";", "：": ":", "！": "!", "？": "?"}
# full-width brackets and corner/title quotes → German pairs
_OPENING = {"（": "(", "【": "[", "［": "[", "「": "„", "『": "‚", "《": "„", "〈": "‚"}
_CLOSING = {"）": ")", "】": "]", "］": "]", "」": "“", "』": "‘", "》": "“", "〉": "‘"}
_MARKS = "".join([*_SENTENCE, *_OPENING, *_CLOSING])
# a mark with the horizontal space around it, or a run of full-width letters, digits and signs
_SPACES = " \t\u3000"
_PUNCT = regex.compile(
    rf"[{_SPACES}]*(?:[{regex.escape(_MARKS)}]|……|——)[{_SPACES}]*|(?:(?![{regex.escape(_MARKS)}])[\uFF01-\uFF5E])+"
)
_CJK_RUN = regex.compile(rf"[{_CJK}](?:[{_CJK}\u3000-\u303F\uFF00-\uFFEF·・\s\d]*[{_CJK}])?")
# Where a match of _PUNCT or _CJK_RUN can be, found by `re` at C speed; German text has next
# to none of these, and the patterns themselves are tried at every position (_PUNCT at every
# space). _CJK_BLOCKS holds every character of _CJK (tests/test_detectors_prefilters.py checks).
_PUNCT_MARK = re.compile(rf"[{re.escape(_MARKS)}\uFF01-\uFF5E]|……|——")
_CJK_BLOCKS = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fd5\u3005-\u9fff\ua960-\ua97c\uac00-\ud7fb\uf900-\ufad9\uff66-\uffdc"
    "\U00016fe2-\U0001b168\U0001f200\U00020000-\U00033479]"
)
_BRACKETED = regex.compile(r"[ \t]?([（(])\s*$")
_BRACKET_END = regex.compile(r"\s*([）)])")


class CjkOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CjkTextOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # "fullwidth": only asides in full-width brackets（…）, which only a machine leaves in German
    # text; "any": also (…), as in a translator credit "Cai Qian (蔡芊)" or "Japanisch (日本語)"
    asides: Literal["fullwidth", "any"] = "any"
    inline: bool = Field(default=True, description="also point at CJK text outside brackets")


def _german_paragraphs(doc: Document) -> Callable[[int], bool]:
    """Whether the paragraph around a position has more Latin letters than CJK characters;
    counted once per paragraph."""
    known: dict[tuple[int, int], bool] = {}

    def german(pos: int) -> bool:
        span = doc.paragraph_at(pos)
        if span not in known:
            text = doc.text[span[0] : span[1]]
            known[span] = len(_LATIN_LETTER.findall(text)) > len(_CJK_CHAR.findall(text))
        return known[span]

    return german


def _punctuation(text: str) -> Iterator[regex.Match[str]]:
    """_PUNCT.finditer(text), started only at the spaces before a mark or at the mark."""
    pos = 0
    while (mark := _PUNCT_MARK.search(text, pos)) is not None:
        start = mark.start()
        while start > pos and text[start - 1] in _SPACES:
            start -= 1
        # spaces belong to a mark, not to full-width letters ("  ＡＩ" matches at "Ａ")
        m = _PUNCT.match(text, start) or _PUNCT.match(text, mark.start())
        assert m is not None
        yield m
        pos = m.end()


def _cjk_runs(text: str) -> Iterator[regex.Match[str]]:
    """_CJK_RUN.finditer(text), tried only at characters of the CJK blocks."""
    pos = 0
    while (char := _CJK_BLOCKS.search(text, pos)) is not None:
        m = _CJK_RUN.match(text, char.start())
        if m is None:
            pos = char.end()
        else:
            yield m
            pos = m.end()


def _mentioned(mark: str, before: str, after: str) -> bool:
    """Full-width characters shown as examples ("ａ", „Ｃａｌｃ“) or glued into a token
    (a placeholder such as "AAAA1234……=") are not punctuation of the sentence."""
    if mark not in _MARKS and (before in _QUOTES or after in _QUOTES):
        return True
    return mark in ("……", "——") and before.isalnum() and not after.isspace() and after != ""


def _replacement(mark: str, before: str, after: str) -> str:
    """The German mark for a full-width one, with the spaces German wants around it."""
    word_before = bool(before) and (before.isalnum() or before in ".,;:!?)]“‘\"'")
    word_after = bool(after) and (after.isalnum() or after in "([„‚\"'")
    if mark in _SENTENCE:
        if before.isdigit() and after.isdigit():  # 12：30, 1，000: no space inside a number
            return _SENTENCE[mark]
        return _SENTENCE[mark] + (" " if word_after else "")
    if mark in _OPENING:
        return (" " if word_before else "") + _OPENING[mark]
    if mark in _CLOSING:
        return _CLOSING[mark] + (" " if word_after else "")
    if mark == "……":
        return "…" + (" " if word_after else "")
    if mark == "——":
        return (" " if word_before else "") + "–" + (" " if word_after else "")
    if mark == "～" and before.isdigit() and after.isdigit():  # 3～5: a range
        return "–"
    # full-width ASCII ("ＡＩ", "２０２４", "％") is plain ASCII in disguise
    return "".join(chr(ord(c) - 0xFEE0) for c in mark)


@register("cjk_punctuation", CjkOptions, local=True)
def make_punctuation(options: CjkOptions) -> Detector:
    def detect(doc: Document) -> Iterator[Hit]:
        text = doc.text
        german = _german_paragraphs(doc)
        for m in _punctuation(text):
            start, end = m.span()
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            if _CJK_CHAR.match(before) or _CJK_CHAR.match(after) or not german(start):
                continue
            raw = m.group(0)
            mark = raw.strip(_SPACES)
            if _mentioned(mark, before, after):
                continue
            # the spaces around the mark are rewritten, but indentation and line ends stay
            if before in ("", "\n", "\r"):
                start += len(raw) - len(raw.lstrip(_SPACES))
            if after in ("", "\n", "\r"):
                end -= len(raw) - len(raw.rstrip(_SPACES))
            replacement = _replacement(mark, before, after)
            if text[start:end] != replacement:
                yield Hit(start, end, [replacement])

    return detect


@register("cjk_text", CjkTextOptions, local=True)
def make_text(options: CjkTextOptions) -> Detector:
    def detect(doc: Document) -> Iterator[Hit]:
        text = doc.text
        german = _german_paragraphs(doc)
        for m in _cjk_runs(text):
            if not german(m.start()):
                continue
            start, end = m.span()
            if start and end < len(text) and text[start - 1] in _QUOTES and text[end] in _QUOTES:
                continue  # quoted as an example: =LINKSB("中国";1)
            opening = _BRACKETED.search(text, max(0, start - 8), start)
            closing = _BRACKET_END.match(text, end)
            if opening and closing and (options.asides == "any" or opening.group(1) + closing.group(1) == "（）"):
                # "Sam Altman（萨姆·奥特曼）sagte": the whole aside goes, with the space before
                # it, but the words on either side must stay apart
                start, end = opening.start(), closing.end()
                glue = start > 0 and not text[start - 1].isspace() and end < len(text) and text[end].isalnum()
                yield Hit(start, end, [" " if glue else ""], {"cjk": m.group(0)})
            elif options.inline:
                yield Hit(start, end, [], {"cjk": m.group(0)})

    return detect
