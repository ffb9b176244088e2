"""Shared pieces of the format loaders: decoded text that remembers its file offsets.

Decision on entities and escapes: spans always index the ORIGINAL file text. A loader gives the
checks two things. ``Document.view`` (for every check) is the file text with everything that is
not checkable target text blanked; an entity or escape there becomes its decoded character
followed by spaces (``&amp;`` -> ``&    ``), so lengths match and line:column stay exact.
:class:`MappedText` (for the bilingual checks) is the properly decoded text of a segment with
the file start and end of every character, so a number written ``340&#160;000`` is read as
``340 000`` and a finding on it still covers exactly ``340&#160;000`` in the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from tqcheck.document import Document
from tqcheck.model import Span


@dataclass(frozen=True, slots=True)
class MappedText:
    """Decoded text plus, for each character, the ``[start, end)`` it came from in the file."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def plain(cls, text: str, offset: int = 0) -> MappedText:
        """A slice of a file that needs no decoding (plain text)."""
        starts = tuple(range(offset, offset + len(text)))
        return cls(text, starts, tuple(s + 1 for s in starts))

    def span(self, start: int, end: int) -> Span:
        """File span of the decoded characters ``[start, end)``."""
        if not self.text:
            return Span(0, 0)
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else self.ends[-1]
            return Span(pos, pos)
        return Span(self.starts[start], self.ends[end - 1])

    def slice(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[start:end], self.starts[start:end], self.ends[start:end])

    @property
    def file_span(self) -> Span:
        return self.span(0, len(self.text))


class MappedBuilder:
    """Accumulates decoded characters with their file offsets."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, text: str, start: int, end: int | None = None) -> None:
        """``text`` decoded from file ``[start, end)``; without ``end`` it is verbatim file text."""
        if end is None:
            for i, c in enumerate(text):
                self.chars.append(c)
                self.starts.append(start + i)
                self.ends.append(start + i + 1)
            return
        for c in text:  # an entity or escape: every decoded char covers the whole reference
            self.chars.append(c)
            self.starts.append(start)
            self.ends.append(end)

    def build(self) -> MappedText:
        return MappedText("".join(self.chars), tuple(self.starts), tuple(self.ends))


@dataclass(frozen=True, slots=True)
class SegmentPair:
    """One translation unit of a bilingual file (XLIFF, TMX, PO, JSONL): source and target.

    Both sides are :class:`MappedText` into the same file, so a finding on either side points at
    the file's own line and column.
    """

    id: str
    source: MappedText
    target: MappedText


class ViewBuilder:
    """Builds ``Document.view``: everything blank (newlines kept) until marked as checkable."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.chars = ["\n" if c == "\n" else ("\r" if c == "\r" else " ") for c in text]

    def keep(self, start: int, end: int) -> None:
        self.chars[start:end] = self.text[start:end]

    def put(self, mapped: MappedText) -> None:
        """Show decoded text at its file positions (entities: char then blanks)."""
        for c, s, e in zip(mapped.text, mapped.starts, mapped.ends, strict=True):
            if e - s == 1 and self.text[s] == c:
                self.chars[s] = c
            elif self.chars[s] in (" ", "\n", "\r") or s + 1 == e:
                # first decoded char of a reference goes at its start; newline escapes stay blank
                self.chars[s] = " " if c in "\r\n" else c

    def build(self) -> str:
        return "".join(self.chars)


def bilingual_document(
    path: str,
    text: str,
    pairs: list[SegmentPair],
    lang: str | None,
    meta: tuple[str, bool, list[str]],
) -> Document:
    """A Document whose view shows only the target segments."""
    view = ViewBuilder(text)
    for p in pairs:
        view.put(p.target)
    encoding, bom, notes = meta
    return Document(path, text, encoding, bom, lang, notes, view=view.build(), pairs=list(pairs))


def line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts
