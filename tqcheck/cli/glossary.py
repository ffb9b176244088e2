"""``tqcheck glossary validate``: conflicts and failing self-tests, with file:line."""

from __future__ import annotations

from pathlib import Path

import typer

from tqcheck.cli.common import EXIT_FINDINGS, handle_errors
from tqcheck.glossary import default_glossary_paths, load_glossaries
from tqcheck.glossary.validate import validate


def register(app: typer.Typer) -> None:
    sub = typer.Typer(help="Work with house glossaries (YAML, CSV/TSV, TBX).", no_args_is_help=True)
    app.add_typer(sub, name="glossary")

    @sub.command("validate")
    @handle_errors
    def validate_cmd(
        files: list[Path] = typer.Argument(None, help="Glossary files (default: the shipped glossaries)."),
        source_lang: str = typer.Option(
            "fr", "--source-lang", help="Language of CSV 'source' columns.", metavar="LANG"
        ),
    ) -> None:
        """Check glossaries for conflicts (one form mapped to two entries, variants equal to another entry's
        canonical, duplicate ids) and run every entry's self-test examples."""
        paths = list(files) if files else default_glossary_paths()
        glossary = load_glossaries(paths, source_lang)
        problems = validate(glossary)
        for p in problems:
            typer.echo(str(p))
        entries = len(glossary.entries)
        if problems:
            typer.echo(
                f"{len(problems)} problem(s) in {entries} entries from {len(paths)} file(s).", err=True
            )
            raise typer.Exit(EXIT_FINDINGS)
        typer.echo(
            f"OK: {entries} entries from {len(paths)} file(s), no conflicts, all examples pass.", err=True
        )

    @sub.command("list")
    @handle_errors
    def list_cmd(
        files: list[Path] = typer.Argument(None, help="Glossary files (default: the shipped glossaries)."),
    ) -> None:
        """Print every entry: id, canonical form, acronym, variants and source forms."""
        glossary = load_glossaries(list(files) if files else default_glossary_paths())
        for e in glossary.entries:
            extra = []
            if e.acronym:
                extra.append(f"acronym {e.acronym}")
            if e.variants:
                extra.append("not: " + ", ".join(e.variants))
            for lang, forms in e.source.items():
                extra.append(f"{lang}: " + ", ".join(forms))
            typer.echo(f"{e.id}\t{e.canonical}\t{'; '.join(extra)}")
