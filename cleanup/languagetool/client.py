"""The HTTP side: POST /v2/check to a LanguageTool server, raw JSON back.

Why not `language_tool_python.LanguageTool(remote_server=…).check()`: its Match objects
shift the offset for characters outside the BMP but not the length, keep the last text in
class attributes (not thread-safe, and we send two paragraphs at a time), and drop the
category name and the rule's link. This client sends the same form fields
(language, disabledRules, enabledRules, disabledCategories, level) to the same endpoint and
leaves the offset conversion to `cleanup.languagetool.offsets`, which handles both ends.
One keep-alive connection per thread.
"""

from __future__ import annotations

import http.client
import json
import threading
import urllib.parse
from typing import Any, Protocol


class LanguageToolError(RuntimeError):
    pass


class Client(Protocol):
    def check(self, text: str, params: dict[str, str]) -> dict[str, Any]: ...


def normalize_url(url: str) -> str:
    """'localhost:8081', 'http://h:8081/', 'http://h:8081/v2' → 'http://h:8081' (path prefix kept)."""
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not a LanguageTool server URL: {url!r}")
    path = parts.path.rstrip("/")
    if path.endswith("/v2"):
        path = path[: -len("/v2")]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


class HttpClient:
    def __init__(self, url: str, timeout: float = 120.0) -> None:
        self.url = normalize_url(url)
        parts = urllib.parse.urlsplit(self.url)
        self._https = parts.scheme == "https"
        self._host = parts.hostname or "localhost"
        self._port = parts.port
        self._prefix = parts.path
        self.timeout = timeout
        self._local = threading.local()
        self._all: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()

    def _connection(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            cls = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
            conn = cls(self._host, self._port, timeout=self.timeout)
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def _request(self, method: str, path: str, body: str | None = None) -> Any:
        headers = {"Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
        for attempt in (1, 2):  # a kept-alive connection the server closed fails once
            conn = self._connection()
            try:
                conn.request(method, self._prefix + path, body=body.encode("utf-8") if body else None, headers=headers)
                response = conn.getresponse()
                data = response.read()
            except (http.client.HTTPException, OSError) as exc:
                conn.close()
                self._local.conn = None
                if attempt == 2 or isinstance(exc, TimeoutError):
                    raise LanguageToolError(f"{self.url}: {exc}") from None
                continue
            if response.status != 200:
                text = data.decode("utf-8", errors="replace").strip().splitlines()
                raise LanguageToolError(f"{self.url}{path}: HTTP {response.status}: {text[0][:300] if text else ''}")
            try:
                return json.loads(data)
            except ValueError:
                raise LanguageToolError(f"{self.url}{path}: not JSON") from None
        raise AssertionError("unreachable")

    def check(self, text: str, params: dict[str, str]) -> dict[str, Any]:
        return self._request("POST", "/v2/check", urllib.parse.urlencode({**params, "text": text}))

    def languages(self) -> list[dict[str, Any]]:
        return self._request("GET", "/v2/languages")

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()
