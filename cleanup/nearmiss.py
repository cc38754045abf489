"""Near-miss name spotting that stays fast for glossaries of any size.

A deletion index (the SymSpell idea) narrows the candidates for a word to the names
within `max_distance` deletions; rapidfuzz's OSA distance (Levenshtein plus swapped
neighbours, "Goolge") then confirms them. The cost per word depends on the word's
length, not on the number of names. Matching ignores case, so "Broadcomm" and
"BroadCom" both find "Broadcom". The first letter must agree: typos rarely touch it,
while ordinary words one letter away from a brand mostly differ there (Locker and
Docker, Vivian and Rivian).
"""

from __future__ import annotations

from rapidfuzz.distance import OSA

MEMO_SIZE = 100_000  # words whose answer is remembered


def deletions(word: str, max_distance: int) -> set[str]:
    """The word and every string made from it by deleting up to `max_distance` characters."""
    result = {word}
    frontier = {word}
    for _ in range(max_distance):
        frontier = {w[:i] + w[i + 1 :] for w in frontier if len(w) > 1 for i in range(len(w))}
        result |= frontier
    return result


class NearMissIndex:
    def __init__(self, names: list[str], max_distance: int = 1) -> None:
        self.max_distance = max_distance
        self._names: dict[str, str] = {}  # lower case -> spelling
        self._memo: dict[str, str | None] = {}
        # deletion key -> the lower-case name, or a list when several share the key (rare;
        # a plain string for the common case halves the build time of a large index)
        self._index: dict[str, str | list[str]] = {}
        index = self._index
        for name in names:
            lower = name.lower()
            if self._names.setdefault(lower, name) != name:
                continue
            for key in deletions(lower, max_distance):
                held = index.get(key)
                if held is None:
                    index[key] = lower
                elif isinstance(held, str):
                    index[key] = [held, lower]
                else:
                    held.append(lower)

    def __len__(self) -> int:
        return len(self._names)

    def closest(self, word: str) -> str | None:
        """The single closest name within the distance, ignoring case, with the same first
        letter (none when two tie, and none for the name itself). Remembered per word: the
        capitalised words of a German text repeat a lot."""
        if word not in self._memo:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[word] = self._closest(word)
        return self._memo[word]

    def _closest(self, word: str) -> str | None:
        lower = word.lower()
        if not lower or self._names.get(lower) == word:
            return None
        best: list[tuple[int, str]] = []
        seen: set[str] = set()
        for key in deletions(lower, self.max_distance):
            held = self._index.get(key)
            for name in (held,) if isinstance(held, str) else held or ():
                if name in seen or name[0] != lower[0]:
                    continue
                seen.add(name)
                distance = OSA.distance(lower, name, score_cutoff=self.max_distance)
                if distance <= self.max_distance:
                    best.append((distance, name))
        if not best:
            return None
        best.sort()
        if len(best) > 1 and best[0][0] == best[1][0]:
            return None
        return self._names[best[0][1]]
