"""Files checked on several cores, with the very report one process makes.

``--jobs N`` is this process and N-1 workers, each checking whole files: every per-document
check (:meth:`Engine.check_document`) runs there, and a worker's file comes back with its hits and
the per-document analysis the checks over the whole set read again (glossary matches, name
mentions, acronym readings: :meth:`Context.export`). The files are cut into consecutive parts;
this process (the parent) checks every N-th part itself, between reading the workers' results,
which arrive in input order, file by file, as soon as each is checked. The parent adopts the
workers' analysis, runs the set checks (TQ104, TQ202, TQ302) once over all of it and builds the
report as :meth:`Engine.finish` always does, so the output is the same byte for byte for any
``--jobs``.

While the set checks run, the idle workers are theirs, beside the parent (:attr:`Context.fanout
<tqcheck.checks.base.Context>`): TQ202's name clustering has its pairwise judgements made there
first. On 2,000 WMT articles that took ``--jobs 2`` from 1.13x to 1.27x of one process.

The parent checking its share, instead of waiting on N workers, spares one process. What keeps
two processes from halving the time is what each must learn for itself: the memos of word
lookups, learned distances and name keys fill as names recur, and a word list loads on its
first odd word (an apostrophe: ``O'Rourke``). One process checks 1,000 of the 2,000 WMT
articles in 1.9-2.2 s of checks and all 2,000 in 2.7 s, so each of two processes pays most of
that warm-up again. On the 2,000 articles, medians of five interleaved runs: ``--jobs 2``
4.01 s before this change, 3.74 s after (one process 4.60 s).

Workers are forked where the platform allows (Linux): the documents, already read, are shared
with them and only file numbers travel. Elsewhere they are spawned and receive the documents once.
Each builds its own context from the run's settings (the compiled glossaries come from the cache).

Before the pool starts, the parent checks the run's shortest file itself. That loads what every
check loads on first use (word lists, the lexicon, the learned costs), once: forked workers
inherit it instead of each loading it again, and the parent's checks over the whole set find it
loaded. On 2,000 WMT articles it took 7% off ``--jobs 2`` (medians of five interleaved runs:
6.99 s before, 6.48 s after; one process 6.29 s).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from tqcheck.document import Document
from tqcheck.engine import Engine
from tqcheck.gcpause import gc_paused
from tqcheck.model import Hit, Report

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

T = TypeVar("T")
R = TypeVar("R")

#: A file's result from a worker: its hits and its per-document analysis.
Checked = tuple[list[Hit], list[tuple[str, Any]]]
#: Files per task sent to a worker, at most: enough to amortise a round trip, few enough to
#: spread a small run over every worker and keep results flowing back in order.
MAX_CHUNK = 16

_worker: tuple[Engine, Sequence[Document]] | None = None


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on every platform
        return os.cpu_count() or 1


def _start(make_engine: Callable[[], Engine], docs: Sequence[Document]) -> None:
    """A worker's set-up. Ctrl-C is the parent's to handle (it stops the workers), and SIGTERM
    (how it stops them) ends a worker at once, whatever handlers it inherited by forking."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker = (make_engine(), docs)


def _check(indices: Sequence[int]) -> list[Checked]:
    assert _worker is not None, "a worker checks only after _start"
    engine, docs = _worker
    out: list[Checked] = []
    with gc_paused():  # as Engine.run: hits by the thousand, none of them in a cycle
        for i in indices:
            doc = docs[i]
            hits, _ = engine.check_document(doc)
            out.append((hits, engine.context.export(doc)))  # the memo stays one file deep
    return out


def _alongside(pool: Pool, jobs: int, fn: Callable[[T], R], batches: Sequence[T]) -> Iterator[R]:
    """A :class:`~tqcheck.fanout.Fanout` on the pool and this process together: every
    ``jobs``-th batch is answered here while the workers answer the others, in the batches' order."""
    theirs = pool.imap(fn, [b for k, b in enumerate(batches) if k % jobs], chunksize=1)
    for k, batch in enumerate(batches):
        yield fn(batch) if k % jobs == 0 else next(theirs)


def chunks(indices: Sequence[int], jobs: int) -> list[list[int]]:
    """``indices`` cut into consecutive runs: about eight per worker, :data:`MAX_CHUNK` at most."""
    size = max(1, min(MAX_CHUNK, len(indices) // (jobs * 8)))
    return [list(indices[i : i + size]) for i in range(0, len(indices), size)]


def check_parallel(
    engine: Engine,
    docs: Sequence[Document],
    jobs: int,
    make_engine: Callable[[], Engine],
    on_file: Callable[[int, list[Hit]], None] | None = None,
) -> Report:
    """The report ``engine.run(docs)`` makes, with the per-document checks on ``jobs`` processes.

    ``make_engine`` builds a worker's engine (a picklable callable: it may be sent to a spawned
    process); ``on_file(i, hits)`` hears of each file, in input order, as soon as its result
    is back (a progress bar, a streamed report).
    """
    import multiprocessing  # here, not at the top: settings read default_jobs on every start-up

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    hits: dict[str, list[Hit]] = {d.path: [] for d in docs}
    # the shortest file, checked here first: what the checks load, loaded once for every process
    first = min(range(len(docs)), key=lambda i: len(docs[i].text))
    with gc_paused():
        first_hits, _ = engine.check_document(docs[first])
    parts = chunks([i for i in range(len(docs)) if i != first], jobs)
    # this process is one of the ``jobs``: it checks every ``jobs``-th part itself
    here = {i for k, part in enumerate(parts) if k % jobs == 0 for i in part}
    theirs = [part for k, part in enumerate(parts) if k % jobs]
    pool = multiprocessing.get_context(method).Pool(
        jobs - 1, initializer=_start, initargs=(make_engine, docs)
    )
    try:
        # the workers' results, in input order (their parts are consecutive and imap keeps order)
        results = (r for checked in pool.imap(_check, theirs) for r in checked)
        for i, doc in enumerate(docs):
            if i == first:
                found = first_hits
            elif i in here:
                with gc_paused():
                    found, _ = engine.check_document(doc)  # its analysis stays in the memo
            else:
                found, analysis = next(results)
                engine.context.adopt(doc, analysis)
            hits[doc.path].extend(found)
            if on_file is not None:
                on_file(i, found)
        # the checks over the whole set share their independent work with the workers
        engine.context.fanout = partial(_alongside, pool, jobs)
        try:
            report = engine.finish(docs, hits)
        finally:
            engine.context.fanout = None
        pool.close()
    except BaseException:  # Ctrl-C, SIGTERM, a check's error: the workers stop now, not when done
        pool.terminate()
        raise
    finally:
        pool.join()
    return report
