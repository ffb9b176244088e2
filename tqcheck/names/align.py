"""Which words of two written names correspond: articles, particles, abbreviations, order, a lone surname.

``Saif al-Arab Gaddafi`` / ``Saif al-Arab al-Gaddafi``, ``Bayan Bitar`` / ``Bayan al-Bitar``,
``Mohammed Karim Yusop Faiz`` / ``Mohd Karim Yusop Faiz``, ``Hamidreza Malekouti`` / ``Hamid Reza
Malekouti``, ``Aweys Hassan Dahir`` / ``Hassan Dahir Aweys`` and ``Kadhafi`` after ``Muammar
Gaddafi`` all pair their words one to one once the romanisation's habits are undone: an article
written or not (or glued: ``Alsubaie``, ``Ezzor``), a particle dropped (``bin``), a word
abbreviated or cut in two, parts given in another order, or a second reference by surname.
:func:`align` finds the cheapest such pairing under the learned word distance and says what it
had to assume, so the decision (:mod:`tqcheck.names.decision`) can weigh it.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from tqcheck.names.learned import normalise, word_distance

#: Words a romanisation may write or leave out without changing the name (``Osama bin Laden``).
PARTICLES = frozenset(
    {"bin", "ibn", "ben", "bint", "binti", "de", "da", "di", "van", "von", "der", "la", "le"}
)
#: Written short forms of Muhammad (``Mohd Karim``, ``Mhd Amer``) ...
ABBREVIATIONS = frozenset({"md", "mhd", "mhmd", "mohd", "muhd"})
#: ... and the full name they stand for, however romanised (Mohammed, Muhammad, Mouhamed, Mohamad).
MUHAMMAD = re.compile(r"^m(?:[aeiou]|ou)h+[aeiou]m+[aeiou]d+$")
#: An Arabic article written solid with its word: ``Alsubaie``, ``Elkaddafi``, and the assimilated
#: ``Ezzor``, ``Assayed`` (the article's l becomes the sun letter that follows: ez-Zor, as-Sayed).
_GLUED = re.compile(r"^(?:[ae]l(?=[^aeiouy])|[aeu]([tdszrn]|sh|th|dh)(?=\1))")
#: Word orders tried: every permutation of names this short, the written order beyond, and only
#: when some word in the written order is further than :data:`REORDER_ABOVE` per letter from its partner.
MAX_PERMUTED = 5
REORDER_ABOVE = 1.2
#: Words sharing less than this (rapidfuzz ratio) are far apart without computing how far.
MIN_OVERLAP = 30
FAR_PER_LETTER = 3.0
#: A word of this many letters or fewer is compared only with another short word (initials aside).
INITIAL_LEN = 1


@dataclass(frozen=True, slots=True)
class Unit:
    """Words paired by the alignment: ``left`` and ``right`` as letters (a merged pair written solid)."""

    left: str
    right: str
    cost: float
    kind: str  # "word", "merged", "initial", "abbreviation", "glued"
    article_differs: bool = False
    left_at: tuple[int, ...] = ()  # which words of each name (indices into the cores)
    right_at: tuple[int, ...] = ()

    @property
    def exact(self) -> bool:
        return self.left == self.right


@dataclass(frozen=True, slots=True)
class Alignment:
    """The pairing of two names' words and what it had to assume."""

    units: tuple[Unit, ...]
    dropped: int  # particles written on one side only (``bin``)
    reordered: bool
    partial: bool  # one side is a lone word standing for the other's surname

    @property
    def edits(self) -> int:
        """Structural assumptions: particles, abbreviations, merges, glued articles, reordering.

        An article written on one side only is not one: it changes how a name is presented, not
        which name it is (the check reports it as a difference of its own)."""
        return self.dropped + sum(u.kind != "word" for u in self.units) + int(self.reordered)


def _unglued(word: str) -> str | None:
    m = _GLUED.match(word)
    if m is None or len(word) - m.end() < 3:
        return None
    return word[m.end() :]


@lru_cache(maxsize=65536)
def _pair(x: str, y: str, art_x: bool, art_y: bool) -> Unit:
    """The cheapest reading of normalised words ``x`` and ``y`` as one word."""
    differs = art_x != art_y
    if len(x) == INITIAL_LEN or len(y) == INITIAL_LEN:
        short, full = (x, y) if len(x) <= len(y) else (y, x)
        ok = full.startswith(short) and len(full) > 1
        return Unit(x, y, 0.0 if ok else float("inf"), "initial", differs)
    if x in ABBREVIATIONS or y in ABBREVIATIONS:
        short, full = (x, y) if x in ABBREVIATIONS else (y, x)
        if MUHAMMAD.match(full):
            return Unit(x, y, 0.0, "abbreviation", differs)
    best = Unit(x, y, _distance(x, y), "word", differs)
    if differs:
        # the side without a separate article may have it glued: Alsubaie / al-Subaiy, Ezzor / ez-Zor
        plain, other = (x, y) if art_y else (y, x)
        bare = _unglued(plain)
        if bare is not None:
            d = _distance(bare, other)
            if d < best.cost:
                best = Unit(x, y, d, "glued", False)
    return best


def _distance(x: str, y: str) -> float:
    """The learned distance, or a stand-in far above any romanisation when the letters barely
    overlap (no real pair on the OFAC development data is under :data:`MIN_OVERLAP`)."""
    if fuzz.ratio(x, y) < MIN_OVERLAP:
        return FAR_PER_LETTER * max(len(x), len(y))
    return word_distance(x, y)


@dataclass(frozen=True, slots=True)
class Word:
    letters: str  # normalised (lower-case ASCII letters)
    article: bool  # written with an Arabic article
    at: tuple[int, ...]  # index of the written word (two for words read as one)

    @property
    def merged(self) -> bool:
        return len(self.at) > 1


def _words(cores: Sequence[str], articles: Sequence[bool]) -> list[Word]:
    flags = list(articles) + [False] * (len(cores) - len(articles))
    out = []
    for i, (c, a) in enumerate(zip(cores, flags, strict=False)):
        letters = normalise(c)
        if letters:
            out.append(Word(letters, a, (i,)))
    return out


def _unit(x: Word, y: Word) -> Unit:
    u = _pair(x.letters, y.letters, x.article, y.article)
    kind = "merged" if (x.merged or y.merged) and u.kind == "word" else u.kind
    return Unit(u.left, u.right, u.cost, kind, u.article_differs, x.at, y.at)


def _ordered(left: list[Word], right: list[Word]) -> tuple[tuple[Unit, ...], bool] | None:
    """Pair equal-length word lists one to one: written order, or the cheapest permutation."""
    base = tuple(_unit(x, y) for x, y in zip(left, right, strict=True))
    best, best_cost, reordered = base, sum(u.cost for u in base), False
    far = any(u.cost > REORDER_ABOVE * max(len(u.left), len(u.right)) for u in base)
    if 1 < len(right) <= MAX_PERMUTED and far:
        # only orders where every pair shares letters are worth the learned distance
        close = [[fuzz.ratio(x.letters, y.letters) >= MIN_OVERLAP for y in right] for x in left]
        for perm in itertools.permutations(range(len(right))):
            if list(perm) == sorted(perm) or not all(close[i][j] for i, j in enumerate(perm)):
                continue
            units = tuple(_unit(left[i], right[j]) for i, j in enumerate(perm))
            cost = sum(u.cost for u in units)
            if cost < best_cost - 1e-9:
                best, best_cost, reordered = units, cost, True
    if best_cost == float("inf"):
        return None
    return best, reordered


def _merges(words: list[Word], k: int) -> list[list[Word]]:
    """``words`` with ``k`` adjacent pairs written solid (``Hamid Reza`` -> ``hamidreza``)."""
    if k == 0:
        return [words]
    out = []
    for i in range(len(words) - 1):
        one = Word(
            words[i].letters + words[i + 1].letters,
            words[i].article or words[i + 1].article,
            words[i].at + words[i + 1].at,
        )
        out += _merges([*words[:i], one, *words[i + 2 :]], k - 1)
    return out


def align(
    a: Sequence[str], b: Sequence[str], art_a: Sequence[bool] = (), art_b: Sequence[bool] = ()
) -> Alignment | None:
    """The cheapest one-to-one pairing of the words of names ``a`` and ``b`` (cores, articles apart).

    ``None`` when the words cannot be paired: numbers of words that particles, up to two merges
    and a lone surname do not explain.
    """
    wa, wb = _words(a, art_a), _words(b, art_b)
    if not wa or not wb:
        return None
    if (len(wa) == 1) != (len(wb) == 1):
        return _lone(wa, wb)
    ca = [w for w in wa if w.letters not in PARTICLES]
    cb = [w for w in wb if w.letters not in PARTICLES]
    pa = Counter(w.letters for w in wa if w.letters in PARTICLES)
    pb = Counter(w.letters for w in wb if w.letters in PARTICLES)
    dropped = sum(((pa - pb) + (pb - pa)).values())
    gap = len(ca) - len(cb)
    if not ca or not cb or abs(gap) > 2:
        return None
    best: Alignment | None = None
    for merged in _merges(ca if gap > 0 else cb, abs(gap)):
        got = _ordered(merged, cb) if gap > 0 else _ordered(ca, merged)
        if got is None:
            continue
        cand = Alignment(got[0], dropped, got[1], False)
        if best is None or _total(cand) < _total(best):
            best = cand
    return best


def _total(al: Alignment) -> float:
    return sum(u.cost for u in al.units) + 0.5 * al.edits


def _lone(wa: list[Word], wb: list[Word]) -> Alignment | None:
    """A lone word against a longer name: it stands for the surname (the last word, not a particle)."""
    lone, full = (wa, wb) if len(wa) == 1 else (wb, wa)
    content = [w for w in full if w.letters not in PARTICLES]
    if not content:
        return None
    unit = _unit(lone[0], content[-1]) if lone is wa else _unit(content[-1], lone[0])
    if unit.kind in ("initial", "abbreviation") or unit.cost == float("inf"):
        return None
    # a second reference by surname drops the article freely (Assad after Bashar al-Assad)
    plain = Unit(unit.left, unit.right, unit.cost, unit.kind, False, unit.left_at, unit.right_at)
    return Alignment((plain,), 0, False, True)
