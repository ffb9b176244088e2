"""Exonyms and demonyms, from locale data: a name the translation renders in its own way.

``La Haye`` is ``The Hague`` in English and ``Christophe Colomb`` is ``Columbus`` (the source
locale's ``exonyms``); ``les soldats d'Irak`` often become ``Iraqi soldiers`` (the target
locale's ``demonyms``, and adjective suffixes). The name and glossary comparisons ask here before
they call a name or a term missing.
"""

from __future__ import annotations

from functools import lru_cache

from tqcheck.bilingual.alignment import Unit
from tqcheck.locale import Locale, get
from tqcheck.textfold import fold
from tqcheck.tokens import WORD


def folded_words(text: str) -> str:
    """Folded words joined by single spaces, padded, for whole-word substring tests."""
    return " " + " ".join(WORD.findall(fold(text))) + " "


@lru_cache(maxsize=16)
def _demonym_table(lang: str) -> dict[str, frozenset[str]]:
    """Folded adjective or people form -> folded place names it renders (French -> france)."""
    out: dict[str, set[str]] = {}
    for place, forms in get(lang).demonyms.items():
        for f in forms:
            out.setdefault(fold(f), set()).add(fold(place))
    return {k: frozenset(v) for k, v in out.items()}


#: adjective suffix -> endings that may replace it to give the place name: Iraqi -> Iraq,
#: Syrian -> Syria, Italian -> Italy, Iranian -> Iran, Chinese -> China, Japanese -> Japan,
#: American -> America, Cuban -> Cuba
_DEMONYM_SUFFIXES = (("ian", ("ia", "y", "")), ("ese", ("a", "")), ("an", ("a", "")), ("i", ("",)))


def demonym_bases(words: set[str], tgt_loc: Locale) -> set[str]:
    """Place names that folded target words render as adjectives or peoples (Iraqi -> iraq):
    translators often turn "les soldats d'Irak" into "Iraqi soldiers"."""
    table = _demonym_table(tgt_loc.lang)
    out: set[str] = set()
    for w in words:
        for place in table.get(w, ()):
            out.add(place)
            out.update(place.split())
        for suffix, endings in _DEMONYM_SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                out.update(w[: -len(suffix)] + e for e in endings)
                break
    return out


def exonym_rendered(name: str, src_loc: Locale, tgt_loc: Locale, target: str, words: set[str]) -> bool:
    """Does the target render part of ``name`` by its exonym (La Haye -> The Hague) or by the
    exonym's adjective (Grande-Bretagne -> British)? ``target`` comes from :func:`folded_words`,
    ``words`` are the target's folded words with their :func:`demonym_bases`."""
    folded = folded_words(name)
    for src_form, renderings in _exonym_table(src_loc.lang, tgt_loc.lang):
        if src_form not in folded:
            continue
        for f in renderings:
            if f in target or f.strip() in words:
                return True
    return False


@lru_cache(maxsize=16)
def _exonym_table(src_lang: str, tgt_lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The source locale's exonyms into ``tgt_lang``, folded as :func:`folded_words` does."""
    table = get(src_lang).exonyms.get(tgt_lang, {})
    return tuple((folded_words(k), tuple(folded_words(r) for r in v)) for k, v in table.items())


def rendered_as_adjective(forms: list[str], window: list[Unit], tgt_loc: Locale) -> bool:
    """Does the window's target render one of ``forms`` (Iraq) by its adjective (Iraqi)?"""
    words = {fold(w) for u in window for t in u.target for w in WORD.findall(t.text)}
    bases = demonym_bases(words, tgt_loc)
    return any(fold(f) in bases for f in forms if " " not in f)
