"""The Typer application and its root options; the commands add themselves to it."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperArgument, TyperOption

from tqcheck._version import __version__
from tqcheck.cli import coerce


def _argument_type(self: TyperArgument, ctx: Any) -> str | None:
    """Help shows an argument by its metavar (``[PATH]...``), never as a Python type
    (``<list[str]>``): Typer 0.2x prints one for every argument, readers need none."""
    return None


_option_type = TyperOption.display_type_rich


def _flag_type(self: TyperOption, ctx: Any) -> str | None:
    """A flag (``--fix``, ``--help``) takes no value: no ``<bool>`` after it."""
    return None if self.is_flag else _option_type(self, ctx)


TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign,assignment]
TyperOption.display_type_rich = _flag_type  # type: ignore[method-assign]
coerce.install()  # strings, paths and flags without importing Pydantic

app = typer.Typer(
    name="tqcheck",
    help="Translation-quality checks for machine-translated news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tqcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version.", metavar=""
    ),
) -> None:
    """Translation-quality checks for machine-translated news."""
