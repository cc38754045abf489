"""The entity rule type, the near-miss index and the apostrophe-genitive detector, on rules
written next to the tests (the built-in name packs are tested in test_rules_names.py)."""

from __future__ import annotations

import random
import string

import pytest

from cleanup.engine import clean_text
from cleanup.loader import RuleFileError
from cleanup.nearmiss import NearMissIndex, deletions

PEOPLE = r"""
pack: t
rules:
  - id: P
    type: entity
    category: entity
    safety: safe
    short_names: true
    message: '{match} → {replacement}'
    entries:
      - name: Elon Musk
        wrong: [Masike]
        with_first_name: [Maske]
      - name: Tim Cook
        with_first_name: [Koch]
        requires: ['\bApple\b']
      - name: Ursula von der Leyen
        short: von der Leyen
        wrong: [Fengdelaien]
      - name: Jack Ma
        wrong: [Ma Yun]
        safety: suggest
    examples: [{bad: 'Masike', good: 'Elon Musk'}]
"""

BRANDS = r"""
pack: t
rules:
  - id: B
    type: entity
    category: casing
    safety: safe
    message: '{match} → {replacement}'
    near_miss: {max_distance: 1, min_length: 6}
    entries:
      - {name: NVIDIA, accepted: [Nvidia], wrong: [NVidia, Nvida]}
      - {name: OpenAI, wrong: [Openai]}
      - {name: Broadcom}
      - {name: Google}
      - {name: Docker}
      - name: Wall Street Journal
        wrong: [Wall-Street-Zeitung]
        forms:
          die Wall-Street-Zeitung: das Wall Street Journal
          der Wall-Street-Zeitung: [dem Wall Street Journal, des Wall Street Journal]
      - name: Apple
        wrong: [Apfel]
        scope: paragraph
        requires: ['\biPhone\b']
        unless: ['\b(?:der|den|einen|grünen)\s+Apfel']
      - name: The Information
        forms: {Die Information: The Information}
        requires_near: ['(?<=\b\p{Ll}\w*\s)Die Information']
    examples: [{bad: 'Openai', good: 'OpenAI'}]
  - id: S
    type: entity
    category: casing
    safety: safe
    house_style: true
    not_house_style: ['\bIpad\b']
    message: '{match} → {replacement}'
    entries:
      - {name: YouTube, wrong: [Youtube]}
      - {name: TikTok, wrong: [Tiktok]}
    examples: [{bad: 'YouTube und Tiktok', good: 'YouTube und TikTok'}]
"""


def applied(result) -> list[tuple[str, str]]:
    return [(f.original, f.replacements[0]) for f in result.findings if f.applied]


def suggested(result) -> list[tuple[str, list[str]]]:
    return [(f.original, f.replacements) for f in result.findings if not f.applied]


# --- people: first mention, first names, short names


def test_one_word_form_is_the_full_name_first_and_the_surname_after(make_rules):
    checks = make_rules(PEOPLE)
    text = "Masike sprach. Später sagte Masike, Masikes Plan und Masike's Idee seien gut."
    assert clean_text(text, checks).text == (
        "Elon Musk sprach. Später sagte Musk, Musks Plan und Musks Idee seien gut."
    )


def test_surname_only_when_the_name_came_before(make_rules):
    checks = make_rules(PEOPLE)
    assert clean_text("Elon Musk und Masike", checks).text == "Elon Musk und Musk"
    assert clean_text("Fengdelaien sprach, dann Fengdelaien.", checks).text == (
        "Ursula von der Leyen sprach, dann von der Leyen."
    )


def test_word_forms_only_after_the_first_name(make_rules):
    checks = make_rules(PEOPLE)
    assert clean_text("Elon Maske lacht; die Maske fällt.", checks).text == "Elon Musk lacht; die Maske fällt."
    assert clean_text("Tim Koch von Apple.", checks).text == "Tim Cook von Apple."
    # gate: Tim Koch is someone else when the text is not about Apple
    assert clean_text("Der Fernsehkoch Tim Koch.", checks).text == "Der Fernsehkoch Tim Koch."


def test_entry_safety_suggest_is_not_applied(make_rules):
    result = clean_text("Alibaba-Gründer Ma Yun", make_rules(PEOPLE))
    assert result.text == result.original
    assert suggested(result) == [("Ma Yun", ["Jack Ma"])]


# --- accepted spellings, forms, local gates


def test_wrong_spelling_follows_the_spelling_the_text_uses(make_rules):
    checks = make_rules(BRANDS)
    assert clean_text("Nvidia, Nvidia und NVidia", checks).text == "Nvidia, Nvidia und Nvidia"
    assert clean_text("NVIDIA und Nvida", checks).text == "NVIDIA und NVIDIA"
    assert clean_text("Nvida allein", checks).text == "NVIDIA allein"  # a tie: the name
    # accepted spellings are correct, their apostrophe genitive keeps the spelling
    assert clean_text("Nvidia's Chips und NVIDIA's Aktie", checks).text == "Nvidias Chips und NVIDIAs Aktie"


def test_forms_may_change_the_article_and_ambiguous_forms_are_suggestions(make_rules):
    checks = make_rules(BRANDS)
    result = clean_text("Wie die Wall-Street-Zeitung schreibt, laut Berichten der Wall-Street-Zeitung", checks)
    assert result.text == "Wie das Wall Street Journal schreibt, laut Berichten der Wall-Street-Zeitung"
    assert suggested(result) == [("der Wall-Street-Zeitung", ["dem Wall Street Journal", "des Wall Street Journal"])]


def test_unless_and_requires_near_look_at_the_neighbourhood(make_rules):
    checks = make_rules(BRANDS)
    assert clean_text("Apfel stellt das iPhone vor.", checks).text == "Apple stellt das iPhone vor."
    assert clean_text("Er aß einen grünen Apfel und mag das iPhone.", checks).text == (
        "Er aß einen grünen Apfel und mag das iPhone."
    )
    # paragraph scope: the iPhone is in another paragraph
    assert clean_text("Apfel ist gesund.\niPhone", checks).text == "Apfel ist gesund.\niPhone"
    assert clean_text("laut Die Information plant", checks).text == "laut The Information plant"
    assert clean_text("Die Information kam spät.", checks).text == "Die Information kam spät."


def test_apostrophe_in_english_stays(make_rules):
    checks = make_rules(BRANDS)
    assert clean_text("„OpenAI's mission is clear“, sagte er.", checks).text == (
        "„OpenAI's mission is clear“, sagte er."
    )
    # a wrong spelling is still fixed, the English genitive kept
    assert clean_text("He said that Openai's board met.", checks).text == "He said that OpenAI's board met."
    assert clean_text("Openai's Vorstand tagte.", checks).text == "OpenAIs Vorstand tagte."


def test_house_style_spellings_are_fixed_only_next_to_official_ones(make_rules):
    checks = make_rules(BRANDS)
    alone = clean_text("Videos auf Youtube, Clips auf Tiktok.", checks)
    assert alone.text == alone.original
    assert suggested(alone) == [("Youtube", ["YouTube"]), ("Tiktok", ["TikTok"])]
    mixed = clean_text("Videos auf YouTube, Clips auf Tiktok.", checks)
    assert mixed.text == "Videos auf YouTube, Clips auf TikTok."
    # a sign that the text does not follow the house style
    flat = clean_text("Clips auf Tiktok, angesehen auf dem Ipad.", checks)
    assert flat.text == "Clips auf TikTok, angesehen auf dem Ipad."


@pytest.mark.parametrize(
    ("entries", "error"),
    [
        ("[{name: A1, wrong: [Ax]}, {name: A2, wrong: [Ax]}]", "listed as wrong for both"),
        ("[{name: Apple, with_first_name: [Apfel]}]", "needs a name with a first name"),
    ],
)
def test_contradictory_entries_are_refused(make_rules, entries, error):
    with pytest.raises(RuleFileError, match=error):
        make_rules(
            f"""
            pack: t
            rules:
              - id: X
                type: entity
                category: c
                message: m
                entries: {entries}
                examples: [{{ok: 'A1'}}]
            """
        )


# --- near-miss


def test_near_miss_catches_typos_and_casing_but_not_words_or_genitives(make_rules):
    checks = make_rules(BRANDS)
    text = "Broadcomm, BroadCom und Goolge; Googles Suche; der Locker und die Docker-Datei."
    result = clean_text(text, checks)
    assert result.text == text
    assert suggested(result) == [("Broadcomm", ["Broadcom"]), ("BroadCom", ["Broadcom"]), ("Goolge", ["Google"])]


def test_near_miss_index_ignores_case_needs_the_first_letter_and_refuses_ties():
    index = NearMissIndex(["Broadcom", "Docker", "Cocker", "Nvidia"], max_distance=1)
    assert index.closest("broadcomm") == "Broadcom"
    assert index.closest("Goolge") is None
    assert index.closest("Locker") is None  # one letter from Docker, but at the start
    assert index.closest("Dockker") == "Docker"
    assert index.closest("Docker") is None  # the name itself
    assert index.closest("Nvdiia") == "Nvidia"  # swapped neighbours count as one edit
    assert index.closest("Nxvidiaa") is None  # two edits
    tie = NearMissIndex(["Sonya", "Sonye"], max_distance=1)
    assert tie.closest("Sonyx") is None
    two = NearMissIndex(["Qualcomm"], max_distance=2)
    assert two.closest("Qalcom") == "Qualcomm"


def test_deletions():
    assert deletions("abc", 1) == {"abc", "bc", "ac", "ab"}
    assert deletions("ab", 2) == {"ab", "a", "b"}


def test_near_miss_index_agrees_with_a_brute_force_search():
    from rapidfuzz.distance import OSA

    rng = random.Random(7)
    names = sorted({"".join(rng.choice("abcde") for _ in range(rng.randint(4, 7))) for _ in range(400)})
    index = NearMissIndex(names, max_distance=1)
    for _ in range(300):
        word = "".join(rng.choice("abcde") for _ in range(rng.randint(4, 7)))
        close = sorted((OSA.distance(word, n), n) for n in names if n != word and n[0] == word[0])
        close = [(d, n) for d, n in close if d <= 1]
        tie = len(close) > 1 and close[0][0] == close[1][0]
        expected = None if word in names or not close or tie else close[0][1]
        assert index.closest(word) == expected, word


def test_near_miss_index_holds_a_large_glossary():
    rng = random.Random(3)
    names = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(6, 12))) for _ in range(20000)]
    index = NearMissIndex(names, max_distance=1)
    assert len(index) == len(set(names))
    target = names[123]
    assert index.closest(target[:3] + "q" + target[4:]) in (target, None)  # None only on a tie


# --- the apostrophe-genitive detector

GENITIVE = r"""
pack: t
rules:
  - id: G
    type: detector
    detector: apostrophe_genitive
    category: genitive
    safety: safe
    message: m
    options: {ending: plain, keep: ["McDonald's", "Let's Encrypt", "Tom's Hardware"]}
    examples: [{bad: "Amazon's Cloud", good: "Amazons Cloud"}]
  - id: GS
    type: detector
    detector: apostrophe_genitive
    category: genitive
    safety: safe
    message: m
    options: {ending: sibilant}
    examples: [{bad: "Max's Rad", good: "Max' Rad"}]
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Laut Klarna's Umsatz und Kuaishou’s Nutzern", "Laut Klarnas Umsatz und Kuaishous Nutzern"),
        ("Die Zahl der CD's sinkt.", "Die Zahl der CDs sinkt."),
        ("Max's Rad und Felix’s Haus", "Max' Rad und Felix’ Haus"),
        ("eBay's Händler", "eBays Händler"),
    ],
)
def test_genitive_fixes(make_rules, text, expected):
    assert clean_text(text, make_rules(GENITIVE)).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Bei McDonald's, mit Let's Encrypt, laut Tom's Hardware.",
        "Geht's noch? Gibt's das? Wie geht's dir? Haben Sie's gesehen?",
        "Friert's im Dezember, ist's kalt. Er rief: Wer's glaubt! - Wenn's klappt, gut.",
        "„Amazon's products are great“, sagte sie.",
        'Er nannte "Klarna\'s plan" gut.',
        "Das heißt Moore's Law.",
        "She said the company's future is bright and Klarna's too.",
        "It's fine. That's it.",
        "Die LibreOffice Developer's Guide hilft.",
        "Ra’s al-Chaima liegt am Golf.",
        "Max' Rad, Hans' Haus und Amazons Cloud.",
        "die Datei foo.Bar's und @Klarna's",
    ],
)
def test_genitive_leaves_english_names_and_contractions(make_rules, text):
    result = clean_text(text, make_rules(GENITIVE))
    assert result.text == text and not result.findings
