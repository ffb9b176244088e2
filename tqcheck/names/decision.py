"""One calibrated score for "these two written names are one name", and the threshold it must reach.

The evidence: the learned word distance of each pair of aligned words (per letter, mean and
worst), the share of words written identically, the hand rules' verdict
(:func:`tqcheck.names.similarity.compare_names`), what the alignment had to assume (articles,
particles, abbreviations, merged words, order: :mod:`tqcheck.names.align`), a word that only gains
or loses an ending (``Mansour``/``Mansouri``), and word frequency (both forms of a word common in
the target language: ``Chan``/``Chen``). A logistic model combines them; its weights and the
threshold were fitted by ``benchmarks/calibrate_names.py`` on the train quarter of the OFAC pairs
(``tqcheck/data/name-decision.json`` records how), the threshold where that quarter has at most
:data:`TARGET_FALSE_RATE` false pairs.

Context moves the bar, never the score: a lone word (``Kadhafi``, a one-word name or a second
reference by surname) has nothing else to agree with, so it must reach
``lone_threshold`` and be at least :data:`LONE_MIN_LETTERS` letters long, or be accepted by the hand
rules. Names the target language knows apart (:mod:`tqcheck.names.usage`,
:mod:`tqcheck.names.lexicon`) are vetoed by the clustering, whatever the score.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from tqcheck.names.align import REORDER_ABOVE, Alignment, align
from tqcheck.names.similarity import compare_names
from tqcheck.names.usage import DISTINCT_ZIPF, zipf

#: The false-pair rate the threshold was fitted to on the train quarter of the OFAC pairs.
TARGET_FALSE_RATE = 0.0075
#: A lone word shorter than this is paired by the hand rules only (``Sun``/``Son``, ``Omar``/``Amr``).
LONE_MIN_LETTERS = 5
#: No word of a name may be further than this from its partner (learned nats per letter): real
#: romanisations stay below it (``Kassem``/``Qasim`` 1.14, ``Mohamed``/``Muhammad`` 1.04), other
#: names are above it (``Sadeghi``/``Sedaghati`` 1.40, ``Obama``/``Osama`` 1.57, ``Lukic``/``Simic``
#: 3.9), however well the rest of the name agrees.
MAX_WORD_COST = REORDER_ABOVE
#: One word of a longer name may reach this when the whole name scores above the lone-word bar
#: (``Omgy``/``Umqy`` 1.26, ``Epinemio``/``Epimenio`` 1.32): other names stay above it
#: (``Sadeghi``/``Sedaghati`` 1.40, ``Rahman``/``Rahim`` 1.68).
FAR_WORD_COST = 1.38
#: Words in another order make one name only in a name of three words or more (``Melina Ramirez
#: Serna`` / ``Serna Melina Ramirez``); two names side by side swap freely (``Huber-Beckstein``).
MIN_REORDERED = 3
FEATURES = ("mean_cost", "max_cost", "exact_share", "rules", "edits", "ending", "common", "words")


@dataclass(frozen=True, slots=True)
class Decision:
    """The verdict, its calibrated score (0..1) and why."""

    same: bool
    score: float
    reason: str
    alignment: Alignment | None = None


_NO = Decision(False, 0.0, "words do not pair")


@dataclass(frozen=True)
class Model:
    bias: float
    weights: dict[str, float]
    threshold: float
    lone_threshold: float
    provenance: str


@cache
def model() -> Model:
    """The fitted weights (``tqcheck/data/name-decision.json``), read once."""
    res = resources.files("tqcheck").joinpath("data", "name-decision.json")
    data = json.loads(res.read_text(encoding="utf-8"))
    return Model(
        float(data["bias"]),
        {k: float(data["weights"][k]) for k in FEATURES},
        float(data["threshold"]),
        float(data["lone_threshold"]),
        str(data.get("provenance", "")),
    )


def _silent_letter(word: str, extra: str) -> bool:
    """A final letter that spells no ending of its own: a doubled last letter (``Zaw``/``Zaww``), an
    ``h`` after a vowel or closing a digraph (``Rabbu``/``Rabbuh``, ``Ronnayut``/``Ronnayuth``), the
    mute ``e`` French writes after a consonant (``Evarist``/``Evariste``, ``Slimane``)."""
    last = word[-1:]
    if extra == last:
        return len(word) >= 3
    if extra == "h":
        return last in "aeiouy" or last in "tdkgs"
    return extra == "e" and last.isalpha() and last not in "aeiouy"


def _ending_only(x: str, y: str) -> bool:
    """One word is the other plus an ending or a beginning (``mansouri``, ``hamida``, ``brahim``).

    Not one final letter that spells nothing (:func:`_silent_letter`: the mute ``e`` of
    ``Burhane``/``Slimane``/``Evariste``, ``Rabbuh``, ``Zaww``): that is a spelling convention.
    """
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    if len(long_) == len(short) + 1 and long_.startswith(short) and _silent_letter(short, long_[-1]):
        return False
    return short != long_ and (long_.startswith(short) or long_.endswith(short))


def per_letter(al: Alignment) -> list[float]:
    """Each aligned pair's learned distance per letter (0 for abbreviations and initials)."""
    return [u.cost / max(len(u.left), len(u.right), 1) for u in al.units]


def plausible(al: Alignment, endings: bool = False, limit: float = MAX_WORD_COST) -> bool:
    """Every pair of aligned words could be one word romanised twice (:data:`MAX_WORD_COST`), and
    none only gains or loses letters at an end: ``Blair``/``Blairish``, ``Saxon``/``Saxons``,
    ``Abkhazia``/``Abkhazian``, ``Mansour``/``Mansouri`` are derived or other words (the hand rules
    alone may still pair an ending they know, ``Tamana``/``Tamanah``). ``endings``: allow them where
    other evidence says one thing is meant (a gazetteer's ``Alep`` for Aleppo)."""
    if not endings and any(_ending_only(u.left, u.right) for u in al.units if u.kind in ("word", "merged")):
        return False
    return max(per_letter(al)) <= limit


def _far_but_strong(al: Alignment, p: float, m: Model) -> bool:
    """One word of a longer name a little past :data:`MAX_WORD_COST` (up to :data:`FAR_WORD_COST`:
    ``Epinemio``/``Epimenio``, ``Omgy``/``Umqy``, ``Zaw``/``Zaww``) while the whole name scores
    above ``lone_threshold``, the bar no pair of different people on the train quarter reached."""
    if al.partial or len(al.units) < 2 or p < m.lone_threshold:
        return False
    far = [c for c in per_letter(al) if c > MAX_WORD_COST]
    return len(far) == 1 and far[0] <= FAR_WORD_COST and plausible(al, endings=False, limit=FAR_WORD_COST)


def features(al: Alignment, rules: bool, lang: str | None) -> dict[str, float]:
    """The evidence of one alignment, as the model reads it."""
    costs = per_letter(al)
    differ = [u for u in al.units if not u.exact]
    common = 0
    for u in differ:
        if u.kind != "word":
            continue
        zx, zy = zipf(u.left, lang), zipf(u.right, lang)
        if zx is not None and zy is not None and min(zx, zy) >= DISTINCT_ZIPF:
            common += 1
    return {
        "mean_cost": sum(costs) / len(costs),
        "max_cost": max(costs),
        "exact_share": 1.0 - len(differ) / len(al.units),
        "rules": 1.0 if rules else 0.0,
        "edits": float(al.edits),
        "ending": float(sum(_ending_only(u.left, u.right) for u in differ if u.kind == "word")),
        "common": float(common),
        "words": float(min(len(al.units), 4)),
    }


def score(feats: dict[str, float], m: Model | None = None) -> float:
    m = m or model()
    z = m.bias + sum(m.weights[k] * feats[k] for k in FEATURES)
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@lru_cache(maxsize=65536)
def _decide(
    a: tuple[str, ...], b: tuple[str, ...], art_a: tuple[bool, ...], art_b: tuple[bool, ...], lang: str | None
) -> Decision:
    al = align(a, b, art_a, art_b)
    if al is None:
        return _NO
    if al.partial:
        u = al.units[0]
        rules = compare_names((a[u.left_at[0]],), (b[u.right_at[0]],)).same
    else:
        rules = len(a) == len(b) and compare_names(a, b).same
    p = score(features(al, rules, lang))
    m = model()
    if not rules and not plausible(al) and not _far_but_strong(al, p, m):
        return Decision(False, p, "a word is too far from its partner", al)
    if al.reordered and len(al.units) < MIN_REORDERED:
        return Decision(False, p, "two words in the other order", al)  # Beckstein-Huber / Huber-Beckstein
    if al.partial or len(al.units) == 1:
        letters = min(len(al.units[0].left), len(al.units[0].right))
        if rules or (p >= m.lone_threshold and letters >= LONE_MIN_LETTERS):
            return Decision(True, p, "lone word", al)
        return Decision(False, p, "lone word below the bar", al)
    if p >= m.threshold or rules:
        return Decision(True, p, "calibrated score" if not rules else "hand rules", al)
    return Decision(False, p, "calibrated score below the bar", al)


def decide(
    a: Sequence[str],
    b: Sequence[str],
    art_a: Sequence[bool] = (),
    art_b: Sequence[bool] = (),
    lang: str | None = "en",
) -> Decision:
    """Are cores ``a`` and ``b`` (with which words are written with an Arabic article) one name?"""
    return _decide(tuple(a), tuple(b), tuple(bool(x) for x in art_a), tuple(bool(x) for x in art_b), lang)
