"""Omissions and additions (TQ404, TQ405): source text the translation does not cover, and
translation with no source."""

from __future__ import annotations

from collections.abc import Iterator

from tqcheck.bilingual.alignment import Unit
from tqcheck.model import FixSafety, Hit, Rule, Severity, Span
from tqcheck.tokens import word_count

#: Shortest sentence (in words) reported as omitted, added or untranslated: shorter ones are
#: datelines, bylines and headings whose alignment and language are not reliable.
MIN_WORDS = 4

OMISSION = Rule(
    "TQ404",
    "omission",
    Severity.ERROR,
    "A source sentence has no counterpart in the translation",
    "Sentence alignment found no target sentence for this source sentence: the translation "
    "dropped it. The finding points at the source sentence.",
    fix=FixSafety.NONE,
)

ADDITION = Rule(
    "TQ405",
    "addition",
    Severity.WARNING,
    "A target sentence has no counterpart in the source",
    "Sentence alignment found no source sentence for this target sentence: it was added (or "
    "the source is not the text that was translated).",
    fix=FixSafety.NONE,
)


def omission_hits(unit: Unit) -> Iterator[Hit]:
    for s in unit.source:
        if word_count(s.text) >= MIN_WORDS:
            doubt = [d for d in unit.doubt if d.path == s.path]
            if doubt:
                every = [s, *doubt]
                span = Span(min(x.span.start for x in every), max(x.span.end for x in every))
                msg = "one of these source sentences has no counterpart in the translation (omitted?)"
                yield Hit(OMISSION, span, msg, path=s.path)
                continue
            yield Hit(
                OMISSION,
                s.span,
                "this source sentence has no counterpart in the translation (omitted?)",
                path=s.path,
            )


def addition_hits(unit: Unit) -> Iterator[Hit]:
    for t in unit.target:
        if word_count(t.text) >= MIN_WORDS:
            yield Hit(
                ADDITION, t.span, "this sentence has no counterpart in the source (added?)", path=t.path
            )
