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

from tqcheck.document import Document
from tqcheck.mapped import MappedBuilder, MappedText, SegmentPair


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
