"""Hostile or broken rule files: refused with a position, or survived with a warning.

Syntax errors, unknown keys, wrong types, duplicate ids, bad regexes, custom tags and alias
bombs are covered in test_loader.py; here are the limits and the rules that misbehave at run
time, seen from the command line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cleanup import loader
from cleanup.loader import RuleFileError, load_pack

SCRIPT = Path(sys.executable).parent / "cleanup"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=120)


def test_rule_file_over_the_size_limit(tmp_path, monkeypatch):
    path = tmp_path / "big.yaml"
    path.write_text("pack: p\n" + "# padding\n" * 200, encoding="utf-8")
    monkeypatch.setattr(loader, "MAX_RULE_FILE_BYTES", 1000)
    with pytest.raises(RuleFileError, match=r"big\.yaml:1:1: .*over the limit of 1000"):
        load_pack(path)


@pytest.mark.parametrize("nesting", ["[" * 5000 + "]" * 5000, "".join("  " * i + "-\n" for i in range(3000))])
def test_deeply_nested_yaml_is_a_rule_file_error(tmp_path, nesting):
    path = tmp_path / "deep.yaml"
    path.write_text(nesting, encoding="utf-8")
    result = run("rules", "test", path)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"cleanup: error: {path}:") and "nest" in line


SLOW_AND_FINE = """\
pack: hostile
rules:
  - {id: SLOW, type: flag, category: c, pattern: '(?:(?:a|aa)+)+(?:a|aa)+b', message: m, examples: [{ok: c}]}
  - {id: FINE, type: replace, category: c, safety: safe, pattern: 'c', replacement: 'd', message: m,
     examples: [{bad: c, good: d}]}
"""


def test_catastrophic_backtracking_is_reported_and_the_run_goes_on(tmp_path):
    rules = tmp_path / "hostile.yaml"
    rules.write_text(SLOW_AND_FINE, encoding="utf-8")
    source = tmp_path / "t.txt"
    source.write_text("a" * 5000 + " c", encoding="utf-8")
    result = run("clean", source, "--no-builtin", "--rules", rules, "--no-languagetool")
    assert result.returncode == 0, result.stderr
    assert "rule SLOW took too long" in result.stdout
    assert (tmp_path / "t.clean.txt").read_text(encoding="utf-8").endswith(" d")


GROWING = """\
pack: growing
rules:
  - {id: GROW, type: replace, category: c, safety: safe, pattern: 'x', replacement: 'xx', message: m,
     examples: [{bad: 'a x', good: 'a xx'}]}
"""


def test_a_rule_that_grows_the_text_every_pass_is_stopped_and_named(tmp_path):
    rules = tmp_path / "growing.yaml"
    rules.write_text(GROWING, encoding="utf-8")
    source = tmp_path / "t.txt"
    source.write_text("ein x hier\n", encoding="utf-8")
    result = run("clean", source, "--no-builtin", "--rules", rules, "--no-languagetool")
    assert result.returncode == 0, result.stderr
    assert "did not settle after 5 passes (rules GROW)" in result.stdout
    cleaned = (tmp_path / "t.clean.txt").read_text(encoding="utf-8")
    assert cleaned.startswith("ein x") and cleaned.endswith("x hier\n") and len(cleaned) < 100
