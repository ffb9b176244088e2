"""``tqcheck archive``: a large set of articles checked on all local cores or on a Ray cluster,
the findings written as a table (JSON lines or Parquet)."""

from __future__ import annotations

import gc
from pathlib import Path

import typer

from tqcheck.cli.common import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    backend_option,
    handle_errors,
    model_option,
    printable,
    report_error,
)
from tqcheck.cli.score import make_score_hook
from tqcheck.config import load_config
from tqcheck.errors import InputError
from tqcheck.runner import Skipped, fails, load_documents
from tqcheck.settings import Flags, resolve
from tqcheck.writes import write_output

EXAMPLES = (
    "Examples: "
    "tqcheck archive desk/ -o findings.jsonl · "
    "tqcheck archive desk/ --engine ray --address auto -o findings.parquet · "
    "tqcheck archive desk/ --engine ray --score -o scored.jsonl"
)


def register(app: typer.Typer) -> None:
    @app.command("archive", epilog=EXAMPLES)
    @handle_errors
    def archive(
        files: list[str] = typer.Argument(
            None, metavar="PATH", help="Files or folders (default: .).", show_default=False
        ),
        engine: str = typer.Option("local", "--engine", help="Where to check: local, ray.", metavar="ENGINE"),
        address: str | None = typer.Option(
            None,
            "--address",
            help="Ray cluster (auto, ray://head:10001; default: a local instance).",
            metavar="ADDRESS",
        ),
        workers: int | None = typer.Option(
            None,
            "--workers",
            help="Processes (local) or actors (ray) (default: all CPUs).",
            metavar="N",
        ),
        output: str | None = typer.Option(
            None, "--output", "-o", help="Write the findings to FILE ('-': stdout).", metavar="FILE"
        ),
        fmt: str | None = typer.Option(
            None, "--format", "-f", help="jsonl or parquet (default: by -o's extension).", metavar="FORMAT"
        ),
        glossary: list[Path] = typer.Option(
            [], "--glossary", "-g", help="Extra glossary (YAML, CSV, TSV, TBX).", metavar="FILE"
        ),
        no_default_glossaries: bool = typer.Option(
            False, "--no-default-glossaries", help="Skip shipped glossaries.", metavar=""
        ),
        select: list[str] = typer.Option([], "--select", help="Only these rule prefixes.", metavar="CODES"),
        ignore: list[str] = typer.Option([], "--ignore", help="Skip these rule prefixes.", metavar="CODES"),
        lang: str | None = typer.Option(None, "--lang", help="Language of the checked text.", metavar="LANG"),
        source_lang: str | None = typer.Option(
            None, "--source-lang", help="Language translated from.", metavar="LANG"
        ),
        config: Path | None = typer.Option(
            None, "--config", help="Config file (default: found upward).", metavar="FILE"
        ),
        score: bool = typer.Option(
            False,
            "--score",
            help="Add neural back-translation scores (neural extra; on Ray one model per actor).",
            metavar="",
        ),
        model: str | None = model_option(),
        backend: str = backend_option(),
    ) -> None:
        """Check an archive on every core or on Ray; findings as JSON lines or Parquet."""
        from tqcheck.archive import check_archive, encode, table_format  # not on every start-up

        # an archive may run for hours beside Ray's client, whose objects may form cycles: the
        # collector that the entry point turns off for a batch is kept here (the engine pauses it
        # during the checks all the same)
        gc.enable()

        if workers is not None and workers < 1:
            raise InputError(f"--workers must be 1 or more, not {workers}")
        kind = table_format(output, fmt)
        cfg = load_config(config)
        flags = Flags(
            select=select,
            ignore=ignore,
            lang=lang,
            source_lang=source_lang,
            glossaries=glossary,
            no_default_glossaries=no_default_glossaries,
        )
        settings = resolve(flags, cfg)
        errors: list[InputError] = []

        def bad_input(exc: InputError) -> None:
            report_error(exc)
            errors.append(exc)

        def skip(left_out: Skipped) -> None:
            typer.echo(f"tqcheck: note: {printable(left_out.path)}: skipped: {left_out.message}", err=True)

        scoring = make_score_hook(model, settings.source_lang, settings.lang, backend) if score else None
        if model is not None and not score:
            raise InputError("--model needs --score")
        docs = load_documents(files or ["."], settings, on_error=bad_input, on_skip=skip)
        report = check_archive(docs, settings, engine=engine, address=address, workers=workers, score=scoring)
        write_output(output or "-", encode(report, kind))
        if errors:
            raise typer.Exit(EXIT_INPUT)
        raise typer.Exit(EXIT_FINDINGS if fails(report, settings.fail_on) else EXIT_OK)
