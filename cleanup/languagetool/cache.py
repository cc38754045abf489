"""A persistent cache of LanguageTool's answers, one entry per paragraph.

The key is a hash of the paragraph's text and a fingerprint of everything that changes
LanguageTool's answer (its version, the language, the level, the rules and categories
switched on or off, the words added to its speller). The value is the list of matches with
offsets already converted to Python indices relative to the paragraph. A re-run over an
unchanged file therefore sends nothing to LanguageTool and does not even start the server.

Stored in SQLite (concurrent runs are fine) under ${XDG_CACHE_HOME:-~/.cache}/mt-cleanup/.
Entries not used for `max_age_days` are dropped when the cache is opened.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

SCHEMA = 1


def default_path() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache).expanduser() / "mt-cleanup" / "languagetool-results.sqlite3"


def key(fingerprint: str, paragraph: str) -> str:
    return hashlib.sha256(f"{SCHEMA}\0{fingerprint}\0{paragraph}".encode()).hexdigest()


class ResultCache:
    """dict-like get/put of paragraph results; memory-only when `path` is None."""

    def __init__(self, path: Path | None, max_age_days: float = 90) -> None:
        self.path = path
        self._memory: dict[str, list[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
                with self._db:
                    self._db.execute("PRAGMA journal_mode=WAL")
                    self._db.execute(
                        "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, matches TEXT NOT NULL, used REAL)"
                    )
                    self._db.execute("DELETE FROM results WHERE used < ?", (time.time() - max_age_days * 86400,))
            except sqlite3.Error:
                self._db = None  # a broken or read-only cache only costs speed

    def get_many(self, keys: list[str]) -> dict[str, list[dict[str, Any]]]:
        found = {k: self._memory[k] for k in keys if k in self._memory}
        wanted = [k for k in keys if k not in found]
        if wanted and self._db is not None:
            with self._lock, contextlib.suppress(sqlite3.Error):
                for start in range(0, len(wanted), 500):
                    chunk = wanted[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = self._db.execute(f"SELECT key, matches FROM results WHERE key IN ({marks})", chunk)
                    for k, matches in rows:
                        found[k] = self._memory[k] = json.loads(matches)
                if found:
                    with self._db:
                        self._db.executemany(
                            "UPDATE results SET used = ? WHERE key = ?", [(time.time(), k) for k in found]
                        )
        self.hits += len(found)
        self.misses += len(set(keys)) - len(found)
        return found

    def put_many(self, items: dict[str, list[dict[str, Any]]]) -> None:
        self._memory.update(items)
        if items and self._db is not None:
            now = time.time()
            rows = [(k, json.dumps(v, ensure_ascii=False), now) for k, v in items.items()]
            with self._lock, contextlib.suppress(sqlite3.Error), self._db:
                self._db.executemany("INSERT OR REPLACE INTO results (key, matches, used) VALUES (?, ?, ?)", rows)

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
