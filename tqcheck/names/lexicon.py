"""Word frequencies of the target language: a common word is not a name to respell.

Title-case words of ordinary news (``Profit``/``Prophet``, ``Shield``/``Child``, ``Prize``/``Price``)
look like transliteration variants to the letter rules, and in a long text they always find a
partner. What separates them from ``Taliban``/``Taleban`` or ``Gaddafi``/``Kadhafi`` is that both
forms are words that the language already uses, or that one of them is an everyday word and the
other no word at all (``Union``/``Unnion``: a typo of a word, a speller's job, not a name variant).

The frequencies are pyspellchecker's maintained per-language dictionaries
(:mod:`tqcheck.dictionary`, each read from an index in the user cache), only when a TQ2 check
compares two names. Where no dictionary ships for a language, nothing is filtered.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

from tqcheck.dictionary import Dictionary, dictionary
from tqcheck.names.learned import normalise, word_distance
from tqcheck.names.translit import token_key
from tqcheck.names.usage import ATTESTED_ZIPF, zipf
from tqcheck.pairing import lang_base

#: A word this frequent (Zipf: log10 of occurrences per billion words) is an everyday word of the
#: language: ``Price`` 4.7, ``Prize`` 4.2, ``Bush`` 3.7, ``China`` 3.3 (``Sham`` 2.9, ``Ali`` 3.0 and
#: ``Taliban`` 2.5 stay below it).
COMMON_ZIPF = 3.0
#: Two dictionary words both at least this frequent are two names or two words, not two spellings
#: (``Davies``/``Davis``, ``Frances``/``Francis``); ``Mohammed``/``Muhammad`` (2.3) stay below it.
ESTABLISHED_ZIPF = 2.5


class Lexicon:
    """Word -> Zipf frequency for one language (:func:`lexicon`), each word read once."""

    def __init__(self, words: Dictionary, lang: str | None = None) -> None:
        self._words = words
        self.lang = lang
        self._scale = 1e9 / words.total if words.total else 0.0
        self._counts: dict[str, int | None] = {}

    def zipf(self, word: str) -> float | None:
        """``log10`` of the word's frequency per billion words; ``None`` when it is not a word."""
        key = word.lower()
        c = self._counts.get(key, -1)
        if c == -1:
            c = self._counts[key] = self._words.count(key)
        if not c or not self._scale:
            return None
        return math.log10(c * self._scale)


@cache
def lexicon(lang: str | None) -> Lexicon | None:
    """The frequency list of ``lang`` (``en``, ``fr``, ``de`` ...), loaded on first use; ``None`` if absent."""
    if not lang:
        return None
    words = dictionary(lang_base(lang))
    return Lexicon(words, lang) if words is not None else None


def words_not_names(x: str, y: str, lex: Lexicon, alone: bool = True, among_names: bool = False) -> bool:
    """Are ``x`` and ``y`` (two words that differ) words of the language rather than one name spelt twice?

    Yes when both are dictionary words and one is an everyday word (``Prize``/``Price``) or both
    are established (``Davies``/``Davis``); or when one is an everyday word and the other no word
    at all (``Group``/``Grup``, ``Labor``/``Labour``, ``City``/``Citi``). Inside a longer name
    (``alone`` false) two romanisations of one name word keep the pair (``Khaled Said``/``Khaled
    Saeed``, ``Khan Said``/``Khan Sayed``: :func:`romanised`); ``among_names``: no other word of
    the name is an everyday word (``Alyaksandr Hryhoryavich``, not ``European Union``).
    """
    zx, zy = lex.zipf(x), lex.zipf(y)
    if zx is None and zy is None:
        return False
    if zx is not None and zy is not None:
        return max(zx, zy) >= COMMON_ZIPF or min(zx, zy) >= ESTABLISHED_ZIPF
    common = zx if zx is not None else zy
    assert common is not None
    other = y if zy is None else x
    return common >= COMMON_ZIPF and (alone or not romanised(x, y, other, lex.lang, not among_names))


#: Learned distance per letter (nats) below which two words read as one name's romanisations ...
ROMANISED_PER_LETTER = 0.8
#: ... and among other name words (``Alyaksandr``/``Alexander``, ``Park``/``Pak``), the bound every
#: aligned word of a name must meet anyway (:data:`tqcheck.names.decision.MAX_WORD_COST`).
AMONG_NAMES_PER_LETTER = 1.2


def romanised(x: str, y: str, other: str, lang: str | None, attested: bool = True) -> bool:
    """Are ``x``/``y`` two romanisations of one name word rather than a word and its typo?

    The same transliteration key (``Saeed``/``Said``), or close by the learned distance while the
    form missing from the dictionary (``other``) is still a name English writes (``Sayed``,
    ``Aleksandr``: wordfreq, which counts names too; ``Euroean`` and ``Unitd`` are nobody's name).
    Among other name words (``attested`` false: ``Alyaksandr Hryhoryavich``, ``Jin Hyok Park``)
    closeness is enough.
    """
    if token_key(x) == token_key(y):
        return True
    per_letter = word_distance(x, y) / max(len(normalise(x)), len(normalise(y)), 1)
    if not attested:
        return per_letter <= AMONG_NAMES_PER_LETTER
    z = zipf(other, lang)
    return per_letter <= ROMANISED_PER_LETTER and z is not None and z >= ATTESTED_ZIPF


def lexical_clash(
    a: Sequence[str],
    b: Sequence[str],
    lang: str | None,
    named_a: Sequence[bool] = (),
    named_b: Sequence[bool] = (),
) -> bool:
    """Do name cores ``a`` and ``b`` differ only in ordinary words of ``lang`` (so: not one name)?

    Aligned word by word; a pair where one side is written with an Arabic article (``al-Sham``:
    ``named_*`` true) is a name whatever the dictionary says. Names of different lengths
    (``World Cup``/``Worldcup``) clash when every word of the longer one is an everyday word.
    """
    lex = lexicon(lang)
    if lex is None:
        return False
    na = list(named_a) + [False] * (len(a) - len(named_a))
    nb = list(named_b) + [False] * (len(b) - len(named_b))
    if len(a) == len(b):
        for i, (x, y, ax, by) in enumerate(zip(a, b, na, nb, strict=True)):
            if x.casefold() == y.casefold() or ax or by:
                continue
            rest = [w for j, w in enumerate([*a, *b]) if j % len(a) != i]
            among_names = not any((z := lex.zipf(w)) is not None and z >= COMMON_ZIPF for w in rest)
            if words_not_names(x, y, lex, alone=len(a) == 1, among_names=among_names):
                return True
        return False
    longer, flags = (a, na) if len(a) > len(b) else (b, nb)
    if any(flags):
        return False
    return all((z := lex.zipf(w)) is not None and z >= COMMON_ZIPF for w in longer)
