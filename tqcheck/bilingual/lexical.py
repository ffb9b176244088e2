"""What a sentence shares with its translation whatever the language: the similarity features.

Figures (read with the language's conventions), names and acronyms, cognates
(gouvernement/government) and marks (quotes, brackets, ?, !), weighted by how well they tell the
sentences of one document apart; and character trigrams of words. The aligner
(:mod:`tqcheck.bilingual.alignment`) compares sentences with them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import jellyfish
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from tqcheck.bilingual.numbers import Key, Quantity
from tqcheck.locale import FUNCTION_ZIPF, Locale, common_words
from tqcheck.textfold import fold
from tqcheck.tokens import APOSTROPHE, DIGITS, WORD


def grams(text: str) -> frozenset[str]:
    """Folded character trigrams of words: cognates and names shared across languages.

    (Trigrams told a true French-English pair from its neighbour 90% of the time on WMT news,
    better than 4- or 5-grams or word prefixes.)
    """
    out: set[str] = set()
    for w in WORD.findall(fold(text)):
        if len(w) >= 3:
            out.update(w[i : i + 3] for i in range(len(w) - 2))
    for d in DIGITS.findall(text):
        out.update(f"#{d}#{k}" for k in range(4))  # a shared number weighs like a shared word
    return frozenset(out)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two trigram sets (0 when either is empty)."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


@dataclass
class Lexical:
    """What a sentence shares with its translation whatever the language: figures (read with the
    language's conventions), names and acronyms, cognates (gouvernement/government) and marks
    (quotes, brackets, ?, !). Weights are filled per document (see :func:`weigh`)."""

    #: folded word -> (is a name, may be a cognate, spellings to compare)
    words: dict[str, tuple[bool, bool, tuple[str, ...]]]
    numbers: dict[Key, tuple[Key, ...]]  # figure -> its alternative readings
    marks: frozenset[str]
    weights: dict[str, float] = field(default_factory=dict)
    total: float = 0.0
    #: ``words`` laid out for :func:`shared_weights`, built on first use
    index: _Index | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class _Index:
    """A sentence's word spellings in one list (for one C scan per spelling of the other
    sentence), each with its word and kind, and its names' spellings by sound."""

    forms: tuple[str, ...]
    owners: tuple[str, ...]
    names: tuple[bool, ...]
    cognates: tuple[bool, ...]
    sounds: dict[str, tuple[str, ...]]
    order: dict[str, int]


def _index(lex: Lexical) -> _Index:
    if lex.index is None:
        forms: list[str] = []
        owners: list[str] = []
        names: list[bool] = []
        cogs: list[bool] = []
        sounds: dict[str, tuple[str, ...]] = {}
        for w, (name, cognate, spellings) in lex.words.items():
            for f in spellings:
                forms.append(f)
                owners.append(w)
                names.append(name)
                cogs.append(cognate)
                if name and w not in sounds.get(sound(f), ()):
                    sounds[sound(f)] = (*sounds.get(sound(f), ()), w)
        order = {w: k for k, w in enumerate(lex.words)}
        lex.index = _Index(tuple(forms), tuple(owners), tuple(names), tuple(cogs), sounds, order)
    return lex.index


#: weights of a feature kind, times the word's informativeness in the document
NUMBER_WEIGHT = 3.0
NAME_WEIGHT = 2.0
MARK_WEIGHT = 0.5
#: shortest word that can be a cognate (shorter ones match by accident)
COGNATE_MIN = 5
#: Jaro-Winkler similarity from which two words are cognates (nucleaire/nuclear 0.96,
#: financiere/financial 0.90, crise/crisis 0.89); function words match too much by accident
#: (contre/country 0.88, entre/entire 0.96), so they are kept out (FUNCTION_ZIPF)
COGNATE_SIM = 0.86
NAME_SIM = 0.8
_MARKS = "«»“”()[]?!"


def features(text: str, numbers: list[Quantity], loc: Locale) -> Lexical:
    """The features of one sentence (``numbers`` already read from it), weights not yet filled."""
    words: dict[str, tuple[bool, bool, tuple[str, ...]]] = {}
    function = common_words(loc.lang, FUNCTION_ZIPF)
    for n, m in enumerate(WORD.finditer(text)):
        for part in APOSTROPHE.split(m.group()):
            name = (part.isupper() and len(part) >= 2) or (part[:1].isupper() and n > 0 and len(part) >= 3)
            if len(part) < COGNATE_MIN and not name:
                continue
            low = part.lower()
            f = fold(part)
            forms = [f]
            for rx, rep in loc.cognate_rewrites:
                other = fold(rx.sub(rep, low))
                if other not in forms:
                    forms.append(other)
            old = words.get(f)
            cognate = low not in function and len(part) >= COGNATE_MIN
            words[f] = (name or bool(old and old[0]), cognate, tuple(forms))
    nums: dict[Key, tuple[Key, ...]] = {}
    for q in numbers:
        nums[q.key] = nums.get(q.key, ()) + q.alts
    return Lexical(words, nums, frozenset(c for c in _MARKS if c in text))


def weigh(lexes: list[Lexical]) -> None:
    """Informativeness: a word in one sentence of the document tells sentences apart, one in every
    sentence (the topic: "euro", "Obama") tells little; inverse document frequency over the side."""
    df: dict[str, int] = {}
    for lex in lexes:
        for w in lex.words:
            df[w] = df.get(w, 0) + 1
    n = len(lexes)
    for lex in lexes:
        for w, (name, _, _) in lex.words.items():
            lex.weights[w] = (NAME_WEIGHT if name else 1.0) * (1.0 + math.log(n / df[w]))
        lex.total = (
            sum(lex.weights.values()) + NUMBER_WEIGHT * len(lex.numbers) + MARK_WEIGHT * len(lex.marks)
        )


@lru_cache(maxsize=65536)
def sound(word: str) -> str:
    """How a name sounds (Moscou/Moscow share it): metaphone."""
    return str(jellyfish.metaphone(word))


@lru_cache(maxsize=65536)
def cognates(a: str, b: str, names: bool) -> bool:
    """Same word in both languages: names by spelling or sound (Kadhafi/Gaddafi, Moscou/Moscow),
    other words by spelling (gouvernement/government, crise/crisis, nucléaire/nuclear)."""
    if a == b:
        return True
    if names:
        return JaroWinkler.similarity(a, b) >= NAME_SIM or sound(a) == sound(b)
    return JaroWinkler.similarity(a, b) >= COGNATE_SIM


def similar(word: str, choices: Sequence[str], least: float) -> list[tuple[int, float]]:
    """``(index, similarity)`` of the ``choices`` at least ``least`` Jaro-Winkler-similar to
    ``word``: one C scan, then each candidate's score as :func:`cognates` computes it (the scan
    rounds differently: ``turquie``/``turkish``, exactly 0.8, would be missed at the bar)."""
    if not choices:
        return []
    found = process.extract(
        word, choices, scorer=JaroWinkler.similarity, score_cutoff=least - 1e-6, limit=None
    )
    out = []
    for _, _, k in found:
        score = JaroWinkler.similarity(word, choices[k])
        if score >= least:
            out.append((k, score))
    return out


def close(word: str, choices: Sequence[str], least: float) -> bool:
    """Whether some of the ``choices`` is at least ``least`` Jaro-Winkler-similar to ``word``, as
    :func:`similar` would find: the scan's best only, unless its exact score misses the bar by
    the scan's rounding (then every candidate, as :func:`similar` does)."""
    if not choices:
        return False
    best = process.extractOne(word, choices, scorer=JaroWinkler.similarity, score_cutoff=least - 1e-6)
    if best is None:
        return False
    return JaroWinkler.similarity(word, best[0]) >= least or bool(similar(word, choices, least))


def shared_weights(a: Lexical, b: Lexical) -> tuple[float, float]:
    """Weight of ``a``'s features found in ``b`` and of ``b``'s found in ``a``.

    A word is found when the other sentence has it, or, where both are names, a spelling of it
    close by :func:`cognates` (names' rule), or, where both may be cognates, by the cognates'
    rule. Each spelling of ``a`` is compared with all of ``b``'s in one C scan
    (:func:`rapidfuzz.process.extract`), as the aligner asks this of thousands of pairs.
    """
    got_a = got_b = 0.0
    hit_b: set[str] = set()
    ib = _index(b)
    for w, (name, cognate, forms) in a.words.items():
        matched: set[str] = {w} if w in b.words else set()
        if name or cognate:
            least = NAME_SIM if name else COGNATE_SIM
            for x in forms:
                for at, score in similar(x, ib.forms, least):
                    if (name and ib.names[at]) or (cognate and ib.cognates[at] and score >= COGNATE_SIM):
                        matched.add(ib.owners[at])
                if name:
                    matched.update(ib.sounds.get(sound(x), ()))
        if matched:
            got_a += a.weights[w]
            # in the other sentence's word order: the sum below adds in the same order every run
            hit_b.update(sorted(matched, key=ib.order.__getitem__))
    got_b += sum(b.weights[v] for v in hit_b)
    b_keys = set(b.numbers)
    b_alts = {k for alts in b.numbers.values() for k in alts}
    a_keys = set(a.numbers)
    a_alts = {k for alts in a.numbers.values() for k in alts}
    for k, alts in a.numbers.items():
        if k in b_keys or k in b_alts or any(x in b_keys for x in alts):
            got_a += NUMBER_WEIGHT
    for k, alts in b.numbers.items():
        if k in a_keys or k in a_alts or any(x in a_keys for x in alts):
            got_b += NUMBER_WEIGHT
    common = len(a.marks & b.marks) * MARK_WEIGHT
    return got_a + common, got_b + common
