"""Plain text cleaned in chunks: the same bytes as cleaning it whole where the rules are local,
nothing lost at a chunk boundary, and a report that `cleanup apply` reproduces."""

from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import HYPHEN_PACK

from cleanup import chunks, textio
from cleanup.cleaner import Cleaner
from cleanup.cli import main, output_paths
from cleanup.formats import process_file
from cleanup.report import dumps
from cleanup.textio import InputError, decode

REPO = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "cleanup"
NFD = unicodedata.normalize("NFD", "Größe übermäßig")


def mixed_text(seed: str, copies: int = 6) -> str:
    """Multi-paragraph text with every kind of line ending, blank lines, NFD, non-BMP
    characters and trailing spaces, so that chunk boundaries fall among all of them."""
    endings = ["\r\n", "\n", "\r\n\r\n", "\n\n", "\r", "\n \t\n"]
    paragraphs = [line for line in seed.splitlines() if line.strip()]
    parts = []
    for copy in range(copies):
        for number, paragraph in enumerate(paragraphs):
            parts.append(f"{paragraph} {NFD} 🚀{' ' * (number % 3)}{endings[(copy + number) % len(endings)]}")
    return "".join(parts)


@pytest.fixture(scope="module")
def local_cleaner() -> Cleaner:
    """The built-in packs' local rules: what each finds depends only on text near it."""
    cleaner = Cleaner.from_config()
    cleaner.checks = [check for check in cleaner.checks if check.local]
    return cleaner


@pytest.fixture(scope="module")
def seed() -> str:
    return (REPO / "seeds" / "openai-broadcom.txt").read_text(encoding="utf-8")


def test_cut_prefers_a_blank_line_then_a_line_break_and_never_splits_a_crlf():
    text = "eins zwei\n\ndrei\r\nvier\r\nfünf"
    assert textio.cut(text, 16) == 11  # after the blank line, in the second half
    assert textio.cut(text, 24) == 23  # no blank line in the second half: after the last line break
    assert textio.cut("abc\r\ndef", 4) == 5  # the CR's LF lies past the size: not between them
    assert textio.cut("abc\rdef", 5) == 4  # a lone CR ends a line
    assert textio.cut("abc\r", 4) is None  # a CR at the end might be half of a CRLF
    assert textio.cut("ohne Zeilenumbruch", 5) is None
    assert textio.cut("lang ohne Umbruch\nRest", 5) == 18  # none before the size: the first after it
    assert textio.cut("lang ohne Umbruch\nRest", 5, searched=10) == 18


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16-le-bom", "cp1252"])
def test_chunks_join_to_the_exact_text_and_end_at_line_breaks(tmp_path, monkeypatch, seed, codec):
    monkeypatch.setattr(textio, "BLOCK", 7)  # blocks that split characters and CRLFs
    text = mixed_text(seed, copies=2)
    if codec == "cp1252":
        text = unicodedata.normalize("NFC", text).replace("🚀", "€")
        data = text.encode("cp1252")
    elif codec == "utf-16-le-bom":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    else:
        data = text.encode(codec)
    source = tmp_path / "t.txt"
    source.write_bytes(data)
    reader = textio.ChunkReader(source, "cp1252" if codec == "cp1252" else None, 300)
    pieces = list(reader)
    assert "".join(pieces) == text
    assert len(pieces) > 20
    for piece, following in zip(pieces, pieces[1:], strict=False):
        assert piece.endswith(("\n", "\r")) and not (piece.endswith("\r") and following.startswith("\n"))
        assert len(piece) < 300 + max(len(line) for line in text.splitlines())


def test_decoding_errors_name_the_same_byte_and_line_as_reading_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(textio, "BLOCK", 5)
    source = tmp_path / "t.txt"
    cases = [
        "Zeile eins\nZeile zwei\nüber \xc3\x28 kaputt\n".encode("latin-1"),  # invalid UTF-8, line 3
        ("Größe\n" * 20).encode() + b"\x00tail",  # binary
        "Größe\n".encode() + b"\xe2\x82",  # a character cut off at the end
    ]
    for data in cases:
        source.write_bytes(data)
        with pytest.raises(InputError) as whole:
            decode(data, str(source))
        with pytest.raises(InputError) as chunked:
            list(textio.ChunkReader(source, None, 10))
        assert str(chunked.value) == str(whole.value)


def test_a_stretch_without_line_break_over_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(textio, "MAX_INPUT_BYTES", 1000)
    monkeypatch.setattr(textio, "BLOCK", 100)
    source = tmp_path / "t.txt"
    source.write_text("Wort " * 400 + "\nRest\n", encoding="utf-8")
    with pytest.raises(InputError, match="no line break in .* --max-size"):
        list(textio.ChunkReader(source, None, 100))


def test_chunked_outputs_equal_whole_outputs_with_local_rules(tmp_path, local_cleaner, seed):
    text = mixed_text(seed)
    source = tmp_path / "article.txt"
    source.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    whole = process_file(source, local_cleaner)
    assert whole.result.applied  # the text has fixes to make, also near the boundaries
    paths = output_paths(source, tmp_path / "out")
    summary = chunks.clean_file(source, paths, local_cleaner, None, 700)
    assert paths["clean"].read_bytes() == whole.output()
    expected = whole.report(str(source))
    expected["summary"]["warnings"] = summary["warnings"]
    assert "chunks of about 0.0007 MB" in summary["warnings"][-1]
    assert paths["json"].read_text(encoding="utf-8") == dumps(expected)  # same bytes, locations too
    assert not paths["html"].exists()


def test_cli_cleans_large_text_in_chunks_and_apply_reproduces_it(tmp_path, seed):
    rules = tmp_path / "tiny.yaml"
    rules.write_text(HYPHEN_PACK, encoding="utf-8")
    source = tmp_path / "big.txt"
    text = mixed_text(seed)
    source.write_bytes(text.encode("utf-8"))
    out = tmp_path / "out"
    args = ["--no-builtin", "--rules", str(rules), "--no-languagetool"]
    runner = CliRunner()
    result = runner.invoke(main, ["clean", str(source), "-o", str(out), "--chunk-size", "2k", *args])
    assert result.exit_code == 0, result.output
    assert "no review page for text cleaned in chunks; --chunk-size 1M cleans it whole" in result.output
    assert "warning: cleaned in " in result.output
    cleaned = (out / "big.clean.txt").read_bytes()
    assert cleaned == text.replace(" -", "-").encode("utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["big.clean.txt", "big.report.json"]
    report = json.loads((out / "big.report.json").read_text(encoding="utf-8"))
    assert all(text[f["start"] : f["end"]] == f["original"] for f in report["findings"])
    applied = runner.invoke(main, ["apply", str(out / "big.report.json")])
    assert applied.exit_code == 0, applied.output
    assert applied.stdout_bytes == cleaned
    # apply reads a large text in chunks too, and reads it twice: first for its hash
    streamed = runner.invoke(main, ["apply", str(out / "big.report.json"), "--chunk-size", "3k", "-o", str(out / "a")])
    assert streamed.exit_code == 0, streamed.output
    assert (out / "a").read_bytes() == cleaned
    source.write_bytes(text.replace("Broadcom", "Broadcon").encode("utf-8"))
    changed = runner.invoke(main, ["apply", str(out / "big.report.json"), "--chunk-size", "3k", "-o", str(out / "b")])
    assert changed.exit_code == 2 and "content hash differs" in changed.output and not (out / "b").exists()
    source.write_bytes(text.encode("utf-8"))
    # whole again, with the page: the same cleaned text
    again = runner.invoke(main, ["clean", str(source), "-o", str(tmp_path / "whole"), *args])
    assert again.exit_code == 0, again.output
    assert (tmp_path / "whole" / "big.clean.txt").read_bytes() == cleaned
    assert (tmp_path / "whole" / "big.diff.html").exists()
    # check lists the same findings at the same FILE:LINE:COL
    checked = [runner.invoke(main, ["check", str(source), *args[:3], *size]) for size in (["--chunk-size", "2k"], [])]
    assert checked[0].exit_code == checked[1].exit_code == 1
    assert checked[0].stdout == checked[1].stdout
    assert checked[0].stdout.count(" HY ") == len(report["findings"])


def test_the_hint_to_clean_whole_names_max_size_when_the_file_is_over_it(tmp_path, monkeypatch):
    source = tmp_path / "big.txt"
    source.write_text("Die KI -Chips.\n" * 2000, encoding="utf-8")
    monkeypatch.setattr(textio, "MAX_INPUT_BYTES", 10_000)
    result = CliRunner().invoke(main, ["clean", str(source), "--no-languagetool", "--chunk-size", "5k"])
    assert result.exit_code == 0, result.output
    assert "--chunk-size 1M --max-size 1M cleans it whole" in result.output


def test_cli_refuses_decisions_for_chunked_text_and_writes_nothing_on_bad_input(tmp_path):
    source = tmp_path / "big.txt"
    source.write_bytes(b"Zeile\n" * 1000 + b"\xff\n")
    runner = CliRunner()
    base = ["clean", str(source), "--no-languagetool", "--no-builtin", "--chunk-size", "1k"]
    decisions = tmp_path / "d.json"
    decisions.write_text('{"format": "mt-cleanup-decisions", "version": 1, "decisions": []}', encoding="utf-8")
    refused = runner.invoke(main, [*base, "--decisions", str(decisions)])
    assert refused.exit_code == 2 and "--decisions needs the text whole" in refused.output
    broken = runner.invoke(main, base)
    assert broken.exit_code == 2 and "not valid UTF-8 at byte 6000 (line 1001)" in broken.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt", "d.json"]


def test_ctrl_c_while_cleaning_in_chunks_leaves_no_output(tmp_path):
    rules = tmp_path / "tiny.yaml"
    rules.write_text(HYPHEN_PACK, encoding="utf-8")
    source = tmp_path / "big.txt"
    source.write_text("Die KI -Chips und NVIDIA -GPUs sind knapp, sagt das F&E -Team.\n" * 300_000, encoding="utf-8")
    out = tmp_path / "out"
    args = ["clean", source, "-o", out, "--no-builtin", "--rules", rules, "--no-languagetool", "--chunk-size", "1M"]
    command = [str(SCRIPT), *map(str, args)]
    pipe = subprocess.PIPE
    process = subprocess.Popen(command, stdout=pipe, stderr=pipe, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and any(out.iterdir())):
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    assert list(out.iterdir()) == []
