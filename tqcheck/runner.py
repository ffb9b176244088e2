"""A check run without the command line: inputs loaded under the settings, the context built.

The CLI and the Python API (:mod:`tqcheck.api`) share it, so both read files, refuse bad ones
and build the glossary matcher the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tqcheck.checks.base import Context
from tqcheck.document import Document, check_input, expand_inputs, load_stdin
from tqcheck.errors import InputError
from tqcheck.formats import load_document
from tqcheck.glossary import load_glossaries
from tqcheck.glossary.matcher import Matcher
from tqcheck.model import Report, Severity
from tqcheck.settings import RunSettings

#: Where a bad input goes when the run goes on without it (the CLI prints it and exits 2 later).
ErrorSink = Callable[[InputError], None]


def load_documents(
    inputs: list[str],
    settings: RunSettings,
    *,
    stdin_name: str = "-",
    input_format: str | None = None,
    encoding: str | None = None,
    on_error: ErrorSink | None = None,
) -> list[Document]:
    """Load every input (directories walked); a bad one goes to ``on_error`` and the others go on.

    Without ``on_error`` the first bad input raises, as for a single named file. ``encoding``
    (``--encoding``) forces the inputs' encoding instead of detecting it.
    """
    docs = []
    for item in _expand(inputs, settings, on_error):
        try:
            if item == "-":
                doc = load_stdin(settings.lang, stdin_name, settings.max_bytes, encoding=encoding)
            else:
                check_input(Path(item), settings.max_bytes)
                doc = load_document(
                    Path(item),
                    input_format,
                    settings.lang,
                    encoding=encoding,
                    source_lang=settings.source_lang,
                )
            if not doc.text.strip():
                raise InputError("empty file", doc.path)
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)
            continue
        docs.append(doc)
    return docs


def _expand(inputs: list[str], settings: RunSettings, on_error: ErrorSink | None) -> list[str]:
    """Files as given and directories walked; a directory with nothing to check is one error."""
    out: list[str] = []
    for raw in inputs:
        try:
            out += expand_inputs([raw], settings.extensions, settings.exclude)
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)
    return out


def build_context(settings: RunSettings) -> Context:
    """The shared analysis of a run: the glossaries compiled into one matcher, the languages."""
    glossary = load_glossaries(list(settings.glossaries), settings.source_lang)
    return Context(matcher=Matcher(glossary), lang=settings.lang, source_lang=settings.source_lang)


def fails(report: Report, fail_on: str) -> bool:
    """Whether a finding reaches the ``--fail-on`` severity (``never``: nothing fails)."""
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in report.findings)
