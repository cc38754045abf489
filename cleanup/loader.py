"""Rule packs: YAML files read safely, validated once into typed rules.

Every problem is reported as `path:line:col: problem`, pointing into the YAML, and
stops the run (RuleFileError). Loading is safe only: no custom tags, a bounded size
once aliases are expanded (no "billion laughs"), a bounded file size.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cleanup.checks import BUILDERS, Check, RawAnyRule, compile_rule

RULE_TYPES = tuple(BUILDERS)

MAX_RULE_FILE_BYTES = 64 * 1024 * 1024
MAX_VALUES = 5_000_000


class RuleFileError(Exception):
    """A rule file that cannot be used; str() is one or more `path:line:col: problem` lines."""


class RawPack(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    pack: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    description: str = ""
    rules: list[RawAnyRule] = Field(min_length=1)


@dataclass
class Pack:
    name: str
    description: str
    path: str
    rules: list[Check]
    positions: dict[str, Mark]  # rule id -> where its `id:` stands


Mark = tuple[int, int]


# libyaml's parser when PyYAML has it (10× faster on large packs); safe construction either way
_Reader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many values the document has once aliases are expanded (memoised, so cheap)."""
    if isinstance(node, yaml.ScalarNode):
        return 1
    if id(node) not in memo:
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            children = []
        memo[id(node)] = 1 + sum(_expanded_size(child, memo) for child in children)
    return memo[id(node)]


_STR_TAG = "tag:yaml.org,2002:str"
_ID_DEPTH = 3  # ("rules", i, "id"): deep enough for every rule's position


def _plain(node: yaml.Node, reader: _Reader, path: tuple, marks: dict[tuple, Mark], depth: int) -> Any:
    """Build Python data from a YAML node, remembering where each value up to `depth` stood."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR_TAG:
        if len(path) <= depth:
            marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        return node.value  # what the safe constructor makes of a string, without its overhead
    if len(path) <= depth:
        marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in _PLAIN_TAGS:
        raise _Located(node.start_mark.line + 1, node.start_mark.column + 1, f"tag {node.tag!r} is not allowed")
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = reader.construct_object(key_node, deep=True)
            if key in result:
                line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                raise _Located(line, col, f"duplicate key {key!r}")
            result[key] = _plain(value_node, reader, (*path, key), marks, depth)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, reader, (*path, i), marks, depth) for i, item in enumerate(node.value)]
    return reader.construct_object(node, deep=True)


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class _Located(Exception):
    def __init__(self, line: int, col: int, problem: str) -> None:
        super().__init__(problem)
        self.line, self.col, self.problem = line, col, problem


def read_yaml(path: Path, depth: int | None = None) -> tuple[Any, dict[tuple, Mark]]:
    """Parse a YAML file safely; returns the data and a map from data path to (line, col),
    for every value or (cheaper for a large file) for those at most `depth` keys deep."""
    try:
        size = path.stat().st_size
        if size > MAX_RULE_FILE_BYTES:
            raise RuleFileError(f"{path}:1:1: rule file is {size} bytes, over the limit of {MAX_RULE_FILE_BYTES}")
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleFileError(f"{path}:1:1: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise RuleFileError(f"{path}:1:1: cannot read rule file: {exc.strerror}") from None
    reader = _Reader(text)
    marks: dict[tuple, Mark] = {}
    try:
        node = reader.get_single_node()
        if node is None:
            raise RuleFileError("the rule file is empty")
        if _expanded_size(node, {}) > MAX_VALUES:
            raise RuleFileError(f"the document expands to more than {MAX_VALUES} values (an alias bomb?)")
        return _plain(node, reader, (), marks, MAX_VALUES if depth is None else depth), marks
    except _Located as exc:
        raise RuleFileError(f"{path}:{exc.line}:{exc.col}: {exc.problem}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise RuleFileError(f"{path}:{line}:{col}: YAML error: {problem}") from None
    except yaml.YAMLError as exc:
        raise RuleFileError(f"{path}:1:1: YAML error: {exc}") from None
    except RecursionError:  # PyYAML composes nested collections recursively
        raise RuleFileError(f"{path}:1:1: the YAML is nested too deeply") from None
    except RuleFileError as exc:
        raise RuleFileError(f"{path}:1:1: {exc}") from None
    finally:
        reader.dispose()


def _where(loc: tuple, marks: dict[tuple, Mark]) -> Mark:
    """The position of the deepest part of a pydantic error location that the YAML has."""
    # pydantic puts the union tag (e.g. 'replace') into the location; the YAML has no such key
    clean = tuple(part for part in loc if part not in RULE_TYPES)
    for cut in range(len(clean), -1, -1):
        if clean[:cut] in marks:
            return marks[clean[:cut]]
    return (1, 1)


def _describe(loc: tuple) -> str:
    parts = [p for p in loc if p not in RULE_TYPES]
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@contextmanager
def _no_gc() -> Iterator[None]:
    """Building a large pack makes millions of objects and no cycles; the cycle collector
    would walk the growing heap again and again (two thirds of the load time at 100,000 entries).
    Afterwards the pack is moved out of the collector's generations (`gc.freeze`): otherwise the
    first young collections after loading walk all of it, half a second at 100,000 entries,
    billed to whichever clean runs first."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def load_pack(path: Path) -> Pack:
    with _no_gc():
        return _load_pack(path)


def _load_pack(path: Path) -> Pack:
    # positions of every value only when an error needs them: most packs load without one
    data, marks = read_yaml(path, _ID_DEPTH)
    try:
        raw = RawPack.model_validate(data)
    except ValidationError as exc:
        data, marks = read_yaml(path)
        lines = []
        for error in exc.errors(include_url=False):
            line, col = _where(tuple(error["loc"]), marks)
            message = error["msg"].removeprefix("Value error, ")
            lines.append(f"{path}:{line}:{col}: {_describe(tuple(error['loc']))}: {message}")
        raise RuleFileError("\n".join(lines)) from None
    rules = [compile_rule(rule, raw.pack, str(path)) for rule in raw.rules]
    positions: dict[str, Mark] = {}
    for i, rule in enumerate(raw.rules):
        line, col = marks.get(("rules", i, "id"), (1, 1))
        if rule.id in positions:
            raise RuleFileError(f"{path}:{line}:{col}: rule id {rule.id!r} is defined twice in this file")
        positions[rule.id] = (line, col)
    return Pack(name=raw.pack, description=raw.description, path=str(path), rules=rules, positions=positions)


def rule_files(target: Path) -> list[Path]:
    """A file, or every *.yaml / *.yml below a folder, in a stable order."""
    if target.is_dir():
        return sorted(p for p in target.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    if not target.exists():
        raise RuleFileError(f"{target}:1:1: no such rule file or folder")
    return [target]


def builtin_rules_dir() -> Path:
    return Path(str(resources.files("cleanup.builtin_rules")))


def load_packs(targets: list[Path]) -> list[Pack]:
    """Load packs from files and folders, refusing duplicate pack names and rule ids."""
    packs: list[Pack] = []
    seen_rules: dict[str, str] = {}
    seen_packs: dict[str, str] = {}
    for target in targets:
        for path in rule_files(target):
            pack = load_pack(path)
            if pack.name in seen_packs:
                raise RuleFileError(f"{path}:1:1: pack name {pack.name!r} is also used by {seen_packs[pack.name]}")
            seen_packs[pack.name] = str(path)
            for rule in pack.rules:
                if rule.meta.id in seen_rules:
                    line, col = pack.positions[rule.meta.id]
                    other = seen_rules[rule.meta.id]
                    raise RuleFileError(f"{path}:{line}:{col}: rule id {rule.meta.id!r} is already defined in {other}")
                seen_rules[rule.meta.id] = str(path)
            packs.append(pack)
    return packs
