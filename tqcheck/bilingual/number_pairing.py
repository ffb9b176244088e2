"""Number pairing: which figures of a passage's translation and source account for each other.

Figures are read by :mod:`tqcheck.bilingual.numbers`; here they are paired one to one
across the aligned units of a window, so what is left over on either side is what the check
reports (a changed, added or dropped figure).
"""

from __future__ import annotations

from tqcheck.bilingual.alignment import Unit
from tqcheck.bilingual.numbers import Key, Quantity
from tqcheck.bilingual.sentences import Sentence


def _pairs(q: Quantity, p: Quantity, exact: bool) -> bool:
    """Same figure: equal keys, else an alternative reading or a unit conversion (225 km/h =
    140 mph)."""
    return q.key == p.key if exact else (q.key in p.alts or p.key in q.alts or q.converts(p))


#: figures with the sentence they were read in
Pairs = list[tuple[Sentence, Quantity]]


def rival(q: Quantity, m: Quantity) -> bool:
    """Could ``m`` be the source figure that ``q`` changed? Digits may become any digits; a spelled
    number stands for a figure of the same kind within a factor of ten; the digit of a term (3D)
    stands only for another term's (3G), a figure for no term ("4x4" is no "3D")."""
    if q.term or m.term:
        return q.term and m.term
    if not q.spelled:
        return True
    if q.key[0] != m.key[0]:
        return False
    a, b = abs(q.key[1]), abs(m.key[1])
    return a == b or (a > 0 and b > 0 and max(a, b) <= 10 * min(a, b))


def unmatched_numbers(window: list[Unit]) -> tuple[Pairs, Pairs, Pairs]:
    """Strong figures of the window's target and source left over after pairing them one to one.

    Pairs are counted, not looked up in a set, so a figure changed into another figure of the
    same passage (two 5s become a 5 and a 7, the source still has two 5s) is still seen. Pairs
    form inside the same bead first, then across neighbours; exact values before alternative
    readings (90 = 1990, 20 heures = 8 p.m.); weak evidence (a, la moitié) last. Returns the
    target and source leftovers, and the source leftovers before weak evidence was used: an
    article ("A flurry of ...") may stand for a source "1", but it does not excuse a target
    figure that the source does not have while that "1" is unaccounted for.
    """
    src = [(k, s, q) for k, u in enumerate(window) for s in u.source for q in s.numbers]
    tgt = [(k, t, q) for k, u in enumerate(window) for t in u.target for q in t.numbers]
    used_s: set[int] = set()
    used_t: set[int] = set()
    strict_s: set[int] | None = None
    for same, exact, weak in (
        (True, True, False),
        (True, False, False),
        (False, True, False),
        (False, False, False),
        (False, True, True),
        (False, False, True),
    ):
        if weak and strict_s is None:
            strict_s = set(used_s)
        for ti, (tk, _, q) in enumerate(tgt):
            if ti in used_t or (not weak and not q.strong):
                continue
            for si, (sk, _, p) in enumerate(src):
                if si in used_s or (same and sk != tk) or (not weak and not p.strong):
                    continue
                if not q.strong and not p.strong:
                    continue  # two weak words prove nothing and would use up evidence
                if _pairs(q, p, exact):
                    used_s.add(si)
                    used_t.add(ti)
                    break
    # a spelled number is counted loosely: "les deux" may be "both", so one "deux" rendered
    # as "two" covers the others
    src_keys, src_alts = {q.key for _, _, q in src}, {a for _, _, q in src for a in q.alts}
    tgt_keys, tgt_alts = {q.key for _, _, q in tgt}, {a for _, _, q in tgt for a in q.alts}

    def left(
        side: list[tuple[int, Sentence, Quantity]], used: set[int], other: tuple[set[Key], set[Key]]
    ) -> Pairs:
        return [
            (x, q)
            for i, (_, x, q) in enumerate(side)
            if i not in used and q.strong and not (q.spelled and q.found_in(*other))
        ]

    return (
        left(tgt, used_t, (src_keys, src_alts)),
        left(src, used_s, (tgt_keys, tgt_alts)),
        left(src, strict_s or set(), (tgt_keys, tgt_alts)),
    )
