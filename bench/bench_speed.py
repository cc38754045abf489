"""Rules-only throughput next to the tools people already use for text normalisation.

    .venv/bin/pip install -q -e '.[bench]'       # sacremoses
    .venv/bin/python bench/bench_speed.py          # 50 MB, as the issue asks
    .venv/bin/python bench/bench_speed.py --mb 2 --per-rule --repeat 3

All three run on the same text in this one process, one core each: mt-cleanup's built-in
packs through `Cleaner.clean` (no LanguageTool; every pass of the fixpoint included),
sacremoses' MosesPunctNormalizer(lang='de').normalize and ftfy.fix_text; with `--repeat N`
each tool runs N times, interleaved, and the median counts. MB/s is per core: megabytes
over the CPU time of this process, which a shared machine does not inflate; wall-clock
seconds are printed beside it.
`--per-rule` adds each rule's own time for one pass, slowest first: what a pass is made of.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import time
from collections.abc import Callable

from textgen import ROOT, german_text, source_description

from cleanup import Cleaner
from cleanup.checks import RuleTimeout
from cleanup.document import Document


def timed(tools: dict[str, Callable[[], object]], megabytes: float, repeat: int) -> list[dict[str, float | str]]:
    """Each tool `repeat` times, round by round; one row per tool with the median time."""
    cpu: dict[str, list[float]] = {label: [] for label in tools}
    wall: dict[str, list[float]] = {label: [] for label in tools}
    for _ in range(repeat):
        for label, work in tools.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            work()
            cpu[label].append(time.process_time() - start_cpu)
            wall[label].append(time.perf_counter() - start)
    rows: list[dict[str, float | str]] = []
    for label in tools:
        seconds, wall_seconds = statistics.median(cpu[label]), statistics.median(wall[label])
        speed = megabytes / seconds
        rows.append(
            {
                "tool": label,
                "cpu_seconds": round(seconds, 2),
                "wall_seconds": round(wall_seconds, 2),
                "mb_per_s": round(speed, 3),
            }
        )
        print(
            f"{label:<44} {seconds:8.2f} s CPU {speed:8.3f} MB/s  ({wall_seconds:.2f} s wall; median of {repeat})",
            flush=True,
        )
    return rows


def per_rule(cleaner: Cleaner, text: str) -> list[tuple[float, str]]:
    doc = Document(text)
    rows = []
    for check in cleaner.checks:
        start = time.process_time()
        with contextlib.suppress(RuleTimeout):
            sum(1 for _ in check.find(doc))
        rows.append((time.process_time() - start, check.meta.id))
    return sorted(rows, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=50.0, help="size of the German text (default 50)")
    parser.add_argument("--per-rule", action="store_true", help="also time every rule alone for one pass")
    parser.add_argument("--repeat", type=int, default=1, help="runs per tool; the median counts (default 1)")
    args = parser.parse_args()

    from ftfy import fix_text
    from sacremoses import MosesPunctNormalizer

    text = german_text(args.mb)
    megabytes = len(text.encode("utf-8")) / 1e6
    cleaner = Cleaner.from_config()
    print(f"text: {megabytes:.1f} MB, {source_description()}; {len(cleaner.checks)} rules", flush=True)
    moses = MosesPunctNormalizer(lang="de")
    cleaner.clean(text[:20_000])  # word lists and caches that are loaded on first use
    tools: dict[str, Callable[[], object]] = {
        "mt-cleanup (built-in rules, no LanguageTool)": lambda: cleaner.clean(text),
        "sacremoses MosesPunctNormalizer(lang='de')": lambda: moses.normalize(text),
        "ftfy.fix_text": lambda: fix_text(text),
    }
    rows = timed(tools, megabytes, max(args.repeat, 1))
    result: dict[str, object] = {"megabytes": megabytes, "source": source_description(), "rows": rows}
    if args.per_rule:
        slowest = per_rule(cleaner, text)
        total = sum(seconds for seconds, _ in slowest)
        print(f"one pass, rule by rule: {total:.2f} s ({megabytes / total:.3f} MB/s); slowest:")
        for seconds, rule in slowest[:15]:
            print(f"  {seconds:8.2f} s  {rule}")
        result["per_rule"] = [{"rule": rule, "seconds": round(seconds, 3)} for seconds, rule in slowest]
    out = ROOT / "bench" / "results" / "speed.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
