"""German benchmark text of any size, the same bytes on every run.

Correct German written by people (the corpus that `bench/corpus/build_corpus.py` builds into
`bench/data/corpus/`) with the MT seed articles mixed in every few dozen paragraphs, so that
the rules have real artifacts to fix at about the rate of a lightly post-edited MT text.
Without a built corpus the seed articles alone are used (artifact-dense, and with a tiny
vocabulary: build the corpus for numbers that mean something).
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "data" / "corpus"
SEEDS = [ROOT / "seeds" / "openai-broadcom.txt"]
MT_EVERY = 40  # one MT paragraph among this many corpus paragraphs


def _paragraphs(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def source_description() -> str:
    files = sorted(CORPUS.glob("*.txt"))
    if files:
        return f"corpus {CORPUS.relative_to(ROOT)} ({len(files)} sources) + MT seed paragraphs every {MT_EVERY}"
    return "MT seed articles only (no corpus built)"


def german_text(megabytes: float, seed: int = 0) -> str:
    """About `megabytes` MB of UTF-8 German, one paragraph per line."""
    rng = random.Random(seed)
    mt = [p for path in SEEDS for p in _paragraphs(path)]
    corpus = [p for path in sorted(CORPUS.glob("*.txt")) for p in _paragraphs(path)]
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    while size < target:
        order = corpus[:]
        rng.shuffle(order)
        for index, paragraph in enumerate(order or mt):
            if corpus and index % MT_EVERY == 0:
                paragraph = rng.choice(mt)
            parts.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 1
            if size >= target:
                break
    return "\n".join(parts) + "\n"
