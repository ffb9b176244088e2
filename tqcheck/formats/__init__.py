"""Input formats: one loader per format, chosen by extension or by name (``--input-format``).

Every loader returns a :class:`~tqcheck.document.Document` whose ``text`` is the original file
and whose ``view`` blanks what is not target prose, so findings point at the file's own lines
and columns; markup formats also give ``prose``, the decoded target text with the file span of
each character (see :mod:`tqcheck.formats.base`). Bilingual files (XLIFF, TMX, PO, JSONL) also
fill ``Document.pairs`` with :class:`~tqcheck.formats.base.SegmentPair` objects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from tqcheck.document import Document, blank
from tqcheck.errors import InputError
from tqcheck.registry import Plugin, Registry


class Loader(Protocol):
    """``load(path, lang, encoding=..., source_lang=...)``: ``encoding`` forces one (``--encoding``);
    ``lang`` and ``source_lang`` (a bilingual file holds both) narrow encoding detection."""

    def __call__(
        self, path: Path, lang: str | None, *, encoding: str | None = None, source_lang: str | None = None
    ) -> Document: ...


#: Every input format: its loader, the extensions it owns (a directory walk reads those).
INPUT_FORMATS: Registry[Loader] = Registry(
    "input format",
    (
        Plugin("text", "tqcheck.formats.text:load", (".txt", ".text"), "plain text"),
        Plugin("xliff", "tqcheck.formats.xliff:load", (".xlf", ".xliff"), "XLIFF 1.2 and 2.x"),
        Plugin("tmx", "tqcheck.formats.tmx:load", (".tmx",), "TMX translation memory"),
        Plugin("po", "tqcheck.formats.po:load", (".po", ".pot"), "gettext PO"),
        Plugin("jsonl", "tqcheck.formats.jsonl:load", (".jsonl",), "JSON Lines of source/target"),
        Plugin("html", "tqcheck.formats.html:load", (".html", ".htm"), "HTML (text only)"),
        Plugin("markdown", "tqcheck.formats.markdown:load", (".md", ".markdown"), "Markdown", ("md",)),
    ),
)
FORMATS = INPUT_FORMATS.names
EXTENSIONS = INPUT_FORMATS.extensions


def format_for(path: Path, fmt: str | None = None) -> str:
    """The format named by ``fmt`` (validated), else by the file's extension, else plain text."""
    if fmt:
        return INPUT_FORMATS.canonical(fmt)
    return INPUT_FORMATS.for_path(path) or "text"


def load_document(
    path: Path,
    fmt: str | None = None,
    lang: str | None = None,
    *,
    encoding: str | None = None,
    source_lang: str | None = None,
) -> Document:
    """Load ``path`` with the loader for ``fmt`` (or its extension).

    ``encoding`` forces the file's encoding; ``lang`` (and ``source_lang`` for bilingual
    formats) are the declared languages that encoding detection is restricted to.
    """
    name = format_for(path, fmt)
    doc = INPUT_FORMATS.get(name)(path, lang, encoding=encoding, source_lang=source_lang)
    doc.format = name
    return doc


def load_source(
    path: Path, target: Document, lang: str | None = None, *, encoding: str | None = None
) -> Document:
    """Load a plain source document for ``target`` (``--source``) and attach it."""
    source = load_document(path, None, lang, encoding=encoding)
    if source.pairs:
        raise InputError("--source must be a monolingual file (text, HTML or Markdown)", str(path))
    if blank(source.text):
        raise InputError("empty file", str(path))
    target.source = source
    return source
