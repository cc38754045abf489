"""One run's LanguageTool: which server, the checker, and what to tell the user.

    with open_languagetool(config, url=None, enabled=True, names=cleaner.known_names()) as lt:
        if lt.checker:
            cleaner.extra_checkers.append(lt.checker)
        ...
        report["summary"]["languagetool"] = lt.summary()
        print(lt.message())

A local server is started only when a paragraph is not in the cache (so a re-run over
unchanged files never starts Java), once per run, and stopped when the `with` block ends,
also on Ctrl-C and errors. With a URL (argument, `languagetool.url` in the config or
$CLEANUP_LANGUAGETOOL_URL) that server is used instead and nothing is started.

When LanguageTool cannot run (not installed, no Java, the server does not start or stops
answering), the run goes on with the rule packs; `summary()` says `ran: false` and why.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from cleanup.config import Config
from cleanup.languagetool.cache import ResultCache, default_path
from cleanup.languagetool.checker import LanguageToolChecker, NameFilter
from cleanup.languagetool.client import HttpClient, LanguageToolError, normalize_url
from cleanup.languagetool.options import LanguageToolOptions, parse_options
from cleanup.languagetool.provision import LanguageToolUnavailable, find_java, require_installed
from cleanup.languagetool.server import LocalServer

URL_ENV = "CLEANUP_LANGUAGETOOL_URL"


@dataclass
class LanguageToolRun:
    enabled: bool
    checker: LanguageToolChecker | None = None
    mode: str | None = None  # "local" or "remote"
    version: str | None = None
    url: str | None = None
    reason: str | None = None  # why LanguageTool did not run
    startup_seconds: float | None = None
    _server: LocalServer | None = field(default=None, repr=False)
    _client: HttpClient | None = field(default=None, repr=False)
    _client_factory: Callable[[], HttpClient] | None = field(default=None, repr=False)

    @property
    def ran(self) -> bool:
        """LanguageTool answered for every text so far (from its server or the cache)."""
        return self.checker is not None and self.checker.total.error is None and self.reason is None

    def summary(self, last_only: bool = True) -> dict[str, Any]:
        """For the JSON report: the last text's numbers (or the run's, `last_only=False`)."""
        info: dict[str, Any] = {"ran": False, "enabled": self.enabled}
        if self.checker is None:
            info["reason"] = self.reason or "disabled (--no-languagetool)"
            return info
        stats = self.checker.last if last_only else self.checker.total
        info.update(
            ran=stats.error is None,
            version=self.version,
            mode=self.mode,
            paragraphs=stats.paragraphs,
            cached=stats.cached,
            checked=stats.checked,
            matches=stats.matches,  # kept after the name filter, before conflicts with the rule packs
            seconds=round(stats.seconds, 3),
        )
        if self.mode == "remote":
            info["url"] = self.url
        if stats.error:
            info["reason"] = stats.error
        if self.startup_seconds is not None:
            info["startup_seconds"] = round(self.startup_seconds, 1)
        return info

    def message(self, last_only: bool = True) -> str:
        """One line for the terminal summary."""
        info = self.summary(last_only)
        if not info["ran"]:
            return f"LanguageTool did not run: {info['reason']}"
        where = "local server" if self.mode == "local" else f"server {self.url}"
        cached = f", {info['cached']} of {info['paragraphs']} paragraphs from cache" if info["cached"] else ""
        return f"LanguageTool {self.version} ({where}): {info['matches']} matches{cached}"


def _fingerprint(version: str, params: dict[str, str], names: list[str], where: str) -> str:
    data = {"version": version, "params": params, "names": names, "server": where}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:32]


@contextlib.contextmanager
def open_languagetool(
    config: Config | None = None,
    url: str | None = None,
    enabled: bool = True,
    *,
    names: Iterable[str] = (),
    cache_path: Any = "default",
) -> Iterator[LanguageToolRun]:
    """A LanguageToolRun whose `checker` is None when LanguageTool is off or cannot run."""
    config = config or Config()
    if not enabled:
        yield LanguageToolRun(enabled=False, reason="disabled (--no-languagetool)")
        return
    try:
        options = parse_options(config.languagetool)
    except ValueError as exc:
        yield LanguageToolRun(enabled=True, reason=str(exc))
        return
    names = sorted(set(names))
    extra_disabled = [d.removeprefix("LT:") for d in config.disable if d.startswith("LT:")]
    safety = {k: v for k, v in config.safety.items() if k.startswith("LT:")}
    url = url or os.environ.get(URL_ENV) or options.url
    if cache_path == "default":
        cache_path = default_path() if options.cache else None
    cache = ResultCache(cache_path)
    run = LanguageToolRun(enabled=True)
    try:
        if url:
            _open_remote(run, url, options)
        else:
            _open_local(run, options, names)
        if run.reason is None:
            params = options.request_params(extra_disabled)
            where = "local" if run.mode == "local" else (run.url or "")
            run.checker = LanguageToolChecker(
                client=run._client_factory,  # starts the local server on the first cache miss
                options=options,
                fingerprint=_fingerprint(run.version or "", params, names, where),
                cache=cache,
                names=NameFilter(names),
                extra_disabled=extra_disabled,
                safety_overrides=safety,
            )
        yield run
    finally:
        if run._server is not None:
            run._server.stop()
        if run._client is not None:
            run._client.close()
        cache.close()


def _open_remote(run: LanguageToolRun, url: str, options: LanguageToolOptions) -> None:
    run.mode = "remote"
    try:
        run.url = normalize_url(url)
        client = HttpClient(run.url, timeout=options.request_timeout)
        answer = client.check("Test.", {"language": options.language})
    except (ValueError, LanguageToolError) as exc:
        run.reason = f"cannot use the LanguageTool server at {url}: {exc}"
        return
    run.version = str(answer.get("software", {}).get("version", "unknown"))
    run._client = client
    run._client_factory = lambda: client


def _open_local(run: LanguageToolRun, options: LanguageToolOptions, names: list[str]) -> None:
    run.mode = "local"
    try:
        install = require_installed(options.version)
        java = find_java()
    except LanguageToolUnavailable as exc:
        run.reason = str(exc)
        return
    run.version = install.version
    server = LocalServer(
        install, memory=options.memory, spellings=names, startup_timeout=options.startup_timeout, java=java
    )
    run._server = server
    lock = threading.Lock()

    def client_factory() -> HttpClient:
        with lock:
            if run._client is not None:
                return run._client
            started = time.monotonic()
            server.start()  # LanguageToolUnavailable → the checker records it as the reason
            run.url = server.url
            client = HttpClient(server.url, timeout=options.request_timeout)
            run._client = client
            run.startup_seconds = time.monotonic() - started
            return client

    run._client_factory = client_factory
