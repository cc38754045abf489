"""Shared helpers: build checks from inline YAML so tests state their rules next to them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cleanup.checks import Check
from cleanup.loader import load_pack

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def make_rules(tmp_path: Path):
    """Write a pack from YAML text and return its compiled checks."""

    def make(yaml_text: str, name: str = "pack.yaml") -> list[Check]:
        path = tmp_path / name
        path.write_text(textwrap.dedent(yaml_text), encoding="utf-8")
        return load_pack(path).rules

    return make


@pytest.fixture(scope="session")
def sample_text() -> str:
    return (REPO / "seeds" / "openai-broadcom.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_cleaner():
    from cleanup import Cleaner

    return Cleaner.from_config()
