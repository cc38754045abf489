"""Bad input never crashes, never alters the input, never leaves a half-written output.

Most cases run the installed `cleanup` script with one small rule pack (the behaviour under
test is reading and writing, not the rules), so that each takes a fraction of a second.
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import signal
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import HYPHEN_PACK

from cleanup import textio
from cleanup.cli import main

SCRIPT = Path(sys.executable).parent / "cleanup"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(HYPHEN_PACK, encoding="utf-8")
    return path


def run(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=timeout)


def clean(rules: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return run("clean", *args, "--no-builtin", "--rules", rules, "--no-languagetool")


def in_process_args(rules: Path) -> list[str]:
    return ["--no-builtin", "--rules", str(rules), "--no-languagetool"]


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("cleanup: error:")]
    assert len(errors) == 1, result.stderr
    for needle in needles:
        assert needle in errors[0]


def outputs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".clean." in p.name or p.name.endswith((".json", ".html")))


def test_missing_file(tmp_path, rules):
    assert_one_line_error(clean(rules, tmp_path / "nope.txt"), "no such file")


def test_folder_given_to_check(tmp_path, rules):
    result = run("check", tmp_path, "--no-builtin", "--rules", rules)
    assert_one_line_error(result, "is a folder")


def test_folder_without_matching_files(tmp_path, rules):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "image.png").write_bytes(b"\x89PNG")
    assert_one_line_error(clean(rules, tmp_path / "in"), "no files", "*.txt")


def test_no_read_permission(tmp_path, rules, monkeypatch):
    # the tests may run as root, which reads anything: refuse the read itself
    source = tmp_path / "secret.txt"
    source.write_text("KI -Chips", encoding="utf-8")
    real = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == source:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    result = CliRunner().invoke(
        main, ["clean", str(source), "--no-builtin", "--rules", str(rules), "--no-languagetool"]
    )
    assert result.exit_code == 2
    assert "permission denied" in result.output
    assert outputs(tmp_path) == []


def test_empty_and_whitespace_only_files_come_out_unchanged(tmp_path, rules):
    texts = {"empty.txt": b"", "blank.txt": " \t\r\n\n\u00a0\u3000\r".encode()}
    for name, data in texts.items():
        (tmp_path / name).write_bytes(data)
    result = clean(rules, *(tmp_path / name for name in texts))
    assert result.returncode == 0, result.stderr
    for name, data in texts.items():
        assert (tmp_path / name.replace(".txt", ".clean.txt")).read_bytes() == data


@pytest.mark.parametrize("kind", ["png", "zip", "nul-late"])
def test_binary_files_are_refused(tmp_path, rules, kind):
    source = tmp_path / f"file-{kind}.txt"
    if kind == "png":
        source.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    elif kind == "zip":
        with zipfile.ZipFile(source, "w") as archive:
            archive.writestr("a.txt", "KI -Chips" * 100)
    else:  # a NUL far past the first block, where a quick sniff would not look
        source.write_bytes(("KI -Chips und mehr.\n" * 2000).encode() + b"\x00tail")
    before = source.read_bytes()
    assert_one_line_error(clean(rules, source), "binary")
    assert source.read_bytes() == before
    assert outputs(tmp_path) == []


def test_windows_1252_needs_encoding_and_is_written_back_in_it(tmp_path, rules):
    source = tmp_path / "alt.txt"
    source.write_bytes("Größe: 5 € für KI -Chips\r\n".encode("cp1252"))
    assert_one_line_error(clean(rules, source), "not valid UTF-8", "--encoding")
    result = clean(rules, source, "--encoding", "cp1252")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "alt.clean.txt").read_bytes() == "Größe: 5 € für KI-Chips\r\n".encode("cp1252")


@pytest.mark.parametrize("chunked", [False, True])
def test_a_fix_the_input_encoding_cannot_hold_stays_a_suggestion(tmp_path, chunked):
    """Latin-1 has no "š": the name fix is reported, not applied, and the rest is still cleaned."""
    pack = tmp_path / "names.yaml"
    pack.write_text(
        "pack: names\nrules:\n  - id: NAME-TEST\n    type: replace\n    category: entity\n    safety: safe\n"
        "    message: m\n    pattern: Xiefuqiaoweiqi\n    literal: true\n    replacement: Maroš Šefčovič\n"
        "    examples: [{bad: Xiefuqiaoweiqi, good: Maroš Šefčovič}]\n" + HYPHEN_PACK.split("rules:\n", 1)[1],
        encoding="utf-8",
    )
    source = tmp_path / "latin.txt"
    source.write_bytes("Kommissar Xiefuqiaoweiqi über KI -Chips\n".encode("latin-1"))
    args = ["--encoding", "latin-1", *(["--chunk-size", "10"] if chunked else [])]
    result = clean(pack, source, *args)
    assert result.returncode == 0, result.stderr
    assert "cannot hold" in result.stderr + result.stdout and "NAME-TEST" in result.stderr + result.stdout
    assert (tmp_path / "latin.clean.txt").read_bytes() == "Kommissar Xiefuqiaoweiqi über KI-Chips\n".encode("latin-1")
    report = json.loads((tmp_path / "latin.report.json").read_text(encoding="utf-8"))
    name = next(f for f in report["findings"] if f["rule"] == "NAME-TEST")
    assert not name["applied"] and name["safety"] == "suggest"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF8, "utf-8")],
)
def test_byte_order_marks_are_read_and_kept(tmp_path, rules, bom, codec):
    source = tmp_path / "bom.txt"
    source.write_bytes(bom + "Die KI -Chips\r\nsind da.".encode(codec))
    result = clean(rules, source)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "bom.clean.txt").read_bytes() == bom + "Die KI-Chips\r\nsind da.".encode(codec)


def test_invalid_utf8_in_the_middle_names_byte_and_line(tmp_path, rules):
    source = tmp_path / "broken.txt"
    source.write_bytes(b"Zeile eins\nZeile zwei \xc3\x28 kaputt\nZeile drei\n")
    assert_one_line_error(clean(rules, source), "byte 22", "line 2", "--encoding")


def test_line_endings_nfd_and_spacing_are_kept_byte_for_byte(tmp_path, rules):
    nfd = unicodedata.normalize("NFD", "Übermäßig große")
    text = f"KI -Chips\r\n{nfd}  Leerzeichen \t\nmixed\rend\r\n\r\n  KI -Netz  "
    source = tmp_path / "mixed.txt"
    source.write_bytes(text.encode("utf-8"))
    result = clean(rules, source)
    assert result.returncode == 0, result.stderr
    expected = text.replace("KI -", "KI-").encode("utf-8")
    assert (tmp_path / "mixed.clean.txt").read_bytes() == expected


def test_a_file_over_the_size_limit_is_refused_with_the_option_to_raise_it(tmp_path, rules):
    big = tmp_path / "big.md"  # plain text would be cleaned in chunks; Markdown is read whole
    with big.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(200_000_001)
    assert_one_line_error(clean(rules, big), "200.0 MB", "--max-size")
    small = tmp_path / "small.txt"
    small.write_text("KI -Chips", encoding="utf-8")
    assert_one_line_error(clean(rules, small, "--max-size", "5"), "--max-size")
    assert clean(rules, small, "--max-size", "1M").returncode == 0
    assert run("clean", small, "--max-size", "lots").returncode == 2


def test_a_single_10_mb_line(tmp_path, rules):
    words = "Wort " * 1_000_000
    text = words + "die KI -Chips " + words + "und NVIDIA -GPUs"
    source = tmp_path / "line.txt"
    source.write_text(text, encoding="utf-8")
    result = clean(rules, source)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "line.clean.txt").read_text(encoding="utf-8") == text.replace(" -", "-")
    report = json.loads((tmp_path / "line.report.json").read_text(encoding="utf-8"))
    assert [f["start"] for f in report["findings"]] == [len(words) + 6, len(text) - 6]


def test_zero_width_and_bidi_controls_are_reported_not_dropped(tmp_path):
    text = "Die KI\u200b-Chips von \u202eIAnepO\u202c sind\u2060 da; Familie 👨\u200d👩\n"
    source = tmp_path / "invisible.txt"
    source.write_text(text, encoding="utf-8")
    pack = REPO / "rules" / "invisible.yaml"
    found = run("check", source, "--no-builtin", "--rules", pack)
    assert found.returncode == 1
    assert found.stdout.count("INVISIBLE-CHARACTER") == 4
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in found.stdout
    result = run("clean", source, "--no-builtin", "--rules", pack, "--no-languagetool")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "invisible.clean.txt").read_text(encoding="utf-8") == text


def test_output_folder_that_cannot_be_created(tmp_path, rules):
    source = tmp_path / "t.txt"
    source.write_text("KI -Chips", encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    assert_one_line_error(clean(rules, source, "-o", blocker / "out"), "cannot write here")
    assert source.read_text(encoding="utf-8") == "KI -Chips"


def test_disk_full_leaves_no_output_and_no_temporary_file(tmp_path, rules, monkeypatch):
    source = tmp_path / "t.txt"
    source.write_text("KI -Chips", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(textio.os, "fsync", full)
    result = CliRunner().invoke(
        main, ["clean", str(source), "--no-builtin", "--rules", str(rules), "--no-languagetool"]
    )
    assert result.exit_code == 2
    assert "No space left on device" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.txt", "tiny.yaml"]
    assert source.read_text(encoding="utf-8") == "KI -Chips"


def test_a_failed_write_keeps_the_previous_outputs_whole(tmp_path, monkeypatch):
    target = tmp_path / "a.clean.txt"
    target.write_bytes(b"old")
    calls = []

    def fail_second(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(textio.os, "fsync", fail_second)
    with pytest.raises(textio.OutputError):
        textio.write_files({target: b"new", tmp_path / "a.report.json": b"{}"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.clean.txt"]
    assert target.read_bytes() == b"old"


def test_one_bad_file_does_not_stop_the_others(tmp_path, rules):
    good = tmp_path / "good.txt"
    good.write_text("KI -Chips", encoding="utf-8")
    result = clean(rules, tmp_path / "missing.txt", good)
    assert_one_line_error(result, "missing.txt")
    assert (tmp_path / "good.clean.txt").read_text(encoding="utf-8") == "KI-Chips"


def test_folder_batch_keeps_the_tree_and_filters_by_glob(tmp_path, rules):
    tree = tmp_path / "in"
    (tree / "sub" / "deeper").mkdir(parents=True)
    (tree / ".hidden").mkdir()
    for relative in ["a.txt", "sub/b.txt", "sub/deeper/c.txt", "sub/skip.txt", "notes.md", ".hidden/d.txt"]:
        (tree / relative).write_text("KI -Chips", encoding="utf-8")
    out = tmp_path / "out"
    result = clean(rules, tree, "-o", out, "--include", "*.txt", "--exclude", "skip*", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    cleaned = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.clean.txt"))
    assert cleaned == ["a.clean.txt", "sub/b.clean.txt", "sub/deeper/c.clean.txt"]
    assert all(p.read_text(encoding="utf-8") == "KI-Chips" for p in out.rglob("*.clean.txt"))
    # a second run next to the inputs does not clean its own outputs
    assert clean(rules, tree, "--include", "*.txt").returncode == 0
    assert clean(rules, tree, "--include", "*.txt").returncode == 0
    assert not list(tree.rglob("*.clean.clean.txt"))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_in_a_batch_leaves_only_complete_outputs(tmp_path, rules, jobs):
    tree = tmp_path / "in"
    tree.mkdir()
    for number in range(3000):
        (tree / f"{number:04}.txt").write_text(f"Artikel {number}: KI -Chips\n" * 50, encoding="utf-8")
    out = tmp_path / "out"
    args = ["clean", tree, "-o", out, "--no-builtin", "--rules", rules, "--no-languagetool", "--jobs", jobs]
    process = subprocess.Popen(
        [str(SCRIPT), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.report.json"))) < 20:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    written = sorted(out.iterdir())
    assert not [p for p in written if p.name.endswith(".part")]
    stems = {p.name.split(".")[0] for p in written}
    assert 20 <= len(stems) < 3000
    for stem in stems:  # every file that was started is complete, with all its outputs
        assert (out / f"{stem}.clean.txt").read_text(encoding="utf-8").count("KI-Chips") == 50
        assert json.loads((out / f"{stem}.report.json").read_text(encoding="utf-8"))["summary"]["applied"] == 50
        assert (out / f"{stem}.diff.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
