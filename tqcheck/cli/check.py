"""``tqcheck check``: run the checks on files, directories or stdin and report in any format."""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path
from typing import NoReturn

import typer

from tqcheck.baseline import baseline_json, load_baseline, new_findings
from tqcheck.changed import changed_lines, on_changed_lines
from tqcheck.charsets import forced_codec
from tqcheck.cli.common import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    backend_option,
    handle_errors,
    model_option,
    printable,
    report_error,
    use_color,
)
from tqcheck.cli.progress import progress_bar
from tqcheck.cli.score import make_score_hook
from tqcheck.config import Config, config_start, load_config, other_configs
from tqcheck.configgroups import Group, config_groups, joined
from tqcheck.document import Document, check_input
from tqcheck.engine import Engine, ScoreHook
from tqcheck.errors import InputError
from tqcheck.fixfiles import FixOptions, diff, fix_files, hidden_unsafe
from tqcheck.formats import load_document, load_source
from tqcheck.gcpause import gc_paused
from tqcheck.model import FixSafety, Problem, ProblemKind, Report
from tqcheck.reporters import FORMATS, get_reporter
from tqcheck.runner import Skipped, build_context, check_documents, fails, load_documents, usable_jobs
from tqcheck.settings import Flags, RunSettings, resolve
from tqcheck.writes import same_file, write_output


def render(
    report: Report, fmt: str, output: str | None, to_stderr: bool = False, color: bool = False
) -> None:
    """The report to ``output``, stdout, or stderr when stdout carries a fixed text."""
    with gc_paused():  # a report of many findings is built from many small dicts and strings
        if output is None:
            stream = sys.stderr if to_stderr else sys.stdout
            get_reporter(fmt, color=color and not to_stderr).render(report, stream)
            stream.flush()
            return
        raw = io.BytesIO()  # encoded as it is written: no second copy of a large report as str
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        get_reporter(fmt).render(report, text)
        text.flush()
    write_output(output, raw.getbuffer())


EXAMPLES = (
    "Examples: "
    "tqcheck check story.en.txt --source story.fr.txt · "
    "tqcheck check desk/ --diff · "
    "tqcheck check desk/ -f sarif -o tqcheck.sarif --baseline tqcheck-baseline.json · "
    "cat story.txt | tqcheck check - --stdin-filename story.txt --fix > fixed.txt"
)


def settings_json(settings: RunSettings, config: Path | None) -> str:
    """``--show-settings``: what a run would use, as JSON (paths as strings)."""
    data = asdict(settings)
    data["glossaries"] = [str(p) for p in settings.glossaries]
    data["config"] = str(config) if config else None
    data["root"] = str(settings.root) if settings.root else None
    return json.dumps(data, indent=2, ensure_ascii=False)


def rule_statistics(report: Report) -> str:
    """ruff's ``--statistics``: one line per rule, most frequent first, with how far it fixes."""
    counts = Counter(f.rule for f in report.findings)
    safe = Counter(f.rule for f in report.findings if f.fix is FixSafety.SAFE)
    width = len(str(max(counts.values(), default=0)))
    lines = []
    for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = report.rules.get(code)
        mark = "[*]" if safe[code] else "[ ]"
        lines.append(f"{n:>{width}}  {code}  {mark} {rule.name if rule else ''}".rstrip())
    return "".join(line + "\n" for line in lines)


def refuse_overwriting_inputs(output: str | None, inputs: list[str]) -> None:
    """``-o article.txt`` on ``article.txt`` would replace the article with its report."""
    if output is None or output == "-":
        return
    for path in inputs:
        if path != "-" and same_file(output, path):
            raise InputError(f"the report would overwrite the input {path!r}; choose another -o path", output)


def note_other_configs(files: list[str], cfg: Config) -> None:
    """A run that writes (``--fix``, ``--diff``) or pairs (``--source``) takes one config: say
    which inputs have their own, rather than ignore it."""
    for raw, own in other_configs(files, cfg.path):
        used = f"{cfg.path}" if cfg.path else "no config"
        typer.echo(
            f"tqcheck: note: {printable(raw)}: has its own config {own}, but this run uses {used} "
            "(check it apart, or pass --config)",
            err=True,
        )


def check_groups(
    groups: list[Group], load: Callable[[list[str], RunSettings], list[Document]], color: str
) -> tuple[Report | None, int]:
    """Each group of files checked with its own config, the reports joined; and the file count."""
    reports, count = [], 0
    for _own, run, members in groups:
        found = load(members, run)
        engine = Engine(build_context(run), run.engine)
        with progress_bar(len(found), color) as on_file:
            reports.append(check_documents(engine, found, run, usable_jobs(run, found), on_file))
        count += len(found)
    return (joined(reports) if reports else None), count


def register(app: typer.Typer) -> None:
    @app.command("check", epilog=EXAMPLES)
    @handle_errors
    def check(
        files: list[str] = typer.Argument(
            None,
            metavar="PATH",
            help="Files or folders to check (default: .); '-' reads stdin.",
            show_default=False,
        ),
        glossary: list[Path] = typer.Option(
            [], "--glossary", "-g", help="Extra glossary (YAML, CSV, TSV, TBX).", metavar="FILE"
        ),
        no_default_glossaries: bool = typer.Option(
            False, "--no-default-glossaries", help="Skip shipped glossaries.", metavar=""
        ),
        fmt: str | None = typer.Option(
            None, "--format", "-f", help=f"Output format: {', '.join(FORMATS)}.", metavar="FORMAT"
        ),
        output: str | None = typer.Option(
            None, "--output", "-o", help="Write the report to FILE ('-': stdout).", metavar="FILE"
        ),
        select: list[str] = typer.Option(
            [], "--select", help="Only rules with these code prefixes (TQ1,TQ501).", metavar="CODES"
        ),
        ignore: list[str] = typer.Option(
            [], "--ignore", help="Skip rules with these code prefixes.", metavar="CODES"
        ),
        fail_on: str | None = typer.Option(
            None, "--fail-on", help="Exit 1 at: error, warning, info, never.", metavar="LEVEL"
        ),
        config: Path | None = typer.Option(
            None, "--config", help="Config file (default: found upward).", metavar="FILE"
        ),
        lang: str | None = typer.Option(
            None,
            "--lang",
            help="Language of the checked (target) text (default: each file's own).",
            metavar="LANG",
        ),
        source_lang: str | None = typer.Option(
            None, "--source-lang", help="Language translated from.", metavar="LANG"
        ),
        fix: bool = typer.Option(
            False, "--fix", help="Apply suggested fixes to the files (atomically).", metavar=""
        ),
        unsafe_fixes: bool | None = typer.Option(
            None,
            "--unsafe-fixes/--no-unsafe-fixes",
            help="With --fix or --diff, also apply unsafe (inferred) fixes.",
            show_default=False,
            metavar="",
        ),
        show_diff: bool = typer.Option(
            False,
            "--diff",
            help="Print a unified diff of what --fix would write; change nothing.",
            metavar="",
        ),
        force: bool = typer.Option(
            False, "--force", help="With --fix, also rewrite read-only files.", metavar=""
        ),
        baseline: Path | None = typer.Option(
            None, "--baseline", metavar="FILE", help="Report only findings not recorded in this baseline."
        ),
        write_baseline: str | None = typer.Option(
            None, "--write-baseline", metavar="FILE", help="Record today's findings as the baseline; exit 0."
        ),
        changed_from: str | None = typer.Option(
            None, "--changed-lines-from", metavar="REF", help="Only findings on lines changed since git REF."
        ),
        color: str = typer.Option("auto", "--color", metavar="WHEN", help="Colour: auto, always, never."),
        show_settings: bool = typer.Option(
            False,
            "--show-settings",
            help="Print the resolved settings and where they come from; exit.",
            metavar="",
        ),
        statistics: bool = typer.Option(
            False, "--statistics", help="Counts per rule instead of findings.", metavar=""
        ),
        max_file_size: str | None = typer.Option(
            None,
            "--max-file-size",
            help="Refuse larger inputs (default 100MB; e.g. 20MB, 500000).",
            metavar="SIZE",
        ),
        stdin_filename: str = typer.Option(
            "-", "--stdin-filename", help="Name to report for stdin.", metavar="NAME"
        ),
        score: bool = typer.Option(
            False, "--score", help="Add neural back-translation scores (needs the neural extra).", metavar=""
        ),
        source: Path | None = typer.Option(
            None,
            "--source",
            help="Source text the checked file translates (bilingual checks, --score).",
            metavar="FILE",
        ),
        input_format: str | None = typer.Option(
            None,
            "--input-format",
            help="Input format: text, xliff, tmx, po, jsonl, html, markdown (default: by extension).",
            metavar="FORMAT",
        ),
        model: str | None = model_option(),
        backend: str = backend_option(),
        encoding: str | None = typer.Option(
            None,
            "--encoding",
            help="Encoding of the inputs (default: UTF-8, a BOM's, or detected).",
            metavar="ENCODING",
        ),
        jobs: int | None = typer.Option(
            None,
            "--jobs",
            "-j",
            help="Processes that check files (default 1; 0: every core).",
            metavar="N",
        ),
    ) -> None:
        """Check translated articles against house glossaries and mechanical rules."""
        files = files or ["."]
        cfg = load_config(config, config_start(files))
        grouped = config is None and not (fix or show_diff or source is not None)
        if config is None and not grouped:  # one config for a run that writes or pairs
            note_other_configs(files, cfg)
        flags = Flags(
            select,
            ignore,
            fmt,
            fail_on,
            lang,
            source_lang,
            glossary,
            no_default_glossaries,
            max_file_size,
            unsafe_fixes,
            jobs,
        )
        settings = resolve(flags, cfg)
        if show_settings:
            typer.echo(settings_json(settings, cfg.path))
            raise typer.Exit(EXIT_OK)
        if encoding:
            encoding = forced_codec(encoding)  # an unknown name is a usage error before any read
        guarded = [*files, *(str(p) for p in settings.glossaries)]
        inputs = [*guarded, *([str(source)] if source else []), str(cfg.path or "-")]
        for target in (output, write_baseline):
            refuse_overwriting_inputs(target, inputs)
        errors: list[InputError] = []

        def bad_input(exc: InputError) -> None:
            report_error(exc)
            errors.append(exc)

        skipped: list[Skipped] = []

        def skip(left_out: Skipped) -> None:
            typer.echo(f"tqcheck: note: {printable(left_out.path)}: skipped: {left_out.message}", err=True)
            skipped.append(left_out)

        def load(inputs: list[str], run: RunSettings) -> list[Document]:
            return load_documents(
                inputs,
                run,
                stdin_name=stdin_filename,
                input_format=input_format,
                encoding=encoding,
                on_error=bad_input,
                on_skip=skip,
            )

        def finish(report: Report, to_stderr: bool = False) -> NoReturn:
            """Baselines, changed lines, the files left out, the report and the exit code."""
            if write_baseline is not None:
                write_output(write_baseline, baseline_json(report).encode("utf-8"))
                n = len(report.findings)
                typer.echo(
                    f"Wrote {n} finding{'s' if n != 1 else ''} to the baseline {write_baseline}.", err=True
                )
                raise typer.Exit(EXIT_INPUT if errors else EXIT_OK)
            if baseline is not None:
                report = new_findings(report, load_baseline(baseline))
            if changed_from is not None:
                report = on_changed_lines(report, changed_lines(changed_from))
            problems = [Problem(e.where or "-", e.message) for e in errors]
            problems += [Problem(s.path, s.message, ProblemKind.SKIPPED) for s in skipped]
            report = replace(report, problems=tuple(problems))
            if statistics:
                write_output(output or "-", rule_statistics(report).encode("utf-8"))
            else:
                render(report, settings.fmt, output, to_stderr, use_color(color))
            if errors:
                raise typer.Exit(EXIT_INPUT)
            raise typer.Exit(EXIT_FINDINGS if fails(report, settings.fail_on) else EXIT_OK)

        groups = config_groups(files, settings, cfg, flags) if grouped else None
        if groups:  # files under other configs: each group checked with its own, joined
            joint, count = check_groups(groups, load, color)
            if not count and errors:
                raise typer.Exit(EXIT_INPUT)
            finish(joint or Engine(build_context(settings), settings.engine).run([]))
        docs = load(files, settings)
        if source is not None:
            if len(docs) != 1:
                raise InputError(f"--source needs exactly one checked file, got {len(docs)}")
            check_input(source, settings.max_bytes)
            load_source(source, docs[0], settings.source_lang, encoding=encoding)
        if not docs and errors:  # (no file left because all were originals is no error)
            raise typer.Exit(EXIT_INPUT)
        ctx = build_context(settings)
        hook: ScoreHook | None = None
        if score:
            hook = make_score_hook(model, settings.source_lang, settings.lang, backend)
        engine = Engine(ctx, settings.engine, hook)
        with progress_bar(len(docs), color) as on_file:
            jobs = usable_jobs(settings, docs, fix=fix, score=score)
            report = check_documents(engine, docs, settings, jobs, on_file)
        if show_diff:
            patch, count = diff(report, docs, settings.unsafe_fixes)
            sys.stdout.write(patch)
            hidden = 0 if settings.unsafe_fixes else hidden_unsafe(report)
            more = f" ({hidden} more with --unsafe-fixes)" if hidden else ""
            typer.echo(f"Would fix {count} problem{'s' if count != 1 else ''}{more}.", err=True)
            raise typer.Exit(EXIT_INPUT if errors else EXIT_FINDINGS if count else EXIT_OK)
        to_stderr = False
        if fix:

            def reload(doc: Document) -> Document:
                """Read a fixed file again with its own format and source, as a new run would."""
                again = load_document(
                    Path(doc.path),
                    doc.format,
                    doc.lang or settings.lang,  # the language it was checked in (given or identified)
                    encoding=encoding,
                    source_lang=settings.source_lang,
                )
                if doc.source is not None:
                    again.source = doc.source
                return again

            options = FixOptions(unsafe=settings.unsafe_fixes, force=force)
            outcome = fix_files(report, docs, engine, reload, options, bad_input)
            report = outcome.report
            if outcome.stdin_data is not None:
                write_output("-", outcome.stdin_data)  # stdout carries only the fixed text
                to_stderr = output is None
            total = outcome.applied
            typer.echo(f"Fixed {total} problem{'s' if total != 1 else ''}.", err=True)
        finish(report, to_stderr)
