"""Fixing files on disk (``--fix``) and showing what a fix would write (``--diff``).

Each file is locked and read again under the lock: when another run changed it since this run
read it, the file is checked again as it is now and only then fixed, so concurrent runs (with
different ``--select``, say) never lose each other's fixes. Safe fixes only unless ``unsafe``;
a fix the file's encoding cannot hold is left as a finding. A bad file goes to ``on_error`` and
the others go on.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tqcheck.document import Document
from tqcheck.engine import Engine
from tqcheck.errors import InputError
from tqcheck.fix import apply_fixes, encode_text
from tqcheck.model import Finding, FixSafety, Report
from tqcheck.runner import ErrorSink
from tqcheck.writes import locked, rewrite


@dataclass(frozen=True)
class FixOptions:
    """How far ``--fix`` goes: ``unsafe`` (``--unsafe-fixes``), ``force`` (read-only files too)."""

    unsafe: bool = False
    force: bool = False


@dataclass(frozen=True)
class FixOutcome:
    """The report after fixing, how many fixes were applied, and the fixed stdin as bytes in its
    own encoding (and BOM), for the caller to write to stdout."""

    report: Report
    applied: int
    stdin_data: bytes | None


def _encodable(findings: Sequence[Finding], encoding: str) -> list[Finding]:
    """Fixes whose replacement the file's encoding can hold (a Latin-1 file cannot take 'ă')."""
    out = []
    for f in findings:
        try:
            (f.suggestion or "").encode(encoding)
        except (UnicodeEncodeError, LookupError):
            continue
        out.append(f)
    return out


def planned(doc: Document, findings: Sequence[Finding], unsafe: bool) -> tuple[str, int]:
    """The document's text with its applicable fixes, and how many there are."""
    own = [f for f in findings if f.path == doc.path]  # never apply a source-file finding
    return apply_fixes(doc.text, _encodable(own, doc.encoding), doc.format, doc.cdata, unsafe)


def hidden_unsafe(report: Report) -> int:
    """Fixes that only ``--unsafe-fixes`` would apply."""
    return sum(1 for f in report.findings if f.fix is FixSafety.UNSAFE and f.suggestion is not None)


def diff(report: Report, docs: Sequence[Document], unsafe: bool) -> tuple[str, int]:
    """A unified diff of what ``--fix`` would write (nothing is written), and the fix count."""
    chunks: list[str] = []
    total = 0
    for doc, fr in zip(docs, report.files, strict=True):
        new_text, applied = planned(doc, fr.findings, unsafe)
        if not applied:
            continue
        total += applied
        chunks.extend(
            difflib.unified_diff(
                doc.text.splitlines(keepends=True),
                new_text.splitlines(keepends=True),
                fromfile=f"a/{doc.path}",
                tofile=f"b/{doc.path}",
            )
        )
    return "".join(c if c.endswith("\n") else c + "\n\\ No newline at end of file\n" for c in chunks), total


def fix_files(
    report: Report,
    docs: Sequence[Document],
    engine: Engine,
    reload: Callable[[Document], Document],
    options: FixOptions,
    on_error: ErrorSink,
) -> FixOutcome:
    """Apply fixes, rewrite changed files under a lock, re-check and return what remains."""
    fixed_docs = []
    total = 0
    stdin_data: bytes | None = None
    for doc, fr in zip(docs, report.files, strict=True):
        new_text, applied = planned(doc, fr.findings, options.unsafe)
        if doc.stdin:  # like ruff: fixed stdin goes to stdout, for the caller to write
            stdin_data = encode_text(new_text, doc.encoding, doc.bom)
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
                if held.read_only and not options.force:
                    raise InputError("read-only file not fixed (use --force to rewrite it)", doc.path)
                if held.data != encode_text(doc.text, doc.encoding, doc.bom):
                    doc = reload(doc)  # changed since it was read: check what is there now
                    engine.context.forget()
                    new_text, applied = planned(doc, engine.run([doc]).files[0].findings, options.unsafe)
                if applied:
                    rewrite(held, encode_text(new_text, doc.encoding, doc.bom), doc.path)
            if applied:
                doc = reload(doc)
                total += applied
        except InputError as exc:
            on_error(exc)
        fixed_docs.append(doc)
    engine.context.forget()
    return FixOutcome(engine.run(fixed_docs), total, stdin_data)
