"""The Python API: what ``tqcheck check`` does, for a program, with the same settings.

>>> from tqcheck.api import check_text
>>> report = check_text("Fighting went on in Idleb.")
>>> [(f.rule, f.text, f.suggestion) for f in report.findings]
[('TQ101', 'Idleb', 'Idlib')]

Settings are resolved exactly as the CLI resolves them (:func:`load_settings`: flags over the
config file over the defaults); a bad input raises :class:`~tqcheck.errors.InputError`, or goes
to ``on_error`` while the other files are checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tqcheck.config import config_start, load_config
from tqcheck.document import Document
from tqcheck.engine import Engine
from tqcheck.formats import load_source
from tqcheck.model import Report
from tqcheck.runner import ErrorSink, Skipped, SkipSink, build_context, load_documents
from tqcheck.settings import Flags, RunSettings, resolve

__all__ = [
    "Flags",
    "Report",
    "RunSettings",
    "Skipped",
    "check_files",
    "check_paths",
    "check_text",
    "load_settings",
]


def load_settings(
    flags: Flags | None = None, config: Path | None = None, start: Path | None = None
) -> RunSettings:
    """Settings from ``flags``, the config file ``config`` (or the one found upward from ``start``,
    default the working directory) and the defaults."""
    return resolve(flags or Flags(), load_config(config, start))


def check_files(
    paths: Sequence[str | Path],
    settings: RunSettings | None = None,
    *,
    source: Path | None = None,
    on_error: ErrorSink | None = None,
    on_skip: SkipSink | None = None,
) -> Report:
    """Check files and directories (one file with its ``source`` for the bilingual checks).

    Originals beside their translations are attached to them; a file written in the source
    language is not checked and goes to ``on_skip`` as a :class:`Skipped`.
    """
    run = settings or load_settings()
    docs = load_documents([str(p) for p in paths], run, on_error=on_error, on_skip=on_skip)
    if source is not None and len(docs) == 1:
        load_source(source, docs[0], run.source_lang)
    return Engine(build_context(run), run.engine).run(docs)


def check_paths(
    paths: Sequence[str | Path],
    *,
    lang: str | None = None,
    source_lang: str | None = None,
    config: Path | None = None,
    source: Path | None = None,
    on_error: ErrorSink | None = None,
) -> Report:
    """Check files and folders with the config file (found upward from their common folder,
    or ``config``) and the given languages, as ``tqcheck check PATHS`` would."""
    start = config_start([str(p) for p in paths])
    run = load_settings(Flags(lang=lang, source_lang=source_lang), config, start)
    return check_files(paths, run, source=source, on_error=on_error)


def check_text(
    text: str,
    settings: RunSettings | None = None,
    *,
    path: str = "<text>",
    source: str | None = None,
    lang: str | None = None,
    source_lang: str | None = None,
    config: Path | None = None,
) -> Report:
    """Check a translated text held in memory (and its ``source`` text, if given).

    Without ``settings``, they are resolved from ``lang``, ``source_lang`` and the config file.
    """
    run = settings or load_settings(Flags(lang=lang, source_lang=source_lang), config)
    doc = Document(path, text, lang=run.lang)
    if source is not None:
        doc.source = Document(f"{path} (source)", source, lang=run.source_lang)
    return Engine(build_context(run), run.engine).run([doc])
