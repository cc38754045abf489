"""Mojibake: UTF-8 read as Latin-1/Windows-1252 ("Ã¼berraschend" → "überraschend").

ftfy decides what is mojibake and how to undo it, but only on words that contain a real
UTF-8 byte sequence in its Windows-1252 disguise (a lead character Â…ï followed by the right
number of continuation characters). ftfy alone also "repairs" correct text such as
"»Ähnliche" (→ "Ȁhnliche"). Everything else of ftfy is off, so German quotes („…“) and other
deliberate characters are never straightened. A quoted sequence on its own („Ã©“) is a text
*about* mojibake and stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import ftfy
import regex
from ftfy.badness import is_bad
from pydantic import BaseModel, ConfigDict

from cleanup.detectors import Detector, Hit, register
from cleanup.document import Document

# bytes 0x80-0xBF as Windows-1252 (and Latin-1 for the five bytes 1252 leaves undefined)
_CONT = r"[\u0080-\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]"
_SEQUENCE = rf"(?:[\u00C2-\u00DF]{_CONT}|[\u00E0-\u00EF]{_CONT}{{2}}|[\u00F0-\u00F4]{_CONT}{{3}})"
_SUSPECT = regex.compile(rf"\S*{_SEQUENCE}\S*")
# how every sequence begins, in re: plain character classes, scanned at C speed
_LEAD = re.compile(rf"[\u00C2-\u00F4]{_CONT}")
_ONLY_SEQUENCES = regex.compile(rf"{_SEQUENCE}+")
_QUOTES = "\"'„“”‚‘’»«›‹"
_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=False,
    decode_inconsistent_utf8=True,
    fix_c1_controls=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def _suspects(text: str) -> Iterator[regex.Match[str]]:
    """_SUSPECT.finditer(text), searched for only on the lines where a sequence can begin:
    the pattern's leading \\S* is slow to try at every position of a text that has none."""
    pos = 0
    while (lead := _LEAD.search(text, pos)) is not None:
        line_end = text.find("\n", lead.start())
        line_end = len(text) if line_end < 0 else line_end
        m = _SUSPECT.search(text, max(pos, text.rfind("\n", 0, lead.start()) + 1), line_end)
        if m is None:
            pos = line_end
        else:
            yield m
            pos = m.end()


class MojibakeOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _mentioned(word: str) -> bool:
    """A quoted run of mojibake and nothing else: an example being talked about."""
    core = word.rstrip(".,;:!?)")
    return (
        len(core) > 2
        and core[0] in _QUOTES
        and core[-1] in _QUOTES
        and _ONLY_SEQUENCES.fullmatch(core[1:-1]) is not None
    )


@register("mojibake", MojibakeOptions, local=True)
def make(options: MojibakeOptions) -> Detector:
    def detect(doc: Document) -> Iterator[Hit]:
        for m in _suspects(doc.text):
            word = m.group(0)
            if not is_bad(word) or _mentioned(word):
                continue
            fixed = ftfy.fix_text(word, _CONFIG)
            if fixed != word:
                yield Hit(m.start(), m.end(), [fixed])

    return detect
