"""``tqcheck score`` and ``tqcheck models pull|list|calibrate``: the neural back-translation scorer's commands.

Nothing here imports torch or transformers (``tqcheck check`` must start fast): the scorer's
API loads the model code only when a document is scored.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from tqcheck.checks.base import Context
from tqcheck.cli.common import fail, handle_errors
from tqcheck.document import Document, blank, check_input, load_path, load_stdin
from tqcheck.engine import Engine, Settings
from tqcheck.model import Report
from tqcheck.reporters.json import JsonReporter
from tqcheck.scoring.api import (
    DEFAULT_SPAN_THRESHOLD,
    DocumentScorer,
    ScoreOptions,
    ScoreResult,
    calibrate,
    read_pairs,
    score_document,
)
from tqcheck.scoring.calibration import DEFAULT_PERCENTILE
from tqcheck.scoring.models import hf_cache_dir, list_models, pull
from tqcheck.scoring_rules import LOW_ADEQUACY
from tqcheck.writes import write_output

FORMATS = ("text", "json")


def _load(path: str, lang: str | None) -> Document:
    if path != "-":
        check_input(Path(path))  # no FIFO, device or oversized file
    doc = load_stdin(lang) if path == "-" else load_path(Path(path), lang)
    if blank(doc.text):
        fail(f"{doc.path}: empty file")
    return doc


def score_report(target: Document, result: ScoreResult) -> Report:
    """The scorer's result as a normal report (findings through the engine, scores, signature)."""
    return Engine(Context(), Settings(select=["TQ9"])).assemble(
        [target], {target.path: []}, {target.path: result}
    )


def render_text(target: Document, result: ScoreResult, out: TextIO) -> None:
    """Per-segment table with back-translations, then the findings, summary and signature."""
    s = result.summary
    head = f"{target.path}: {int(s.get('segments', 0))} segments"
    head += f", adequacy {s.get('adequacy', 0.0):.2f} bits/token"
    for key, label in (("bt_chrf", "back-translation chrF++"), ("rt_chrf", "round-trip chrF++")):
        if key in s:
            head += f", {label} {s[key]:.1f}"
    out.write(head + "\n")
    flagged = {(h.span.start, h.span.end) for h in result.hits if h.rule is LOW_ADEQUACY}
    for sc in result.scores:
        m = dict(sc.metrics)
        mark = "!" if (sc.start, sc.end) in flagged else " "
        if "adequacy" in m:
            chrf = m.get("bt_chrf", m.get("rt_chrf", 0.0))
            nums = f"{m['adequacy']:7.2f} {chrf:6.1f}"
        else:
            nums = f"{'-':>7} {'-':>6}"
        out.write(f"{mark}{sc.segment + 1:4d} {nums}  {' '.join(sc.text.split())}\n")
        if sc.back_translation:
            out.write(f"{'':20}= {sc.back_translation}\n")
    for h in result.hits:
        loc = target.locate(h.span)
        out.write(f"{target.path}:{loc.line}:{loc.column}: {h.rule.code} {h.message}\n")
    counts = ", ".join(f"{k} {v:g}" for k, v in s.items() if k not in ("adequacy", "bt_chrf", "rt_chrf"))
    out.write(f"summary: {counts}\n")
    out.write(f"signature: {result.signature}\n")


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    write_output(str(output), text.encode("utf-8"))


@handle_errors
def score_command(
    target: str = typer.Argument(..., help="Translated text to score (a file, or - for stdin)."),
    source: str | None = typer.Option(
        None, "--source", "-s", help="The source text; without it: round trip.", metavar="FILE"
    ),
    src_lang: str | None = typer.Option(
        None, "--source-lang", help="Source language (round trip: pivot). Default: detected.", metavar="LANG"
    ),
    tgt_lang: str | None = typer.Option(
        None, "--lang", help="Language of the scored (target) text. Default: detected.", metavar="LANG"
    ),
    model: str | None = typer.Option(
        None,
        "--model",
        "-m",
        help="Target->source model (hub id or folder). Default: Helsinki-NLP/opus-mt-TGT-SRC.",
        metavar="MODEL",
    ),
    source_model: str | None = typer.Option(
        None,
        "--source-model",
        help="Source->target model: adds P(target|source) and low-probability spans.",
        metavar="MODEL",
    ),
    pivot_model: str | None = typer.Option(
        None, "--pivot-model", help="Round trip: pivot->target model.", metavar="MODEL"
    ),
    beam: int = typer.Option(1, "--beam", help="Beam size for back-translation (1 = greedy).", metavar="N"),
    batch_tokens: int = typer.Option(
        2048, "--batch-tokens", help="Tokens per batch (padded size).", metavar="N"
    ),
    threads: int | None = typer.Option(None, "--threads", help="CPU threads for torch.", metavar="N"),
    device: str = typer.Option("auto", "--device", help="auto, cpu, cuda or cuda:N.", metavar="DEVICE"),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Neither read nor write the score cache.", metavar=""
    ),
    threshold: float | None = typer.Option(
        None,
        "--threshold",
        help="TQ901 below this adequacy (bits/token). Default: the calibration's, else -3.5.",
        metavar="BITS",
    ),
    z_threshold: float | None = typer.Option(
        None,
        "--z-threshold",
        help="TQ901 this many robust SDs below the article's median. Default: 3.5.",
        metavar="Z",
    ),
    no_calibration: bool = typer.Option(
        False, "--no-calibration", help="Ignore the stored calibration of the models.", metavar=""
    ),
    backend: str = typer.Option(
        "transformers", "--backend", help="transformers, or ct2 (CTranslate2: faster).", metavar="BACKEND"
    ),
    span_threshold: float | None = typer.Option(
        None, "--span-threshold", help="TQ903 below this token log2 p.", metavar="BITS"
    ),
    chrf_threshold: float | None = typer.Option(
        None, "--chrf-threshold", help="Also TQ901 below this chrF++.", metavar="CHRF"
    ),
    allow_pickle: bool = typer.Option(
        False, "--allow-pickle", help="Also load pickle (.bin) weights.", metavar=""
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text or json.", metavar="FORMAT"),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the result to FILE.", metavar="FILE")
    ] = None,
) -> None:
    """Score a translation with back-translation models; flag sentences that say something else."""
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    options = ScoreOptions(
        model=model,
        source_model=source_model,
        pivot_model=pivot_model,
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        beam=beam,
        batch_tokens=batch_tokens,
        threads=threads,
        device=device,
        use_cache=not no_cache,
        threshold=threshold,
        z_threshold=z_threshold,
        use_calibration=not no_calibration,
        backend=backend,
        span_threshold=DEFAULT_SPAN_THRESHOLD if span_threshold is None else span_threshold,
        chrf_threshold=chrf_threshold,
        allow_pickle=allow_pickle,
    )
    options.validate()
    target_doc = _load(target, tgt_lang)
    source_doc = _load(source, src_lang) if source is not None else None
    result = score_document(target_doc, source_doc, options)
    if fmt == "json":
        buf = io.StringIO()
        JsonReporter().render(score_report(target_doc, result), buf)
        _write(buf.getvalue(), output)
    else:
        buf = io.StringIO()
        render_text(target_doc, result, buf)
        _write(buf.getvalue(), output)


def _human(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


@handle_errors
def pull_command(
    model_id: str = typer.Argument(
        ..., metavar="ID", help="Hugging Face model id, e.g. Helsinki-NLP/opus-mt-en-fr."
    ),
    revision: str | None = typer.Option(
        None, "--revision", help="Branch, tag or commit (default: main).", metavar="REV"
    ),
    allow_pickle: bool = typer.Option(
        False, "--allow-pickle", help="Also download pickle (.bin) weights.", metavar=""
    ),
) -> None:
    """Download a model into the Hugging Face cache (the only command that uses the network)."""
    ref = pull(model_id, revision=revision, allow_pickle=allow_pickle)
    size = sum(p.resolve().stat().st_size for p in ref.path.rglob("*") if p.is_file())
    typer.echo(f"{ref.name}@{ref.revision[:12]}: {_human(size)} in {ref.path}")


@handle_errors
def list_command(
    dirs: Annotated[
        list[Path] | None,
        typer.Option("--dir", help="Also list model folders in DIR (repeatable).", metavar="DIR"),
    ] = None,
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text or json.", metavar="FORMAT"),
) -> None:
    """List translation models in the Hugging Face cache (and in --dir folders), with sizes."""
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    models = list_models(dirs or [])
    if fmt == "json":
        rows = [
            {
                "name": m.name,
                "path": str(m.path),
                "revision": m.revision,
                "size": m.size,
                "model_type": m.model_type,
                "usable": m.usable,
                "note": m.note,
            }
            for m in models
        ]
        typer.echo(json.dumps({"cache": str(hf_cache_dir()), "models": rows}, indent=2))
        return
    if not models:
        typer.echo(
            f"no models in {hf_cache_dir()}; get one with: tqcheck models pull Helsinki-NLP/opus-mt-en-fr"
        )
        return
    width = max(len(m.name) for m in models)
    for m in models:
        status = "ok" if m.usable else f"unusable: {m.note}"
        rev = m.revision[:12] if m.revision else "-"
        typer.echo(f"{m.name:<{width}}  {rev:<12}  {_human(m.size):>9}  {m.model_type:<9}  {status}")


@handle_errors
def calibrate_command(
    model: str = typer.Argument(..., metavar="MODEL", help="Target->source model (hub id or folder)."),
    pairs: Path = typer.Option(
        ..., "--pairs", help="Faithful parallel text: source<TAB>target lines.", metavar="FILE.tsv"
    ),
    source_model: str | None = typer.Option(
        None, "--source-model", help="Source->target model, when scoring will use one too.", metavar="MODEL"
    ),
    src_lang: str | None = typer.Option(
        None, "--source-lang", help="Source language. Default: detected.", metavar="LANG"
    ),
    tgt_lang: str | None = typer.Option(
        None, "--lang", help="Target language. Default: detected.", metavar="LANG"
    ),
    pct: float = typer.Option(
        DEFAULT_PERCENTILE, "--percentile", help="The floor: this percentile of the scores.", metavar="P"
    ),
    name: str | None = typer.Option(
        None, "--name", help="Name in the signature (default: the file's stem).", metavar="NAME"
    ),
    backend: str = typer.Option("transformers", "--backend", help="transformers or ct2.", metavar="BACKEND"),
    threads: int | None = typer.Option(None, "--threads", help="CPU threads.", metavar="N"),
    device: str = typer.Option("auto", "--device", help="auto, cpu, cuda or cuda:N.", metavar="DEVICE"),
    allow_pickle: bool = typer.Option(
        False, "--allow-pickle", help="Also load pickle (.bin) weights.", metavar=""
    ),
) -> None:
    """Fit a model's TQ901 thresholds on a sample of faithful pairs; later runs use them."""
    check_input(pairs)
    options = ScoreOptions(
        model=model,
        source_model=source_model,
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        threads=threads,
        device=device,
        backend=backend,
        allow_pickle=allow_pickle,
    )
    label = name or pairs.stem
    if not label.replace("-", "").replace("_", "").replace(".", "").isalnum():
        fail(f"--name must be letters, digits, '-', '_' or '.', not {label!r}")
    cal, path = calibrate(read_pairs(pairs), options, label, pct)
    typer.echo(
        f"cal:{cal.label}: floor {cal.floor:.2f} bits/token (percentile {cal.percentile:g} of {cal.n} pairs), "
        f"median {cal.median:.2f}, spread {cal.scale:.2f} (1.4826 MAD), z {cal.z:g}; stored in {path}"
    )


def make_score_hook(
    model: str | None, source_lang: str | None, lang: str | None, backend: str = "transformers"
) -> DocumentScorer:
    """The engine hook behind ``check --score`` and ``archive --score`` (where a Ray actor gets
    it): each document is scored against its ``--source`` (``Document.source``), or by round trip
    when it has none. Options are checked here, before any file is read."""
    return DocumentScorer(ScoreOptions(model=model, src_lang=source_lang, tgt_lang=lang, backend=backend))


def register(app: typer.Typer) -> None:
    """Add ``score`` and the ``models`` sub-app to the main CLI."""
    app.command("score")(score_command)
    models_app = typer.Typer(
        name="models",
        help="Download, list and calibrate translation models for `tqcheck score`.",
        no_args_is_help=True,
        add_completion=False,
    )
    models_app.command("pull")(pull_command)
    models_app.command("list")(list_command)
    models_app.command("calibrate")(calibrate_command)
    app.add_typer(models_app, name="models")
