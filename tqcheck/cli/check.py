"""``tqcheck check``: run the checks on files, directories or stdin and report in any format."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import typer

from tqcheck.charsets import forced_codec
from tqcheck.cli.common import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, handle_errors, report_error, stdout_is_tty
from tqcheck.cli.score import make_score_hook
from tqcheck.config import load_config
from tqcheck.document import Document, check_input
from tqcheck.engine import Engine, ScoreHook
from tqcheck.errors import InputError
from tqcheck.fix import apply_fixes, encode_text
from tqcheck.formats import load_source
from tqcheck.gcpause import gc_paused
from tqcheck.model import Finding, Report
from tqcheck.reporters import FORMATS, get_reporter
from tqcheck.runner import build_context, fails, load_documents
from tqcheck.settings import Flags, resolve
from tqcheck.writes import locked, rewrite, same_file, write_output


def render(report: Report, fmt: str, output: str | None) -> None:
    with gc_paused():  # a report of many findings is built from many small dicts and strings
        if output is None:
            get_reporter(fmt, color=stdout_is_tty()).render(report, sys.stdout)
            sys.stdout.flush()
            return
        buf = io.StringIO()
        get_reporter(fmt).render(report, buf)
    write_output(output, buf.getvalue().encode("utf-8"))


def refuse_overwriting_inputs(output: str | None, inputs: list[str]) -> None:
    """``-o article.txt`` on ``article.txt`` would replace the article with its report."""
    if output is None or output == "-":
        return
    for path in inputs:
        if path != "-" and same_file(output, path):
            raise InputError(f"the report would overwrite the input {path!r}; choose another -o path", output)


def register(app: typer.Typer) -> None:
    @app.command("check")
    @handle_errors
    def check(
        files: list[str] = typer.Argument(..., help="Files or directories to check; '-' reads stdin."),
        glossary: list[Path] = typer.Option(
            [], "--glossary", "-g", help="Extra glossary (YAML, CSV, TSV, TBX)."
        ),
        no_default_glossaries: bool = typer.Option(
            False, "--no-default-glossaries", help="Skip shipped glossaries."
        ),
        fmt: str | None = typer.Option(None, "--format", "-f", help=f"Output format: {', '.join(FORMATS)}."),
        output: str | None = typer.Option(
            None, "--output", "-o", help="Write the report to FILE ('-': stdout)."
        ),
        select: list[str] = typer.Option(
            [], "--select", help="Only rules with these code prefixes (TQ1,TQ501)."
        ),
        ignore: list[str] = typer.Option([], "--ignore", help="Skip rules with these code prefixes."),
        fail_on: str | None = typer.Option(None, "--fail-on", help="Exit 1 at: error, warning, info, never."),
        config: Path | None = typer.Option(None, "--config", help="Config file (default: found upward)."),
        lang: str | None = typer.Option(None, "--lang", help="Language of the checked (target) text."),
        source_lang: str | None = typer.Option(None, "--source-lang", help="Language translated from."),
        fix: bool = typer.Option(False, "--fix", help="Apply suggested fixes to the files (atomically)."),
        force: bool = typer.Option(False, "--force", help="With --fix, also rewrite read-only files."),
        max_file_size: str | None = typer.Option(
            None, "--max-file-size", help="Refuse larger inputs (default 100MB; e.g. 20MB, 500000)."
        ),
        stdin_filename: str = typer.Option("-", "--stdin-filename", help="Name to report for stdin."),
        score: bool = typer.Option(
            False, "--score", help="Add neural back-translation scores (needs [neural])."
        ),
        source: Path | None = typer.Option(
            None, "--source", help="Source text the checked file translates (bilingual checks, --score)."
        ),
        input_format: str | None = typer.Option(
            None,
            "--input-format",
            help="Input format: text, xliff, tmx, po, jsonl, html, markdown (default: by extension).",
        ),
        model: str | None = typer.Option(None, "--model", help="Back-translation model for --score."),
        encoding: str | None = typer.Option(
            None, "--encoding", help="Encoding of the inputs (default: UTF-8, a BOM's, or detected)."
        ),
    ) -> None:
        """Check translated articles against house glossaries and mechanical rules."""
        cfg = load_config(config)
        flags = Flags(
            select, ignore, fmt, fail_on, lang, source_lang, glossary, no_default_glossaries, max_file_size
        )
        settings = resolve(flags, cfg)
        if encoding:
            encoding = forced_codec(encoding)  # an unknown name is a usage error before any read
        guarded = [*files, *(str(p) for p in settings.glossaries)]
        refuse_overwriting_inputs(
            output, [*guarded, *([str(source)] if source else []), str(cfg.path or "-")]
        )
        errors: list[InputError] = []

        def bad_input(exc: InputError) -> None:
            report_error(exc)
            errors.append(exc)

        docs = load_documents(
            files,
            settings,
            stdin_name=stdin_filename,
            input_format=input_format,
            encoding=encoding,
            on_error=bad_input,
        )
        if source is not None:
            if len(docs) != 1:
                raise InputError(f"--source needs exactly one checked file, got {len(docs)}")
            check_input(source, settings.max_bytes)
            load_source(source, docs[0], settings.source_lang, encoding=encoding)
        if not docs:
            raise typer.Exit(EXIT_INPUT)
        ctx = build_context(settings)
        hook: ScoreHook | None = None
        if score:
            hook = make_score_hook(model, settings.source_lang, settings.lang)
        engine = Engine(ctx, settings.engine, hook)
        report = engine.run(docs)
        if fix:

            def reload(doc: Document) -> Document:
                """Read a fixed file again with its own format and source, as a new run would."""
                (again,) = load_documents([doc.path], settings, input_format=doc.format, encoding=encoding)
                if doc.source is not None:
                    again.source = doc.source
                return again

            report = _fix(report, docs, engine, reload, force, errors)
        render(report, settings.fmt, output)
        if errors:
            raise typer.Exit(EXIT_INPUT)
        raise typer.Exit(EXIT_FINDINGS if fails(report, settings.fail_on) else EXIT_OK)


def _fix(
    report: Report,
    docs: list[Document],
    engine: Engine,
    reload: Callable[[Document], Document],
    force: bool,
    errors: list[InputError],
) -> Report:
    """Apply fixes, rewrite changed files under a lock, re-check and return what remains.

    Each file is locked, and read again under the lock: when another run changed it since this
    run read it, the file is checked again as it is now and only then fixed, so concurrent runs
    (with different ``--select``, say) never lose each other's fixes. A bad file is an error
    line and the others go on.
    """
    fixed_docs = []
    total = 0
    for doc, fr in zip(docs, report.files, strict=True):
        own = [f for f in fr.findings if f.path == doc.path]  # never apply a source-file finding
        new_text, applied = apply_fixes(doc.text, _encodable(own, doc.encoding), doc.format, doc.cdata)
        if doc.stdin:
            sys.stdout.write(new_text)  # like ruff: fixed stdin goes to stdout
            total += applied
            fixed_docs.append(
                Document(doc.path, new_text, doc.encoding, doc.bom, doc.lang, list(doc.notes), stdin=True)
            )
            continue
        if not applied:
            fixed_docs.append(doc)
            continue
        try:
            with locked(doc.path) as held:
                if held.read_only and not force:
                    raise InputError("read-only file not fixed (use --force to rewrite it)", doc.path)
                if held.data != encode_text(doc.text, doc.encoding, doc.bom):
                    doc = reload(doc)  # changed since it was read: check what is there now
                    engine.context.forget()
                    again = [f for f in engine.run([doc]).files[0].findings if f.path == doc.path]
                    new_text, applied = apply_fixes(
                        doc.text, _encodable(again, doc.encoding), doc.format, doc.cdata
                    )
                if applied:
                    rewrite(held, encode_text(new_text, doc.encoding, doc.bom), doc.path)
            if applied:
                doc = reload(doc)
                total += applied
        except InputError as exc:
            report_error(exc)
            errors.append(exc)
        fixed_docs.append(doc)
    typer.echo(f"Fixed {total} problem{'s' if total != 1 else ''}.", err=True)
    engine.context.forget()
    return engine.run(fixed_docs)


def _encodable(findings: list[Finding], encoding: str) -> list[Finding]:
    """Fixes whose replacement the file's encoding can hold (a Latin-1 file cannot take 'ă')."""
    out = []
    for f in findings:
        try:
            (f.suggestion or "").encode(encoding)
        except (UnicodeEncodeError, LookupError):
            continue
        out.append(f)
    return out
