"""Glossary terms and names (TQ406, TQ407): entities the source names and the translation drops.

Names are looked for in the whole translation unit allowing transliteration, exonyms, demonyms
and acronyms (:mod:`tqcheck.bilingual.names`, :mod:`tqcheck.bilingual.exonyms`); a glossary
term counts as rendered by any accepted form, a short form or an adjective of a place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from tqcheck.bilingual.alignment import Unit
from tqcheck.bilingual.exonyms import exonym_rendered, rendered_as_adjective
from tqcheck.bilingual.lexicon import Lexicon, lexicon, stem
from tqcheck.bilingual.names import (
    TargetWords,
    fuzzy_in,
    names_in,
    short_form,
    title_case,
    undotted,
    written_otherwise,
)
from tqcheck.bilingual.rules import GLOSSARY_TERM_NOT_RENDERED, NAME_MISSING
from tqcheck.bilingual.sentences import Sentence
from tqcheck.glossary.model import ACCEPTED, ANY, Role
from tqcheck.locale import Locale
from tqcheck.model import Hit, RelatedHit, Span
from tqcheck.textfold import fold, key
from tqcheck.tokens import CAPS

if TYPE_CHECKING:  # the check package imports this one: no import back at run time
    from tqcheck.checks.base import Context


def glossary_hits(unit: Unit, window: list[Unit], ctx: Context, tgt_loc: Locale) -> Iterator[Hit]:
    matcher = ctx.matcher_for(tgt_loc.lang)  # the concepts as the target language sees them
    if matcher is None or not len(matcher):
        return
    src_lang = ctx.source_lang or "fr"
    found = []
    for s in unit.source:
        for m in matcher.find(s.text):
            forms = {key(f) for f in m.entry.source.get(src_lang, [])}
            if key(m.text) in forms:
                found.append((s, m))
    if not found:
        return
    matches = [m for u in window for t in u.target for m in matcher.find(undotted(t.text))]
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
        if written_otherwise(good, window) or _homograph_here(entry.homographs, window, tgt_loc):
            continue  # spelled another way (the variant checks' business), not left out
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


def name_hits(
    unit: Unit,
    common: Callable[[str], bool],
    words: TargetWords,
    ctx: Context,
    locales: tuple[Locale, Locale],
) -> Iterator[Hit]:
    src_loc, tgt_loc = locales
    candidates, codes, target_text, acronyms = words
    glossary_keys: set[str] = set()
    matcher = ctx.matcher_for(tgt_loc.lang)
    if matcher is not None:
        for s in unit.source:
            for m in matcher.find(s.text):
                glossary_keys.update(fold(p) for p in re.split(r"[\s'’-]+", m.text) if p)
    lost: list[tuple[Sentence, int, int]] = []
    lex = lexicon(src_loc.lang, tgt_loc.lang)
    for s in unit.source:
        if title_case(s.text):
            continue
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
            if translated(tokens, target_text, lex):
                continue  # Electeurs Libres -> Free Voters: a name translated word by word
            initials = "".join(w[:1] for w in s.text[start:end].split() if w[:1].isupper())
            if len(initials) >= 2 and initials.upper() in acronyms:
                continue  # New York -> N.Y., Nations Unies -> UN is not this, but NU would be
            if (short := _glossed(s.text, end)) is not None and short in acronyms:
                continue  # "Mitteldeutsche Rundfunk, MDR" -> "MDR Radio": the name's own acronym
            lost.append((s, start, end))
    if lost:  # one finding per sentence: the engine keeps one finding per span
        names = " and ".join(f"'{s.text[a:b]}'" for s, a, b in lost)
        yield Hit(
            NAME_MISSING,
            Span(unit.target[0].span.start, unit.target[-1].span.end),
            f"the source names {names} but this translation does not",
            related=tuple(
                RelatedHit(s.path, s.mapped.span(a, b), f"'{s.text[a:b]}' in the source") for s, a, b in lost
            ),
            path=unit.target[0].path,
        )


def _homograph_here(homographs: dict[str, list[str]], window: list[Unit], tgt_loc: Locale) -> bool:
    """A form the target language reads as something else elsewhere (English ``UNO``, a card
    game or a university) renders the entity where the source names it beside it: the source
    settles what it means."""
    forms = [*homographs.get(tgt_loc.lang, ()), *homographs.get(ANY, ())]
    rx = [re.compile(rf"(?<!\w){re.escape(f)}(?!\w)") for f in forms]
    return any(r.search(t.text) for r in rx for u in window for t in u.target)


def translated(name: list[str], target_text: str, lex: Lexicon) -> bool:
    """Every word of the name has a translation the lexicon knows among the translation's words
    (WMT newstest2009: Electeurs Libres -> Free Voters): a body's name rendered, not dropped. A
    person's name is not translated word by word, so it seldom passes."""
    if not lex or not name:
        return False
    there = {stem(w) for w in target_text.split()}
    return all(not lex.forward.get(stem(w), frozenset()).isdisjoint(there) for w in name)


#: the acronym a source gives right after a name: "Mitteldeutsche Rundfunk, MDR", "(DGB)"; written
#: as the translation's acronyms are read (:data:`tqcheck.tokens.CAPS`), so the two compare
_GLOSS = re.compile(rf"\s*(?:,\s*|\(\s*|-\s*)({CAPS.pattern})\b")


def _glossed(text: str, end: int) -> str | None:
    """The acronym written right after the name ending at ``end``, if any: a translation may
    keep the acronym alone for the name."""
    m = _GLOSS.match(text, end)
    return m.group(1) if m else None
