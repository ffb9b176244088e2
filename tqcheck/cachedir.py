"""Where tqcheck keeps what it computes once and reuses: scores, the place-name index, compiled
glossaries, word lists and dictionaries, and the language model.

``$TQCHECK_CACHE_DIR`` if set, else the platform's user cache dir (platformdirs). Nothing in it is
needed for correctness: every user of it rebuilds or recomputes what is missing or unreadable.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
#: Bump when what :func:`parsed_yaml` stores changes.
YAML_LAYOUT = 1


def cache_dir() -> Path:
    """The cache folder (not created here)."""
    env = os.environ.get("TQCHECK_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tqcheck", appauthor=False))


def installed_version(dist: str, module: str | None = None) -> str | None:
    """The installed version of distribution ``dist`` (whose import name is ``module``), read off
    its ``.dist-info`` folder beside the module: ``importlib.metadata`` costs 30 ms to import,
    a tenth of a one-article check. ``None`` when it is not installed."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(module or dist)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return None
    where = spec.submodule_search_locations
    origin = Path(next(iter(where))) if where else Path(spec.origin or "")
    prefix = dist.lower().replace("-", "_") + "-"
    try:
        for entry in os.scandir(origin.parent):
            name = entry.name.lower()
            if name.startswith(prefix) and name.endswith(".dist-info"):
                return entry.name[len(prefix) : -len(".dist-info")]
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return None


def store(path: Path, data: bytes, prefix: str = ".tqcheck-") -> bool:
    """``data`` into ``path`` through a temporary file beside it and a rename, so a concurrent
    run sees no file or the whole file; ``False`` (nothing written) where the cache is not
    writable: every user of the cache works without it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    return True


def unpickled(path: Path, kind: type | None = None) -> Any:
    """The value pickled at ``path`` if it is there, whole and (given ``kind``) of that type;
    else ``None``. A truncated file, or one pickled under other libraries, is simply not there."""
    with contextlib.suppress(Exception):
        value = pickle.loads(path.read_bytes())
        if kind is None or isinstance(value, kind):
            return value
    return None


def keep_pickled(path: Path, value: object, prefix: str = ".tqcheck-") -> None:
    """``value`` pickled into ``path`` (:func:`store`); nothing where it does not pickle or the
    cache is not writable."""
    with contextlib.suppress(Exception):
        store(path, pickle.dumps(value, pickle.HIGHEST_PROTOCOL), prefix)


def pickled(path: Path, build: Callable[[], T], kind: type | None = None, prefix: str = ".tqcheck-") -> T:
    """What ``build`` returns, kept pickled at ``path``: read back when it is there, whole and
    (given ``kind``) of that type, else built and stored where the cache is writable. Anything
    that goes wrong reading or writing only means building it again."""
    value = unpickled(path, kind)
    if value is None:
        value = build()
        keep_pickled(path, value, prefix)
    return value  # type: ignore[no-any-return]


def parsed_yaml(text: str, folder: str) -> Any:
    """Shipped YAML ``text`` parsed once into the user cache (``folder``), named by a hash of the
    text: a later run reads the parse back in a fraction of a millisecond and never imports
    PyYAML (11 ms) nor parses (the locale files 7 ms, the acronym table 4 ms). Where the cache
    cannot be read or written the text is parsed, as before."""
    digest = hashlib.sha256(f"{YAML_LAYOUT}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()

    def parse() -> Any:
        import yaml  # here, not at import: a run whose parses are cached never loads it

        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    return pickled(cache_dir() / folder / f"{digest}.pickle", parse, prefix=f".tqcheck-{folder}-")


def open_index(path: Path, stamp: dict[str, str]) -> sqlite3.Connection | None:
    """A cached SQLite index opened read-only, if it is there, whole, and its ``meta`` table
    holds ``stamp`` (the layout and the data version it was built from); else ``None``."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return None
    if any(meta.get(k) != v for k, v in stamp.items()):
        conn.close()
        return None
    return conn


def built_index(
    path: Path, stamp: dict[str, str], fill: Callable[[sqlite3.Connection], bool], in_memory: bool = True
) -> sqlite3.Connection | None:
    """The SQLite index at ``path`` (:func:`open_index`), else built there first: ``fill`` writes
    its tables (a ``meta`` table holding ``stamp`` among them) into a temporary file beside
    ``path``, renamed into place so a concurrent run sees no index or the whole index. Where the
    cache is not writable it is built in memory for the run (``in_memory``), else ``None``; and
    ``None`` when ``fill`` says there is nothing to index (``False``)."""
    conn = open_index(path, stamp)
    if conn is None and _write_index(path, fill):
        conn = open_index(path, stamp)
    if conn is None and in_memory:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        if not fill(conn):
            conn.close()
            return None
    return conn


def _write_index(path: Path, fill: Callable[[sqlite3.Connection], bool]) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tqcheck-index-", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError:
        return False
    try:
        conn = sqlite3.connect(tmp)
        try:
            if not fill(conn):
                return False
        finally:
            conn.close()
        os.replace(tmp, path)
        return True
    except (OSError, sqlite3.Error):
        return False
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
