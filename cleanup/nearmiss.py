"""Near-miss name spotting that stays fast for glossaries of any size.

A deletion index (the SymSpell idea) narrows the candidates for a word to the names
within `max_distance` deletions; rapidfuzz's Levenshtein distance then confirms them.
The cost per word depends on the word's length, not on the number of names.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from rapidfuzz.distance import Levenshtein


def _deletions(word: str, max_distance: int) -> set[str]:
    result = {word}
    for count in range(1, max_distance + 1):
        if count >= len(word):
            break
        for positions in combinations(range(len(word)), count):
            result.add("".join(ch for i, ch in enumerate(word) if i not in positions))
    return result


class NearMissIndex:
    def __init__(self, names: list[str], max_distance: int = 1) -> None:
        self.max_distance = max_distance
        self.names = set(names)
        self._index: dict[str, set[str]] = defaultdict(set)
        for name in names:
            for key in _deletions(name, max_distance):
                self._index[key].add(name)

    def closest(self, word: str) -> str | None:
        """The single closest name within the distance (none when two tie)."""
        if word in self.names or word.rstrip("s'’") in self.names:
            return None  # the name itself or its genitive
        candidates: set[str] = set()
        for key in _deletions(word, self.max_distance):
            candidates |= self._index.get(key, set())
        scored = sorted((Levenshtein.distance(word, name), name) for name in candidates if name.lower() != word.lower())
        scored = [(d, n) for d, n in scored if d <= self.max_distance]
        if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
            return None
        return scored[0][1]
