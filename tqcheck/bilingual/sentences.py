"""The sentences of each side of a bilingual document, with what alignment compares.

A document is bilingual in one of two ways: a target text checked with ``--source`` (one
group: the whole source against the whole target), or segment pairs read from XLIFF, TMX, PO or
JSONL (one group per translation unit). Each side is split into sentences with their file
offsets, figures and similarity features; alignment happens inside each group.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from tqcheck.bilingual.dates import numeric_dates
from tqcheck.bilingual.lexical import Lexical, features, grams, weigh
from tqcheck.bilingual.numbers import Quantity, quantities
from tqcheck.document import Document
from tqcheck.locale import Locale, get
from tqcheck.mapped import MappedText
from tqcheck.model import Span
from tqcheck.segment import sentences

if TYPE_CHECKING:  # the check package imports this one: no import back at run time
    from tqcheck.checks.base import Context


@dataclass
class Sentence:
    """One sentence of one side, with its file offsets and the file it lives in."""

    mapped: MappedText
    path: str
    block: int = 0  # paragraph (line) it belongs to
    # filled once per sentence
    numbers: list[Quantity] = field(default_factory=list)
    grams: frozenset[str] = frozenset()
    lex: Lexical | None = None

    @property
    def text(self) -> str:
        return self.mapped.text

    @property
    def span(self) -> Span:
        return self.mapped.file_span


#: source and target sentences of one translation unit (the whole text for ``--source``)
Group = tuple[list[Sentence], list[Sentence]]


def split(mapped: MappedText, path: str, lang: str, loc: Locale) -> list[Sentence]:
    """Sentences of one side of a group, their features weighted over that side."""
    out = []
    lexes = []
    for seg in sentences(mapped.text, lang):
        sub = mapped.slice(seg.span.start, seg.span.end)
        numbers = _months_weak(quantities(sub.text, loc), sub.text, loc)
        lex = features(sub.text, numbers, loc)
        lexes.append(lex)
        out.append(Sentence(sub, path, seg.block, numbers, grams(sub.text), lex))
    weigh(lexes)
    return out


def _months_weak(numbers: list[Quantity], text: str, loc: Locale) -> list[Quantity]:
    """The month of a numeric date (the 03 of 22.03.2018) is compared as a month by the date
    check; as a figure it is weak evidence, never reported for lack of a "3" on the other side."""
    dates = numeric_dates(text, loc)
    if not dates:
        return numbers
    out = []
    for q in numbers:
        inside = any(d.start <= q.start and q.end <= d.end and q.key[1] == d.index for d in dates)
        out.append(replace(q, strong=False) if inside else q)
    return out


def sides(doc: Document, ctx: Context) -> list[Group]:
    """Source and target sentences per translation unit (empty for a monolingual document)."""
    src_lang = ctx.source_lang or "fr"
    tgt_lang = doc.lang or ctx.lang
    src_loc, tgt_loc = get(src_lang), get(tgt_lang)
    groups: list[Group] = []
    if doc.pairs:
        for pair in doc.pairs:
            groups.append(
                (
                    split(pair.source, doc.path, src_lang, src_loc),
                    split(pair.target, doc.path, tgt_lang, tgt_loc),
                )
            )
    elif doc.source is not None:
        src_doc = doc.source
        groups.append(
            (
                split(MappedText.plain(src_doc.content), src_doc.path, src_lang, src_loc),
                split(MappedText.plain(doc.content), doc.path, tgt_lang, tgt_loc),
            )
        )
    return groups
