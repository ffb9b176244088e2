"""Source<->target sentence alignment by dynamic programming (Gale-Church with a similarity).

Used by the bilingual checks and the neural scorer. Beads are 1-1, 1-2, 2-1, 1-0 and 0-1;
the cost mixes a length-ratio term (Gale & Church 1993) with an optional similarity between a
source sentence and a target sentence (Bleualign's idea: chrF of the back-translation), so a
neural model improves the alignment when available and length alone still works without one.

Only a band of cells around the expected path is searched. Without anchors it is centred on the
diagonal and must be as wide as the two sides' difference in length, so a long document whose
sides drift apart (a dropped sentence every page) costs time quadratic in its length; with
anchors (sentence pairs known to translate each other: paragraphs, rare names and figures), the
band follows them and stays as narrow as the drift between two anchors.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

#: similarity(src_indices, tgt_indices) in [0, 1], e.g. chrF of back-translation vs source (never
#: above 1: :func:`align` skips a bead whose cost before the similarity already loses).
Similarity = Callable[[tuple[int, ...], tuple[int, ...]], float]

#: (source sentences, target sentences) per bead, with a prior penalty (Gale-Church priors).
_BEADS: tuple[tuple[int, int, float], ...] = (
    (1, 1, 0.0),
    (1, 2, 2.3),
    (2, 1, 2.3),
    (1, 0, 4.5),
    (0, 1, 4.5),
)
#: The order the beads ending in a cell are judged (indices into :data:`_BEADS`): 1-1 first,
#: then the cheap 1-0 and 0-1, so the costly similarity of a merge is often not needed.
_ORDER: tuple[int, ...] = (0, 3, 4, 1, 2)
#: Each bead's rank among those ending in one cell as a row-by-row pass meets their starts (the
#: start furthest up first, then the one furthest left: 2-1, 1-2, 1-1, 1-0, 0-1): of two beads of
#: equal cost the one met first wins, as when each cell pushed to its successors.
_MET: tuple[int, ...] = tuple(
    sorted(range(len(_BEADS)), key=lambda k: (-_BEADS[k][0], -_BEADS[k][1])).index(k)
    for k in range(len(_BEADS))
)
#: Half-width of an anchored band beyond the drift between two anchors (in sentences). 6, not
#: the first 10: on ten documents of 1,500 WMT development pairs with 654 planted drops, dropped
#: paragraphs and additions, 6 and even 4 found exactly what 10 found, 16% faster at 6
#: (``benchmarks/band_slack.py``); 6 leaves room for an anchor a few sentences off.
ANCHOR_SLACK = 6


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


def _rows(n: int, m: int, width: float) -> list[tuple[int, int]]:
    """Per source row, the target cells ``[lo, hi]`` within ``width`` of the diagonal."""
    out = []
    for i in range(n + 1):
        centre = i * m / n if n else 0.0
        lo = max(0, math.ceil(centre - width))
        hi = min(m, math.floor(centre + width))
        out.append((lo, hi))
    return out


def anchored_rows(
    n: int, m: int, anchors: Sequence[tuple[int, int]], slack: int | None = None
) -> list[tuple[int, int]]:
    """Per source row, the target cells ``[lo, hi]`` of a band that follows ``anchors``.

    Between two anchors the centre runs straight from one to the next and the half-width is
    ``slack`` plus how far the two sides drift apart there, so the band stays narrow wherever
    the anchors are dense, whatever the drift over the whole document.
    """
    if slack is None:
        slack = ANCHOR_SLACK
    knots = [(0, 0)]
    for i, j in sorted(anchors):
        if knots[-1][0] < i < n and knots[-1][1] < j < m:
            knots.append((i, j))
    knots.append((n, m))
    out: list[tuple[int, int]] = []
    width = slack
    for (i0, j0), (i1, j1) in pairwise(knots):
        width = slack + abs((i1 - i0) - (j1 - j0))
        for i in range(i0, i1):
            centre = j0 + (i - i0) * (j1 - j0) / (i1 - i0)
            out.append((max(0, math.ceil(centre - width)), min(m, math.floor(centre + width))))
    out.append((max(0, m - width), m))
    return out


def align(
    source_lengths: Sequence[int],
    target_lengths: Sequence[int],
    similarity: Similarity | None = None,
    sim_weight: float = 6.0,
    band: int | None = None,
    ratio: float | None = None,
    anchors: Sequence[tuple[int, int]] = (),
) -> list[Bead]:
    """Best monotone alignment of two sentence lists given their character lengths.

    ``ratio`` (target chars per source char) is estimated from the totals unless given, so the
    same code serves any language pair; a caller that knows the pair's ratio passes it. Only
    cells within ``band`` sentences of the diagonal are searched (default :func:`default_band`),
    or, given ``anchors`` (``(i, j)``: source sentence ``i`` translates to target sentence
    ``j``), cells near the path through them (:func:`anchored_rows`); either way the number of
    (costly) similarity calls stays bounded.
    """
    n, m = len(source_lengths), len(target_lengths)
    total_s, total_t = sum(source_lengths), sum(target_lengths)
    if ratio is None or ratio <= 0:
        ratio = (total_t / total_s) if total_s and total_t else 1.0
    if anchors and band is None:
        rows = anchored_rows(n, m, anchors)
    else:
        width = default_band(n, m) if band is None else max(band, abs(n - m) + 1)
        rows = _rows(n, m, width)
    pre_s = [0]
    for x in source_lengths:
        pre_s.append(pre_s[-1] + x)
    pre_t = [0]
    for x in target_lengths:
        pre_t.append(pre_t[-1] + x)

    inf = math.inf
    # cost and back-pointer of each cell, one list per source row (offset by the row's lo)
    cost = [[inf] * (hi - lo + 1) for lo, hi in rows]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (hi - lo + 1) for lo, hi in rows]
    if rows[0][0] == 0:
        cost[0][0] = 0.0
    for i in range(n + 1):
        lo, hi = rows[i]
        row, row_back = cost[i], back[i]
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            # the beads that end here, likeliest first: the similarity only adds to a bead's
            # cost (it is at most 1), so a bead whose cost without it cannot beat the best so
            # far is not asked for it; of two equal costs the one _MET ranks first is kept
            best, best_at, best_back = inf, len(_BEADS), None
            for k in _ORDER:
                di, dj, prior = _BEADS[k]
                at = _MET[k]
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                plo, phi = rows[pi]
                if pj < plo or pj > phi:
                    continue
                here = cost[pi][pj - plo]
                if here == inf:
                    continue
                ls = pre_s[i] - pre_s[pi]
                lt = pre_t[j] - pre_t[pj]
                c = prior
                if di and dj:
                    c += _length_cost(ls, lt, ratio)
                    if similarity is not None:
                        floor = here + c
                        if floor > best or (floor == best and at > best_at):
                            continue
                        sim = similarity(tuple(range(pi, i)), tuple(range(pj, j)))
                        c += sim_weight * (1.0 - sim)
                else:
                    c += 1.0 + (ls + lt) / 200.0  # longer dropped sentences cost more
                total = here + c
                if total < best or (total == best and at < best_at):
                    best, best_at, best_back = total, at, (pi, pj, c)
            row[j - lo] = best
            row_back[j - lo] = best_back
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        lo, hi = rows[i]
        prev = back[i][j - lo] if lo <= j <= hi else None
        if prev is None:  # unreachable: the band always contains a path of 1-0 and 0-1 beads
            break
        pi, pj, c = prev
        beads.append(Bead(tuple(range(pi, i)), tuple(range(pj, j)), c))
        i, j = pi, pj
    beads.reverse()
    return beads
