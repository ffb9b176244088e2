"""The command line: ``tqcheck check``, ``glossary validate``, ``rules`` (+ ``score``/``models``).

Only this package knows Typer and exit codes: 0 clean, 1 findings at or above ``--fail-on``,
2 usage or input error, 3 internal error.
"""

from __future__ import annotations

from tqcheck.cli import archive, check, glossary, rules, score, variants
from tqcheck.cli.app import app

__all__ = ["app", "main"]

for _command in (check, glossary, rules, variants, score, archive):
    _command.register(app)


def main() -> None:
    app(prog_name="tqcheck")
