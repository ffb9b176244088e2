"""The process entry point: signals and standard streams, settled before anything heavy loads.

Ctrl-C while Typer was still importing used to print a traceback, and a closed stdout crashed
the report. Here, with only the standard library loaded, SIGINT exits 130 and SIGTERM 143 at any
moment (``finally`` blocks still run, so temp files are removed), closed standard streams read
as /dev/null, and a reader that went away (``tqcheck check ... | head``) ends the run quietly.
"""

from __future__ import annotations

import atexit
import gc
import os
import signal
import sys
import threading
from contextlib import suppress
from types import FrameType


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    """Exit 128+N like a shell reports it, without a traceback, cleaning up on the way out."""
    signal.signal(signum, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the cleanup
    raise SystemExit(128 + signum)


def _unraisable(event: sys.UnraisableHookArgs) -> None:
    """A signal's exit raised where Python cannot raise (a finalizer run by the garbage
    collector, seen once in a loaded run): raise it again a moment later, from ordinary code
    (a one-shot timer), instead of printing it as ignored while the run goes on."""
    code = event.exc_value.code if isinstance(event.exc_value, SystemExit) else None
    signals = (signal.SIGINT, getattr(signal, "SIGTERM", -1))
    if isinstance(code, int) and code - 128 in signals and hasattr(signal, "setitimer"):

        def again(signum: int, frame: FrameType | None) -> None:
            raise SystemExit(code)

        signal.signal(signal.SIGALRM, again)
        signal.setitimer(signal.ITIMER_REAL, 0.001)
        return
    sys.__unraisablehook__(event)


def _ensure_streams() -> None:
    """A closed stdout or stderr (``>&-``) is None in Python: write into /dev/null instead."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the process


def main() -> None:
    # A run is a batch that ends with the process, and the engine makes no reference cycles
    # (:mod:`tqcheck.gcpause`); the few that imports and Typer make die with the process. The
    # cyclic collector would only walk the run's objects again and again: with it on, a
    # glossary-only run over 10 MB took 13% longer and checking 2,000 WMT articles 8% (paired
    # runs), for the same peak memory. ``tqcheck archive``, which may run for hours, keeps it.
    gc.disable()
    signal.signal(signal.SIGINT, _exit_on_signal)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _exit_on_signal)
    sys.unraisablehook = _unraisable
    _ensure_streams()
    try:
        from tqcheck.cli import app  # the heavy imports, now under our handlers

        app(prog_name="tqcheck")
    finally:
        _flush()


def run() -> None:
    """The command's entry: :func:`main`, then the process ends without the interpreter's
    teardown (:func:`_leave`). Tests and embedders call :func:`main`, which returns."""
    try:
        main()
    except SystemExit as done:
        _leave(done)
        raise


def _flush() -> None:
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        from tqcheck.writes import silence_stdout

        silence_stdout()


def _leave(done: SystemExit) -> None:
    """End the process with ``done``'s status now that everything it writes is written, without
    the interpreter's teardown, which frees every object of the run one by one: after a
    glossary-only check of 10 MB that took 40-50 ms of a half-second run. The exit handlers
    still run (a process pool's, logging's), then the streams are flushed once more. Returns,
    for the ordinary exit, when the status is not a number, a thread of ours is still at work
    (the interpreter waits for those), or a profiler or debugger watches (``python -m cProfile``
    writes its file after the program returns)."""
    code = 0 if done.code is None else done.code
    if (
        not isinstance(code, int)
        or sys.getprofile() is not None
        or sys.gettrace() is not None
        or any(t is not threading.main_thread() and not t.daemon for t in threading.enumerate())
    ):
        return
    atexit._run_exitfuncs()
    _flush()
    with suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)
