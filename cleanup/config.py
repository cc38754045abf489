"""Project configuration, found the way other linters find theirs.

The nearest `.cleanup.yaml` in the working folder or a parent wins; otherwise the
nearest `pyproject.toml` with a `[tool.cleanup]` table. Command-line options add to it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from cleanup.loader import RuleFileError, read_yaml


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rules: list[Path] = []  # extra rule files or folders, relative to the config file
    builtin: bool = True  # load the built-in packs
    disable: list[str] = []  # pack names or rule ids
    safety: dict[str, Literal["safe", "suggest"]] = {}  # rule id or pack name -> safety
    languagetool: dict[str, Any] = {}  # options for the LanguageTool checker
    source: str | None = None  # where this config came from


CONFIG_FILE = ".cleanup.yaml"


def discover(start: Path | None = None) -> Config:
    """The project config for `start` (default: the working folder), or the defaults."""
    folder = (start or Path.cwd()).resolve()
    for candidate in [folder, *folder.parents]:
        yaml_file = candidate / CONFIG_FILE
        if yaml_file.is_file():
            data, _ = read_yaml(yaml_file)
            return _validated(data or {}, yaml_file)
        toml_file = candidate / "pyproject.toml"
        if toml_file.is_file():
            try:
                table = tomllib.loads(toml_file.read_text("utf-8")).get("tool", {}).get("cleanup")
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise RuleFileError(f"{toml_file}:1:1: cannot read: {exc}") from None
            if table is not None:
                return _validated(table, toml_file)
    return Config()


def _validated(data: Any, path: Path) -> Config:
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise RuleFileError(f"{path}:1:1: config {where}: {first['msg']}") from None
    config.rules = [p if p.is_absolute() else path.parent / p for p in config.rules]
    config.source = str(path)
    return config
