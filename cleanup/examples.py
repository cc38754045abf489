"""Run a rule's own examples: every `bad` must become exactly `good` with this rule alone,
every `good` and `ok` text must give no finding (fixes must be idempotent)."""

from __future__ import annotations

from cleanup.checks import Check
from cleanup.document import Document
from cleanup.engine import apply_fixes, first_replacement, resolve


def example_failures(check: Check) -> list[str]:
    """One message per failing example; empty when the rule behaves as documented."""
    failures: list[str] = []
    for number, example in enumerate(check.meta.examples, start=1):
        label = f"{check.meta.id} example {number}"
        if example.ok is not None:
            found = list(check.find(Document(example.ok)))
            if found:
                failures.append(f"{label}: expected no finding in {example.ok!r}, got {_spans(found)}")
            continue
        assert example.bad is not None
        found = resolve(check.find(Document(example.bad)))
        if not found:
            failures.append(f"{label}: expected a finding in {example.bad!r}, got none")
            continue
        if example.good is None:
            continue
        result = apply_fixes(example.bad, found, first_replacement)
        if result != example.good:
            failures.append(f"{label}: {example.bad!r} became {result!r}, expected {example.good!r}")
            continue
        again = [f for f in check.find(Document(example.good)) if f.is_fix]
        if again:
            failures.append(f"{label}: the good text {example.good!r} still gives {_spans(again)}")
    return failures


def _spans(findings) -> str:  # type: ignore[no-untyped-def]
    return ", ".join(f"{f.original!r}@{f.start}→{f.replacements[:1]}" for f in findings)
