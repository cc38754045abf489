"""Text extraction of the corpus builder (bench/corpus/build_corpus.py), on inline samples.

The corpus must not contain gaps or spaces its authors did not write: every one would be a
false "artifact" for the rules measured on it.
"""

from __future__ import annotations

import shutil

import pytest
from helpers import REPO, load_bench_script

bc = load_bench_script("build_corpus", REPO / "bench" / "corpus")

PO = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Open _File"
msgstr "_Datei öffnen"

#, fuzzy
msgid "Old text"
msgstr "Alter Text"

msgid "Untranslated"
msgstr ""

msgid "GNU"
msgstr "GNU"

msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d Datei"
msgstr[1] "%d Dateien"

msgid ""
"Usage: ls [OPTION]...\n"
"\n"
"  -a, --all    do not ignore\n"
msgstr ""
"Aufruf: ls [OPTION] …\n"
"\n"
"  -a, --all    Einträge nicht\n"
"               ignorieren mit \"Punkt\"\n"

msgid "LC_ALL is set"
msgstr "LC_ALL ist gesetzt"

msgctxt "menu"
msgid "&Save"
msgstr "Spei&chern"

msgid "<p>Hello <b>world</b></p><p>Bye</p>"
msgstr "<p>Hallo <b>Welt</b></p><p>Tschüss &amp; bis bald</p>"
"""


def test_catalog_keeps_only_real_translations():
    assert bc.catalog_paragraphs(PO) == [
        "Datei öffnen",
        "%d Datei",
        "%d Dateien",
        "Aufruf: ls [OPTION] …",
        '-a, --all Einträge nicht ignorieren mit "Punkt"',
        "LC_ALL ist gesetzt",
        "Speichern",
        "Hallo Welt",
        "Tschüss & bis bald",
    ]


def test_po_parser_reads_fuzzy_plural_and_context():
    entries = {e.msgid: e for e in bc.parse_po(PO)}
    assert entries["Old text"].fuzzy and not entries["%d file"].fuzzy
    assert entries["%d file"].msgid_plural == "%d files"
    assert entries["%d file"].msgstr == ["%d Datei", "%d Dateien"]
    assert entries["&Save"].msgstr == ["Spei&chern"]


def test_html_inline_tags_add_no_space_and_blocks_split():
    page = """<html><head><title>T</title><style>p {}</style></head><body>
    <h1>Laden/<span class="x">Speichern</span></h1>
    <p>Wählen Sie <b>Extras</b>, dann <a href="#">Optionen</a>.<br>Neue Zeile
       über zwei Zeilen.</p>
    <pre>tar -x -f datei.tar</pre>
    <ul><li>Erstens</li><li>Zweitens &amp; drittens</li></ul>
    </body></html>"""
    assert bc.markup_paragraphs(page) == [
        "Laden/Speichern",
        "Wählen Sie Extras, dann Optionen.",
        "Neue Zeile über zwei Zeilen.",
        "Erstens",
        "Zweitens & drittens",
    ]


def test_mallard_generated_text_is_not_left_as_a_gap():
    page = """<page xmlns="http://projectmallard.org/1.0/"><info><credit><name>Jemand</name></credit>
    </info><title>Suchen</title>
    <p>Siehe <link xref="files-search"/> für mehr.</p>
    <p>Siehe <link xref="x"></link>.</p>
    <p>Klicken Sie auf <guiseq><gui>Datei</gui><gui>Öffnen</gui></guiseq> oder
       <keyseq><key>Strg</key><key>O</key></keyseq>.</p>
    <p>Ein <link xref="y">Verweis mit Text</link>.</p>
    <screen>ls -l</screen></page>"""
    assert bc.markup_paragraphs(page, mallard=True) == [
        "Suchen",
        "Klicken Sie auf Datei ▸ Öffnen oder Strg+O.",
        "Ein Verweis mit Text.",
    ]


def test_language_filter():
    assert bc.looks_english("This option is used for the files that are listed.")
    assert not bc.looks_english("Die Option wird für die Dateien verwendet, die aufgelistet sind.")
    assert not bc.looks_english("Mit der Option »--all« (the whole list) werden alle Dateien angezeigt.")
    assert not bc.looks_english("Datei öffnen")


def test_writer_drops_duplicates_english_and_letterless():
    seen: set[bytes] = set()
    first, second = bc.Writer(seen), bc.Writer(seen)
    first.emit("a", ["Ein  Satz\tmit Leerraum.", "12 345", "The file is not found and the path is wrong."])
    second.emit("b", ["Ein Satz mit Leerraum.", "Ein anderer Satz."])
    assert first.lines == ["Ein Satz mit Leerraum."]
    assert first.dropped == {"english": 1, "duplicate": 0, "no_letter": 1}
    assert second.lines == ["Ein anderer Satz."] and second.dropped["duplicate"] == 1
    assert second.origins == [(1, "b")] and first.words == 4


def test_manpage_paragraphs_drop_header_and_footer():
    rendered = (
        "LS(1)   User Commands   LS(1)\n\nNAME\n       ls - Inhalte\n\n"
        "       -a, --all\n              alles anzeigen\n\nGNU 9.1   2022   LS(1)\n"
    )
    assert bc.manpage_paragraphs(rendered) == ["NAME", "ls - Inhalte", "-a, --all", "alles anzeigen"]
    table = "X(5)  h  X(5)\n\n       +    Pfeil rechts\n       s   ?   Position speichern.  Ja.\n\nfoot X(5)\n"
    # rows and cells stay apart; two spaces after a sentence are not a column gap
    assert bc.manpage_paragraphs(table) == ["+", "Pfeil rechts", "s", "?", "Position speichern. Ja."]


@pytest.mark.skipif(not (shutil.which("groff") and shutil.which("col")), reason="groff/col not installed")
def test_groff_renders_a_paragraph_on_one_line_without_hyphenation():
    long = " ".join(["Donaudampfschifffahrtsgesellschaftskapitänsmütze"] * 40)
    page = f'.TH TEST 1 2024 "x" "Handbuch"\n.SH BESCHREIBUNG\n{long}\n.PP\n.B fett\nund \\fIkursiv\\fP.\n'
    paras = bc.manpage_paragraphs(bc.render_manpage(page.encode()))
    assert paras == ["BESCHREIBUNG", long, "fett und kursiv."]


def test_fortunes_split_on_percent_and_drop_attribution():
    text = "Erste Zeile\nzweite Zeile.\n\t\t-- Jemand\n%\nNoch ein Spruch.\n%\n"
    assert bc.fortune_paragraphs(text) == ["Erste Zeile zweite Zeile.", "Noch ein Spruch."]


def test_word_count_matches_the_edit_counter():
    ce = load_bench_script("corpus_edits", REPO / "bench")
    text = "Die 3 -Nanometer-Chips (5G) kosten 12,5 % mehr – laut »c't«."
    assert bc.count_words(text) == ce.count_words(text) == 7


def test_html_layout_artifacts_are_not_taken_for_text():
    page = (
        '<p>Wählen Sie <a href="x"><span class="menuitem">Sortierlisten</span> </a>.</p>'
        '<p>Klicken Sie auf <span class="guibutton">\xa0✔\xa0OK\xa0</span>, um zu speichern.</p>'
        "<p>Der Typ datetime.time\n   </span>, float oder int.</p>"
        '<p>Das <a href="g#hsv">\n <span class="phrase">HSV</span>\n </a>-Farbmodell.</p>'
        '<p>Klicken Sie auf das Symbol <a>Text</a> <img src="t.svg" alt="Symbol">.</p>'
        '<p>Verwenden Sie <span class="literal">,</span> oder <span class="literal">;</span> für eine Liste.</p>'
        "<p>Die Option <code>-a</code> zeigt alles, <code>--all</code> auch.</p>"
        "<p>Ein Satz , mit echtem Fehler .</p>"
        "<p>Um <acronym>HTML</acronym> -Nachrichten zu schreiben, siehe Option\n-r.</p>"
        '<p>Von <span>Ada</span></span>\n <span class="phrase"></span>\n , <span>Bob</span>\n und Cy.</p>'
        '<p>Mit dem Knopf <span class="guiicon"><img src="s.png" /></span>, den jeder kennt.</p>'
    )
    assert bc.markup_paragraphs(page) == [
        "Wählen Sie Sortierlisten.",
        "Klicken Sie auf OK, um zu speichern.",
        "Der Typ datetime.time, float oder int.",
        "Das HSV-Farbmodell.",
        "Die Option -a zeigt alles, --all auch.",
        "Ein Satz , mit echtem Fehler .",  # what the author wrote stays, errors included
        "Um HTML -Nachrichten zu schreiben, siehe Option -r.",
        "Von Ada, Bob und Cy.",
    ]


def test_a_source_is_stale_when_an_earlier_source_changed(tmp_path):
    first, second = bc.SOURCES[0], bc.SOURCES[1]
    (tmp_path / f"{second.name}.txt").write_text("x\n", encoding="utf-8")
    manifest = {"sources": {first.name: {"sha256": "a"}}}
    manifest["sources"][second.name] = {
        "file": f"{second.name}.txt",
        "recipe": second.recipe,
        "requested_packages": second.packages,
        "after": bc.earlier_digest(manifest, second),
        "sha256": "b",
    }
    assert bc.is_built(tmp_path, manifest, second)
    manifest["sources"][first.name]["sha256"] = "changed"  # its paragraphs deduplicate the next one
    assert not bc.is_built(tmp_path, manifest, second)
    assert bc.earlier_digest(manifest, first) == bc.earlier_digest({"sources": {}}, first)
