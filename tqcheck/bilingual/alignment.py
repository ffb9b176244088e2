"""Sentence alignment of a bilingual document: lengths plus lexical similarity, then a second look.

:func:`tqcheck.bilingual.align.align` (Gale-Church with a similarity term) pairs the sentences of each
group; the beads it returns are then revised where lengths alone mislead it: a free translation
reported as an omission next to an addition (:func:`join_gaps`), a sentence split in two
(``_absorb_splits``), an omission placed on the wrong one of two similar neighbours
(:func:`shift_gaps`) and an omission hidden in a 2-1 bead (:func:`settle_omissions`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tqcheck.bilingual.align import Bead, align
from tqcheck.bilingual.anchors import anchors
from tqcheck.bilingual.coverage import MergeSupport
from tqcheck.bilingual.lexical import dice, shared_weights
from tqcheck.bilingual.lexicon import lexicon
from tqcheck.bilingual.sentences import Sentence, sides
from tqcheck.document import Document

if TYPE_CHECKING:  # the check package imports this one: no import back at run time
    from tqcheck.checks.base import Context

#: Alignment similarity: a bead that keeps paragraph structure starts at STRUCTURE_SIM, shared
#: cognates, names and numbers add the rest; merging paragraphs costs the full SIM_WEIGHT.
STRUCTURE_SIM = 0.2
SIM_WEIGHT = 12.0
#: share of the weighted features (numbers, names, cognates) in the similarity; trigrams the rest
LEX_SHARE = 0.5
#: share of a 1-1 bead's similarity that comes from the lexicon (:meth:`MergeSupport.share`:
#: voiture/vehicle, arbres/trees, which cognates and trigrams miss) where a lexicon exists (WMT
#: development years: 0.2 to 0.8 all give dropped sentences 0.935, false alarms 0.49 -> 0.45)
PAIR_LEXICON = 0.5
#: weight of the same coverage added to the similarity that decides where a gap lies
#: (:func:`shift_gaps`; dropped sentences 0.930 -> 0.935 on the development years)
GAP_LEXICON = 1.0


@dataclass
class Unit:
    """An aligned bead: source and target sentences that translate each other."""

    source: list[Sentence]
    target: list[Sentence]
    group: int  # translation unit (pair) or 0 for a --source document
    #: for an omission: neighbouring source sentences that may be the omitted one instead (the
    #: pairs around the gap fit about as well either way)
    doubt: list[Sentence] = field(default_factory=list)


class LexicalSimilarity:
    """Similarity in [0, 1] of a group of source sentences and a group of target sentences for
    :func:`tqcheck.bilingual.align.align` when no neural model is at hand: the weighted share of features
    found on the other side (a Dice coefficient). Pairs are computed once and cached; a group's
    score adds its pairs' shared weights (capped by each sentence's own total)."""

    def __init__(self, src: list[Sentence], tgt: list[Sentence]) -> None:
        self.src, self.tgt = src, tgt
        self._pairs: dict[tuple[int, int], tuple[float, float]] = {}

    def total(self, i: int) -> float:
        """Weight of source sentence ``i``'s features (0: nothing to compare)."""
        lex = self.src[i].lex
        return lex.total if lex is not None else 0.0

    def coverage(self, i: int, ti: tuple[int, ...]) -> float:
        """Share of source sentence ``i``'s feature weight found in the target group."""
        total = self.total(i)
        return min(total, sum(self.pair(i, j)[0] for j in ti)) / total if total else 0.0

    def pair(self, i: int, j: int) -> tuple[float, float]:
        got = self._pairs.get((i, j))
        if got is None:
            a, b = self.src[i].lex, self.tgt[j].lex
            assert a is not None and b is not None
            got = self._pairs[(i, j)] = shared_weights(a, b)
        return got

    def __call__(self, si: tuple[int, ...], ti: tuple[int, ...]) -> float:
        total = 0.0
        shared = 0.0
        for i in si:
            lex = self.src[i].lex
            assert lex is not None
            total += lex.total
            shared += min(lex.total, sum(self.pair(i, j)[0] for j in ti))
        for j in ti:
            lex = self.tgt[j].lex
            assert lex is not None
            total += lex.total
            shared += min(lex.total, sum(self.pair(i, j)[1] for i in si))
        return shared / total if total else 0.0


def align_sides(
    src: list[Sentence],
    tgt: list[Sentence],
    doubts: dict[int, list[int]] | None = None,
    support: MergeSupport | None = None,
) -> list[Bead]:
    """Beads of the two sides; ``doubts`` receives, per omitted source sentence, the neighbours
    that may be the omitted one instead; ``support`` (a lexicon) vetoes merges the content does
    not support."""
    lexical = LexicalSimilarity(src, tgt)
    beads = _align_with(src, tgt, lexical, support)

    def pair_sim(i: int, j: int) -> float:
        sim = _similarity(src, tgt, lexical, (i,), (j,))
        return sim + GAP_LEXICON * support.share(i, j) if support is not None and sim else sim

    beads = shift_gaps(join_gaps(beads, src, tgt), pair_sim, doubts)
    return settle_omissions(beads, lexical, src)


def _similarity(
    src: list[Sentence],
    tgt: list[Sentence],
    lexical: LexicalSimilarity,
    si: tuple[int, ...],
    ti: tuple[int, ...],
) -> float:
    # paragraphs survive translation: a bead that merges or splits paragraphs is unlikely
    if len({src[i].block for i in si}) != len({tgt[j].block for j in ti}):
        return 0.0
    a = frozenset().union(*(src[i].grams for i in si))
    b = frozenset().union(*(tgt[j].grams for j in ti))
    sim = LEX_SHARE * min(1.0, 2.0 * lexical(si, ti)) + (1 - LEX_SHARE) * min(1.0, 2.0 * dice(a, b))
    return STRUCTURE_SIM + (1 - STRUCTURE_SIM) * sim


def _align_with(
    src: list[Sentence], tgt: list[Sentence], lexical: LexicalSimilarity, support: MergeSupport | None
) -> list[Bead]:
    def similarity(si: tuple[int, ...], ti: tuple[int, ...]) -> float:
        if support is not None and not support(si, ti):
            return 0.0  # a merge the content does not support costs the full similarity weight
        sim = _similarity(src, tgt, lexical, si, ti)
        if support is not None and len(si) == len(ti) == 1 and sim:
            # one sentence each: the lexicon says how well they render each other
            return (1 - PAIR_LEXICON) * sim + PAIR_LEXICON * support.share(si[0], ti[0])
        return sim

    lengths = ([len(s.text) for s in src], [len(t.text) for t in tgt])
    return align(*lengths, similarity, sim_weight=SIM_WEIGHT, anchors=anchors(src, tgt))


def join_gaps(beads: list[Bead], src: list[Sentence], tgt: list[Sentence]) -> list[Bead]:
    """An omission next to an addition is one sentence translated freely ("La stratégie du sucre
    et du fouet" / "Sugar and whip for drivers"): nothing shared, so the aligner kept them apart,
    but reporting both a dropped and an added sentence there is wrong twice. Likewise an addition
    next to a bead that merges two paragraphs. The pieces become 1-1 beads only where paragraphs
    keep the same offset on both sides around them: a dropped paragraph shifts the offset, a free
    translation does not."""

    def offset(b: Bead) -> int | None:
        return src[b.source[0]].block - tgt[b.target[0]].block if b.source and b.target else None

    out: list[Bead] = []
    for k, b in enumerate(beads):
        prev = out[-1] if out else None
        if prev is not None and (not (prev.source and prev.target) or not (b.source and b.target)):
            sources, targets = prev.source + b.source, prev.target + b.target
            if len(sources) == len(targets) in (1, 2):
                pieces = [Bead((i,), (j,), 0.0) for i, j in zip(sources, targets, strict=True)]
                here = {offset(x) for x in pieces}
                before = next((o for o in map(offset, reversed(out[:-1])) if o is not None), None)
                after = next((o for o in map(offset, beads[k + 1 :]) if o is not None), None)
                if len(here) == 1 and all(o is None or o in here for o in (before, after)):
                    out[-1:] = pieces
                    continue
        out.append(b)
    return _absorb_splits(out, src, tgt)


def _absorb_splits(beads: list[Bead], src: list[Sentence], tgt: list[Sentence]) -> list[Bead]:
    """A target sentence without a source in the same paragraph as its neighbour's translation,
    where that neighbour's source is one paragraph: the translator split a sentence in two (or
    the segmenter did), so it joins the neighbouring bead instead of being reported as added."""
    out = list(beads)
    k = 0
    while k < len(out):
        b = out[k]
        if not b.source and len(b.target) == 1:
            block = tgt[b.target[0]].block
            for n in (k - 1, k + 1):
                if not 0 <= n < len(out):
                    continue
                other = out[n]
                if (
                    other.source
                    and other.target
                    and len({src[i].block for i in other.source}) == 1
                    and {tgt[j].block for j in other.target} == {block}
                ):
                    target = tuple(sorted(other.target + b.target))
                    out[n] = Bead(other.source, target, other.cost + b.cost)
                    del out[k]
                    k -= 1
                    break
        k += 1
    return out


#: 1-1 beads looked at on each side of a gap when deciding where it lies
GAP_REACH = 3
#: a neighbouring gap position scoring within this of the chosen one is as likely: both
#: sentences are shown (lexical evidence is often too thin to tell them apart)
GAP_TIE = 0.05
#: similarity a moved gap must gain over the aligner's choice (sum over the pairs it changes;
#: on WMT dev sets right moves gained 0.2 and more, wrong ones about 0.12)
GAP_GAIN = 0.18


def shift_gaps(
    beads: list[Bead], pair_sim: Callable[[int, int], float], doubts: dict[int, list[int]] | None = None
) -> list[Bead]:
    """Local re-decision of where an omission (or addition) lies inside a run of 1-1 beads.

    Lengths cannot tell which of two similar neighbours the translation dropped, so the aligner
    may pair the dropped sentence with its neighbour's translation and report the neighbour.
    Each position of the gap inside the run is scored by the similarity of the 1-1 pairs it
    leaves; the gap moves only when another position is clearly better.
    """
    beads = list(beads)
    for k, b in enumerate(beads):
        if len(b.source) + len(b.target) != 1:
            continue
        side_src = bool(b.source)  # omission: a source sentence without a target
        lo = k
        while lo > 0 and k - lo < GAP_REACH and len(beads[lo - 1].source) == len(beads[lo - 1].target) == 1:
            lo -= 1
        hi = k
        while (
            hi + 1 < len(beads)
            and hi - k < GAP_REACH
            and len(beads[hi + 1].source) == len(beads[hi + 1].target) == 1
        ):
            hi += 1
        if lo == hi:
            continue
        run = beads[lo : hi + 1]
        gapped = [x for bead in run for x in (bead.source if side_src else bead.target)]
        others = [x for bead in run for x in (bead.target if side_src else bead.source)]

        def score(
            gap: int, gapped: list[int] = gapped, others: list[int] = others, side: bool = side_src
        ) -> float:
            kept = gapped[:gap] + gapped[gap + 1 :]
            return sum(pair_sim(g, o) if side else pair_sim(o, g) for g, o in zip(kept, others, strict=True))

        current = k - lo
        scores = [score(g) for g in range(len(gapped))]
        best = max(range(len(gapped)), key=lambda g: scores[g])
        if best == current or scores[best] < scores[current] + GAP_GAIN:
            best = current
        if side_src and doubts is not None:
            doubts[gapped[best]] = [
                gapped[n]
                for n in (best - 1, best + 1)
                if 0 <= n < len(gapped) and scores[n] >= scores[best] - GAP_TIE
            ]
        if best == current:
            continue
        kept = gapped[:best] + gapped[best + 1 :]
        new: list[Bead] = []
        for g, o in zip(kept[:best], others[:best], strict=False):
            new.append(Bead((g,), (o,), 0.0) if side_src else Bead((o,), (g,), 0.0))
        gap = gapped[best]
        new.append(Bead((gap,), (), 0.0) if side_src else Bead((), (gap,), 0.0))
        for g, o in zip(kept[best:], others[best:], strict=True):
            new.append(Bead((g,), (o,), 0.0) if side_src else Bead((o,), (g,), 0.0))
        beads[lo : hi + 1] = new
    return beads


#: a sentence of a 2-1 bead whose features are found in the target at under this share of its
#: partner's rate (and no more than MERGED_SHARE of its own weight) is taken as omitted
MERGED_RATIO = 0.5
MERGED_SHARE = 0.15


def settle_omissions(beads: list[Bead], lexical: LexicalSimilarity, src: list[Sentence]) -> list[Bead]:
    """Second look, with the lexical similarity alone, at the 2-1 beads that may hide an omission.

    Lengths cannot tell which of two neighbouring sentences a translation dropped, so the aligner
    may merge the dropped one into its neighbour. A 2-1 bead is split into a 1-1 and an omission
    when merging does not raise the similarity and one sentence's features are (almost) absent
    from the target while its partner's are there: the 1-0 bead is clearly better than merging.
    Only a bead that merges two paragraphs is split: translators often join two sentences of a
    paragraph (or the segmenter splits one), rarely two paragraphs.
    """
    out: list[Bead] = []
    for b in beads:
        if len(b.source) == 2 and len(b.target) == 1 and src[b.source[0]].block != src[b.source[1]].block:
            first, second = (b.source[0],), (b.source[1],)
            sims = (lexical(first, b.target), lexical(second, b.target))
            rates = [lexical.coverage(i, b.target) for i in b.source]
            lo = 0 if rates[0] < rates[1] else 1
            if (
                all(lexical.total(i) for i in b.source)
                and lexical(b.source, b.target) <= max(sims)
                and rates[lo] <= MERGED_SHARE
                and rates[lo] < MERGED_RATIO * rates[1 - lo]
            ):
                kept, dropped = (second, first) if lo == 0 else (first, second)
                pieces = [Bead(kept, b.target, b.cost), Bead(dropped, (), b.cost)]
                out += sorted(pieces, key=lambda p: p.source)
                continue
        out.append(b)
    return out


def units(doc: Document, ctx: Context) -> list[Unit]:
    """Aligned beads of a bilingual document (empty for a monolingual one).

    A translation file's pairs are taken as the file gives them, one unit each (group ``g`` is
    ``doc.pairs[g]``), never re-aligned; a pair with an empty target has none (the segment
    checks report it). A ``--source`` text is aligned sentence by sentence.
    """
    groups = sides(doc, ctx)
    out: list[Unit] = []
    for g, (src, tgt) in enumerate(groups):
        if doc.pairs:
            if src and tgt:
                out.append(Unit(src, tgt, g))
            continue
        doubts: dict[int, list[int]] = {}
        lex = lexicon(ctx.source_lang or "fr", doc.lang or ctx.lang)
        support = None
        if lex:
            support = MergeSupport(
                [s.text for s in src],
                [t.text for t in tgt],
                (lex.src_function, lex.tgt_function),
                (lex.forward, lex.backward),
            )
        for bead in align_sides(src, tgt, doubts, support):
            unit = Unit([src[i] for i in bead.source], [tgt[j] for j in bead.target], g)
            if not bead.target and len(bead.source) == 1:
                unit.doubt = [src[i] for i in doubts.get(bead.source[0], [])]
            out.append(unit)
    return out
