"""The language packs (terminology, untranslated, falsefriends, calques) and the code behind
them: consistency options, the untranslated-English detector, quote spans.

Expected texts are written by hand from German usage, not copied from the program."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.cleaner import Cleaner
from cleanup.document import Document
from cleanup.engine import clean_text
from cleanup.language import classify, quoted_spans

RULES = Path(__file__).resolve().parent.parent / "rules"
LANGUAGE_PACKS = ["terminology.yaml", "untranslated.yaml", "falsefriends.yaml", "calques.yaml"]


@pytest.fixture(scope="module")
def language() -> Cleaner:
    """Only the packs under test (plus hyphen for the AI -Chips interplay)."""
    return Cleaner.from_config(builtin=False, rules=[RULES / p for p in [*LANGUAGE_PACKS, "hyphen.yaml"]])


def found(cleaner: Cleaner, text: str, rule: str) -> list[tuple[str, list[str], str, bool]]:
    return [(f.original, f.replacements, f.safety, f.applied) for f in cleaner.clean(text).findings if f.rule == rule]


# ---------------------------------------------------------------- terminology


def test_ai_becomes_ki_in_a_ki_text_also_in_spaced_compounds(language):
    text = "Die KI boomt. KI-Chips sind knapp, und AI -Chips von AMD auch. Der AI-Markt wächst."
    cleaned = "Die KI boomt. KI-Chips sind knapp, und KI-Chips von AMD auch. Der KI-Markt wächst."
    assert language.clean(text).text == cleaned


@pytest.mark.parametrize(
    "name",
    ["OpenAI", "xAI", "01.AI", "Character.AI", "der AI Act", "Scale AI", "Google AI", "Meta AI", "AI Overviews"],
)
def test_names_containing_ai_stay_in_a_ki_text(language, name):
    text = f"Die KI boomt, KI-Chips sind knapp. {name} ist Teil davon, sagt der AI-Experte."
    assert language.clean(text).text == text.replace("AI-Experte", "KI-Experte")


def test_quoted_english_titles_are_neither_counted_nor_changed(language):
    text = "Der Bericht „The State of AI“ und „AI Index“ zeigen: KI wächst. AI-Chips auch."
    assert language.clean(text).text == text.replace("AI-Chips", "KI-Chips")


def test_a_mostly_ai_text_stays_consistent_with_itself(language):
    text = "AI-Chips, AI-Modelle und AI-Software; nur einmal steht KI da."
    assert language.clean(text).text == "AI-Chips, AI-Modelle und AI-Software; nur einmal steht AI da."


@pytest.mark.parametrize("name", ["Business AI", "Sakana AI", "AI Mode", "Generative AI"])
def test_a_neighbour_that_is_not_common_german_makes_ai_a_name(language, name):
    text = f"Die KI wächst, und {name} gehört dazu; die KI-Chips auch."
    assert language.clean(text).findings == []


def test_ai_after_common_german_words_and_in_compounds_is_changed(language):
    ki = "KI hier, KI da, KI-Chips, KI-Modelle und KI-Labore. "
    text = ki + "Die AI wächst, Neue AI-Chips kommen, Googles AI lernt, AI in der Medizin hilft."
    cleaned = ki + "Die KI wächst, Neue KI-Chips kommen, Googles KI lernt, KI in der Medizin hilft."
    assert language.clean(text).text == cleaned


def test_an_unmixed_text_gets_no_terminology_finding(language):
    assert found(language, "AI-Chips und AI-Modelle von OpenAI.", "TERM-KI-AI") == []


def test_email_spellings_are_suggested_with_their_ending_and_the_enamel_is_left(language):
    text = "Per E-Mail kamen viele Emails und eine Email-Adresse. Das Email des Topfes hält."
    result = language.clean(text)
    assert result.text == text
    suggested = [(f.original, f.replacements) for f in result.findings if f.rule == "TERM-EMAIL"]
    assert suggested == [("Emails", ["E-Mails"]), ("Email", ["E-Mail"])]


def test_targets_keep_a_rule_from_writing_a_form_it_only_tolerates(language):
    assert (
        language.clean("Das Startup, zwei Startups und ein Start-up.").text
        == "Das Startup, zwei Startups und ein Startup."
    )
    result = language.clean("Das Start-Up, zwei Start-Ups und ein Startup.")
    assert result.text == result.original
    assert {f.replacements[0] for f in result.findings if f.rule == "TERM-STARTUP"} == {"Start-up", "Start-ups"}


def test_consistency_schema_stays_backwards_compatible(make_rules):
    """A rule written before targets/endings/skip_quoted existed behaves as before."""
    checks = make_rules(
        """
        pack: t
        rules:
          - id: C
            type: consistency
            category: terminology
            safety: safe
            variants: [KI, AI]
            message: '{match}'
            examples: [{bad: 'KI KI AI', good: 'KI KI KI'}]
        """
    )
    assert clean_text("AI, AI und KI", checks).text == "AI, AI und AI"
    assert clean_text("„KI“, AI und AI", checks).text == "„AI“, AI und AI"


def test_consistency_rejects_targets_that_are_not_variants(make_rules):
    from cleanup.loader import RuleFileError

    with pytest.raises(RuleFileError, match="targets"):
        make_rules(
            """
            pack: t
            rules:
              - id: C
                type: consistency
                category: terminology
                variants: [KI, AI]
                targets: [ML]
                message: '{match}'
                examples: [{ok: 'KI'}]
            """
        )


# ---------------------------------------------------------------- untranslated English


@pytest.mark.parametrize(
    ("sentence", "span", "first_suggestion"),
    [
        ("OpenAI kooperierte mit dem Chip Giant Broadcom beim Design.", "Chip Giant", "Chipriesen"),
        ("Der Chip Giant Broadcom liefert die Entwürfe an OpenAI.", "Chip Giant", "Chipriese"),
        ("Die Firma steht im Wettbewerb mit Giants wie Google und Microsoft.", "Giants", "Riesen"),
        ("Der Konzern will seine Supply Chain bis 2026 neu aufstellen.", "Supply Chain", "Lieferkette"),
        ("Der Handelsstreit ist ein Trade War mit offenem Ausgang für alle.", "Trade War", "Handelskrieg"),
    ],
)
def test_known_english_phrases_are_flagged_with_a_german_wording(language, sentence, span, first_suggestion):
    result = language.clean(sentence)
    assert result.text == sentence  # suggestions only
    ((original, replacements, safety, applied),) = found(language, sentence, "UNTRANSLATED-ENGLISH")
    assert (original, replacements[0], safety, applied) == (span, first_suggestion, "suggest", False)


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Die Firma schließt sich dem Chip Camp of Technology Giants wie Meta an.", "Chip Camp of Technology Giants"),
        ("Die Aktie verlor nach den Earnings Reports deutlich an Wert.", "Earnings Reports"),
        ("Nach dem Skandal trat der Chairman of the Board sofort zurück.", "Chairman of the Board"),
        ("Die Plattform kämpft mit Fake Accounts and Spam in großen Mengen.", "Fake Accounts and Spam"),
    ],
)
def test_unknown_english_runs_are_flagged(language, sentence, span):
    assert [f[0] for f in found(language, sentence, "UNTRANSLATED-ENGLISH")] == [span]


@pytest.mark.parametrize(
    "sentence",
    [
        "Das Wall Street Journal berichtete, dass die Software in der Cloud läuft.",
        "Das Start-up nutzt Microsoft Azure und ein neues Design für die App.",
        "Die Bank of America und General Motors melden ein starkes Quartal.",
        "Die Federal Trade Commission (FTC) prüft die Übernahme durch Microsoft.",
        "Der Bericht „State of the Industry“ erscheint jedes Jahr im Herbst.",
        "Die Studie The Economics of Chips von 2023 ist lesenswert.",
        "Big Data und Machine Learning verändern das Geschäft vieler Banken.",
        "Rechenzentren (Data Centers) verbrauchen viel Strom, sagt die Studie.",
        "Das Meeting zum Release der Features verlief gut.",
        "He said: This is the best day of our lives, and we will remember it.",
        "Er ist also nicht zufrieden, will aber fast sofort starten.",
        "Siehe https://example.com/the-state-of-the-art-report für Details zur Studie.",
        "Diese Funktionalität kann mit der Option --propagation unchanged deaktiviert werden.",
        "Wenn die aktuelle Veröffentlichung UNRELEASED ist, wird nur die Version geändert.",
        "Abhängigkeiten vom Typ After= und Requires= von sysinit.target werden ergänzt.",
        "Ziehen Sie eine Datei in den Player, um sie abzuspielen.",
        "Sie können eine Änderung am override file vorschlagen.",
        "In Writer lassen sich Absätze oder Tabellen formatieren.",
        "Die Option Acquire::http::Max-Age setzt das Höchstalter der Antworten.",
        "Es wurde unter Verwendung von Felipe Castro’s Forschung geschrieben.",
        "Die Notiz NoteD Bezug bezieht sich auf die vorige Stimme.",
    ],
)
def test_anglicisms_names_titles_code_and_english_sentences_are_not_flagged(language, sentence):
    assert found(language, sentence, "UNTRANSLATED-ENGLISH") == []


def test_word_classes_come_from_frequencies():
    assert classify("Technology") == "english"
    assert classify("of") == "function"
    assert classify("Software") in ("neutral", "german")
    assert classify("Unabhängigkeit") == "german"
    assert classify("Not") != "function"  # die Not: German, though "not" is English


def test_quoted_spans_pair_german_english_and_guillemet_quotes():
    text = 'Er sagte „Hallo“ und "Hi" und »Servus« – ein „offenes Zitat'
    spans = [text[s:e] for s, e in quoted_spans(text)]
    assert spans == ["„Hallo“", '"Hi"', "»Servus«"]


# ---------------------------------------------------------------- false friends


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("OpenAIs Independenz der Lieferkette", "OpenAIs Unabhängigkeit der Lieferkette"),
        ("Neue Silikon-Chips und Silikonwafer aus Taiwan", "Neue Silizium-Chips und Siliziumwafer aus Taiwan"),
        ("Start-ups aus dem Silikon Valley", "Start-ups aus dem Silicon Valley"),
    ],
)
def test_clear_cut_false_friends_are_fixed(language, text, cleaned):
    assert language.clean(text).text == cleaned


@pytest.mark.parametrize(
    "text",
    [
        "Die Daten liegen in 2048 einzelnen Blöcken vor.",
        "Der Flug ging in 2000 Metern Höhe.",
        "Das gilt bis in 2025 hinein.",
        "Dank an die Teilnehmer des Google Code-In 2011.",
        "Eine Silikonhülle schützt das Smartphone.",
        "Siliziumkarbid für E-Autos",
    ],
)
def test_numbers_that_count_names_and_real_silicone_stay(language, text):
    assert language.clean(text).findings == []


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("Der Umsatz lag bei 5 Billion US-Dollar.", "Der Umsatz lag bei 5 Milliarden US-Dollar."),
        ("ein Deal über 2,5 billion Dollar", "ein Deal über 2,5 Milliarden Dollar"),
        ("Nvidia ist 4 trillion Dollar wert.", "Nvidia ist 4 Billionen Dollar wert."),
        ("Apple ist 3 Billionen Dollar wert.", "Apple ist 3 Billionen Dollar wert."),
        ("1 Billion Euro hat zwölf Nullen.", "1 Billion Euro hat zwölf Nullen."),
        ("Eine Billion hat zwölf Nullen.", "Eine Billion hat zwölf Nullen."),
    ],
)
def test_english_billion_is_fixed_only_where_it_cannot_be_german(text, cleaned):
    # FF-BILLION-EN owns the German look-alike "5 Billion", NUM-ENGLISH-MAGNITUDE the English words
    both = Cleaner.from_config(builtin=False, rules=[RULES / "falsefriends.yaml", RULES / "numbers.yaml"])
    assert both.clean(text).text == cleaned


def test_two_digit_billionen_of_money_are_flagged_not_changed(language):
    text = "Microsoft investiert 80 Billionen Dollar in Rechenzentren."
    assert language.clean(text).text == text
    assert [f[0] for f in found(language, text, "FF-BILLION-CHECK")] == ["80 Billionen"]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Er realisierte, dass der Markt kippt.", "FF-REALISIEREN"),
        ("Das Leck betraf sensitive Kundendaten.", "FF-SENSITIV"),
        ("Konsequent, der Umsatz sank.", "FF-SENTENCE-ADVERB"),
    ],
)
def test_meaning_dependent_false_friends_are_only_suggested(language, text, rule):
    result = language.clean(text)
    assert result.text == text
    assert [f.rule for f in result.findings] == [rule]


@pytest.mark.parametrize(
    "text",
    [
        "Das Projekt wurde 2023 realisiert.",
        "Konsequent setzt das Unternehmen auf KI.",
        "Aktuell arbeiten 200 Menschen dort.",
        "Eine Silikonhülle schützt das Smartphone.",
        "Die Trump-Administration kontrolliert die Exporte.",
    ],
)
def test_false_friend_traps_stay_silent(language, text):
    assert language.clean(text).findings == []


# ---------------------------------------------------------------- calques


def test_market_player_is_suggested_but_a_football_player_is_not(language):
    market = "In der NVIDIA der dominierende Spieler auf dem KI-Chip-Markt ist."
    assert found(language, market, "CALQUE-SPIELER") == [("Spieler", ["Anbieter", "Marktteilnehmer"], "suggest", False)]
    football = "Der Verein verpflichtete zwei wichtige Spieler für die Saison, der Transfermarkt boomt."
    assert found(language, football, "CALQUE-SPIELER") == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Openai betritt den Bereich, und sein strategisches Layout ist bemerkenswert.", "CALQUE-LAYOUT"),
        ("Der Markt ist optimistisch über den Wettbewerb.", "CALQUE-OPTIMISTISCH-UEBER"),
        ("Das macht Sinn.", "CALQUE-MACHT-SINN"),
        ("Das Buch wurde in 2015 veröffentlicht.", "CALQUE-IN-JAHR"),
        ("Die Kopfunternehmen der Branche investieren.", "CALQUE-KOPFUNTERNEHMEN"),
        ("Das Unternehmen will seinen Fußabdruck in Europa ausbauen.", "CALQUE-FUSSABDRUCK"),
        ("Der Chip wird 2026 in die Produktion gebracht.", "CALQUE-PRODUKTION-GEBRACHT"),
    ],
)
def test_calques_are_reported_never_applied(language, text, rule):
    result = language.clean(text)
    assert result.text == text
    assert rule in {f.rule for f in result.findings}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Umsatz stieg in 2024 um zehn Prozent.", "Der Umsatz stieg im Jahr 2024 um zehn Prozent."),
        ("Klarna hatte in 2023 noch einen Verlust.", "Klarna hatte im Jahr 2023 noch einen Verlust."),
        ("Wir haben in 2024 erschienenen Büchern gesucht.", "Wir haben in 2024 erschienenen Büchern gesucht."),
        ("In 2024 Fällen wurde geklagt.", "In 2024 Fällen wurde geklagt."),
        ("In 2000 bereits geprüften Proben fand sich nichts.", "In 2000 bereits geprüften Proben fand sich nichts."),
    ],
)
def test_a_year_after_in_is_fixed_only_before_an_adverb_or_preposition(language, text, expected):
    assert language.clean(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Der Flug ging in 2000 Metern Höhe.",
        "Das Layout der Webseite wurde überarbeitet.",
        "Der ökologische Fußabdruck der Rechenzentren wächst.",
        "Den CO2-Fußabdruck in Europa senken.",
        "Die Rennstrecke am Nürburgring ist für die Formel 1 gesperrt.",
        "Das Modell wird 2026 in Produktion gebracht.",
        "Die Landung der Sonde auf dem Mond gelang.",
    ],
)
def test_calque_traps_stay_silent(language, text):
    assert language.clean(text).findings == []


def test_the_sample_article_gets_every_language_finding_it_should(language, sample_text):
    """The annotated artifacts of families 5–7 in the sample: fixed (terminology, Independenz)
    or pointed at (untranslated, calques); the text outside them is unchanged."""
    result = language.clean(sample_text)
    assert "AI -Chip" not in result.text and "AI-Chip" not in result.text
    assert "Unabhängigkeit der Lieferkette" in result.text
    flagged = {f.original for f in result.findings if not f.applied}
    assert {"Giants", "Chip Giant", "Chip Camp of Technology Giants", "Spieler", "strategisches Layout"} <= flagged


def test_detector_hits_inside_protected_spans_are_dropped(language):
    doc = Document("Siehe `Supply Chain Manager` und die Studie.")
    check = language.rule("UNTRANSLATED-ENGLISH")
    assert check is not None and list(check.find(doc)) == []
