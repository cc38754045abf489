"""Detectors: Python matching code behind `type: detector` rules.

Each detector module registers a `DetectorSpec`: a pydantic model for its options and a
factory that turns validated options into a callable `Document -> Iterator[Hit]`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from cleanup.document import Document


@dataclass
class Hit:
    start: int
    end: int
    replacements: list[str]
    placeholders: dict[str, str] = field(default_factory=dict)


Detector = Callable[[Document], Iterator[Hit]]


@dataclass
class DetectorSpec:
    options: type[BaseModel]
    factory: Callable[[Any], Detector]
    # hits depend only on the text within a few hundred characters (the engine's later
    # passes then look only around the lines that changed)
    local: bool = False


DETECTORS: dict[str, DetectorSpec] = {}


def register(
    name: str, options: type[BaseModel], *, local: bool = False
) -> Callable[[Callable[[Any], Detector]], Callable[[Any], Detector]]:
    def decorate(factory: Callable[[Any], Detector]) -> Callable[[Any], Detector]:
        DETECTORS[name] = DetectorSpec(options, factory, local)
        return factory

    return decorate


def _load_all() -> None:
    """Import every detector module so that it registers itself."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


_load_all()
