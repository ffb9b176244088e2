"""The bilingual check's work: each rule group run over a document's aligned units.

Each aligned unit (:mod:`tqcheck.bilingual.alignment`) is compared with its window, its
neighbours in the same translation unit, so an alignment off by one does not produce a false
finding. One module per rule group: :mod:`~tqcheck.bilingual.figures` (numbers, dates),
:mod:`~tqcheck.bilingual.untranslated`, :mod:`~tqcheck.bilingual.omissions`,
:mod:`~tqcheck.bilingual.terms` (glossary terms, names), :mod:`~tqcheck.bilingual.quotes`,
:mod:`~tqcheck.bilingual.typography`, and for translation files
:mod:`~tqcheck.bilingual.segments` (tags, placeholders, empty and copied targets, segment ends).
A translation file's findings carry the unit's id (``data.unit``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from tqcheck.bilingual.alignment import Unit, units
from tqcheck.bilingual.coverage import forget
from tqcheck.bilingual.figures import date_hits, number_hits
from tqcheck.bilingual.lexicon import lexicon
from tqcheck.bilingual.names import TargetWords, non_names, target_words
from tqcheck.bilingual.omissions import (
    addition_hits,
    coverage_hits,
    directions,
    omission_hits,
    rendered_nearby,
)
from tqcheck.bilingual.quotes import balance_hits
from tqcheck.bilingual.segments import (
    code_hits,
    empty_hits,
    placeholder_hits,
    punctuation_hits,
    same_hits,
    whitespace_hits,
)
from tqcheck.bilingual.terms import glossary_hits, name_hits
from tqcheck.bilingual.typography import typography_hits
from tqcheck.bilingual.untranslated import explained, untranslated_hits
from tqcheck.document import Document
from tqcheck.locale import Locale, get
from tqcheck.mapped import MappedText
from tqcheck.model import Hit

if TYPE_CHECKING:
    from tqcheck.checks.base import Context


def _window(all_units: list[Unit], i: int, pairs: bool) -> list[Unit]:
    """The unit and its neighbours in the same translation unit (the whole unit for pairs)."""
    g = all_units[i].group
    if pairs:
        return [u for u in all_units if u.group == g]
    return [all_units[k] for k in range(max(0, i - 1), min(len(all_units), i + 2)) if all_units[k].group == g]


def bilingual_hits(doc: Document, ctx: Context) -> Iterator[Hit]:
    """The findings of the bilingual rules on ``doc`` (a translation with its source, or a
    translation file's segment pairs)."""
    forget()  # the previous document's sentences
    all_units = ctx.cached("units", doc, lambda: units(doc, ctx))  # the review page reads the same
    src_loc, tgt_loc = get(ctx.source_lang or "fr"), get(doc.lang or ctx.lang)
    if not doc.pairs:
        yield from _fidelity(all_units, ctx, doc, (src_loc, tgt_loc))
        yield from balance_hits(all_units, src_loc, tgt_loc)
        yield from typography_hits(MappedText.plain(doc.content), doc.path, tgt_loc, doc.lang or ctx.lang)
        return
    by_pair: dict[int, list[Unit]] = {}
    for u in all_units:
        by_pair.setdefault(u.group, []).append(u)
    for g, pair in enumerate(doc.pairs):
        hits = [
            *empty_hits(pair, doc.path),
            *code_hits(pair, doc.path),
            *placeholder_hits(pair, doc.path),
        ]
        copied = list(same_hits(pair, doc.path, tgt_loc.lang))
        hits += copied
        mine = by_pair.get(g, [])
        if mine and not copied:
            hits += [*whitespace_hits(pair, doc.path), *punctuation_hits(pair, doc.path)]
            hits += _fidelity(mine, ctx, doc, (src_loc, tgt_loc))
            hits += balance_hits(mine, src_loc, tgt_loc)
            hits += typography_hits(pair.target, doc.path, tgt_loc, doc.lang or ctx.lang)
        unit = ("unit", pair.id)
        for h in hits:
            yield h if unit in h.data else dataclasses.replace(h, data=(unit, *h.data))


def _fidelity(
    all_units: list[Unit], ctx: Context, doc: Document, locales: tuple[Locale, Locale]
) -> Iterator[Hit]:
    """Numbers, dates, language, omissions, glossary terms and names, unit by unit."""
    src_loc, tgt_loc = locales
    src_lang, tgt_lang = ctx.source_lang or "fr", doc.lang or ctx.lang
    pairs = bool(doc.pairs)
    src_chars = sum(len(s.text) for u in all_units for s in u.source)
    tgt_chars = sum(len(t.text) for u in all_units for t in u.target)
    ratio = tgt_chars / src_chars if src_chars and tgt_chars else 1.0  # target chars per source char
    src_texts = [s.text for u in all_units for s in u.source]
    dirs = directions(lexicon(src_lang, tgt_lang), src_texts, [t.text for u in all_units for t in u.target])
    groups: dict[int, tuple[Callable[[str], bool], TargetWords]] = {}
    for i, unit in enumerate(all_units):
        window = _window(all_units, i, pairs)
        if not unit.target:
            theirs = [u.target for u in window if u is not unit and u.target]
            yield from omission_hits(unit, rendered_nearby(unit.source, theirs, dirs[0]))
            continue
        if not unit.source:
            theirs = [u.source for u in window if u is not unit and u.source]
            yield from addition_hits(unit, rendered_nearby(unit.target, theirs, dirs[1]))
        untranslated = list(untranslated_hits(unit, src_lang, tgt_lang))
        yield from untranslated
        if unit.source:
            if unit.group not in groups:
                group = [u for u in all_units if u.group == unit.group]
                groups[unit.group] = (non_names(group, src_loc), target_words(group, tgt_loc))
            fidelity = (
                *([] if untranslated else coverage_hits(unit, window, ratio, dirs, pairs)),
                *number_hits(unit, window),
                *date_hits(unit, window, src_loc, tgt_loc),
                *glossary_hits(unit, window, ctx, tgt_loc),
                *name_hits(unit, *groups[unit.group], ctx, (src_loc, tgt_loc)),
            )
            yield from explained(fidelity, untranslated)
