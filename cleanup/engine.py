"""Find → resolve conflicts → apply, repeated until the text stops changing.

Conflict policy (documented in the README): among findings with replacements, safe fixes
win over suggestions, then higher rule priority, then the longer span, then the earlier
start, then the rule id; a fix that overlaps one already kept is dropped. Flags (no
replacement) never conflict. Only safe fixes are applied.

Later passes run on the cleaned text; each of their safe fixes is mapped back onto the
original text, absorbing any earlier fix it touches, so that every finding's offsets
point into the original and re-applying the report gives the same text.

A later pass keeps only safe fixes, which win every conflict with a suggestion, so it runs
only the rules that can make a safe fix (`Check.may_apply`): a rule that only suggests has
said all it has to say in the first pass. It re-reads the whole text only for rules that
need the whole document (entities, consistency). Local rules (patterns, detectors), whose
findings depend only on the text within their reach, run on windows around the lines the
previous pass changed: anywhere else they would find what they found before, which held
no unapplied safe fix.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from cleanup.checks import Check, RuleTimeout
from cleanup.document import Document
from cleanup.findings import Finding

MAX_PASSES = 5
# the least reach assumed for a local rule (a regex's lookbehind, a detector's context)
LOCAL_REACH = 300


@dataclass
class CleanResult:
    original: str
    text: str
    findings: list[Finding]
    warnings: list[str] = field(default_factory=list)

    @property
    def applied(self) -> list[Finding]:
        return [f for f in self.findings if f.applied]

    @property
    def suggestions(self) -> list[Finding]:
        return [f for f in self.findings if not f.applied]


def _rank(finding: Finding) -> tuple:
    return (
        finding.safety != "safe",
        -finding.priority,
        -(finding.end - finding.start),
        finding.start,
        finding.rule,
    )


class _Kept:
    """Non-overlapping fixes sorted by start. Their ends are then sorted too, so a
    conflict test only needs the neighbours of the new span: O(log n), not O(n)."""

    def __init__(self, fixes: Iterable[Finding] = ()) -> None:
        self.items = sorted(fixes, key=lambda f: (f.start, f.end))
        self.starts = [f.start for f in self.items]

    def conflicts(self, finding: Finding) -> bool:
        first = bisect.bisect_left(self.starts, finding.start)
        past = bisect.bisect_left(self.starts, finding.end)
        return any(
            finding.overlaps(self.items[i])
            for i in range(max(first - 1, 0), max(past, first + 1))
            if i < len(self.items)
        )

    def add(self, finding: Finding) -> None:
        index = bisect.bisect_left(self.starts, finding.start)
        self.starts.insert(index, finding.start)
        self.items.insert(index, finding)


def resolve(findings: Iterable[Finding]) -> list[Finding]:
    """Keep a non-overlapping set of fixes (see module doc) plus every flag, sorted by start."""
    kept = _Kept()
    flags: list[Finding] = []
    for finding in sorted(findings, key=_rank):
        if not finding.is_fix:
            flags.append(finding)
        elif not kept.conflicts(finding):
            kept.add(finding)
    return sorted(kept.items + flags, key=lambda f: (f.start, f.end, f.rule))


def apply_fixes(text: str, findings: Iterable[Finding], choose: Callable[[Finding], str | None]) -> str:
    """Replace each finding's span with `choose(finding)` (None keeps the original).

    The findings must not overlap; offsets are into `text`.
    """
    parts: list[str] = []
    pos = 0
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        replacement = choose(finding)
        if replacement is None:
            continue
        if finding.start < pos:
            raise ValueError(f"overlapping fixes at offset {finding.start} ({finding.rule})")
        parts.append(text[pos : finding.start])
        parts.append(replacement)
        pos = finding.end
    parts.append(text[pos:])
    return "".join(parts)


def first_replacement(finding: Finding) -> str | None:
    return finding.replacements[0] if finding.is_fix else None


def run_checks(checks: Iterable[Check], doc: Document, warnings: list[str], broken: set[str]) -> list[Finding]:
    """All findings of all enabled checks; a rule that times out is reported and skipped."""
    findings: list[Finding] = []
    for check in checks:
        if not check.enabled or check.meta.id in broken:
            continue
        try:
            findings.extend(check.find(doc))
        except RuleTimeout:
            broken.add(check.meta.id)
            warnings.append(f"rule {check.meta.id} took too long (catastrophic backtracking?) and was skipped")
    return findings


class _EditMap:
    """The applied fixes, on original offsets, and the text they produce."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.edits: list[Finding] = []

    def current(self) -> str:
        return apply_fixes(self.original, self.edits, first_replacement)

    def absorb_pass(self, fixes: list[Finding], current: str) -> None:
        """Map one later pass's fixes (non-overlapping, on `current`) onto the original.

        A fix absorbs every earlier edit it touches into one merged edit. Fixes are taken
        from the end backwards, so the text before the one at hand is still `current`;
        the walk is linear in edits plus fixes, whatever their number.
        """
        edits = self.edits
        regions: list[tuple[int, int]] = []  # each edit's span in `current`
        deltas = [0]  # deltas[k]: current offset minus original offset before edit k
        for edit in edits:
            begin = edit.start + deltas[-1]
            regions.append((begin, begin + len(edit.replacements[0])))
            deltas.append(deltas[-1] + _growth(edit))
        tail: list[tuple[Finding, int, int]] = []  # edits after the fix at hand, last first
        below = len(edits) - 1  # edits[: below + 1] are untouched so far
        for fix in sorted(fixes, key=lambda f: f.start, reverse=True):
            while below >= 0 and _right_of(*regions[below], fix):
                tail.append((edits[below], *regions[below]))
                below -= 1
            merged_after = tail.pop() if tail and _touches(tail[-1][1], tail[-1][2], fix) else None
            lowest = below
            while lowest >= 0 and _touches(*regions[lowest], fix):
                lowest -= 1
            touched = edits[lowest + 1 : below + 1]
            touched_spans = regions[lowest + 1 : below + 1]
            start_delta = deltas[lowest + 1]
            below = lowest
            cur_start = min([fix.start] + [begin for begin, _ in touched_spans[:1]])
            cur_end = max([fix.end] + [end for _, end in touched_spans[-1:]])
            after = current[fix.end : cur_end]
            growth = sum(_growth(edit) for edit in touched)
            if merged_after is not None:
                edit, begin, end = merged_after
                touched.append(edit)
                growth += _growth(edit)
                after = current[fix.end : begin] + edit.replacements[0][max(fix.end - begin, 0) :]
                cur_end = max(cur_end, end)
                if not touched_spans:
                    cur_start = min(cur_start, begin)
            orig_start = cur_start - start_delta
            orig_end = cur_end - start_delta - growth
            replacement = current[cur_start : fix.start] + fix.replacements[0] + after
            merged = Finding(
                rule=fix.rule,
                category=fix.category,
                safety=fix.safety,
                start=orig_start,
                end=orig_end,
                original=self.original[orig_start:orig_end],
                replacements=[replacement],
                message=fix.message,
                applied=True,
                source=fix.source,
                priority=fix.priority,
                link=fix.link,
                merged=[r for edit in touched for r in (edit.rule, *edit.merged)],
            )
            tail.append((merged, cur_start, cur_start + len(replacement)))
        self.edits = edits[: below + 1] + [edit for edit, _, _ in reversed(tail)]


def _growth(edit: Finding) -> int:
    return len(edit.replacements[0]) - (edit.end - edit.start)


def _right_of(begin: int, end: int, fix: Finding) -> bool:
    """An edit region wholly after the fix (an insertion at the fix's point is not)."""
    return begin >= fix.end and not (fix.start == fix.end == begin)


def _touches(begin: int, end: int, fix: Finding) -> bool:
    """An edit region that a fix overlaps or that sits at the fix's start as an insertion."""
    left_of = end <= fix.start and not (begin == end == fix.start)
    return not left_of and not _right_of(begin, end, fix)


def _landed(fixes: Iterable[Finding]) -> list[tuple[int, int]]:
    """Where non-overlapping fixes on a text stand in the text they produce."""
    spans: list[tuple[int, int]] = []
    shift = 0
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        start = fix.start + shift
        spans.append((start, start + len(fix.replacements[0])))
        shift += _growth(fix)
    return spans


def _spans(fixes: list[Finding]) -> list[tuple[int, int, int]]:
    """Non-overlapping fixes as Document.edited takes them: (start, end, new length), sorted."""
    return [(f.start, f.end, len(f.replacements[0])) for f in sorted(fixes, key=lambda f: (f.start, f.end))]


def _windows(text: str, changed: list[tuple[int, int]], reach: int) -> list[tuple[int, int]]:
    """Whole lines around the changed spans, at least 2 × reach characters on each side,
    overlapping or adjacent windows merged."""
    windows: list[tuple[int, int]] = []
    for start, end in sorted(changed):
        lo = text.rfind("\n", 0, max(start - 2 * reach, 0)) + 1
        hi = text.find("\n", min(end + 2 * reach, len(text)))
        hi = len(text) if hi < 0 else hi
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], hi))
        else:
            windows.append((lo, hi))
    return windows


def rerun_checks(
    checks: list[Check], doc: Document, changed: list[tuple[int, int]], warnings: list[str], broken: set[str]
) -> list[Finding]:
    """A later pass: whole-document rules on the whole text, local rules on windows around
    the `changed` spans, both only if they can make a safe fix. A window's findings are kept
    where its reach cannot see past its edges, which covers every finding within reach of a
    change."""
    text = doc.text
    checks = [c for c in checks if c.may_apply]
    local = [c for c in checks if c.local]
    findings = run_checks([c for c in checks if not c.local], doc, warnings, broken)
    reach = max([LOCAL_REACH] + [c.reach for c in local])
    for lo, hi in _windows(text, changed, reach):
        inner_lo = lo + reach if lo > 0 else 0
        inner_hi = hi - reach if hi < len(text) else hi
        for finding in run_checks(local, Document(text[lo:hi]), warnings, broken):
            finding.start += lo
            finding.end += lo
            if inner_lo <= finding.start and finding.end <= inner_hi:
                findings.append(finding)
    return findings


def clean_text(
    text: str,
    checks: list[Check],
    extra_findings: Callable[[str], list[Finding]] | None = None,
    max_passes: int = MAX_PASSES,
    writable: Callable[[str], bool] | None = None,
) -> CleanResult:
    """Run all checks to a fixpoint. `extra_findings` (e.g. LanguageTool) runs on the
    original text only and its findings join the first pass's conflict resolution.
    `writable` tells whether the output's encoding can hold a replacement (Latin-1 cannot
    hold "š"); a safe fix it refuses is not applied but left as a suggestion."""
    warnings: list[str] = []
    broken: set[str] = set()
    unwritable: set[str] = set()

    def applicable(finding: Finding) -> bool:
        if not (finding.is_fix and finding.safety == "safe"):
            return False
        if writable is None or writable(finding.replacements[0]):
            return True
        unwritable.add(finding.rule)
        return False

    doc = Document(text)
    first = run_checks(checks, doc, warnings, broken)
    if extra_findings is not None:
        first.extend(extra_findings(text))
    resolved = resolve(first)
    edits = _EditMap(text)
    for finding in resolved:
        if applicable(finding):
            finding.applied = True
            edits.edits.append(finding)
        elif finding.safety == "safe" and finding.is_fix:
            finding.safety = "suggest"
    others = [f for f in resolved if not f.applied]

    current = edits.current()
    fixes = edits.edits  # the last pass's fixes, on the text it read
    changed = _landed(fixes)  # where the text differs from what the last pass read
    for _ in range(1, max_passes):
        if not changed:
            break
        doc = doc.edited(current, _spans(fixes))
        fixes = [f for f in resolve(rerun_checks(checks, doc, changed, warnings, broken)) if applicable(f)]
        changed = _landed(fixes)
        if fixes:
            edits.absorb_pass(fixes, current)
            current = edits.current()
    if changed:
        still = rerun_checks(checks, doc.edited(current, _spans(fixes)), changed, warnings, broken)
        rules = sorted({f.rule for f in resolve(still) if f.is_fix and f.safety == "safe"})
        if rules:
            warnings.append(f"fixes did not settle after {max_passes} passes (rules {', '.join(rules)}); stopped")
    if unwritable:
        warnings.append(
            f"fixes the output encoding cannot hold were not applied (rules {', '.join(sorted(unwritable))})"
        )
    # suggestions whose span a later fix rewrote no longer apply to the original text
    applied = _Kept(edits.edits)
    others = [f for f in others if not f.is_fix or not applied.conflicts(f)]
    findings = sorted(edits.edits + others, key=lambda f: (f.start, f.end, f.rule))
    return CleanResult(original=text, text=current, findings=findings, warnings=warnings)
