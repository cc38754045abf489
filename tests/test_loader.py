"""Rule files are validated once, and every problem points at its line and column."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from cleanup.loader import RuleFileError, load_pack, load_packs

GOOD_RULE = """\
pack: mine
rules:
  - id: MY-RULE
    type: replace
    category: style
    safety: suggest
    pattern: 'foo'
    replacement: 'bar'
    message: 'foo → bar'
    examples:
      - bad: 'a foo'
        good: 'a bar'
"""


def error_for(tmp_path: Path, text: str) -> str:
    path = tmp_path / "bad.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_pack(path)
    return str(info.value)


def where(message: str) -> tuple[int, int]:
    match = re.match(r".*bad\.yaml:(\d+):(\d+): ", message)
    assert match, message
    return int(match.group(1)), int(match.group(2))


def test_good_file_loads(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(GOOD_RULE, encoding="utf-8")
    (rule,) = load_pack(path).rules
    assert rule.meta.id == "MY-RULE" and rule.meta.pack == "mine"


def test_yaml_syntax_error_has_position(tmp_path):
    message = error_for(tmp_path, GOOD_RULE.replace("    pattern: 'foo'", "    pattern: 'foo"))
    assert "YAML error" in message
    assert where(message)[0] >= 7


def test_unknown_key_points_at_the_rule(tmp_path):
    message = error_for(tmp_path, GOOD_RULE.replace("    message:", "    colour: red\n    message:"))
    assert "colour" in message and "Extra inputs" in message
    assert where(message)[0] == 9


def test_wrong_type_points_at_the_value(tmp_path):
    message = error_for(tmp_path, GOOD_RULE.replace("safety: suggest", "safety: 3"))
    assert "rules[0].safety" in message
    assert where(message) == (6, 13)


def test_invalid_regex(tmp_path):
    message = error_for(tmp_path, GOOD_RULE.replace("pattern: 'foo'", "pattern: 'fo(o'"))
    assert "invalid regular expression" in message
    assert where(message)[0] >= 3


def test_replacement_with_missing_group(tmp_path):
    message = error_for(tmp_path, GOOD_RULE.replace("replacement: 'bar'", "replacement: '\\2'"))
    assert "does not fit the pattern" in message


def test_missing_examples_and_unknown_type(tmp_path):
    no_examples = GOOD_RULE.split("    examples:")[0]
    assert "examples" in error_for(tmp_path, no_examples)
    assert "type" in error_for(tmp_path, GOOD_RULE.replace("type: replace", "type: rewrite"))


def test_custom_tags_are_refused(tmp_path):
    message = error_for(
        tmp_path, GOOD_RULE.replace("replacement: 'bar'", "replacement: !!python/object/apply:os.system ['echo hi']")
    )
    assert where(message) == (8, 18) and "not allowed" in message
    message = error_for(tmp_path, GOOD_RULE.replace("replacement: 'bar'", "replacement: !!python/name:os.system 'x'"))
    assert "YAML error" in message


def test_alias_bomb_is_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    message = error_for(tmp_path, "\n".join(lines) + "\npack: p\nrules: []\n")
    assert "alias bomb" in message


def test_duplicate_key_and_duplicate_id(tmp_path):
    assert "duplicate key" in error_for(tmp_path, GOOD_RULE.replace("    message:", "    category: x\n    message:"))
    twice = GOOD_RULE + GOOD_RULE.split("rules:\n")[1]
    message = error_for(tmp_path, twice)
    assert "defined twice" in message and where(message) == (13, 9)


def test_duplicate_ids_across_packs(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD_RULE, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD_RULE.replace("pack: mine", "pack: other"), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"b\.yaml:3:9: rule id 'MY-RULE' is already defined in .*a\.yaml"):
        load_packs([tmp_path])


def test_not_utf8_and_empty(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"pack: \xff\n")
    with pytest.raises(RuleFileError, match="not UTF-8"):
        load_pack(path)
    path.write_text("", encoding="utf-8")
    with pytest.raises(RuleFileError, match="empty"):
        load_pack(path)
