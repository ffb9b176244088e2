"""Word frequencies on wordfreq's Zipf scale, read from a compiled index instead of wordfreq itself.

Name and language checks ask how often a language writes a word (:func:`tqcheck.names.usage.zipf`).
wordfreq answers exactly, but importing it costs about 80 ms and reading one language's list
another 50 ms: most of the start-up of a one-article check. The index keeps each language's list
as wordfreq computes it (every token with its Zipf value, the last of duplicate tokens winning
as in wordfreq's own dictionary) in one SQLite file per language in the user cache
(:func:`tqcheck.cachedir.cache_dir`), built on first use from wordfreq and named after its version
and this layout, so it is never stale; a lookup is then a millisecond to open and microseconds a
word.

The index answers only what it answers exactly: a word of letters (no digit, apostrophe or
hyphen) of a language written in Latin script whose wordfreq preprocessing is NFC and case
folding, where wordfreq's tokenizer makes the word one token, its case-folded form
(:data:`SIMPLE`); and words of letters joined by single spaces or hyphens (``Arab Spring``,
``Jean-Marc Ayrault``: wordfreq's tokenizer cuts at both), one token each, combined as wordfreq
combines tokens. It keeps each token's bucket
(centibels below 1), so that combination runs on the very frequencies wordfreq reads. Everything
else, and every language or machine where the index cannot be built or written, goes to wordfreq
itself.
"""

from __future__ import annotations

import atexit
import math
import re
import sqlite3
import threading
import unicodedata
from functools import cache, lru_cache, partial
from pathlib import Path

from tqcheck.cachedir import built_index, cache_dir, installed_version, keep_pickled, store, unpickled

#: Bump when the layout or what is stored changes (2: each token's bucket, not its Zipf value).
LAYOUT = 2
#: Languages whose tokenizer turns a word of letters below U+0250 into its NFC case fold (checked
#: against wordfreq for every such word of their lists and every such letter; Turkish,
#: Azerbaijani and Romanian fold or rewrite letters their own way and are left to wordfreq).
SIMPLE = frozenset(
    {"ca", "cs", "da", "de", "en", "es", "fi", "fr", "hu", "id", "it", "ms", "nb", "nl", "pl", "pt", "sv"}
)
#: Letters the fast path leaves to wordfreq (``ŉ`` folds to an apostrophe and an ``n``).
_ODD = frozenset("ŉ")

_LOCK = threading.Lock()
#: What joins the words of a phrase the index answers for (each side a word of letters).
_JOINS = re.compile("[ -]")


@cache
def wordfreq_version() -> str | None:
    return installed_version("wordfreq")


def index_path(lang: str, version: str) -> Path:
    return cache_dir() / f"wordfreq-v{LAYOUT}-{version}-{lang}.sqlite3"


def languages() -> frozenset[str]:
    """The languages wordfreq has a list for (from the index when built, else from wordfreq)."""
    return _languages(wordfreq_version())


@cache
def _languages(version: str | None) -> frozenset[str]:
    if version is None:
        return frozenset()
    path = cache_dir() / f"wordfreq-v{LAYOUT}-{version}-languages.txt"
    try:
        return frozenset(path.read_text(encoding="utf-8").split())
    except (OSError, UnicodeDecodeError):
        pass
    try:
        from wordfreq import available_languages
    except ImportError:  # pragma: no cover - a core dependency
        return frozenset()
    found = frozenset(available_languages())
    store(path, "\n".join(sorted(found)).encode("utf-8"))
    return found


def fast(word: str, lang: str) -> bool:
    """Whether the index answers for ``word`` (one word) in ``lang`` exactly as wordfreq would."""
    return lang in SIMPLE and word.isalpha() and max(word) < "\u0250" and not _ODD.intersection(word)


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str) -> float:
    """``wordfreq.zipf_frequency(word, lang)``, from the index where it answers exactly."""
    words = _JOINS.split(word)
    conn = _db(lang) if all(fast(w, lang) for w in words) else None
    if conn is None:
        return _answered(word, lang)
    buckets = []
    for w in words:
        token = unicodedata.normalize("NFC", w).casefold()
        with _LOCK:
            row = conn.execute("SELECT bucket FROM words WHERE word = ?", (token,)).fetchone()
        if row is None:
            return _unknown(conn)  # wordfreq: any token missing, the phrase is unknown
        buckets.append(int(row[0]))
    return _bucket_zipf(buckets[0]) if len(buckets) == 1 else _phrase_zipf(buckets)


#: wordfreq's answers kept per language, at most (a run in a language the index does not cover
#: asks wordfreq every word; its answers are kept only up to here).
MAX_ANSWERS = 50_000


def answers_path(lang: str, version: str) -> Path:
    return cache_dir() / f"wordfreq-v{LAYOUT}-{version}-{lang}-answers.pickle"


def _answered(word: str, lang: str) -> float:
    """``wordfreq.zipf_frequency(word, lang)`` for a word the index does not answer (``O'Rourke``:
    wordfreq's tokenizer keeps some apostrophes and splits others), remembered in the user cache.
    Importing wordfreq and reading one language's list cost 130-180 ms, more than the rest of a
    one-article check, for one such word; and each process of a ``--jobs`` run paid it again."""
    version = wordfreq_version()
    known = _answers(lang, version) if version is not None else None
    if known is not None:
        with _LOCK:
            value = known.get(word)
        if value is not None:
            return value
    from wordfreq import zipf_frequency

    value = float(zipf_frequency(word, lang))
    if known is not None and len(known) < MAX_ANSWERS:
        with _LOCK:
            known[word] = value
            _CHANGED.add(lang)
        _save_at_exit()
    return value


#: The languages whose kept answers grew in this process (written out at exit).
_CHANGED: set[str] = set()


@cache
def _save_at_exit() -> None:
    atexit.register(save_answers)


@cache
def _answers(lang: str, version: str) -> dict[str, float]:
    """The answers kept for ``lang`` (empty when none are, or the file is not whole)."""
    kept = unpickled(answers_path(lang, version), dict)
    return kept if kept is not None else {}


def save_answers() -> None:
    """Write the answers this process added (at exit: a few a run, each read back by later runs).
    Two runs ending together may each keep only their own; it is only a cache."""
    version = wordfreq_version()
    with _LOCK:
        changed = sorted(_CHANGED)
        _CHANGED.clear()
        if version is None:
            return
        for lang in changed:
            keep_pickled(answers_path(lang, version), _answers(lang, version), ".tqcheck-wordfreq-")


@cache
def _unknown(conn: sqlite3.Connection) -> float:
    """The value of a word the index lacks: one per language, read once (a fifth of the lookups
    of 2,000 WMT articles are such words)."""
    with _LOCK:
        return float(conn.execute("SELECT value FROM meta WHERE key = 'unknown'").fetchone()[0])


def _phrase_zipf(buckets: list[int]) -> float:
    """The Zipf value wordfreq gives tokens of these buckets together: ``1/f = 1/f1 + 1/f2 + ...``,
    rounded to three significant digits, then to two decimals on the Zipf scale (the same float
    operations, in the same order, as ``wordfreq._word_frequency``)."""
    one_over = 0.0
    for index in buckets:
        one_over += 1.0 / 10 ** (-index / 100)
    freq = max(1.0 / one_over, _MINIMUM)
    leading_zeroes = math.floor(-math.log(freq, 10))
    return round(math.log(round(freq, leading_zeroes + 3), 10) + 9, 2)


#: wordfreq's floor for ``zipf_frequency``'s default minimum of 0 (``zipf_to_freq(0)``).
_MINIMUM = 10**0 / 1e9


@cache
def _db(lang: str) -> sqlite3.Connection | None:
    """The index of ``lang``, built into the cache on first use; ``None`` where it cannot be."""
    version = wordfreq_version()
    if version is None or lang not in languages():
        return None
    with _LOCK:
        return built_index(
            index_path(lang, version), _stamp(version), partial(_fill, lang=lang, version=version), False
        )


def _stamp(version: str) -> dict[str, str]:
    return {"layout": str(LAYOUT), "wordfreq": version}


@lru_cache(maxsize=1024)
def _bucket_zipf(index: int) -> float:
    """The Zipf value wordfreq gives a one-token word of bucket ``index`` (centibels below 1)."""
    return _phrase_zipf([index])


def _rows(lang: str) -> tuple[list[tuple[str, int]], float] | None:
    """Every token of ``lang``'s list with its bucket, and the value of an unknown word; ``None``
    if a bucket's value is not what wordfreq itself answers for a word of it."""
    from wordfreq import get_frequency_list, zipf_frequency

    rows: list[tuple[str, int]] = []
    for index, bucket in enumerate(get_frequency_list(lang)):
        sample = next((w for w in bucket if fast(w, lang)), None)
        if sample is not None and zipf_frequency(sample, lang) != _bucket_zipf(index):
            return None
        rows += [(w, index) for w in bucket]
    return rows, float(zipf_frequency("", lang))


def _fill(conn: sqlite3.Connection, lang: str, version: str) -> bool:
    built = _rows(lang)
    if built is None:
        return False
    rows, unknown = built
    conn.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value);"
        "CREATE TABLE words (word TEXT PRIMARY KEY, bucket INTEGER) WITHOUT ROWID;"
    )
    conn.executemany("INSERT OR REPLACE INTO words VALUES (?, ?)", rows)  # later buckets win
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [*_stamp(version).items(), ("unknown", unknown)])
    conn.commit()
    return True
