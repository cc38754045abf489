"""Rule types: each module defines a raw schema and a `build` that compiles it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import Field

from cleanup.checks import consistency, detector, entity, flag, replace
from cleanup.checks.base import Check, RuleMeta, RuleTimeout

RawAnyRule = Annotated[
    replace.RawReplace | entity.RawEntity | consistency.RawConsistency | flag.RawFlag | detector.RawDetector,
    Field(discriminator="type"),
]

BUILDERS: dict[str, Callable[[Any, RuleMeta], Check]] = {
    "replace": replace.build,
    "entity": entity.build,
    "consistency": consistency.build,
    "flag": flag.build,
    "detector": detector.build,
}


def compile_rule(raw: Any, pack: str, source: str) -> Check:
    meta = RuleMeta(
        id=raw.id,
        type=raw.type,
        category=raw.category,
        safety=raw.safety,
        message=raw.message,
        description=raw.description,
        link=raw.link,
        priority=raw.priority,
        examples=list(raw.examples),
        pack=pack,
        source=source,
    )
    check = BUILDERS[raw.type](raw, meta)
    check.enabled = raw.enabled
    return check


__all__ = ["RawAnyRule", "Check", "RuleMeta", "RuleTimeout", "compile_rule"]
