"""LanguageTool integration without Java: a fake client stands in for the server.

Mapping of matches to findings, UTF-16 offsets, the per-paragraph cache, the name filter,
options, and what happens when LanguageTool cannot run. The real server is exercised in
test_languagetool_server.py.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from cleanup.cleaner import Cleaner
from cleanup.config import Config
from cleanup.languagetool import checker as checker_mod
from cleanup.languagetool import provision as install_mod
from cleanup.languagetool.cache import ResultCache
from cleanup.languagetool.checker import LanguageToolChecker, NameFilter, paragraphs
from cleanup.languagetool.client import normalize_url
from cleanup.languagetool.offsets import Utf16Index, utf16_len
from cleanup.languagetool.options import DEFAULT_DISABLED_RULES, LanguageToolOptions, parse_options
from cleanup.languagetool.server import spelling_entries
from cleanup.languagetool.session import open_languagetool


def lt_match(text: str, word: str, rule: str = "GERMAN_SPELLER_RULE", category: str = "TYPOS", **extra: Any) -> dict:
    """A match as LanguageTool's server sends it: offsets in UTF-16 code units, like Java."""
    start = text.index(word)
    return {
        "message": extra.get("message", f"Möglicher Fehler: {word}"),
        "offset": utf16_len(text[:start]),
        "length": utf16_len(word),
        "replacements": [{"value": v} for v in extra.get("replacements", ["Ersatz"])],
        "rule": {
            "id": rule,
            "issueType": "misspelling",
            "category": {"id": category, "name": category.title()},
            "urls": [{"value": "https://example.org/rule"}] if extra.get("url") else [],
        },
    }


class FakeClient:
    """Answers each paragraph with matches for the words in `words` (word → rule)."""

    def __init__(self, words: dict[str, tuple[str, str]], replacements: list[str] | None = None) -> None:
        self.words = words
        self.replacements = ["Ersatz"] if replacements is None else replacements
        self.calls: list[str] = []
        self.params: list[dict[str, str]] = []

    def check(self, text: str, params: dict[str, str]) -> dict[str, Any]:
        self.calls.append(text)
        self.params.append(params)
        matches = []
        for word, (rule, category) in self.words.items():
            pos = 0
            while (pos := text.find(word, pos)) != -1:
                matches.append(lt_match(text[pos:], word, rule, category, replacements=self.replacements))
                matches[-1]["offset"] += utf16_len(text[:pos])
                pos += len(word)
        return {"software": {"version": "6.8"}, "matches": matches}


def make_checker(client: FakeClient, tmp_path: Path | None = None, **options: Any) -> LanguageToolChecker:
    names = options.pop("names", ())
    safety = options.pop("safety", {})
    return LanguageToolChecker(
        client=lambda: client,
        options=LanguageToolOptions(**options),
        fingerprint="test",
        cache=ResultCache(tmp_path / "cache.sqlite3" if tmp_path else None),
        names=NameFilter(names),
        safety_overrides=safety,
    )


# -- offsets ---------------------------------------------------------------------------


def test_utf16_index_round_trips_every_position() -> None:
    text = "a😀b👍🏽c\U00020000d ä"
    index = Utf16Index(text)
    for i in range(len(text) + 1):
        assert index.to_index(utf16_len(text[:i])) == i


def test_findings_are_right_after_emoji_and_other_non_bmp_characters() -> None:
    text = "Das 😀 ist ein Fehller.\n👍🏽👍🏽 Noch ein Fehller mit 𠀀 und Tippfehlr."
    client = FakeClient({"Fehller": ("GERMAN_SPELLER_RULE", "TYPOS"), "Tippfehlr": ("GERMAN_SPELLER_RULE", "TYPOS")})
    findings = make_checker(client)(text)
    assert [f.original for f in findings] == ["Fehller", "Fehller", "Tippfehlr"]
    for f in findings:
        assert text[f.start : f.end] == f.original


# -- mapping ---------------------------------------------------------------------------


def test_match_becomes_a_suggestion_with_lt_rule_id_category_and_capped_replacements() -> None:
    text = "Das ist ein Fehller."
    client = FakeClient({"Fehller": ("GERMAN_SPELLER_RULE", "TYPOS")}, replacements=["A", "B", "C", "D", "E"])
    (finding,) = make_checker(client)(text)
    assert finding.rule == "LT:GERMAN_SPELLER_RULE"
    assert finding.category == "typos"
    assert finding.safety == "suggest"
    assert finding.source == "languagetool"
    assert finding.replacements == ["A", "B", "C"]
    assert finding.message.startswith("Möglicher Fehler")
    assert (finding.start, finding.end) == (12, 19)


def test_safe_rules_and_config_safety_promote_lt_rules() -> None:
    text = "Der Hund bellen laut. Er gehen heim."
    client = FakeClient({"bellen": ("DE_AGREEMENT", "GRAMMAR"), "gehen": ("DE_VERBAGREEMENT", "GRAMMAR")})
    findings = make_checker(client, safe_rules=["LT:DE_AGREEMENT"], safety={"LT:DE_VERBAGREEMENT": "safe"})(text)
    assert {f.rule: f.safety for f in findings} == {"LT:DE_AGREEMENT": "safe", "LT:DE_VERBAGREEMENT": "safe"}


def test_a_match_without_replacements_stays_a_suggestion_even_if_listed_safe() -> None:
    client = FakeClient({"Satz": ("SOME_FLAG", "STYLE")}, replacements=[])
    (finding,) = make_checker(client, safe_rules=["SOME_FLAG"])("Ein Satz.")
    assert finding.safety == "suggest" and not finding.is_fix


def test_lt_findings_join_the_engines_conflict_resolution() -> None:
    """A rule's safe fix beats an overlapping LanguageTool suggestion; a safe LT fix is applied."""
    text = "Openai betritt den Markt. Das ist ein Fehller."
    client = FakeClient({"Openai": ("GERMAN_SPELLER_RULE", "TYPOS"), "Fehller": ("GERMAN_SPELLER_RULE", "TYPOS")})
    cleaner = Cleaner.from_config()
    cleaner.extra_checkers.append(make_checker(client, safe_rules=["GERMAN_SPELLER_RULE"]))
    result = cleaner.clean(text)
    by_rule = {(f.rule, f.original): f for f in result.findings}
    assert ("LT:GERMAN_SPELLER_RULE", "Openai") not in by_rule  # the names pack's fix won
    assert by_rule[("LT:GERMAN_SPELLER_RULE", "Fehller")].applied
    assert result.text.startswith("OpenAI betritt") and result.text.endswith("ein Ersatz.")


# -- known names -----------------------------------------------------------------------


def test_matches_on_known_names_are_dropped() -> None:
    text = "Broadcoms Chef lobt Broadcom-Chips und Maia 100. Ein Fehller."
    client = FakeClient(
        {
            "Broadcoms": ("GERMAN_SPELLER_RULE", "TYPOS"),
            "Broadcom-Chips": ("GERMAN_SPELLER_RULE", "TYPOS"),
            "Maia": ("GERMAN_SPELLER_RULE", "TYPOS"),
            "Fehller": ("GERMAN_SPELLER_RULE", "TYPOS"),
        }
    )
    checker = make_checker(client, names=["Broadcom", "Maia 100"])
    assert [f.original for f in checker(text)] == ["Fehller"]
    assert checker.last.dropped == 3


def test_grammar_match_that_includes_a_name_is_kept() -> None:
    text = "Er lobt den Broadcom."
    client = FakeClient({"den Broadcom": ("DE_AGREEMENT", "GRAMMAR")})
    assert [f.original for f in make_checker(client, names=["Broadcom"])(text)] == ["den Broadcom"]


def test_spelling_entries_for_the_server() -> None:
    assert spelling_entries(["Sam Altman", "Maia 100", "TSMC", "Xerox", "A"]) == [
        "Altman/S",
        "Maia/S",
        "Sam/S",
        "TSMC/S",
        "Xerox",
    ]


# -- paragraphs and caching ------------------------------------------------------------


def test_paragraphs_split_at_blank_lines_sentence_ends_and_list_items_not_hard_wraps() -> None:
    text = "# Titel\nEin Satz, der\numbricht. Noch einer.\n\n- Punkt eins\n- Punkt zwei\nEnde.\r\nNeu\n\n  \n"
    assert [text[s:e] for s, e in paragraphs(text)] == [
        "# Titel",
        "Ein Satz, der\numbricht. Noch einer.",
        "- Punkt eins",
        "- Punkt zwei",
        "Ende.",
        "Neu",
    ]


def test_long_paragraph_is_cut_at_sentence_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checker_mod, "MAX_PARAGRAPH", 50)
    text = " ".join(f"Satz Nummer {i} ist hier." for i in range(10))
    spans = paragraphs(text)
    assert len(spans) > 1 and all(e - s <= 50 for s, e in spans)
    assert " ".join(text[s:e] for s, e in spans) == text


def test_unchanged_paragraphs_are_not_sent_again_even_by_a_new_run(tmp_path: Path) -> None:
    text = "Erster Absatz mit Fehller.\n\nZweiter Absatz."
    client = FakeClient({"Fehller": ("GERMAN_SPELLER_RULE", "TYPOS")})
    first = make_checker(client, tmp_path)(text)
    assert len(client.calls) == 2
    again = make_checker(client, tmp_path)  # a new run: only the SQLite file is shared
    assert again(text) == first
    assert len(client.calls) == 2 and again.last.cached == 2
    again(text + "\n\nDritter Absatz.")
    assert client.calls[-1] == "Dritter Absatz." and len(client.calls) == 3


def test_cached_results_map_to_the_paragraphs_new_position(tmp_path: Path) -> None:
    client = FakeClient({"Fehller": ("GERMAN_SPELLER_RULE", "TYPOS")})
    checker = make_checker(client, tmp_path)
    checker("Ein Fehller.")
    text = "Neuer Absatz davor.\n\nEin Fehller."
    (finding,) = checker(text)
    assert text[finding.start : finding.end] == "Fehller"


def test_a_failing_server_is_recorded_and_not_asked_again() -> None:
    class Broken:
        calls = 0

        def check(self, text: str, params: dict[str, str]) -> dict[str, Any]:
            Broken.calls += 1
            raise ConnectionError("server gone")

    checker = LanguageToolChecker(
        client=Broken, options=LanguageToolOptions(), fingerprint="x", cache=ResultCache(None)
    )
    assert checker("Ein Text.") == []
    assert checker("Noch ein Text.") == []
    assert Broken.calls == 1
    assert checker.total.error == "server gone"


# -- options ---------------------------------------------------------------------------


def test_default_disabled_rules_are_sent_and_can_be_switched_back_on() -> None:
    params = LanguageToolOptions().request_params()
    assert set(DEFAULT_DISABLED_RULES) <= set(params["disabledRules"].split(","))
    assert params["disabledCategories"] == "TYPOGRAPHY"
    options = parse_options({"enable": ["LT:WHITESPACE_RULE"], "disable": ["DE_CASE"], "level": "picky"})
    params = options.request_params(["EXTRA"])
    disabled = params["disabledRules"].split(",")
    assert "WHITESPACE_RULE" not in disabled and "DE_CASE" in disabled and "EXTRA" in disabled
    assert params["enabledRules"] == "WHITESPACE_RULE" and params["level"] == "picky"


def test_bad_options_give_one_clear_message() -> None:
    with pytest.raises(ValueError, match=r"languagetool\.workers"):
        parse_options({"workers": 0})
    with pytest.raises(ValueError, match=r"languagetool\.colour"):
        parse_options({"colour": "red"})


def test_normalize_url() -> None:
    assert normalize_url("localhost:8081") == "http://localhost:8081"
    assert normalize_url("http://h:8081/v2/") == "http://h:8081"
    assert normalize_url("https://lt.example.org/api/v2") == "https://lt.example.org/api"
    with pytest.raises(ValueError):
        normalize_url("ftp://h")


# -- when LanguageTool cannot run ------------------------------------------------------


def test_disabled_run_says_so() -> None:
    with open_languagetool(Config(), enabled=False) as lt:
        assert lt.checker is None
        assert lt.summary() == {"ran": False, "enabled": False, "reason": "disabled (--no-languagetool)"}


def test_not_installed_gives_the_install_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEANUP_LANGUAGETOOL_HOME", str(tmp_path / "empty"))
    monkeypatch.delenv("CLEANUP_LANGUAGETOOL_URL", raising=False)
    with open_languagetool(Config(), cache_path=None) as lt:
        assert lt.checker is None
        info = lt.summary()
        assert info["ran"] is False and "cleanup languagetool install" in info["reason"]
        assert lt.message().startswith("LanguageTool did not run: ")


def test_unreachable_url_gives_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("CLEANUP_LANGUAGETOOL_URL", f"http://127.0.0.1:{port}")
    with open_languagetool(Config(), cache_path=None) as lt:
        assert lt.checker is None and f"127.0.0.1:{port}" in lt.summary()["reason"]


def test_bad_config_is_a_reason_not_a_crash() -> None:
    with open_languagetool(Config(languagetool={"workers": "many"}), cache_path=None) as lt:
        assert lt.checker is None and "languagetool.workers" in lt.summary()["reason"]


def test_missing_java_or_maven_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("CLEANUP_LANGUAGETOOL_HOME", str(tmp_path / "lt"))
    with pytest.raises(install_mod.LanguageToolUnavailable) as java:
        install_mod.install()
    assert "Java 17+ not found" in str(java.value) and "\n" not in str(java.value)
    fake_java = tmp_path / "java"
    fake_java.write_text(f"#!{sys.executable}\nimport sys; print('openjdk version \"17.0.1\"', file=sys.stderr)\n")
    fake_java.chmod(0o755)
    with pytest.raises(install_mod.LanguageToolUnavailable) as maven:
        install_mod.install()
    assert "Maven not found" in str(maven.value) and "\n" not in str(maven.value)


def test_old_java_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_java = tmp_path / "java"
    fake_java.write_text(f"#!{sys.executable}\nimport sys; print('java version \"1.8.0_202\"', file=sys.stderr)\n")
    fake_java.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(install_mod.LanguageToolUnavailable, match="is Java 8"):
        install_mod.find_java()


def test_agreement_matches_caused_by_a_broken_compound_are_dropped() -> None:
    """'den KI -Chip-Markt': LanguageTool reads 'KI' as a word and reports 'den KI' → 'der KI'."""
    text = "Einfluss auf den KI -Chip-Markt und den Markt."
    client = FakeClient({"den KI": ("DE_AGREEMENT", "GRAMMAR"), "den Markt": ("DE_AGREEMENT", "GRAMMAR")})
    assert [f.original for f in make_checker(client)(text)] == ["den Markt"]


def test_batches_are_balanced_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    items = [(str(i), "x" * n) for i, n in enumerate([681, 652, 432, 495, 553, 348, 474, 484, 281])]
    batches = checker_mod.make_batches(items, workers=2)
    assert [k for b in batches for k, _ in b] == [k for k, _ in items]  # order kept, nothing lost
    assert len(batches) == 2
    monkeypatch.setattr(checker_mod, "BATCH_CHARS", 1000)
    assert all(sum(len(p) for _, p in b) <= 1000 for b in checker_mod.make_batches(items, workers=1))
    assert checker_mod.make_batches([("a", "kurz")], workers=4) == [[("a", "kurz")]]


def test_batch_answer_is_split_per_paragraph_with_non_bmp_text() -> None:
    paragraphs_ = ["Erster 😀 Fehller.", "👍🏽 Zweiter Fehller.", "Dritter."]
    joined = checker_mod.SEPARATOR.join(paragraphs_)
    response = FakeClient({"Fehller": ("GERMAN_SPELLER_RULE", "TYPOS")}).check(joined, {})
    crossing = lt_match(joined, "Fehller.\n\n👍🏽", "TEXT_LEVEL", "STYLE")  # spans two paragraphs
    response["matches"].append(crossing)
    per = checker_mod.split_response(paragraphs_, response)
    assert [[p[m["start"] : m["end"]] for m in ms] for p, ms in zip(paragraphs_, per, strict=True)] == [
        ["Fehller"],
        ["Fehller"],
        [],
    ]
