"""The command line end to end, through the installed `cleanup` script where it matters."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main

REPO = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "cleanup"

CUSTOM_RULES = """\
pack: house-style
description: Our own terms.
rules:
  - id: HOUSE-HANDY
    type: replace
    category: style
    safety: safe
    pattern: '\\bMobiltelefon(e|en|s)?\\b'
    replacement: 'Smartphone\\1'
    message: 'Hausstil: {match} → {replacement}'
    examples:
      - bad: 'zwei Mobiltelefone'
        good: 'zwei Smartphonee'
"""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    shutil.copy(REPO / "seeds" / "openai-broadcom.txt", path)
    return path


def test_clean_writes_three_files_and_summarises(article: Path, tmp_path: Path):
    before = article.read_bytes()
    out = tmp_path / "out"
    result = run("clean", str(article), "-o", str(out), "--no-languagetool")
    assert result.returncode == 0, result.stderr
    assert article.read_bytes() == before  # the input is never touched
    clean = (out / "article.clean.txt").read_text(encoding="utf-8")
    assert "KI-Chips" in clean and "KI -Chips" not in clean and "Sam Altman" in clean
    report = json.loads((out / "article.report.json").read_text(encoding="utf-8"))
    html = (out / "article.diff.html").read_text(encoding="utf-8")
    assert 'id="review-data"' in html and "HYPHEN-SPACE-COMPOUND" in html
    assert re.search(r"article\.txt: \d+ findings \(.*hyphen \d+", result.stdout)
    assert re.search(r"\d+ fix(es)? applied, \d+ suggestions? and \d+ flags? left for review", result.stdout)
    assert str(out / "article.clean.txt") in result.stdout
    assert report["summary"]["applied"] == sum(f["applied"] for f in report["findings"])


def test_json_report_fields_point_into_the_original(article: Path, tmp_path: Path):
    run("clean", str(article), "-o", str(tmp_path), "--no-languagetool")
    report = json.loads((tmp_path / "article.report.json").read_text(encoding="utf-8"))
    original = article.read_text(encoding="utf-8")
    assert report["version"] == 1 and report["input"] == str(article)
    assert report["input_sha256"].startswith("sha256:")
    assert report["findings"]
    for f in report["findings"]:
        assert {"rule", "category", "safety", "start", "end", "original", "replacements", "applied", "message"} <= set(
            f
        )
        assert f["safety"] in ("safe", "suggest")
        assert original[f["start"] : f["end"]] == f["original"]
    # re-applying the applied findings to the original gives the cleaned file
    text = original
    for f in sorted((f for f in report["findings"] if f["applied"]), key=lambda f: f["start"], reverse=True):
        text = text[: f["start"]] + f["replacements"][0] + text[f["end"] :]
    assert text == (tmp_path / "article.clean.txt").read_text(encoding="utf-8")


def test_check_lists_findings_with_positions_and_exit_code(tmp_path: Path):
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("Erste Zeile.\nDie KI -Chips von Openai.\n", encoding="utf-8")
    result = run("check", str(dirty))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{dirty}:2:7: HYPHEN-SPACE-COMPOUND" in lines[0] and "[fix: ' ' → '']" in lines[0]
    assert any(line.startswith(f"{dirty}:2:19: NAME-CASING") and "'Openai' → 'OpenAI'" in line for line in lines)
    tidy = tmp_path / "tidy.txt"
    tidy.write_text("Die KI-Chips von OpenAI sind gefragt.\n", encoding="utf-8")
    assert run("check", str(tidy)).returncode == 0


def test_user_errors_are_one_line_and_exit_2(tmp_path: Path):
    missing = run("clean", str(tmp_path / "nope.txt"), "--no-languagetool")
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines() == [f"cleanup: error: {tmp_path / 'nope.txt'}: no such file"]
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Größe".encode("latin-1"))
    bad = run("check", str(latin1))
    assert bad.returncode == 2 and "not valid UTF-8" in bad.stderr and "--encoding" in bad.stderr
    assert "Traceback" not in bad.stderr
    ok = run("check", str(latin1), "--encoding", "latin-1")
    assert ok.returncode == 0


def test_output_may_not_replace_the_input(tmp_path: Path):
    source = tmp_path / "t.txt"
    source.write_text("KI -Chips", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "t.clean.txt").symlink_to(source)  # writing the output would overwrite the input
    refused = run("clean", str(source), "-o", str(out), "--no-languagetool")
    assert refused.returncode == 2 and "would overwrite the input" in refused.stderr
    assert source.read_text(encoding="utf-8") == "KI -Chips"


def test_custom_rule_file_is_applied_and_its_examples_tested(tmp_path: Path):
    rules = tmp_path / "house.yaml"
    rules.write_text(CUSTOM_RULES, encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text("Zwei Mobiltelefone und KI -Chips.", encoding="utf-8")
    result = run("clean", str(text), "-o", str(tmp_path / "o"), "--no-languagetool", "--rules", str(rules))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "o" / "t.clean.txt").read_text(encoding="utf-8") == "Zwei Smartphonee und KI-Chips."
    tested = run("rules", "test", str(rules))
    assert tested.returncode == 0 and "1 rules, 1 examples, 0 failed" in tested.stdout


def test_rules_test_reports_a_failing_example_precisely(tmp_path: Path):
    rules = tmp_path / "house.yaml"
    rules.write_text(CUSTOM_RULES.replace("good: 'zwei Smartphonee'", "good: 'zwei Smartphones'"), encoding="utf-8")
    result = run("rules", "test", str(rules))
    assert result.returncode == 1
    assert "HOUSE-HANDY example 1: 'zwei Mobiltelefone' became 'zwei Smartphonee', expected 'zwei Smartphones'" in (
        result.stdout
    )


def test_broken_rule_file_gives_path_line_col(tmp_path: Path):
    rules = tmp_path / "broken.yaml"
    rules.write_text(CUSTOM_RULES.replace("safety: safe", "safety: always"), encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text("x", encoding="utf-8")
    result = run("clean", str(text), "--no-languagetool", "--rules", str(rules))
    assert result.returncode == 2
    assert re.match(rf"cleanup: error: {re.escape(str(rules))}:7:13: rules\[0\]\.safety: ", result.stderr)


def test_rules_list_and_show():
    runner = CliRunner()
    listed = runner.invoke(main, ["rules", "list"])
    assert listed.exit_code == 0
    assert re.search(r"^hyphen  \(", listed.output, re.M)
    assert re.search(r"^  HYPHEN-SPACE-COMPOUND\s+hyphen\s+safe\s+Machine translation", listed.output, re.M)
    shown = runner.invoke(main, ["rules", "show", "NAME-PEOPLE"])
    assert shown.exit_code == 0
    assert "entity rule in pack names" in shown.output and "bad:  Der CEO von OpenAI Ultraman" in shown.output
    unknown = runner.invoke(main, ["rules", "show", "NOPE"])
    assert unknown.exit_code == 2


def test_safety_override_and_disable_from_the_command_line(tmp_path: Path):
    rules = tmp_path / "house.yaml"
    rules.write_text(CUSTOM_RULES, encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text("Die KI -Chips und Mobiltelefone.", encoding="utf-8")

    def cleaned(*options: str) -> str:
        out = tmp_path / "o"
        result = run("clean", str(text), "-o", str(out), "--no-languagetool", "--rules", str(rules), *options)
        assert result.returncode == 0, result.stderr
        return (out / "t.clean.txt").read_text(encoding="utf-8")

    assert cleaned() == "Die KI-Chips und Smartphonee."
    assert cleaned("--safety", "HOUSE-HANDY=suggest") == "Die KI-Chips und Mobiltelefone."
    assert cleaned("--disable", "house-style", "--disable", "HYPHEN-SPACE-COMPOUND") == text.read_text("utf-8")


def test_project_config_is_discovered(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.cleanup]\ndisable = ["hyphen"]\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "t.txt").write_text("Die KI -Chips von Openai.", encoding="utf-8")
    result = run("clean", "t.txt", "-o", "o", "--no-languagetool", cwd=sub)
    assert result.returncode == 0, result.stderr
    assert (sub / "o" / "t.clean.txt").read_text(encoding="utf-8") == "Die KI -Chips von OpenAI."


def test_inputs_that_would_share_outputs_are_refused(tmp_path: Path):
    for name in ("a.txt", "a.md"):
        (tmp_path / name).write_text("KI -Chips\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("clean", str(tmp_path / "a.txt"), str(tmp_path / "a.md"), "-o", str(out), "--no-languagetool")
    assert result.returncode == 2
    assert "would both write" in result.stderr and "a.diff.html" in result.stderr
    assert not out.exists()  # refused before anything was written
