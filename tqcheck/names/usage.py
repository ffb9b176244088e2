"""How the target language uses a name: two well-known names are two names, and which spelling is usual.

Letter rules pair ``Harris``/``Haris``, ``Cameron``/``Cameroon``, ``Kaiser``/``Caesar``; the
language's own usage tells them apart: both forms are names English writers use all the time
(wordfreq's frequencies, which cover names as well as words), or one is a place and the other is
not a name of it (:mod:`tqcheck.names.places`). ``Taliban``/``Taleban`` or ``Netanyahu``/
``Netanyahou`` are different: one form is rare or unknown in English.

The same usage gives the direction of a fix. The usual spelling is the one the target language
writes ten times more often (``Netanyahu``, never the French ``Netanyahou``), or, between two
forms English hardly knows, the one without French transliteration conventions (``al-Sham``, not
``al-Cham``). A direction is a property of the two spellings alone (never of which one an article
happens to use more), so no run can suggest both ``Chávez`` -> ``Chavez`` and the reverse; where
usage does not settle it (``Chávez``/``Chavez``, ``Morsi``/``Mursi``) there is no direction.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from functools import lru_cache

from tqcheck import wordlists
from tqcheck.locale.words import eliding
from tqcheck.names.places import same_place
from tqcheck.names.translit import french_markers, strip_accents

#: Two single-word names both at least this frequent in the target language (Zipf: log10 of uses
#: per billion words) are two names: ``Harris`` 4.4 / ``Haris`` 2.3, ``Ernst`` / ``Ernest``,
#: ``Argentina`` / ``Argentine``; ``Morsi`` 2.7 / ``Mursi`` 2.0 and ``Taliban`` / ``Taleban`` 1.7 stay one.
DISTINCT_ZIPF = 2.2
#: Across articles, a word of a longer name used in its own right in both forms (about once in 30
#: million words: ``Follett`` 2.3 / ``Fossett`` 1.6) names two people; typos of well-known names stay
#: below it (``Cliton`` 1.0, ``Silvain`` 1.2).
ATTESTED_ZIPF = 1.5
#: The usual spelling is at least this common (about one use in ten million words) ...
USUAL_ZIPF = 2.0
#: ... and at least this much commoner (ten times) than the other.
USUAL_GAP = 1.0


def _base(lang: str | None) -> str | None:
    code = (lang or "").split("-")[0].split("_")[0].lower()
    return code if code in wordlists.languages() else None


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str | None) -> float | None:
    """The Zipf frequency of ``word`` in ``lang`` (0.0: unknown); ``None`` when no list ships for
    ``lang``. wordfreq's value, read from its compiled index (:mod:`tqcheck.wordlists`)."""
    code = _base(lang)
    if code is None:
        return None
    return wordlists.zipf(word, code)


#: A word of the language, not a name or a borrowing: about one use per million words (``the``
#: 7.7, ``allies`` 4.2; ``là`` and ``modo`` are far below in English).
WORD_ZIPF = 3.0


def is_word(word: str, lang: str | None) -> bool:
    """Whether ``word`` is an ordinary word of ``lang`` (True where no word list ships for it)."""
    z = zipf(word, lang)
    return z is None or z >= WORD_ZIPF


def accent_only(x: str, y: str) -> bool:
    """``Chávez``/``Chavez``, ``Lukáš``/``Lukas``: one name, with and without its diacritics."""
    return strip_accents(x).casefold() == strip_accents(y).casefold()


def _pairs(
    a: Sequence[str], b: Sequence[str], named_a: Sequence[bool], named_b: Sequence[bool]
) -> list[tuple[str, str]]:
    """Aligned word pairs that differ, leaving out words written with an Arabic article (names)."""
    na = list(named_a) + [False] * (len(a) - len(named_a))
    nb = list(named_b) + [False] * (len(b) - len(named_b))
    return [
        (x, y)
        for x, y, ax, by in zip(a, b, na, nb, strict=True)
        if x.casefold() != y.casefold() and not (ax or by) and not accent_only(x, y)
    ]


def distinct_names(
    a: Sequence[str],
    b: Sequence[str],
    lang: str | None,
    named_a: Sequence[bool] = (),
    named_b: Sequence[bool] = (),
    across: bool = False,
) -> bool:
    """Are name cores ``a`` and ``b`` two different names that the target language knows apart?

    A single word: both forms are common names or words of ``lang`` (:data:`DISTINCT_ZIPF`), or
    one is a country or large city and the other is not a name of it. ``across`` (mentions from
    different articles, nothing else ties them): a single word pairs only with a form ``lang``
    has never seen (a typo, a foreign spelling: ``Berbr``, ``Netanyahou``), and in a longer name
    no differing word may be used in its own right in both forms (:data:`ATTESTED_ZIPF`:
    ``Steve Follett``/``Steve Fossett`` are two people). Two names of one place (``Kyiv``/``Kiev``)
    are never distinct; diacritics alone (``Chávez``/``Chavez``) never make two names.
    """
    if len(a) != len(b) or (len(a) > 1 and not across):
        return False
    for x, y in _pairs(a, b, named_a, named_b):
        place = same_place(x, y)
        if place is True:
            continue
        if place is False and len(a) == 1:
            return True
        zx, zy = zipf(x, lang), zipf(y, lang)
        if zx is None or zy is None:
            return False
        if not across:
            floor = DISTINCT_ZIPF
        elif len(a) == 1:
            floor = sys.float_info.min  # attested at all
        else:
            floor = ATTESTED_ZIPF
        if min(zx, zy) >= floor:
            return True
    return False


def _word_direction(x: str, y: str, lang: str | None, source_lang: str | None, named: bool) -> int | None:
    """0 when ``x`` is the usual spelling in ``lang``, 1 when ``y`` is, ``None`` when usage does not say.

    Diacritics are a house-style choice (``Chávez``/``Chavez``), and between two forms that are
    both established names (``Antonio``/``Antonis``) frequency says which name is commoner, not
    which one is meant: neither has a direction. A word written with an Arabic article somewhere
    (``named``: ``al-Cham``) is a name whatever the word list says (``sham``), so only the
    source-language conventions speak for it.
    """
    if accent_only(x, y):
        return None
    zx, zy = (None, None) if named else (zipf(x, lang), zipf(y, lang))
    if zx is not None and zy is not None:
        if min(zx, zy) >= DISTINCT_ZIPF:
            return None
        if max(zx, zy) >= USUAL_ZIPF and abs(zx - zy) >= USUAL_GAP:
            return 0 if zx > zy else 1
    if source_lang and source_lang.split("-")[0].lower() == "fr":
        fx, fy = french_markers(x), french_markers(y)
        if fx != fy:
            # the form without French conventions, unless English writes it notably less often
            winner = 0 if fx < fy else 1
            zw, zl = (zx, zy) if winner == 0 else (zy, zx)
            if zw is None or zl is None or zw >= zl - 0.5:
                return winner
    return None


def preferred(
    a: Sequence[str],
    b: Sequence[str],
    lang: str | None,
    source_lang: str | None = None,
    named_a: Sequence[bool] = (),
    named_b: Sequence[bool] = (),
) -> int | None:
    """Which of two spellings of one name the target language writes: 0 for ``a``, 1 for ``b``, ``None``.

    Every word that differs must point the same way; a name whose words differ in number has no
    direction. Antisymmetric: ``preferred(b, a)`` is the other answer or ``None`` too.
    """
    if len(a) != len(b):
        return None
    na = list(named_a) + [False] * (len(a) - len(named_a))
    nb = list(named_b) + [False] * (len(b) - len(named_b))
    winner: int | None = None
    for x, y, ax, by in zip(a, b, na, nb, strict=True):
        if x.casefold() == y.casefold():
            continue
        w = _word_direction(x, y, lang, source_lang, ax or by)
        if w is None or (winner is not None and w != winner):
            return None
        winner = w
    return winner


def better_known(
    a: Sequence[str],
    b: Sequence[str],
    lang: str | None,
    source_lang: str | None = None,
    named_a: Sequence[bool] = (),
    named_b: Sequence[bool] = (),
) -> tuple[int, bool] | None:
    """Which of two spellings of one name the language knows better: ``(0 or 1, strong)``, or ``None``.

    Weaker than :func:`preferred` and never a fix direction: it only tells a finding without a fix
    which form to point at (``Yoshihoko``, not ``Yoshihiko``; ``Clothilde``, not ``Clotilde``).
    Every differing word must lean the same way: the target language uses it more, or, where it
    knows neither form, the source language does (``Lanaudière``, not ``Lenaudière``). Two
    established names (``Antonio``/``Antonis``), diacritics alone and words written with an Arabic
    article say nothing. ``strong``: each winning word is common (:data:`USUAL_ZIPF`) and its other
    form unknown to the target language (``Netanyahu``/``Netanyahou``), so the winner is a
    well-known correct spelling whatever an article's counts.
    """
    if len(a) != len(b):
        return None
    pairs = _pairs(a, b, named_a, named_b)
    if not pairs:
        return None
    other = source_lang if _base(source_lang) not in (None, _base(lang)) else None
    votes: list[tuple[int, bool]] = []
    for x, y in pairs:
        zx, zy = zipf(x, lang), zipf(y, lang)
        if zx is None or zy is None or min(zx, zy) >= DISTINCT_ZIPF:
            return None
        if zx == zy and other is not None:
            sx, sy = zipf(x, other), zipf(y, other)
            if sx is not None and sy is not None and sx != sy:
                votes.append((0 if sx > sy else 1, False))
                continue
        if zx == zy:
            return None
        votes.append((0 if zx > zy else 1, max(zx, zy) >= USUAL_ZIPF and min(zx, zy) == 0.0))
    winners = {w for w, _ in votes}
    if len(winners) != 1:
        return None
    return winners.pop(), all(strong for _, strong in votes)


#: A French or Italian elided article or preposition right before a form (``l'``, ``d'``,
#: ``qu'``): the form stands in a source-language phrase.
_ELIDED = re.compile(
    r"(?:^|[^\w'’])(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu|dell|all|dall|nell|sull)['’]\Z", re.IGNORECASE
)
_WORD = re.compile(r"[^\W\d_]{2,}")
#: Words read on each side of a form, within its line.
AROUND_WORDS = 6


def in_source_language(text: str, start: int, end: int, lang: str | None, source_lang: str | None) -> bool:
    """Does the form at ``[start, end)`` stand inside a source-language phrase, not an English one?

    ``voir le document de l'UE pour vérifier``: replacing ``UE`` by ``EU`` there fixes nothing (the
    sentence needs translating), and ``l'Observatoire syrien ...`` -> ``l'Syrian Observatory ...``
    breaks it. Told by an elided article right before the form, or by the words around it: each
    word clearly commoner (ten times) in one language votes for it.
    """
    if not source_lang or _base(source_lang) is None or _base(source_lang) == _base(lang):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    # an elided article says "source language" only where the target itself never elides: in a
    # French translation, "la ville d'Aleppo" is French with an English name in it
    if not eliding(lang) and _ELIDED.search(text[max(line_start, start - 12) : start]):
        return True
    before = _WORD.findall(text[max(line_start, start - 120) : start])[-AROUND_WORDS:]
    after = _WORD.findall(text[end : min(line_end if line_end >= 0 else len(text), end + 120)])[:AROUND_WORDS]
    source = target = 0
    for word in before + after:
        zs, zt = zipf(word.lower(), source_lang), zipf(word.lower(), lang)
        if zs is None or zt is None:
            return False
        if zs - zt >= USUAL_GAP:
            source += 1
        elif zt - zs >= USUAL_GAP:
            target += 1
    return source >= 2 and source > target
