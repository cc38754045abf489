"""Families 1, 2, 8 and 9 (hyphens, punctuation, numbers, split compounds) through the full
built-in cleaner: what must change, exactly how, and the traps that must not change.

Expected texts are written by hand from German orthography, not copied from a run.
"""

from __future__ import annotations

import pytest

from cleanup import Cleaner
from cleanup.detectors.cjk import CjkOptions, make_punctuation
from cleanup.detectors.numbers import german, german_amount
from cleanup.detectors.quotes import QuoteOptions
from cleanup.detectors.quotes import make as make_quotes
from cleanup.document import Document


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner.from_config()


def applied(cleaner: Cleaner, text: str) -> str:
    return cleaner.clean(text).text


def suggested(cleaner: Cleaner, text: str, rule: str) -> list[tuple[str, str]]:
    return [(f.original, f.replacements[0]) for f in cleaner.clean(text).findings if f.rule == rule and not f.applied]


# --------------------------------------------------------------------------- hyphens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Chip -Design -Strategie", "Die Chip-Design-Strategie"),
        ("mit 10.000 NVIDIA -GPUs", "mit 10.000 NVIDIA-GPUs"),
        ("Das 5G -Netz der EU -Kommission", "Das 5G-Netz der EU-Kommission"),
        ("im 3 -Nanometer-Prozess", "im 3-Nanometer-Prozess"),
        ("Das F & E -Team wächst.", "Das F&E-Team wächst."),
        ("eine KI -gestützte Suche", "eine KI-gestützte Suche"),
        ("Die iPhone -Verkäufe und eBay -Händler", "Die iPhone-Verkäufe und eBay-Händler"),
        ("ein Open Source -Projekt", "ein Open-Source-Projekt"),
        (
            "Machine Learning-Modelle und Open Source- und Cloud-Projekte",
            "Machine-Learning-Modelle und Open-Source- und Cloud-Projekte",
        ),
        ("Intel -CPUs und ein ARM -SoC", "Intel-CPUs und ein ARM-SoC"),
        ("bei Open Source -KI", "bei Open-Source-KI"),
        (
            "Software -as-a-Service-Angebote, ein USB -C-Kabel, 28 -nm-Technik",
            "Software-as-a-Service-Angebote, ein USB-C-Kabel, 28-nm-Technik",
        ),
    ],
)
def test_hyphen_spacing_is_fixed(cleaner, text, expected):
    assert applied(cleaner, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Import- und Exportzahlen sowie Ein- und Ausgänge",
        "Wörter auf -heit und -keit",
        "In Peking waren es -12 °C.",
        "Mit git log -p sieht man mehr, mit gcc -O2 -Wall wird es schnell.",
        "Übersetzt mit GCC -Wall und Option -Werror.",
        "Signale: zum Beispiel -HUP oder -SIGHUP, auf drei Arten: -SIGKILL -KILL -9",
        "-P -Option -P Arg -Option oder -Option Arg",
        "icedax dev=1,0 -no-infofile -B -Oraw",
        "Rechner -SchlechterBenutzer",
        "Der Umsatz stieg - trotz der Krise - um fünf Prozent.",
        "Vorteile:\n- schneller\n- günstiger",
        "Java -Xmx512m startet die VM.",
        "AKTIONEN -delete löscht; openssl genpkey -algorithm RSA -pkeyopt bits:2048",
        "X & Y umdrehen, wenn A & B gilt",
        "Microsoft Office-Dokumente importieren",
        "wird die Byte-Reihenfolge -LE (Little Endian) angenommen",
        "Wählen Sie -Auswahl-, um den Bereich festzulegen.",
    ],
)
def test_hyphen_traps_stay(cleaner, text):
    assert applied(cleaner, text) == text


def test_general_coupling_is_only_suggested_next_to_a_stray_space(cleaner):
    text = "über die Microsoft Azure Cloud -Plattform"
    assert applied(cleaner, text) == "über die Microsoft Azure Cloud-Plattform"
    assert suggested(cleaner, text, "HYPHEN-COUPLING-ENGLISH") == [("Microsoft Azure Cloud", "Microsoft-Azure-Cloud")]
    assert suggested(cleaner, "Die Deutsche Bank -Filiale", "HYPHEN-COUPLING-ENGLISH") == []


# --------------------------------------------------------------------------- punctuation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "OpenAI , Google und Meta kooperieren . Dazu kommt Apple.",
            "OpenAI, Google und Meta kooperieren. Dazu kommt Apple.",
        ),
        ("Die Zahl der Nutzer stieg im letzten Jahr deutlich .", "Die Zahl der Nutzer stieg im letzten Jahr deutlich."),
        ("Die  Chips sind teuer.", "Die Chips sind teuer."),
        ("OpenAI，Google und Meta。Das ist gut！Oder？", "OpenAI, Google und Meta. Das ist gut! Oder?"),
        ("Um 12：30 Uhr（Ortszeit）begann es：", "Um 12:30 Uhr (Ortszeit) begann es:"),
        ("Er sagte 「Hallo」 und ging、dann kam ＡＩ。", "Er sagte „Hallo“ und ging, dann kam AI."),
        ("Das Ergebnis war Ã¼berraschend, â€žgutâ€œ.", "Das Ergebnis war überraschend, „gut“."),
    ],
)
def test_punctuation_is_fixed(cleaner, text, expected):
    assert applied(cleaner, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Er zögerte ... und ging.",
        "Die Datei .bashrc im Verzeichnis . ablegen",
        "Das Spiel endete 2 : 1, toll :-) und :)",
        "Mit :wq speichern.",
        "while bedingung ; do befehl ; done",
        "git add .",
        "Ziffernblock .",
        "  eingerückt  und so",
        "Name    Größe    Datum",
        "Satzende.  Neuer Satz.",
        "Dauer: %s ms  Parsen %s",
        "这是中文，不要改。",
        "In den Modi »Ähnliche Farben« und »Änderungen verwerfen«",
        "Zeichenfolgen wie „Ã©“ deuten auf falsche Kodierung hin.",
        '=LINKSB("中国";1) ergibt " "',
        "Er nannte es „bahnbrechend“ – sagte er.",
        "( AUSDRUCK ) AUSDRUCK ist wahr ! AUSDRUCK AUSDRUCK ist falsch",
        "P(effective) = F(effective) ? P(permitted) : P(ambient)",
        "Shell Teil des Befehlsnamens ist: sh -c 'date ; cat'",
        "werden mit einem Schlüssel assoziiert: (Schlüssel . Wert) in der Datei",
        "Danach speichert man alle Änderungen mit git add .",
    ],
)
def test_punctuation_traps_stay(cleaner, text):
    assert applied(cleaner, text) == text


def test_code_line_vetoes_reach_back_over_a_long_line(cleaner):
    text = "git checkout -b topic " + "und noch ein paar weitere Argumente " * 4 + "; git push -u origin"
    assert applied(cleaner, text) == text


def test_chinese_aside_in_fullwidth_brackets_is_deleted(cleaner):
    assert applied(cleaner, "Sam Altman（萨姆·奥特曼）sagte das.") == "Sam Altman sagte das."


def test_chinese_aside_in_ordinary_brackets_is_only_suggested(cleaner):
    text = "Der Übersetzer Cai Qian (蔡芊) und Japanisch (日本語)"
    assert applied(cleaner, text) == text
    assert suggested(cleaner, text, "CJK-TEXT") == [(" (蔡芊)", ""), (" (日本語)", "")]


def test_cjk_punctuation_keeps_indentation_and_line_ends():
    text = "  Erste Zeile，\nzweite Zeile。\n"
    hits = list(make_punctuation(CjkOptions())(Document(text)))
    assert [(text[h.start : h.end], h.replacements) for h in hits] == [("，", [","]), ("。", ["."])]


def test_dash_and_quotes_are_suggestions(cleaner):
    text = 'Der Umsatz stieg - trotz der Krise - weiter, er nannte es "gut".'
    assert applied(cleaner, text) == text
    assert suggested(cleaner, text, "PUNCT-HYPHEN-AS-DASH") == [(" - ", " – "), (" - ", " – ")]
    assert suggested(cleaner, text, "PUNCT-QUOTES") == [('"', "„"), ('"', "“")]


@pytest.mark.parametrize(
    ("style", "marks"),
    [("german", ["„", "“"]), ("guillemets", ["»", "«"]), ("swiss", ["«", "»"])],
)
def test_quote_style_is_configurable(style, marks):
    text = "Er sagte “ja” und ging."
    hits = list(make_quotes(QuoteOptions(style=style))(Document(text)))
    assert [h.replacements[0] for h in hits] == marks


def test_ambiguous_straight_quotes_leave_the_paragraph_alone():
    detect = make_quotes(QuoteOptions())
    assert list(detect(Document('Ein 17" Monitor und "ein Zitat" daneben.'))) == []
    assert list(detect(Document('git log --format="%H" zeigt Hashes.'))) == []


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rund 1,200,000 Menschen und 1,000.5 Tonnen", "Rund 1.200.000 Menschen und 1.000,5 Tonnen"),
        ("Das Netz hat 50,000 Nutzer.", "Das Netz hat 50.000 Nutzer."),
        ("Der Umsatz stieg auf 2.7 Milliarden, plus 3.5 %.", "Der Umsatz stieg auf 2,7 Milliarden, plus 3.5 %."),
        (
            "Die Firma ist 5 billion wert und hat 1 million Nutzer.",
            "Die Firma ist 5 Milliarden wert und hat 1 Million Nutzer.",
        ),
    ],
)
def test_english_numbers_are_fixed(cleaner, text, expected):
    assert applied(cleaner, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Es sind 1,5 Millionen und 1.000 Nutzer, 2,7 Prozent.",
        "Mit Python 3.11 und GPT-4.5 am 2.7.2024 um 12.30 Uhr.",
        "Version 1.2.3, v2.10.1 und der Server 192.168.1.1.",
        "Im Jahr 2024 wog die Probe 1,500 kg.",
        "Die Staatsschulden betragen 2 Billionen Euro.",
        "--manifest-checksums=SHA{224,256,384,512}",
        "Eingaben wie »87.5%« werden gelesen.",
        "background: rgb(72,226,255) 56%",
    ],
)
def test_numbers_that_stay(cleaner, text):
    assert applied(cleaner, text) == text


def test_decimal_point_before_a_unit_is_a_suggestion(cleaner):
    assert suggested(cleaner, "plus 3.5 % bei 2.4 GHz", "NUM-DECIMAL-POINT-UNIT") == [("3.5", "3,5"), ("2.4", "2,4")]


def test_currency_in_front_is_a_suggestion(cleaner):
    text = "OpenAI sammelte $5 billion ein."
    assert applied(cleaner, text) == text
    assert suggested(cleaner, text, "NUM-CURRENCY-PREFIX") == [("$5 billion", "5 Milliarden US-Dollar")]


@pytest.mark.parametrize(
    ("number", "expected"),
    [("1,000", "1.000"), ("2.5", "2,5"), ("1,000.5", "1.000,5"), ("2,5", "2,5"), ("1.000", "1.000"), ("15", "15")],
)
def test_amount_after_a_currency_sign(number, expected):
    assert german_amount(number) == expected


def test_german_swaps_both_marks():
    assert german("1,234,567.89") == "1.234.567,89"


# --------------------------------------------------------------------------- compounds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Als Käufer der NVIDIA GPUs", "Als Käufer der NVIDIA-GPUs"),
        ("mit 10.000 Nvidia GPUs", "mit 10.000 Nvidia-GPUs"),
        ("der neue Microsoft Supercomputer", "der neue Microsoft-Supercomputer"),
    ],
)
def test_gated_brand_compounds_are_fixed(cleaner, text, expected):
    assert applied(cleaner, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "weil Nvidia GPUs liefert",
        "Der Investor, der Apple Aktien verkaufte, schwieg.",
        "die Google Cloud, Microsoft Teams und die Apple Watch",
        "die Deutsche Bank, Goldman Sachs und Red Hat",
    ],
)
def test_brand_pairs_that_stay(cleaner, text):
    assert applied(cleaner, text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sowie ein Software Update für ältere Geräte", "sowie ein Software-Update für ältere Geräte"),
        (
            "Betroffen ist die Xbox Sparte. Das Gaming Geschäft wuchs.",
            "Betroffen ist die Xbox-Sparte. Das Gaming-Geschäft wuchs.",
        ),
        (
            "Viele Cloud Kunden wollen in Cloud Infrastruktur investieren.",
            "Viele Cloud-Kunden wollen in Cloud-Infrastruktur investieren.",
        ),
        ("Für Windows Nutzer endet der Support im Oktober.", "Für Windows-Nutzer endet der Support im Oktober."),
        (
            "Bei HBM Speicherchips liegt Samsung mit Exynos Prozessoren zurück.",
            "Bei HBM-Speicherchips liegt Samsung mit Exynos-Prozessoren zurück.",
        ),
    ],
)
def test_split_compounds_that_grammar_proves_are_fixed(cleaner, text, expected):
    assert applied(cleaner, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Zuletzt hat auch Google Mitarbeiter entlassen.",
        "Damit wird Apple Partner der Telekom und Nvidia Marktführer.",
        "Bis 2030 will Google Infrastruktur für 40 Milliarden Dollar bauen.",
        "Er sagte, weil die Cloud Kunden gewinnt, wachse der Markt.",
        "Die Kosten pro Chip Hersteller sinken.",
        "Bei Google Mitarbeiter zu entlassen, ist neu.",
        "Google Mitarbeiter entlassen",
        "Windows Server unterstützt das Protokoll, und Windows Update lädt es.",
        "Die Google Cloud Plattform und Google Tensor Prozessoren",
        "Apple Laptop",
        "Es läuft unter Android Version 14.",
    ],
)
def test_split_pairs_without_proof_stay(cleaner, text):
    assert applied(cleaner, text) == text


def test_ungated_pairs_are_suggested(cleaner):
    text = "einer der größten Käufer von NVIDIA GPUs, die sich auf Microsoft Supercomputer verlassen"
    assert applied(cleaner, text) == text
    assert suggested(cleaner, text, "COMPOUND-SPLIT") == [
        ("NVIDIA GPUs", "NVIDIA-GPUs"),
        ("Microsoft Supercomputer", "Microsoft-Supercomputer"),
    ]
