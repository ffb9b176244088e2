"""``tqcheck rules [CODE]``: the rule catalogue, or one rule's help (like ``ruff rule``)."""

from __future__ import annotations

import typer

from tqcheck.cli.common import fail, handle_errors
from tqcheck.config import load_config
from tqcheck.examples import examples, run, shown
from tqcheck.locale.names import language_name
from tqcheck.ruledocs import FIX_WORDS
from tqcheck.rules import all_rules


def register(app: typer.Typer) -> None:
    @app.command("rules")
    @handle_errors
    def rules_cmd(code: str = typer.Argument(None, help="Show the help of this rule (e.g. TQ101).")) -> None:
        """List every rule code with its default severity, or explain one rule."""
        rules = all_rules()
        if code:
            rule = rules.get(code.upper())
            if rule is None:
                fail(f"unknown rule code {code!r} (see `tqcheck rules`)")
            typer.echo(f"{rule.code} {rule.name} [{rule.severity.value}]\n\n{rule.summary}.\n\n{rule.help}")
            typer.echo(f"\nFix: {FIX_WORDS[rule.fix]}")
            if rule.languages is not None:  # the rule is not run on other target languages
                names = ", ".join(sorted(language_name(code) for code in rule.languages))
                typer.echo(f"Languages: {names} targets only.")
            example = examples().get(rule.code)
            if example is not None:
                found = [] if example.neural else run(example, example.bad)
                typer.echo("\n" + "\n".join(shown(example, found)))
            docs = load_config().get("docs-url")
            typer.echo(f"\nDocs: {rule.url(docs) if docs else f'docs/rules.md#{rule.anchor}'}")
            return
        for rule in rules.values():
            typer.echo(
                f"{rule.code}  {rule.severity.value:<7}  {rule.fix.value:<6}  {rule.name:<30}  {rule.summary}"
            )
