"""Many inputs at once: folders walked recursively with glob filters, a progress bar, and
worker processes.

One bad file does not stop a batch: its error is printed and the run goes on (the exit
status still says something failed). Workers are forked, so they share the loaded rules
and whatever the command set up; they ignore Ctrl-C and the parent ends them with SIGTERM,
which unwinds like an exception, so a file being written is either complete or not there.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from tqdm import tqdm

from cleanup.loader import RuleFileError
from cleanup.textio import CleanupError, InputError

OUTPUT_ENDINGS = (".report.json", ".diff.html")


@dataclass(frozen=True)
class Job:
    source: Path
    outdir: Path | None  # folder for this file's outputs; None: next to the source


Work = Callable[[Path, Path | None], None]


def is_output(name: str) -> bool:
    """A file that `cleanup clean` wrote (NAME.clean.EXT, NAME.report.json, NAME.diff.html)."""
    return ".clean." in name or name.endswith(OUTPUT_ENDINGS)


def expand(inputs: Iterable[Path], outdir: Path | None, include: Iterable[str], exclude: Iterable[str]) -> list[Job]:
    """Files stay as given; a folder becomes the matching files below it, in a stable order,
    each with its outputs in the same relative place under `outdir`."""
    include, exclude = list(include), list(exclude)
    jobs: list[Job] = []
    for target in inputs:
        if not target.is_dir():
            jobs.append(Job(target, outdir))
            continue
        found = [
            path
            for path in _walk(target)
            if not is_output(path.name)
            and _matches(path, target, include)
            and not (exclude and _matches(path, target, exclude))
        ]
        if not found:
            raise InputError(f"{target}: no files in this folder match {' '.join(include)}")
        for path in found:
            relative = path.parent.relative_to(target)
            jobs.append(Job(path, None if outdir is None else outdir / relative))
    return jobs


def _walk(folder: Path) -> Iterator[Path]:
    """Files below `folder`, hidden files and folders skipped, sorted for a stable order."""
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _matches(path: Path, base: Path, patterns: list[str]) -> bool:
    """A glob matches the file name or its path relative to the folder given."""
    relative = path.relative_to(base).as_posix()
    return any(fnmatch(path.name, p) or fnmatch(relative, p) for p in patterns)


def run(jobs: list[Job], work: Work, workers: int = 1) -> int:
    """Run `work` on every job, printing what each prints in job order; returns how many failed."""
    failed = 0
    with tqdm(total=len(jobs), unit="file", file=sys.stderr, disable=None, leave=False) as bar:
        for output, error in _results(jobs, work, workers):
            if output:
                bar.write(output.rstrip("\n"), file=sys.stdout)
            if error is not None:
                failed += 1
                for line in error.splitlines():
                    bar.write(f"cleanup: error: {line}", file=sys.stderr)
            bar.update()
    return failed


_work: Work | None = None  # set before forking; workers inherit it
_jobs: list[Job] = []


def _results(jobs: list[Job], work: Work, workers: int) -> Iterator[tuple[str, str | None]]:
    global _work, _jobs
    _work, _jobs = work, jobs
    if workers <= 1 or len(jobs) <= 1:
        yield from map(_one, range(len(jobs)))
        return
    pool = multiprocessing.get_context("fork").Pool(min(workers, len(jobs)), initializer=_init_worker)
    try:
        yield from pool.imap(_one, range(len(jobs)), chunksize=max(1, min(32, len(jobs) // (workers * 8))))
        pool.close()
    except BaseException:
        pool.terminate()  # SIGTERM: each worker unwinds and removes its temporary files
        raise
    finally:
        pool.join()


def _one(index: int) -> tuple[str, str | None]:
    """Clean one file, capturing what it prints; a user error is returned, not raised."""
    assert _work is not None
    job = _jobs[index]
    captured = io.StringIO()
    try:
        with contextlib.redirect_stdout(captured):
            _work(job.source, job.outdir)
    except (CleanupError, RuleFileError) as exc:
        return captured.getvalue(), str(exc) or type(exc).__name__
    return captured.getvalue(), None


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    signal.signal(signal.SIGTERM, _stop)


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(1)
