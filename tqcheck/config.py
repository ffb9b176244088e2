"""Configuration from ``tqcheck.toml`` or ``[tool.tqcheck]`` in ``pyproject.toml``.

Found by walking up from the working directory (like ruff); command-line flags override it.
Keys are validated up front so a typo is an input error, not a silently ignored setting.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqcheck.errors import InputError

KEYS = {
    "select": list,
    "ignore": list,
    "fail-on": str,
    "format": str,
    "glossaries": list,
    "default-glossaries": bool,
    "per-file-ignores": dict,
    "severity": dict,
    "lang": str,
    "source-lang": str,
    "extensions": list,
    "exclude": list,
}


@dataclass
class Config:
    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def resolve_path(self, raw: str) -> Path:
        """Paths in a config file are relative to that file."""
        p = Path(raw)
        return p if p.is_absolute() or self.path is None else self.path.parent / p


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        own = folder / "tqcheck.toml"
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file() and "[tool.tqcheck]" in project.read_text(encoding="utf-8", errors="replace"):
            return project
    return None


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    path = explicit or find_config(start or Path.cwd())
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("config file not found", str(path)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"malformed TOML: {exc}", str(path)) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("tqcheck", {})
    for name, value in data.items():
        expected = KEYS.get(name)
        if expected is None:
            raise InputError(f"unknown setting {name!r} (known: {', '.join(sorted(KEYS))})", str(path))
        if not isinstance(value, expected):
            raise InputError(f"setting {name!r} must be a {expected.__name__}", str(path))
    return Config(path, data)
