"""Configuration from ``tqcheck.toml`` or ``[tool.tqcheck]`` in ``pyproject.toml``, as typed values.

Found by walking up from the checked files' nearest common folder (the working directory for
stdin); each file is then checked under its own nearest config (:mod:`tqcheck.configgroups`);
command-line flags override it. ``exclude`` and ``per-file-ignores`` are gitignore-style patterns
relative to the config file's folder (:mod:`tqcheck.pathfilter`).
Every key is validated up front against :data:`SCHEMA`, element by element, so a typo or a
wrong type (``select = [1, 2]``, ``per-file-ignores = { "*.txt" = "TQ101" }``) is one line
naming the file, the key and the expected type (exit 2), never a silently ignored setting or
a crash later on.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqcheck.document import DEFAULT_MAX_BYTES, read_regular
from tqcheck.errors import InputError
from tqcheck.pairing import pattern_problem

STR, BOOL, SIZE = "a string", "true or false", "a size (bytes, or a string like '50MB')"
STR_LIST = "a list of strings"
POSITIVE_INT = "a whole number, 1 or more"
URL = 'an http(s) URL (like "https://example.org/tqcheck/rules.md")'
CODE_LIST = 'a list of rule codes (like ["TQ101", "TQ5"])'
CODES_BY_GLOB = 'a table of glob = list of rule codes (like { "*.md" = ["TQ501"] })'
SEVERITY_TABLE = 'a table of rule code = "error", "warning" or "info"'
PAIR_PATTERN = 'a file name pattern with {stem} and {lang} once each, like "{stem}.{lang}{ext}" ("" for none)'

#: Key -> what its value must be (the words are also the error message).
SCHEMA: dict[str, str] = {
    "select": CODE_LIST,
    "ignore": CODE_LIST,
    "fail-on": STR,
    "format": STR,
    "glossaries": STR_LIST,
    "default-glossaries": BOOL,
    "per-file-ignores": CODES_BY_GLOB,
    "severity": SEVERITY_TABLE,
    "lang": STR,
    "source-lang": STR,
    "extensions": STR_LIST,
    "exclude": STR_LIST,
    "max-file-size": SIZE,
    "fixable": CODE_LIST,
    "unfixable": CODE_LIST,
    "unsafe-fixes": BOOL,
    "pair-pattern": PAIR_PATTERN,
    "docs-url": URL,
    "jobs": POSITIVE_INT,
}
_UNITS = {
    "": 1,
    "B": 1,
    "KB": 1000,
    "MB": 1000**2,
    "GB": 1000**3,
    "KIB": 1024,
    "MIB": 1024**2,
    "GIB": 1024**3,
}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*\Z")


def parse_size(value: str | int) -> int | None:
    """``50MB`` -> 50,000,000; ``64MiB`` -> 67,108,864; a non-negative int as is; None if neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    m = _SIZE.match(value)
    if m is None or m.group(2).upper() not in _UNITS:
        return None
    return int(float(m.group(1)) * _UNITS[m.group(2).upper()])


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _valid(kind: str, value: Any) -> bool:
    if kind == STR:
        return isinstance(value, str)
    if kind == URL:
        return isinstance(value, str) and value.startswith(("https://", "http://")) and " " not in value
    if kind == BOOL:
        return isinstance(value, bool)
    if kind == POSITIVE_INT:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 1
    if kind == SIZE:
        return isinstance(value, (int, str)) and parse_size(value) is not None
    if kind in (STR_LIST, CODE_LIST):
        return _is_str_list(value)
    if kind == CODES_BY_GLOB:
        return isinstance(value, dict) and all(_is_str_list(v) for v in value.values())
    if kind == PAIR_PATTERN:
        return isinstance(value, str) and pattern_problem(value) is None
    if kind == SEVERITY_TABLE:
        return isinstance(value, dict) and all(v in ("error", "warning", "info") for v in value.values())
    raise AssertionError(kind)  # pragma: no cover - every SCHEMA kind is handled above


@dataclass(frozen=True)
class Config:
    """The validated settings of one config file (or none): typed accessors, paths made absolute."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def resolve_path(self, raw: str) -> Path:
        """Paths in a config file are relative to that file."""
        p = Path(raw)
        return p if p.is_absolute() or self.path is None else self.path.parent / p

    @property
    def where(self) -> str:
        return str(self.path) if self.path else "config"

    def codes(self, name: str) -> list[str]:
        return [c.upper() for c in self.values.get(name, [])]

    def strings(self, name: str) -> tuple[str, ...]:
        return tuple(self.values.get(name, []))

    @property
    def per_file_ignores(self) -> dict[str, list[str]]:
        return {
            glob: [c.upper() for c in codes]
            for glob, codes in self.values.get("per-file-ignores", {}).items()
        }

    @property
    def severities(self) -> dict[str, str]:
        return {code.upper(): level for code, level in self.values.get("severity", {}).items()}

    @property
    def max_bytes(self) -> int:
        raw = self.values.get("max-file-size")
        size = parse_size(raw) if raw is not None else None
        return DEFAULT_MAX_BYTES if size is None else size


_TOOL_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*tqcheck\s*[.\]]", re.M)


def _has_tool_table(text: str) -> bool:
    """``[tool.tqcheck]``, ``[tool.tqcheck.severity]`` alone, or ``tool.tqcheck = ...`` in any spelling."""
    if "tqcheck" not in text:
        return False
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return _TOOL_TABLE.search(text) is not None  # broken, but meant for us: say what is wrong
    tool = data.get("tool")
    return isinstance(tool, dict) and "tqcheck" in tool


def find_config(start: Path) -> Path | None:
    """The nearest ``tqcheck.toml``, or ``pyproject.toml`` with a ``[tool.tqcheck...]`` table."""
    for folder in (start, *start.parents):
        own = folder / "tqcheck.toml"
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file():
            try:
                text = project.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if _has_tool_table(text):
                return project
    return None


def config_start(inputs: Sequence[str]) -> Path:
    """Where to look for the config of a run over ``inputs``: their nearest common folder (a
    folder itself, a file's parent), so ``tqcheck check ~/desk/story.txt`` uses the desk's config
    wherever it is run from; the working directory for stdin alone."""
    folders = []
    for raw in inputs:
        if raw == "-":
            continue
        p = Path(raw).absolute()
        folders.append(p if p.is_dir() else p.parent)
    if not folders:
        return Path.cwd()
    try:
        return Path(os.path.commonpath(folders))
    except ValueError:  # different drives: no common folder
        return Path.cwd()


def other_configs(inputs: Sequence[str], used: Path | None) -> list[tuple[str, Path]]:
    """Inputs whose own nearest config is not ``used`` (a run takes one config: they must be
    checked apart, or name one with ``--config``), to tell the user rather than ignore it."""
    out = []
    for raw in inputs:
        if raw == "-":
            continue
        p = Path(raw).absolute()
        own = find_config(p if p.is_dir() else p.parent)
        if own is not None and own != used:
            out.append((raw, own))
    return out


def parse_config(text: str, path: Path) -> Config:
    """Validate the TOML of a config file into a :class:`Config`."""
    where = str(path)
    try:
        data: Any = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"malformed TOML: {exc}", where) from None
    except RecursionError:
        raise InputError("malformed TOML: nested too deeply", where) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("tqcheck", {}) if isinstance(tool, dict) else None
        if not isinstance(data, dict):
            raise InputError("[tool.tqcheck] must be a table of settings", where)
    for name, value in data.items():
        kind = SCHEMA.get(name)
        if kind is None:
            raise InputError(f"unknown setting {name!r} (known: {', '.join(sorted(SCHEMA))})", where)
        if not _valid(kind, value):
            raise InputError(f"setting {name!r} must be {kind}, not {_shown(value)}", where)
    return Config(path, data)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """The config named by ``--config``, else the one found upward from ``start`` (or none)."""
    path = explicit or find_config(start or Path.cwd())
    if path is None:
        return Config()
    data = read_regular(path, str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"config is not UTF-8 (byte {exc.start})", str(path)) from None
    return parse_config(text, path)
