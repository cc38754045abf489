"""LanguageTool (German grammar, spelling and style checks) as a local checker.

- `install` fetches LanguageTool's jars with Maven into the user's cache folder
  (`cleanup languagetool install`).
- `open_languagetool` gives one run its checker for `Cleaner.extra_checkers`, starting a local
  server on first need and stopping it at the end (or using a running one by URL).
- `options` documents the `languagetool:` config and the LanguageTool rules that are off by
  default (DEFAULT_DISABLED_RULES, DEFAULT_DISABLED_CATEGORIES) and why.
"""

from cleanup.languagetool.checker import LanguageToolChecker, paragraphs
from cleanup.languagetool.options import (
    DEFAULT_DISABLED_CATEGORIES,
    DEFAULT_DISABLED_RULES,
    LanguageToolOptions,
    parse_options,
)
from cleanup.languagetool.provision import DEFAULT_VERSION, LanguageToolUnavailable, install, status
from cleanup.languagetool.session import URL_ENV, LanguageToolRun, open_languagetool

__all__ = [
    "DEFAULT_DISABLED_CATEGORIES",
    "DEFAULT_DISABLED_RULES",
    "DEFAULT_VERSION",
    "URL_ENV",
    "LanguageToolChecker",
    "LanguageToolOptions",
    "LanguageToolRun",
    "LanguageToolUnavailable",
    "install",
    "open_languagetool",
    "paragraphs",
    "parse_options",
    "status",
]
