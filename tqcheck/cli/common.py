"""What every command shares: one-line errors with exit 2, internal errors as exit 3."""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from typing import NoReturn, ParamSpec, TypeVar

import typer
from typer.exceptions import TyperException

from tqcheck.errors import InputError

P = ParamSpec("P")
R = TypeVar("R")

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


def fail(message: str) -> NoReturn:
    """Bad input or usage: one clear line on stderr, exit 2."""
    typer.echo(f"tqcheck: error: {message}", err=True)
    raise typer.Exit(EXIT_INPUT)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Map InputError to exit 2 and any bug to exit 3, never a traceback unless TQCHECK_DEBUG=1."""

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
            raise typer.Exit(EXIT_OK) from None
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


def split_codes(values: list[str] | None) -> list[str]:
    """``--select TQ1,TQ5 --select TQ201`` -> ``["TQ1", "TQ5", "TQ201"]``."""
    out: list[str] = []
    for v in values or []:
        out += [p.strip().upper() for p in v.split(",") if p.strip()]
    return out


def stdout_is_tty() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
