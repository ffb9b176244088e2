"""A learned transliteration distance between two words: what real romanisations change, and how often.

The hand rules of :mod:`tqcheck.names.translit` list the conventions someone thought of; the costs
here were learned (``benchmarks/train_translit.py``: stochastic edit distance, EM over every
alignment) from real pairs of spellings: aliases on the OFAC sanctions list and GeoNames'
alternate place names. One operation rewrites up to two letters as up to two letters (``q``->``gh``,
``dh``->``z``, ``ou``->``u``, ``x``->``ks``, a doubled letter written once), and the frame of the
word (``^word$``) may be part of it, so a change at a word's start or end has its own cost. An
operation costs how much less likely real romanisations make it than copying the letters (in
nats); a word's distance to another is the cheapest sequence of operations. Operations the data
never showed cost :data:`UNSEEN_SUB` or :data:`UNSEEN_INDEL`.

The table is a small TSV (``tqcheck/data/translit-costs.tsv``) read once, on first use, in a few
milliseconds.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

#: Segment shapes (letters read from each word) of one operation.
SHAPES = ((1, 0), (0, 1), (1, 1), (1, 2), (2, 1), (2, 2))
#: Cost of a one-letter substitution, insertion or deletion the training data never showed.
UNSEEN_SUB = 9.0
UNSEEN_INDEL = 9.0
_NON_LETTER = re.compile(r"[^a-z]")


@lru_cache(maxsize=65536)
def normalise(word: str) -> str:
    """Lower-case ASCII letters only: ``Ja'Fari`` -> ``jafari``, ``Çavuşoğlu`` -> ``cavusoglu``
    (remembered: clustering asks it of every word of every spelling at each comparison)."""
    decomposed = unicodedata.normalize("NFKD", word.replace("ı", "i").replace("ł", "l").replace("ø", "o"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NON_LETTER.sub("", plain)


def frame(word: str) -> str:
    return f"^{word}$"


@cache
def _table() -> tuple[dict[tuple[str, str], float], str]:
    """(operation -> cost, the file's header) from the shipped TSV; empty when it is missing."""
    res = resources.files("tqcheck").joinpath("data", "translit-costs.tsv")
    try:
        text = res.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):  # pragma: no cover - shipped with the package
        return {}, ""
    table: dict[tuple[str, str], float] = {}
    header = []
    for line in text.splitlines():
        if line.startswith("#"):
            header.append(line[1:].strip())
            continue
        s, t, c = line.split("\t")
        table[s, t] = float(c)
    return table, "\n".join(header)


@cache
def _index() -> tuple[
    dict[tuple[str, str], float], dict[str, float], dict[str, float], dict[str, list[tuple[str, float]]]
]:
    """The table split for the search: letter substitutions, deletions, insertions, and the
    operations on two letters by what they read from the first word."""
    sub: dict[tuple[str, str], float] = {}
    dele: dict[str, float] = {}
    ins: dict[str, float] = {}
    multi: dict[str, list[tuple[str, float]]] = {}
    for (s, t), c in _table()[0].items():
        if len(s) == len(t) == 1:
            sub[s, t] = c
        elif len(s) == 1 and not t:
            dele[s] = c
        elif len(t) == 1 and not s:
            ins[t] = c
        elif s:
            multi.setdefault(s, []).append((t, c))
    return sub, dele, ins, multi


def provenance() -> str:
    """The table's header: how it was made (data version, seed, counts)."""
    return _table()[1]


def op_cost(s: str, t: str) -> float:
    """The learned cost of writing segment ``s`` as ``t`` (0 for a copy)."""
    if s == t:
        return 0.0
    c = _table()[0].get((s, t))
    if c is not None:
        return c
    if len(s) + len(t) == 1:
        return UNSEEN_INDEL
    if len(s) == len(t) == 1:
        return UNSEEN_SUB
    return float("inf")  # longer segments only as learned; the one-letter steps cover the rest


@lru_cache(maxsize=65536)
def word_distance(x: str, y: str) -> float:
    """The cheapest learned rewriting of word ``x`` into ``y`` (symmetric; 0 for equal words).

    ``Qadhafi``/``Ghathafi``, ``Serhiy``/``Sergey`` and ``Mohammed``/``Muhammad`` are cheap;
    ``Hama``/``Homs`` and ``Hamid``/``Hamida`` are not. The frame letters ``^``/``$`` are only
    ever copied, or rewritten together with their neighbour by a learned operation.
    """
    a, b = frame(normalise(x)), frame(normalise(y))
    if a == b:
        return 0.0
    sub, dele, ins, multi = _index()
    n, m = len(a), len(b)
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    where: dict[str, list[int]] = {}
    # inserting column j's letter (never a frame letter), the same on every row
    insert = [inf if q in "^$" else ins.get(q, UNSEEN_INDEL) for q in b] + [inf]
    for i in range(n + 1):
        row = best[i]
        p = a[i] if i < n else ""
        framed_p = p in "^$"
        # learned operations on one or two letters read here (a framed one only matches at its frame)
        ops = [(i + 1, t, c) for t, c in multi.get(p, ())] if p else []
        if i + 1 < n:
            ops += [(i + 2, t, c) for t, c in multi.get(a[i : i + 2], ())]
        if p:
            below = best[i + 1]
            # rewriting this letter as column j's (a copy costs nothing, a frame letter only copies)
            diagonal = [
                0.0 if q == p else inf if framed_p or q in "^$" else sub.get((p, q), UNSEEN_SUB) for q in b
            ]
            drop = inf if framed_p else dele.get(p, UNSEEN_INDEL)
            for j in range(m + 1):
                here = row[j]
                if here == inf:
                    continue
                if j < m:
                    c = here + diagonal[j]
                    if c < below[j + 1]:
                        below[j + 1] = c
                c = here + drop
                if c < below[j]:
                    below[j] = c
                c = here + insert[j]
                if c < row[j + 1 if j < m else j]:
                    row[j + 1] = c
        else:  # the last row: only insertions
            for j in range(m):
                here = row[j]
                if here != inf and here + insert[j] < row[j + 1]:
                    row[j + 1] = here + insert[j]
        # the learned operations, once the row is final, only where ``b`` holds what they write
        # (the same minimum as trying each at every column, without testing every column)
        for i2, t, c in ops:
            at = where.get(t)
            if at is None:
                at = where[t] = _positions(b, t)
            target, size = best[i2], len(t)
            for j in at:
                v = row[j] + c
                if v < target[j + size]:
                    target[j + size] = v
    return best[n][m]


def _positions(text: str, part: str) -> list[int]:
    """Every offset where ``text`` holds ``part`` (every offset, the end included, for ``""``)."""
    if not part:
        return list(range(len(text) + 1))
    out = []
    k = text.find(part)
    while k >= 0:
        out.append(k)
        k = text.find(part, k + 1)
    return out
