"""Reading input files into :class:`Document` objects with exact offsets.

Text is decoded once and never rewritten (CRLF kept, BOM removed and remembered), so every
check's character offsets index the same string a reporter shows and ``--fix`` writes back.
"""

from __future__ import annotations

import os
import sys
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from tqcheck.errors import InputError
from tqcheck.model import Location, Span

#: Extensions read when a directory is given (formats with their own loaders add theirs).
TEXT_EXTENSIONS = (".txt", ".text", ".md", ".markdown")
UTF8_BOM = b"\xef\xbb\xbf"


class LineIndex:
    """Offsets -> 1-based line:column by bisecting over line starts (computed once)."""

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts
        self._len = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        if not 0 <= offset <= self._len:
            raise ValueError(f"offset {offset} outside text of length {self._len}")
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def next_line_start(self, line: int) -> int:
        """Offset where the line after 1-based ``line`` starts (past the end for the last line)."""
        return self._starts[line] if line < len(self._starts) else self._len + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Start and end offsets of 1-based ``line`` without its line break."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else self._len
        return start, end

    @property
    def line_count(self) -> int:
        return len(self._starts)


@dataclass
class Document:
    """A decoded text with where it came from; ``text`` is never modified."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    lang: str | None = None
    notes: list[str] = field(default_factory=list)
    stdin: bool = False
    #: Same length as ``text``, with markup, code and attributes blanked out (spaces, newlines kept),
    #: for formats like HTML, Markdown or XLIFF: checks read it so offsets stay those of the file.
    view: str | None = None
    #: Bilingual input: the source document (plain ``--source`` text) ...
    source: Document | None = None
    #: ... or segment pairs given by the format itself (XLIFF, TMX, PO, JSONL).
    pairs: list[Any] = field(default_factory=list)
    #: Input format name (text, xliff, html, ...): ``--fix`` escapes replacements for it.
    format: str = "text"
    _index: LineIndex | None = field(default=None, repr=False)

    @property
    def content(self) -> str:
        """What checks read: the human text, offsets identical to ``text``."""
        return self.text if self.view is None else self.view

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    def locate(self, span: Span, path: str | None = None) -> Location:
        index = self.index
        line, col = index.position(span.start)
        line_end = index.next_line_start(line)
        if span.end < line_end:  # the common case: the span ends on its first line
            return Location(path or self.path, span, line, col, line, col + span.end - span.start)
        end_line, end_col = index.position(span.end)
        return Location(path or self.path, span, line, col, end_line, end_col)

    def line_text(self, line: int) -> str:
        start, end = self.index.line_span(line)
        return self.text[start:end].rstrip("\r")

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"


def decode(data: bytes, where: str) -> tuple[str, str, bool, list[str]]:
    """Decode bytes as UTF-8 (BOM optional), else detect the encoding; reject binary.

    Returns ``(text, encoding, had_bom, notes)``.
    """
    notes: list[str] = []
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary file (NUL bytes), not text", where)
    bom = data.startswith(UTF8_BOM)
    if bom:
        data = data[len(UTF8_BOM) :]
    try:
        return data.decode("utf-8"), "utf-8", bom, notes
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(
            f"cannot decode: not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
            "and no other encoding fits",
            where,
        )
    text = str(best)
    if _looks_binary(text):
        raise InputError("binary file (control characters), not text", where)
    notes.append(f"decoded as {best.encoding} (not UTF-8; detected by charset-normalizer)")
    return text, best.encoding, False, notes


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\v")
    return controls / len(sample) > 0.05


def read_text(path: Path) -> tuple[str, str, bool, list[str]]:
    """Read and decode a file: ``(text, encoding, had_bom, notes)``, one InputError per bad file."""
    where = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", where) from None
    except IsADirectoryError:
        raise InputError("is a directory", where) from None
    except PermissionError:
        raise InputError("permission denied", where) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", where) from None
    text, encoding, bom, notes = decode(data, where)
    if _looks_binary(text):
        raise InputError("binary file (control characters), not text", where)
    return text, encoding, bom, notes


def load_path(path: Path, lang: str | None = None) -> Document:
    """Read one plain-text file as a Document."""
    text, encoding, bom, notes = read_text(path)
    return Document(str(path), text, encoding, bom, lang, notes)


def load_stdin(lang: str | None = None, name: str = "-") -> Document:
    data = sys.stdin.buffer.read()
    text, encoding, bom, notes = decode(data, name)
    return Document(name, text, encoding, bom, lang, notes, stdin=True)


#: Files skipped when walking a directory (documentation, not articles); named files are still read.
NOT_ARTICLES = ("README*", "LICENSE*", "LICENCE*", "CHANGELOG*", "CONTRIBUTING*", "NOTICE*")


def expand_inputs(
    inputs: Iterable[str], extensions: tuple[str, ...] = TEXT_EXTENSIONS, exclude: Iterable[str] = ()
) -> Iterator[str]:
    """Files as given, directories walked recursively (sorted; hidden entries, documentation
    files and paths matching an ``exclude`` glob skipped)."""
    skip = (*NOT_ARTICLES, *exclude)
    for raw in inputs:
        if raw == "-":
            yield raw
            continue
        p = Path(raw)
        if p.is_dir():
            found = False
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    path = str(Path(root) / name)
                    if name.startswith(".") or not name.lower().endswith(extensions):
                        continue
                    if any(fnmatch(name, pat) or fnmatch(path, pat) for pat in skip):
                        continue
                    found = True
                    yield path
            if not found:
                raise InputError(f"directory has no files ending in {', '.join(extensions)}", raw)
        else:
            yield raw
