"""On-disk cache of model outputs, so re-checking an unchanged article takes milliseconds.

One SQLite file (WAL mode: many concurrent readers, one writer at a time, safe across
processes) maps a SHA-256 key to a JSON value. Keys cover everything that changes a result:
the model's exact revision (commit hash or folder content hash), the method, decoding
settings, precision, languages and the text itself. Nothing is ever invalidated by time; a new
model revision simply uses new keys. When the cache cannot be opened or written (read-only
home, full disk) scoring goes on without it rather than failing.

Location: ``$TQCHECK_CACHE_DIR`` if set, else the platform's user cache dir (platformdirs).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from tqcheck.cachedir import cache_dir as shared_cache_dir

#: Bump when the meaning of cached values changes, so old entries are ignored.
SCHEMA = 1
FILENAME = "scores.sqlite3"


def cache_dir() -> Path:
    """Where the score cache lives (``TQCHECK_CACHE_DIR`` overrides the platform default)."""
    return shared_cache_dir()


def make_key(*parts: Any) -> str:
    """A stable key for any JSON-serialisable parts (order matters)."""
    blob = json.dumps([SCHEMA, *parts], ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ScoreCache:
    """Key -> JSON value store; ``ScoreCache(None)`` is a disabled cache that stores nothing."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self._conn: sqlite3.Connection | None = None
        self.disabled_reason: str | None = None if directory else "disabled"

    @classmethod
    def default(cls, enabled: bool = True) -> ScoreCache:
        return cls(cache_dir() if enabled else None)

    @property
    def enabled(self) -> bool:
        return self.disabled_reason is None

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is not None or not self.enabled or self.directory is None:
            return self._conn
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.directory / FILENAME, timeout=10.0, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL)"
            )
        except (OSError, sqlite3.Error) as exc:
            self.disabled_reason = f"score cache unavailable ({exc}); scoring without it"
            return None
        self._conn = conn
        return conn

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """The cached values of those ``keys`` that are present."""
        conn = self._connect()
        wanted = list(dict.fromkeys(keys))
        if conn is None or not wanted:
            return {}
        found: dict[str, Any] = {}
        try:
            for i in range(0, len(wanted), 500):  # SQLite's bound-parameter limit
                chunk = wanted[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for key, value in conn.execute(
                    f"SELECT key, value FROM entries WHERE key IN ({marks})", chunk
                ):
                    found[key] = json.loads(value)
        except (sqlite3.Error, ValueError) as exc:
            self.disabled_reason = f"score cache unreadable ({exc}); scoring without it"
            return {}
        return found

    def put_many(self, items: Mapping[str, Any]) -> None:
        """Store values (one transaction; a failure disables the cache instead of the run)."""
        conn = self._connect()
        if conn is None or not items:
            return
        now = time.time()
        rows = [(k, json.dumps(v, ensure_ascii=False), now) for k, v in items.items()]
        try:
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany(
                    "INSERT OR REPLACE INTO entries (key, value, created) VALUES (?, ?, ?)", rows
                )
        except sqlite3.Error as exc:
            self.disabled_reason = f"score cache not writable ({exc}); scoring without it"

    def memo(self, key: str, compute: Callable[[], str]) -> str:
        """Cached string for ``key``, computing and storing it on a miss."""
        k = make_key("memo", key)
        hit = self.get_many([k]).get(k)
        if isinstance(hit, str):
            return hit
        value = compute()
        self.put_many({k: value})
        return value

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
