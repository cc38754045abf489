"""The sample article against its human annotation (../shared/seeds, copied to bench/eval/seed.txt):
every hyphen, name, casing and AI/KI artifact fixed, nothing else changed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _scorer():
    spec = importlib.util.spec_from_file_location("score", REPO / "bench" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["score"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_sample_article_is_fixed_without_false_edits(sample_cleaner, sample_text):
    score = _scorer()
    (case,) = score.parse_file(REPO / "bench" / "eval" / "seed.txt")
    assert case.text.replace("\n", "") == sample_text.replace("\n", "")  # the annotation is of this article
    outcomes = score.score_case(case, sample_cleaner.clean(case.text).findings)
    must_fix = {"hyphen", "terminology", "entity", "casing"}
    unfixed = [o.context() for o in outcomes if o.family in must_fix and o.status != "fixed"]
    damage = [o.context() for o in outcomes if o.status in ("wrong", "false-edit")]
    assert not unfixed, unfixed
    assert not damage, damage
    assert sum(o.family in must_fix for o in outcomes) == 32
