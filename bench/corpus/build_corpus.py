"""Build a corpus of correct German written by people, from Debian packages.

Why
---
A *safe* rule of mt-cleanup may change at most one word in a million of correct German.
To measure that we need millions of words of German that people wrote and reviewed, with
all the things that trip naive rules: command-line options (`ls -la`), suspended hyphens
(`Import- und Export`), suffix mentions, product names, numbers, quotes, code. Debian ships
a lot of it, with fixed versions, so the corpus can be rebuilt byte for byte anywhere that
can reach Debian's package archive.

Sources (one UTF-8 file per source, one paragraph per line)
------------------------------------------------------------
- ``manpages``          every German man page of ``manpages-de``, rendered with
                        ``groff -Tutf8 -mandoc`` (hyphenation off, line length 30000 so a
                        paragraph is one line), overstrike removed with ``col -bx``, header and
                        footer dropped; each output line is one paragraph (no-fill blocks
                        such as examples stay one line per line, table cells apart).
- ``gettext-core``      German gettext catalogs (``de/LC_MESSAGES/*.mo``) of base-system
                        packages (coreutils, tar, grep, sed, bash, dpkg, apt, util-linux …),
                        decompiled with ``msgunfmt``; only msgstr texts, no fuzzy, empty or
                        untranslated (msgstr == msgid) entries; GTK/Qt/LibreOffice mnemonics
                        (``_Datei``, ``&Datei``, ``~Datei``) and rich-text tags removed.
- ``gettext-apps``      the same for desktop applications (LibreOffice UI, GIMP, Inkscape,
                        Blender, digiKam, GnuCash, VLC, Evolution, git …).
- ``gettext-installed`` catalogs in ``/usr/share/locale/de/LC_MESSAGES`` of this machine not
                        covered above (depends on what is installed; not in ``--quick``).
- ``debian-docs``       Debian Reference, FAQ, Developer's Reference, New Maintainers' Guide,
                        Debian Edu manual, Debian Administrator's Handbook (de-DE), HTML.
- ``libreoffice-help``, ``gimp-help``, ``kicad-doc``: German help/manual HTML.
- ``gnome-help``        GNOME user help (Mallard ``.page`` files, German).
- ``fortunes``          ``fortunes-de`` (quotes, jokes, poems; ``.u8`` files, no ASCII art).
- ``manpages-extra``    German man pages shipped by dpkg, apt, debhelper, devscripts, po4a …
- ``more-docs``         Debian installation guide, LilyPond, UDO and GOsa manuals (HTML).
- ``kde-docs``          KDE handbooks (``/usr/share/doc/HTML/de/*/index.cache.bz2``).
- ``gettext-kde``       gettext catalogs of the same KDE applications.

Word lists (aspell-de, hunspell-de-*) are not prose and are not used.

Cleaning applied to every paragraph: whitespace runs become one space (layout, not text);
paragraphs without a letter are dropped; paragraphs that look English (more English than
German function words, e.g. untranslated parts of partly translated man pages or manuals) are
dropped; exact duplicate paragraphs are kept once across the whole corpus (the translator
credits at the end of every man page, the navigation of HTML manuals, repeated UI strings).
HTML ``pre``/``script``/``style`` and Mallard ``screen``/``info`` are skipped. The corpus must
not contain gaps or spaces the authors did not write (each would count as a false edit), so
paragraphs with text generated or shown by markup are dropped: a Mallard ``<link/>`` without
text (it shows another page's title), an ``<img>`` in the text flow ("klicken Sie auf das
Symbol Text <img>."), a punctuation mark mentioned as a code literal ("Verwenden Sie
<code>,</code> oder <code>;</code>"); layout whitespace before closing inline tags that
punctuation or a compound hyphen follows (``HSV\n</a>-Farbmodell``) and the padding of KDE's
``✔ OK`` buttons are removed. Everything else, errors of the authors included, stays as
written: the corpus is correct German by provenance, not by proofreading, so the edits
counted on it are reviewed one by one (see bench/corpus_edits.py).

Sizes (Debian 12, Nov 2026): 3.78M words in 358k paragraphs; full build 3 min from scratch
on 2 idle cores (16 min when they were shared with other heavy jobs), 2 s when nothing
changed; ``--quick`` 1.15M words in 30 s. Two builds from scratch gave byte-identical files.

Output (default ``bench/data/corpus/``, gitignored)
----------------------------------------------------
``<source>.txt`` (paragraph per line), ``<source>.origins.tsv`` (first line number → file in
the package it came from), ``manifest.json`` (sources, package versions, paragraph and word
counts, drops, build time), ``debs/`` (downloaded packages, reused on the next run).

Usage
-----
    .venv/bin/python bench/corpus/build_corpus.py            # full corpus (all sources)
    .venv/bin/python bench/corpus/build_corpus.py --quick    # manpages, manpages-extra, gettext-core
    .venv/bin/python bench/corpus/build_corpus.py --force --sources manpages
    .venv/bin/python bench/corpus/build_corpus.py --install-tools   # apt-get the tools first

Idempotent: a source whose output exists and whose recipe, package list and earlier sources
(for deduplication) are unchanged is skipped (``--force`` rebuilds). The files are the same
whatever the order of builds (``--quick`` first, then the rest, or all at once).
Needs ``apt-get`` (packages are fetched with ``apt-get download``; run ``apt-get update``
once first), ``dpkg-deb``, ``groff`` (groff-base), ``col`` (bsdextrautils) and ``msgunfmt`` (gettext).
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "bench" / "data" / "corpus"
# bump when the text a recipe produces changes, so that old outputs are rebuilt
RECIPE_VERSION = 2  # gettext, fortunes
MANPAGE_RECIPE = 4
MARKUP_RECIPE = 5  # HTML and Mallard

GETTEXT_CORE = [
    "coreutils",
    "tar",
    "grep",
    "sed",
    "gettext",
    "gettext-base",
    "bash",
    "dpkg",
    "apt",
    "util-linux-locales",
    "findutils",
    "diffutils",
    "wget",
    "gnupg-l10n",
    "e2fsprogs-l10n",
    "procps",
    "psmisc",
    "login",
    "sudo",
    "libc-l10n",
    "make",
    "binutils-common",
    "cpio",
    "gawk",
    "nano",
    "man-db",
    "debconf-i18n",
    "adduser",
    "aptitude-common",
    "synaptic",
    "mc-data",
    "gparted-common",
]
MANPAGES_EXTRA = [
    "apt",
    "apt-utils",
    "apt-listchanges",
    "dpkg",
    "dpkg-dev",
    "man-db",
    "passwd",
    "login",
    "adduser",
    "procps",
    "psmisc",
    "debconf-doc",
    "debhelper",
    "devscripts",
    "po4a",
    "debianutils",
    "xz-utils",
]
KDE = [
    "akregator",
    "ark",
    "blinken",
    "cantor",
    "dolphin",
    "dragonplayer",
    "filelight",
    "gwenview",
    "juk",
    "kaddressbook",
    "kalarm",
    "kamoso",
    "kanagram",
    "kbackup",
    "kbruch",
    "kcalc",
    "kcharselect",
    "kdf",
    "kfind",
    "kget",
    "kgpg",
    "khangman",
    "khelpcenter",
    "kig",
    "kinfocenter",
    "kleopatra",
    "kmag",
    "kmail",
    "kmenuedit",
    "kmines",
    "kmousetool",
    "kmouth",
    "kmplot",
    "knights",
    "kolourpaint",
    "kompare",
    "konqueror",
    "konsole",
    "kontact",
    "korganizer",
    "kpat",
    "krdc",
    "krfb",
    "kstars-data",
    "ksudoku",
    "ksystemlog",
    "kteatime",
    "ktimer",
    "kturtle",
    "kwalletmanager",
    "kwordquiz",
    "okteta",
    "okular",
    "partitionmanager",
    "plasma-desktop-data",
    "rocs",
    "skanlite",
    "step",
    "sweeper",
]
GETTEXT_APPS = [
    "libreoffice-l10n-de",
    "blender-data",
    "inkscape",
    "gimp-data",
    "digikam-data",
    "gramps",
    "vlc-l10n",
    "evolution-common",
    "evolution-data-server-common",
    "git",
    "gnucash-common",
    "audacity-data",
    "gnumeric-common",
    "pidgin-data",
    "gnome-control-center-data",
    "k3b-i18n",
    "kdenlive-data",
    "kmail",
    "hexchat-common",
    "shotwell-common",
    "nautilus-data",
    "okular",
    "rhythmbox-data",
    "konsole",
    "dolphin",
    "gedit-common",
    "totem-common",
    "xfce4-session",
    "krita-l10n",
]


# ---------------------------------------------------------------- paragraph cleaning


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WS = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
DE_WORDS = _wordset(
    """der die das und ist nicht mit ein eine einen einem eines einer zu von für auf den dem
    des sich im wird werden oder wenn sie als auch bei nach aus kann können sind wie nur dass
    daß diese dieser dieses diesem diesen wurde wurden zum zur über unter durch kein keine
    keinen hat haben muss müssen soll sollte sollten ob noch sehr ich du wir ihr er es sein
    seine ihre ihren dann vom beim ins war gibt hier dort jedoch aber weil damit bis mehr ohne
    gegen zwischen wo welche welcher jeder jede jedes ihm ihn ihnen uns mich dich mir dir
    sowie bzw eines werden wurde ist sind wird"""
)
EN_WORDS = _wordset(
    """the and is are of to for this that with be not it if you your from by or on can which
    were has have these those there their when what should would may must any only into its
    than then such used using does been more each other how at will"""
)


def normalize(text: str) -> str:
    return _WS.sub(" ", text).strip()


def count_words(text: str) -> int:
    """Whitespace-separated tokens that contain at least one letter."""
    return sum(1 for tok in text.split() if _LETTER.search(tok))


def looks_english(text: str) -> bool:
    """More English than German function words (and at least two English ones)."""
    de = en = 0
    for tok in _TOKEN.findall(text.lower()):
        if tok in DE_WORDS:
            de += 1
        elif tok in EN_WORDS:
            en += 1
    return en >= 2 and en > de


def blocks_to_paragraphs(lines: Iterable[str]) -> Iterator[str]:
    """Blank-line separated blocks → one normalized paragraph each."""
    block: list[str] = []
    for line in lines:
        if line.strip():
            block.append(line)
        elif block:
            yield normalize(" ".join(block))
            block = []
    if block:
        yield normalize(" ".join(block))


# ---------------------------------------------------------------- man pages

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_OVERSTRIKE = re.compile(r".\x08")


def render_manpage(source: bytes) -> str:
    """groff → plain text, one line per paragraph (hyphenation off, 30000n line length)."""
    env = {**os.environ, "GROFF_NO_SGR": "1", "LC_ALL": "C.UTF-8", "MANWIDTH": "30000"}
    groff = subprocess.run(
        ["groff", "-Kutf-8", "-t", "-Tutf8", "-mandoc", "-rLL=30000n", "-rHY=0", "-rcR=1", "-P-c"],
        input=source,
        capture_output=True,
        env=env,
        check=False,
    )
    col = subprocess.run(["col", "-bx"], input=groff.stdout, capture_output=True, env=env, check=False)
    text = col.stdout.decode("utf-8", errors="replace")
    return _OVERSTRIKE.sub("", _ANSI.sub("", text))


def manpage_paragraphs(rendered: str) -> list[str]:
    lines = rendered.splitlines()
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if len(nonblank) < 3:
        return []
    # first and last non-blank lines are the running header ("LS(1) … LS(1)") and footer
    body = lines[nonblank[0] + 1 : nonblank[-1]]
    # With a 30000n line length a filled paragraph is one line, so every line is a paragraph.
    # Joining the lines of a block would glue no-fill lines (tables, config files, shell
    # examples: "Pfeil rechts" + ", left arrow") into text nobody wrote. Table columns (tbl
    # and tagged paragraphs leave 3+ spaces between them) are cells, not one sentence:
    # "s   ?   Cursor-Position speichern." is three cells, not a "?" after a space.
    return [normalize(cell) for line in body for cell in re.split(r" {3,}", line.strip()) if cell.strip()]


def extract_manpages(root: Path, emit: Callable[[str, list[str]], None]) -> None:
    pages = []
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file() or "/man/de/" not in path.as_posix():
            continue
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        if data.lstrip().startswith(b".so "):  # an alias of another page
            continue
        pages.append((path.relative_to(root).as_posix(), data))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        rendered = pool.map(lambda item: render_manpage(item[1]), pages)
        for (name, _), text in zip(pages, rendered, strict=True):
            emit(name, manpage_paragraphs(text))


# ---------------------------------------------------------------- gettext catalogs

_PO_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_C_ESCAPE = re.compile(r"\\(.)")
_C_ESCAPES = {"n": "\n", "t": "\t", "r": "", '"': '"', "\\": "\\", "a": "", "v": "", "f": ""}


def _unescape(s: str) -> str:
    return _C_ESCAPE.sub(lambda m: _C_ESCAPES.get(m.group(1), m.group(1)), s)


@dataclass
class PoEntry:
    msgid: str = ""
    msgid_plural: str = ""
    msgstr: list[str] = field(default_factory=list)
    fuzzy: bool = False


def parse_po(text: str) -> list[PoEntry]:
    """Minimal PO parser (enough for msgunfmt output): entries are blank-line separated;
    obsolete (#~) entries are ignored, `#, fuzzy` is kept as a flag."""
    entries: list[PoEntry] = []
    for block in re.split(r"\n[ \t]*\n", text):
        entry = PoEntry()
        target: str | None = None
        for raw in block.splitlines():
            line = raw.strip()
            if line.startswith("#"):
                if line.startswith("#,") and "fuzzy" in line:
                    entry.fuzzy = True
                continue
            keyword, _, rest = line.partition(" ")
            if keyword.startswith('"'):
                keyword, rest = "", line
            value = "".join(_unescape(m) for m in _PO_STRING.findall(rest))
            if keyword == "msgctxt":
                target = None
            elif keyword == "msgid":
                entry.msgid, target = value, "msgid"
            elif keyword == "msgid_plural":
                entry.msgid_plural, target = value, "plural"
            elif keyword.startswith("msgstr"):
                entry.msgstr.append(value)
                target = "msgstr"
            elif keyword == "" and target == "msgid":
                entry.msgid += value
            elif keyword == "" and target == "plural":
                entry.msgid_plural += value
            elif keyword == "" and target == "msgstr":
                entry.msgstr[-1] += value
        if entry.msgid or entry.msgstr:
            entries.append(entry)
    return entries


_MNEMONIC = {ch: re.compile(rf"{re.escape(ch)}(?=[^\W_])") for ch in "_&~"}
_ENTITY = re.compile(r"&(?:#\d+|\w+);")
_RICH_TAG = re.compile(
    r"</?(?:qt|html|body|p|br|b|i|u|em|strong|tt|code|a|span|font|big|small|center|li|ul|ol|"
    r"h[1-6]|div|table|tr|td|th|nobr|pre|blockquote|dl|dt|dd|hr|img|sub|sup)\b[^<>]*/?>",
    re.IGNORECASE,
)
_RICH_BLOCK = re.compile(r"^</?(?:p|br|li|ul|ol|h[1-6]|div|table|tr|td|th|blockquote|dl|dt|dd|hr|pre)\b", re.IGNORECASE)


def _strip_rich(msgid: str, msgstr: str) -> str:
    """Qt/KDE rich text: tags out (block tags become paragraph breaks), entities decoded."""
    if not (_RICH_TAG.search(msgid) and _RICH_TAG.search(msgstr)):
        return msgstr
    out = _RICH_TAG.sub(lambda m: "\n\n" if _RICH_BLOCK.match(m.group(0)) else "", msgstr)
    return html.unescape(out)


def _strip_mnemonics(msgid: str, msgstr: str) -> str:
    """Keyboard mnemonics (GTK `_Datei`, Qt `&Datei`, LibreOffice `~Datei`): when the msgid has
    exactly one marker before a letter and so has the msgstr, the marker goes."""
    if len(msgid) > 60:  # mnemonics sit in short UI labels; long texts have `a_b`, `&&`, `F&E`
        return msgstr
    for ch, pattern in _MNEMONIC.items():
        if ch == "_" and re.search(r"[A-Z0-9]_[A-Z0-9]", msgid):
            continue  # an identifier such as LC_ALL
        source = _ENTITY.sub("", msgid) if ch == "&" else msgid
        target = _ENTITY.sub("", msgstr) if ch == "&" else msgstr
        if len(pattern.findall(source)) == 1 and len(pattern.findall(target)) == 1:
            if ch == "&" and _ENTITY.search(msgstr):
                continue
            msgstr = pattern.sub("", msgstr, count=1)
    return msgstr


def catalog_paragraphs(po_text: str) -> list[str]:
    """German paragraphs of one decompiled catalog (msgstr only)."""
    out: list[str] = []
    for entry in parse_po(po_text):
        if entry.fuzzy or not entry.msgid:
            continue  # fuzzy, or the header entry
        sources = {entry.msgid, entry.msgid_plural}
        for msgstr in dict.fromkeys(entry.msgstr):
            if not msgstr.strip() or msgstr in sources:
                continue  # empty or untranslated
            text = _strip_rich(entry.msgid, msgstr)
            text = _strip_mnemonics(entry.msgid, text)
            out.extend(blocks_to_paragraphs(text.split("\n")))
    return out


def _is_german_catalog(path: Path) -> bool:
    parts = path.parts
    return path.suffix == ".mo" and "LC_MESSAGES" in parts and any(p in ("de", "de_DE") for p in parts)


def decompile(path: Path) -> str:
    proc = subprocess.run(
        ["msgunfmt", str(path)], capture_output=True, check=False, env={**os.environ, "LC_ALL": "C.UTF-8"}
    )
    return proc.stdout.decode("utf-8", errors="replace")


def extract_gettext(root: Path, emit: Callable[[str, list[str]], None]) -> None:
    catalogs = sorted(p for p in root.rglob("*.mo") if p.is_file() and _is_german_catalog(p))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for path, po in zip(catalogs, pool.map(decompile, catalogs), strict=True):
            emit(path.relative_to(root).as_posix(), catalog_paragraphs(po))


# ---------------------------------------------------------------- HTML / Mallard

HTML_BLOCK = _wordset(
    """p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 table tr td th caption br hr blockquote section
    article header footer nav figure figcaption body html form option select tbody thead tfoot
    main aside address center title"""
)
HTML_SKIP = _wordset("pre script style head noscript svg math textarea")
MALLARD_BLOCK = _wordset(
    """p title subtitle desc item td th tr note section list terms steps table tree synopsis
    figure example quote cite media links page topic guide credit"""
)
MALLARD_SKIP = _wordset("info screen comment its:rules")


class _TextExtractor(HTMLParser):
    def __init__(self, block: frozenset[str], skip: frozenset[str], mallard: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.block, self.skip, self.mallard = block, skip, mallard
        self.paragraphs: list[str] = []
        self.buf: list[str] = []
        self.skipping = 0
        self.poisoned = False  # the paragraph had generated text we cannot reproduce
        self.seqs: list[list] = []  # Mallard guiseq/keyseq: [separator, children seen]
        self.literal: list[int] = []  # buffer positions where code-like elements started

    def _flush(self) -> None:
        text = normalize("".join(self.buf))
        if text and not self.poisoned:
            self.paragraphs.append(text)
        self.buf, self.poisoned = [], False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            self.skipping += tag in self.skip
            return
        if tag == "img" and not self.mallard:
            self.poisoned = True  # an image in the text flow: the words around it miss a piece
        if tag in LITERAL or (tag == "span" and ("class", "literal") in attrs):
            self.literal.append(len(self.buf))
            self.buf.append("")
        if tag in self.skip:
            self._flush()
            self.skipping = 1
        elif tag in self.block:
            self._flush()
        elif self.mallard and tag in ("guiseq", "keyseq"):
            self.seqs.append([" ▸ " if tag == "guiseq" else "+", 0])
        elif self.mallard and self.seqs and tag in ("gui", "key"):
            if self.seqs[-1][1]:
                self.buf.append(self.seqs[-1][0])
            self.seqs[-1][1] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            return
        if tag == "img" and not self.mallard:
            self.poisoned = True
        if self.mallard and tag == "link":
            self.poisoned = True  # <link xref="x"/> renders the title of page x
        elif tag in self.block:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= tag in self.skip
            return
        if self.literal and (tag in LITERAL or tag == "span"):
            start = self.literal.pop()
            if start <= len(self.buf) and _MENTIONED_PUNCT.match("".join(self.buf[start:])):
                self.poisoned = True  # a mentioned comma or period (`,`): quoted only by markup
        if tag in self.block:
            self._flush()
        elif self.mallard and tag in ("guiseq", "keyseq") and self.seqs:
            self.seqs.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


LITERAL = _wordset("code tt kbd samp literal")
_MENTIONED_PUNCT = re.compile(r"^\s*[^\w\s]*[.,;:!?][^\w\s]*\s*$")
_INLINE = "a|span|em|strong|b|i|code|tt|kbd|var|samp|cite|abbr|acronym|small|big|sub|sup|u|q|gui|link"
# whitespace of the markup's layout before punctuation: "Sortierlisten</span> </a>." renders
# "Sortierlisten ." and "<a>HSV\n</a>-Farbmodell" renders "HSV -Farbmodell", although nobody
# wrote those spaces. Layout is whitespace with a line break, or before a closing inline tag;
# a plain space after the last tag ("<b>HTML</b> -Nachrichten") is the author's and stays.
_LAYOUT_SPACE = re.compile(rf"(?:\s|</(?:{_INLINE})>)*\s(?:\s|</(?:{_INLINE})>)*(?=[.,;:!?)]|-\w)")
_EMPTY_INLINE = re.compile(r"<(span|a|em|strong|b|i)\b[^<>]*>\s*</\1>")  # not Mallard's <link>


def _layout_space(m: re.Match) -> str:
    run = m.group(0)
    tags = "".join(re.findall(r"</[^>]+>", run))
    if not tags and m.string.startswith("-", m.end()):
        return run  # "Option\n-r": a line break in running text, not layout
    if "\n" in run or re.search(r"\s</", run):
        return tags
    return run


# KDE's DocBook buttons: "<span class="guibutton">&nbsp;✔&nbsp;OK&nbsp;</span>", icon and padding
_KDE_BUTTON = re.compile(r'(<span class="guibutton">)\xa0(?:[^\w\s<]\xa0)?([^<]*?)\xa0(</span>)')


def _tidy_markup(text: str) -> str:
    text = _KDE_BUTTON.sub(r"\1\2\3", text)
    text = _EMPTY_INLINE.sub("", text)
    return _LAYOUT_SPACE.sub(_layout_space, text)


def markup_paragraphs(text: str, mallard: bool = False) -> list[str]:
    text = _tidy_markup(text)
    if mallard:
        # an empty <link ...></link> renders generated text just like <link .../>
        text = re.sub(r"<(link\b[^<>]*?)/?>\s*</link>", r"<\1/>", text)
        parser = _TextExtractor(MALLARD_BLOCK, MALLARD_SKIP, mallard=True)
    else:
        parser = _TextExtractor(HTML_BLOCK, HTML_SKIP, mallard=False)
    parser.feed(text)
    parser.close()
    return parser.paragraphs


def _html_extractor(include: str, mallard: bool = False) -> Callable[[Path, Callable], None]:
    pattern = re.compile(include)

    def extract(root: Path, emit: Callable[[str, list[str]], None]) -> None:
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_symlink() or not path.is_file() or not pattern.search(rel):
                continue
            raw = path.read_bytes()
            if rel.endswith(".gz"):
                raw = gzip.decompress(raw)
            elif rel.endswith(".bz2"):
                raw = bz2.decompress(raw)
            emit(rel, markup_paragraphs(raw.decode("utf-8", errors="replace"), mallard=mallard))

    return extract


# ---------------------------------------------------------------- fortunes


def fortune_paragraphs(text: str) -> list[str]:
    out = []
    for fortune in re.split(r"^%\s*$", text, flags=re.MULTILINE):
        lines = [line for line in fortune.splitlines() if not re.match(r"\s+--\s", line)]
        out.extend(blocks_to_paragraphs(lines))
    return out


def extract_fortunes(root: Path, emit: Callable[[str, list[str]], None]) -> None:
    for path in sorted(root.rglob("*.u8")):
        if "asciiart" in path.name or not path.is_file():
            continue
        emit(path.relative_to(root).as_posix(), fortune_paragraphs(path.read_text("utf-8", errors="replace")))


# ---------------------------------------------------------------- sources

Extractor = Callable[[Path, Callable[[str, list[str]], None]], None]


@dataclass
class Source:
    name: str
    packages: list[str]
    extract: Extractor
    quick: bool = False
    installed_locale: bool = False  # also /usr/share/locale/de of this machine
    description: str = ""
    recipe: int = RECIPE_VERSION


M = MARKUP_RECIPE
SOURCES = [
    Source(
        "manpages",
        ["manpages-de"],
        extract_manpages,
        quick=True,
        recipe=MANPAGE_RECIPE,
        description="manpages-de rendered with groff",
    ),
    Source(
        "gettext-core",
        GETTEXT_CORE,
        extract_gettext,
        quick=True,
        description="gettext catalogs of base-system packages (msgunfmt, msgstr only)",
    ),
    Source(
        "manpages-extra",
        MANPAGES_EXTRA,
        extract_manpages,
        quick=True,
        recipe=MANPAGE_RECIPE,
        description="German man pages shipped by other packages (dpkg, apt, debhelper …)",
    ),
    Source(
        "gettext-apps",
        GETTEXT_APPS,
        extract_gettext,
        description="gettext catalogs of desktop applications (msgunfmt, msgstr only)",
    ),
    Source(
        "gettext-installed",
        [],
        extract_gettext,
        installed_locale=True,
        description="gettext catalogs in /usr/share/locale/de of this machine not covered above",
    ),
    Source(
        "debian-docs",
        [
            "debian-reference-de",
            "debian-faq-de",
            "developers-reference-de",
            "maint-guide-de",
            "debian-edu-doc-de",
            "debian-handbook",
        ],
        _html_extractor(r"(\.de\.html$|/de/[^/]*\.html$|/de-DE/[^/]*\.html$|debian-edu-doc-de/.*\.html$)"),
        recipe=M,
        description="Debian manuals in German (HTML)",
    ),
    Source(
        "libreoffice-help",
        ["libreoffice-help-de"],
        _html_extractor(r"/help/de/.*\.html$"),
        recipe=M,
        description="LibreOffice help, German (HTML)",
    ),
    Source(
        "gimp-help",
        ["gimp-help-de"],
        _html_extractor(r"/help/de/(?!gimp-help-index)[^/]*\.html$"),
        recipe=M,
        description="GIMP manual, German (HTML)",
    ),
    Source(
        "kicad-doc",
        ["kicad-doc-de"],
        _html_extractor(r"/help/de/[^/]*\.html$"),
        recipe=M,
        description="KiCad manuals, German (HTML)",
    ),
    Source(
        "gnome-help",
        ["gnome-user-docs"],
        _html_extractor(r"/help/de/.*\.page$", mallard=True),
        recipe=M,
        description="GNOME user help, German (Mallard)",
    ),
    Source("fortunes", ["fortunes-de"], extract_fortunes, description="fortunes-de (.u8 files)"),
    Source(
        "more-docs",
        ["installation-guide-amd64", "lilypond-doc-html-de", "udo-doc-de", "gosa-help-de"],
        _html_extractor(
            r"^(installation-guide-amd64/.*/de/[^/]*\.html|lilypond-doc-html-de/.*\.de\.html"
            r"|udo-doc-de/.*\.html?|gosa-help-de/.*/de/.*\.html?)$"
        ),
        recipe=M,
        description="Debian installation guide, LilyPond, UDO and GOsa manuals (HTML)",
    ),
    Source(
        "kde-docs",
        KDE,
        _html_extractor(r"/HTML/de/.*/index\.cache\.bz2$"),
        recipe=M,
        description="KDE application handbooks in German (rendered DocBook HTML)",
    ),
    Source(
        "gettext-kde", KDE, extract_gettext, description="gettext catalogs of KDE applications (msgunfmt, msgstr only)"
    ),
]


# ---------------------------------------------------------------- packages


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _find_deb(debs: Path, package: str) -> Path | None:
    found = sorted(debs.glob(f"{package}_*.deb"))
    return found[-1] if found else None


def fetch(packages: list[str], debs: Path) -> tuple[dict[str, Path], list[str]]:
    """apt-get download what is missing from `debs`; returns {package: deb} and failures."""
    debs.mkdir(parents=True, exist_ok=True)
    os.chmod(debs, 0o777)  # apt downloads as _apt when it can
    missing = [p for p in packages if _find_deb(debs, p) is None]
    if missing:  # all at once is much faster; apt-get fails whole when one name is unknown
        subprocess.run(["apt-get", "download", "-q", *missing], cwd=debs, capture_output=True, check=False)
        missing = [p for p in missing if _find_deb(debs, p) is None]
    for attempt in range(2):
        if not missing:
            break
        for package in list(missing):  # one by one: a missing package must not stop the rest
            proc = subprocess.run(
                ["apt-get", "download", "-q", package], cwd=debs, capture_output=True, text=True, check=False
            )
            if proc.returncode == 0 and _find_deb(debs, package):
                missing.remove(package)
        if missing and attempt == 0:
            log(f"  apt-get download failed for {', '.join(missing)}; running apt-get update once")
            subprocess.run(["apt-get", "update", "-q"], capture_output=True, check=False)
    return {p: deb for p in packages if (deb := _find_deb(debs, p))}, missing


def deb_version(deb: Path) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Version"], capture_output=True, text=True, check=True
    ).stdout.strip()


def installed_catalogs(skip_domains: set[str]) -> tuple[list[Path], dict[str, str]]:
    """German catalogs installed on this machine, minus domains other sources cover."""
    base = Path("/usr/share/locale/de/LC_MESSAGES")
    paths = sorted(p for p in base.glob("*.mo") if p.stem not in skip_domains) if base.is_dir() else []
    owners: dict[str, str] = {}
    if paths:
        proc = subprocess.run(["dpkg", "-S", *map(str, paths)], capture_output=True, text=True, check=False)
        pkgs = sorted({line.split(":")[0] for line in proc.stdout.splitlines() if ":" in line})
        if pkgs:
            q = subprocess.run(
                ["dpkg-query", "-W", "-f", "${Package} ${Version}\\n", *pkgs],
                capture_output=True,
                text=True,
                check=False,
            )
            owners = dict(line.split(" ", 1) for line in q.stdout.splitlines() if " " in line)
    return paths, owners


# ---------------------------------------------------------------- build


def paragraph_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=10).digest()


@dataclass
class Writer:
    """Filters and writes paragraphs of one source; counts what it keeps and drops."""

    seen: set[bytes]
    lines: list[str] = field(default_factory=list)
    origins: list[tuple[int, str]] = field(default_factory=list)
    words: int = 0
    dropped: dict[str, int] = field(default_factory=lambda: {"english": 0, "duplicate": 0, "no_letter": 0})
    files: int = 0

    def emit(self, origin: str, paragraphs: list[str]) -> None:
        self.files += 1
        first = len(self.lines) + 1
        for text in paragraphs:
            text = normalize(text)
            if not _LETTER.search(text):
                self.dropped["no_letter"] += 1
                continue
            key = paragraph_key(text)
            if key in self.seen:
                self.dropped["duplicate"] += 1
                continue
            if looks_english(text):
                self.dropped["english"] += 1
                continue
            self.seen.add(key)
            self.lines.append(text)
            self.words += count_words(text)
        if len(self.lines) >= first:
            self.origins.append((first, origin))


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def load_manifest(out: Path) -> dict:
    path = out / "manifest.json"
    if path.exists():
        try:
            return json.loads(path.read_text("utf-8"))
        except json.JSONDecodeError:
            pass
    return {"sources": {}}


def save_manifest(out: Path, manifest: dict) -> None:
    built = manifest["sources"]
    manifest["total"] = {
        "sources": len(built),
        "paragraphs": sum(s["paragraphs"] for s in built.values()),
        "words": sum(s["words"] for s in built.values()),
    }
    _write_atomic(out / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")


def earlier_digest(manifest: dict, source: Source) -> str:
    """The content of the sources deduplicated before `source`: when it changes, so may this one."""
    h = hashlib.sha256()
    for other in SOURCES[: SOURCES.index(source)]:
        entry = manifest["sources"].get(other.name)
        if entry is not None:
            h.update(f"{other.name}:{entry['sha256']}\n".encode())
    return h.hexdigest()


def is_built(out: Path, manifest: dict, source: Source) -> bool:
    entry = manifest["sources"].get(source.name)
    return (
        entry is not None
        and (out / entry["file"]).exists()
        and entry.get("recipe") == source.recipe
        and entry.get("requested_packages") == source.packages
        and entry.get("after") == earlier_digest(manifest, source)
    )


def build_source(source: Source, out: Path, seen: set[bytes], manifest: dict) -> dict:
    started = time.monotonic()
    after = earlier_digest(manifest, source)
    debs, missing = fetch(source.packages, out / "debs")
    versions = {p: deb_version(d) for p, d in debs.items()}
    writer = Writer(seen)
    with tempfile.TemporaryDirectory(prefix=f"corpus-{source.name}-") as tmp:
        root = Path(tmp)
        for package, deb in debs.items():
            subprocess.run(["dpkg-deb", "-x", str(deb), str(root / package)], check=True)
        if source.installed_locale:
            earlier = [s.name for s in SOURCES[: SOURCES.index(source)]]
            covered = {
                p.stem for name in earlier for p in map(Path, manifest["sources"].get(name, {}).get("catalogs", []))
            }
            paths, owners = installed_catalogs(covered)
            target = root / "installed" / "usr/share/locale/de/LC_MESSAGES"
            target.mkdir(parents=True)
            for path in paths:
                shutil.copy(path, target / path.name)
            versions.update({f"{p} (installed)": v for p, v in owners.items()})
        source.extract(root, writer.emit)
    text = "".join(line + "\n" for line in writer.lines)
    _write_atomic(out / f"{source.name}.txt", text)
    _write_atomic(out / f"{source.name}.origins.tsv", "".join(f"{n}\t{o}\n" for n, o in writer.origins))
    entry = {
        "file": f"{source.name}.txt",
        "description": source.description,
        "recipe": source.recipe,
        "after": after,
        "requested_packages": source.packages,
        "packages": versions,
        "missing_packages": missing,
        "input_files": writer.files,
        "paragraphs": len(writer.lines),
        "words": writer.words,
        "dropped": writer.dropped,
        "seconds": round(time.monotonic() - started, 1),
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    if source.extract is extract_gettext:
        entry["catalogs"] = sorted({Path(o).name for _, o in writer.origins})
    return entry


def check_tools(install: bool) -> None:
    tools = {"groff": "groff-base", "col": "bsdextrautils", "msgunfmt": "gettext", "dpkg-deb": "dpkg", "apt-get": "apt"}
    missing = {t: p for t, p in tools.items() if shutil.which(t) is None}
    if missing and install:
        subprocess.run(["apt-get", "update", "-q"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-q", *sorted(set(missing.values()))], check=True)
        missing = {t: p for t, p in missing.items() if shutil.which(t) is None}
    if missing:
        sys.exit(
            f"missing tools: {', '.join(missing)}; install with: apt-get install "
            f"{' '.join(sorted(set(missing.values())))} (or pass --install-tools)"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: %(default)s)")
    ap.add_argument("--quick", action="store_true", help="only the quick sources (man pages, gettext-core)")
    ap.add_argument("--sources", nargs="+", choices=[s.name for s in SOURCES], help="build only these")
    ap.add_argument("--force", action="store_true", help="rebuild sources that are already built")
    ap.add_argument("--install-tools", action="store_true", help="apt-get install missing tools")
    args = ap.parse_args(argv)

    check_tools(args.install_tools)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    manifest = load_manifest(out)
    wanted = {s.name for s in SOURCES if (s.quick or not args.quick)}
    if args.sources:
        wanted &= set(args.sources)
    started = time.monotonic()
    seen: set[bytes] = set()
    # sources are deduplicated in this fixed order: a paragraph stays in the first source that
    # has it. Built ones seed the set of seen paragraphs; a source whose earlier sources changed
    # since it was built is rebuilt (see earlier_digest), so any build order gives the same files.
    for source in SOURCES:
        if source.name not in wanted:
            if source.name in manifest["sources"] and (out / f"{source.name}.txt").exists():
                _seed(out / f"{source.name}.txt", seen)
            continue
        if not args.force and is_built(out, manifest, source):
            entry = manifest["sources"][source.name]
            log(f"{source.name}: already built ({entry['words']:,} words), skipped")
            _seed(out / entry["file"], seen)
            continue
        log(f"{source.name}: building from {len(source.packages)} package(s) …")
        entry = build_source(source, out, seen, manifest)
        manifest["sources"][source.name] = entry
        save_manifest(out, manifest)
        log(
            f"{source.name}: {entry['paragraphs']:,} paragraphs, {entry['words']:,} words "
            f"in {entry['seconds']} s (dropped {entry['dropped']})"
            + (f"; packages not found: {', '.join(entry['missing_packages'])}" if entry["missing_packages"] else "")
        )
    manifest["last_build_seconds"] = round(time.monotonic() - started, 1)
    save_manifest(out, manifest)
    total = manifest["total"]
    log(
        f"corpus: {total['words']:,} words, {total['paragraphs']:,} paragraphs in {total['sources']} "
        f"sources at {out} ({manifest['last_build_seconds']} s)"
    )
    return 0


def _seed(path: Path, seen: set[bytes]) -> None:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            seen.add(paragraph_key(line.rstrip("\n")))


if __name__ == "__main__":
    sys.exit(main())
