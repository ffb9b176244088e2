"""The bilingual check (TQ4xx): its rules, and the hits it makes of aligned units.

Each aligned unit (:mod:`tqcheck.checks.bilingual.alignment`) is compared with its neighbours
in the same translation unit, so an alignment off by one does not produce a false finding:
figures (:mod:`~tqcheck.checks.bilingual.number_pairing`), weekdays and months
(:mod:`~tqcheck.checks.bilingual.dates`), glossary terms and names
(:mod:`~tqcheck.checks.bilingual.names`), and quotes and brackets over the whole unit
(:mod:`~tqcheck.checks.bilingual.quotes`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import ClassVar

from tqcheck.checks.base import Context
from tqcheck.checks.bilingual.alignment import Unit, units
from tqcheck.checks.bilingual.dates import date_words
from tqcheck.checks.bilingual.exonyms import exonym_rendered, rendered_as_adjective
from tqcheck.checks.bilingual.names import (
    TargetWords,
    fuzzy_in,
    names_in,
    non_names,
    short_form,
    target_words,
    undotted,
)
from tqcheck.checks.bilingual.number_pairing import rival, unmatched_numbers
from tqcheck.checks.bilingual.quotes import BRACKETS, quote_pairs, unmatched, unmatched_in
from tqcheck.checks.bilingual.sentences import Sentence
from tqcheck.checks.glossary import language_name as _glossary_language_name
from tqcheck.document import Document
from tqcheck.glossary.model import ACCEPTED, Role
from tqcheck.langid import detect
from tqcheck.locale import Locale, get
from tqcheck.model import FixSafety, Hit, RelatedHit, Rule, Severity, Span
from tqcheck.textfold import fold, key
from tqcheck.tokens import WORD, word_count

#: Shortest sentence (in words) reported as omitted, added or untranslated: shorter ones are
#: datelines, bylines and headings whose alignment and language are not reliable.
MIN_WORDS = 4
#: Probability above which a target sentence is called "in the source language".
UNTRANSLATED_PROB = 0.95


def language_name(code: str) -> str:
    return "English" if code == "en" else _glossary_language_name(code)


def _window(all_units: list[Unit], i: int, pairs: bool) -> list[Unit]:
    """The unit and its neighbours in the same translation unit (the whole unit for pairs)."""
    g = all_units[i].group
    if pairs:
        return [u for u in all_units if u.group == g]
    return [all_units[k] for k in range(max(0, i - 1), min(len(all_units), i + 2)) if all_units[k].group == g]


NUMBER_MISMATCH = Rule(
    "TQ401",
    "number-mismatch",
    Severity.ERROR,
    "A number or time differs between source and translation",
    "Numbers are read with each language's conventions (340 000 = 340,000, "
    "1,5 million = 1.5 million, 19e = 19th, dix-neuf = nineteen, 14h30 = 2:30 p.m.) and "
    "compared with the aligned source sentence and its neighbours. A changed figure is the "
    "costliest error in news copy.",
    fix=FixSafety.NONE,
)

DATE_MISMATCH = Rule(
    "TQ402",
    "date-mismatch",
    Severity.ERROR,
    "A weekday or month differs between source and translation",
    "jeudi 11 janvier must be Thursday, January 11: the weekday or month named in the translation "
    "is not the one in the aligned source sentence.",
    fix=FixSafety.NONE,
)

UNTRANSLATED = Rule(
    "TQ403",
    "untranslated",
    Severity.ERROR,
    "A target sentence is still in the source language",
    "Language identification restricted to the pair's two languages says this sentence is in the "
    "source language (or it repeats the source verbatim). Short sentences and lists of names are "
    "not judged.",
    fix=FixSafety.NONE,
)

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

GLOSSARY_TERM_NOT_RENDERED = Rule(
    "TQ406",
    "glossary-term-not-rendered",
    Severity.WARNING,
    "The source names a glossary entity that the translation does not render",
    "The source sentence uses a glossary entry's source form (OSDH, Observatoire syrien des droits "
    "de l'Homme); the aligned target sentence uses none of its accepted target forms.",
    fix=FixSafety.NONE,
)

NAME_MISSING = Rule(
    "TQ407",
    "name-missing",
    Severity.WARNING,
    "A person's or organisation's name in the source is missing from the translation",
    "A multi-word proper name of the source sentence has no counterpart (allowing transliteration "
    "differences: Bachar/Bashar, Kadhafi/Gaddafi) in the aligned target sentences.",
    fix=FixSafety.NONE,
)

UNBALANCED_QUOTES = Rule(
    "TQ408",
    "unbalanced-quotes",
    Severity.WARNING,
    "Quotes or brackets are unbalanced in the translation but balanced in the source",
    "The source opens and closes its quotation marks and brackets; the translation leaves one open "
    "or closes one never opened. The finding points at the unmatched mark.",
    fix=FixSafety.NONE,
)


class BilingualCheck:
    """TQ4xx: fidelity of the translation to its source, sentence by sentence."""

    RULES: ClassVar[tuple[Rule, ...]] = (
        NUMBER_MISMATCH,
        DATE_MISMATCH,
        UNTRANSLATED,
        OMISSION,
        ADDITION,
        GLOSSARY_TERM_NOT_RENDERED,
        NAME_MISSING,
        UNBALANCED_QUOTES,
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if not doc.pairs and doc.source is None:
            return
        all_units = units(doc, ctx)
        src_lang = ctx.source_lang or "fr"
        tgt_lang = doc.lang or ctx.lang
        pairs = bool(doc.pairs)
        src_loc, tgt_loc = get(src_lang), get(tgt_lang)
        groups: dict[int, tuple[Callable[[str], bool], TargetWords]] = {}
        for i, unit in enumerate(all_units):
            window = _window(all_units, i, pairs)
            if not unit.target:
                yield from self._omission(unit)
                continue
            if not unit.source:
                yield from self._addition(unit)
            untranslated = list(self._untranslated(unit, src_lang, tgt_lang))
            yield from untranslated
            if unit.source:
                if unit.group not in groups:
                    group = [u for u in all_units if u.group == unit.group]
                    groups[unit.group] = (non_names(group, src_loc), target_words(group, tgt_loc))
                fidelity = (
                    *self._numbers(unit, window),
                    *self._dates(unit, window, src_loc, tgt_loc),
                    *self._glossary(unit, window, ctx, tgt_loc),
                    *self._names(unit, *groups[unit.group], ctx, (src_loc, tgt_loc)),
                )
                yield from _explained(fidelity, untranslated)
        yield from self._balance(doc, all_units, src_loc, tgt_loc)

    # --- omissions and additions -------------------------------------------------------------

    def _omission(self, unit: Unit) -> Iterator[Hit]:
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

    def _addition(self, unit: Unit) -> Iterator[Hit]:
        for t in unit.target:
            if word_count(t.text) >= MIN_WORDS:
                yield Hit(
                    ADDITION, t.span, "this sentence has no counterpart in the source (added?)", path=t.path
                )

    # --- untranslated ------------------------------------------------------------------------

    def _untranslated(self, unit: Unit, src_lang: str, tgt_lang: str) -> Iterator[Hit]:
        if src_lang == tgt_lang:
            return
        for t in unit.target:
            words = WORD.findall(t.text)
            lower = [w for w in words if w[:1].islower() and len(w) >= 3]
            if len(words) < MIN_WORDS or len(lower) < 3:
                continue  # short, or names only
            same = any(key(t.text) == key(s.text) for s in unit.source)
            lang, prob = detect(t.text, [src_lang, tgt_lang])
            if same or (lang == src_lang and prob >= UNTRANSLATED_PROB):
                why = "repeats the source verbatim" if same else f"is in {language_name(src_lang)}"
                yield Hit(
                    UNTRANSLATED,
                    t.span,
                    f"this sentence {why}, not {language_name(tgt_lang)}: left untranslated",
                    path=t.path,
                )

    # --- numbers and dates -------------------------------------------------------------------

    def _numbers(self, unit: Unit, window: list[Unit]) -> Iterator[Hit]:
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

    def _dates(self, unit: Unit, window: list[Unit], src_loc: Locale, tgt_loc: Locale) -> Iterator[Hit]:
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

    # --- glossary and names ------------------------------------------------------------------

    def _glossary(self, unit: Unit, window: list[Unit], ctx: Context, tgt_loc: Locale) -> Iterator[Hit]:
        if ctx.matcher is None or not len(ctx.matcher):
            return
        src_lang = ctx.source_lang or "fr"
        found = []
        for s in unit.source:
            for m in ctx.matcher.find(s.text):
                forms = {key(f) for f in m.entry.source.get(src_lang, [])}
                if key(m.text) in forms:
                    found.append((s, m))
        if not found:
            return
        matches = [m for u in window for t in u.target for m in ctx.matcher.find(undotted(t.text))]
        rendered = {m.entry.id for m in matches}
        accepted_here = {m.entry.id for m in matches if m.form.role in ACCEPTED}
        reported: set[str] = set()
        for s, m in found:
            entry = m.entry
            if entry.id in accepted_here or entry.id in reported:
                continue
            if entry.id in rendered:
                continue  # a wrong form is there: TQ101/TQ103 report it on the word itself
            good = [f.text for f in entry.forms() if f.role in ACCEPTED and f.role is not Role.SOURCE]
            if any(short_form(f, window) for f in good):
                continue
            if rendered_as_adjective(good, window, tgt_loc):
                continue  # "the Iraqi battlefields" renders "les champs de bataille d'Irak"
            reported.add(entry.id)
            listing = " or ".join(f"'{f}'" for f in good[:3])
            yield Hit(
                GLOSSARY_TERM_NOT_RENDERED,
                Span(unit.target[0].span.start, unit.target[-1].span.end),
                f"the source names '{m.text}' ({entry.canonical}); this translation has no {listing}",
                related=(
                    RelatedHit(s.path, s.mapped.span(m.span.start, m.span.end), f"'{m.text}' in the source"),
                ),
                path=unit.target[0].path,
            )

    def _names(
        self,
        unit: Unit,
        common: Callable[[str], bool],
        words: TargetWords,
        ctx: Context,
        locales: tuple[Locale, Locale],
    ) -> Iterator[Hit]:
        src_loc, tgt_loc = locales
        candidates, codes, target_text, acronyms = words
        glossary_keys: set[str] = set()
        if ctx.matcher is not None:
            for s in unit.source:
                for m in ctx.matcher.find(s.text):
                    glossary_keys.update(fold(p) for p in re.split(r"[\s'’-]+", m.text) if p)
        lost: list[tuple[Sentence, int, int]] = []
        for s in unit.source:
            for start, end, tokens in names_in(s.text, common):
                keys = [fold(t) for t in tokens]
                # one word of the name kept is enough: institutions get translated word by word
                # (Conseil national -> National Council), people keep at least a surname
                if any(k in glossary_keys or fuzzy_in(k, candidates, codes) for k in keys):
                    continue
                if "".join(keys) in candidates:
                    continue  # You Tube -> YouTube
                if exonym_rendered(s.text[start:end], src_loc, tgt_loc, target_text, candidates):
                    continue  # Christophe Colomb -> Columbus, La Haye -> The Hague
                initials = "".join(w[:1] for w in s.text[start:end].split() if w[:1].isupper())
                if len(initials) >= 2 and initials.upper() in acronyms:
                    continue  # New York -> N.Y., Nations Unies -> UN is not this, but NU would be
                lost.append((s, start, end))
        if lost:  # one finding per sentence: the engine keeps one finding per span
            names = " and ".join(f"'{s.text[a:b]}'" for s, a, b in lost)
            yield Hit(
                NAME_MISSING,
                Span(unit.target[0].span.start, unit.target[-1].span.end),
                f"the source names {names} but this translation does not",
                related=tuple(
                    RelatedHit(s.path, s.mapped.span(a, b), f"'{s.text[a:b]}' in the source")
                    for s, a, b in lost
                ),
                path=unit.target[0].path,
            )

    # --- quotes and brackets -----------------------------------------------------------------

    def _balance(
        self, doc: Document, all_units: list[Unit], src_loc: Locale, tgt_loc: Locale
    ) -> Iterator[Hit]:
        groups: dict[int, tuple[list[Sentence], list[Sentence]]] = {}
        for u in all_units:
            src, tgt = groups.setdefault(u.group, ([], []))
            src.extend(u.source)
            tgt.extend(u.target)
        for src, tgt in groups.values():
            src_text = "\n".join(s.text for s in src)
            for open_, close in (*BRACKETS, *quote_pairs(src_loc, tgt_loc)):
                if unmatched(src_text, open_, close):
                    continue
                for t, pos in unmatched_in(tgt, open_, close):
                    mark = t.text[pos]
                    yield Hit(
                        UNBALANCED_QUOTES,
                        t.mapped.span(pos, pos + 1),
                        f"unmatched '{mark}' in the translation; the source's {open_}{close} are balanced",
                        path=t.path,
                    )


def _explained(hits: Iterable[Hit], untranslated: list[Hit]) -> Iterator[Hit]:
    """Leave out what an untranslated sentence already explains: a sentence left in the source
    language differs from the translation in names, dates and numbers too, and one finding (TQ403)
    says why."""
    for h in hits:
        if not any(
            u.path == h.path and u.span.start < h.span.end and h.span.start < u.span.end for u in untranslated
        ):
            yield h
