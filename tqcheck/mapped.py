"""Decoded text that remembers where each character came from in its file.

Spans always index the ORIGINAL file text. :class:`MappedText` is the properly decoded text
of a segment (or of a markup document's whole prose) with the file start and end of every
character, so a number written ``340&#160;000`` is read as ``340 000`` and a finding on it still
covers exactly ``340&#160;000`` in the file. Markup that splits a word (inline tags, character
references) is dropped; markup that separates text (block tags, segment boundaries) becomes a
*break*, a zero-width ``\n`` that no match may cross. Where decoded characters follow each
other in the file with nothing between, a fix can rewrite the span (:meth:`MappedText.covers`);
where a tag lies between, it cannot without destroying the tag.

It lives with the document model (formats build it, checks read it), so no check imports a
format.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

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
class InlineCode:
    """An inline code of a segment (XLIFF ``<g>``, ``<x/>``, ``<ph>``, ``<bpt>``...; TMX
    ``<bpt>``, ``<ph>``...): markup the text leaves out, but the translation must keep, so the
    bilingual checks compare the codes of the two sides."""

    name: str  # element name: g, x, ph, bpt, pc, sc ...
    id: str  # what matches it across the pair (XLIFF id, TMX x or i), "" when none
    span: Span  # file span of the element (the start tag of one that holds text, like <g>)
    at: int  # offset in the decoded text where it stands


@dataclass(frozen=True, slots=True)
class SegmentPair:
    """One translation unit of a bilingual file (XLIFF, TMX, PO, JSONL): source and target.

    Both sides are :class:`MappedText` into the same file, so a finding on either side points at
    the file's own line and column. An empty target is kept (a check reports it): its text has
    no characters to point at, so ``where`` is the file span of the target as written (the
    ``<target>`` element, the ``msgstr`` string, the JSON string).
    """

    id: str
    source: MappedText
    target: MappedText
    source_codes: tuple[InlineCode, ...] = ()
    target_codes: tuple[InlineCode, ...] = ()
    where: Span | None = None

    @property
    def target_span(self) -> Span:
        """Where a finding on the whole target points: its text, else where it is written."""
        if self.target.text or self.where is None:
            return self.target.file_span
        return self.where
