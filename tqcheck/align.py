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


def align(
    source_lengths: Sequence[int],
    target_lengths: Sequence[int],
    similarity: Similarity | None = None,
    sim_weight: float = 6.0,
) -> list[Bead]:
    """Best monotone alignment of two sentence lists given their character lengths.

    ``ratio`` (target chars per source char) is estimated from the totals, so the same
    code serves any language pair.
    """
    n, m = len(source_lengths), len(target_lengths)
    total_s, total_t = sum(source_lengths), sum(target_lengths)
    ratio = (total_t / total_s) if total_s and total_t else 1.0
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for di, dj, prior in _BEADS:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                ls = sum(source_lengths[i:ni])
                lt = sum(target_lengths[j:nj])
                c = prior
                if di and dj:
                    c += _length_cost(ls, lt, ratio)
                    if similarity is not None:
                        sim = similarity(tuple(range(i, ni)), tuple(range(j, nj)))
                        c += sim_weight * (1.0 - sim)
                else:
                    c += 1.0 + (ls + lt) / 200.0  # longer dropped sentences cost more
                if here + c < cost[ni][nj]:
                    cost[ni][nj] = here + c
                    back[ni][nj] = (i, j, c)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        prev = back[i][j]
        if prev is None:  # unreachable with 1-0 and 0-1 beads, kept for safety of types
            break
        pi, pj, c = prev
        beads.append(Bead(tuple(range(pi, i)), tuple(range(pj, j)), c))
        i, j = pi, pj
    beads.reverse()
    return beads
