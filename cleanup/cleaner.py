"""The library entry point: rule packs + config → a Cleaner that cleans strings.

    from cleanup import Cleaner
    result = Cleaner.from_config().clean(text)
    result.text, result.findings

The CLI is a thin layer over this.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace as dc_replace
from pathlib import Path

from cleanup.checks import Check
from cleanup.checks.entity import EntityCheck
from cleanup.config import Config, discover
from cleanup.engine import CleanResult, clean_text
from cleanup.findings import Finding, Safety
from cleanup.loader import Pack, builtin_rules_dir, load_packs

ExtraChecker = Callable[[str], list[Finding]]


class Cleaner:
    def __init__(self, packs: list[Pack], config: Config | None = None) -> None:
        self.config = config or Config()
        self.packs = packs
        self.extra_checkers: list[ExtraChecker] = []
        self.checks: list[Check] = []
        disabled = set(self.config.disable)
        for pack in packs:
            if pack.name in disabled:
                continue
            for check in pack.rules:
                if check.meta.id in disabled or not check.enabled:
                    continue
                safety = self.config.safety.get(check.meta.id) or self.config.safety.get(pack.name)
                if safety is not None and check.meta.type != "flag":
                    check.meta = dc_replace(check.meta, safety=safety)
                self.checks.append(check)

    @classmethod
    def from_config(
        cls,
        config: Config | None = None,
        *,
        rules: Iterable[str | Path] = (),
        disable: Iterable[str] = (),
        safety: dict[str, Safety] | None = None,
        builtin: bool | None = None,
        discover_config: bool = False,
    ) -> Cleaner:
        """Built-in packs (unless turned off) + config rules + `rules`; raises RuleFileError."""
        config = (config or (discover() if discover_config else Config())).model_copy(deep=True)
        config.rules = [*config.rules, *(Path(r) for r in rules)]
        config.disable = [*config.disable, *disable]
        config.safety = {**config.safety, **(safety or {})}
        if builtin is not None:
            config.builtin = builtin
        targets = ([builtin_rules_dir()] if config.builtin else []) + list(config.rules)
        return cls(load_packs(targets), config)

    def known_names(self) -> list[str]:
        """Canonical names from all entity rules (for spell checkers to accept)."""
        return sorted({name for c in self.checks if isinstance(c, EntityCheck) for name in c.names})

    def rule(self, rule_id: str) -> Check | None:
        return next((c for p in self.packs for c in p.rules if c.meta.id == rule_id), None)

    def clean(self, text: str, *, writable: Callable[[str], bool] | None = None) -> CleanResult:
        """`writable`: whether the output can hold a replacement (see `textio.writable_in`)."""
        extra = None
        if self.extra_checkers:

            def extra(t: str) -> list[Finding]:
                return [f for checker in self.extra_checkers for f in checker(t)]

        return clean_text(text, self.checks, extra, writable=writable)
