"""Input formats: one loader per format, chosen by extension or by name (``--input-format``).

Every loader returns a :class:`~tqcheck.document.Document` whose ``text`` is the original file
and whose ``view`` blanks what is not target prose, so findings point at the file's own lines
and columns; markup formats also give ``prose``, the decoded target text with the file span of
each character (see :mod:`tqcheck.formats.base`). Bilingual files (XLIFF, TMX, PO, JSONL) also
fill ``Document.pairs`` with :class:`~tqcheck.formats.base.SegmentPair` objects.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Protocol, cast

from tqcheck.document import Document, load_path
from tqcheck.errors import InputError


class Loader(Protocol):
    """``load(path, lang, encoding=..., source_lang=...)``: ``encoding`` forces one (``--encoding``);
    ``lang`` and ``source_lang`` (a bilingual file holds both) narrow encoding detection."""

    def __call__(
        self, path: Path, lang: str | None, *, encoding: str | None = None, source_lang: str | None = None
    ) -> Document: ...


def _text(
    path: Path, lang: str | None, *, encoding: str | None = None, source_lang: str | None = None
) -> Document:
    return load_path(path, lang, encoding=encoding)


#: Format name -> module whose ``load`` reads it (a :class:`Loader`), imported on first use.
MODULES: dict[str, str] = {
    "text": __name__,
    "xliff": "tqcheck.formats.xliff",
    "tmx": "tqcheck.formats.tmx",
    "po": "tqcheck.formats.po",
    "jsonl": "tqcheck.formats.jsonl",
    "html": "tqcheck.formats.html",
    "markdown": "tqcheck.formats.markdown",
}


def loader(name: str) -> Loader:
    """The loader of format ``name`` (one of :data:`FORMATS`)."""
    if name == "text":
        return _text
    return cast(Loader, import_module(MODULES[name]).load)


#: Extension -> format name.
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".tmx": "tmx",
    ".po": "po",
    ".pot": "po",
    ".jsonl": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}

FORMATS = tuple(MODULES)


def format_for(path: Path, fmt: str | None = None) -> str:
    """The format named by ``fmt`` (validated), else by the file's extension, else plain text."""
    if fmt:
        name = fmt.lower()
        if name == "md":
            name = "markdown"
        if name not in MODULES:
            raise InputError(f"unknown input format {fmt!r} (one of {', '.join(FORMATS)})")
        return name
    return EXTENSIONS.get(path.suffix.lower(), "text")


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
    doc = loader(name)(path, lang, encoding=encoding, source_lang=source_lang)
    doc.format = name
    return doc


def load_source(
    path: Path, target: Document, lang: str | None = None, *, encoding: str | None = None
) -> Document:
    """Load a plain source document for ``target`` (``--source``) and attach it."""
    source = load_document(path, None, lang, encoding=encoding)
    if source.pairs:
        raise InputError("--source must be a monolingual file (text, HTML or Markdown)", str(path))
    if not source.text.strip():
        raise InputError("empty file", str(path))
    target.source = source
    return source
