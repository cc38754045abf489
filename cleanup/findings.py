"""The one result type every checker produces and every report consumes.

A finding always points at the *original* decoded input text (character offsets,
Python string indices, end exclusive), so that the JSON report, the HTML review and
`cleanup apply` can all work from the same numbers.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Safety = Literal["safe", "suggest"]


@dataclass(slots=True)
class Finding:
    rule: str
    category: str
    safety: Safety
    start: int
    end: int
    original: str
    replacements: list[str]
    message: str
    applied: bool = False
    source: str = "rules"  # which checker found it: "rules" or "languagetool"
    priority: int = 0  # higher wins when fixes overlap
    link: str | None = None
    # ids of earlier fixes folded into this one by a later pass of the engine
    merged: list[str] = field(default_factory=list)
    # where a person finds it in a structured file: {"line", "column"}, {"unit"}, {"paragraph"}, …
    location: dict[str, Any] | None = None

    @property
    def is_fix(self) -> bool:
        """A finding with at least one replacement; flags have none."""
        return bool(self.replacements)

    def overlaps(self, other: Finding) -> bool:
        """Spans that share a character conflict; so do two edits at the same point."""
        return (self.start < other.end and other.start < self.end) or self.start == other.start

    def to_json(self) -> dict:
        data = asdict(self)
        data.pop("priority")
        if not data["merged"]:
            data.pop("merged")
        if data["link"] is None:
            data.pop("link")
        if data["location"] is None:
            data.pop("location")
        return data
