"""Does the cleaner still give exactly the output it gave before? For speed work, which must
change nothing a user sees.

    .venv/bin/python bench/same_output.py save /tmp/speed-baseline    # before the change
    .venv/bin/python bench/same_output.py check /tmp/speed-baseline   # after it

The texts: every case of bench/eval/*.txt as bench/score.py feeds it to the cleaner, the seed
articles, the first 2 MB of a few corpus sources and `german_text(2.0)` (plus the same text with
ten paragraphs to a line, for long lines). For each, the cleaned text, the warnings and every
finding's fields go into one JSON file; `check` names the first difference of each text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from score import parse_file
from textgen import CORPUS, ROOT, german_text

from cleanup import Cleaner

CORPUS_SOURCES = ["debian-docs", "fortunes", "gettext-apps", "libreoffice-help", "manpages"]
SLICE = 2_000_000


def texts() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "bench" / "eval").glob("*.txt")):
        for case in parse_file(path):
            yield f"eval/{path.stem}/{case.id}", case.text
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        yield f"seeds/{path.name}", path.read_text(encoding="utf-8")
    for name in CORPUS_SOURCES:
        path = CORPUS / f"{name}.txt"
        if path.exists():
            text = path.read_text(encoding="utf-8")[:SLICE]
            yield f"corpus/{name}", text[: text.rfind("\n") + 1]
    generated = german_text(2.0)
    yield "german_text(2.0)", generated
    lines = generated.splitlines()
    yield "german_text(2.0), long lines", "\n".join(" ".join(lines[i : i + 10]) for i in range(0, len(lines), 10))


def outcome(cleaner: Cleaner, text: str) -> dict:
    result = cleaner.clean(text)
    return {
        "text": result.text,
        "warnings": result.warnings,
        "findings": [f.to_json() | {"priority": f.priority} for f in result.findings],
    }


def first_difference(old: dict, new: dict) -> str | None:
    if old["text"] != new["text"]:
        at = next((i for i, (a, b) in enumerate(zip(old["text"], new["text"], strict=False)) if a != b), None)
        at = min(len(old["text"]), len(new["text"])) if at is None else at
        return f"cleaned text differs at {at}: {old['text'][at - 30 : at + 30]!r} vs {new['text'][at - 30 : at + 30]!r}"
    if old["warnings"] != new["warnings"]:
        return f"warnings {old['warnings']} vs {new['warnings']}"
    before = {json.dumps(f, sort_keys=True) for f in old["findings"]}
    after = {json.dumps(f, sort_keys=True) for f in new["findings"]}
    lost, gained = sorted(before - after), sorted(after - before)
    if lost or gained:
        return f"{len(lost)} findings lost, {len(gained)} new; first lost {lost[:1]}, first new {gained[:1]}"
    if old["findings"] != new["findings"]:
        return "same findings in another order"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["save", "check"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    cleaner = Cleaner.from_config()
    args.folder.mkdir(parents=True, exist_ok=True)
    store = args.folder / "outputs.jsonl"
    if args.mode == "save":
        with store.open("w", encoding="utf-8") as out:
            for name, text in texts():
                out.write(json.dumps({"name": name, **outcome(cleaner, text)}, ensure_ascii=False) + "\n")
        print(f"saved to {store}")
        return
    saved = {row["name"]: row for row in map(json.loads, store.open(encoding="utf-8"))}
    differences = 0
    for name, text in texts():
        difference = first_difference(saved[name], outcome(cleaner, text))
        if difference is not None:
            differences += 1
            print(f"{name}: {difference}")
    print(f"{len(saved)} texts, {differences} differ")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
