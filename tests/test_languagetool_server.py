"""Integration tests against the real LanguageTool server (no mocks).

One local server is started for the whole module (a cold start builds LanguageTool's German
pipeline: 20-60 s on 2 cores) and reused, also as a "remote" server by URL. The tests skip
only when LanguageTool's jars are not installed; CI installs them with
`cleanup languagetool install`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleanup.cleaner import Cleaner
from cleanup.config import Config
from cleanup.languagetool import open_languagetool
from cleanup.languagetool.provision import installation
from cleanup.languagetool.session import LanguageToolRun

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not installation().is_complete(),
    reason=f"LanguageTool jars not installed in {installation().root}: run `cleanup languagetool install`",
)

NAMES = ["Broadcom", "TSMC", "Xqzlorp Systems"]
CLI = "import sys; from cleanup.cli import main; sys.argv[0] = 'cleanup'; main()"


@pytest.fixture(scope="module")
def lt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LanguageToolRun]:
    cache = tmp_path_factory.mktemp("ltcache") / "cache.sqlite3"
    with open_languagetool(Config(), url=None, names=NAMES, cache_path=cache) as run:
        assert run.checker is not None, run.reason
        run.checker("Dies ist ein Test mit einem Tippfehlr.")  # cold start, outside the timed tests
        assert run.ran, run.summary()
        yield run
    assert run._server is not None and run._server.proc is None  # stopped by the with-block


def rules_of(findings: list) -> dict[str, str]:
    return {f.original: f.rule for f in findings}


def test_server_finds_spelling_and_grammar_errors(lt: LanguageToolRun) -> None:
    assert lt.checker is not None
    text = "Das ist ein Fehller im Text. Er haben das Auto gesehen."
    findings = lt.checker(text)
    spelling = [f for f in findings if f.rule == "LT:GERMAN_SPELLER_RULE"]
    assert [(f.original, f.start) for f in spelling] == [("Fehller", 12)]
    assert spelling[0].source == "languagetool" and spelling[0].safety == "suggest"
    assert spelling[0].category == "typos" and "Fehler" in spelling[0].replacements
    assert any(f.category == "grammar" and "haben" in f.original for f in findings), findings


def test_offsets_are_right_after_emoji(lt: LanguageToolRun) -> None:
    assert lt.checker is not None
    text = "😀👍🏽 Das ist ein Fehller. 𠀀 Noch ein Tippfehlr hier. 🎉"
    findings = [f for f in lt.checker(text) if f.rule == "LT:GERMAN_SPELLER_RULE"]
    assert [f.original for f in findings] == ["Fehller", "Tippfehlr"]
    for f in findings:
        assert text[f.start : f.end] == f.original


def test_known_names_are_accepted_spellings(lt: LanguageToolRun) -> None:
    assert lt.checker is not None
    text = "Xqzlorp baut Chips. Xqzlorps Chef und die Xqzlorp-Fabrik. Aber Xqzlorb ist unbekannt."
    flagged = [f.original for f in lt.checker(text) if f.rule == "LT:GERMAN_SPELLER_RULE"]
    assert flagged == ["Xqzlorb"]


def test_default_disabled_rules_stay_quiet(lt: LanguageToolRun) -> None:
    assert lt.checker is not None
    text = "Das ist  ein Satz mit „Anführungszeichen“ - und einem Strich\n\nEine Überschrift ohne Punkt"
    rules = {f.rule for f in lt.checker(text)}
    assert not rules & {"LT:WHITESPACE_RULE", "LT:PUNCTUATION_PARAGRAPH_END", "LT:DE_DASH"}
    assert not any(r.startswith("LT:TYPOGRAF") for r in rules)


def test_unchanged_paragraphs_come_from_the_cache(lt: LanguageToolRun) -> None:
    assert lt.checker is not None
    text = "Ein erster Absatz mit Fehller.\n\nEin zweiter Absatz ohne Fehler."
    first = lt.checker(text)
    assert lt.checker.last.checked == 2
    assert lt.checker(text) == first
    assert lt.checker.last.checked == 0 and lt.checker.last.cached == 2


def test_sample_article_with_the_rule_packs(lt: LanguageToolRun) -> None:
    """LanguageTool's findings join the rule packs' in one report; names are not flagged."""
    assert lt.checker is not None
    text = (REPO / "seeds" / "openai-broadcom.txt").read_text(encoding="utf-8")
    cleaner = Cleaner.from_config()
    cleaner.extra_checkers.append(lt.checker)
    result = cleaner.clean(text)
    lt_findings = [f for f in result.findings if f.source == "languagetool"]
    assert lt_findings, "LanguageTool found nothing in the sample"
    assert all(f.rule.startswith("LT:") and not f.applied for f in lt_findings)
    names = {"Broadcom", "TSMC", "NVIDIA", "OpenAI", "Google", "Microsoft", "AMD"}
    assert not [f for f in lt_findings if f.original in names]
    # what the rule packs fix (names, hyphen spaces) wins over LanguageTool's guesses
    assert "OpenAIs" in result.text and "KI -Chips" not in result.text


def test_remote_mode_uses_a_running_server(lt: LanguageToolRun) -> None:
    with open_languagetool(Config(), url=lt.url, cache_path=None) as remote:
        assert remote.mode == "remote" and remote.version == lt.version and remote._server is None
        assert remote.checker is not None
        assert [f.original for f in remote.checker("Ein Fehller.") if "SPELLER" in f.rule] == ["Fehller"]
        assert remote.summary()["ran"] is True


def test_cli_clean_reports_languagetool_status(lt: LanguageToolRun, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Das ist ein Fehller. Broadcom und TSMC bauen KI -Chips.\n", encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", CLI, "clean", str(source), "-o", str(out), "--languagetool-url", lt.url],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "LanguageTool 6." in done.stdout
    report = json.loads((out / "a.report.json").read_text(encoding="utf-8"))
    status = report["summary"]["languagetool"]
    assert status["ran"] is True and status["mode"] == "remote"
    assert any(f["rule"] == "LT:GERMAN_SPELLER_RULE" and f["original"] == "Fehller" for f in report["findings"])
    assert any(f["source"] == "rules" for f in report["findings"])


def test_cli_clean_goes_on_when_languagetool_cannot_start(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Die KI -Chips von Openai.\n", encoding="utf-8")
    env = {"CLEANUP_LANGUAGETOOL_HOME": str(tmp_path / "nothing"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", CLI, "clean", str(source), "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "LanguageTool did not run: LanguageTool 6.8 is not installed" in done.stdout
    report = json.loads((tmp_path / "a.report.json").read_text(encoding="utf-8"))
    assert report["summary"]["languagetool"]["ran"] is False
    assert "cleanup languagetool install" in report["summary"]["languagetool"]["reason"]
    assert "KI-Chips" in (tmp_path / "a.clean.txt").read_text(encoding="utf-8")


def test_server_stops_on_ctrl_c(tmp_path: Path) -> None:
    """KeyboardInterrupt inside the run stops the Java process and frees the port."""
    run_ref: list[LanguageToolRun] = []
    with pytest.raises(KeyboardInterrupt), open_languagetool(Config(), cache_path=None) as run:
        run_ref.append(run)
        assert run.checker is not None and run._client_factory is not None
        run._client_factory()  # start the server without waiting for a pipeline
        assert run._server is not None and run._server.proc is not None
        url = run._server.url
        raise KeyboardInterrupt
    assert run_ref[0]._server is not None and run_ref[0]._server.proc is None
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{url}/v2/languages", timeout=5)


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the Java child")
def test_ctrl_c_on_the_command_line_stops_the_server(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Ein ganz neuer Satz für einen kalten Start.\n", encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("CLEANUP_LANGUAGETOOL_URL", None)
    env["CLEANUP_LANGUAGETOOL_HOME"] = str(installation().root.parent)
    proc = subprocess.Popen(
        [sys.executable, "-c", CLI, "clean", str(source), "-o", str(tmp_path / "out")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 120
    java: list[int] = []
    while time.monotonic() < deadline and not java and proc.poll() is None:
        java = _children(proc.pid)
        time.sleep(0.2)
    assert java, "no Java child appeared"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    for pid in java:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
