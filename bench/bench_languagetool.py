"""LanguageTool throughput: raw server vs. the integration, and the cached re-run.

    .venv/bin/python bench/bench_languagetool.py [FILE ...] [--rounds 5] [--warmup 3]

Starts one local server (LanguageTool's own sentence cache off, so every round does the
same work), warms it up, then measures in alternating rounds (machine load hits all rows
alike) and prints medians:

  raw LT, whole text         one POST /v2/check with the whole text (same rule options)
  raw LT, per paragraph      one POST per paragraph, one after the other
  LT checker                 cleanup's checker: paragraphs, 2 at a time, offsets, findings,
                             writes the persistent cache (empty at the start of each round)
  cleanup clean + LT         Cleaner with the rule packs and the checker (empty cache)
  cleanup clean, rules only  the same Cleaner without LanguageTool, for reference
  re-run, cached             Cleaner + checker over the unchanged text, new cache object on
                             the same file as a new run would have; no request is sent

Overhead = LT checker vs. raw LT (whole text); the target is at most +20 %.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cleanup.cleaner import Cleaner  # noqa: E402
from cleanup.languagetool.cache import ResultCache  # noqa: E402
from cleanup.languagetool.checker import LanguageToolChecker, NameFilter, paragraphs  # noqa: E402
from cleanup.languagetool.client import HttpClient  # noqa: E402
from cleanup.languagetool.options import LanguageToolOptions  # noqa: E402
from cleanup.languagetool.provision import require_installed  # noqa: E402
from cleanup.languagetool.server import LocalServer  # noqa: E402


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=[REPO / "seeds" / "openai-broadcom.txt"])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()

    text = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in args.files)
    chars = len(text)
    cleaner = Cleaner.from_config()
    names = cleaner.known_names()
    options = LanguageToolOptions()
    params = options.request_params()
    spans = paragraphs(text)
    print(f"text: {chars} characters, {len(spans)} paragraphs; LanguageTool options: {params}")

    started = time.perf_counter()
    with (
        LocalServer(require_installed(), spellings=names, properties={"cacheSize": "0"}) as server,
        tempfile.TemporaryDirectory() as tmp,
    ):
        client = HttpClient(server.url, timeout=600)
        client.check("Dies ist ein Tesst.", params)
        print(f"cold start (server + first pipeline): {time.perf_counter() - started:.1f} s")

        def checker(cache_file: Path) -> LanguageToolChecker:
            return LanguageToolChecker(
                client=lambda: client,
                options=options,
                fingerprint="bench",
                cache=ResultCache(cache_file),
                names=NameFilter(names),
            )

        def raw_whole() -> None:
            client.check(text, params)

        def raw_paragraphs() -> None:
            for s, e in spans:
                client.check(text[s:e], params)

        round_no = 0

        def fresh_cache() -> Path:
            return Path(tmp) / f"cache-{round_no}-{time.perf_counter_ns()}.sqlite3"

        def lt_checker() -> None:
            checker(fresh_cache())(text)

        with_lt = Cleaner(cleaner.packs, cleaner.config)  # rule files are read once, at the start

        def clean_with_lt() -> None:
            with_lt.extra_checkers = [checker(fresh_cache())]
            with_lt.clean(text)

        def clean_rules_only() -> None:
            cleaner.clean(text)

        def no_server() -> HttpClient:
            raise AssertionError("the cached re-run asked the server")

        shared = Path(tmp) / "shared.sqlite3"
        checker(shared)(text)

        def rerun_cached() -> None:
            cached = checker(shared)
            cached.client = no_server
            with_lt.extra_checkers = [cached]
            with_lt.clean(text)
            assert cached.last.checked == 0

        rows: dict[str, Callable[[], None]] = {
            "raw LT, whole text": raw_whole,
            "raw LT, per paragraph": raw_paragraphs,
            "LT checker (2 workers)": lt_checker,
            "cleanup clean + LT": clean_with_lt,
            "cleanup clean, rules only": clean_rules_only,
            "re-run, cached": rerun_cached,
        }
        for _ in range(args.warmup):
            for fn in rows.values():
                fn()
        times: dict[str, list[float]] = {name: [] for name in rows}
        for round_no in range(args.rounds):  # noqa: B007 - read by fresh_cache
            for name, fn in rows.items():
                times[name].append(timed(fn))

    raw = statistics.median(times["raw LT, whole text"])
    print(f"\n{'':28}{'median s':>10}{'chars/s':>10}{'vs raw':>9}   (rounds: {args.rounds}, min–max s)")
    for name, values in times.items():
        median = statistics.median(values)
        ratio = f"{(median / raw - 1) * 100:+.0f} %"
        spread = f"{min(values):.2f}–{max(values):.2f}"
        print(f"{name:28}{median:10.3f}{chars / median:10.0f}{ratio:>9}   {spread}")
    overhead = statistics.median(times["LT checker (2 workers)"]) / raw - 1
    print(f"\nintegration overhead (LT checker vs raw LT, whole text): {overhead * 100:+.1f} % (target ≤ +20 %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
