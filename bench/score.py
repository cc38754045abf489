"""Score the cleaner against annotated German MT texts (format: ../shared/seeds/ANNOTATION.md).

    .venv/bin/python bench/score.py bench/eval/dev.txt [--verbose] [--json]
    .venv/bin/python bench/score.py bench/eval/ --min-precision 0.99 --min-fix-recall 0.95

Format, as parsed here:

* ``=== id`` starts a case; the following non-comment, non-blank lines are its text (several lines
  are joined by a paragraph break). Lines starting with ``#`` are comments.
* `` ¶ `` is a paragraph break; the reconstructed original text has ``"\\n"`` there (the spaces
  around it are part of the mark).
* ``[[wrong=>right1|right2#family]]`` is an artifact. The family is what follows the *last* ``#``;
  alternatives are separated by ``|``; an empty alternative means "delete it".
* A first alternative of ``?`` means "needs a human" (a *flag* artifact): a finding must point at
  it; the alternatives after ``?`` are fixes that also count as right. Leaving it unchanged is fine.
  (So a literal replacement by "?" must be written with some context: ``[[gut？=>gut?#…]]``.)
* ``wrong`` among its own alternatives makes an *optional* artifact: leaving it is fine, changing it
  to another alternative is a correct fix; it is counted in neither recall.
* Everything else is a *fix* artifact.

Scoring (all counts are artifacts, except false edits, which are edited regions):

* Artifacts and the *applied* findings are clustered by overlap (a zero-width edit also clusters
  with an artifact it touches). A cluster with applied findings and artifacts is *correct* when its
  cleaned text equals its original text with every artifact replaced by ``wrong`` or by one of its
  alternatives (the best-scoring such choice is used); then each artifact that was replaced by an
  alternative other than ``wrong`` is a correct fix, and a fix artifact left as ``wrong`` is a miss.
  Otherwise every artifact an applied finding touches in that cluster is a wrong fix.
* A cluster of applied findings touching no artifact that changes the text is one false edit.
* fix recall = fix artifacts fixed / fix artifacts;
  flag recall = flag artifacts fixed or overlapped by any finding (applied or not) / flag artifacts;
  precision = correct fixes / (correct fixes + wrong fixes + false edits);
  F0.5 = 1.25·P·R / (0.25·P + R) with R = fix recall.
  As in the M2 scorer, precision is 1.0 when nothing was changed and recall is 1.0 when there is
  nothing to find.
* Per family: artifacts count under their family; false edits count under the finding's category.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import regex

PARAGRAPH = "\n"
FLAG = "?"
_ARTIFACT = regex.compile(r"\[\[(.*?)\]\]", regex.DOTALL)
_FAMILY = regex.compile(r"[a-z][a-z0-9_-]*")


class FormatError(ValueError):
    """A malformed annotated file; the message starts with ``path:line:``."""


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Artifact:
    start: int  # offsets into the case's reconstructed original text, end exclusive
    end: int
    wrong: str
    alternatives: tuple[str, ...]  # acceptable results, without the "?" marker
    family: str
    needs_human: bool = False
    line: int = 0

    @property
    def kind(self) -> str:
        """``flag`` (needs a human), ``optional`` (wrong is acceptable) or ``fix``."""
        if self.needs_human:
            return "flag"
        if self.wrong in self.alternatives:
            return "optional"
        return "fix"

    @property
    def choices(self) -> tuple[str, ...]:
        """Every acceptable rendering of the artifact in the cleaned text (``wrong`` included)."""
        return (self.wrong, *(a for a in self.alternatives if a != self.wrong))


@dataclass
class Case:
    id: str
    text: str  # the original (machine-translated) text
    artifacts: list[Artifact]
    source: str = "<string>"
    line: int = 0

    @property
    def expected(self) -> str:
        """The text with every fix artifact replaced by its first alternative."""
        out, pos = [], 0
        for a in self.artifacts:
            out.append(self.text[pos : a.start])
            out.append(a.wrong if a.kind != "fix" else a.alternatives[0])
            pos = a.end
        out.append(self.text[pos:])
        return "".join(out)


_PILCROW = regex.compile(r" ?¶ ?")


def _plain(s: str) -> str:
    return _PILCROW.sub(PARAGRAPH, s)


def _parse_artifact(body: str, where: str, line: int, start: int) -> Artifact:
    if "[[" in body:
        raise FormatError(f"{where}: nested '[[' in artifact [[{body}]]")
    if "=>" not in body:
        raise FormatError(f"{where}: artifact [[{body}]] has no '=>'")
    wrong, rest = body.split("=>", 1)
    if "#" not in rest:
        raise FormatError(f"{where}: artifact [[{body}]] has no '#family'")
    rest, family = rest.rsplit("#", 1)
    if not _FAMILY.fullmatch(family):
        raise FormatError(f"{where}: artifact [[{body}]]: bad family {family!r}")
    alternatives = rest.split("|")
    needs_human = alternatives[0] == FLAG
    if needs_human:
        alternatives = alternatives[1:]
    wrong = _plain(wrong)
    alternatives = [_plain(a) for a in alternatives]
    if not needs_human and alternatives == [wrong]:
        raise FormatError(f"{where}: artifact [[{body}]] only allows itself (use '?' to flag it)")
    return Artifact(
        start=start,
        end=start + len(wrong),
        wrong=wrong,
        alternatives=tuple(dict.fromkeys(alternatives)),
        family=family,
        needs_human=needs_human,
        line=line,
    )


def parse_case_text(annotated: str, case_id: str = "case", source: str = "<string>", line: int = 0) -> Case:
    """One case's annotated text (``¶`` already allowed) → original text + artifact spans."""
    where = f"{source}:{line}"
    parts: list[str] = []
    artifacts: list[Artifact] = []
    pos = 0
    length = 0
    for m in _ARTIFACT.finditer(annotated):
        plain = annotated[pos : m.start()]
        if "[[" in plain or "]]" in plain:
            raise FormatError(f"{where}: unbalanced brackets near {plain[-40:]!r}")
        plain = _plain(plain)
        parts.append(plain)
        length += len(plain)
        artifact = _parse_artifact(m.group(1), where, line, length)
        parts.append(artifact.wrong)
        length += len(artifact.wrong)
        artifacts.append(artifact)
        pos = m.end()
    tail = annotated[pos:]
    if "[[" in tail or "]]" in tail:
        raise FormatError(f"{where}: unbalanced brackets near {tail[:40]!r}")
    parts.append(_plain(tail))
    return Case(id=case_id, text="".join(parts), artifacts=artifacts, source=source, line=line)


def parse(text: str, source: str = "<string>") -> list[Case]:
    """A whole annotated file → cases, in file order. Raises FormatError."""
    cases: list[Case] = []
    current: tuple[str, int] | None = None
    lines: list[str] = []
    first_line = 0
    seen: set[str] = set()

    def flush() -> None:
        if current is None:
            return
        case_id, line = current
        if not lines:
            raise FormatError(f"{source}:{line}: case {case_id!r} has no text")
        cases.append(parse_case_text(PARAGRAPH.join(lines), case_id, source, first_line))

    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.rstrip("\r\n")
        if stripped.startswith("==="):
            flush()
            case_id = stripped[3:].strip()
            if not case_id:
                raise FormatError(f"{source}:{number}: '===' without a case id")
            if case_id in seen:
                raise FormatError(f"{source}:{number}: duplicate case id {case_id!r}")
            seen.add(case_id)
            current, lines = (case_id, number), []
        elif stripped.startswith("#") or not stripped.strip():
            continue
        elif current is None:
            raise FormatError(f"{source}:{number}: text before the first '=== id' line")
        else:
            if not lines:
                first_line = number
            lines.append(stripped)
    flush()
    return cases


def parse_file(path: str | Path) -> list[Case]:
    path = Path(path)
    return parse(path.read_text(encoding="utf-8-sig"), str(path))


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders → their ``*.txt`` files (recursively, sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*.txt") if f.is_file()))
        elif p.is_file():
            out.append(p)
        else:
            raise FileNotFoundError(f"{p}: no such file or folder")
    return out


# --------------------------------------------------------------------------- scoring


class FindingLike(Protocol):
    rule: str
    category: str
    start: int
    end: int
    replacements: list[str]
    applied: bool
    message: str


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Spans that share a character; a zero-width span also overlaps one it touches."""
    if a0 == a1 or b0 == b1:
        return a0 <= b1 and b0 <= a1
    return a0 < b1 and b0 < a1


def apply_findings(text: str, findings: Iterable[FindingLike], offset: int = 0) -> str:
    """``text`` (which starts at ``offset`` in the original) with applied findings' first replacement."""
    out, pos = [], 0
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        start, end = f.start - offset, f.end - offset
        if start < pos:
            raise ValueError(f"applied findings overlap at offset {f.start} ({f.rule})")
        out.append(text[pos:start])
        out.append(f.replacements[0] if f.replacements else text[start:end])
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _match(region: str, cleaned: str, artifacts: Sequence[Artifact], offset: int) -> list[str] | None:
    """The choice per artifact that turns ``region`` into ``cleaned`` fixing the most; None if none."""
    bounds = [(a.start - offset, a.end - offset) for a in artifacts]

    @cache
    def best(i: int, pos: int) -> tuple[int, tuple[str, ...]] | None:
        # before artifact i (or the tail) the original text must come out unchanged
        gap_start = bounds[i - 1][1] if i else 0
        gap = region[gap_start : bounds[i][0]] if i < len(artifacts) else region[gap_start:]
        if not cleaned.startswith(gap, pos):
            return None
        pos += len(gap)
        if i == len(artifacts):
            return (0, ()) if pos == len(cleaned) else None
        result = None
        for choice in artifacts[i].choices:
            if cleaned.startswith(choice, pos):
                rest = best(i + 1, pos + len(choice))
                if rest is not None:
                    candidate = (rest[0] + (choice != artifacts[i].wrong), (choice, *rest[1]))
                    if result is None or candidate[0] > result[0]:
                        result = candidate
        return result

    found = best(0, 0)
    return list(found[1]) if found else None


@dataclass
class Outcome:
    """One scored item: an artifact, or a false edit (``artifact is None``)."""

    case: Case
    status: str  # fixed, optional-fixed, missed, flagged, unflagged, unchanged, wrong, false-edit
    start: int
    end: int
    cleaned: str  # what the cleaner made of [start, end) (region of the cluster)
    artifact: Artifact | None = None
    rules: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    pointers: list[str] = field(default_factory=list)  # non-applied findings overlapping a miss

    @property
    def family(self) -> str:
        if self.artifact is not None:
            return self.artifact.family
        return self.categories[0] if self.categories else "?"

    def context(self, width: int = 40) -> str:
        text = self.case.text
        left = text[max(0, self.start - width) : self.start]
        right = text[self.end : self.end + width]
        middle = text[self.start : self.end]
        change = f"{middle} ⇒ {self.cleaned}" if middle != self.cleaned else middle
        return _oneline(f"…{left}⟦{change}⟧{right}…")

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "case": self.case.id,
            "file": self.case.source,
            "status": self.status,
            "family": self.family,
            "start": self.start,
            "end": self.end,
            "original": self.case.text[self.start : self.end],
            "cleaned": self.cleaned,
            "context": self.context(),
        }
        if self.artifact is not None:
            data["kind"] = self.artifact.kind
            data["wrong"] = self.artifact.wrong
            data["alternatives"] = list(self.artifact.alternatives)
        if self.rules:
            data["rules"] = self.rules
        if self.pointers:
            data["pointers"] = self.pointers
        return data


def _oneline(s: str) -> str:
    return s.replace("\n", " ¶ ")


def _cluster(artifacts: Sequence[Artifact], applied: Sequence[FindingLike]) -> list[tuple[list, list]]:
    items = [(a.start, a.end, 0, a) for a in artifacts] + [(f.start, f.end, 1, f) for f in applied]
    items.sort(key=lambda t: (t[0], t[1], t[2]))
    groups: list[tuple[list, list]] = []
    hi = -1
    zero_at: set[int] = set()
    for start, end, is_finding, item in items:
        joins = groups and (start < hi or (start <= hi and (start == end or hi in zero_at)))
        if not joins:
            groups.append(([], []))
            hi, zero_at = end, set()
        hi = max(hi, end)
        if start == end:
            zero_at.add(start)
        groups[-1][is_finding].append(item)
    return groups


def score_case(case: Case, findings: Sequence[FindingLike], cleaned_text: str | None = None) -> list[Outcome]:
    """Score one case given the cleaner's findings (and, to cross-check, its cleaned text)."""
    applied = [f for f in findings if f.applied and f.replacements]
    if cleaned_text is not None:
        rebuilt = apply_findings(case.text, applied)
        if rebuilt != cleaned_text:
            raise ValueError(
                f"{case.source}:{case.line}: case {case.id}: the cleaned text differs from the original "
                "with the applied findings replaced; offsets cannot be trusted"
            )
    outcomes: list[Outcome] = []
    for arts, fixes in _cluster(case.artifacts, applied):
        lo = min([a.start for a in arts] + [f.start for f in fixes])
        hi = max([a.end for a in arts] + [f.end for f in fixes])
        region = case.text[lo:hi]
        cleaned = apply_findings(region, fixes, lo)
        rules = sorted({f.rule for f in fixes})
        categories = sorted({f.category for f in fixes})
        if not arts:
            if cleaned != region:
                outcomes.append(Outcome(case, "false-edit", lo, hi, cleaned, None, rules, categories))
            continue
        choices = _match(region, cleaned, arts, lo) if fixes else [a.wrong for a in arts]
        any_wrong = False
        for i, a in enumerate(arts):
            touched = [f for f in fixes if _overlaps(a.start, a.end, f.start, f.end)]
            own_rules = sorted({f.rule for f in touched}) or rules
            if choices is None:
                if touched:
                    any_wrong = True
                    outcomes.append(Outcome(case, "wrong", lo, hi, cleaned, a, own_rules, categories))
                else:  # in the cluster only through a neighbour: judge it as untouched
                    outcomes.append(_untouched(case, a, findings))
                continue
            changed = choices[i] != a.wrong
            if changed:
                status = "optional-fixed" if a.kind == "optional" else "fixed"
                outcomes.append(Outcome(case, status, a.start, a.end, choices[i], a, own_rules, categories))
            else:
                outcomes.append(_untouched(case, a, findings))
        if choices is None and not any_wrong:
            # only a neighbour of the artifacts was changed
            outcomes.append(Outcome(case, "false-edit", lo, hi, cleaned, None, rules, categories))
    return outcomes


def _untouched(case: Case, a: Artifact, findings: Sequence[FindingLike]) -> Outcome:
    pointing = [f for f in findings if _overlaps(a.start, a.end, f.start, f.end)]
    pointers = [
        f"{f.rule}{' → ' + repr(f.replacements[0]) if f.replacements else ''}" + (" (applied)" if f.applied else "")
        for f in pointing
    ]
    if a.kind == "flag":
        status = "flagged" if pointing else "unflagged"
    elif a.kind == "optional":
        status = "unchanged"
    else:
        status = "missed"
    return Outcome(case, status, a.start, a.end, a.wrong, a, pointers=pointers)


# --------------------------------------------------------------------------- totals


@dataclass
class Tally:
    fix: int = 0
    fixed: int = 0
    flag: int = 0
    flagged: int = 0
    optional: int = 0
    correct: int = 0
    wrong: int = 0
    false_edits: int = 0

    def add(self, o: Outcome) -> None:
        a = o.artifact
        if a is None:
            self.false_edits += 1
            return
        if a.kind == "fix":
            self.fix += 1
        elif a.kind == "flag":
            self.flag += 1
        else:
            self.optional += 1
        if o.status in ("fixed", "optional-fixed"):
            self.correct += 1
            if a.kind == "fix":
                self.fixed += 1
        if a.kind == "flag" and o.status in ("fixed", "flagged", "wrong"):
            self.flagged += 1
        if o.status == "wrong":
            self.wrong += 1

    def __iadd__(self, other: Tally) -> Tally:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def fix_recall(self) -> float:
        return self.fixed / self.fix if self.fix else 1.0

    @property
    def flag_recall(self) -> float:
        return self.flagged / self.flag if self.flag else 1.0

    @property
    def precision(self) -> float:
        edits = self.correct + self.wrong + self.false_edits
        return self.correct / edits if edits else 1.0

    @property
    def f05(self) -> float:
        p, r = self.precision, self.fix_recall
        return 1.25 * p * r / (0.25 * p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data.update(
            fix_recall=round(self.fix_recall, 4),
            flag_recall=round(self.flag_recall, 4),
            precision=round(self.precision, 4),
            f05=round(self.f05, 4),
        )
        return data


@dataclass
class Report:
    outcomes: list[Outcome]
    cases: int

    def total(self) -> Tally:
        t = Tally()
        for o in self.outcomes:
            t.add(o)
        return t

    def by_family(self) -> dict[str, Tally]:
        fam: dict[str, Tally] = defaultdict(Tally)
        for o in self.outcomes:
            fam[o.family].add(o)
        return dict(sorted(fam.items()))

    def problems(self) -> list[Outcome]:
        keep = {"missed", "unflagged", "wrong", "false-edit"}
        return [o for o in self.outcomes if o.status in keep]

    def to_json(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "overall": self.total().to_json(),
            "families": {k: v.to_json() for k, v in self.by_family().items()},
            "false_edits_by_rule": dict(Counter(r for o in self.outcomes if o.status == "false-edit" for r in o.rules)),
            "problems": [o.to_json() for o in self.problems()],
        }


def score_cases(cases: Sequence[Case], results: Sequence[Any]) -> Report:
    """``results[i]`` is the cleaner's result for ``cases[i]`` (``.text`` and ``.findings``)."""
    outcomes: list[Outcome] = []
    for case, result in zip(cases, results, strict=True):
        outcomes.extend(score_case(case, result.findings, getattr(result, "text", None)))
    return Report(outcomes, len(cases))


def run_cleaner(cases: Sequence[Case], cleaner: Any) -> list[Any]:
    return [cleaner.clean(case.text) for case in cases]


def make_cleaner(rules: Sequence[str] = (), disable: Sequence[str] = ()) -> Any:
    """The rules-only cleaner with built-in packs (LanguageTool would be an extra checker)."""
    from cleanup import Cleaner

    return Cleaner.from_config(rules=rules, disable=disable)


# --------------------------------------------------------------------------- output


def _pct(x: float, denominator: int = 1) -> str:
    return f"{x:.3f}" if denominator else "—"


def format_table(report: Report) -> str:
    head = (
        f"{'family':<14}{'fix':>5}{'fixed':>7}{'recall':>8}{'flag':>6}{'found':>7}{'recall':>8}"
        f"{'opt':>5}{'right':>7}{'wrong':>7}{'false':>7}{'prec':>8}{'F0.5':>7}"
    )
    lines = [head, "-" * len(head)]

    def row(name: str, t: Tally) -> str:
        return (
            f"{name:<14}{t.fix:>5}{t.fixed:>7}{_pct(t.fix_recall, t.fix):>8}{t.flag:>6}{t.flagged:>7}"
            f"{_pct(t.flag_recall, t.flag):>8}{t.optional:>5}{t.correct:>7}{t.wrong:>7}{t.false_edits:>7}"
            f"{_pct(t.precision, t.correct + t.wrong + t.false_edits):>8}{_pct(t.f05, t.fix):>7}"
        )

    for name, t in report.by_family().items():
        lines.append(row(name, t))
    lines.append("-" * len(head))
    lines.append(row("overall", report.total()))
    return "\n".join(lines)


def format_summary(name: str, report: Report) -> str:
    t = report.total()
    cases = f"{report.cases} case{'s' if report.cases != 1 else ''}"
    return (
        f"{name}: {cases}, {t.fix} fix + {t.flag} flag + {t.optional} optional artifacts | "
        f"precision {_pct(t.precision)}  fix recall {_pct(t.fix_recall)}  "
        f"flag recall {_pct(t.flag_recall)}  F0.5 {_pct(t.f05)}  "
        f"(right {t.correct}, wrong {t.wrong}, false edits {t.false_edits})"
    )


def format_problems(report: Report) -> str:
    labels = {
        "missed": "MISS ",
        "unflagged": "NOFLAG",
        "wrong": "WRONG",
        "false-edit": "FALSE",
    }
    lines = []
    for o in report.problems():
        where = f"{o.case.source}:{o.case.line} [{o.case.id}]"
        detail = ""
        if o.artifact is not None:
            alts = " | ".join(repr(a) for a in o.artifact.alternatives) or "—"
            detail = f" expected {'? ' if o.artifact.needs_human else ''}{alts}"
        if o.rules:
            detail += f" by {', '.join(o.rules)}"
        if o.pointers:
            detail += f" (pointed at by {'; '.join(o.pointers)})"
        lines.append(f"{labels[o.status]:<6} {o.family:<12} {where}{detail}\n         {o.context()}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score mt-cleanup on annotated German MT texts.")
    ap.add_argument("paths", nargs="+", help="annotated files or folders (*.txt)")
    ap.add_argument(
        "--languagetool",
        action="store_true",
        help="also run LanguageTool (a local server, as `cleanup clean` does); default: rules only",
    )
    ap.add_argument("--rules", action="append", default=[], help="extra rule file or folder")
    ap.add_argument("--disable", action="append", default=[], help="disable a pack or rule id")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss, wrong fix, false edit")
    ap.add_argument("--json", action="store_true", help="print a JSON report instead of tables")
    ap.add_argument("--min-precision", type=float)
    ap.add_argument("--min-fix-recall", type=float)
    ap.add_argument("--min-flag-recall", type=float)
    args = ap.parse_args(argv)

    try:
        files = collect_files(args.paths)
        parsed = [(f, parse_file(f)) for f in files]
    except (OSError, FormatError) as e:
        print(f"score: {e}", file=sys.stderr)
        return 2
    if not files:
        print("score: no annotated files found", file=sys.stderr)
        return 2

    cleaner = make_cleaner(args.rules, args.disable)
    reports: list[tuple[str, Report]] = []
    with contextlib.ExitStack() as stack:
        if args.languagetool:
            from cleanup.languagetool import open_languagetool

            run = stack.enter_context(open_languagetool(cleaner.config, names=cleaner.known_names()))
            if run.checker is None:
                print(f"score: LanguageTool did not run: {run.message()}", file=sys.stderr)
                return 2
            cleaner.extra_checkers.append(run.checker)
        try:
            for f, cases in parsed:
                reports.append((str(f), score_cases(cases, run_cleaner(cases, cleaner))))
        except ValueError as e:
            print(f"score: {e}", file=sys.stderr)
            return 2
    combined = Report([o for _, r in reports for o in r.outcomes], sum(r.cases for _, r in reports))

    if args.json:
        out = {"files": {name: r.to_json() for name, r in reports}, "total": combined.to_json()}
        if not args.verbose:
            for data in [*out["files"].values(), out["total"]]:
                data.pop("problems")
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for name, r in reports:
            print(format_summary(name, r))
            print(format_table(r))
            if args.verbose and r.problems():
                print(format_problems(r))
            print()
        if len(reports) > 1:
            print(format_summary("TOTAL", combined))

    total = combined.total()
    failed = [
        f"{label} {value:.3f} < {minimum}"
        for label, value, minimum in (
            ("precision", total.precision, args.min_precision),
            ("fix recall", total.fix_recall, args.min_fix_recall),
            ("flag recall", total.flag_recall, args.min_flag_recall),
        )
        if minimum is not None and value < minimum
    ]
    for msg in failed:
        print(f"score: below threshold: {msg}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
