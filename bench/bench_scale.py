"""How cost grows: with the glossary, with the input size, with the number of files.

    .venv/bin/python bench/bench_scale.py glossary            # entity packs of 100, 10,000, 100,000 entries
    .venv/bin/python bench/bench_scale.py memory --mb 200     # peak memory of `cleanup clean`
    .venv/bin/python bench/bench_scale.py batch --files 10000 # files/s with --jobs 1 and 2

glossary: one generated entity pack (invented company names, each with two wrong spellings)
of each size, loaded (load time measured) and run alone over the same German text; the
ratio of the cleaning times is the scaling. memory: a German text of the given size, cleaned
by the CLI in a child process (`--no-languagetool`; in chunks unless `--whole`), peak RSS
from the kernel, and MB/s in wall time; `--tiny-rules` measures the pipeline alone (reading,
engine, reports, writing) with one rule.
batch: small files (one corpus paragraph each) in one folder, `cleanup clean DIR -o OUT`,
with --jobs 1 and 2, medians of --repeat runs: files/s and CPU time per file.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from textgen import german_text

from cleanup.engine import clean_text
from cleanup.loader import load_pack

CLEANUP = Path(sys.executable).parent / "cleanup"
TINY_RULES = """\
pack: tiny
rules:
  - {id: HY, type: replace, category: hyphen, safety: safe, pattern: '(?<=\\p{Lu}\\w*) (?=-\\p{Lu})',
     replacement: '', message: m, examples: [{bad: 'KI -Chip', good: 'KI-Chip'}]}
"""


def glossary_pack(entries: int, seed: int = 0) -> str:
    """An entity pack of `entries` invented names, plus the real ones the text contains."""
    rng = random.Random(seed)
    rows = [{"name": "OpenAI", "wrong": ["Openai", "OpenAs"]}, {"name": "NVIDIA", "wrong": ["Nvidea"]}]
    seen = {"OpenAI", "NVIDIA"}
    while len(rows) < entries:
        name = rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 10)))
        if name in seen:
            continue
        seen.add(name)
        rows.append({"name": name, "wrong": [name.lower(), name[:-1] + name[-1].upper()]})
    pack = {
        "pack": f"glossary-{entries}",
        "rules": [
            {
                "id": "GLOSSARY",
                "type": "entity",
                "category": "entity",
                "safety": "safe",
                "message": "{match} → {replacement}",
                "entries": rows,
                "examples": [{"bad": "Openai baut Chips.", "good": "OpenAI baut Chips."}],
            }
        ],
    }
    return yaml.safe_dump(pack, allow_unicode=True, sort_keys=False)


def bench_glossary(megabytes: float) -> None:
    text = german_text(megabytes)
    print(f"text: {len(text.encode()) / 1e6:.1f} MB")
    base = None
    with tempfile.TemporaryDirectory() as folder:
        for entries in (100, 10_000, 100_000):
            path = Path(folder) / f"glossary-{entries}.yaml"
            path.write_text(glossary_pack(entries), encoding="utf-8")
            start = time.perf_counter()
            checks = load_pack(path).rules
            loaded = time.perf_counter() - start
            clean_text("Openai", checks)  # anything built on first use is built now
            start = time.perf_counter()
            result = clean_text(text, checks)
            seconds = time.perf_counter() - start
            base = base or seconds
            print(
                f"{entries:>7} entries: file {path.stat().st_size / 1e6:5.1f} MB, load {loaded:6.2f} s, "
                f"clean {seconds:6.2f} s ({len(result.applied)} fixes), ratio to 100 entries {seconds / base:.2f}",
                flush=True,
            )


# Runs a command and prints its peak RSS in KB. The command is started from this small
# process, not from the benchmark: a child forked from a process that holds the generated
# text reports that process's memory as its own peak (ru_maxrss counts the pages of the fork).
PEAK_RSS = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(done.returncode)"
)


def bench_memory(megabytes: float, tiny: bool, whole: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "big.txt"
        source.write_text(german_text(megabytes), encoding="utf-8")
        size = source.stat().st_size
        args = [str(CLEANUP), "clean", str(source), "-o", str(Path(folder) / "out"), "--no-languagetool"]
        if whole:
            args += ["--max-size", f"{size * 2}", "--chunk-size", f"{size * 2}"]
        if tiny:
            rules = Path(folder) / "tiny.yaml"
            rules.write_text(TINY_RULES, encoding="utf-8")
            args += ["--no-builtin", "--rules", str(rules)]
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", PEAK_RSS, *args], capture_output=True)
        seconds = time.perf_counter() - start
        *errors, last = done.stderr.decode().splitlines() or [""]
        if done.returncode != 0:
            sys.exit("\n".join(errors))
        peak = int(last) * 1024
        budget = 3 * size + 300e6
        print(
            f"input {size / 1e6:.0f} MB ({'one rule' if tiny else 'built-in rules'}, "
            f"{'whole' if whole else 'chunked'}): {seconds:.1f} s = {size / 1e6 / seconds:.2f} MB/s, "
            f"peak RSS {peak / 1e6:.0f} MB = {peak / size:.2f}× input; target 3× + 300 MB = {budget / 1e6:.0f} MB"
        )


def bench_batch(files: int, repeat: int) -> None:
    """Wall time is what a user waits for, but on a shared machine it swings with the disk
    (three synced outputs per file) and the other load; CPU time per file is the steadier
    measure of the per-file overhead. Runs alternate between 1 and 2 jobs; medians."""
    paragraphs = [p for p in german_text(max(files * 600 / 1e6, 0.1)).splitlines() if len(p) > 80]
    with tempfile.TemporaryDirectory() as folder:
        tree = Path(folder) / "in"
        tree.mkdir()
        for number in range(files):
            (tree / f"{number:05}.txt").write_text(paragraphs[number % len(paragraphs)] + "\n", encoding="utf-8")
        runs: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
        for _ in range(repeat):
            for jobs in runs:
                out = Path(folder) / f"out-{jobs}"
                shutil.rmtree(out, ignore_errors=True)
                args = [str(CLEANUP), "clean", str(tree), "-o", str(out), "--no-languagetool", "--jobs", str(jobs)]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                done = subprocess.run(args, capture_output=True, text=True)
                seconds = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                if done.returncode != 0:
                    sys.exit(done.stderr)
                cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                runs[jobs].append((seconds, cpu))
        for jobs, measured in runs.items():
            seconds = statistics.median(s for s, _ in measured)
            cpu = statistics.median(c for _, c in measured)
            each = ", ".join(f"{files / s:.0f}" for s, _ in measured)
            print(
                f"{files} files, --jobs {jobs}: {seconds:.1f} s, {files / seconds:.1f} files/s (runs: {each}); "
                f"CPU {cpu / files * 1000:.2f} ms per file",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["glossary", "memory", "batch"])
    parser.add_argument("--mb", type=float, help="text size (glossary: 5, memory: 200)")
    parser.add_argument("--tiny-rules", action="store_true", help="memory: one rule instead of the built-in packs")
    parser.add_argument("--whole", action="store_true", help="memory: clean the text whole, not in chunks")
    parser.add_argument("--files", type=int, default=10_000, help="batch: number of files (default 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="batch: runs of each --jobs setting (default 3)")
    args = parser.parse_args()
    if args.what == "glossary":
        bench_glossary(args.mb or 5)
    elif args.what == "memory":
        bench_memory(args.mb or 200, args.tiny_rules, args.whole)
    else:
        bench_batch(args.files, args.repeat)


if __name__ == "__main__":
    main()
