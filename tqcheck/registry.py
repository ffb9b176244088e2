"""Plug-ins declared once, imported on first use (sacrebleu's ``_TOKENIZERS`` table).

Input formats, output formats and glossary formats are each one :class:`Registry`: a name, the
``module:attribute`` that implements it, the file extensions it owns and a line of help. The CLI,
the document reader and the settings ask the registry, so adding a format is one new module and
one line in its table, and a run imports only the plug-ins it uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import PurePath
from typing import Generic, TypeVar

from tqcheck.errors import InputError

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Plugin:
    """One entry: its name, where it lives (``module:attribute``), its extensions and its help."""

    name: str
    target: str
    extensions: tuple[str, ...] = ()
    help: str = ""
    aliases: tuple[str, ...] = ()


class Registry(Generic[T]):
    """A table of :class:`Plugin` entries of one kind (``T`` is what each attribute is)."""

    def __init__(self, kind: str, plugins: tuple[Plugin, ...]) -> None:
        self.kind = kind
        self._plugins = {p.name: p for p in plugins}
        self._aliases = {a: p.name for p in plugins for a in p.aliases}
        self._by_extension = {e: p.name for p in plugins for e in p.extensions}
        self._loaded: dict[str, T] = {}

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._plugins)

    @property
    def extensions(self) -> tuple[str, ...]:
        """Every extension some plug-in owns (with the dot, lower case)."""
        return tuple(self._by_extension)

    def plugins(self) -> tuple[Plugin, ...]:
        return tuple(self._plugins.values())

    def canonical(self, name: str) -> str:
        """The registered name for ``name`` or one of its aliases; anything else is a usage error."""
        low = name.lower()
        low = self._aliases.get(low, low)
        if low not in self._plugins:
            raise InputError(f"unknown {self.kind} {name!r} (one of {', '.join(self._plugins)})")
        return low

    def for_path(self, path: PurePath | str, default: str | None = None) -> str | None:
        """The plug-in that owns the file's extension, else ``default``."""
        return self._by_extension.get(PurePath(path).suffix.lower(), default)

    def get(self, name: str) -> T:
        """The implementation of ``name`` (its module imported now, once)."""
        name = self.canonical(name)
        found = self._loaded.get(name)
        if found is None:
            module, _, attribute = self._plugins[name].target.partition(":")
            found = self._loaded[name] = getattr(import_module(module), attribute)
        return found
