"""Review decisions: what a reviewer decided about each finding, and the text that gives.

The review page (templates/review.js) and `cleanup apply` implement the same rule, so the
page's exported text and `cleanup apply REPORT --decisions FILE` are identical:

* a finding without a decision keeps what the cleaner did: an applied fix stays applied
  with its first replacement, a suggestion or flag changes nothing;
* `rejected` changes nothing;
* `accepted` uses the decision's `replacement` when it has one (an alternative or the
  reviewer's own text), else the finding's first replacement; an accepted flag without a
  replacement changes nothing (it is acknowledged);
* the changes in effect must not overlap; they are applied like the engine's fixes.

A decision names its finding by rule, span, original text and CONTEXT_CHARS characters
of text on each side, so that it still finds its finding after the text was edited
elsewhere and cleaned again (`cleanup clean --decisions FILE`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from cleanup.findings import Finding
from cleanup.report import REPORT_VERSION, TextHash, text_hash
from cleanup.textio import ChunkReader, CleanupError, larger_than, read_input

CONTEXT_CHARS = 24
DECISIONS_FORMAT = "mt-cleanup-decisions"
DECISIONS_VERSION = 1

Status = Literal["accepted", "rejected"]


class ReviewError(CleanupError):
    """A report or decisions file that cannot be used; one line for the user."""


class Decision(BaseModel):
    """One reviewer decision, tied to its finding by rule, span and surrounding text."""

    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)
    rule: str
    start: int
    end: int
    original: str
    before: str
    after: str
    status: Status
    replacement: str | None = None

    @classmethod
    def about(cls, text: str, finding: Finding, status: Status, replacement: str | None = None) -> Decision:
        before, after = context(text, finding.start, finding.end)
        return cls(
            rule=finding.rule,
            start=finding.start,
            end=finding.end,
            original=text[finding.start : finding.end],
            before=before,
            after=after,
            status=status,
            replacement=replacement,
        )


class _DecisionsFile(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)
    format: Literal["mt-cleanup-decisions"]
    version: Literal[1]
    decisions: list[Decision]


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """The text just before and just after a span: what a decision is matched by."""
    return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]


def report_hash(input_sha256: str, findings: Sequence[Mapping[str, Any]]) -> str:
    """Identifies a report by its text and findings (not by paths or summary wording)."""
    canonical = json.dumps(
        {"input_sha256": input_sha256, "findings": list(findings)},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def decisions_document(
    decisions: Sequence[Decision], *, input_path: str, input_sha256: str, report_sha256: str
) -> dict[str, Any]:
    """The decisions file, as the review page exports it."""
    return {
        "format": DECISIONS_FORMAT,
        "version": DECISIONS_VERSION,
        "input": input_path,
        "input_sha256": input_sha256,
        "report_sha256": report_sha256,
        "decisions": [d.model_dump() for d in decisions],
    }


def load_decisions(path: Path) -> list[Decision]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ReviewError(f"{path}: no such decisions file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReviewError(f"{path}: cannot read decisions: {exc}") from None
    try:
        return _DecisionsFile.model_validate(data).decisions
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "file"
        raise ReviewError(f"{path}: not a decisions file ({where}: {first['msg']})") from None


def load_report(path: Path) -> tuple[dict[str, Any], list[Finding]]:
    """A JSON report and its findings; a file that is not one is a ReviewError."""
    try:
        report = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ReviewError(f"{path}: no such report") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReviewError(f"{path}: cannot read report: {exc}") from None
    if not isinstance(report, dict) or not {"version", "input", "input_sha256", "findings"} <= report.keys():
        raise ReviewError(f"{path}: not an mt-cleanup JSON report")
    if report["version"] != REPORT_VERSION:
        raise ReviewError(f"{path}: report version {report['version']!r}; this cleanup reads version {REPORT_VERSION}")
    names = {f.name for f in dataclasses.fields(Finding)}
    try:
        findings = [Finding(**{k: v for k, v in item.items() if k in names}) for item in report["findings"]]
    except (TypeError, AttributeError):
        raise ReviewError(f"{path}: not an mt-cleanup JSON report (bad finding)") from None
    return report, findings


def replacement_for(finding: Finding, decision: Decision | None) -> str | None:
    """The text that replaces the finding's span under `decision`; None keeps the original."""
    if decision is None:
        return finding.replacements[0] if finding.applied and finding.replacements else None
    if decision.status == "rejected":
        return None
    if decision.replacement is not None:
        return decision.replacement
    return finding.replacements[0] if finding.replacements else None


def changes_in_effect(findings: Sequence[Finding], chosen: Mapping[int, Decision]) -> list[tuple[Finding, str]]:
    """Each change the decisions put in effect (`chosen`: finding index → decision) with its
    replacement, in text order; changes that overlap are a ReviewError."""
    active = sorted(
        ((f, r) for i, f in enumerate(findings) if (r := replacement_for(f, chosen.get(i))) is not None),
        key=lambda change: (change[0].start, change[0].end),
    )
    for (left, _), (right, _) in zip(active, active[1:], strict=False):
        if left.overlaps(right):
            raise ReviewError(
                f"the decisions make overlapping changes: {left.rule} at {left.start}-{left.end} "
                f"and {right.rule} at {right.start}-{right.end}; reject one of them"
            )
    return active


def reviewed_pieces(texts: Iterable[str], changes: Sequence[tuple[Finding, str]]) -> Iterator[str]:
    """The text that comes as `texts`, with `changes` (in text order, not overlapping) made,
    piece by piece: a change is made once the text read holds all of its span."""
    pending, base, k = "", 0, 0  # pending: the text from offset `base` on, not given out yet
    for text in texts:
        pending += text
        limit = base + len(pending)
        parts, pos = [], base
        while k < len(changes) and changes[k][0].end <= limit:
            finding, replacement = changes[k]
            parts += [pending[pos - base : finding.start - base], replacement]
            pos, k = finding.end, k + 1
        stop = min(changes[k][0].start, limit) if k < len(changes) else limit
        parts.append(pending[pos - base : stop - base])
        yield "".join(parts)
        pending, base = pending[stop - base :], stop


def reviewed_text(text: str, findings: Sequence[Finding], chosen: Mapping[int, Decision]) -> str:
    """`text` with every change in effect under the decisions (`chosen`: finding index → decision)."""
    return "".join(reviewed_pieces([text], changes_in_effect(findings, chosen)))


def match(
    decisions: Sequence[Decision], text: str, findings: Sequence[Finding]
) -> tuple[dict[int, Decision], list[Decision]]:
    """Which decision belongs to which finding (index → decision), and the decisions that
    belong to none.

    A decision fits a finding of the same rule on the same original text when the text
    before or the text after it is unchanged; fits on both sides win over one side, then
    the finding nearest to the decision's old position. Each finding takes one decision.
    """
    contexts = [context(text, f.start, f.end) for f in findings]
    by_before: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    by_after: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        original = text[f.start : f.end]
        by_before[f.rule, original, contexts[i][0]].append(i)
        by_after[f.rule, original, contexts[i][1]].append(i)

    chosen: dict[int, Decision] = {}
    waiting = sorted(decisions, key=lambda d: (d.start, d.end))
    for needed in (2, 1):  # both sides of the context unchanged, then one side
        left: list[Decision] = []
        for decision in waiting:
            candidates = {
                *by_before.get((decision.rule, decision.original, decision.before), ()),
                *by_after.get((decision.rule, decision.original, decision.after), ()),
            }
            fitting = [
                i
                for i in candidates
                if i not in chosen
                and (contexts[i][0] == decision.before) + (contexts[i][1] == decision.after) >= needed
            ]
            if fitting:
                best = min(fitting, key=lambda i: (abs(findings[i].start - decision.start), i))
                chosen[best] = decision
            else:
                left.append(decision)
        waiting = left
    return chosen, waiting


@dataclasses.dataclass
class Applied:
    """What `cleanup apply` produced: the reviewed text, piece by piece, to be written in
    the input's encoding."""

    source: Path
    encoding: str
    bom: bool
    pieces: Iterable[str]
    stale: list[Decision]


def apply_review(
    report_path: Path, decisions_path: Path | None, input_path: Path | None, encoding: str | None, chunk_size: int
) -> Applied:
    """Read a report, the text it was made from and a decisions file; the reviewed text.

    Refuses (ReviewError) when the text is not the one the report was made from. A text
    over `chunk_size` is read in chunks, twice (its hash, then the changes), unless there
    are decisions: they are matched by their context in the whole text.
    """
    report, findings = load_report(report_path)
    source = input_path or Path(report["input"])
    decisions = load_decisions(decisions_path) if decisions_path is not None else []
    try:
        if decisions or not larger_than(source, chunk_size):
            decoded = read_input(source, encoding)
            _check_hash(report_path, report, source, text_hash(decoded.text))
            chosen, stale = match(decisions, decoded.text, findings)
            pieces = reviewed_pieces([decoded.text], changes_in_effect(findings, chosen))
            return Applied(source, decoded.encoding, decoded.bom, pieces, stale)
        reader = ChunkReader(source, encoding, chunk_size)
        digest = TextHash()
        for text in reader:
            digest.update(text)
    except CleanupError as exc:
        hint = " (give the text with --input)" if input_path is None and not source.exists() else ""
        raise ReviewError(f"{exc}{hint}") from None
    _check_hash(report_path, report, source, digest.value())
    pieces = reviewed_pieces(ChunkReader(source, encoding, chunk_size), changes_in_effect(findings, {}))
    return Applied(source, reader.decoder.encoding, reader.decoder.bom, pieces, [])


def _check_hash(report_path: Path, report: Mapping[str, Any], source: Path, input_sha256: str) -> None:
    if input_sha256 != report["input_sha256"]:
        raise ReviewError(
            f"{report_path} was not made from the text in {source} (content hash differs); "
            "clean that text again or give the right one with --input"
        )
