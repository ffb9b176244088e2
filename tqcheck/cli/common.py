"""What every command shares: one-line errors with exit 2, internal errors as exit 3; the options
two commands declare alike."""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any, NoReturn, ParamSpec, TypeVar

import typer
from typer.exceptions import TyperException

from tqcheck.errors import InputError
from tqcheck.writes import silence_stdout

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if c not in (0x09,)}


def printable(text: str) -> str:
    """A file name or message safe for a terminal: control characters shown as ``\\xNN``."""
    return text.translate(_CONTROLS)


def fail(message: str) -> NoReturn:
    """Bad input or usage: one clear line on stderr, exit 2."""
    typer.echo(f"tqcheck: error: {printable(message)}", err=True)
    raise typer.Exit(EXIT_INPUT)


def report_error(exc: InputError) -> None:
    """One bad input among many: its line on stderr now; the run goes on and exits 2 at the end."""
    typer.echo(f"tqcheck: error: {printable(str(exc))}", err=True)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Map InputError and OS errors to exit 2, Ctrl-C to 130, a gone reader of stdout to a quiet
    exit, and any bug to exit 3, never a traceback unless TQCHECK_DEBUG=1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            fail(str(exc))
        except (typer.Exit, typer.Abort, TyperException):
            raise
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(EXIT_OK) from None
        except OSError as exc:  # the environment (disk full, closed stream), not a bug
            where = exc.filename if exc.filename is not None else "output"
            fail(f"{where}: {exc.strerror or exc}")
        except RecursionError:
            fail("input nested too deeply to process")
        except Exception as exc:  # an internal error: say so plainly
            if hasattr(exc, "exit_code") and hasattr(exc, "show"):
                raise  # a usage error of the (vendored) click layer: it prints itself, exit 2
            if os.environ.get("TQCHECK_DEBUG"):
                traceback.print_exc()
            typer.echo(
                f"tqcheck: internal error: {type(exc).__name__}: {exc} (set TQCHECK_DEBUG=1 for a traceback)",
                err=True,
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper


COLOR_CHOICES = ("auto", "always", "never")


def use_color(when: str = "auto") -> bool:
    """Colour for ``--color WHEN``: ``auto`` follows NO_COLOR, FORCE_COLOR, TERM=dumb and whether
    stdout is a terminal (https://no-color.org, https://force-color.org)."""
    if when not in COLOR_CHOICES:
        fail(f"--color must be one of {', '.join(COLOR_CHOICES)}, not {when!r}")
    if when != "auto":
        return when == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stdout.isatty()
    except (ValueError, AttributeError):  # closed or replaced stream
        return False


def model_option() -> Any:
    """``--model`` of ``--score`` (``check`` and ``archive``)."""
    return typer.Option(None, "--model", help="Back-translation model for --score.", metavar="MODEL")


def backend_option() -> Any:
    """``--backend`` of ``--score`` (``check`` and ``archive``)."""
    return typer.Option(
        "transformers", "--backend", help="Model runtime for --score: transformers or ct2.", metavar="NAME"
    )
