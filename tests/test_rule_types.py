"""Each rule type's behaviour, on rules written next to the test."""

from __future__ import annotations

from cleanup.cleaner import Cleaner
from cleanup.document import Document
from cleanup.engine import clean_text


def fixes(checks, text: str) -> str:
    return clean_text(text, checks).text


def test_replace_captures_case_and_antipatterns(make_rules):
    checks = make_rules(
        r"""
        pack: t
        rules:
          - id: R
            type: replace
            category: c
            safety: safe
            pattern: '\b(real)isieren\b'
            ignore_case: true
            case: preserve
            replacement: 'bemerken'
            unless: ['\bGewinne? \w+ realisieren', 'realisieren\s+(?:Projekte?|Pläne)']
            message: '{match} → {replacement}'
            examples: [{bad: 'wir realisieren', good: 'wir bemerken'}]
        """
    )
    assert fixes(checks, "Realisieren Sie das?") == "Bemerken Sie das?"
    assert fixes(checks, "REALISIEREN") == "BEMERKEN"
    assert fixes(checks, "Gewinne zu realisieren ist gut") == "Gewinne zu realisieren ist gut"
    assert fixes(checks, "wir realisieren Projekte") == "wir realisieren Projekte"


def test_replace_group_reference_and_literal(make_rules):
    checks = make_rules(
        r"""
        pack: t
        rules:
          - {id: G, type: replace, category: c, safety: safe, pattern: '(\d+) (Prozent)', replacement: '\1 %',
             message: m, examples: [{bad: '5 Prozent', good: '5 %'}]}
          - {id: L, type: replace, category: c, safety: safe, literal: true, pattern: 'a.b', replacement: '\1',
             message: m, examples: [{bad: 'a.b', good: '\1'}, {ok: 'axb'}]}
        """
    )
    assert fixes(checks, "um 12 Prozent") == "um 12 %"
    assert fixes(checks, "a.b und axb") == "\\1 und axb"


def test_no_rule_edits_urls_addresses_or_code(make_rules):
    checks = make_rules(
        """
        pack: t
        rules:
          - {id: X, type: replace, category: c, safety: safe, pattern: 'Openai', replacement: 'OpenAI',
             message: m, examples: [{bad: Openai, good: OpenAI}]}
        """
    )
    text = "Openai: https://example.com/Openai, info@Openai.example `Openai`"
    assert fixes(checks, text) == "OpenAI: https://example.com/Openai, info@Openai.example `Openai`"


ENTITY = """
pack: t
rules:
  - id: E
    type: entity
    category: entity
    safety: safe
    message: '{match} → {replacement}'
    near_miss: {max_distance: 1, min_length: 6}
    entries:
      - name: Sam Altman
        wrong: [Ultraman]
        requires: ['\\bOpenAI\\b']
        forbids: ['\\bSerie\\b']
      - name: OpenAI
        wrong: [Openai]
        forms: {OpenAs: OpenAIs}
      - name: Broadcom
      - name: Max
        wrong: [Maks]
    examples: [{bad: 'Openai', good: 'OpenAI'}]
"""


def test_entity_inflections_and_compounds(make_rules):
    checks = make_rules(ENTITY)
    assert fixes(checks, "Openais Chef, Openai's Team, ein Openai-Sprecher") == (
        "OpenAIs Chef, OpenAIs Team, ein OpenAI-Sprecher"
    )
    assert fixes(checks, "OpenAI's Modell und OpenAs Plan") == "OpenAIs Modell und OpenAIs Plan"
    # a name ending in an s sound takes an apostrophe genitive
    assert fixes(checks, "Maks' Idee") == "Max' Idee"


def test_entity_context_gates(make_rules):
    checks = make_rules(ENTITY)
    assert fixes(checks, "OpenAI-Chef Ultraman sprach.") == "OpenAI-Chef Sam Altman sprach."
    assert fixes(checks, "OpenAI-Chef Sam Ultraman sprach.") == "OpenAI-Chef Sam Altman sprach."
    assert fixes(checks, "Ultraman sprach.") == "Ultraman sprach."  # no OpenAI context
    assert fixes(checks, "Die Serie Ultraman, nicht OpenAI.") == "Die Serie Ultraman, nicht OpenAI."


def test_entity_skips_keys_inside_larger_tokens(make_rules):
    checks = make_rules(ENTITY)
    text = "pip install Openai_client; @Openai; Openai.example; Openaix"
    assert fixes(checks, text) == text


def test_entity_near_miss_is_only_a_suggestion(make_rules):
    checks = make_rules(ENTITY)
    result = clean_text("Der Chipkonzern Broadcomm wächst, Broadcoms Aktie auch.", checks)
    assert result.text == result.original
    (finding,) = result.findings
    assert (finding.original, finding.replacements, finding.safety) == ("Broadcomm", ["Broadcom"], "suggest")


CONSISTENCY = """
pack: t
rules:
  - id: KI
    type: consistency
    category: terminology
    safety: safe
    variants: [KI, AI]
    unless: ['\\bAI(?=\\s+Act\\b)']
    message: '{match} → {replacement} ({counts})'
    examples: [{bad: 'KI und KI und AI', good: 'KI und KI und KI'}]
"""


def test_consistency_follows_the_majority_and_ties_go_to_the_first(make_rules):
    checks = make_rules(CONSISTENCY)
    assert fixes(checks, "AI-Chips, AI -Modelle und KI") == "AI-Chips, AI -Modelle und AI"
    assert fixes(checks, "KI-Chips und AI-Chips") == "KI-Chips und KI-Chips"
    assert fixes(checks, "Nur AI hier, OpenAI und xAI") == "Nur AI hier, OpenAI und xAI"
    assert fixes(checks, "KI, der AI Act und KI") == "KI, der AI Act und KI"


def test_consistency_with_a_fixed_preference(make_rules):
    checks = make_rules(CONSISTENCY.replace("variants: [KI, AI]", "variants: [KI, AI]\n    prefer: AI"))
    assert fixes(checks, "KI, KI und AI") == "AI, AI und AI"


def test_flags_are_never_applied_even_when_configured_safe(tmp_path):
    pack = tmp_path / "flags.yaml"
    pack.write_text(
        """
pack: flags
rules:
  - id: GIANTS
    type: flag
    category: untranslated
    pattern: '\\bGiants?\\b'
    suggestions: [Riesen, Konzerne]
    message: 'Englisch: {match}'
    examples: [{bad: 'mit Giants wie Google'}, {ok: 'mit Riesen wie Google'}]
""",
        encoding="utf-8",
    )
    cleaner = Cleaner.from_config(rules=[pack], builtin=False, safety={"GIANTS": "safe"})
    result = cleaner.clean("mit Giants wie Google")
    assert result.text == "mit Giants wie Google"
    (finding,) = result.findings
    assert finding.replacements == ["Riesen", "Konzerne"] and not finding.applied


def test_mojibake_detector_leaves_german_quotes():
    cleaner = Cleaner.from_config(builtin=True)
    result = cleaner.clean("„Das war Ã¼berraschend“, sagte er.")
    assert result.text == "„Das war überraschend“, sagte er."


def test_surrounding_words_for_messages():
    doc = Document("die KI -Chips hier")
    space = doc.text.index(" -")
    assert doc.surrounding_words(space, space + 1) == "KI -Chips"
