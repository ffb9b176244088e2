"""A progress bar on the terminal for long runs (rich), and nothing anywhere else.

A folder of 2,000 articles takes tens of seconds; a person at a terminal should see it move.
The bar goes to standard error, only when that is a terminal (never in CI logs, pipes or files,
never with ``TERM=dumb`` or ``--color never``), only for runs of :data:`FROM` files or more, and
is cleared when the run ends, so the report on standard output is the same with or without it.

Findings are not streamed file by file: the checks across the set (TQ104, TQ202) and the one
finding per name rule can still change a file's findings once every file is read, so a streamed
report would have to be revised; the bar shows the run's progress instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

#: Runs of fewer files finish before a bar is worth drawing.
FROM = 20

#: What a run calls after each checked file (its index and hits, unused here).
OnFile = Callable[[int, Any], None]


def wanted(files: int, color: str) -> bool:
    """Whether to draw a bar for a run of ``files`` files."""
    if files < FROM or color == "never" or os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # closed or replaced stream
        return False


@contextmanager
def progress_bar(files: int, color: str = "auto") -> Iterator[OnFile | None]:
    """A callback that advances the bar by one file, or ``None`` when no bar is wanted."""
    if not wanted(files, color):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=sys.stderr)
    columns = (
        TextColumn("checking"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("check", total=files)
        yield lambda _i, _hits: bar.advance(task)
