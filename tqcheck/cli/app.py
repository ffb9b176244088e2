"""The Typer application and its root options; the commands add themselves to it."""

from __future__ import annotations

import typer

from tqcheck import __version__

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
        False, "--version", callback=_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """Translation-quality checks for machine-translated news."""
