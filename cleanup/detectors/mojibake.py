"""Mojibake: UTF-8 read as Latin-1/Windows-1252 ("Ã¼berraschend" → "überraschend").

ftfy decides what is mojibake and how to undo it; we only run it on suspicious words
and keep everything else of ftfy off, so German quotes („…“) and other deliberate
characters are never straightened.
"""

from __future__ import annotations

from collections.abc import Iterator

import ftfy
import regex
from ftfy.badness import is_bad
from pydantic import BaseModel, ConfigDict

from cleanup.detectors import Detector, Hit, register
from cleanup.document import Document

# runs of non-space text containing a typical mojibake lead character
_SUSPECT = regex.compile(r"\S*[ÃÂâÄÅÆÐÑØ€][^\s]*")
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


class MojibakeOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")


@register("mojibake", MojibakeOptions)
def make(options: MojibakeOptions) -> Detector:
    def detect(doc: Document) -> Iterator[Hit]:
        for m in _SUSPECT.finditer(doc.text):
            word = m.group(0)
            if not is_bad(word):
                continue
            fixed = ftfy.fix_text(word, _CONFIG)
            if fixed != word:
                yield Hit(m.start(), m.end(), [fixed])

    return detect
