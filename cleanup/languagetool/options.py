"""`languagetool:` options in .cleanup.yaml / [tool.cleanup.languagetool], and the defaults.

    languagetool:
      safe_rules: [DE_AGREEMENT]      # apply these LanguageTool fixes automatically
      disable: [DE_CASE]              # switch off more LanguageTool rules
      enable: [WHITESPACE_RULE]       # switch rules back on (also ones off by default)
      url: http://localhost:8081      # use a running server instead of starting one

Rule ids may be written with or without the `LT:` prefix. `safety: {LT:RULE: safe}` and
`disable: [LT:RULE]` at the top level of the config work too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

# LanguageTool rules switched off by default, and why. The first group duplicates rule packs
# of this project (which know more about MT artifacts and protect code, names and numbers);
# the second is noise on machine-translated news text.
DEFAULT_DISABLED_RULES: dict[str, str] = {
    # duplicates of our packs
    "DE_DASH": "space in hyphenated compounds ('KI -Chips'): hyphen pack HYPHEN-SPACE-*",
    "APOSTROPH_S": "apostrophe before the genitive s: genitive pack GENITIVE-APOSTROPHE",
    "WHITESPACE_RULE": "repeated spaces: punctuation pack PUNCT-DOUBLE-SPACE, which leaves layout alone",
    "COMMA_PARENTHESIS_WHITESPACE": "space before comma / inside brackets: PUNCT-SPACE-BEFORE, PUNCT-SPACE-IN-BRACKETS",
    "DE_SENTENCE_WHITESPACE": "missing space between sentences: punctuation pack; LT also fires on URLs and versions",
    # noise on MT text
    "PUNCTUATION_PARAGRAPH_END": "headings and list items have no final punctuation; we send one paragraph at a time",
    "TOO_LONG_SENTENCE_DE": "long sentences come from the source text, not from the translation",
    "EINHEITEN_METRISCH": "unit conversion hints ('10 Meilen (16 km)') are not errors",
    "DE_REPEATEDWORDS": "synonym suggestions for repeated words: style, not an MT error, and many per text",
}

# Whole categories off by default. TYPOGRAPHY is quotes, dashes, non-breaking spaces and
# spacing around punctuation: our punctuation, quotes and hyphen packs own these, and on MT
# output LanguageTool's typography hints are numerous enough to bury the grammar findings.
DEFAULT_DISABLED_CATEGORIES: dict[str, str] = {
    "TYPOGRAPHY": "quotes, dashes, spacing: owned by the punctuation/quotes/hyphen packs",
}

# LanguageTool's spell checkers; their matches on known names are dropped client-side too.
SPELLER_RULES = ("GERMAN_SPELLER_RULE", "AUSTRIAN_GERMAN_SPELLER_RULE", "SWISS_GERMAN_SPELLER_RULE")


def _rule_id(value: str) -> str:
    return value.strip().removeprefix("LT:")


class LanguageToolOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str | None = None  # a running server (else one is started for the run)
    version: str | None = None  # installed LanguageTool version to start (default: the pom's)
    language: str = "de-DE"
    level: Literal["default", "picky"] = "default"
    safe_rules: list[str] = []  # LanguageTool rule ids whose first replacement is applied
    disable: list[str] = []  # more rule ids to switch off
    enable: list[str] = []  # rule ids to switch on, including default-off ones
    enable_categories: list[str] = []  # category ids to switch back on (e.g. TYPOGRAPHY)
    disable_categories: list[str] = []
    max_replacements: int = Field(3, ge=1, le=20)
    priority: int = 0  # finding priority for conflicts; the packs use 10-30
    memory: str = "1536m"  # -Xmx of the local server
    workers: int = Field(2, ge=1, le=16)  # paragraphs checked at the same time
    cache: bool = True  # persistent per-paragraph cache
    startup_timeout: float = 180.0
    request_timeout: float = 300.0  # the first request builds LanguageTool's pipeline

    @field_validator("safe_rules", "disable", "enable", "enable_categories", "disable_categories")
    @classmethod
    def _strip_prefix(cls, values: list[str]) -> list[str]:
        return [_rule_id(v) for v in values if v.strip()]

    def disabled_rules(self, extra: Iterable[str] = ()) -> list[str]:
        enabled = set(self.enable)
        return sorted({r for r in DEFAULT_DISABLED_RULES if r not in enabled} | set(self.disable) | set(extra))

    def disabled_categories(self) -> list[str]:
        enabled = set(self.enable_categories)
        defaults = {c for c in DEFAULT_DISABLED_CATEGORIES if c not in enabled}
        return sorted(defaults | set(self.disable_categories))

    def request_params(self, extra_disabled: Iterable[str] = ()) -> dict[str, str]:
        params = {"language": self.language}
        disabled = self.disabled_rules(extra_disabled)
        if disabled:
            params["disabledRules"] = ",".join(disabled)
        if self.enable:
            params["enabledRules"] = ",".join(sorted(set(self.enable)))
        categories = self.disabled_categories()
        if categories:
            params["disabledCategories"] = ",".join(categories)
        if self.level != "default":
            params["level"] = self.level
        return params


def parse_options(data: dict[str, Any] | None) -> LanguageToolOptions:
    """Validated options; ValueError with 'languagetool.<field>: <problem>' on bad input."""
    try:
        return LanguageToolOptions.model_validate(data or {})
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"config languagetool.{where}: {first['msg']}") from None
