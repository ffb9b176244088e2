"""pyspellchecker's per-language dictionaries (word -> count), each read from a SQLite index.

The dictionaries are pyspellchecker's maintained lists (``spellchecker/resources/<lang>.json.gz``,
counts from subtitles and news); the package's own modules are never imported. Parsing the
English one (160,000 words) took a tenth of a second, and a bilingual check parsed three (the
function words and the everyday words of each side: a fifth of a one-article check). So each is
copied once into a SQLite index in the user cache (:func:`tqcheck.cachedir.built_index`, named
after pyspellchecker's version), opened read-only in a millisecond: the name checks read a word's
count from it (:mod:`tqcheck.names.lexicon`), the locale the words above a count
(:func:`tqcheck.locale.common_words`).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import sqlite3
import threading
from functools import cache, partial
from pathlib import Path

from tqcheck.cachedir import built_index, cache_dir, installed_version

#: Bump when the index's layout changes.
LAYOUT = 1

#: One connection per language serves every thread of a run.
_LOCK = threading.Lock()


class Dictionary:
    """One language's words and counts, read from its index (:func:`dictionary`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        with _LOCK:
            row = conn.execute("SELECT value FROM meta WHERE key = 'total'").fetchone()
        #: the sum of every word's count
        self.total = int(row[0]) if row is not None else 0

    def count(self, word: str) -> int | None:
        """How often ``word`` (as written: the lists are lower case) occurs; ``None`` when it is not a word."""
        with _LOCK:
            row = self._conn.execute("SELECT count FROM words WHERE word = ?", (word,)).fetchone()
        return int(row[0]) if row is not None else None

    def at_least(self, floor: float) -> frozenset[str]:
        """Every word counted ``floor`` times or more."""
        with _LOCK:
            rows = self._conn.execute("SELECT word FROM words WHERE count >= ?", (floor,)).fetchall()
        return frozenset(w for (w,) in rows)


def resource(code: str) -> Path | None:
    """pyspellchecker's dictionary file for language ``code`` (``en``, ``fr``); ``None`` if none ships."""
    spec = importlib.util.find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        path = Path(base) / "resources" / f"{code}.json.gz"
        if path.is_file():
            return path
    return None


@cache
def dictionary(code: str) -> Dictionary | None:
    """The dictionary of language ``code``, its index built on first use; ``None`` if absent."""
    path = resource(code)
    version = installed_version("pyspellchecker", "spellchecker")
    if path is None or version is None:
        return None
    stamp = {"layout": str(LAYOUT), "pyspellchecker": version}
    where = cache_dir() / f"lexicon-v{LAYOUT}-pyspellchecker-{version}-{code}.sqlite3"
    with _LOCK:
        conn = built_index(where, stamp, partial(_fill, resource=path, stamp=stamp))
    return Dictionary(conn) if conn is not None else None


def _fill(conn: sqlite3.Connection, resource: Path, stamp: dict[str, str]) -> bool:
    """The dictionary's words and counts (``False`` when it cannot be read: no dictionary)."""
    try:
        with gzip.open(resource, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict):
        return False
    rows = [(str(k), v) for k, v in data.items() if isinstance(v, int)]
    conn.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value);"
        "CREATE TABLE words (word TEXT PRIMARY KEY, count INTEGER) WITHOUT ROWID;"
    )
    conn.executemany("INSERT OR REPLACE INTO words VALUES (?, ?)", rows)
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [*stamp.items(), ("total", sum(v for _, v in rows))])
    conn.commit()
    return True
