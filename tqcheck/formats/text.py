"""Plain text: the file is the prose (no view, no decoded map: offsets are the text's own)."""

from __future__ import annotations

from pathlib import Path

from tqcheck.document import Document, load_path


def load(
    path: Path, lang: str | None, *, encoding: str | None = None, source_lang: str | None = None
) -> Document:
    return load_path(path, lang, encoding=encoding)
