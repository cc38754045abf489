"""Bilingual checks on XLIFF and PO files: numbers, untranslated targets, glossary terms."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from cleanup import Cleaner
from cleanup.findings import Finding
from cleanup.formats import load_glossary, process_file
from cleanup.formats.bilingual import Glossary
from cleanup.textio import InputError


@pytest.fixture(scope="module")
def no_rules() -> Cleaner:
    return Cleaner.from_config(builtin=False)


def flags(
    tmp_path: Path,
    pairs: list[tuple[str, str]],
    cleaner: Cleaner,
    *,
    language: str = "en",
    glossary: Glossary | None = None,
) -> list[Finding]:
    units = "".join(
        f'<trans-unit id="u{i}"><source>{escape(s)}</source><target>{escape(t)}</target></trans-unit>'
        for i, (s, t) in enumerate(pairs, start=1)
    )
    path = tmp_path / "pairs.xlf"
    path.write_text(
        f'<xliff version="1.2"><file source-language="{language}" target-language="de">'
        f"<body>{units}</body></file></xliff>",
        encoding="utf-8",
    )
    findings = process_file(path, cleaner, glossary=glossary).result.findings
    assert all(f.category == "bilingual" and not f.replacements for f in findings)
    return findings


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("It costs $1,500.", "Er kostet 1.500 $."),
        ("Revenue reached 3.5 billion dollars.", "Der Umsatz erreichte 3,5 Milliarden Dollar."),
        ("1.5 million users", "1,5 Mio. Nutzer"),
        ("2 GPUs and 12 racks", "zwei GPUs und zwölf Racks"),
        ("Version 4.2 ships in Q3.", "Version 4.2 erscheint im Q3."),
        ("Page %1$s of {0}", "Seite %1$s von {0}"),  # digits in placeholders are not numbers
    ],
)
def test_numbers_that_survive_translation_are_not_flagged(tmp_path, no_rules, source, target):
    assert flags(tmp_path, [(source, target)], no_rules) == []


def test_chinese_magnitudes_are_compared_by_value(tmp_path, no_rules):
    pairs = [("营收达到10亿美元", "Der Umsatz erreichte 1 Milliarde Dollar."), ("3万台", "30.000 Geräte")]
    assert flags(tmp_path, pairs, no_rules, language="zh-CN") == []


@pytest.mark.parametrize(
    ("source", "target", "flagged", "named"),
    [
        ("Revenue grew 25% this year.", "Der Umsatz stieg um 52 % in diesem Jahr.", "52", ["„25“", "„52“"]),
        ("It costs 1 billion dollars.", "Es kostet 1 Billion Dollar.", "1", ["„1“"]),  # Billion = 10^12
        ("3.5 billion", "35 Milliarden", "35", ["„3.5“"]),
        ("The racks ship in 2026.", "Die Racks kommen im nächsten Jahr.", None, ["„2026“"]),
    ],
)
def test_missing_or_changed_numbers_are_flagged(tmp_path, no_rules, source, target, flagged, named):
    (finding,) = flags(tmp_path, [(source, target)], no_rules)
    assert finding.rule == "BILINGUAL-NUMBERS"
    assert finding.original == (flagged or target)  # the odd number, else the whole target
    assert all(name in finding.message for name in named)


def test_a_target_left_in_english_is_flagged(tmp_path, no_rules):
    pairs = [("Read more", "Read more"), ("Broadcom", "Broadcom"), ("Open Source", "Open Source")]
    (finding,) = flags(tmp_path, pairs, no_rules)
    assert (finding.rule, finding.original, finding.location["unit"]) == ("BILINGUAL-UNTRANSLATED", "Read more", "u1")
    assert flags(tmp_path, [("Read more", "Read more")], no_rules, language="zh") == []


def test_plural_forms_are_compared_with_the_plural_msgid(tmp_path, no_rules):
    path = tmp_path / "plural.po"
    path.write_text(
        'msgid "1 file was saved"\nmsgid_plural "%d files were saved"\n'
        'msgstr[0] "1 Datei wurde gespeichert"\nmsgstr[1] "%d Dateien wurden gespeichert"\n\n'
        'msgid "Saved 3 files"\nmsgstr "4 Dateien gespeichert"\n',
        encoding="utf-8",
    )
    findings = process_file(path, no_rules).result.findings
    assert [(f.rule, f.original, f.location["msgid"]) for f in findings] == [
        ("BILINGUAL-NUMBERS", "4", "Saved 3 files")
    ]


def test_glossary_from_csv_with_header_alternatives_and_inflection(tmp_path, no_rules):
    path = tmp_path / "terms.csv"
    path.write_text("source;target;also\ndata center;Rechenzentrum;Datacenter\nGPU;Grafikprozessor\n", encoding="utf-8")
    glossary = load_glossary(path)
    assert [(t.source, t.targets) for t in glossary.terms] == [
        ("data center", ("Rechenzentrum", "Datacenter")),
        ("GPU", ("Grafikprozessor",)),
    ]
    pairs = [
        ("The data center is full.", "Das Rechenzentrum ist voll."),
        ("Two data centers", "Zwei Rechenzentren"),  # inflected
        ("A new datacenter", "Ein neues Datacenter"),  # "datacenter" is not the term "data center"
        ("Our data center", "Unser Datacenter"),  # the alternative
        ("8 GPUs per rack", "8 GPUs pro Rack"),
    ]
    (finding,) = flags(tmp_path, pairs, no_rules, glossary=glossary)
    assert finding.rule == "BILINGUAL-GLOSSARY" and finding.location["unit"] == "u5"
    assert finding.message == "Glossar: „GPU“ heißt „Grafikprozessor“; die Übersetzung verwendet es nicht."


TBX_BASIC = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
  <text><body>
    <termEntry id="c1">
      <langSet xml:lang="en"><tig><term>GPU</term></tig></langSet>
      <langSet xml:lang="de-DE">
        <tig><term>Grafikprozessor</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <tig><term>GPU</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>
"""

TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Core" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en"><termSec><term>inference</term></termSec></langSec>
      <langSec xml:lang="de"><termSec><term>Inferenz</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


@pytest.mark.parametrize(
    ("content", "source", "german"), [(TBX_BASIC, "GPU", ("Grafikprozessor",)), (TBX_V3, "inference", ("Inferenz",))]
)
def test_glossary_from_tbx_skips_deprecated_german_terms(tmp_path, no_rules, content, source, german):
    path = tmp_path / "terms.tbx"
    path.write_text(content, encoding="utf-8")
    glossary = load_glossary(path)
    assert [(t.source, t.targets) for t in glossary.terms] == [(source, german)]
    (finding,) = flags(
        tmp_path, [(f"The {source} is fast.", f"Die {source} ist schnell.")], no_rules, glossary=glossary
    )
    assert finding.rule == "BILINGUAL-GLOSSARY"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.csv", "GPU;Grafikprozessor\nTPU\n", "bad.csv:2: a glossary row needs"),
        ("bad.tbx", "<martif><text>", "bad.tbx: not a TBX file"),
        ("empty.tbx", "<martif/>", "empty.tbx: not a TBX file (no termEntry or conceptEntry)"),
    ],
)
def test_a_broken_glossary_is_an_input_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message.replace(".", r"\.").replace("(", r"\(").replace(")", r"\)")):
        load_glossary(path)


def test_bilingual_checks_can_be_disabled_like_rules(tmp_path):
    pairs = [("Revenue grew 25%.", "Der Umsatz stieg um 52 %."), ("Read more", "Read more")]
    only_untranslated = Cleaner.from_config(builtin=False, disable=["BILINGUAL-NUMBERS"])
    assert [f.rule for f in flags(tmp_path, pairs, only_untranslated)] == ["BILINGUAL-UNTRANSLATED"]
    assert flags(tmp_path, pairs, Cleaner.from_config(builtin=False, disable=["bilingual"])) == []
