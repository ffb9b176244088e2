"""Sentence pairs that surely translate each other: the anchors a long document's alignment follows.

Gale-Church searches a band around the diagonal, and the band must be as wide as the two sides
drift apart: over a long document with a dropped sentence every few pages that is most of the
matrix, and time grows with the square of the length. Translations keep their paragraphs and
carry over rare names and figures, so those give pairs known without any search: the first
sentences of the k-th paragraphs (where both sides have as many), and the one sentence of each
side holding a name or a figure that no other sentence of either side holds. The longest chain
of such pairs that never crosses itself is kept; the aligner's band follows it
(:func:`tqcheck.bilingual.align.anchored_rows`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Sequence

from tqcheck.bilingual.align import default_band
from tqcheck.bilingual.sentences import Sentence

#: Below this many sentences (both sides) the diagonal band is cheap: no anchors are used, so a
#: news article aligns exactly as it always did.
ANCHORED_FROM = 300


def anchors(src: Sequence[Sentence], tgt: Sequence[Sentence]) -> list[tuple[int, int]]:
    """Anchor pairs ``(i, j)``, increasing on both sides (empty for a short document)."""
    n, m = len(src), len(tgt)
    if n + m < ANCHORED_FROM:
        return []
    found: set[tuple[int, int]] = set()
    firsts_src, firsts_tgt = _paragraph_starts(src), _paragraph_starts(tgt)
    if len(firsts_src) == len(firsts_tgt):
        found.update(zip(firsts_src, firsts_tgt, strict=True))
    where_src, where_tgt = _rare(src), _rare(tgt)
    for feature, i in where_src.items():
        j = where_tgt.get(feature)
        if j is not None:
            found.add((i, j))
    width = default_band(n, m)  # never outside the band the diagonal search would cover
    near = [(i, j) for i, j in found if abs(j - i * m / n) <= width]
    return _chain(near)


def _paragraph_starts(side: Sequence[Sentence]) -> list[int]:
    return [k for k, s in enumerate(side) if k == 0 or s.block != side[k - 1].block]


def _rare(side: Sequence[Sentence]) -> dict[Hashable, int]:
    """Names and figures held by exactly one sentence of the side, with that sentence."""
    seen: dict[Hashable, int] = {}
    shared: set[Hashable] = set()
    for k, s in enumerate(side):
        lex = s.lex
        if lex is None:
            continue
        features: set[Hashable] = {("#", key) for key in lex.numbers}
        features.update(("n", w) for w, (name, _, _) in lex.words.items() if name)
        for f in features:
            if f in seen:
                shared.add(f)
            else:
                seen[f] = k
    return {f: k for f, k in seen.items() if f not in shared}


def _chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs increasing in both ``i`` and ``j`` (patience sorting)."""
    # within one source sentence, higher j first, so two pairs of one row never chain
    pairs.sort(key=lambda p: (p[0], -p[1]))
    tails: list[int] = []  # smallest j ending a chain of each length
    ends: list[int] = []  # index into pairs of that chain's last pair
    before: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        before[k] = ends[pos - 1] if pos else -1
        if pos == len(tails):
            tails.append(j)
            ends.append(k)
        else:
            tails[pos] = j
            ends[pos] = k
    out: list[tuple[int, int]] = []
    k = ends[-1] if ends else -1
    while k >= 0:
        out.append(pairs[k])
        k = before[k]
    return out[::-1]
