"""LanguageTool as one more checker: text → findings on the same original offsets.

The text is cut into paragraphs (see `paragraphs`); each paragraph is looked up in the
persistent cache and only the missing ones are sent, joined by blank lines into batches of
a few thousand characters (at least one per worker), `workers` batches at a time; the
answer is split back into paragraphs by offset. Batching matters: LanguageTool spends
~0.1 s on every request besides the checking, so one request per paragraph was ~50 %
slower than one request for the whole text. Each LanguageTool
match becomes a Finding with rule `LT:<RULE_ID>`, LanguageTool's category (lower case), its
message, at most `max_replacements` replacements, source "languagetool" and safety
"suggest" unless the rule id is listed in `safe_rules`.

Matches on the project's known names are dropped (the local server also gets the names as
accepted spellings; a remote server does not, hence the client-side filter).
"""

from __future__ import annotations

import math
import re
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from cleanup.findings import Finding, Safety
from cleanup.languagetool.cache import ResultCache, key
from cleanup.languagetool.client import Client
from cleanup.languagetool.offsets import Utf16Index, utf16_len
from cleanup.languagetool.options import SPELLER_RULES, LanguageToolOptions

MAX_PARAGRAPH = 20_000  # longer paragraphs are cut at sentence ends
BATCH_CHARS = 6_000  # at most this much per request, unless one paragraph is longer
SEPARATOR = "\n\n"  # between paragraphs of a batch: LanguageTool's paragraph break
STORED_REPLACEMENTS = 10  # kept in the cache; `max_replacements` of them become the finding's

_BLANK_LINES = re.compile(r"\r?\n[ \t\r]*\n\s*")
_LINE_BREAK = re.compile(r"\n")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'“”»«’)\]]*[ \t\r]*$")
_BLOCK_START = re.compile(r"[ \t]*(?:#{1,6}\s|[-*•–]\s|\d{1,3}[.)]\s|>)")
_SENTENCE_CUT = re.compile(r"(?<=[.!?…])\s+(?=[\"„“»«(]?[A-ZÄÖÜ0-9])")
# "KI -Chips": a compound broken by a space before its hyphen (the hyphen pack repairs it).
# LanguageTool reads "KI" as a word of its own and then reports agreement errors such as
# "den KI" → "der KI"; matches that end right before such a break are dropped.
_BROKEN_COMPOUND_AFTER = re.compile(r"[ \t]+-(?=\w)")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs sent to LanguageTool one by one, whitespace-only ones left out.

    A blank line always ends a paragraph. A single line break ends one after a sentence end
    (. ! ? … : ;), before a heading, list item or quote marker, or after a heading line; other
    single line breaks are hard wraps inside a paragraph and stay in it (LanguageTool reads
    them as spaces). Paragraphs over 20,000 characters are cut at sentence ends.
    """
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _split(text, 0, len(text), _BLANK_LINES):
        start = line_start = block_start
        for m in _LINE_BREAK.finditer(text, block_start, block_end):
            next_end = text.find("\n", m.end(), block_end)
            previous = text[line_start : m.start()]
            following = text[m.end() : block_end if next_end == -1 else next_end]
            if _SENTENCE_END.search(previous) or _BLOCK_START.match(following) or _BLOCK_START.match(previous):
                spans.append((start, m.start()))
                start = m.end()
            line_start = m.end()
        spans.append((start, block_end))
    result: list[tuple[int, int]] = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            result.extend(_cut_long(text, start, end))
    return result


def _split(text: str, start: int, end: int, separator: re.Pattern[str]) -> Iterable[tuple[int, int]]:
    for m in separator.finditer(text, start, end):
        yield start, m.start()
        start = m.end()
    yield start, end


def _cut_long(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    while end - start > MAX_PARAGRAPH:
        cut = None
        for m in _SENTENCE_CUT.finditer(text, start, start + MAX_PARAGRAPH):
            cut = m
        if cut is None or cut.start() <= start:
            yield start, start + MAX_PARAGRAPH
            start += MAX_PARAGRAPH
        else:
            yield start, cut.start()
            start = cut.end()
    yield start, end


def make_batches(items: list[tuple[str, str]], workers: int) -> list[list[tuple[str, str]]]:
    """Consecutive (key, paragraph) items in batches of about equal size, at least `workers`."""
    total = sum(len(p) for _, p in items)
    count = max(min(workers, len(items)), math.ceil(total / BATCH_CHARS), 1)
    target = total / count
    batches: list[list[tuple[str, str]]] = [[]]
    size = 0
    for item in items:
        if batches[-1] and size + len(item[1]) > BATCH_CHARS:
            batches.append([])
            size = 0
        batches[-1].append(item)
        size += len(item[1])
        if size >= target and len(batches) < count:
            batches.append([])
            size = 0
    return [b for b in batches if b]


def split_response(batch: list[str], response: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The matches of a batch request, per paragraph, with offsets into that paragraph.

    A match that crosses from one paragraph into the next (only text-level rules could) is dropped.
    """
    starts, ends = [], []
    position = 0
    for paragraph in batch:
        starts.append(position)
        position += utf16_len(paragraph)
        ends.append(position)
        position += utf16_len(SEPARATOR)
    per: list[list[dict[str, Any]]] = [[] for _ in batch]
    for m in response.get("matches", []):
        offset = int(m["offset"])
        i = bisect_right(starts, offset) - 1
        if i < 0 or offset + int(m["length"]) > ends[i]:
            continue
        per[i].append({**m, "offset": offset - starts[i]})
    return [convert_matches(p, {"matches": ms}) for p, ms in zip(batch, per, strict=True)]


def convert_matches(paragraph: str, response: dict[str, Any]) -> list[dict[str, Any]]:
    """LanguageTool's JSON matches → compact dicts with Python offsets into `paragraph`."""
    index = Utf16Index(paragraph)
    out = []
    for m in response.get("matches", []):
        start, end = index.span(int(m["offset"]), int(m["length"]))
        rule = m.get("rule", {})
        category = rule.get("category", {})
        urls = rule.get("urls") or []
        out.append(
            {
                "rule": rule.get("id", "UNKNOWN"),
                "sub": rule.get("subId"),
                "category": category.get("id", "MISC"),
                "category_name": category.get("name"),
                "issue": rule.get("issueType"),
                "message": m.get("message", ""),
                "start": start,
                "end": end,
                "replacements": [r["value"] for r in m.get("replacements", [])[:STORED_REPLACEMENTS]],
                "url": urls[0].get("value") if urls else None,
            }
        )
    return out


class NameFilter:
    """Drops matches on known names: any match inside a name ("Maia 100", "NVIDIA"), and
    speller matches on a name's word, its genitive or a hyphen compound it starts."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = sorted({n for n in names if n.strip()}, key=len, reverse=True)
        self.words = {w for n in self.names for w in re.split(r"[\s\-]+", n) if len(w) > 1}
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, self.names)) + r")(?:s|['’]s?)?(?!\w)")
            if self.names
            else None
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self._pattern.finditer(text)] if self._pattern else []

    def is_name_word(self, word: str) -> bool:
        for candidate in (word, re.sub(r"(?:['’]s?|s)$", "", word)):
            if candidate in self.words:
                return True
        head = word.split("-", 1)[0]
        return "-" in word and (head in self.words or re.sub(r"s$", "", head) in self.words)

    def drop(self, match: dict[str, Any], paragraph: str, name_spans: list[tuple[int, int]]) -> bool:
        start, end = match["start"], match["end"]
        if any(s <= start and end <= e for s, e in name_spans):
            return True
        return match["rule"] in SPELLER_RULES and self.is_name_word(paragraph[start:end])


def _before_broken_compound(match: dict[str, Any], paragraph: str) -> bool:
    return match["rule"] not in SPELLER_RULES and bool(_BROKEN_COMPOUND_AFTER.match(paragraph, match["end"]))


@dataclass
class CallStats:
    paragraphs: int = 0
    cached: int = 0
    checked: int = 0
    matches: int = 0
    dropped: int = 0
    seconds: float = 0.0
    error: str | None = None


@dataclass
class LanguageToolChecker:
    """Callable text → findings, for `Cleaner.extra_checkers`."""

    client: Callable[[], Client]  # starts the server on first use (lazy)
    options: LanguageToolOptions
    fingerprint: str
    cache: ResultCache
    names: NameFilter = field(default_factory=lambda: NameFilter(()))
    extra_disabled: list[str] = field(default_factory=list)
    safety_overrides: dict[str, Safety] = field(default_factory=dict)
    last: CallStats = field(default_factory=CallStats)
    total: CallStats = field(default_factory=CallStats)
    failed: str | None = None  # first error; after it, LanguageTool is not asked again
    _warm: bool = False  # a first request has built the server's pipeline

    def __post_init__(self) -> None:
        self.params = self.options.request_params(self.extra_disabled)
        self.safe = set(self.options.safe_rules)

    def __call__(self, text: str) -> list[Finding]:
        started = time.monotonic()
        stats = self.last = CallStats()
        spans = paragraphs(text)
        stats.paragraphs = len(spans)
        keys = [key(self.fingerprint, text[s:e]) for s, e in spans]
        results = self.cache.get_many(keys)
        missing = {k: text[s:e] for k, (s, e) in zip(keys, spans, strict=True) if k not in results}
        stats.cached = len(set(keys)) - len(missing)
        if missing:
            if self.failed:
                stats.error = self.failed
                return self._finish(stats, started, [])
            try:
                fresh = self._check(missing)
            except Exception as exc:  # noqa: BLE001 - any failure: the run goes on without LT
                self.failed = stats.error = f"{type(exc).__name__}: {exc}" if not str(exc) else str(exc)
                return self._finish(stats, started, [])
            self.cache.put_many(fresh)
            results.update(fresh)
            stats.checked = len(fresh)
        findings: list[Finding] = []
        for k, (s, e) in zip(keys, spans, strict=True):
            paragraph = text[s:e]
            name_spans = self.names.spans(paragraph)
            for match in results[k]:
                if self.names.drop(match, paragraph, name_spans) or _before_broken_compound(match, paragraph):
                    stats.dropped += 1
                    continue
                findings.append(self._finding(match, text, s))
        stats.matches = len(findings)
        return self._finish(stats, started, findings)

    def _finish(self, stats: CallStats, started: float, findings: list[Finding]) -> list[Finding]:
        stats.seconds = time.monotonic() - started
        for name in ("paragraphs", "cached", "checked", "matches", "dropped", "seconds"):
            setattr(self.total, name, getattr(self.total, name) + getattr(stats, name))
        self.total.error = self.total.error or stats.error
        return findings

    def _check(self, missing: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
        client = self.client()

        def one(batch: list[tuple[str, str]]) -> list[tuple[str, list[dict[str, Any]]]]:
            texts = [paragraph for _, paragraph in batch]
            response = client.check(SEPARATOR.join(texts), self.params)
            return list(zip([k for k, _ in batch], split_response(texts, response), strict=True))

        batches = make_batches(list(missing.items()), self.options.workers)
        done: dict[str, list[dict[str, Any]]] = {}
        if not self._warm:
            # the first request builds LanguageTool's pipeline (the slow part of a cold start);
            # building a second one in parallel would only compete for the same cores
            done.update(one(batches.pop(0)))
            self._warm = True
        if self.options.workers == 1 or len(batches) <= 1:
            for batch in batches:
                done.update(one(batch))
        else:
            pool = ThreadPoolExecutor(self.options.workers, thread_name_prefix="languagetool")
            try:
                for result in pool.map(one, batches):
                    done.update(result)
            finally:
                # on Ctrl-C do not wait for requests in flight: stopping the server ends them
                pool.shutdown(wait=False, cancel_futures=True)
        return done

    def _finding(self, match: dict[str, Any], text: str, offset: int) -> Finding:
        rule = match["rule"]
        start, end = offset + match["start"], offset + match["end"]
        replacements = match["replacements"][: self.options.max_replacements]
        safety: Safety = self.safety_overrides.get(f"LT:{rule}") or ("safe" if rule in self.safe else "suggest")
        if not replacements:
            safety = "suggest"
        return Finding(
            rule=f"LT:{rule}",
            category=str(match["category"]).lower(),
            safety=safety,
            start=start,
            end=end,
            original=text[start:end],
            replacements=replacements,
            message=match["message"],
            source="languagetool",
            priority=self.options.priority,
            link=match.get("url"),
        )
