"""A later pass's document carries the words over from the one before: they must be exactly
the words a fresh look at the edited text finds."""

from __future__ import annotations

import random

import pytest

from cleanup.document import Document


def _words(doc: Document) -> tuple[list[str], list[int], list[int]]:
    return doc.words.text, list(doc.words.starts), list(doc.words.ends)


@pytest.mark.parametrize("seed", range(5))
def test_carried_words_equal_fresh_ones(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = "ab Ü-\n.ß1"
    for _ in range(1000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        cuts = sorted(rng.choices(range(len(text) + 1), k=2 * rng.randint(0, 4)))
        spans: list[tuple[int, int, int]] = []
        pieces, pos = [], 0
        for start, end in zip(cuts[::2], cuts[1::2], strict=True):
            if spans and start == spans[-1][0] == spans[-1][1]:
                continue  # two insertions at one point are one fix
            replacement = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 4)))
            spans.append((start, end, len(replacement)))
            pieces += [text[pos:start], replacement]
            pos = end
        edited = "".join(pieces) + text[pos:]
        doc = Document(text)
        doc.words  # noqa: B018 - found, so that `edited` carries them over
        assert _words(doc.edited(edited, spans)) == _words(Document(edited)), (text, spans, edited)


def test_words_not_yet_found_are_not_carried() -> None:
    doc = Document("KI -Chips").edited("KI-Chips", [(2, 3, 0)])
    assert "words" not in doc.__dict__
    assert doc.words.text == ["KI", "Chips"]
