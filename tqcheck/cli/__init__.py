"""The command line: ``tqcheck check``, ``glossary validate``, ``rules`` (+ ``score``/``models``).

Only this package knows Typer and exit codes: 0 clean, 1 findings at or above ``--fail-on``,
2 usage or input error, 3 internal error.
"""

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


def _register() -> None:
    from tqcheck.cli import check, glossary, rules

    check.register(app)
    glossary.register(app)
    rules.register(app)
    from tqcheck.cli import variants

    variants.register(app)
    try:
        from tqcheck.cli import score
    except ImportError:  # pragma: no cover - the scorer module is part of the package
        return
    score.register(app)


_register()


def main() -> None:
    app()
