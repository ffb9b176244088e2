"""Every occurrence of every glossary key in folded text, in one pass: the matcher's engine.

Two engines give the same hits. Hyperscan (Intel's SIMD multi-literal matcher, where its wheel
installs: Linux on x86-64) scans news about ten times faster than an Aho-Corasick automaton and
its compiled database loads in a millisecond; pyahocorasick is the portable engine everywhere
else, and where Hyperscan refuses a key set. Each folds the text as it reads it (characters for
the automaton, UTF-8 bytes for Hyperscan: :mod:`tqcheck.textfold`) and reports a hit as
``(last, value)``: the index of its last character in the text and the value stored with its
key, by end and, at one end, longest first; the matcher keeps the words among them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

import ahocorasick

from tqcheck.textfold import fold_fast, fold_utf8

try:
    import hyperscan
except ImportError:  # not installed (no wheel for this platform): the automaton serves
    hyperscan = None  # type: ignore[assignment]

#: The most keys compiled with Hyperscan by default. Its compile time grows faster than the key
#: count (measured here: 10,000 keys 0.22 s, 40,000 1.7 s, 100,000 5.0 s and 290 MB; 400,000 over
#: 30 s and near 2 GB), while the automaton builds 100,000 in 0.7 s; a bigger glossary keeps the
#: automaton, whose scan is slower but whose first run is not minutes long.
HYPERSCAN_MAX_KEYS = 100_000

#: ``bytes.translate`` table marking UTF-8 continuation bytes (one per character beyond its
#: first byte): a byte offset less the marks before it is a character offset.
_CONTINUATION = bytes(1 if 0x80 <= b < 0xC0 else 0 for b in range(256))


class Scanner(Protocol):
    """Finds the keys it was built with; ``state`` rebuilds it (:func:`restore`)."""

    kind: str

    def scan(self, text: str) -> Iterable[tuple[int, Any]]:
        """``(last, value)`` of every key occurrence in ``text`` folded, by end, longest first
        at one end."""

    def state(self) -> Any:
        """Plain data (picklable) from which :func:`restore` makes this scanner again."""


class AutomatonScanner:
    """pyahocorasick's automaton, the values stored in it: it pickles whole."""

    kind = "automaton"

    def __init__(self, automaton: Any) -> None:
        self._automaton = automaton

    @classmethod
    def build(cls, keys: Sequence[tuple[str, Any]]) -> AutomatonScanner:
        automaton = ahocorasick.Automaton()
        for k, value in keys:
            automaton.add_word(k, value)
        if keys:
            automaton.make_automaton()
        return cls(automaton)

    def scan(self, text: str) -> Iterable[tuple[int, Any]]:
        return self._automaton.iter(fold_fast(text))  # type: ignore[no-any-return]

    def state(self) -> Any:
        return self._automaton


class HyperscanScanner:
    """A Hyperscan literal database over the keys' UTF-8, the values in a list by key number.

    Hyperscan reads bytes and reports each hit's end as a byte offset; text that is not ASCII
    has its UTF-8 continuation bytes counted once (``bytes.translate``, then ``bytes.count``
    from one hit to the next) to turn byte offsets back into characters. A scan needs scratch
    space no other scan is using: each thread has its own (one shared raised
    ``ScratchInUseError`` when two threads scanned at once). It pickles as its :meth:`state`.
    """

    kind = "hyperscan"

    def __init__(self, database: Any, values: list[Any]) -> None:
        self._database = database
        self._values = values
        self._longest_first = [-len(v[0]) for v in values]
        self._local = threading.local()

    def __reduce__(self) -> tuple[Any, tuple[str, Any]]:
        return restore, (self.kind, self.state())

    @classmethod
    def build(cls, keys: Sequence[tuple[str, Any]]) -> HyperscanScanner:
        """Compile the keys (``hyperscan.error`` where Hyperscan refuses them or this CPU)."""
        assert hyperscan is not None
        database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        if keys:
            expressions = [k.encode("utf-8", "surrogatepass") for k, _ in keys]
            database.compile(
                expressions=expressions, ids=list(range(len(keys))), elements=len(keys), flags=0, literal=True
            )
        return cls(database, [v for _, v in keys])

    def scan(self, text: str) -> Iterable[tuple[int, Any]]:
        if not self._values or not text:
            return []
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(self._database)
        data = fold_utf8(text)
        found: list[tuple[int, int, int]] = []
        append, longest_first = found.append, self._longest_first
        self._database.scan(
            data,
            match_event_handler=lambda i, _start, end, _flags, _context: append((end, longest_first[i], i)),
            scratch=scratch,
        )
        found.sort()  # by end, then longest first (Hyperscan leaves the order within one end open)
        values = self._values
        if len(data) == len(text):  # folded to ASCII: a byte is a character
            return [(end - 1, values[i]) for end, _, i in found]
        marks = data.translate(_CONTINUATION)
        out = []
        before = extra = 0
        for end, _, i in found:
            extra += marks.count(1, before, end)
            before = end
            out.append((end - extra - 1, values[i]))
        return out

    def state(self) -> Any:
        return hyperscan.dumpb(self._database), self._values


def build(keys: Sequence[tuple[str, Any]], kind: str | None = None) -> Scanner:
    """A scanner of ``keys`` (``(key, value)`` pairs, values tuples whose first item is the
    key): Hyperscan where it is installed and takes them (up to :data:`HYPERSCAN_MAX_KEYS`),
    else the automaton; ``kind`` forces one (tests and benchmarks compare them)."""
    if kind not in (None, AutomatonScanner.kind, HyperscanScanner.kind):
        raise ValueError(f"no scanner {kind!r} (automaton or hyperscan)")
    default = kind is None and len(keys) <= HYPERSCAN_MAX_KEYS
    if (default or kind == HyperscanScanner.kind) and hyperscan is not None:
        try:
            return HyperscanScanner.build(keys)
        except hyperscan.error:  # a CPU without SSSE3, a key set past its limits
            if kind is not None:
                raise
    elif kind == HyperscanScanner.kind:
        raise ImportError("hyperscan is not installed")
    return AutomatonScanner.build(keys)


def restore(kind: str, state: Any) -> Scanner:
    """A scanner from its :meth:`Scanner.state` (``ValueError`` if this one cannot be read here)."""
    if kind == AutomatonScanner.kind:
        return AutomatonScanner(state)
    if kind == HyperscanScanner.kind and hyperscan is not None:
        blob, values = state
        try:
            return HyperscanScanner(hyperscan.loadb(blob, hyperscan.HS_MODE_BLOCK), values)
        except hyperscan.error as e:  # written on another platform or Hyperscan version
            raise ValueError(f"compiled keys unreadable here: {e}") from e
    raise ValueError(f"no {kind} scanner here")


def engine() -> str:
    """The engine :func:`build` uses here, with its version (part of the compiled cache's key)."""
    if hyperscan is not None:
        return f"hyperscan {getattr(hyperscan, '__version__', '')}"
    return f"pyahocorasick {getattr(ahocorasick, '__version__', '')}"
