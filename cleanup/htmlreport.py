"""The review page (NAME.diff.html): one self-contained HTML file to review every change.

Python only packs the data; templates/review.js builds the page from it. The document
text and the findings travel as JSON inside a non-executed <script type="application/json">
with every `<`, `>` and `&` escaped, and the script inserts text with textContent only,
so no input can become markup. The Content-Security-Policy admits exactly this page's
script and style (by hash) and nothing from anywhere else: no network request, no other code.
"""

from __future__ import annotations

import base64
import bisect
import functools
import hashlib
import json
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import PurePath
from typing import Any

import regex
from jinja2 import Environment, PackageLoader, select_autoescape

from cleanup.engine import CleanResult
from cleanup.report import text_hash
from cleanup.review import CONTEXT_CHARS, Decision, report_hash

_ASTRAL = regex.compile(r"[\U00010000-\U0010FFFF]")
# characters that could end or confuse the <script> element holding the JSON
_JSON_IN_HTML = str.maketrans({c: f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"})


def utf16_offsets(text: str, offsets: list[int]) -> list[int] | None:
    """Python offsets (code points) → JavaScript offsets (UTF-16 units); None when equal."""
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    if not astral:
        return None
    return [offset + bisect.bisect_left(astral, offset) for offset in offsets]


def payload(
    result: CleanResult,
    input_path: str,
    summary: Mapping[str, Any],
    decisions: Mapping[int, Decision],
    segments: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """Everything the page needs, compact: rule facts and messages are listed once.

    `segments` (bilingual files, see cleanup.formats) become [id, source, start, end] rows
    with UTF-16 offsets, for the page to show each source beside its target."""
    findings_json = [f.to_json() for f in result.findings]
    input_sha256 = text_hash(result.original)
    kinds: dict[tuple, int] = {}
    messages: dict[str, int] = {}
    rows = []
    for f in result.findings:
        kind = kinds.setdefault((f.rule, f.category, f.safety, f.source, f.link), len(kinds))
        message = messages.setdefault(f.message, len(messages))
        rows.append([f.start, f.end, kind, message, f.replacements, f.applied, f.merged])
    u16 = utf16_offsets(result.original, [o for f in result.findings for o in (f.start, f.end)])
    spans = [o for s in segments for o in (s["target_start"], s["target_end"])]
    spans = utf16_offsets(result.original, spans) or spans
    return {
        "input": input_path,
        "name": PurePath(input_path).stem,
        "input_sha256": input_sha256,
        "report_sha256": report_hash(input_sha256, findings_json),
        "summary": dict(summary),
        "context": CONTEXT_CHARS,
        "text": result.original,
        "kinds": [list(k) for k in kinds],
        "messages": list(messages),
        "findings": rows,
        "u16": None if u16 is None else [u16[i : i + 2] for i in range(0, len(u16), 2)],
        "initial": [[i, d.status, d.replacement] for i, d in sorted(decisions.items())],
        "segments": [[s["id"], s["source"], *spans[2 * k : 2 * k + 2]] for k, s in enumerate(segments)],
    }


@functools.cache
def _asset(name: str) -> tuple[str, str]:
    """A template file's text and its Content-Security-Policy hash, read once per process."""
    text = (resources.files("cleanup") / "templates" / name).read_text("utf-8")
    if "</" in text:  # would end the <script>/<style> element early
        raise ValueError(f"templates/{name} must not contain '</'")
    return text, "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


_env = Environment(
    loader=PackageLoader("cleanup", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(
    result: CleanResult,
    input_path: str,
    summary: Mapping[str, Any],
    decisions: Mapping[int, Decision] | None = None,
    segments: Sequence[Mapping[str, Any]] = (),
) -> str:
    """The review page; `decisions` (finding index → decision) are preloaded into it."""
    (script, script_hash), (style, style_hash) = _asset("review.js"), _asset("review.css")
    data = payload(result, input_path, summary, decisions or {}, segments)
    data = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _env.get_template("report.html.j2").render(
        input_path=input_path,
        script=script,
        style=style,
        script_hash=script_hash,
        style_hash=style_hash,
        data=data.translate(_JSON_IN_HTML),
    )
