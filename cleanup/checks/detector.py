"""`detector`: a rule whose matching is Python code (cleanup/detectors/), for artifacts
that a pattern cannot describe well (mojibake, English runs inside German sentences).

The YAML still carries the rule's id, safety, message, documentation and examples;
`options` are validated by the detector's own schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field, model_validator

from cleanup.checks.base import Check, RawRule
from cleanup.detectors import DETECTORS, Detector
from cleanup.document import Document
from cleanup.findings import Finding

# how far a local detector looks around a hit (genitive: 100 characters back for the name)
DETECTOR_REACH = 200


class RawDetector(RawRule):
    type: Literal["detector"]
    detector: str
    options: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_detector(self) -> RawDetector:
        if self.detector not in DETECTORS:
            raise ValueError(f"unknown detector {self.detector!r}; known: {', '.join(sorted(DETECTORS))}")
        DETECTORS[self.detector].options.model_validate(self.options)
        return self


@dataclass
class DetectorCheck(Check):
    detector: Detector | None = None

    def find(self, doc: Document) -> Iterator[Finding]:
        assert self.detector is not None
        for hit in self.detector(doc):
            if not doc.is_protected(hit.start, hit.end):
                yield self.finding(doc, hit.start, hit.end, hit.replacements, **hit.placeholders)


def build(raw: RawDetector, meta) -> DetectorCheck:  # type: ignore[no-untyped-def]
    spec = DETECTORS[raw.detector]
    detector = spec.factory(spec.options.model_validate(raw.options))
    return DetectorCheck(meta=meta, detector=detector, local=spec.local, reach=DETECTOR_REACH if spec.local else 0)
