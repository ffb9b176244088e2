"""Shared pieces of the format loaders: decoded text that remembers its file offsets.

Decision on entities and escapes: spans always index the ORIGINAL file text. A loader gives the
checks two things. ``Document.view`` (for every check) is the file text with everything that is
not checkable target text blanked; an entity or escape there becomes its decoded character
followed by spaces (``&amp;`` -> ``&    ``), so lengths match and line:column stay exact.
:class:`MappedText` (for the bilingual checks) is the properly decoded text of a segment with
the file start and end of every character, so a number written ``340&#160;000`` is read as
``340 000`` and a finding on it still covers exactly ``340&#160;000`` in the file.

``Document.prose`` is a :class:`MappedText` of the whole document's target text, compact: the
view cannot show ``Id&#108;eb`` or ``Id<b>le</b>b`` as one word, the prose reads ``Idleb`` and
maps it back to the file span of the whole. Markup that splits a word (inline tags, character
references) is dropped; markup that separates text (block tags, segment boundaries) becomes a
*break*, a zero-width ``\n`` that no match may cross. Where prose characters follow each other
in the file with nothing between, a fix can rewrite the span (:meth:`MappedText.covers`); where
a tag lies between, it cannot without destroying the tag.
"""

from __future__ import annotations

from bisect import bisect_left
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

    def crosses_break(self, start: int, end: int) -> bool:
        """Whether decoded ``[start, end)`` holds a break (zero-width separator)."""
        starts, ends = self.starts, self.ends
        return any(starts[i] == ends[i] for i in range(start, end))

    def covers(self, start: int, end: int) -> bool:
        """Whether file ``[start, end)`` is exactly a run of decoded characters that follow each
        other in the file with no markup between (whole references allowed, tags and breaks not).

        An empty span covers when it sits at a character boundary of the prose.
        """
        starts, ends = self.starts, self.ends
        n = len(starts)
        i = bisect_left(starts, start)
        if start == end:
            return (i < n and starts[i] == start) or (i > 0 and ends[i - 1] == start)
        while i < n and starts[i] == ends[i] == start:
            i += 1  # a break right where the span starts is outside it
        if i == n or starts[i] != start:
            return False
        pos = start
        while pos < end:
            if i == n:
                return False
            s, e = starts[i], ends[i]
            if s == pos and e > s:
                pos = e  # the next character (or reference) begins where the last one ended
            elif not (s < pos and e == pos):  # not a second character of the same reference
                return False  # a break, or a gap: markup between the two characters
            i += 1
        return pos == end


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

    def extend(self, mapped: MappedText) -> None:
        """Append already-decoded text (a segment) with its offsets."""
        self.chars.extend(mapped.text)
        self.starts.extend(mapped.starts)
        self.ends.extend(mapped.ends)

    def brk(self) -> None:
        """A break after the last character: text on either side must not be read as one.

        It sits, zero-width, where that character ends (so file offsets stay sorted); no break
        starts the text or follows another.
        """
        if self.chars and self.starts[-1] != self.ends[-1]:
            self.chars.append("\n")
            self.starts.append(self.ends[-1])
            self.ends.append(self.ends[-1])

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
    cdata: list[tuple[int, int]] | None = None,
) -> Document:
    """A Document whose view shows only the target segments, and whose prose is the targets in
    file order with a break between two segments."""
    view = ViewBuilder(text)
    prose = MappedBuilder()
    for p in pairs:
        view.put(p.target)
    for target in sorted((p.target for p in pairs if p.target.text), key=lambda t: t.starts[0]):
        if prose.ends and target.starts[0] < prose.ends[-1]:
            continue  # the same file text twice (cannot happen with well-formed input)
        prose.brk()
        prose.extend(target)
    encoding, bom, notes = meta
    return Document(
        path,
        text,
        encoding,
        bom,
        lang,
        notes,
        view=view.build(),
        pairs=list(pairs),
        prose=prose.build(),
        cdata=sorted(cdata or []),
    )


def line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts
