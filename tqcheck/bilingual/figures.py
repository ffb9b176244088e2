"""Figures and dates (TQ401, TQ402): numbers, times, weekdays and months that differ.

Each aligned unit is compared with its window (the unit and its neighbours in the same
translation unit), so an alignment off by one does not produce a false finding. Figures are
paired one to one by :mod:`tqcheck.bilingual.number_pairing`; weekdays and months are read by
:mod:`tqcheck.bilingual.dates`.
"""

from __future__ import annotations

from collections.abc import Iterator

from tqcheck.bilingual.alignment import Unit
from tqcheck.bilingual.dates import date_words
from tqcheck.bilingual.number_pairing import rival, unmatched_numbers
from tqcheck.bilingual.rules import DATE_MISMATCH, NUMBER_MISMATCH
from tqcheck.locale import Locale
from tqcheck.model import Hit, RelatedHit, Severity, Span


def number_hits(unit: Unit, window: list[Unit]) -> Iterator[Hit]:
    """A changed figure (the translation has one the source lacks *and* the source one the
    translation lacks) is an error; a figure on one side only is usually a rephrasing (18 mois
    = one and a half years) or an explicitation, and is reported as info."""
    win_extra, win_missing, strict_missing = unmatched_numbers(window)
    mine_t = {id(t) for t in unit.target}
    mine_s = {id(s) for s in unit.source}
    # a spelled-out number on one side only is often rephrased ("both", "a couple"): report
    # it only when the other side has a conflicting number
    extra = [(t, q) for t, q in win_extra if id(t) in mine_t and (not q.spelled or win_missing)]
    missing = [(s, q) for s, q in win_missing if id(s) in mine_s and not q.spelled]
    for t, q in extra:
        # digits conflict with digits; a spelled number with any of its kind and size (deux ->
        # three, 2 -> three; but "a glass or two" is no rendering of 2007, "Three Ships" of 17h30)
        conflict = [(s, m) for s, m in strict_missing if (not m.spelled or q.spelled) and rival(q, m)]
        src_written = ", ".join(f"'{s.text[m.start : m.end]}'" for s, m in conflict)
        written = t.text[q.start : q.end]
        related = tuple(
            RelatedHit(s.path, s.mapped.span(m.start, m.end), "in the source") for s, m in conflict
        )
        # a sum converted into another currency (200 000 euros -> $280,000) is a rendering
        converted = bool(conflict) and all(
            q.currency and m.currency and q.currency != m.currency for _, m in conflict
        )
        if conflict:
            msg = f"'{written}' is not in the source; the source has {src_written}"
        else:
            msg = f"'{written}' is not in the source (added, or a rephrased figure?)"
        yield Hit(
            NUMBER_MISMATCH,
            t.mapped.span(q.start, q.end),
            msg,
            related=related,
            path=t.path,
            severity=None if conflict and not converted else Severity.INFO,
        )
    if extra or any(id(t) not in mine_t for t, _ in win_extra if not _.spelled):
        return  # reported on the changed figure (here or in the neighbouring sentence)
    for s, q in missing:
        target = unit.target[0]
        span = Span(target.span.start, unit.target[-1].span.end)
        written = s.text[q.start : q.end]
        yield Hit(
            NUMBER_MISMATCH,
            span,
            f"the source has '{written}' but this translation has no such number (dropped or rephrased?)",
            related=(RelatedHit(s.path, s.mapped.span(q.start, q.end), f"'{written}' in the source"),),
            path=target.path,
            severity=Severity.INFO,
        )


def date_hits(unit: Unit, window: list[Unit], src_loc: Locale, tgt_loc: Locale) -> Iterator[Hit]:
    """A weekday or month that contradicts the source's (Friday for jeudi) is an error; one
    that only one side names (the translation adds "on Tuesday") is info."""
    src_words = [(s, d) for s in unit.source for d in date_words(s.text, src_loc)]
    tgt_words = [(t, d) for t in unit.target for d in date_words(t.text, tgt_loc)]
    if not src_words and not tgt_words:
        return
    src_all = [d for u in window for s in u.source for d in date_words(s.text, src_loc)]
    tgt_all = [d for u in window for t in u.target for d in date_words(t.text, tgt_loc)]
    src_keys, src_alts = {d.key for d in src_all}, {a for d in src_all for a in d.alts}
    tgt_keys, tgt_alts = {d.key for d in tgt_all}, {a for d in tgt_all for a in d.alts}
    missing = [(s, d) for s, d in src_words if not d.found_in(tgt_keys, tgt_alts)]
    src_unmatched = {d.kind for d in src_all if not d.found_in(tgt_keys, tgt_alts)}
    for t, d in tgt_words:
        if d.found_in(src_keys, src_alts):
            continue
        same_kind = [(s, m) for s, m in missing if m.kind == d.kind]
        said = ""
        if same_kind:
            said = "; the source has " + ", ".join(f"'{s.text[m.start : m.end]}'" for s, m in same_kind)
        elif d.kind not in src_unmatched:
            said = " (the source names no other)"
        yield Hit(
            DATE_MISMATCH,
            t.mapped.span(d.start, d.end),
            f"'{t.text[d.start : d.end]}' is not in the source{said}",
            related=tuple(
                RelatedHit(s.path, s.mapped.span(m.start, m.end), "in the source") for s, m in same_kind
            ),
            path=t.path,
            severity=None if d.kind in src_unmatched else Severity.INFO,
        )
        missing = [(s, m) for s, m in missing if m.kind != d.kind]
    tgt_unmatched = {d.kind for d in tgt_all if not d.found_in(src_keys, src_alts)}
    for s, d in missing:
        if d.kind in tgt_unmatched:
            continue  # the neighbouring sentence names another: reported there
        written = s.text[d.start : d.end]
        yield Hit(
            DATE_MISMATCH,
            Span(unit.target[0].span.start, unit.target[-1].span.end),
            f"the source has '{written}' but this translation does not (dropped?)",
            related=(RelatedHit(s.path, s.mapped.span(d.start, d.end), f"'{written}' in the source"),),
            path=unit.target[0].path,
            severity=Severity.INFO,
        )
