"""Source and target side by side, as the report carries them for a review page.

A translation file's units are shown as the file gives them; a ``--source`` text as the bilingual
check aligned it (the same beads its findings were judged on, shared through the context's
per-document cache). Each side is cut into :class:`~tqcheck.model.Piece` runs so a reporter can
show the decoded text and still place findings, which index the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tqcheck.document import Document
from tqcheck.mapped import MappedText
from tqcheck.model import Aligned, Piece

if TYPE_CHECKING:  # the check package imports the bilingual one: no import back at run time
    from tqcheck.checks.base import Context


def pieces(mapped: MappedText) -> tuple[Piece, ...]:
    """Runs of characters read verbatim from consecutive file offsets, and one piece per
    reference (every character of ``&amp;`` shares its span) or break (an empty span)."""
    text, starts, ends = mapped.text, mapped.starts, mapped.ends
    out: list[Piece] = []
    i, n = 0, len(text)
    while i < n:
        s, e = starts[i], ends[i]
        j = i + 1
        if e == s + 1:
            while j < n and starts[j] == ends[j - 1] and ends[j] == starts[j] + 1:
                j += 1
            out.append(Piece(s, ends[j - 1], text[i:j]))
        else:
            while e > s and j < n and starts[j] == s and ends[j] == e:
                j += 1
            out.append(Piece(s, e, text[i:j]))
        i = j
    return tuple(out)


def aligned(doc: Document, ctx: Context) -> tuple[Aligned, ...]:
    """The document's aligned pairs: its units, or its ``--source`` aligned sentence by sentence."""
    if doc.pairs:
        return tuple(
            Aligned(pieces(p.source), pieces(p.target), p.id, None if p.target.text else p.where)
            for p in doc.pairs
        )
    if doc.source is None:
        return ()
    from tqcheck.bilingual.alignment import units  # the aligner: only a document with a source needs it

    beads = ctx.cached("units", doc, lambda: units(doc, ctx))
    return tuple(
        Aligned(
            tuple(p for s in u.source for p in pieces(s.mapped)),
            tuple(p for s in u.target for p in pieces(s.mapped)),
        )
        for u in beads
    )
