"""Pausing Python's cyclic garbage collector while a pass makes many small, acyclic objects.

With a large document's matches, hits and findings alive, every collection walks all of them:
on 5 MB of news dense with findings, collections took half of a whole run. Nothing in a check,
the engine or a reporter makes reference cycles, so reference counting frees all of it anyway.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable cyclic collection inside the block (nested use is fine); restore it after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
