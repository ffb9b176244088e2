"""``tqcheck glossary validate``: conflicts and failing self-tests, with file:line."""

from __future__ import annotations

from pathlib import Path

import typer

from tqcheck.cli.common import EXIT_FINDINGS, handle_errors
from tqcheck.glossary import Glossary, default_glossary_paths, glossary_files, load_glossaries
from tqcheck.glossary.validate import validate


def register(app: typer.Typer) -> None:
    sub = typer.Typer(help="Work with house glossaries (YAML, CSV/TSV, TBX).", no_args_is_help=True)
    app.add_typer(sub, name="glossary")

    @sub.command("validate")
    @handle_errors
    def validate_cmd(
        files: list[Path] = typer.Argument(
            None, help="Glossary files or folders (default: the shipped glossaries)."
        ),
        source_lang: str = typer.Option(
            "fr", "--source-lang", help="Language of CSV 'source' columns.", metavar="LANG"
        ),
    ) -> None:
        """Check glossaries for conflicts (one form mapped to two entries, variants equal to another entry's
        canonical, duplicate ids) and run every entry's self-test examples."""
        paths = glossary_files(list(files)) if files else default_glossary_paths()
        glossary = load_glossaries(paths, source_lang)
        problems = validate(glossary)
        for p in problems:
            typer.echo(str(p))
        entries = len(glossary.concepts())
        if problems:
            typer.echo(
                f"{len(problems)} problem(s) in {entries} entries from {len(paths)} file(s).", err=True
            )
            raise typer.Exit(EXIT_FINDINGS)
        typer.echo(
            f"OK: {entries} entries from {len(paths)} file(s), no conflicts, all examples pass.", err=True
        )
        if len(glossary.languages()) > 1:
            typer.echo(coverage(glossary), err=True)

    @sub.command("list")
    @handle_errors
    def list_cmd(
        files: list[Path] = typer.Argument(None, help="Glossary files (default: the shipped glossaries)."),
        lang: str = typer.Option(
            "en", "--lang", help="The language the entries are seen from.", metavar="LANG"
        ),
    ) -> None:
        """Print every entry as LANG sees it: id, preferred form, acronym, deprecated forms and the
        forms of other languages."""
        glossary = load_glossaries(
            glossary_files(list(files)) if files else default_glossary_paths(), lang=lang
        )
        for e in glossary.entries:
            extra = []
            if e.acronym:
                extra.append(f"acronym {e.acronym}")
            if e.variants:
                extra.append("not: " + ", ".join(e.variants))
            for lang, forms in e.source.items():
                extra.append(f"{lang}: " + ", ".join(forms))
            typer.echo(f"{e.id}\t{e.canonical}\t{'; '.join(extra)}")


def coverage(glossary: Glossary) -> str:
    """Entries and self-tested entries per language: ``en 284 (150 tested), fr 280 (40 tested)``."""
    parts = []
    for lang in glossary.languages():
        view = glossary.for_language(lang).entries
        tested = sum(1 for e in view if e.examples.bad or e.examples.good)
        parts.append(f"{lang} {len(view)} ({tested} self-tested)")
    return "Languages: " + ", ".join(parts) + "."
