"""TQ203: a place written the way another language spells it, found in the gazetteer without a glossary.

An MT system translating a French dispatch writes ``Idleb``, ``Mossoul``, ``Syrte``: names of
real cities, but French ones, which GeoNames lists among the cities' alternate names. A mention
that is an alternate name of a place (and the main name of none) is reported against the form
English writes for that place, when all of this holds:

- English hardly writes the form (wordfreq Zipf below :data:`~tqcheck.names.usage.ATTESTED_ZIPF`:
  ``Tripolis``, 1.7, is also a Greek town's name and stays), and the source language writes it
  more (:data:`SOURCE_LEAD`; ``Mossoul`` 3.3 in French): GeoNames lists every language's forms,
  and a Czech ``Florenc`` (a Prague district) or a Spanish girl called ``Adelaida`` is no
  leftover of a French original;
- every place the form can name agrees on one English form, written at least
  :data:`~tqcheck.names.usage.USUAL_ZIPF` and ten times more often (:data:`~tqcheck.names.usage.USUAL_GAP`);
- the two forms are spellings of one name by the learned transliteration distance
  (:func:`tqcheck.names.decision.plausible`): GeoNames also lists translations and old names
  (``Cham`` for Damascus, ``Emesa`` for Homs), which are never suggested;
- no house glossary says otherwise: a form the glossary matches is left to TQ1xx, and a target the
  glossary lists as a variant is never suggested.

The fix is inferred from data (unsafe): ``--unsafe-fixes`` applies it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tqcheck.glossary.matcher import Matcher, MatchIndex
from tqcheck.model import FixSafety, Hit, Rule, Severity
from tqcheck.names.align import align
from tqcheck.names.decision import plausible
from tqcheck.names.gazetteer import fold, named, names_of
from tqcheck.names.mentions import Mention
from tqcheck.names.references import is_implied
from tqcheck.names.usage import ATTESTED_ZIPF, USUAL_GAP, USUAL_ZIPF, zipf

PLACE_VARIANT = Rule(
    "TQ203",
    "place-variant",
    Severity.WARNING,
    "A place written in another language's spelling (found in the gazetteer, without a glossary)",
    "The name is one of a real place's alternate names in GeoNames (Idleb, Mossoul, Syrte: the "
    "French forms of Idlib, Mosul, Sirte) that English hardly writes, while English writes the "
    "suggested form of that place far more often. Translations and historical names the gazetteer "
    "also lists (Cham for Damascus) are never suggested, two different places are never confused "
    "(Tripoli / Tripolis), and house glossaries win: a form they know is left to TQ1xx. The fix is "
    "inferred from the gazetteer and English usage, so it is unsafe (--unsafe-fixes).",
    fix=FixSafety.UNSAFE,
)


#: How much more often (Zipf) the source language writes the form than English does.
SOURCE_LEAD = 0.5


def english_form(name: str, lang: str | None) -> str | None:
    """The form ``lang`` writes for every place that ``name`` is an alternate (never main) name of."""
    if not _alternate_only(name):
        return None
    places = named(name)
    forms: set[str] = set()
    for place, _ in places:
        scored = [(zipf(n, lang) or 0.0, -i, n) for i, n in enumerate(names_of(place.id))]
        if not scored:
            return None
        forms.add(max(scored)[2])
    if len(forms) != 1:
        return None  # Tripolis: the Libyan and Lebanese Tripoli, but also a Greek and a Turkish town
    return forms.pop()


def _alternate_only(name: str) -> bool:
    """Whether ``name`` names a place, and is the main name of none (one gazetteer lookup)."""
    places = named(name)
    return bool(places) and not any(main for _, main in places)


def _spelt_alike(written: str, target: str) -> bool:
    al = align(written.replace("-", " ").split(), target.replace("-", " ").split())
    return al is not None and not al.partial and plausible(al, endings=True)


def place_hits(
    mentions: Sequence[Mention],
    matches: MatchIndex,
    matcher: Matcher | None,
    lang: str | None,
    source_lang: str | None,
) -> Iterable[Hit]:
    """TQ203 for each mention that is a place written in another language's spelling."""
    seen: dict[str, str | None] = {}
    for m in mentions:
        if any(is_implied(t) for t in m.tokens) or matches.covering(m.span) is not None:
            continue
        written = m.text
        if written not in seen:
            seen[written] = _target(written, matcher, lang, source_lang)
        target = seen[written]
        if target is not None:
            msg = (
                f"'{written}' is another language's spelling of the place English writes "
                f"'{target}' (GeoNames; no glossary lists it)"
            )
            yield Hit(PLACE_VARIANT, m.span, msg, target)


def _target(written: str, matcher: Matcher | None, lang: str | None, source_lang: str | None) -> str | None:
    if not _alternate_only(written):
        return None  # no place's alternate name (most mentions): asked before any word frequency
    z = zipf(written, lang)
    if z is None or z >= ATTESTED_ZIPF:
        return None  # no usage data for the language, or a form English itself writes
    zs = zipf(written, source_lang) if source_lang and source_lang != lang else None
    if zs is None or zs - z < SOURCE_LEAD:
        return None  # not the source language's spelling either
    target = english_form(written, lang)
    if target is None or fold(target) == fold(written):
        return None  # diacritics alone are house style (TQ201 lists them)
    zt = zipf(target, lang) or 0.0
    if zt < USUAL_ZIPF or zt - z < USUAL_GAP or not _spelt_alike(written, target):
        return None
    if matcher is not None and any(not g.accepted for g in matcher.find(target)):
        return None  # the house glossary lists the English form as a variant: never suggest it
    return target
