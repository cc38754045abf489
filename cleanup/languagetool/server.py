"""A local LanguageTool HTTP server for one run: start on a free port, wait, stop.

    with LocalServer(require_installed(), spellings=["Broadcom", "TSMC"]) as server:
        server.url   # http://127.0.0.1:<port>

The server runs in its own session (Ctrl-C in the terminal reaches only Python, which then
stops the server through the context manager) and, on Linux, gets SIGTERM from the kernel if
the Python process dies without cleaning up. An atexit hook stops it as a last resort.

Words the spell checker must accept (the project's known names) go into a
`spelling_custom.txt` on a classpath folder placed before the jars; LanguageTool reads that
resource for its German speller, with the same syntax as its own spelling.txt (`Broadcom/S`
also accepts the genitive "Broadcoms").
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterable
from pathlib import Path

from cleanup.languagetool.provision import Installation, LanguageToolUnavailable, find_java

SPELLING_RESOURCE = "org/languagetool/resource/de/hunspell/spelling_custom.txt"

# pipelineCaching: keep the expensive JLanguageTool pipelines between requests (the first
# request with a given set of options builds one, ~20-40 s on 2 cores; later ones reuse it).
# cacheSize: LanguageTool's own in-memory result cache, per sentence.
SERVER_PROPERTIES = {
    "pipelineCaching": "true",
    "maxPipelinePoolSize": "8",
    "pipelineExpireTimeInSeconds": "86400",
    "cacheSize": "2000",
    "cacheTTLSeconds": "3600",
    "maxTextLength": "100000",
    "maxCheckTimeMillis": "120000",
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class LocalServer:
    def __init__(
        self,
        install: Installation,
        *,
        memory: str = "1536m",
        spellings: Iterable[str] = (),
        properties: dict[str, str] | None = None,
        startup_timeout: float = 120.0,
        java: str | None = None,
    ) -> None:
        self.install = install
        self.memory = memory
        self.spellings = sorted(set(spellings))
        self.properties = {**SERVER_PROPERTIES, **(properties or {})}
        self.startup_timeout = startup_timeout
        self.java = java
        self.port: int | None = None
        self.proc: subprocess.Popen | None = None
        self.workdir: Path | None = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("server not started")
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path | None:
        return self.workdir / "server.log" if self.workdir else None

    def __enter__(self) -> LocalServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- start ---------------------------------------------------------------------------

    def command(self, port: int) -> list[str]:
        assert self.workdir is not None
        classpath = os.pathsep.join([str(self.workdir / "classes"), self.install.classpath])
        return [
            self.java or find_java(),
            f"-Xmx{self.memory}",
            "-Xss4m",  # LanguageTool's regex-heavy rules recurse deeply
            "-XX:+UseSerialGC",  # 2 cores: no parallel GC threads competing with the checker
            "-Dfile.encoding=UTF-8",
            "-Djava.awt.headless=true",
            "-cp",
            classpath,
            "org.languagetool.server.HTTPServer",
            "--port",
            str(port),
            "--config",
            str(self.workdir / "server.properties"),
        ]

    def _prepare(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="mt-cleanup-lt-"))
        props = "".join(f"{k}={v}\n" for k, v in self.properties.items())
        (self.workdir / "server.properties").write_text(props, "utf-8")
        spelling = self.workdir / "classes" / SPELLING_RESOURCE
        spelling.parent.mkdir(parents=True)
        spelling.write_text(self._spelling_file(), "utf-8")

    def _spelling_file(self) -> str:
        """LanguageTool's own spelling_custom.txt (if any) plus the known names."""
        original = ""
        jar = next(self.install.lib.glob("language-de-*.jar"), None)
        if jar is not None:
            with contextlib.suppress(KeyError, OSError, zipfile.BadZipFile), zipfile.ZipFile(jar) as zf:
                original = zf.read(SPELLING_RESOURCE).decode("utf-8")
        words = spelling_entries(self.spellings)
        return original.rstrip("\n") + "\n# mt-cleanup: known names\n" + "".join(f"{w}\n" for w in words)

    def start(self) -> str:
        with self._lock:
            if self.proc is not None and self.proc.poll() is None:
                return self.url
            if not self.install.is_complete():
                raise LanguageToolUnavailable(
                    f"LanguageTool {self.install.version} is not installed; run `cleanup languagetool install`"
                )
            self._prepare()
            last_error = ""
            for _attempt in range(3):  # another process may take the free port before Java binds it
                port = free_port()
                if self._launch(port):
                    self.port = port
                    atexit.register(self.stop)
                    return self.url
                last_error = self._log_tail()
                if "Address already in use" not in last_error and "BindException" not in last_error:
                    break
            self._cleanup()
            raise LanguageToolUnavailable(f"LanguageTool server did not start: {last_error or 'no output'}")

    def _launch(self, port: int) -> bool:
        assert self.log_path is not None
        log = open(self.log_path, "wb")  # noqa: SIM115 - closed in _terminate
        main_thread = threading.current_thread() is threading.main_thread()
        try:
            self.proc = subprocess.Popen(
                self.command(port),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.workdir,
                start_new_session=True,
                # PDEATHSIG fires when the *thread* that forked exits, so only from the main thread
                preexec_fn=_die_with_parent if main_thread and sys.platform == "linux" else None,
            )
        except OSError as exc:
            log.close()
            raise LanguageToolUnavailable(f"cannot run Java: {exc}") from None
        self._log = log
        deadline = time.monotonic() + self.startup_timeout
        url = f"http://127.0.0.1:{port}/v2/languages"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self._terminate()
                return False
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return True
            except (urllib.error.URLError, OSError, TimeoutError):
                pass
            time.sleep(0.2)
        self._terminate()
        raise LanguageToolUnavailable(
            f"LanguageTool server did not answer within {self.startup_timeout:.0f} s (log: {self._log_tail()})"
        )

    def _log_tail(self) -> str:
        if not self.log_path or not self.log_path.exists():
            return ""
        lines = self.log_path.read_text("utf-8", errors="replace").splitlines()
        interesting = [
            line.strip()
            for line in lines
            if ("Exception" in line or "Error" in line or "error" in line) and "WARN" not in line
        ]
        return (interesting or lines[-1:] or [""])[0][:300]

    # -- stop ----------------------------------------------------------------------------

    def _terminate(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        log = getattr(self, "_log", None)
        if log is not None:
            log.close()
            self._log = None

    def _cleanup(self) -> None:
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def stop(self) -> None:
        with self._lock:
            self._terminate()
            self._cleanup()
            self.port = None
        with contextlib.suppress(Exception):
            atexit.unregister(self.stop)


def spelling_entries(names: Iterable[str]) -> list[str]:
    """Words for LanguageTool's spelling file: each word of each name, with the genitive s.

    "Sam Altman" → Sam/S, Altman/S ("/S" also accepts "Altmans"); numbers and one-letter
    parts are skipped; a word ending in s, x, z or ß gets no /S (its genitive takes an
    apostrophe).
    """
    words: set[str] = set()
    for name in names:
        for part in name.replace("-", " ").split():
            part = part.strip(".,;:()[]\"'“”„")
            if len(part) < 2 or part.isdigit() or "/" in part or "#" in part:
                continue
            words.add(part if part[-1] in "sxzß" else f"{part}/S")
    return sorted(words)
