"""Find → resolve conflicts → apply, repeated until the text stops changing.

Conflict policy (documented in the README): among findings with replacements, safe fixes
win over suggestions, then higher rule priority, then the longer span, then the earlier
start, then the rule id; a fix that overlaps one already kept is dropped. Flags (no
replacement) never conflict. Only safe fixes are applied.

Later passes run on the cleaned text; each of their safe fixes is mapped back onto the
original text, absorbing any earlier fix it touches, so that every finding's offsets
point into the original and re-applying the report gives the same text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from cleanup.checks import Check, RuleTimeout
from cleanup.document import Document
from cleanup.findings import Finding

MAX_PASSES = 5


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


def resolve(findings: Iterable[Finding]) -> list[Finding]:
    """Keep a non-overlapping set of fixes (see module doc) plus every flag, sorted by start."""
    kept: list[Finding] = []
    flags: list[Finding] = []
    for finding in sorted(findings, key=_rank):
        if not finding.is_fix:
            flags.append(finding)
        elif not any(finding.overlaps(other) for other in kept):
            kept.append(finding)
    return sorted(kept + flags, key=lambda f: (f.start, f.end, f.rule))


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

    def absorb(self, fix: Finding, current: str) -> Finding:
        """Map a fix on the current text onto the original, merging touched edits."""
        delta = 0  # current offset minus original offset, before the position looked at
        touched: list[Finding] = []
        start_delta = end_delta = None
        cur_start, cur_end = fix.start, fix.end
        for edit in self.edits:
            e_start = edit.start + delta
            e_end = e_start + len(edit.replacements[0])
            if e_end <= fix.start and not (e_start == e_end == fix.start):
                delta += len(edit.replacements[0]) - (edit.end - edit.start)
                continue
            if e_start >= fix.end and not (fix.start == fix.end == e_start):
                break
            touched.append(edit)
            if start_delta is None:
                start_delta = delta
                cur_start = min(cur_start, e_start)
            delta += len(edit.replacements[0]) - (edit.end - edit.start)
            cur_end = max(cur_end, e_end)
        if start_delta is None:
            start_delta = delta
        end_delta = delta
        orig_start = cur_start - start_delta
        orig_end = cur_end - end_delta
        replacement = current[cur_start : fix.start] + fix.replacements[0] + current[fix.end : cur_end]
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
        self.edits = sorted([e for e in self.edits if e not in touched] + [merged], key=lambda f: f.start)
        return merged


def clean_text(
    text: str,
    checks: list[Check],
    extra_findings: Callable[[str], list[Finding]] | None = None,
    max_passes: int = MAX_PASSES,
) -> CleanResult:
    """Run all checks to a fixpoint. `extra_findings` (e.g. LanguageTool) runs on the
    original text only and its findings join the first pass's conflict resolution."""
    warnings: list[str] = []
    broken: set[str] = set()
    first = run_checks(checks, Document(text), warnings, broken)
    if extra_findings is not None:
        first.extend(extra_findings(text))
    resolved = resolve(first)
    edits = _EditMap(text)
    for finding in resolved:
        if finding.is_fix and finding.safety == "safe":
            finding.applied = True
            edits.edits.append(finding)
    others = [f for f in resolved if not f.applied]

    current = edits.current()
    for _ in range(1, max_passes):
        later = [
            f
            for f in resolve(run_checks(checks, Document(current), warnings, broken))
            if f.is_fix and f.safety == "safe"
        ]
        if not later:
            break
        for fix in sorted(later, key=lambda f: f.start, reverse=True):
            edits.absorb(fix, current)
            current = edits.current()
    else:
        still = run_checks(checks, Document(current), warnings, broken)
        rules = sorted({f.rule for f in resolve(still) if f.is_fix and f.safety == "safe"})
        if rules:
            warnings.append(f"fixes did not settle after {max_passes} passes (rules {', '.join(rules)}); stopped")
    # suggestions whose span a later fix rewrote no longer apply to the original text
    others = [f for f in others if not f.is_fix or not any(f.overlaps(e) for e in edits.edits)]
    findings = sorted(edits.edits + others, key=lambda f: (f.start, f.end, f.rule))
    return CleanResult(original=text, text=current, findings=findings, warnings=warnings)
