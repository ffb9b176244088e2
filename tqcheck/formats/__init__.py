"""Input formats: one loader per format, chosen by extension or by name (``--input-format``).

Every loader returns a :class:`~tqcheck.document.Document` whose ``text`` is the original file
and whose ``view`` blanks what is not target prose, so findings point at the file's own lines
and columns. Bilingual files (XLIFF, TMX, PO, JSONL) also fill ``Document.pairs`` with
:class:`~tqcheck.formats.base.SegmentPair` objects.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tqcheck.document import Document, load_path
from tqcheck.errors import InputError

Loader = Callable[[Path, "str | None"], Document]


def _text(path: Path, lang: str | None) -> Document:
    return load_path(path, lang)


def _xliff(path: Path, lang: str | None) -> Document:
    from tqcheck.formats import xliff

    return xliff.load(path, lang)


def _tmx(path: Path, lang: str | None) -> Document:
    from tqcheck.formats import tmx

    return tmx.load(path, lang)


def _po(path: Path, lang: str | None) -> Document:
    from tqcheck.formats import po

    return po.load(path, lang)


def _jsonl(path: Path, lang: str | None) -> Document:
    from tqcheck.formats import jsonl

    return jsonl.load(path, lang)


def _html(path: Path, lang: str | None) -> Document:
    from tqcheck.formats import html

    return html.load(path, lang)


def _markdown(path: Path, lang: str | None) -> Document:
    from tqcheck.formats import markdown

    return markdown.load(path, lang)


#: Format name -> loader.
LOADERS: dict[str, Loader] = {
    "text": _text,
    "xliff": _xliff,
    "tmx": _tmx,
    "po": _po,
    "jsonl": _jsonl,
    "html": _html,
    "markdown": _markdown,
}

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

FORMATS = tuple(LOADERS)


def format_for(path: Path, fmt: str | None = None) -> str:
    """The format named by ``fmt`` (validated), else by the file's extension, else plain text."""
    if fmt:
        name = fmt.lower()
        if name == "md":
            name = "markdown"
        if name not in LOADERS:
            raise InputError(f"unknown input format {fmt!r} (one of {', '.join(FORMATS)})")
        return name
    return EXTENSIONS.get(path.suffix.lower(), "text")


def load_document(path: Path, fmt: str | None = None, lang: str | None = None) -> Document:
    """Load ``path`` with the loader for ``fmt`` (or its extension)."""
    name = format_for(path, fmt)
    doc = LOADERS[name](path, lang)
    doc.format = name
    return doc


def load_source(path: Path, target: Document, lang: str | None = None) -> Document:
    """Load a plain source document for ``target`` (``--source``) and attach it."""
    source = load_document(path, None, lang)
    if source.pairs:
        raise InputError("--source must be a monolingual file (text, HTML or Markdown)", str(path))
    if not source.text.strip():
        raise InputError("empty file", str(path))
    target.source = source
    return source
