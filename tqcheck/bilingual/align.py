"""Source<->target sentence alignment by dynamic programming (Gale-Church with a similarity).

Used by the bilingual checks and the neural scorer. Beads are 1-1, 1-2, 2-1, 1-0 and 0-1;
the cost mixes a length-ratio term (Gale & Church 1993) with an optional similarity between a
source sentence and a target sentence (Bleualign's idea: chrF of the back-translation), so a
neural model improves the alignment when available and length alone still works without one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: similarity(src_indices, tgt_indices) in [0, 1], e.g. chrF of back-translation vs source.
Similarity = Callable[[tuple[int, ...], tuple[int, ...]], float]

#: (source sentences, target sentences) per bead, with a prior penalty (Gale-Church priors).
_BEADS: tuple[tuple[int, int, float], ...] = (
    (1, 1, 0.0),
    (1, 2, 2.3),
    (2, 1, 2.3),
    (1, 0, 4.5),
    (0, 1, 4.5),
)


@dataclass(frozen=True, slots=True)
class Bead:
    """One aligned group: indices into the source and target sentence lists."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    cost: float

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


def _length_cost(ls: int, lt: int, ratio: float, variance: float = 6.8) -> float:
    """-log probability of the length pair under Gale-Church's normal model."""
    if ls == 0 and lt == 0:
        return 0.0
    mean = (ls + lt / ratio) / 2
    delta = (lt - ls * ratio) / math.sqrt(max(mean, 1.0) * variance)
    # two-tailed normal tail probability, floored to avoid log(0)
    p = max(math.erfc(abs(delta) / math.sqrt(2)), 1e-12)
    return -math.log(p)


def default_band(n: int, m: int) -> int:
    """Half-width of the diagonal band searched: wide enough for the length difference plus slack."""
    return abs(n - m) + max(10, min(40, (n + m) // 10))


def align(
    source_lengths: Sequence[int],
    target_lengths: Sequence[int],
    similarity: Similarity | None = None,
    sim_weight: float = 6.0,
    band: int | None = None,
    ratio: float | None = None,
) -> list[Bead]:
    """Best monotone alignment of two sentence lists given their character lengths.

    ``ratio`` (target chars per source char) is estimated from the totals unless given, so the
    same code serves any language pair; a caller that knows the pair's ratio passes it. Only cells within ``band`` sentences of the diagonal are
    searched (default :func:`default_band`), which keeps long documents linear in time and
    bounds the number of (costly) similarity calls; alignments of translated news never
    stray far from the diagonal.
    """
    n, m = len(source_lengths), len(target_lengths)
    total_s, total_t = sum(source_lengths), sum(target_lengths)
    if ratio is None or ratio <= 0:
        ratio = (total_t / total_s) if total_s and total_t else 1.0
    width = default_band(n, m) if band is None else max(band, abs(n - m) + 1)
    pre_s = [0]
    for x in source_lengths:
        pre_s.append(pre_s[-1] + x)
    pre_t = [0]
    for x in target_lengths:
        pre_t.append(pre_t[-1] + x)

    def in_band(i: int, j: int) -> bool:
        centre = i * m / n if n else 0.0
        return abs(j - centre) <= width

    inf = float("inf")
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int, float]] = {}
    for i in range(n + 1):
        centre = i * m / n if n else 0.0
        lo, hi = max(0, int(centre - width) - 1), min(m, int(centre + width) + 1)
        for j in range(lo, hi + 1):
            here = cost.get((i, j), inf)
            if here == inf:
                continue
            for di, dj, prior in _BEADS:
                ni, nj = i + di, j + dj
                if ni > n or nj > m or not in_band(ni, nj):
                    continue
                ls = pre_s[ni] - pre_s[i]
                lt = pre_t[nj] - pre_t[j]
                c = prior
                if di and dj:
                    c += _length_cost(ls, lt, ratio)
                    if similarity is not None:
                        sim = similarity(tuple(range(i, ni)), tuple(range(j, nj)))
                        c += sim_weight * (1.0 - sim)
                else:
                    c += 1.0 + (ls + lt) / 200.0  # longer dropped sentences cost more
                if here + c < cost.get((ni, nj), inf):
                    cost[(ni, nj)] = here + c
                    back[(ni, nj)] = (i, j, c)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        prev = back.get((i, j))
        if prev is None:  # unreachable: the band always contains a path of 1-0 and 0-1 beads
            break
        pi, pj, c = prev
        beads.append(Bead(tuple(range(pi, i)), tuple(range(pj, j)), c))
        i, j = pi, pj
    beads.reverse()
    return beads
