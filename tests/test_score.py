"""The evaluation scorer (bench/score.py): parser and scoring on hand-made cases.

The cleaner's result is faked, so these numbers do not depend on the rule packs.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_score():
    spec = importlib.util.spec_from_file_location("bench_score", ROOT / "bench" / "score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


score = _load_score()


@dataclass
class FakeFinding:
    start: int
    end: int
    replacements: list[str]
    applied: bool = True
    rule: str = "FAKE"
    category: str = "fake"
    message: str = ""


@dataclass
class FakeResult:
    text: str
    findings: list[FakeFinding] = field(default_factory=list)


def at(case, needle: str, replacement: str | None, *, applied: bool = True, nth: int = 0, **kw) -> FakeFinding:
    """A finding on the nth occurrence of `needle` in the case's original text."""
    pos = -1
    for _ in range(nth + 1):
        pos = case.text.index(needle, pos + 1)
    reps = [] if replacement is None else [replacement]
    return FakeFinding(pos, pos + len(needle), reps, applied and replacement is not None, **kw)


def result(case, *findings: FakeFinding) -> FakeResult:
    applied = [f for f in findings if f.applied]
    return FakeResult(score.apply_findings(case.text, applied), list(findings))


def one(annotated: str):
    return score.parse_case_text(annotated)


def tally(case, *findings):
    return score.score_cases([case], [result(case, *findings)]).total()


# --------------------------------------------------------------------------- parser


def test_parse_file_cases_comments_paragraphs():
    text = (
        "# a comment\n"
        "=== first\n"
        "Die [[KI -Chips=>KI-Chips#hyphen]] sind ¶ neu.\n"
        "\n"
        "=== second\n"
        "# comment inside a case\n"
        "Ohne Artefakt.\n"
    )
    cases = score.parse(text, "x.txt")
    assert [c.id for c in cases] == ["first", "second"]
    first = cases[0]
    assert first.text == "Die KI -Chips sind\nneu."
    (a,) = first.artifacts
    assert (a.start, a.end, a.wrong, a.alternatives, a.family, a.kind) == (
        4,
        13,
        "KI -Chips",
        ("KI-Chips",),
        "hyphen",
        "fix",
    )
    assert first.text[a.start : a.end] == a.wrong
    assert first.line == 3 and first.source == "x.txt"
    assert first.expected == "Die KI-Chips sind\nneu."
    assert cases[1].text == "Ohne Artefakt." and cases[1].artifacts == []


def test_parse_kinds_flag_optional_delete_and_last_hash():
    case = one(
        "[[Chip Giant=>?|Chipriese|Chip-Riese#untranslated]] [[Camp of Giants=>?#untranslated]] "
        '[["Cloud"=>„Cloud“|"Cloud"#punctuation]] wird [[wird =>#repeat]]gebaut [[C #=>C##casing]]'
    )
    flag, bare, optional, delete, sharp = case.artifacts
    assert flag.kind == "flag" and flag.alternatives == ("Chipriese", "Chip-Riese")
    assert bare.kind == "flag" and bare.alternatives == ()
    assert optional.kind == "optional" and optional.choices == ('"Cloud"', "„Cloud“")
    assert delete.kind == "fix" and delete.alternatives == ("",) and delete.wrong == "wird "
    assert sharp.wrong == "C #" and sharp.alternatives == ("C#",) and sharp.family == "casing"
    assert case.text == 'Chip Giant Camp of Giants "Cloud" wird wird gebaut C #'


def test_parse_paragraph_mark_inside_artifact():
    case = one("Ende[[ ¶ ¶ => ¶ #punctuation]]Anfang")
    assert case.text == "Ende\n\nAnfang"
    assert case.artifacts[0].wrong == "\n\n" and case.artifacts[0].alternatives == ("\n",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("=== a\nein [[Fehler#hyphen]]\n", "has no '=>'"),
        ("=== a\nein [[Fehler=>Fix]]\n", "has no '#family'"),
        ("=== a\nein [[Fehler=>Fix#Hyphen Family]]\n", "bad family"),
        ("=== a\nein [[Fehler=>Fix#hyphen\n", "unbalanced"),
        ("=== a\nein Fehler]] hier\n", "unbalanced"),
        ("=== a\nein [[Fehler=>Fehler#hyphen]]\n", "only allows itself"),
        ("Text vor dem Fall\n=== a\nx\n", "before the first"),
        ("=== a\nx\n=== a\ny\n", "duplicate case id"),
        ("=== a\n=== b\ny\n", "has no text"),
    ],
)
def test_parse_errors_name_file_and_line(text, message):
    with pytest.raises(score.FormatError, match=message) as err:
        score.parse(text, "bad.txt")
    assert str(err.value).startswith("bad.txt:")


def test_seed_annotation_rebuilds_the_sample_text():
    seed = ROOT / "bench" / "eval" / "seed.txt"
    plain = Path("/work/shared/seeds/000_bf799175d107c530.txt")
    if not seed.exists():
        pytest.skip("no seed copy")
    (case,) = score.parse_file(seed)
    if plain.exists():
        assert case.text == plain.read_text(encoding="utf-8")
    for a in case.artifacts:
        assert case.text[a.start : a.end] == a.wrong


# --------------------------------------------------------------------------- scoring


def test_correct_fix():
    case = one("Die [[KI -Chips=>KI-Chips#hyphen]] sind da.")
    t = tally(case, at(case, " -", "-"))
    assert (t.fix, t.fixed, t.correct, t.wrong, t.false_edits) == (1, 1, 1, 0, 0)
    assert t.precision == 1.0 and t.fix_recall == 1.0 and t.f05 == 1.0


def test_fix_by_a_wider_finding_that_gives_the_right_text():
    case = one("Die [[KI -Chips=>KI-Chips#hyphen]] sind da.")
    t = tally(case, at(case, "Die KI -Chips", "Die KI-Chips"))
    assert (t.fixed, t.correct, t.wrong, t.false_edits) == (1, 1, 0, 0)


def test_wrong_fix():
    case = one("Die [[KI -Chips=>KI-Chips#hyphen]] sind da.")
    t = tally(case, at(case, " -", " - "))
    assert (t.fix, t.fixed, t.correct, t.wrong, t.false_edits) == (1, 0, 0, 1, 0)
    assert t.precision == 0.0 and t.fix_recall == 0.0 and t.f05 == 0.0


def test_finding_spilling_out_of_the_artifact_is_a_wrong_fix():
    case = one("Die [[KI -Chips=>KI-Chips#hyphen]] sind da.")
    t = tally(case, at(case, "KI -Chips sind", "KI-Chips waren"))
    assert (t.fixed, t.correct, t.wrong, t.false_edits) == (0, 0, 1, 0)


def test_false_edit_and_missed_fix():
    case = one("Die [[KI -Chips=>KI-Chips#hyphen]] sind da.")
    report = score.score_cases([case], [result(case, at(case, "sind", "waren", category="grammar"))])
    t = report.total()
    assert (t.fix, t.fixed, t.correct, t.wrong, t.false_edits) == (1, 0, 0, 0, 1)
    assert t.precision == 0.0
    statuses = sorted(o.status for o in report.problems())
    assert statuses == ["false-edit", "missed"]
    assert report.by_family()["grammar"].false_edits == 1  # counted under the finding's category


def test_noop_edit_is_not_a_false_edit():
    case = one("Die [[KI -Chips=>KI-Chips#hyphen]] sind da.")
    t = tally(case, at(case, "sind", "sind"))
    assert t.false_edits == 0 and t.precision == 1.0  # nothing changed: M2 convention


def test_optional_fix_counts_in_precision_not_recall():
    case = one('Die [["Cloud"=>„Cloud“|"Cloud"#punctuation]] wächst.')
    untouched = tally(case)
    assert (untouched.fix, untouched.optional, untouched.correct) == (0, 1, 0)
    assert untouched.fix_recall == 1.0 and untouched.precision == 1.0
    changed = tally(case, at(case, '"Cloud"', "„Cloud“"))
    assert (changed.fix, changed.fixed, changed.correct, changed.wrong) == (0, 0, 1, 0)
    broken = tally(case, at(case, '"Cloud"', "'Cloud'"))
    assert (broken.correct, broken.wrong) == (0, 1)


def test_flag_pointed_at_by_a_suggestion():
    case = one("Sie arbeitet [[mit dem Chip Giant=>?|mit dem Chipriesen#untranslated]] zusammen.")
    hit = tally(case, at(case, "Giant", None))
    assert (hit.flag, hit.flagged, hit.correct, hit.wrong) == (1, 1, 0, 0)
    assert hit.flag_recall == 1.0 and hit.fix_recall == 1.0 and hit.precision == 1.0
    elsewhere = tally(case, at(case, "arbeitet", None))
    assert (elsewhere.flag, elsewhere.flagged) == (1, 0)
    unapplied = tally(case, at(case, "Chip Giant", "Chipriesen", applied=False))
    assert unapplied.flagged == 1 and unapplied.correct == 0


def test_flag_fixed_right_and_wrong():
    case = one("Sie arbeitet [[mit dem Chip Giant=>?|mit dem Chipriesen#untranslated]] zusammen.")
    right = tally(case, at(case, "Chip Giant", "Chipriesen"))
    assert (right.flagged, right.correct, right.wrong) == (1, 1, 0)
    wrong = tally(case, at(case, "Chip Giant", "Chip-Gigant"))
    assert (wrong.flagged, wrong.correct, wrong.wrong) == (1, 0, 1)
    bare = one("Das [[Camp of Giants=>?#untranslated]] wächst.")
    changed = tally(bare, at(bare, "Camp of Giants", "Lager der Riesen"))
    assert (changed.flagged, changed.correct, changed.wrong) == (1, 0, 1)


def test_deletion_with_a_differently_placed_span():
    case = one("Das Werk wird [[wird =>#repeat]]gebaut.")
    # the cleaner deletes " wird" (space first); the region still comes out right
    t = tally(case, at(case, " wird", "", nth=1))
    assert (t.fix, t.fixed, t.correct, t.wrong, t.false_edits) == (1, 1, 1, 0, 0)


def test_insertion_artifact_and_zero_width_fix():
    case = one("Er sagte[[=>,#punctuation]] dass es geht.")
    pos = case.text.index(" dass")
    t = tally(case, FakeFinding(pos, pos, [","]))
    assert (t.fix, t.fixed, t.correct) == (1, 1, 1)
    wrong = tally(case, FakeFinding(pos, pos, [";"]))
    assert (wrong.fixed, wrong.wrong) == (0, 1)


def test_one_finding_over_two_artifacts():
    case = one("Die [[AI -Chip=>KI-Chip#terminology]][[ ,=>,#punctuation]] die neu sind.")
    both = tally(case, at(case, "AI -Chip ,", "KI-Chip,"))
    assert (both.fix, both.fixed, both.correct, both.wrong) == (2, 2, 2, 0)
    half = tally(case, at(case, "AI -Chip ,", "KI-Chip ,"))
    assert (half.fixed, half.correct, half.wrong) == (1, 1, 0)  # the comma is simply missed
    bad = tally(case, at(case, "AI -Chip ,", "KI Chip;"))
    assert (bad.fixed, bad.correct, bad.wrong) == (0, 0, 2)


def test_mixed_case_hand_computed_numbers():
    case = one(
        "[[Openai=>OpenAI#casing]] baut [[AI -Chips=>KI-Chips#terminology]] für "
        "[[Microsoft Supercomputer=>Microsoft-Supercomputer#compound]] mit dem "
        "[[Chip Giant=>?|Chipriesen#untranslated]] und [[Independenz=>Unabhängigkeit#falsefriend]], "
        "ein [[strategisches Layout=>?|strategische Ausrichtung#calque]] und "
        '[["Blackwell"=>„Blackwell“|"Blackwell"#punctuation]] von Nvidia.'
    )
    findings = [
        at(case, "Openai", "OpenAI"),  # correct fix
        at(case, "AI -Chips", "KI -Chips"),  # wrong fix
        at(case, "baut", "bauen"),  # false edit
        at(case, "Chip Giant", None),  # flag hit (suggestion without replacement)
        at(case, "strategisches Layout", "strategische Ausrichtung"),  # correct fix of a flag
        at(case, '"Blackwell"', "„Blackwell“"),  # correct optional fix
    ]
    t = tally(case, *findings)
    # fix artifacts: Openai, AI -Chips, Supercomputer, Independenz → 1 fixed
    assert (t.fix, t.fixed) == (4, 1)
    assert (t.flag, t.flagged) == (2, 2)
    assert t.optional == 1
    assert (t.correct, t.wrong, t.false_edits) == (3, 1, 1)
    assert t.fix_recall == pytest.approx(0.25)
    assert t.flag_recall == pytest.approx(1.0)
    assert t.precision == pytest.approx(0.6)
    assert t.f05 == pytest.approx(1.25 * 0.6 * 0.25 / (0.25 * 0.6 + 0.25))  # 0.46875


def test_per_family_tallies():
    case = one("[[Openai=>OpenAI#casing]] und [[Chatgpt=>ChatGPT#casing]] mit [[KI -Chips=>KI-Chips#hyphen]].")
    report = score.score_cases([case], [result(case, at(case, "Openai", "OpenAI"))])
    fam = report.by_family()
    assert (fam["casing"].fix, fam["casing"].fixed) == (2, 1)
    assert (fam["hyphen"].fix, fam["hyphen"].fixed) == (1, 0)
    assert fam["casing"].fix_recall == 0.5


def test_inconsistent_cleaned_text_is_an_error():
    case = one("Die [[KI -Chips=>KI-Chips#hyphen]] sind da.")
    bad = FakeResult("etwas anderes", [at(case, " -", "-")])
    with pytest.raises(ValueError, match="offsets cannot be trusted"):
        score.score_cases([case], [bad])


def test_empty_tally_conventions():
    t = score.Tally()
    assert t.precision == 1.0 and t.fix_recall == 1.0 and t.flag_recall == 1.0


# --------------------------------------------------------------------------- command line


class FakeCleaner:
    """Fixes every ' -' before a capital letter; nothing else."""

    def clean(self, text: str) -> FakeResult:
        import re

        findings = [FakeFinding(m.start(), m.start() + 1, [""]) for m in re.finditer(r" (?=-[A-ZÄÖÜ])", text)]
        return FakeResult(score.apply_findings(text, findings), findings)


@pytest.fixture
def annotated(tmp_path, monkeypatch):
    monkeypatch.setattr(score, "make_cleaner", lambda *a, **k: FakeCleaner())
    path = tmp_path / "eval.txt"
    path.write_text(
        "=== one\nDie [[KI -Chips=>KI-Chips#hyphen]] und [[Openai=>OpenAI#casing]] ¶ "
        "und [[Chip Giant=>?|Chipriese#untranslated]].\n",
        encoding="utf-8",
    )
    return path


def test_cli_thresholds(annotated, capsys):
    assert score.main([str(annotated)]) == 0
    out = capsys.readouterr().out
    assert "fix recall 0.500" in out and "precision 1.000" in out
    assert score.main([str(annotated.parent), "--min-precision", "0.99", "--min-fix-recall", "0.5"]) == 0
    assert score.main([str(annotated), "--min-fix-recall", "0.95"]) == 1
    assert score.main([str(annotated), "--min-flag-recall", "0.9"]) == 1
    assert "below threshold: flag recall" in capsys.readouterr().err


def test_cli_json_and_verbose(annotated, capsys):
    assert score.main([str(annotated), "--json", "--verbose"]) == 0
    data = json.loads(capsys.readouterr().out)
    total = data["total"]
    assert total["overall"]["fix"] == 2 and total["overall"]["fixed"] == 1
    assert {p["status"] for p in total["problems"]} == {"missed", "unflagged"}
    assert score.main([str(annotated), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "MISS" in out and "⟦Openai⟧" in out


def test_cli_format_error_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text("=== a\n[[kaputt\n", encoding="utf-8")
    assert score.main([str(bad)]) == 2
    assert f"{bad}:2:" in capsys.readouterr().err
    assert score.main([str(tmp_path / "missing.txt")]) == 2
