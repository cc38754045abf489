"""Literal triggers of a pattern: strings of which every match needs one, read off the pattern.

`required_literals(r"\\b(?:Markt|Branchen)spieler(n|s)?\\b")` is `{"spieler"}`: a text (or a
window of one) without any of them cannot match, and `str.find` says so far faster than the
regex engine. The reading is conservative: whatever it does not understand (classes beyond a
few letters, backreferences, conditionals, inline flags but a leading `(?i)`) requires
nothing, so a pattern gets no trigger rather than a wrong one. A pattern that ignores case
is tested on the case-folded text. What the pattern consumes and what positive lookaheads see
counts; lookbehinds and negative lookarounds do not, because with `pos` a lookbehind may see
text before the searched range.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

MAX_LITERALS = 64  # more alternatives than this are no cheap test
FOLD_PIECE = 1 << 16  # characters case-folded at a time
_CLASS_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v"}
_ZERO_WIDTH_ESCAPES = set("bBAZzG")
_PLAIN_ESCAPES = set(".^$*+?{}[]()|\\/-\"'#&~%,;:!@=<> ") | set("’“”„«»–—·")


class _Unknown(Exception):
    """A construct this reading does not model: the whole pattern gets no trigger."""


@dataclass(frozen=True)
class _Item:
    """One piece of a pattern: the exact strings it matches (when few and known) and the
    strings one of which any match of it contains (None: nothing known)."""

    exact: frozenset[str] | None
    required: frozenset[str] | None


_EMPTY = _Item(frozenset({""}), None)
_ANYTHING = _Item(None, None)


@dataclass(frozen=True)
class Triggers:
    literals: frozenset[str]
    folded: bool = False  # the literals are case-folded, for a pattern that ignores case


@cache
def triggers(pattern: regex.Pattern[str]) -> Triggers | None:
    """The literal triggers of a compiled pattern."""
    source = pattern.pattern
    folded = bool(pattern.flags & regex.IGNORECASE) or source.startswith("(?i)")
    literals = required_literals(source.removeprefix("(?i)"))
    if literals is None:
        return None
    return Triggers(frozenset(s.casefold() for s in literals), True) if folded else Triggers(literals)


def occurs(found: Triggers | None, text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether a pattern with these triggers can match in text[start:end] at all."""
    if found is None:
        return True
    end = len(text) if end is None else end
    if not found.folded:
        return any(text.find(literal, start, end) >= 0 for literal in found.literals)
    # case-folded a piece at a time: a folded copy of a whole large text would double its memory
    reach = max(map(len, found.literals))  # folding never shortens: a literal spans no more
    for at in range(start, end, FOLD_PIECE):
        piece = text[at : min(end, at + FOLD_PIECE + reach)].casefold()
        if any(literal in piece for literal in found.literals):
            return True
    return False


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings one of which occurs in the searched range whenever `pattern` matches there;
    None when the pattern shows none (or matches the empty string)."""
    try:
        parser = _Parser(pattern)
        item = parser.alternation()
        if parser.pos != len(pattern):
            raise _Unknown
    except _Unknown:
        return None
    return _useful(_requirement(item))


def _useful(literals: frozenset[str] | None) -> frozenset[str] | None:
    """A usable trigger set, without the strings that contain another one of it."""
    if literals is None or "" in literals or len(literals) > MAX_LITERALS:
        return None
    return frozenset(s for s in literals if not any(t != s and t in s for t in literals))


def _requirement(item: _Item) -> frozenset[str] | None:
    exact = _useful(item.exact)
    return exact if exact is not None else _useful(item.required)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirements: longer shortest string, then fewer strings."""
    if a is None or b is None:
        return a if b is None else b
    return max(a, b, key=lambda s: (min(map(len, s)), -len(s)))


def _product(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    if len(a) * len(b) > MAX_LITERALS:
        return None
    return frozenset(x + y for x in a for y in b)


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.pos = 0

    def peek(self) -> str:
        return self.pattern[self.pos] if self.pos < len(self.pattern) else ""

    def take(self) -> str:
        char = self.peek()
        if not char:
            raise _Unknown
        self.pos += 1
        return char

    def alternation(self) -> _Item:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.pos += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        exact = None
        if all(b.exact is not None for b in branches):
            exact = frozenset().union(*(b.exact for b in branches))  # type: ignore[misc]
        required = [_requirement(b) for b in branches]
        union = None if any(r is None for r in required) else frozenset().union(*required)  # type: ignore[misc]
        return _Item(exact if exact is None or len(exact) <= MAX_LITERALS else None, union)

    def sequence(self) -> _Item:
        """Adjacent exact pieces multiply out into one set; the best set of the runs counts."""
        best: frozenset[str] | None = None
        run = frozenset({""})
        whole_exact = True
        while self.peek() not in ("", "|", ")"):
            item = self.quantified(self.atom())
            grown = _product(run, item.exact) if item.exact is not None else None
            if grown is not None:
                run = grown
                continue
            whole_exact = False
            best = _better(best, _useful(run))
            if item.exact is None:
                best = _better(best, _useful(item.required))
                run = frozenset({""})
            else:  # too many strings: the run starts anew at this piece
                run = item.exact
        best = _better(best, _useful(run))
        return _Item(run if whole_exact else None, best)

    def quantified(self, item: _Item) -> _Item:
        char = self.peek()
        if char not in ("?", "*", "+", "{"):
            return item
        if char == "{":
            end = self.pattern.find("}", self.pos)
            body = self.pattern[self.pos + 1 : end] if end > 0 else ""
            low, _, high = body.partition(",")
            if end < 0 or not (low.strip().isdigit() or (low.strip() == "" and "," in body)):
                return item  # a literal brace
            self.pos = end + 1
            minimum = int(low) if low.strip() else 0
            maximum = minimum if "," not in body else None if not high.strip() else int(high)
        else:
            self.pos += 1
            minimum, maximum = (0, 1) if char == "?" else (0, None) if char == "*" else (1, None)
        if self.peek() in ("?", "+"):
            self.pos += 1  # lazy or possessive: the same strings
        if minimum == 0:
            if maximum == 1 and item.exact is not None:
                return _Item(item.exact | {""}, None)
            return _ANYTHING
        if minimum == maximum == 1:
            return item
        return _Item(None, _requirement(item))

    def atom(self) -> _Item:
        char = self.take()
        if char == "(":
            return self.group()
        if char == "[":
            return self.char_class()
        if char == "\\":
            return self.escape()
        if char in "^$":
            return _EMPTY
        if char == ".":
            return _ANYTHING
        if char in "*+?{)":
            raise _Unknown
        return _Item(frozenset({char}), None)

    def escape(self) -> _Item:
        char = self.take()
        if char in _ZERO_WIDTH_ESCAPES:
            return _EMPTY
        if char in _CLASS_ESCAPES:
            return _Item(frozenset({_CLASS_ESCAPES[char]}), None)
        if char in _PLAIN_ESCAPES:
            return _Item(frozenset({char}), None)
        if char in "pPX" or char in "dDwWsShHR":
            if char in "pP" and self.peek() == "{":
                end = self.pattern.find("}", self.pos)
                if end < 0:
                    raise _Unknown
                self.pos = end + 1
            return _ANYTHING
        raise _Unknown  # backreferences, \x.., \N{…}, \Q, \L<…>, …

    def char_class(self) -> _Item:
        """A class of a few plain characters (`[Ii]`, `[nrs]`) is exact; any other matches
        something unknown. Nested sets (regex's VERSION1) are skipped as a whole."""
        start = self.pos
        depth = 1
        members: set[str] | None = set()
        if self.peek() == "^":
            members = None
            self.pos += 1
        if self.peek() == "]":
            members = None if members is None else members | {"]"}
            self.pos += 1
        while depth:
            char = self.take()
            if char == "\\":
                escaped = self.take()
                if escaped in "pP" and self.peek() == "{":
                    end = self.pattern.find("}", self.pos)
                    if end < 0:
                        raise _Unknown
                    self.pos = end + 1
                    members = None
                elif members is not None and (escaped in _PLAIN_ESCAPES or escaped in _CLASS_ESCAPES):
                    members.add(_CLASS_ESCAPES.get(escaped, escaped))
                else:
                    members = None
            elif char == "[":
                depth += 1
                members = None
            elif char == "]":
                depth -= 1
            elif char in "-&~|" and self.pos - 1 > start:
                members = None  # ranges and set operations
            elif members is not None:
                members.add(char)
        if members is None or not members or len(members) > 8:
            return _ANYTHING
        return _Item(frozenset(members), None)

    def group(self) -> _Item:
        if self.peek() != "?":
            return self.closed(self.alternation())
        self.pos += 1
        kind = self.take()
        if kind == ":" or kind == ">" or kind == "|":
            return self.closed(self.alternation())
        if kind == "=":
            inner = self.closed(self.alternation())
            return _Item(None, _requirement(inner))
        if kind == "!":
            self.closed(self.alternation())
            return _EMPTY
        if kind == "<" and self.peek() in ("=", "!"):
            self.pos += 1
            self.closed(self.alternation())
            return _EMPTY
        if kind == "#":
            end = self.pattern.find(")", self.pos)
            if end < 0:
                raise _Unknown
            self.pos = end + 1
            return _EMPTY
        if kind == "P" and self.peek() == "<" or kind == "<":
            end = self.pattern.find(">", self.pos)
            if end < 0:
                raise _Unknown
            self.pos = end + 1
            return self.closed(self.alternation())
        raise _Unknown  # inline flags, conditionals, recursion, …

    def closed(self, item: _Item) -> _Item:
        if self.take() != ")":
            raise _Unknown
        return item
