"""Fuzzing the rule-file loader and the engine with hypothesis, for a bounded time.

Rule files are generated from the shape of real ones (mostly valid values, sometimes wrong
types, unknown keys, odd regexes) and then sometimes mutated byte by byte; the loader must
either return a pack or raise RuleFileError. Packs that load are run over random text: the
engine must return, whatever the rules do. FUZZ_EXAMPLES sets the effort (CI: the default).
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cleanup.engine import apply_fixes, clean_text, first_replacement
from cleanup.loader import RuleFileError, load_pack

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

# regex pieces without nested quantifiers, so that a generated pattern cannot backtrack for
# minutes (the time limit has its own test); some pieces do not compile on purpose
PIECES = ["a", "KI", " ", "-", "\\w", "\\b", "\\p{Lu}", "[ä-ü]", "(", ")", "(?<=K)", "(?=-)", "+", "*", "?", "|", "\\"]
pattern = st.one_of(
    st.sampled_from(["KI", "\\bAI\\b", "(?<=\\p{Lu}) (?=-)", "(K)(I)", "x*"]),
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join),
)
anything = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.text(max_size=5), st.lists(st.text(max_size=3)))


def maybe(value: st.SearchStrategy) -> st.SearchStrategy:
    return st.integers(0, 29).flatmap(lambda n: anything if n == 0 else value)  # mostly right, at times anything


@st.composite
def rule(draw) -> dict:
    kind = draw(st.sampled_from(["replace"] * 3 + ["flag", "entity", "consistency", "detector"] * 2 + ["bogus"]))
    data = {
        "id": draw(maybe(st.from_regex(r"[A-Z][A-Z0-9-]{0,6}", fullmatch=True))),  # duplicates happen
        "type": kind,
        "category": "c",
        "message": draw(maybe(st.sampled_from(["m", "{match} → {replacement}", "{unknown} {"]))),
        "safety": draw(maybe(st.sampled_from(["safe", "suggest"]))),
        "examples": draw(maybe(st.just([{"ok": "nichts"}]))),
    }
    if kind in ("replace", "flag"):
        data["pattern"] = draw(maybe(pattern))
    if kind == "replace":
        data["replacement"] = draw(maybe(st.sampled_from(["", "x", "\\1", "\\g<0>-", "KI"])))
    if kind == "entity":
        data["entries"] = draw(
            maybe(
                st.lists(
                    st.fixed_dictionaries(
                        {
                            "name": st.text(min_size=1, max_size=6),
                            "wrong": st.lists(st.text(min_size=1, max_size=6), max_size=2),
                        }
                    ),
                    max_size=3,
                )
            )
        )
    if kind == "consistency":
        data["variants"] = draw(
            maybe(st.lists(st.sampled_from(["KI", "AI", "E-Mail", "Email"]), min_size=2, max_size=3, unique=True))
        )
    if kind == "detector":
        data["detector"] = draw(maybe(st.sampled_from(["invisible", "mojibake", "nope"])))
    if draw(st.integers(0, 29)) == 0:
        data[draw(st.text(max_size=4))] = draw(anything)
    return data


@st.composite
def rule_file(draw) -> bytes:
    doc = {
        "pack": draw(maybe(st.just("fuzz"))),
        "rules": draw(st.lists(rule(), min_size=draw(st.sampled_from([0, 1, 1])), max_size=3)),
    }
    data = yaml.safe_dump(doc, allow_unicode=True).encode()
    for _ in range(draw(st.sampled_from([0] * 8 + [1, 2]))):  # byte mutations: YAML syntax errors, bad UTF-8
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    return data


@FUZZ
@given(data=rule_file(), text=st.text(max_size=40))
def test_loader_and_engine_never_crash(tmp_path_factory, data: bytes, text: str):
    path = Path(tmp_path_factory.mktemp("fuzz")) / "rules.yaml"
    path.write_bytes(data)
    try:
        checks = load_pack(path).rules
    except RuleFileError as exc:
        assert str(exc).startswith(str(path))
        event("refused")
        return
    event(f"loaded {len(checks)} rules")
    result = clean_text(text, checks)
    assert apply_fixes(text, result.applied, first_replacement) == result.text


@FUZZ
@given(data=st.binary(max_size=300))
def test_loader_on_arbitrary_bytes(tmp_path_factory, data: bytes):
    path = Path(tmp_path_factory.mktemp("fuzz")) / "rules.yaml"
    path.write_bytes(data)
    try:
        load_pack(path)
    except RuleFileError as exc:
        assert str(exc).startswith(str(path))
