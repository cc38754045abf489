"""Command line: a thin layer over `cleanup.Cleaner`.

User errors (missing files, bad encodings, broken rule files, unwritable outputs) print
one line to stderr and exit with status 2, never a traceback.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from cleanup import __version__, batch, chunks, textio
from cleanup.cleaner import Cleaner
from cleanup.config import discover
from cleanup.examples import example_failures
from cleanup.formats import FORMATS, Glossary, load_glossary, position, process_file
from cleanup.htmlreport import render
from cleanup.languagetool import LanguageToolUnavailable, open_languagetool
from cleanup.loader import RuleFileError, load_packs
from cleanup.report import dumps
from cleanup.review import apply_review, load_decisions, match
from cleanup.textio import CleanupError, Encoder, output_files, write_files

EXIT_FINDINGS = 1
EXIT_USAGE = 2


def _fail(message: str) -> None:
    click.echo(f"cleanup: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def rule_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that builds a Cleaner."""
    options = [
        click.option(
            "--rules",
            "rules",
            multiple=True,
            type=click.Path(path_type=Path),
            help="Extra rule file or folder (YAML). Repeatable.",
        ),
        click.option("--no-builtin", is_flag=True, help="Do not load the built-in rule packs."),
        click.option(
            "--disable", multiple=True, metavar="PACK_OR_RULE", help="Turn off a pack or a rule by name. Repeatable."
        ),
        click.option(
            "--safety",
            "safety",
            multiple=True,
            metavar="ID=safe|suggest",
            help="Override a rule's or pack's safety, e.g. --safety TERM-KI-AI=suggest.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def format_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--format and --glossary, for the commands that read documents."""
    command = click.option(
        "--glossary",
        type=click.Path(path_type=Path),
        help="Term list (CSV: source term, German term; or TBX) for the bilingual checks of XLIFF and PO files.",
    )(command)
    return click.option(
        "--format",
        "format_name",
        type=click.Choice(["auto", *FORMATS]),
        default="auto",
        show_default=True,
        help="Input format; auto: by extension (.md .html .docx .xlf .po .srt .vtt; anything else is text).",
    )(command)


def _set_max_size(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        try:
            textio.MAX_INPUT_BYTES = textio.parse_size(value)
        except CleanupError as exc:
            raise click.BadParameter(str(exc)) from None


max_size_option = click.option(
    "--max-size",
    metavar="SIZE",
    callback=_set_max_size,
    expose_value=False,
    help=f"Largest input to hold in memory whole, e.g. 300M or 1G (default {textio.MAX_INPUT_BYTES // 1_000_000}M); "
    "in plain text cleaned in chunks: the longest stretch without a line break.",
)


def _parse_chunk_size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    try:
        return textio.parse_size(value)
    except CleanupError as exc:
        raise click.BadParameter(str(exc)) from None


def chunk_size_option(what: str, then: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--chunk-size: what the command does with a text over the size, and what follows from it."""
    return click.option(
        "--chunk-size",
        metavar="SIZE",
        default=f"{chunks.CHUNK_SIZE // 1_000_000}M",
        show_default=True,
        callback=_parse_chunk_size,
        help=f"Plain text larger than this is {what} in chunks of about this size, cut at paragraph breaks, "
        f"so that memory does not grow with the file. {then}",
    )


ONE_CHUNK = "Rules about the whole document (KI/AI consistency, names with document context) see one chunk at a time"


def _cleaner(rules: tuple[Path, ...], no_builtin: bool, disable: tuple[str, ...], safety: tuple[str, ...]) -> Cleaner:
    overrides: dict[str, Any] = {}
    for item in safety:
        key, _, level = item.partition("=")
        if level not in ("safe", "suggest") or not key:
            _fail(f"--safety takes ID=safe or ID=suggest, not {item!r}")
        overrides[key] = level
    return Cleaner.from_config(
        discover(),
        rules=rules,
        disable=disable,
        safety=overrides,
        builtin=False if no_builtin else None,
    )


def handle_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (CleanupError, RuleFileError) as exc:
            for line in str(exc).splitlines() or [type(exc).__name__]:
                click.echo(f"cleanup: error: {line}", err=True)
            sys.exit(EXIT_USAGE)
        except KeyboardInterrupt:
            click.echo("cleanup: interrupted; files already written are complete", err=True)
            sys.exit(130)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="cleanup")
def main() -> None:
    """Find and fix machine-translation artifacts in German text.

    \b
    cleanup clean article.txt -o out     clean a file, write report and diff
    cleanup check article.txt            list findings (exit 1 if any), for CI
    cleanup apply out/article.report.json --decisions article.decisions.json
                                         the text as reviewed in article.diff.html
    cleanup rules list                   the rules and what they do

    Safe fixes are applied; suggestions and flags only appear in the reports.
    """


def output_paths(source: Path, outdir: Path | None) -> dict[str, Path]:
    folder = outdir if outdir is not None else source.parent
    stem = source.name[: -len(source.suffix)] if source.suffix else source.name
    return {
        "clean": folder / f"{stem}.clean{source.suffix or '.txt'}",
        "html": folder / f"{stem}.diff.html",
        "json": folder / f"{stem}.report.json",
    }


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output-dir",
    "outdir",
    type=click.Path(path_type=Path),
    help="Folder for NAME.clean.txt, NAME.diff.html and NAME.report.json (default: next to the input).",
)
@click.option("--encoding", help="Encoding of inputs that are not UTF-8 (e.g. cp1252). Outputs keep it.")
@click.option("--no-languagetool", is_flag=True, help="Do not run LanguageTool's grammar and spelling checks.")
@click.option(
    "--languagetool-url",
    metavar="URL",
    help="Use this running LanguageTool server (also $CLEANUP_LANGUAGETOOL_URL) instead of starting one.",
)
@click.option(
    "--decisions",
    "decisions_path",
    type=click.Path(path_type=Path),
    help="Review decisions (exported by the review page) to apply again, matched by rule and surrounding text.",
)
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="In folders: clean the files that match (name or relative path). Repeatable. "
    "Default: the known formats (*.txt *.md *.html *.docx *.xlf *.po *.srt *.vtt …).",
)
@click.option("--exclude", multiple=True, metavar="GLOB", help="In folders: skip the files that match. Repeatable.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes.")
@chunk_size_option(
    "read, cleaned and written", f"{ONE_CHUNK}, and no review page is written; a size above the file's cleans it whole."
)
@max_size_option
@format_options
@rule_options
@handle_errors
def clean(
    inputs: tuple[Path, ...],
    outdir: Path | None,
    encoding: str | None,
    no_languagetool: bool,
    languagetool_url: str | None,
    decisions_path: Path | None,
    format_name: str,
    glossary: Path | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    jobs: int,
    chunk_size: int,
    **rule_args: Any,
) -> None:
    """Clean INPUT files and folders: apply safe fixes, write the cleaned text and reports.

    A folder is cleaned recursively; with -o its outputs keep their relative place."""
    cleaner = _cleaner(**rule_args)
    terms = load_glossary(glossary) if glossary is not None else None
    decisions = load_decisions(decisions_path) if decisions_path is not None else []
    with open_languagetool(
        cleaner.config, languagetool_url, not no_languagetool, names=cleaner.known_names()
    ) as languagetool:
        if languagetool.checker is not None:
            cleaner.extra_checkers.append(languagetool.checker)
        files = batch.expand(inputs, outdir, include or _known_format_globs(), exclude)
        _refuse_shared_outputs(files)

        def clean_one(source: Path, folder: Path | None) -> None:
            paths = output_paths(source, folder)
            real = source.resolve()
            if any(p.resolve() == real for p in paths.values()):
                raise CleanupError(f"{source}: an output would overwrite the input; choose another -o folder")
            if chunks.is_chunked(source, format_name, chunk_size):
                if decisions_path is not None:
                    raise CleanupError(
                        f"{source}: --decisions needs the text whole; give a --chunk-size above its size"
                    )
                summary = chunks.clean_file(
                    source, paths, cleaner, encoding, chunk_size, lambda: {"languagetool": languagetool.summary()}
                )
                _print_summary(source, summary, [paths["clean"], paths["json"]])
                click.echo(f"  no review page for text cleaned in chunks; {_whole_options(source)} cleans it whole")
                click.echo(f"  {languagetool.message()}")
                return
            outcome = process_file(source, cleaner, format=format_name, encoding=encoding, glossary=terms)
            result = outcome.result
            report = outcome.report(str(source))
            report["summary"]["languagetool"] = languagetool.summary()
            chosen, stale = match(decisions, result.original, result.findings)
            html = render(result, str(source), report["summary"], chosen, outcome.segments)
            write_files(
                {
                    paths["clean"]: outcome.output(chosen),
                    paths["json"]: dumps(report).encode("utf-8"),
                    paths["html"]: html.encode("utf-8"),
                }
            )
            _print_summary(source, report["summary"], [paths["clean"], paths["html"], paths["json"]])
            click.echo(f"  {languagetool.message()}")
            if decisions_path is not None:
                click.echo(f"  {len(chosen)} review decisions applied again, {len(stale)} no longer match this text")

        if batch.run(files, clean_one, jobs):
            sys.exit(EXIT_USAGE)


def _refuse_shared_outputs(jobs: list[batch.Job]) -> None:
    """`a.xlf` and `a.docx` cleaned into one folder would write the same a.report.json.

    Folders are resolved (once each), names not: an output replaces the name it is written to."""
    writers: dict[Path, Path] = {}
    folders: dict[Path, Path] = {}
    for job in jobs:
        for path in output_paths(job.source, job.outdir).values():
            folder = folders.get(path.parent) or folders.setdefault(path.parent, path.parent.resolve())
            other = writers.setdefault(folder / path.name, job.source)
            if other != job.source:
                raise CleanupError(
                    f"{other} and {job.source} would both write {path}; clean them into different -o folders"
                )


def _known_format_globs() -> list[str]:
    return [f"*{extension}" for fmt in FORMATS.values() for extension in fmt.extensions]


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def _whole_options(path: Path) -> str:
    """The options that clean a file whole: sizes just above its own (212M for 211.3 MB)."""
    size = path.stat().st_size
    over = f"{size // 1_000_000 + 1}M"
    return f"--chunk-size {over}" + (f" --max-size {over}" if size > textio.MAX_INPUT_BYTES else "")


def _print_summary(source: Path, summary: dict[str, Any], written: list[Path]) -> None:
    categories = ", ".join(f"{name} {count}" for name, count in summary["by_category"].items())
    click.echo(f"{source}: {_count(summary['findings'], 'finding')}" + (f" ({categories})" if categories else ""))
    click.echo(
        f"  {_count(summary['applied'], 'fix', 'fixes')} applied, {_count(summary['suggestions'], 'suggestion')} "
        f"and {_count(summary['flags'], 'flag')} left for review"
    )
    for warning in summary["warnings"]:
        click.echo(f"  warning: {warning}")
    click.echo(f"  wrote {', '.join(map(str, written))}")


@main.command("apply")
@click.argument("report_path", metavar="REPORT", type=click.Path(path_type=Path))
@click.option(
    "--decisions", "decisions_path", type=click.Path(path_type=Path), help="Decisions file of the review page."
)
@click.option(
    "--input", "input_path", type=click.Path(path_type=Path), help="The text REPORT is about (default: its input)."
)
@click.option("--encoding", help="Encoding of an input that is not UTF-8.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the text here (default: standard output).")
@chunk_size_option("read and written", "Not with --decisions: they are matched in the whole text.")
@max_size_option
@handle_errors
def apply_command(
    report_path: Path,
    decisions_path: Path | None,
    input_path: Path | None,
    encoding: str | None,
    output: Path | None,
    chunk_size: int,
) -> None:
    """The reviewed text: REPORT's text with the --decisions applied, exactly as the review page exports it.

    Refuses when the text is not the one REPORT was made from (content hash).
    """
    applied = apply_review(report_path, decisions_path, input_path, encoding, chunk_size)
    for decision in applied.stale:
        click.echo(f"cleanup: warning: decision on {decision.rule} {decision.original!r} matches no finding", err=True)
    encoder = Encoder(applied.encoding, applied.bom)
    if output is None:
        for piece in applied.pieces:
            sys.stdout.buffer.write(encoder.encode(piece))
        sys.stdout.buffer.write(encoder.encode("", final=True))
        sys.stdout.buffer.flush()
        return
    if output.resolve() == applied.source.resolve():
        raise CleanupError(f"{output}: would overwrite the input; choose another -o file")
    with output_files([output]) as files:
        for piece in applied.pieces:
            files[output].write(encoder.encode(piece))
        files[output].write(encoder.encode("", final=True))


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--encoding", help="Encoding of inputs that are not UTF-8.")
@click.option("--languagetool", "use_languagetool", is_flag=True, help="Also run LanguageTool (off by default here).")
@click.option("--languagetool-url", metavar="URL", help="Run LanguageTool on this running server.")
@chunk_size_option("checked", f"{ONE_CHUNK}.")
@max_size_option
@format_options
@rule_options
@handle_errors
def check(
    inputs: tuple[Path, ...],
    encoding: str | None,
    use_languagetool: bool,
    languagetool_url: str | None,
    format_name: str,
    glossary: Path | None,
    chunk_size: int,
    **rule_args: Any,
) -> None:
    """List findings as FILE:LINE:COL: RULE message (DOCX: FILE:paragraph N:); exit 1 when there are any."""
    cleaner = _cleaner(**rule_args)
    terms = load_glossary(glossary) if glossary is not None else None
    with open_languagetool(
        cleaner.config, languagetool_url, use_languagetool or bool(languagetool_url), names=cleaner.known_names()
    ) as languagetool:
        if languagetool.checker is not None:
            cleaner.extra_checkers.append(languagetool.checker)
        total = _check_files(cleaner, inputs, encoding, format_name, terms, chunk_size)
        if languagetool.enabled:
            click.echo(f"cleanup: {languagetool.message(last_only=False)}", err=True)
    sys.exit(EXIT_FINDINGS if total else 0)


def _check_files(
    cleaner: Cleaner,
    inputs: tuple[Path, ...],
    encoding: str | None,
    format_name: str,
    glossary: Glossary | None,
    chunk_size: int,
) -> int:
    total = 0
    for source in inputs:
        if chunks.is_chunked(source, format_name, chunk_size):
            results = chunks.clean_chunks(chunks.ChunkReader(source, encoding, chunk_size), cleaner)
        else:
            outcome = process_file(source, cleaner, format=format_name, encoding=encoding, glossary=glossary)
            results = iter([outcome.result])
        for result in results:
            for finding in result.findings:
                fix = f" [fix: {finding.original!r} → {finding.replacements[0]!r}]" if finding.is_fix else ""
                click.echo(f"{source}:{position(finding)}: {finding.rule} {finding.message}{fix}")
            for warning in result.warnings:
                click.echo(f"{source}: warning: {warning}", err=True)
            total += len(result.findings)
    return total


@main.group()
def rules() -> None:
    """List, document and test rules."""


@rules.command("list")
@rule_options
@handle_errors
def rules_list(**rule_args: Any) -> None:
    """Every rule: id, category, safety and a one-line description, by pack."""
    cleaner = _cleaner(**rule_args)
    for pack in cleaner.packs:
        click.echo(f"{pack.name}  ({pack.path})")
        if pack.description:
            click.echo(f"  {' '.join(pack.description.split())}")
        for check in pack.rules:
            meta = check.meta
            active = "" if check in cleaner.checks else "  [disabled]"
            summary = (meta.description or meta.message).strip().splitlines()[0]
            click.echo(f"  {meta.id:<34} {meta.category:<12} {meta.safety:<8} {summary}{active}")


@rules.command("show")
@click.argument("rule_id")
@rule_options
@handle_errors
def rules_show(rule_id: str, **rule_args: Any) -> None:
    """Full documentation and examples of one rule."""
    cleaner = _cleaner(**rule_args)
    check = cleaner.rule(rule_id)
    if check is None:
        _fail(f"no rule {rule_id!r}; see 'cleanup rules list'")
        return
    meta = check.meta
    click.echo(f"{meta.id}  ({meta.type} rule in pack {meta.pack}, {meta.source})")
    click.echo(f"category: {meta.category}   safety: {meta.safety}   priority: {meta.priority}")
    click.echo(f"message: {meta.message}")
    if meta.link:
        click.echo(f"link: {meta.link}")
    if meta.description:
        click.echo("\n" + meta.description.rstrip())
    click.echo("\nExamples:")
    for example in meta.examples:
        if example.ok is not None:
            click.echo(f"  ok:   {example.ok}")
        else:
            click.echo(f"  bad:  {example.bad}")
            if example.good is not None:
                click.echo(f"  good: {example.good}")


@rules.command("test")
@click.argument("targets", nargs=-1, type=click.Path(path_type=Path))
@handle_errors
def rules_test(targets: tuple[Path, ...]) -> None:
    """Run every rule's examples (built-in packs, or the given files/folders)."""
    from cleanup.loader import builtin_rules_dir

    packs = load_packs(list(targets) or [builtin_rules_dir()])
    failures = 0
    count = 0
    for pack in packs:
        for check in pack.rules:
            count += 1
            for failure in example_failures(check):
                failures += 1
                click.echo(f"{pack.path}: FAIL {failure}")
    examples = sum(len(c.meta.examples) for p in packs for c in p.rules)
    click.echo(f"{count} rules, {examples} examples, {failures} failed")
    sys.exit(1 if failures else 0)


@main.group("languagetool")
def languagetool_group() -> None:
    """Install LanguageTool (German) locally and show its status."""


@languagetool_group.command("install")
@click.option("--version", "version", metavar="X.Y", help="LanguageTool release (default: the tested one).")
@click.option("--force", is_flag=True, help="Fetch again even when already installed.")
@click.option("-v", "--verbose", is_flag=True, help="Show Maven's output.")
def languagetool_install(version: str | None, force: bool, verbose: bool) -> None:
    """Fetch LanguageTool's server and German module from Maven Central (once; needs Java 17+ and mvn)."""
    from cleanup.languagetool import install

    try:
        inst, fresh = install(version, force=force, quiet=not verbose)
    except LanguageToolUnavailable as exc:
        _fail(str(exc))
        return
    click.echo(f"LanguageTool {inst.version} {'installed' if fresh else 'already installed'} in {inst.root}")


@languagetool_group.command("status")
@click.option("--version", "version", metavar="X.Y", help="LanguageTool release to look for.")
def languagetool_status(version: str | None) -> None:
    """Where LanguageTool is installed and whether Java and Maven are there; exit 1 if it cannot run."""
    from cleanup.languagetool import status

    info = status(version)
    state = f"installed ({info['jars']} jars, {info['size_mb']} MB)" if info["installed"] else "not installed"
    click.echo(f"LanguageTool {info['version']}: {state}")
    click.echo(f"  folder: {info['folder']}")
    click.echo(f"  java:   {info['java'] or 'missing'}")
    click.echo(f"  maven:  {info['maven'] or 'missing'}")
    if info["other_versions"]:
        click.echo(f"  other versions: {', '.join(info['other_versions'])}")
    if info.get("problem"):
        click.echo(f"  problem: {info['problem']}")
    if not info["installed"]:
        click.echo("  run `cleanup languagetool install`")
    sys.exit(0 if info["installed"] and info["java"] else 1)


def run() -> None:
    """Entry point that keeps internal errors to one line unless CLEANUP_DEBUG is set."""
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # a bug, not a user error: still no traceback by default
        if os.environ.get("CLEANUP_DEBUG"):
            raise
        click.echo(f"cleanup: internal error: {type(exc).__name__}: {exc} (set CLEANUP_DEBUG=1 for details)", err=True)
        sys.exit(3)
