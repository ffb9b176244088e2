"""Are two written names one name? A decision from several signals, not one string ratio.

Plain string similarity cannot separate ``Hama``/``Homs`` or ``Iran``/``Iraq`` (one or two
letters apart, different places) from ``Tamanah``/``Tamana`` or ``Cham``/``Sham`` (one name). So the
decision is structural first: names are aligned word by word (articles dropped), each pair of
words must reach the same transliteration key, or the same consonant skeleton with only the vowel
changes that romanisations make, or one swap of letters that romanisations confuse. Edit
similarity (Jaro-Winkler) and phonetic keys (metaphone, NYSIIS, match rating) must then agree
for anything beyond an exact key match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
from rapidfuzz.distance import JaroWinkler, Levenshtein

from tqcheck.names.mentions import MAX_WORD_CHARS
from tqcheck.names.translit import (
    CONFUSABLE,
    class_skeleton,
    letter_swap_cost,
    strip_accents,
    token_key,
    translit_distance,
    vowel_slots,
    vowel_swap_cost,
)

#: Consonant swaps allowed on a word's first consonant (Qaddafi / Gaddafi, Kharkiv / Harkiv, Dhuhur /
#: Zuhour, Thawra / Sawra, Jamal / Gamal); the others (b/p, s/z, v/f) only inside a word.
INITIAL_SWAPS = frozenset(
    frozenset(p) for p in (("k", "g"), ("x", "h"), ("ð", "d"), ("ð", "z"), ("θ", "t"), ("θ", "s"), ("j", "g"))
)
#: Final vowels that romanisations write for one another: ta marbuta -a/-e/-eh, -o/-u.
FINAL_SWAPS = frozenset(frozenset(p) for p in (("a", "e"), ("o", "u")))

#: Above this summed cost two names are too far apart to be one spelling of one name.
MAX_TOKEN_COST = 1.0
MAX_TOTAL_COST = 1.5
#: Dropping a vowel inside a word (``Fatima``/``Fatma``).
DROP_COST = 0.5
#: One consonant written with a letter another romanisation uses (``Qaddafi``/``Gaddafi``).
SWAP_COST = 0.75
#: An a/i or a/u swap inside a word of six letters or more (short words: Hamid / Hamad differ).
LONG_VOWEL_COST = 0.75
#: One slipped letter in a long word of an otherwise identical multi-word name.
SLIP_COST = 1.0


@dataclass(frozen=True, slots=True)
class Verdict:
    """The decision with its cost and a short reason (for messages and the evaluation)."""

    same: bool
    cost: float
    reason: str


_NO = Verdict(False, 99.0, "")


def _phonetic_agree(x: str, y: str) -> bool:
    a, b = strip_accents(x).lower(), strip_accents(y).lower()
    if not (a.isalpha() and b.isalpha()):
        return False
    if jellyfish.metaphone(a) == jellyfish.metaphone(b) or jellyfish.nysiis(a) == jellyfish.nysiis(b):
        return True
    return bool(jellyfish.match_rating_comparison(a, b))


@lru_cache(maxsize=65536)
def token_cost(x: str, y: str) -> float | None:
    """Cost of reading word ``y`` as a spelling of word ``x``; ``None`` when it cannot be."""
    kx, ky = token_key(x), token_key(y)
    if kx == ky:
        return 0.0
    vx, vy = vowel_slots(kx), vowel_slots(ky)
    cx, cy = vx.consonants, vy.consonants
    cost = 0.0
    if cx != cy:
        if len(cx) != len(cy) or len(cx) < 2 or (len(cx) == 2 and vx.slots != vy.slots):
            return None
        diffs = [(n, p, q) for n, (p, q) in enumerate(zip(cx, cy, strict=True)) if p != q]
        if len(diffs) != 1 or frozenset(diffs[0][1:]) not in CONFUSABLE:
            return None
        if diffs[0][0] == 0 and frozenset(diffs[0][1:]) not in INITIAL_SWAPS:
            return None  # Peter / Better: Latin-script initials do not swap, Arabic ones do
        if set(diffs[0][1:]) == {"k", "g"} and "q" not in (x + y).lower():
            return None  # Kamal / Gamal are two names; only a written q is read as g
        cost += SWAP_COST
    if len(cx) <= 1:
        return None  # Ali / Aly agree by key or not at all
    drops = 0
    last = len(vx.slots) - 1
    for i, (p, q) in enumerate(zip(vx.slots, vy.slots, strict=True)):
        if p == q:
            continue
        if p and q:
            if i == last and frozenset((p, q)) not in FINAL_SWAPS:
                return None  # Policy / Police, Ali / Ala: a final vowel is part of the word
            swap = vowel_swap_cost(p, q)
            if (
                swap is None
                and {p, q} in ({"a", "i"}, {"a", "u"})
                and 0 < i < last
                and min(len(kx), len(ky)) >= 6
            ):
                swap = LONG_VOWEL_COST  # Jabril / Jibril: in a long word one vowel cannot make another name
            if swap is None:
                return None  # Hamid / Hamad, Omar / Amr
            cost += swap
            continue
        if i in (0, last) or len(cx) < 3 or len(p or q) > 1:
            return None  # Ibrahim / Brahim, Ali / Ala, Amr / Amir
        drops += 1
        cost += DROP_COST
    if drops > 1:
        return None
    limit = MAX_TOKEN_COST if len(kx) > 4 and len(ky) > 4 else 0.5
    if cost > limit:
        return None
    # corroboration: edit similarity and phonetic keys of the words as written
    jw = JaroWinkler.similarity(kx, ky)
    phon = _phonetic_agree(x, y)
    if cost <= 0.5:
        return cost if (jw >= 0.8 or phon) else None
    return cost if (jw >= 0.85 and phon) else None


def _one_slip(x: str, y: str) -> bool:
    """One letter changed inside a long word (``Guillen``/``Gullen``), the rest of the name identical.

    Not at either end, where Arabic and Slavic names change meaning or person (``Mansour`` /
    ``Mansouri``, ``Hamid``/``Hamida``), and only where edit and phonetic similarity agree.
    """
    kx, ky = token_key(x), token_key(y)
    if min(len(kx), len(ky)) < 5 or Levenshtein.distance(kx, ky) != 1:
        return False
    if kx[0] != ky[0] or kx[-1] != ky[-1]:
        return False
    return JaroWinkler.similarity(kx, ky) >= 0.9


#: A word of a longer name may be further from its partner (``Qadhafi``/``Gaddafi``: two consonant
#: swaps; ``Alyaksandr``/``Aleksandr``) when the rest of the name agrees letter for letter.
NEAR_MIN_LEN = 5
NEAR_COST_SHORT = 1.0  # keys of five to seven letters
NEAR_COST_LONG = 1.5  # eight letters or more


@lru_cache(maxsize=65536)
def near_cost(x: str, y: str) -> float | None:
    """Cost of ``y`` as a looser spelling of ``x`` (romanisation-aware edit distance); ``None`` if too far."""
    kx, ky = token_key(x), token_key(y)
    if min(len(kx), len(ky)) < NEAR_MIN_LEN or max(len(kx), len(ky)) > MAX_WORD_CHARS:
        return None  # too short to be safe; too long to be a name word (and to edit letter by letter)
    hx, hy = kx.lstrip("h"), ky.lstrip("h")
    if not (hx and hy and letter_swap_cost(hx[0], hy[0]) <= 0.75):
        return None  # Erkan / Serkan, Pena / Mendoza: a word does not gain or change its first sound
    d = translit_distance(kx, ky)
    if d > (NEAR_COST_LONG if min(len(kx), len(ky)) >= 8 else NEAR_COST_SHORT):
        return None
    if JaroWinkler.similarity(kx, ky) >= 0.85 or _phonetic_agree(x, y):
        return d
    return None


_GLUED = re.compile(r"^(?:al|el)(?=[^aeiouy-])", re.IGNORECASE)
#: Cost of an article written solid with its word (``Alzahrani``/``Zahrani``, ``Elkaddafi``).
GLUED_COST = 0.25


def _unglued(x: str) -> str | None:
    """``Alzahrani`` -> ``zahrani``: an Arabic article written solid; ``None`` for other words."""
    return x[2:] if len(x) >= 6 and _GLUED.match(x) else None


def _pair_cost(x: str, y: str) -> float | None:
    """:func:`token_cost`, or the same with an article written solid removed from one side."""
    c = token_cost(x, y)
    if c is not None:
        return c
    ux, uy = _unglued(x), _unglued(y)
    if (ux is None) == (uy is None):
        return None
    c = token_cost(ux, y) if ux is not None else token_cost(x, uy or "")
    return None if c is None else c + GLUED_COST


def _pair_near(x: str, y: str) -> float | None:
    c = near_cost(x, y)
    if c is not None:
        return c
    ux, uy = _unglued(x), _unglued(y)
    if (ux is None) == (uy is None):
        return None
    c = near_cost(ux, y) if ux is not None else near_cost(x, uy or "")
    return None if c is None else c + GLUED_COST


def compare_names(a: Sequence[str], b: Sequence[str]) -> Verdict:
    """Decide whether the cores ``a`` and ``b`` (articles removed) write one name."""
    if not a or not b:
        return _NO
    if len(a) == len(b) == 1 and min(len(token_key(a[0])), len(token_key(b[0]))) <= 4:
        # a lone short word is too often an English word (Sun / Son, Sky / Ski): exact key only
        same = token_key(a[0]) == token_key(b[0])
        return Verdict(True, 0.0, "same key") if same else _NO
    if len(a) == len(b):
        total = 0.0
        odd: list[tuple[str, str]] = []
        for x, y in zip(a, b, strict=True):
            c = _pair_cost(x, y) if len(a) >= 2 else token_cost(x, y)
            if c is None:
                odd.append((x, y))
                continue
            total += c
        if len(odd) == 1 and total == 0.0 and len(a) >= 2 and _one_slip(*odd[0]):
            return Verdict(True, SLIP_COST, "one letter in one word")
        # one word further off (two in a name of three words or more) while the rest agrees
        if odd and len(odd) <= max(1, len(a) - 2) and len(a) > len(odd) and total <= 0.5:
            near = [_pair_near(x, y) for x, y in odd]
            if all(c is not None for c in near):
                return Verdict(True, total + sum(c or 0.0 for c in near), "further off, rest agrees")
        if odd or total > MAX_TOTAL_COST:
            return _NO
        return Verdict(True, total, "word by word")
    # Abdel Rahman / Abdulrahman, Abu Bakr / Abubakr: compare the names written solid
    ja, jb = "".join(a), "".join(b)
    if abs(len(a) - len(b)) != 1 or min(len(ja), len(jb)) < 6:
        return _NO
    c = token_cost(ja, jb)
    if c is None or c > 0.5:
        return _NO
    return Verdict(True, c + 0.25, "written solid")


def block_keys(cores: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """Keys such that every pair :func:`compare_names` accepts shares at least one (no n² comparisons).

    The merged-class consonant skeleton of the whole name, plus for names of two or more words the
    other words' keys with one word left out (where a one-letter slip can hide).
    """
    keys = [token_key(c) for c in cores]
    out: list[tuple[str, ...]] = [("skeleton", class_skeleton("".join(keys)))]
    if len(keys) >= 2:
        for i in range(len(keys)):
            out.append(("slip", str(i), *keys[:i], *keys[i + 1 :]))
    return tuple(out)
