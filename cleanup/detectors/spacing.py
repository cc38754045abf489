"""Doubled spaces inside a sentence ("die  Chips"), where a translation dropped a word.

Runs of spaces are also layout: indentation, columns aligned in a table or a help text
("-a, --all  alle zeigen"), two spaces after a full stop by typewriter habit. So only a line
that starts with a word, has no tab, no long option and no printf placeholder (program output
laid out in columns), and has exactly one run of exactly two spaces, between word characters
(or after a comma), is touched.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import BaseModel, ConfigDict

from cleanup.detectors import Detector, Hit, register
from cleanup.document import Document

_LINE = regex.compile(r"[^\n\r]+")
_RUN = regex.compile(r"(?<=\S) {2,}(?=\S)")
_DOUBLE = "  "
# long options and printf placeholders: a help text or program output laid out in columns
_LAYOUT = regex.compile(r" --\w|%[-+ #0-9.]*[sdfuxXc(]|%\d")
_LEFT = regex.compile(r"[\w,;)“]")
_RIGHT = regex.compile(r"[\w„]")


class SpacingOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")


@register("double_space", SpacingOptions, local=True)
def make(options: SpacingOptions) -> Detector:
    def detect(doc: Document) -> Iterator[Hit]:
        text = doc.text
        for line in _LINE.finditer(text):
            content = line.group(0)
            if not (content[0].isalnum() or content[0] in '„"»') or "\t" in content or _LAYOUT.search(content):
                continue
            runs = list(_RUN.finditer(text, line.start(), line.end()))
            if len(runs) != 1:
                continue
            run = runs[0]
            left, right = text[run.start() - 1], text[run.end()]
            if run.group(0) == _DOUBLE and _LEFT.match(left) and _RIGHT.match(right):
                yield Hit(run.start(), run.end(), [" "])

    return detect
