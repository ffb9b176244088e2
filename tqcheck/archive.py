"""An archive's findings as rows: JSON lines or Parquet, one finding per row, whatever engine ran.

``tqcheck archive`` checks a large set of articles on this machine (:mod:`tqcheck.parallel`) or
on a Ray cluster (:mod:`tqcheck.distributed`) and writes a table, not a report for people:
each row is the JSON output's finding (``rule``, ``path``, ``line``, ``column``, ``start``,
``end``, ``text``, ``message``, ``suggestion``, ...), so a warehouse or a notebook reads it as is.
"""

from __future__ import annotations

import importlib
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from tqcheck.document import Document
from tqcheck.engine import Engine
from tqcheck.errors import InputError
from tqcheck.model import Report
from tqcheck.reporters.json import finding_dict
from tqcheck.runner import build_context, check_documents, usable_jobs
from tqcheck.scoring.api import DocumentScorer
from tqcheck.scoring.models import require_neural
from tqcheck.settings import RunSettings

ENGINES = ("local", "ray")
TABLE_FORMATS = ("jsonl", "parquet")


def check_archive(
    docs: Sequence[Document],
    settings: RunSettings,
    *,
    engine: str = "local",
    address: str | None = None,
    workers: int | None = None,
    score: DocumentScorer | None = None,
) -> Report:
    """The report of ``docs``: on local processes (``workers``, default ``settings.jobs``) or on Ray.

    ``score``: each document is also scored by the neural scorer (``--score``): here in one
    process, as ``tqcheck check --score`` does (a model per core would not fit); on Ray by the
    actors, one model each, on a GPU where the cluster has them."""
    if score is not None:  # a missing extra said here, not by every actor
        require_neural()
    if engine == "ray":
        from tqcheck.distributed import check_ray  # Ray is imported only here

        return check_ray(docs, settings, address=address, workers=workers, score=score)
    if engine != "local":
        raise InputError(f"unknown engine {engine!r} (one of {', '.join(ENGINES)})")
    run = replace(settings, jobs=workers) if workers else settings
    jobs = usable_jobs(run, docs, score=score is not None)
    return check_documents(Engine(build_context(run), run.engine, score), docs, run, jobs)


def rows(report: Report) -> Iterator[dict[str, Any]]:
    """One dict per finding, in the report's order (file by file, by position)."""
    for f in report.findings:
        yield finding_dict(f, report)


def table_format(output: str | None, fmt: str | None) -> str:
    """``--format``, else by the output's extension (``.parquet``), else JSON lines."""
    fmt = fmt or ("parquet" if output and output.endswith(".parquet") else "jsonl")
    if fmt not in TABLE_FORMATS:
        raise InputError(f"unknown archive format {fmt!r} (one of {', '.join(TABLE_FORMATS)})")
    if fmt == "parquet" and (output is None or output == "-"):
        raise InputError("Parquet is written to a file: give -o FILE.parquet")
    return fmt


def encode(report: Report, fmt: str) -> bytes:
    """The findings as JSON lines, or as one Parquet table (nested fields as JSON text)."""
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows(report)).encode("utf-8")
    try:
        pa = importlib.import_module("pyarrow")  # untyped: Any
        pq = importlib.import_module("pyarrow.parquet")
    except ImportError:
        raise InputError("Parquet output needs pyarrow (pip install 'tqcheck[distributed]')") from None
    flat = [
        {**r, "related": json.dumps(r["related"], ensure_ascii=False), "data": json.dumps(r.get("data"))}
        for r in rows(report)
    ]
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(flat), sink)
    return sink.getvalue()
