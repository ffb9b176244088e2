"""``tqcheck check``: run the checks on files, directories or stdin and report in any format."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from tqcheck.cli.common import EXIT_FINDINGS, EXIT_OK, fail, handle_errors, split_codes, stdout_is_tty
from tqcheck.config import Config, load_config
from tqcheck.document import Document, expand_inputs, load_stdin
from tqcheck.engine import Engine, ScoreHook, Settings
from tqcheck.errors import InputError
from tqcheck.model import Report, Severity
from tqcheck.reporters import FORMATS, get_reporter
from tqcheck.rules import all_rules, validate_prefixes

FAIL_ON = ("error", "warning", "info", "never")


def load_documents(
    inputs: list[str],
    lang: str,
    extensions: tuple[str, ...],
    stdin_name: str,
    input_format: str | None = None,
    exclude: tuple[str, ...] = (),
) -> list[Document]:
    from tqcheck.formats import load_document

    docs = []
    for item in expand_inputs(inputs, extensions, exclude):
        doc = load_stdin(lang, stdin_name) if item == "-" else load_document(Path(item), input_format, lang)
        if not doc.text.strip():
            raise InputError("empty file", doc.path)
        docs.append(doc)
    if not docs:
        raise InputError("no input files")
    return docs


def build_context(cfg: Config, glossaries: list[Path], no_defaults: bool, lang: str, source_lang: str) -> Any:
    from tqcheck.checks.base import Context
    from tqcheck.glossary import default_glossary_paths, load_glossaries
    from tqcheck.glossary.matcher import Matcher

    paths: list[Path] = []
    use_defaults = cfg.get("default-glossaries", True) and not no_defaults
    if use_defaults:
        paths += default_glossary_paths()
    paths += [cfg.resolve_path(p) for p in cfg.get("glossaries", [])]
    paths += glossaries
    glossary = load_glossaries(paths, source_lang)
    return Context(matcher=Matcher(glossary), lang=lang, source_lang=source_lang)


def fails(report: Report, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in report.findings)


def render(report: Report, fmt: str, output: Path | None) -> None:
    from tqcheck.fix import write_atomic

    if output is None:
        get_reporter(fmt, color=stdout_is_tty()).render(report, sys.stdout)
        return
    buf = io.StringIO()
    get_reporter(fmt).render(report, buf)
    write_atomic(output, buf.getvalue())


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
        output: Path | None = typer.Option(None, "--output", "-o", help="Write the report to FILE."),
        select: list[str] = typer.Option(
            [], "--select", help="Only rules with these code prefixes (TQ1,TQ501)."
        ),
        ignore: list[str] = typer.Option([], "--ignore", help="Skip rules with these code prefixes."),
        fail_on: str | None = typer.Option(None, "--fail-on", help="Exit 1 at: error, warning, info, never."),
        config: Path | None = typer.Option(None, "--config", help="Config file (default: found upward)."),
        lang: str | None = typer.Option(None, "--lang", help="Language of the checked (target) text."),
        source_lang: str | None = typer.Option(None, "--source-lang", help="Language translated from."),
        fix: bool = typer.Option(False, "--fix", help="Apply suggested fixes to the files (atomically)."),
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
    ) -> None:
        """Check translated articles against house glossaries and mechanical rules."""
        cfg = load_config(config)
        fmt = fmt or cfg.get("format", "text")
        if fmt not in FORMATS:
            fail(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
        fail_on = fail_on or cfg.get("fail-on", "warning")
        if fail_on not in FAIL_ON:
            fail(f"unknown --fail-on {fail_on!r} (one of {', '.join(FAIL_ON)})")
        rules = all_rules()
        sel = split_codes(select) or [c.upper() for c in cfg.get("select", [])]
        ign = split_codes(ignore) or [c.upper() for c in cfg.get("ignore", [])]
        validate_prefixes(sel, rules, "--select")
        validate_prefixes(ign, rules, "--ignore")
        severities = {}
        for code, value in cfg.get("severity", {}).items():
            if code.upper() not in rules or value not in ("error", "warning", "info"):
                raise InputError(f"bad [severity] setting {code} = {value!r}", str(cfg.path))
            severities[code.upper()] = Severity(value)
        per_file = {k: [c.upper() for c in v] for k, v in cfg.get("per-file-ignores", {}).items()}
        lang = lang or cfg.get("lang", "en")
        source_lang = source_lang or cfg.get("source-lang", "fr")
        extensions = tuple(cfg.get("extensions", [])) or (
            *(".txt", ".text", ".md", ".markdown"),
            *(".xlf", ".xliff", ".tmx", ".po", ".jsonl", ".html", ".htm"),
        )
        exclude = tuple(cfg.get("exclude", []))
        docs = load_documents(files, lang, extensions, stdin_filename, input_format, exclude)
        if source is not None:
            from tqcheck.formats import load_source

            if len(docs) != 1:
                raise InputError(f"--source needs exactly one checked file, got {len(docs)}")
            load_source(source, docs[0], source_lang)
        ctx = build_context(cfg, glossary, no_default_glossaries, lang, source_lang)
        settings = Settings(sel, ign, per_file, severities)
        hook: ScoreHook | None = None
        if score:
            from tqcheck.cli.score import make_score_hook

            hook = make_score_hook(model, source_lang, lang)
        engine = Engine(ctx, settings, hook)
        report = engine.run(docs)
        if fix:

            def reload(doc: Document) -> Document:
                """Read a fixed file again with its own format and source, as a new run would."""
                (again,) = load_documents([doc.path], lang, extensions, stdin_filename, doc.format)
                if doc.source is not None:
                    again.source = doc.source
                return again

            report = _fix(report, docs, engine, reload)
        render(report, fmt, output)
        raise typer.Exit(EXIT_FINDINGS if fails(report, fail_on) else EXIT_OK)


def _fix(
    report: Report, docs: list[Document], engine: Engine, reload: Callable[[Document], Document]
) -> Report:
    """Apply fixes, write changed files atomically, re-check and return what remains."""
    from tqcheck.fix import apply_fixes, write_atomic

    fixed_docs = []
    total = 0
    for doc, fr in zip(docs, report.files, strict=True):
        own = [f for f in fr.findings if f.path == doc.path]  # never apply a source-file finding
        new_text, applied = apply_fixes(doc.text, own, doc.format)
        total += applied
        if doc.stdin:
            sys.stdout.write(new_text)  # like ruff: fixed stdin goes to stdout
            doc = Document(doc.path, new_text, doc.encoding, doc.bom, doc.lang, list(doc.notes), stdin=True)
        elif applied:
            write_atomic(Path(doc.path), new_text, doc.encoding, doc.bom)
            doc = reload(doc)
        fixed_docs.append(doc)
    typer.echo(f"Fixed {total} problem{'s' if total != 1 else ''}.", err=True)
    engine.context.forget()
    return engine.run(fixed_docs)
