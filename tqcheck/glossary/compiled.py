"""Glossaries compiled once into the user cache, keyed by what they are made of.

Parsing a 20,000-entry YAML glossary and building its automaton takes seconds before any text is
read; the shipped glossaries alone are most of a one-article check's start-up. A run's glossaries,
compiled for its language (:class:`~tqcheck.glossary.matcher.Matcher`), are stored in the user
cache (:func:`tqcheck.cachedir.cache_dir`) as one file named after a hash of everything the
result depends on: each file's path and bytes, the languages, tqcheck's version and the source of
the code that reads glossaries, the scanner's engine and its version (Hyperscan's database or
pyahocorasick's automaton is stored whole), Babel (country names) and Python. Any change gives
another name, so a stored glossary is never stale; the next run loads it in one read. Where the
cache cannot be read or written the glossaries are compiled in memory, as before; nothing in the
cache is ever needed.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from tqcheck._version import __version__
from tqcheck.cachedir import cache_dir, installed_version, store
from tqcheck.glossary import load_glossaries
from tqcheck.glossary.matcher import FORMAT, Matcher
from tqcheck.glossary.scanner import engine

#: Bump when what is stored changes in a way the other parts of the key do not show.
LAYOUT = 1
#: Compiled glossaries kept in the cache (the oldest are removed beyond it).
KEEP = 16
#: The code whose output is stored: a changed loader, model or matcher never reads an old file.
_SOURCES = ("glossary", "textfold.py", "document.py", "charsets.py")


def compiled_matcher(
    paths: Sequence[Path], source_lang: str | None, lang: str, view: str | None = None
) -> Matcher:
    """The glossaries of ``paths`` compiled for text in ``lang`` (``view``: their concepts as
    :meth:`~tqcheck.glossary.model.Glossary.for_language` sees them from another language), as
    ``Matcher(load_glossaries(...))`` gives them, from the cache when it holds them."""
    key = _key(paths, source_lang, lang, view)
    where = cache_dir() / "glossaries" / f"{key}.bin" if key else None
    if where is not None:
        with contextlib.suppress(Exception):  # missing, unreadable, truncated, another layout
            return Matcher.loads(where.read_bytes())
    glossary = load_glossaries(list(paths), source_lang, lang)
    if view is not None:
        glossary = glossary.for_language(view)
    matcher = Matcher(glossary)
    if where is not None:
        _store(where, matcher)
    return matcher


def _key(paths: Sequence[Path], source_lang: str | None, lang: str, view: str | None) -> str | None:
    """A hash of everything the compiled glossaries depend on; ``None`` if a file cannot be
    read (the loader then says why, as without a cache)."""
    h = hashlib.sha256()
    for part in (LAYOUT, FORMAT, __version__, _code(), sys.version, *_libraries(), source_lang, lang, view):
        h.update(repr(part).encode() + b"\0")
    for p in paths:
        try:
            data = p.read_bytes()
        except OSError:
            return None
        h.update(repr(str(p)).encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


@cache
def _code() -> str:
    """A hash of the source of the code that reads and compiles glossaries."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for name in _SOURCES:
        files = sorted((root / name).glob("*.py")) if (root / name).is_dir() else [root / name]
        for f in files:
            with contextlib.suppress(OSError):
                h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


@cache
def _libraries() -> tuple[str | None, ...]:
    return engine(), installed_version("pyahocorasick", "ahocorasick"), installed_version("babel")


def _store(where: Path, matcher: Matcher) -> None:
    """Write the compiled matcher beside its final name, then rename it into place (a
    concurrent run sees no file or the whole file); keep the :data:`KEEP` newest."""
    try:
        data = matcher.dumps()
    except Exception:  # an entry that does not pickle: this run compiles in memory, as before
        return
    if not store(where, data, prefix=".tqcheck-glossary-"):
        return
    with contextlib.suppress(OSError):
        stored = sorted(where.parent.glob("*.bin"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in stored[KEEP:]:
            old.unlink()
