"""Work a check may hand to other processes: one function mapped over independent batches.

The checks over a whole set run in one process, after every file is checked; with ``--jobs``
the worker processes are idle by then. A check that has many independent questions to ask (the
name clustering's pairwise judgements) asks them through :attr:`Context.fanout
<tqcheck.checks.base.Context>`, which :mod:`tqcheck.parallel` points at its pool. Answers come
back in the batches' order, so the check's own result does not depend on who answered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Fanout(Protocol):
    """``map``: ``fn`` (a module-level function, so another process can run it) over ``batches``,
    the results in the batches' order."""

    def __call__(self, fn: Callable[[T], R], batches: Sequence[T], /) -> Iterable[R]: ...
