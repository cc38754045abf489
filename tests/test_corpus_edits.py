"""The corpus edit counter (bench/corpus_edits.py) on tiny inline corpora.

The rules are written here, not taken from rules/*.yaml, so the counts below do not move
when the built-in packs change.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from helpers import REPO, load_bench_script

ce = load_bench_script("corpus_edits", REPO / "bench")

PACK = """\
pack: corpustest
rules:
  - id: T-HYPHEN
    type: replace
    category: hyphen
    safety: safe
    pattern: '(?<=\\bKI) (?=-Chips)'
    replacement: ""
    message: "Leerzeichen weg"
    examples:
      - bad: "KI -Chips"
        good: "KI-Chips"
  - id: T-YEAR
    type: replace
    category: calque
    safety: suggest
    pattern: '\\bin (?=20\\d\\d\\b)'
    replacement: "im Jahr "
    message: "im Jahr"
    examples:
      - bad: "in 2024"
        good: "im Jahr 2024"
  - id: T-GIANT
    type: flag
    category: english
    pattern: '\\bGiants?\\b'
    message: "Englisch"
    examples:
      - bad: "Chip Giant"
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


def make_corpus(folder: Path, files: dict[str, list[str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in files.items():
        (folder / f"{name}.txt").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return folder


CORRECT = [
    "Die Import- und Exportzahlen steigen, die KI-Chips auch.",
    "Mit ls -la sieht man alle Dateien.",
    "Wörter auf -heit sind Substantive.",
]


def count(pack: Path, lines: list[str], tmp_path: Path, workers: int = 1, limit: int = 10):
    corpus = make_corpus(tmp_path / "corpus", {"mini": lines})
    return ce.run(ce.corpus_files(corpus), rules=[str(pack)], builtin=False, workers=workers, limit=limit)


def test_one_artifact_is_exactly_one_safe_edit(pack, tmp_path):
    tally, enabled = count(pack, [*CORRECT, "Die neuen KI -Chips sind schnell."], tmp_path)
    hyphen = tally.rules["T-HYPHEN"]
    assert (hyphen.edit, hyphen.suggestion, hyphen.flag) == (1, 0, 0)
    [(_, sample)] = hyphen.samples["edit"]
    assert sample["line"] == 4 and sample["source"] == "mini.txt"
    assert sample["before"].endswith("Die neuen KI") and sample["after"].startswith("-Chips")
    assert sample["original"] == " " and sample["replacements"] == [""]
    assert enabled["T-HYPHEN"]["safety"] == "safe"


def test_correct_german_gives_no_finding(pack, tmp_path):
    tally, enabled = count(pack, CORRECT, tmp_path)
    assert tally.rules == {}
    assert tally.paragraphs == 3 and tally.words == sum(ce.count_words(t) for t in CORRECT)
    report = ce.build_report(tally, enabled, 1.0, {})
    assert report["gate"]["passed"]
    assert {r: v["edits"] for r, v in report["rules"].items()} == {"T-HYPHEN": 0, "T-YEAR": 0, "T-GIANT": 0}


def test_suggestions_and_flags_are_not_edits(pack, tmp_path):
    lines = ["Das war in 2024 so.", "Der Chip Giant Broadcom und andere Giants.", "KI -Chips und KI -Chips"]
    tally, _ = count(pack, lines, tmp_path)
    assert (tally.rules["T-YEAR"].edit, tally.rules["T-YEAR"].suggestion) == (0, 1)
    assert (tally.rules["T-GIANT"].edit, tally.rules["T-GIANT"].flag) == (0, 2)
    assert tally.rules["T-HYPHEN"].edit == 2


def test_rate_and_gate(pack, tmp_path):
    # 1 edit in exactly 10 words: 100,000 per million words
    lines = ["eins zwei drei vier fünf sechs sieben acht KI -Chips"]
    assert ce.count_words(lines[0]) == 10
    tally, enabled = count(pack, lines, tmp_path)
    report = ce.build_report(tally, enabled, 1.0, {})
    assert report["rules"]["T-HYPHEN"]["edits_per_million"] == pytest.approx(100_000)
    assert report["gate"] == {"max_safe_per_million": 1.0, "failed": ["T-HYPHEN"], "passed": False}
    assert ce.build_report(tally, enabled, 200_000, {})["gate"]["passed"]


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_workers_give_the_same_counts_and_samples(pack, tmp_path, start_method):
    lines = [f"Absatz {i}: die KI -Chips von Giant {i} in 2024." for i in range(60)] + CORRECT
    one, _ = count(pack, lines, tmp_path, workers=1, limit=5)
    corpus = tmp_path / "corpus"
    two, _ = ce.run(
        ce.corpus_files(corpus),
        rules=[str(pack)],
        builtin=False,
        workers=2,
        limit=5,
        chunk_size=7,
        start_method=start_method,
    )
    assert one.words == two.words and one.paragraphs == two.paragraphs == 63
    for rule in ("T-HYPHEN", "T-YEAR", "T-GIANT"):
        a, b = one.rules[rule], two.rules[rule]
        assert (a.edit, a.suggestion, a.flag) == (b.edit, b.suggestion, b.flag)
        assert a.samples == b.samples  # the sample is chosen by key, not by arrival order
    assert one.rules["T-HYPHEN"].edit == 60 and len(one.rules["T-HYPHEN"].samples["edit"]) == 5


def test_origins_and_max_words(tmp_path):
    corpus = make_corpus(tmp_path / "c", {"src": ["a b c", "d e f", "g h i", "j k l"]})
    (corpus / "src.origins.tsv").write_text("1\tpkg/one\n3\tpkg/two\n", encoding="utf-8")
    paras = list(ce.iter_corpus(ce.corpus_files(corpus)))
    assert [p.origin for p in paras] == ["pkg/one", "pkg/one", "pkg/two", "pkg/two"]
    assert len(list(ce.iter_corpus(ce.corpus_files(corpus), max_words=5))) == 2


def test_main_exit_status_and_report(pack, tmp_path, capsys):
    corpus = make_corpus(tmp_path / "corpus", {"mini": [*CORRECT, "Die KI -Chips."]})
    out = tmp_path / "report.json"
    base = ["--corpus", str(corpus), "--out", str(out), "--no-builtin", "--rules", str(pack), "--workers", "1"]
    assert ce.main(base) == 1  # one edit in 17 words is far above 1 per million
    report = json.loads(out.read_text("utf-8"))
    assert report["rules"]["T-HYPHEN"]["edits"] == 1 and report["gate"]["failed"] == ["T-HYPHEN"]
    assert "| T-HYPHEN | safe | 1 |" in capsys.readouterr().out
    assert ce.main([*base, "--report-only"]) == 0
    assert ce.main([*base, "--max-safe-per-million", "1000000"]) == 0
    clean = make_corpus(tmp_path / "clean", {"mini": CORRECT})
    assert (
        ce.main(["--corpus", str(clean), "--out", str(out), "--no-builtin", "--rules", str(pack), "--workers", "1"])
        == 0
    )


def test_merged_fixes_count_for_every_rule(tmp_path):
    # the second rule only matches after the first one's fix: a fix folded into a later one
    path = tmp_path / "chain.yaml"
    path.write_text(
        textwrap.dedent("""\
        pack: chain
        rules:
          - id: C-ONE
            type: replace
            category: x
            safety: safe
            pattern: 'aa'
            replacement: "b"
            message: m
            examples: [{bad: "aa", good: "b"}]
          - id: C-TWO
            type: replace
            category: x
            safety: safe
            pattern: 'bb'
            replacement: "c"
            message: m
            examples: [{bad: "bb", good: "c"}]
        """),
        encoding="utf-8",
    )
    tally, _ = count(path, ["xx aab yy"], tmp_path)
    assert tally.rules["C-TWO"].edit == 1 and tally.rules["C-ONE"].edit == 1
    [(_, sample)] = tally.rules["C-ONE"].samples["edit"]
    assert sample["merged_into"] == "C-TWO"


def test_reviewed_corpus_errors_are_not_gated_but_false_edits_are(pack, tmp_path):
    lines = [*CORRECT, "Die KI -Chips.", "Auch KI -Chips hier."]
    corpus = make_corpus(tmp_path / "corpus", {"mini": lines})
    review = tmp_path / "reviewed.tsv"
    first = ce.edit_key("T-HYPHEN", lines[3], lines[3].index(" -"))
    second = ce.edit_key("T-HYPHEN", lines[4], lines[4].index(" -"))
    out = tmp_path / "report.json"
    base = [
        "--corpus",
        str(corpus),
        "--out",
        str(out),
        "--no-builtin",
        "--rules",
        str(pack),
        "--workers",
        "1",
        "--reviewed",
        str(review),
    ]

    review.write_text(f"# comment\ncorpus-error\t{first}\tmini.txt:4\n", encoding="utf-8")
    assert ce.main(base) == 1  # the second edit is not reviewed yet
    rule = json.loads(out.read_text("utf-8"))["rules"]["T-HYPHEN"]
    assert (rule["edits"], rule["known_corpus_errors"], rule["gated_edits"]) == (2, 1, 1)

    review.write_text(f"corpus-error\t{first}\tx\ncorpus-error\t{second}\tx\n", encoding="utf-8")
    assert ce.main(base) == 0
    assert ce.main([*base, "--no-reviewed"]) == 1

    review.write_text(f"corpus-error\t{first}\tx\nfalse\t{second}\tx\n", encoding="utf-8")
    assert ce.main([*base, "--write-review", str(tmp_path / "t.tsv")]) == 1  # a false edit counts
    template = (tmp_path / "t.tsv").read_text("utf-8").splitlines()[1:]
    assert sorted(row.split("\t")[0] for row in template) == ["corpus-error", "false"]
    assert {row.split("\t")[1] for row in template} == {first, second}

    review.write_text("maybe\tkey\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        ce.main(base)
