"""Reading input files into :class:`Document` objects with exact offsets.

Text is decoded once and never rewritten (CRLF kept, BOM removed and remembered), so every
check's character offsets index the same string a reporter shows and ``--fix`` writes back.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from tqcheck.charsets import bom_matches, candidate_groups, forced_codec, needs_order, sniff_bom
from tqcheck.errors import InputError, os_reason
from tqcheck.mapped import MappedText, SegmentPair
from tqcheck.model import Location, Span
from tqcheck.pathfilter import PathFilter

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
    pairs: list[SegmentPair] = field(default_factory=list)
    #: Input format name (text, xliff, html, ...): ``--fix`` escapes replacements for it.
    format: str = "text"
    #: Markup formats: the decoded, compact target prose (references decoded, inline tags dropped,
    #: block markup a break) with each character's file span; the glossary is matched on it. None
    #: for plain text, whose prose is ``text`` itself.
    prose: MappedText | None = None
    #: XML formats: file ranges of CDATA section contents (literal text: fixes are not escaped).
    cdata: list[tuple[int, int]] = field(default_factory=list)
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

    def replaceable(self, span: Span) -> bool:
        """Whether a fix may rewrite ``span``: anywhere in plain text; in markup only over prose
        (text and whole character references), never over or across a tag."""
        return self.prose is None or self.prose.covers(span.start, span.end)


def decode(
    data: bytes, where: str, *, encoding: str | None = None, langs: Iterable[str | None] = ()
) -> tuple[str, str, bool, list[str]]:
    """Decode bytes: a BOM decides (and is removed), else a forced ``encoding``, else UTF-8, else
    detection among the code pages usual for ``langs`` (the declared languages); reject binary.

    Returns ``(text, encoding, had_bom, notes)``. ``encoding`` is a codec that writes the text
    back byte for byte (UTF-16/32 with an explicit byte order; the BOM itself is ``had_bom``),
    so offsets are always code points of the BOM-less text.
    """
    notes: list[str] = []
    forced = forced_codec(encoding, where) if encoding else None
    sniffed = sniff_bom(data)
    if sniffed is not None:
        codec, size = sniffed
        if forced is not None and not bom_matches(forced, codec):
            raise InputError(f"starts with a {codec} byte order mark, not {forced} (--encoding)", where)
        if codec != "utf-8":
            notes.append(f"decoded as {codec} (byte order mark)")
        return _decode_as(data, size, codec, where), codec, True, notes
    if forced is not None:
        wanted = needs_order(forced)
        if wanted:
            raise InputError(f"no byte order mark to tell the byte order of {forced}: use {wanted}", where)
        if b"\x00" in data[:8192] and not forced.startswith(("utf-16", "utf-32")):
            raise InputError("binary file (NUL bytes), not text", where)
        return _decode_as(data, 0, forced, where), forced, False, notes
    if b"\x00" in data[:8192]:
        raise InputError("binary file (NUL bytes), not text", where)
    try:
        return data.decode("utf-8"), "utf-8", False, notes
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    groups = candidate_groups(langs)  # the declared languages' code pages, then the others
    for group in groups:
        best = from_bytes(data, cp_isolation=list(group)).best()
        if best is not None and best.encoding is not None:
            break
    else:
        raise InputError(
            f"cannot decode: not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
            "and no other encoding fits (name it with --encoding)",
            where,
        )
    text = _decode_as(data, 0, best.encoding, where)
    if _looks_binary(text):
        raise InputError("binary file (control characters), not text", where)
    unusual = "" if group is not groups[-1] else "; not a code page of the declared language: check --lang"
    notes.append(f"decoded as {best.encoding} (not UTF-8; detected by charset-normalizer{unusual})")
    return text, best.encoding, False, notes


def _decode_as(data: bytes, skip: int, codec: str, where: str) -> str:
    """``data[skip:]`` decoded strictly; a bad byte is an InputError naming the file."""
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"cannot decode as {codec}: {exc.reason} at byte {exc.start + skip}", where
        ) from None


#: Control characters that text files do not hold (tab, newlines and form feeds are text).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    return len(_CONTROL.findall(sample)) / len(sample) > 0.05


#: Default ``max-file-size``: larger inputs are refused before they are read (news articles and
#: translation files are kilobytes; 100 MB is a whole archive in one file).
DEFAULT_MAX_BYTES = 100 * 1024 * 1024


def blank(text: str) -> bool:
    """Nothing but white space: an empty file. No ``strip()``, which copies a 100 MB text."""
    return not text or text.isspace()


def check_input(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse, before reading, what is not a regular file or is larger than ``max_bytes``.

    A FIFO would block forever and ``/dev/zero`` would be read until memory runs out; only
    ``-`` reads a stream.
    """
    where = str(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(os_reason(exc), where) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory", where)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"not a regular file ({_kind(st.st_mode)}); use '-' to read a stream", where)
    if st.st_size > max_bytes:
        raise InputError(
            f"file of {st.st_size:,} bytes is over the size limit of {max_bytes:,} (max-file-size)", where
        )


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file"


def read_regular(path: Path, where: str) -> bytes:
    """All bytes of a regular file; anything else (FIFO, device, socket) is refused unread.

    Opened non-blocking so that a FIFO with no writer cannot hang the run between the check
    and the read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(os_reason(exc), where) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is a directory", where)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"not a regular file ({_kind(st.st_mode)}); use '-' to read a stream", where)
        # one read of the size fstat gave (a list of chunks joined would hold the file twice);
        # a file that grows meanwhile is read on to its end
        first = os.read(fd, max(st.st_size, 1 << 16))
        chunks = [first]
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return first if len(chunks) == 1 else b"".join(chunks)
    except OSError as exc:
        raise InputError(os_reason(exc), where) from None
    finally:
        os.close(fd)


def read_text(
    path: Path, *, encoding: str | None = None, langs: Iterable[str | None] = ()
) -> tuple[str, str, bool, list[str]]:
    """Read and decode a file: ``(text, encoding, had_bom, notes)``, one InputError per bad file.

    ``encoding`` forces one; ``langs`` (the declared languages) narrow detection (see ``decode``).
    """
    where = str(path)
    data = read_regular(path, where)
    text, encoding, bom, notes = decode(data, where, encoding=encoding, langs=langs)
    if _looks_binary(text):
        raise InputError("binary file (control characters), not text", where)
    return text, encoding, bom, notes


def load_path(path: Path, lang: str | None = None, *, encoding: str | None = None) -> Document:
    """Read one plain-text file as a Document."""
    text, encoding, bom, notes = read_text(path, encoding=encoding, langs=(lang,))
    return Document(str(path), text, encoding, bom, lang, notes)


def read_stdin(name: str = "-", max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Standard input, at most ``max_bytes`` (a stream has no size to check first)."""
    stream = sys.stdin
    if stream is None:
        raise InputError("standard input is closed", name)
    try:
        data = stream.buffer.read(max_bytes + 1)
    except (OSError, ValueError) as exc:  # closed descriptor, or a closed file object
        raise InputError(
            f"cannot read standard input: {getattr(exc, 'strerror', None) or exc}", name
        ) from None
    if len(data) > max_bytes:
        raise InputError(
            f"standard input is over the size limit of {max_bytes:,} bytes (max-file-size)", name
        )
    return data


def load_stdin(
    lang: str | None = None,
    name: str = "-",
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    encoding: str | None = None,
) -> Document:
    data = read_stdin(name, max_bytes)
    text, encoding, bom, notes = decode(data, name, encoding=encoding, langs=(lang,))
    return Document(name, text, encoding, bom, lang, notes, stdin=True)


#: Files skipped when walking a directory (documentation, not articles); named files are still read.
NOT_ARTICLES = ("README*", "LICENSE*", "LICENCE*", "CHANGELOG*", "CONTRIBUTING*", "NOTICE*")


def expand_inputs(
    inputs: Iterable[str], extensions: tuple[str, ...], exclude: Iterable[str] | PathFilter = ()
) -> Iterator[str]:
    """Files as given, directories walked recursively (sorted; hidden entries, documentation
    files and paths matching an ``exclude`` pattern, gitignore-style, skipped)."""
    excluded = exclude if isinstance(exclude, PathFilter) else PathFilter(exclude)
    for raw in inputs:
        if raw == "-":
            yield raw
            continue
        p = Path(raw)
        if p.is_dir():
            found = False
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if not d.startswith(".") and not excluded.matches(str(Path(root) / d), is_dir=True)
                )
                for name in sorted(files):
                    path = str(Path(root) / name)
                    if name.startswith(".") or not name.lower().endswith(extensions):
                        continue
                    if any(fnmatch(name, pat) for pat in NOT_ARTICLES) or excluded.matches(path):
                        continue
                    found = True
                    yield path
            if not found:
                raise InputError(f"directory has no files ending in {', '.join(extensions)}", raw)
        else:
            yield raw
