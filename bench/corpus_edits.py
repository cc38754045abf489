"""Count every edit mt-cleanup makes on correct German (the corpus of bench/corpus/).

The corpus is German written and reviewed by people (man pages, gettext catalogs, manuals;
see bench/corpus/build_corpus.py), so every change a *safe* rule applies there is a false
edit. This script runs the cleaner (rule packs only, no LanguageTool) paragraph by paragraph,
counts each finding per rule as

- **edit**: a fix the cleaner applied (safe rules; a fix folded into a later pass's fix is
  counted for its own rule too),
- **suggestion**: a fix offered but not applied (suggest rules),
- **flag**: a finding without replacement,

reports edits per million words, keeps a deterministic sample of each (``--samples`` per rule
and kind, ±60 characters of context, corpus file, line and the package file it came from), writes
``bench/results/corpus_edits.json`` and prints a markdown table.

The corpus is correct German by provenance, not by proofreading: people's texts have typos
("wird wird", "Beispiel ,"), and a safe rule that fixes one is right. Each edit is reviewed and
recorded in bench/corpus/reviewed_edits.tsv (``--write-review`` writes the template): edits
recorded there as ``corpus-error`` are not gated; everything else (false edits and edits nobody
has looked at yet) is. The exit status is 1 when any rule has more than
``--max-safe-per-million`` such edits per million words (default 1), 2 for usage errors;
``--report-only`` always exits 0, ``--no-reviewed`` gates on every edit.

    .venv/bin/python bench/corpus/build_corpus.py          # once (or --quick)
    .venv/bin/python bench/corpus_edits.py                 # all built sources, 2 workers
    .venv/bin/python bench/corpus_edits.py --sources manpages --samples 50 --report-only
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import multiprocessing
import re
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO / "bench" / "data" / "corpus"
DEFAULT_OUT = REPO / "bench" / "results" / "corpus_edits.json"
DEFAULT_REVIEWED = REPO / "bench" / "corpus" / "reviewed_edits.tsv"
CONTEXT = 60
KINDS = ("edit", "suggestion", "flag")
_LETTER = re.compile(r"[^\W\d_]")


def count_words(text: str) -> int:
    """Whitespace-separated tokens with at least one letter (as in build_corpus.py)."""
    return sum(1 for tok in text.split() if _LETTER.search(tok))


# ---------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Paragraph:
    source: str  # corpus file, e.g. "manpages.txt"
    line: int  # 1-based line in that file
    text: str
    origin: str = ""  # file in the Debian package it came from


def _origins(path: Path) -> tuple[list[int], list[str]]:
    starts: list[int] = []
    names: list[str] = []
    if path.exists():
        for row in path.read_text("utf-8").splitlines():
            first, _, name = row.partition("\t")
            starts.append(int(first))
            names.append(name)
    return starts, names


def corpus_files(corpus: Path, sources: Sequence[str] | None = None) -> list[Path]:
    """Corpus text files in manifest order (else sorted), optionally only some sources."""
    manifest = corpus / "manifest.json"
    if manifest.exists():
        entries = json.loads(manifest.read_text("utf-8")).get("sources", {})
        files = [corpus / e["file"] for e in entries.values() if (corpus / e["file"]).exists()]
    else:
        files = sorted(p for p in corpus.glob("*.txt"))
    if sources:
        wanted = {s.removesuffix(".txt") for s in sources}
        unknown = wanted - {f.stem for f in files}
        if unknown:
            raise SystemExit(f"no corpus file for source(s): {', '.join(sorted(unknown))} in {corpus}")
        files = [f for f in files if f.stem in wanted]
    return files


def iter_corpus(files: Iterable[Path], max_words: int | None = None) -> Iterator[Paragraph]:
    """Paragraphs of the given files (one per line); stops after about `max_words` per file."""
    for path in files:
        starts, names = _origins(path.with_name(path.stem + ".origins.tsv"))
        words = 0
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                text = line.rstrip("\n")
                if not text:
                    continue
                i = bisect.bisect_right(starts, number) - 1
                yield Paragraph(path.name, number, text, names[i] if i >= 0 else "")
                words += count_words(text)
                if max_words is not None and words >= max_words:
                    break


# ---------------------------------------------------------------- counting


@dataclass
class RuleCount:
    rule: str
    safety: str = ""
    category: str = ""
    edit: int = 0
    suggestion: int = 0
    flag: int = 0
    known: int = 0  # edits reviewed as fixing a real error of the corpus (not gated)
    # kind -> [(sort key, sample)], the `limit` smallest keys: a spread, deterministic sample
    samples: dict[str, list[tuple[str, dict]]] = field(default_factory=dict)


def edit_key(rule_id: str, text: str, start: int) -> str:
    """Names one edit independently of file and line: rule, paragraph hash, offset."""
    return f"{rule_id}:{hashlib.blake2b(text.encode('utf-8'), digest_size=8).hexdigest()}:{start}"


def load_reviewed(path: Path | None) -> dict[str, str]:
    """`verdict<TAB>key<TAB>note` lines; verdict `corpus-error` (the edit fixes a real error of
    the corpus, so it does not count against the rule) or `false` (a false edit, kept on record)."""
    reviewed: dict[str, str] = {}
    if path is None or not path.exists():
        return reviewed
    for number, row in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not row.strip() or row.startswith("#"):
            continue
        verdict, key, *_ = row.split("\t")
        if verdict not in ("corpus-error", "false"):
            raise SystemExit(f"{path}:{number}: verdict must be corpus-error or false, not {verdict!r}")
        reviewed[key] = verdict
    return reviewed


@dataclass
class Tally:
    limit: int = 10
    reviewed: dict[str, str] = field(default_factory=dict)
    paragraphs: int = 0
    words: int = 0
    words_by_source: dict[str, int] = field(default_factory=dict)
    paragraphs_by_source: dict[str, int] = field(default_factory=dict)
    rules: dict[str, RuleCount] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)

    def rule(self, rule_id: str) -> RuleCount:
        if rule_id not in self.rules:
            self.rules[rule_id] = RuleCount(rule_id)
        return self.rules[rule_id]

    def _sample(self, count: RuleCount, kind: str, key: str, sample: dict) -> None:
        bucket = count.samples.setdefault(kind, [])
        if len(bucket) < self.limit or key < bucket[-1][0]:
            bisect.insort(bucket, (key, sample), key=lambda item: item[0])
            del bucket[self.limit :]

    def add(self, para: Paragraph, findings: Iterable, warnings: Iterable[str] = ()) -> None:
        self.paragraphs += 1
        words = count_words(para.text)
        self.words += words
        self.words_by_source[para.source] = self.words_by_source.get(para.source, 0) + words
        self.paragraphs_by_source[para.source] = self.paragraphs_by_source.get(para.source, 0) + 1
        for warning in warnings:
            self.warnings[warning] = self.warnings.get(warning, 0) + 1
        for f in findings:
            kind = "edit" if f.applied else ("suggestion" if f.replacements else "flag")
            rules = [f.rule, *f.merged] if f.applied else [f.rule]
            for rule_id in rules:
                count = self.rule(rule_id)
                count.category = count.category or f.category
                count.safety = count.safety or f.safety
                setattr(count, kind, getattr(count, kind) + 1)
                ekey = edit_key(rule_id, para.text, f.start)
                verdict = self.reviewed.get(ekey) if kind == "edit" else None
                count.known += verdict == "corpus-error"
                key = hashlib.blake2b(
                    f"{rule_id}|{para.source}|{para.line}|{f.start}".encode(), digest_size=8
                ).hexdigest()
                bucket = count.samples.get(kind, [])
                if len(bucket) >= self.limit and key >= bucket[-1][0]:
                    continue
                self._sample(
                    count,
                    kind,
                    key,
                    {
                        "source": para.source,
                        "line": para.line,
                        "origin": para.origin,
                        "start": f.start,
                        "end": f.end,
                        "original": f.original,
                        "replacements": list(f.replacements),
                        "before": para.text[max(0, f.start - CONTEXT) : f.start],
                        "after": para.text[f.end : f.end + CONTEXT],
                        "message": f.message,
                        "key": ekey,
                        **({"verdict": verdict} if verdict else {}),
                        **({"merged_into": f.rule} if rule_id != f.rule else {}),
                        **({"merged": list(f.merged)} if f.merged and rule_id == f.rule else {}),
                    },
                )

    def merge(self, other: Tally) -> None:
        self.paragraphs += other.paragraphs
        self.words += other.words
        for mine, theirs in (
            (self.words_by_source, other.words_by_source),
            (self.paragraphs_by_source, other.paragraphs_by_source),
            (self.warnings, other.warnings),
        ):
            for k, v in theirs.items():
                mine[k] = mine.get(k, 0) + v
        for rule_id, theirs in other.rules.items():
            count = self.rule(rule_id)
            count.safety = count.safety or theirs.safety
            count.category = count.category or theirs.category
            for kind in (*KINDS, "known"):
                setattr(count, kind, getattr(count, kind) + getattr(theirs, kind))
            for kind, items in theirs.samples.items():
                for key, sample in items:
                    self._sample(count, kind, key, sample)


def count_paragraphs(
    cleaner, paragraphs: Iterable[Paragraph], limit: int = 10, reviewed: dict[str, str] | None = None
) -> Tally:
    """Clean each paragraph on its own and tally the findings."""
    tally = Tally(limit=limit, reviewed=reviewed or {})
    for para in paragraphs:
        result = cleaner.clean(para.text)
        tally.add(para, result.findings, result.warnings)
    return tally


# ---------------------------------------------------------------- workers

_WORKER: dict = {}


def make_cleaner(rules: Sequence[str] = (), disable: Sequence[str] = (), builtin: bool = True):
    from cleanup import Cleaner

    return Cleaner.from_config(rules=list(rules), disable=list(disable), builtin=builtin)


def _init_worker(
    rules: Sequence[str], disable: Sequence[str], builtin: bool, limit: int, reviewed: dict[str, str]
) -> None:
    # only for "spawn": a forked worker inherits the parent's cleaner, so all count with the same
    # rules even when rule files change meanwhile. An error is raised from _work, not here: a
    # Pool replaces a worker whose initializer fails, forever.
    _WORKER.update(limit=limit, reviewed=reviewed)
    try:
        _WORKER["cleaner"] = make_cleaner(rules, disable, builtin)
    except Exception as exc:
        _WORKER["error"] = exc


def _work(chunk: list[Paragraph]) -> Tally:
    if "error" in _WORKER:
        raise RuntimeError(f"worker could not load the rules: {_WORKER['error']}")
    return count_paragraphs(_WORKER["cleaner"], chunk, _WORKER["limit"], _WORKER["reviewed"])


def _chunks(items: Iterable[Paragraph], size: int) -> Iterator[list[Paragraph]]:
    chunk: list[Paragraph] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def rule_table(cleaner) -> dict[str, dict]:
    """Every enabled rule with its safety, so that rules with no finding are listed too."""
    return {
        c.meta.id: {"safety": c.meta.safety, "category": c.meta.category, "type": c.meta.type} for c in cleaner.checks
    }


def run(
    files: Sequence[Path],
    *,
    rules: Sequence[str] = (),
    disable: Sequence[str] = (),
    builtin: bool = True,
    workers: int = 2,
    limit: int = 10,
    max_words: int | None = None,
    chunk_size: int = 400,
    progress: bool = False,
    start_method: str | None = None,
    reviewed: dict[str, str] | None = None,
) -> tuple[Tally, dict[str, dict]]:
    cleaner = make_cleaner(rules, disable, builtin)
    enabled = rule_table(cleaner)
    paragraphs = iter_corpus(files, max_words)
    if workers <= 1:
        return count_paragraphs(cleaner, paragraphs, limit, reviewed), enabled
    total = Tally(limit=limit, reviewed=reviewed or {})
    method = start_method or ("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    ctx = multiprocessing.get_context(method)
    started = time.monotonic()
    if method == "fork":
        _WORKER.clear()
        _WORKER.update(cleaner=cleaner, limit=limit, reviewed=reviewed or {})
        init, initargs = None, ()
    else:
        init, initargs = _init_worker, (list(rules), list(disable), builtin, limit, reviewed or {})
    with ctx.Pool(workers, init, initargs) as pool:
        for done, part in enumerate(pool.imap_unordered(_work, _chunks(paragraphs, chunk_size)), 1):
            total.merge(part)
            if progress and done % 50 == 0:
                rate = total.words / max(time.monotonic() - started, 1e-9)
                print(f"  {total.words:,} words, {rate:,.0f} words/s", file=sys.stderr, flush=True)
    return total, enabled


# ---------------------------------------------------------------- report


def build_report(tally: Tally, enabled: dict[str, dict], max_per_million: float, meta: dict) -> dict:
    per_million = 1e6 / tally.words if tally.words else 0.0
    rules: dict[str, dict] = {}
    for rule_id in sorted(set(enabled) | set(tally.rules)):
        count = tally.rules.get(rule_id, RuleCount(rule_id))
        info = enabled.get(rule_id, {})
        rules[rule_id] = {
            "safety": info.get("safety") or count.safety,
            "category": info.get("category") or count.category,
            "edits": count.edit,
            "edits_per_million": round(count.edit * per_million, 3),
            # edits reviewed as fixing a real error of the corpus; the rest is what the gate counts
            "known_corpus_errors": count.known,
            "gated_edits": count.edit - count.known,
            "gated_per_million": round((count.edit - count.known) * per_million, 3),
            "suggestions": count.suggestion,
            "suggestions_per_million": round(count.suggestion * per_million, 3),
            "flags": count.flag,
            "flags_per_million": round(count.flag * per_million, 3),
            "samples": {kind: [s for _, s in count.samples.get(kind, [])] for kind in KINDS if count.samples.get(kind)},
        }
    failed = sorted(r for r, v in rules.items() if v["gated_edits"] and v["gated_per_million"] > max_per_million)
    return {
        **meta,
        "corpus": {
            "words": tally.words,
            "paragraphs": tally.paragraphs,
            "sources": {
                s: {"words": w, "paragraphs": tally.paragraphs_by_source.get(s, 0)}
                for s, w in tally.words_by_source.items()
            },
        },
        "totals": {
            "edits": sum(v["edits"] for v in rules.values()),
            "known_corpus_errors": sum(v["known_corpus_errors"] for v in rules.values()),
            "suggestions": sum(v["suggestions"] for v in rules.values()),
            "flags": sum(v["flags"] for v in rules.values()),
        },
        "gate": {"max_safe_per_million": max_per_million, "failed": failed, "passed": not failed},
        "warnings": tally.warnings,
        "rules": rules,
    }


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: dict, show_samples: int = 3) -> str:
    corpus = report["corpus"]
    lines = [
        f"## Edits on correct German: {corpus['words']:,} words, {corpus['paragraphs']:,} paragraphs",
        "",
        "| source | words | paragraphs |",
        "| --- | ---: | ---: |",
        *(f"| {s} | {v['words']:,} | {v['paragraphs']:,} |" for s, v in sorted(corpus["sources"].items())),
        "",
        "| rule | safety | edits | edits / M words | reviewed corpus errors | gated / M words | suggestions | flags |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for rule_id, v in report["rules"].items():
        mark = " ❌" if rule_id in report["gate"]["failed"] else ""
        lines.append(
            f"| {rule_id} | {v['safety']} | {v['edits']:,} | {v['edits_per_million']:g} | "
            f"{v['known_corpus_errors']:,} | {v['gated_per_million']:g}{mark} | "
            f"{v['suggestions']:,} | {v['flags']:,} |"
        )
    t = report["totals"]
    lines += [
        f"| **total** | | {t['edits']:,} | | {t['known_corpus_errors']:,} | | {t['suggestions']:,} | {t['flags']:,} |",
        "",
    ]
    gate = report["gate"]
    lines.append(
        f"Gate (≤ {gate['max_safe_per_million']:g} unreviewed or false edits per million words per rule): "
        + ("passed" if gate["passed"] else f"FAILED for {', '.join(gate['failed'])}")
    )
    if report["warnings"]:
        lines += ["", "Warnings:", *(f"- {w} ({n}×)" for w, n in report["warnings"].items())]
    if show_samples:
        shown = [(r, v) for r, v in report["rules"].items() if v["samples"].get("edit")]
        if shown:
            lines += ["", "### Sample edits", ""]
        for rule_id, v in shown:
            for s in v["samples"]["edit"][:show_samples]:
                repl = s["replacements"][0] if s["replacements"] else ""
                lines.append(
                    f"- `{rule_id}` {s['source']}:{s['line']} ({s['origin']}): "
                    f"…{_md(s['before'])}⟦{_md(s['original'])}→{_md(repl)}⟧{_md(s['after'])}…"
                )
    return "\n".join(lines)


def write_review(report: dict, path: Path) -> None:
    """All sampled edits as `verdict<TAB>key<TAB>where: context` (verdict from the reviewed file
    when known, else `?`), to be judged and saved as the reviewed file."""
    rows = ["# verdict: corpus-error (the edit fixes a real error) or false (a false edit)"]
    for v in report["rules"].values():
        for s in v["samples"].get("edit", []):
            repl = s["replacements"][0] if s["replacements"] else ""
            where = f"{s['source']}:{s['line']} {s['origin'].rsplit('/', 1)[-1]}"
            context = f"…{s['before'][-40:]}⟦{s['original']}→{repl}⟧{s['after'][:30]}…".replace("\t", " ")
            rows.append(f"{s.get('verdict', '?')}\t{s['key']}\t{where}: {context}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Count the cleaner's edits on the correct-German corpus.")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder (default: %(default)s)")
    ap.add_argument("--sources", nargs="+", help="only these corpus sources (e.g. manpages gettext-core)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON report (default: %(default)s)")
    ap.add_argument(
        "--max-safe-per-million",
        type=float,
        default=1.0,
        help="fail when a rule applies more edits per million words (default: %(default)s)",
    )
    ap.add_argument("--report-only", action="store_true", help="never fail the gate")
    ap.add_argument("--workers", type=int, default=2, help="processes (default: %(default)s)")
    ap.add_argument("--samples", type=int, default=10, help="samples kept per rule and kind (default: 10)")
    ap.add_argument("--show-samples", type=int, default=3, help="sample edits printed per rule")
    ap.add_argument("--max-words", type=int, help="stop each source after about this many words")
    ap.add_argument("--rules", nargs="+", default=[], help="extra rule files or folders")
    ap.add_argument("--disable", nargs="+", default=[], help="rule ids or packs to turn off")
    ap.add_argument("--no-builtin", action="store_true", help="without the built-in rule packs")
    ap.add_argument(
        "--reviewed",
        type=Path,
        default=DEFAULT_REVIEWED,
        help="reviewed edits; corpus errors there are not gated (default: %(default)s)",
    )
    ap.add_argument("--no-reviewed", action="store_true", help="gate on every edit")
    ap.add_argument(
        "--write-review", type=Path, help="write every sampled edit as a review template (verdict, key, context)"
    )
    args = ap.parse_args(argv)

    files = corpus_files(args.corpus, args.sources)
    if not files:
        print(f"no corpus in {args.corpus}; build it with bench/corpus/build_corpus.py", file=sys.stderr)
        return 2
    started = time.monotonic()
    reviewed = {} if args.no_reviewed else load_reviewed(args.reviewed)
    tally, enabled = run(
        files,
        rules=args.rules,
        disable=args.disable,
        builtin=not args.no_builtin,
        workers=args.workers,
        limit=args.samples,
        max_words=args.max_words,
        progress=True,
        reviewed=reviewed,
    )
    meta = {
        "corpus_dir": str(args.corpus),
        "files": [f.name for f in files],
        "max_words_per_source": args.max_words,
        "rule_files": args.rules,
        "disabled": args.disable,
        "builtin": not args.no_builtin,
        "seconds": round(time.monotonic() - started, 1),
        "reviewed_file": None if args.no_reviewed else str(args.reviewed),
        "reviewed_entries": len(reviewed),
    }
    report = build_report(tally, enabled, args.max_safe_per_million, meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.write_review:
        write_review(report, args.write_review)
    print(render_markdown(report, args.show_samples))
    print(f"\n{report['seconds']} s; report written to {args.out}")
    return 0 if report["gate"]["passed"] or args.report_only else 1


if __name__ == "__main__":
    sys.exit(main())
