"""Bilingual fidelity checks (TQ4xx): what a machine can see by comparing source and target.

Numbers and dates that differ, sentences left in the source language, source sentences with no
counterpart (omissions) and target sentences with none (additions), glossary terms the source
names and the target does not render, names that disappear, and quotes or brackets that the
translation leaves unbalanced. Sentences are aligned with :mod:`tqcheck.align` (lengths plus a
cheap lexical similarity: shared numbers, names and cognates), inside each translation unit for
XLIFF/TMX/PO/JSONL and over the whole text for ``--source``. Comparisons look at the aligned
sentence and its neighbours, so an alignment off by one does not produce a false finding.
Monolingual documents (no source, no pairs) get no findings.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar

import jellyfish
from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from tqcheck.align import Bead, align
from tqcheck.checks.base import Context
from tqcheck.checks.dates import date_words
from tqcheck.checks.glossary import language_name as _glossary_language_name
from tqcheck.checks.numbers import Key, Quantity, quantities
from tqcheck.document import Document
from tqcheck.formats.base import MappedText
from tqcheck.glossary.model import ACCEPTED, Role
from tqcheck.langid import detect
from tqcheck.locale import FUNCTION_ZIPF, Locale, common_words, get
from tqcheck.model import Hit, RelatedHit, Severity, Span
from tqcheck.rules import Rule
from tqcheck.segment import sentences
from tqcheck.textfold import fold, key

#: Shortest sentence (in words) reported as omitted, added or untranslated: shorter ones are
#: datelines, bylines and headings whose alignment and language are not reliable.
MIN_WORDS = 4
#: Probability above which a target sentence is called "in the source language".
UNTRANSLATED_PROB = 0.95
#: Alignment similarity: a bead that keeps paragraph structure starts at STRUCTURE_SIM, shared
#: cognates, names and numbers add the rest; merging paragraphs costs the full SIM_WEIGHT.
STRUCTURE_SIM = 0.2
SIM_WEIGHT = 12.0
#: share of the weighted features (numbers, names, cognates) in the similarity; trigrams the rest
LEX_SHARE = 0.5
#: Particles inside a name (Bashar al-Assad, Osama bin Laden). French de/du/la are left out on
#: purpose: "Conseil de Surveillance" is an institution translated word by word, not a name.
PARTICLES = frozenset(["al", "el", "ben", "bin", "ibn", "abu", "abou", "van", "von"])
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
BRACKETS = (("(", ")"), ("[", "]"))


@dataclass
class Sentence:
    """One sentence of one side, with its file offsets and the file it lives in."""

    mapped: MappedText
    path: str
    block: int = 0  # paragraph (line) it belongs to
    # filled once per sentence
    numbers: list[Quantity] = field(default_factory=list)
    grams: frozenset[str] = frozenset()
    lex: Lexical | None = None

    @property
    def text(self) -> str:
        return self.mapped.text

    @property
    def span(self) -> Span:
        return self.mapped.file_span


@dataclass
class Unit:
    """An aligned bead: source and target sentences that translate each other."""

    source: list[Sentence]
    target: list[Sentence]
    group: int  # translation unit (pair) or 0 for a --source document
    #: for an omission: neighbouring source sentences that may be the omitted one instead (the
    #: pairs around the gap fit about as well either way)
    doubt: list[Sentence] = field(default_factory=list)


def language_name(code: str) -> str:
    return "English" if code == "en" else _glossary_language_name(code)


def _word_count(text: str) -> int:
    """Words and figures: "Brisée en 6000, 7000 morceaux." is a sentence of five."""
    return len(_WORDS.findall(text)) + len(re.findall(r"\d+(?:[.,]\d+)*", text))


def _grams(text: str) -> frozenset[str]:
    """Folded character trigrams of words: cognates and names shared across languages.

    (Trigrams told a true French-English pair from its neighbour 90% of the time on WMT news,
    better than 4- or 5-grams or word prefixes.)
    """
    out: set[str] = set()
    for w in _WORDS.findall(fold(text)):
        if len(w) >= 3:
            out.update(w[i : i + 3] for i in range(len(w) - 2))
    for d in re.findall(r"\d+", text):
        out.update(f"#{d}#{k}" for k in range(4))  # a shared number weighs like a shared word
    return frozenset(out)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


@dataclass
class Lexical:
    """What a sentence shares with its translation whatever the language: figures (read with the
    language's conventions), names and acronyms, cognates (gouvernement/government) and marks
    (quotes, brackets, ?, !). Weights are filled per document (see :func:`_weigh`)."""

    #: folded word -> (is a name, may be a cognate, spellings to compare)
    words: dict[str, tuple[bool, bool, tuple[str, ...]]]
    numbers: dict[Key, tuple[Key, ...]]  # figure -> its alternative readings
    marks: frozenset[str]
    weights: dict[str, float] = field(default_factory=dict)
    total: float = 0.0


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


def _lexical(text: str, numbers: list[Quantity], loc: Locale) -> Lexical:
    words: dict[str, tuple[bool, bool, tuple[str, ...]]] = {}
    function = common_words(loc.lang, FUNCTION_ZIPF)
    for n, m in enumerate(_WORDS.finditer(text)):
        for part in re.split(r"['’]", m.group()):
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


def _weigh(sents: list[Sentence]) -> None:
    """Informativeness: a word in one sentence of the document tells sentences apart, one in every
    sentence (the topic: "euro", "Obama") tells little; inverse document frequency over the side."""
    df: dict[str, int] = {}
    for s in sents:
        assert s.lex is not None
        for w in s.lex.words:
            df[w] = df.get(w, 0) + 1
    n = len(sents)
    for s in sents:
        lex = s.lex
        assert lex is not None
        for w, (name, _, _) in lex.words.items():
            lex.weights[w] = (NAME_WEIGHT if name else 1.0) * (1.0 + math.log(n / df[w]))
        lex.total = (
            sum(lex.weights.values()) + NUMBER_WEIGHT * len(lex.numbers) + MARK_WEIGHT * len(lex.marks)
        )


@lru_cache(maxsize=65536)
def _cognates(a: str, b: str, names: bool) -> bool:
    """Same word in both languages: names by spelling or sound (Kadhafi/Gaddafi, Moscou/Moscow),
    other words by spelling (gouvernement/government, crise/crisis, nucléaire/nuclear)."""
    if a == b:
        return True
    if names:
        return JaroWinkler.similarity(a, b) >= NAME_SIM or jellyfish.metaphone(a) == jellyfish.metaphone(b)
    return JaroWinkler.similarity(a, b) >= COGNATE_SIM


def _shared(a: Lexical, b: Lexical) -> tuple[float, float]:
    """Weight of ``a``'s features found in ``b`` and of ``b``'s found in ``a``."""
    got_a = got_b = 0.0
    hit_b: set[str] = set()
    for w, (name, cognate, forms) in a.words.items():
        found = False
        for v, (vname, vcognate, vforms) in b.words.items():
            if w == v or (
                ((cognate and vcognate) or (name and vname))
                and any(_cognates(x, y, name and vname) for x in forms for y in vforms)
            ):
                found = True
                hit_b.add(v)
        if found:
            got_a += a.weights[w]
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


class LexicalSimilarity:
    """Similarity in [0, 1] of a group of source sentences and a group of target sentences for
    :func:`tqcheck.align.align` when no neural model is at hand: the weighted share of features
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
            got = self._pairs[(i, j)] = _shared(a, b)
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


def _split(mapped: MappedText, path: str, lang: str, loc: Locale) -> list[Sentence]:
    out = []
    for seg in sentences(mapped.text, lang):
        sub = mapped.slice(seg.span.start, seg.span.end)
        numbers = quantities(sub.text, loc)
        out.append(
            Sentence(sub, path, seg.block, numbers, _grams(sub.text), _lexical(sub.text, numbers, loc))
        )
    _weigh(out)
    return out


def _align(
    src: list[Sentence], tgt: list[Sentence], doubts: dict[int, list[int]] | None = None
) -> list[Bead]:
    """Beads of the two sides; ``doubts`` receives, per omitted source sentence, the neighbours
    that may be the omitted one instead."""
    lexical = LexicalSimilarity(src, tgt)
    beads = _align_with(src, tgt, lexical)
    beads = _shift_gaps(
        _join_gaps(beads, src, tgt), lambda i, j: _similarity(src, tgt, lexical, (i,), (j,)), doubts
    )
    return _settle_omissions(beads, lexical, src)


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
    sim = LEX_SHARE * min(1.0, 2.0 * lexical(si, ti)) + (1 - LEX_SHARE) * min(1.0, 2.0 * _dice(a, b))
    return STRUCTURE_SIM + (1 - STRUCTURE_SIM) * sim


def _align_with(src: list[Sentence], tgt: list[Sentence], lexical: LexicalSimilarity) -> list[Bead]:
    def similarity(si: tuple[int, ...], ti: tuple[int, ...]) -> float:
        return _similarity(src, tgt, lexical, si, ti)

    return align([len(s.text) for s in src], [len(t.text) for t in tgt], similarity, sim_weight=SIM_WEIGHT)


def _join_gaps(beads: list[Bead], src: list[Sentence], tgt: list[Sentence]) -> list[Bead]:
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


def _shift_gaps(
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


def _settle_omissions(beads: list[Bead], lexical: LexicalSimilarity, src: list[Sentence]) -> list[Bead]:
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
    """Aligned beads of a bilingual document (empty for a monolingual one)."""
    src_lang = ctx.source_lang or "fr"
    tgt_lang = doc.lang or ctx.lang
    src_loc, tgt_loc = get(src_lang), get(tgt_lang)
    groups: list[tuple[list[Sentence], list[Sentence]]] = []
    if doc.pairs:
        for pair in doc.pairs:
            groups.append(
                (
                    _split(pair.source, doc.path, src_lang, src_loc),
                    _split(pair.target, doc.path, tgt_lang, tgt_loc),
                )
            )
    elif doc.source is not None:
        src_doc = doc.source
        groups.append(
            (
                _split(MappedText.plain(src_doc.content), src_doc.path, src_lang, src_loc),
                _split(MappedText.plain(doc.content), doc.path, tgt_lang, tgt_loc),
            )
        )
    out: list[Unit] = []
    for g, (src, tgt) in enumerate(groups):
        if len(src) == 1 and len(tgt) == 1:
            out.append(Unit(src, tgt, g))
            continue
        doubts: dict[int, list[int]] = {}
        for bead in _align(src, tgt, doubts):
            unit = Unit([src[i] for i in bead.source], [tgt[j] for j in bead.target], g)
            if not bead.target and len(bead.source) == 1:
                unit.doubt = [src[i] for i in doubts.get(bead.source[0], [])]
            out.append(unit)
    return out


def _window(all_units: list[Unit], i: int, pairs: bool) -> list[Unit]:
    """The unit and its neighbours in the same translation unit (the whole unit for pairs)."""
    g = all_units[i].group
    if pairs:
        return [u for u in all_units if u.group == g]
    return [all_units[k] for k in range(max(0, i - 1), min(len(all_units), i + 2)) if all_units[k].group == g]


def _fuzzy_in(token: str, candidates: set[str], codes: set[str]) -> bool:
    if token in candidates:
        return True
    if jellyfish.metaphone(token) in codes:
        return True
    return any(fuzz.ratio(token, c) >= 80 for c in candidates if abs(len(c) - len(token)) <= 3)


def _pairs(q: Quantity, p: Quantity, exact: bool) -> bool:
    """Same figure: equal keys, else an alternative reading or a unit conversion (225 km/h =
    140 mph)."""
    return q.key == p.key if exact else (q.key in p.alts or p.key in q.alts or q.converts(p))


Pairs = list[tuple[Sentence, Quantity]]


def _rival(q: Quantity, m: Quantity) -> bool:
    """Could ``m`` be the source figure that ``q`` changed? Digits may become any digits; a spelled
    number stands for a figure of the same kind within a factor of ten."""
    if not q.spelled:
        return True
    if q.key[0] != m.key[0]:
        return False
    a, b = abs(q.key[1]), abs(m.key[1])
    return a == b or (a > 0 and b > 0 and max(a, b) <= 10 * min(a, b))


def _unmatched_numbers(window: list[Unit]) -> tuple[Pairs, Pairs, Pairs]:
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


class BilingualCheck:
    """TQ4xx: fidelity of the translation to its source, sentence by sentence."""

    RULES: ClassVar[tuple[Rule, ...]] = (
        Rule(
            "TQ401",
            "number-mismatch",
            Severity.ERROR,
            "A number or time differs between source and translation",
            "Numbers are read with each language's conventions (340 000 = 340,000, "
            "1,5 million = 1.5 million, 19e = 19th, dix-neuf = nineteen, 14h30 = 2:30 p.m.) and "
            "compared with the aligned source sentence and its neighbours. A changed figure is the "
            "costliest error in news copy.",
        ),
        Rule(
            "TQ402",
            "date-mismatch",
            Severity.ERROR,
            "A weekday or month differs between source and translation",
            "jeudi 11 janvier must be Thursday, January 11: the weekday or month named in the translation "
            "is not the one in the aligned source sentence.",
        ),
        Rule(
            "TQ403",
            "untranslated",
            Severity.ERROR,
            "A target sentence is still in the source language",
            "Language identification restricted to the pair's two languages says this sentence is in the "
            "source language (or it repeats the source verbatim). Short sentences and lists of names are "
            "not judged.",
        ),
        Rule(
            "TQ404",
            "omission",
            Severity.ERROR,
            "A source sentence has no counterpart in the translation",
            "Sentence alignment found no target sentence for this source sentence: the translation "
            "dropped it. The finding points at the source sentence.",
        ),
        Rule(
            "TQ405",
            "addition",
            Severity.WARNING,
            "A target sentence has no counterpart in the source",
            "Sentence alignment found no source sentence for this target sentence: it was added (or "
            "the source is not the text that was translated).",
        ),
        Rule(
            "TQ406",
            "glossary-term-not-rendered",
            Severity.WARNING,
            "The source names a glossary entity that the translation does not render",
            "The source sentence uses a glossary entry's source form (OSDH, Observatoire syrien des droits "
            "de l'Homme); the aligned target sentence uses none of its accepted target forms.",
        ),
        Rule(
            "TQ407",
            "name-missing",
            Severity.WARNING,
            "A person's or organisation's name in the source is missing from the translation",
            "A multi-word proper name of the source sentence has no counterpart (allowing transliteration "
            "differences: Bachar/Bashar, Kadhafi/Gaddafi) in the aligned target sentences.",
        ),
        Rule(
            "TQ408",
            "unbalanced-quotes",
            Severity.WARNING,
            "Quotes or brackets are unbalanced in the translation but balanced in the source",
            "The source opens and closes its quotation marks and brackets; the translation leaves one open "
            "or closes one never opened. The finding points at the unmatched mark.",
        ),
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if not doc.pairs and doc.source is None:
            return
        all_units = units(doc, ctx)
        src_lang = ctx.source_lang or "fr"
        tgt_lang = doc.lang or ctx.lang
        pairs = bool(doc.pairs)
        src_loc, tgt_loc = get(src_lang), get(tgt_lang)
        groups: dict[int, tuple[Callable[[str], bool], _TargetWords]] = {}
        for i, unit in enumerate(all_units):
            window = _window(all_units, i, pairs)
            if not unit.target:
                yield from self._omission(unit)
                continue
            if not unit.source:
                yield from self._addition(unit)
            untranslated = list(self._untranslated(unit, src_lang, tgt_lang))
            yield from untranslated
            if unit.source:
                if unit.group not in groups:
                    group = [u for u in all_units if u.group == unit.group]
                    groups[unit.group] = (_common_words(group, src_loc), _target_words(group, tgt_loc))
                fidelity = (
                    *self._numbers(unit, window),
                    *self._dates(unit, window, src_loc, tgt_loc),
                    *self._glossary(unit, window, ctx, tgt_loc),
                    *self._names(unit, *groups[unit.group], ctx, (src_loc, tgt_loc)),
                )
                yield from _explained(fidelity, untranslated)
        yield from self._balance(doc, all_units, src_loc, tgt_loc)

    # --- omissions and additions -------------------------------------------------------------

    def _omission(self, unit: Unit) -> Iterator[Hit]:
        for s in unit.source:
            if _word_count(s.text) >= MIN_WORDS:
                doubt = [d for d in unit.doubt if d.path == s.path]
                if doubt:
                    every = [s, *doubt]
                    span = Span(min(x.span.start for x in every), max(x.span.end for x in every))
                    msg = "one of these source sentences has no counterpart in the translation (omitted?)"
                    yield Hit("TQ404", span, msg, path=s.path)
                    continue
                yield Hit(
                    "TQ404",
                    s.span,
                    "this source sentence has no counterpart in the translation (omitted?)",
                    path=s.path,
                )

    def _addition(self, unit: Unit) -> Iterator[Hit]:
        for t in unit.target:
            if _word_count(t.text) >= MIN_WORDS:
                yield Hit(
                    "TQ405", t.span, "this sentence has no counterpart in the source (added?)", path=t.path
                )

    # --- untranslated ------------------------------------------------------------------------

    def _untranslated(self, unit: Unit, src_lang: str, tgt_lang: str) -> Iterator[Hit]:
        if src_lang == tgt_lang:
            return
        for t in unit.target:
            words = _WORDS.findall(t.text)
            lower = [w for w in words if w[:1].islower() and len(w) >= 3]
            if len(words) < MIN_WORDS or len(lower) < 3:
                continue  # short, or names only
            same = any(key(t.text) == key(s.text) for s in unit.source)
            lang, prob = detect(t.text, [src_lang, tgt_lang])
            if same or (lang == src_lang and prob >= UNTRANSLATED_PROB):
                why = "repeats the source verbatim" if same else f"is in {language_name(src_lang)}"
                yield Hit(
                    "TQ403",
                    t.span,
                    f"this sentence {why}, not {language_name(tgt_lang)}: left untranslated",
                    path=t.path,
                )

    # --- numbers and dates -------------------------------------------------------------------

    def _numbers(self, unit: Unit, window: list[Unit]) -> Iterator[Hit]:
        """A changed figure (the translation has one the source lacks *and* the source one the
        translation lacks) is an error; a figure on one side only is usually a rephrasing (18 mois
        = one and a half years) or an explicitation, and is reported as info."""
        win_extra, win_missing, strict_missing = _unmatched_numbers(window)
        mine_t = {id(t) for t in unit.target}
        mine_s = {id(s) for s in unit.source}
        # a spelled-out number on one side only is often rephrased ("both", "a couple"): report
        # it only when the other side has a conflicting number
        extra = [(t, q) for t, q in win_extra if id(t) in mine_t and (not q.spelled or win_missing)]
        missing = [(s, q) for s, q in win_missing if id(s) in mine_s and not q.spelled]
        for t, q in extra:
            # digits conflict with digits; a spelled number with any of its kind and size (deux ->
            # three, 2 -> three; but "a glass or two" is no rendering of 2007, "Three Ships" of 17h30)
            conflict = [(s, m) for s, m in strict_missing if (not m.spelled or q.spelled) and _rival(q, m)]
            src_written = ", ".join(f"'{s.text[m.start : m.end]}'" for s, m in conflict)
            written = t.text[q.start : q.end]
            related = tuple(
                RelatedHit(s.path, s.mapped.span(m.start, m.end), "in the source") for s, m in conflict
            )
            # a sum converted into another currency (200 000 euros -> $280,000) is a rendering
            converted = bool(conflict) and all(
                q.currency and m.currency and q.currency != m.currency for _, m in conflict
            )
            if conflict:
                msg = f"'{written}' is not in the source; the source has {src_written}"
            else:
                msg = f"'{written}' is not in the source (added, or a rephrased figure?)"
            yield Hit(
                "TQ401",
                t.mapped.span(q.start, q.end),
                msg,
                related=related,
                path=t.path,
                severity=None if conflict and not converted else Severity.INFO,
            )
        if extra or any(id(t) not in mine_t for t, _ in win_extra if not _.spelled):
            return  # reported on the changed figure (here or in the neighbouring sentence)
        for s, q in missing:
            target = unit.target[0]
            span = Span(target.span.start, unit.target[-1].span.end)
            written = s.text[q.start : q.end]
            yield Hit(
                "TQ401",
                span,
                f"the source has '{written}' but this translation has no such number (dropped or rephrased?)",
                related=(RelatedHit(s.path, s.mapped.span(q.start, q.end), f"'{written}' in the source"),),
                path=target.path,
                severity=Severity.INFO,
            )

    def _dates(self, unit: Unit, window: list[Unit], src_loc: Locale, tgt_loc: Locale) -> Iterator[Hit]:
        """A weekday or month that contradicts the source's (Friday for jeudi) is an error; one
        that only one side names (the translation adds "on Tuesday") is info."""
        src_words = [(s, d) for s in unit.source for d in date_words(s.text, src_loc)]
        tgt_words = [(t, d) for t in unit.target for d in date_words(t.text, tgt_loc)]
        if not src_words and not tgt_words:
            return
        src_all = [d for u in window for s in u.source for d in date_words(s.text, src_loc)]
        tgt_all = [d for u in window for t in u.target for d in date_words(t.text, tgt_loc)]
        src_keys, src_alts = {d.key for d in src_all}, {a for d in src_all for a in d.alts}
        tgt_keys, tgt_alts = {d.key for d in tgt_all}, {a for d in tgt_all for a in d.alts}
        missing = [(s, d) for s, d in src_words if not d.found_in(tgt_keys, tgt_alts)]
        src_unmatched = {d.kind for d in src_all if not d.found_in(tgt_keys, tgt_alts)}
        for t, d in tgt_words:
            if d.found_in(src_keys, src_alts):
                continue
            same_kind = [(s, m) for s, m in missing if m.kind == d.kind]
            said = ""
            if same_kind:
                said = "; the source has " + ", ".join(f"'{s.text[m.start : m.end]}'" for s, m in same_kind)
            elif d.kind not in src_unmatched:
                said = " (the source names no other)"
            yield Hit(
                "TQ402",
                t.mapped.span(d.start, d.end),
                f"'{t.text[d.start : d.end]}' is not in the source{said}",
                related=tuple(
                    RelatedHit(s.path, s.mapped.span(m.start, m.end), "in the source") for s, m in same_kind
                ),
                path=t.path,
                severity=None if d.kind in src_unmatched else Severity.INFO,
            )
            missing = [(s, m) for s, m in missing if m.kind != d.kind]
        tgt_unmatched = {d.kind for d in tgt_all if not d.found_in(src_keys, src_alts)}
        for s, d in missing:
            if d.kind in tgt_unmatched:
                continue  # the neighbouring sentence names another: reported there
            written = s.text[d.start : d.end]
            yield Hit(
                "TQ402",
                Span(unit.target[0].span.start, unit.target[-1].span.end),
                f"the source has '{written}' but this translation does not (dropped?)",
                related=(RelatedHit(s.path, s.mapped.span(d.start, d.end), f"'{written}' in the source"),),
                path=unit.target[0].path,
                severity=Severity.INFO,
            )

    # --- glossary and names ------------------------------------------------------------------

    def _glossary(self, unit: Unit, window: list[Unit], ctx: Context, tgt_loc: Locale) -> Iterator[Hit]:
        if ctx.matcher is None or not len(ctx.matcher):
            return
        src_lang = ctx.source_lang or "fr"
        found = []
        for s in unit.source:
            for m in ctx.matcher.find(s.text):
                forms = {key(f) for f in m.entry.source.get(src_lang, [])}
                if key(m.text) in forms:
                    found.append((s, m))
        if not found:
            return
        matches = [m for u in window for t in u.target for m in ctx.matcher.find(_undotted(t.text))]
        rendered = {m.entry.id for m in matches}
        accepted_here = {m.entry.id for m in matches if m.form.role in ACCEPTED}
        reported: set[str] = set()
        for s, m in found:
            entry = m.entry
            if entry.id in accepted_here or entry.id in reported:
                continue
            if entry.id in rendered:
                continue  # a wrong form is there: TQ101/TQ103 report it on the word itself
            good = [f.text for f in entry.forms() if f.role in ACCEPTED and f.role is not Role.SOURCE]
            if any(_short_form(f, window) for f in good):
                continue
            if _rendered_as_adjective(good, window, tgt_loc):
                continue  # "the Iraqi battlefields" renders "les champs de bataille d'Irak"
            reported.add(entry.id)
            listing = " or ".join(f"'{f}'" for f in good[:3])
            yield Hit(
                "TQ406",
                Span(unit.target[0].span.start, unit.target[-1].span.end),
                f"the source names '{m.text}' ({entry.canonical}); this translation has no {listing}",
                related=(
                    RelatedHit(s.path, s.mapped.span(m.span.start, m.span.end), f"'{m.text}' in the source"),
                ),
                path=unit.target[0].path,
            )

    def _names(
        self,
        unit: Unit,
        common: Callable[[str], bool],
        words: _TargetWords,
        ctx: Context,
        locales: tuple[Locale, Locale],
    ) -> Iterator[Hit]:
        src_loc, tgt_loc = locales
        candidates, codes, target_text, acronyms = words
        glossary_keys: set[str] = set()
        if ctx.matcher is not None:
            for s in unit.source:
                for m in ctx.matcher.find(s.text):
                    glossary_keys.update(fold(p) for p in re.split(r"[\s'’-]+", m.text) if p)
        lost: list[tuple[Sentence, int, int]] = []
        for s in unit.source:
            for start, end, tokens in _names_in(s.text, common):
                keys = [fold(t) for t in tokens]
                # one word of the name kept is enough: institutions get translated word by word
                # (Conseil national -> National Council), people keep at least a surname
                if any(k in glossary_keys or _fuzzy_in(k, candidates, codes) for k in keys):
                    continue
                if "".join(keys) in candidates:
                    continue  # You Tube -> YouTube
                if _exonym_rendered(s.text[start:end], src_loc, tgt_loc, target_text, candidates):
                    continue  # Christophe Colomb -> Columbus, La Haye -> The Hague
                initials = "".join(w[:1] for w in s.text[start:end].split() if w[:1].isupper())
                if len(initials) >= 2 and initials.upper() in acronyms:
                    continue  # New York -> N.Y., Nations Unies -> UN is not this, but NU would be
                lost.append((s, start, end))
        if lost:  # one finding per sentence: the engine keeps one finding per span
            names = " and ".join(f"'{s.text[a:b]}'" for s, a, b in lost)
            yield Hit(
                "TQ407",
                Span(unit.target[0].span.start, unit.target[-1].span.end),
                f"the source names {names} but this translation does not",
                related=tuple(
                    RelatedHit(s.path, s.mapped.span(a, b), f"'{s.text[a:b]}' in the source")
                    for s, a, b in lost
                ),
                path=unit.target[0].path,
            )

    # --- quotes and brackets -----------------------------------------------------------------

    def _balance(
        self, doc: Document, all_units: list[Unit], src_loc: Locale, tgt_loc: Locale
    ) -> Iterator[Hit]:
        groups: dict[int, tuple[list[Sentence], list[Sentence]]] = {}
        for u in all_units:
            src, tgt = groups.setdefault(u.group, ([], []))
            src.extend(u.source)
            tgt.extend(u.target)
        for src, tgt in groups.values():
            src_text = "\n".join(s.text for s in src)
            for open_, close in (*BRACKETS, *_quote_pairs(src_loc, tgt_loc)):
                if _unmatched(src_text, open_, close):
                    continue
                for t, pos in _unmatched_in(tgt, open_, close):
                    mark = t.text[pos]
                    yield Hit(
                        "TQ408",
                        t.mapped.span(pos, pos + 1),
                        f"unmatched '{mark}' in the translation; the source's {open_}{close} are balanced",
                        path=t.path,
                    )


def _explained(hits: Iterable[Hit], untranslated: list[Hit]) -> Iterator[Hit]:
    """Leave out what an untranslated sentence already explains: a sentence left in the source
    language differs from the translation in names, dates and numbers too, and one finding (TQ403)
    says why."""
    for h in hits:
        if not any(
            u.path == h.path and u.span.start < h.span.end and h.span.start < u.span.end for u in untranslated
        ):
            yield h


#: a translation unit's target words for the name check: folded words (with the places their
#: adjectives render), their metaphone codes, the folded text and the acronyms
_TargetWords = tuple[set[str], set[str], str, set[str]]


def _target_words(everything: list[Unit], tgt_loc: Locale) -> _TargetWords:
    """Computed once per translation unit, not once per sentence: names look in all of it."""
    candidates: set[str] = set()
    for u in everything:
        for t in u.target:
            for tok in _TOKEN.findall(t.text):
                for part in re.split(r"[-'’]", tok):
                    if len(part) >= 3:
                        candidates.add(fold(part))
    candidates |= _demonym_bases(candidates, tgt_loc)
    target_text = _folded_words(" ".join(t.text for u in everything for t in u.target))
    codes = {jellyfish.metaphone(c) for c in candidates}
    acronyms = {
        re.sub(r"\W", "", a)
        for u in everything
        for t in u.target
        for a in re.findall(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,}\b", t.text)
    }
    return candidates, codes, target_text, acronyms


def _folded_words(text: str) -> str:
    """Folded words joined by single spaces, padded, for whole-word substring tests."""
    return " " + " ".join(_WORDS.findall(fold(text))) + " "


@lru_cache(maxsize=16)
def _demonym_table(lang: str) -> dict[str, frozenset[str]]:
    """Folded adjective or people form -> folded place names it renders (French -> france)."""
    out: dict[str, set[str]] = {}
    for place, forms in get(lang).demonyms.items():
        for f in forms:
            out.setdefault(fold(f), set()).add(fold(place))
    return {k: frozenset(v) for k, v in out.items()}


#: adjective suffix -> endings that may replace it to give the place name: Iraqi -> Iraq,
#: Syrian -> Syria, Italian -> Italy, Iranian -> Iran, Chinese -> China, Japanese -> Japan,
#: American -> America, Cuban -> Cuba
_DEMONYM_SUFFIXES = (("ian", ("ia", "y", "")), ("ese", ("a", "")), ("an", ("a", "")), ("i", ("",)))


def _demonym_bases(words: set[str], tgt_loc: Locale) -> set[str]:
    """Place names that folded target words render as adjectives or peoples (Iraqi -> iraq):
    translators often turn "les soldats d'Irak" into "Iraqi soldiers"."""
    table = _demonym_table(tgt_loc.lang)
    out: set[str] = set()
    for w in words:
        for place in table.get(w, ()):
            out.add(place)
            out.update(place.split())
        for suffix, endings in _DEMONYM_SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                out.update(w[: -len(suffix)] + e for e in endings)
                break
    return out


def _exonym_rendered(name: str, src_loc: Locale, tgt_loc: Locale, target: str, words: set[str]) -> bool:
    """Does the target render part of ``name`` by its exonym (La Haye -> The Hague) or by the
    exonym's adjective (Grande-Bretagne -> British)? ``target`` comes from :func:`_folded_words`,
    ``words`` are the target's folded words with their :func:`_demonym_bases`."""
    folded = _folded_words(name)
    for src_form, renderings in _exonym_table(src_loc.lang, tgt_loc.lang):
        if src_form not in folded:
            continue
        for f in renderings:
            if f in target or f.strip() in words:
                return True
    return False


@lru_cache(maxsize=16)
def _exonym_table(src_lang: str, tgt_lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The source locale's exonyms into ``tgt_lang``, folded as :func:`_folded_words` does."""
    table = get(src_lang).exonyms.get(tgt_lang, {})
    return tuple((_folded_words(k), tuple(_folded_words(r) for r in v)) for k, v in table.items())


def _rendered_as_adjective(forms: list[str], window: list[Unit], tgt_loc: Locale) -> bool:
    """Does the window's target render one of ``forms`` (Iraq) by its adjective (Iraqi)?"""
    words = {fold(w) for u in window for t in u.target for w in _WORDS.findall(t.text)}
    bases = _demonym_bases(words, tgt_loc)
    return any(fold(f) in bases for f in forms if " " not in f)


def _short_form(form: str, window: list[Unit]) -> bool:
    """``Security Council`` for ``UN Security Council``: a form that opens with an acronym is
    often written without it once the context names the organisation."""
    head, _, rest = form.partition(" ")
    if not (head.isupper() and len(head) >= 2 and len(rest.split()) >= 2):
        return False
    rx = re.compile(rf"\b{re.escape(rest)}\b", re.I)
    return any(rx.search(t.text) for u in window for t in u.target)


def _undotted(text: str) -> str:
    """``U.N.`` and ``U.S.`` written as the glossary writes acronyms (UN, US), for lookups only:
    American copy dots them."""
    return re.sub(r"\b(?:[A-Z]\.){2,}", lambda m: m.group().replace(".", ""), text)


def _quote_pairs(src_loc: Locale, tgt_loc: Locale) -> list[tuple[str, str]]:
    """Typographic quote pairs of both languages; straight ASCII quotes are not compared (copy
    mixes them with inch marks and apostrophes too often for an odd count to mean anything)."""
    seen: list[tuple[str, str]] = []
    for p in (*tgt_loc.quotes, *src_loc.quotes):
        if p[0] != p[1] and p not in seen:
            seen.append(p)
    return seen


def _unmatched(text: str, open_: str, close: str) -> list[int]:
    """Offsets of unmatched marks (straight quotes: an odd last one)."""
    if open_ == close:
        positions = [i for i, c in enumerate(text) if c == open_]
        return positions[-1:] if len(positions) % 2 else []
    stack: list[int] = []
    bad: list[int] = []
    for i, c in enumerate(text):
        if c == open_:
            stack.append(i)
        elif c == close:
            if stack:
                stack.pop()
            else:
                bad.append(i)
    return bad + stack


def _unmatched_in(sents: list[Sentence], open_: str, close: str) -> list[tuple[Sentence, int]]:
    joined = ""
    owners: list[tuple[int, Sentence]] = []
    for s in sents:
        owners.append((len(joined), s))
        joined += s.text + "\n"
    out = []
    for pos in _unmatched(joined, open_, close):
        base, sent = max((o for o in owners if o[0] <= pos), key=lambda o: o[0])
        out.append((sent, pos - base))
    return out


def _capitalised(word: str) -> bool:
    """``Assad`` and ``al-Assad`` both start a name word."""
    if word[:1].isupper():
        return True
    head, _, rest = word.partition("-")
    return head.lower() in PARTICLES and rest[:1].isupper()


def _common_words(group: list[Unit], loc: Locale) -> Callable[[str], bool]:
    """Words that are not names by themselves: the locale's capitalised common words (Conseil,
    Maison, Guerre), the language's everyday words and any word the source also writes in lower
    case (la guerre, un jardin)."""
    lower = {w for u in group for s in u.source for w in _WORDS.findall(s.text) if w.islower()}
    everyday = common_words(loc.lang)
    return lambda w: w in loc.not_names or w in everyday or w in lower


def _names_in(text: str, common: Callable[[str], bool] = lambda w: False) -> list[tuple[int, int, list[str]]]:
    """Multi-word proper names (not counting a sentence-initial word): span and name words.

    A run of capitalised words whose every word is a common word (``common``: Conseil National,
    Maison Blanche, Première Guerre) is an institution or an event translated word by word, not a
    name to find again.
    """
    tokens = list(_TOKEN.finditer(text))
    out: list[tuple[int, int, list[str]]] = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        caps = [m for m in run if _capitalised(m.group())]
        while run and run[-1].group().lower() in PARTICLES:
            run.pop()
        if len(caps) >= 2 and run:
            words = [p for m in caps for p in re.split(r"[-'’]", m.group()) if len(p) >= 3]
            proper = any(not common(w.lower()) for w in words)
            if proper and not any(w.isupper() for w in words):
                out.append((run[0].start(), run[-1].end(), words))
        run.clear()

    for n, m in enumerate(tokens):
        word = m.group()
        initial = n == 0 or bool(re.search(r"[.!?:«“\"]\s*$", text[tokens[n - 1].end() : m.start()]))
        gap = text[tokens[n - 1].end() : m.start()] if n else ""
        if run and gap.strip():
            flush()  # "(Démocrate - Arizona)": a party and a state, not one name
        if (_capitalised(word) and not initial) or (run and word.lower() in PARTICLES):
            run.append(m)
        else:
            flush()
    flush()
    return out
