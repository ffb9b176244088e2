"""Omissions and additions (TQ404, TQ405): source text the translation does not cover, and
translation with no source.

Two kinds of evidence. Sentence alignment leaves a source sentence without a target (a 1-0
bead) or a target sentence without a source (0-1). And inside aligned units, lexical coverage
(:mod:`tqcheck.bilingual.coverage`) finds a source sentence or clause whose content words the
translation around it does not render, or target content with no source; its strength (how
many of the uncovered words the lexicon knows, how well the rest is covered) sets the severity.
The message quotes the source text, so an editor who does not read it sees what is missing.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass

from tqcheck.bilingual.alignment import Unit
from tqcheck.bilingual.coverage import Bag, Token, bag, content, marks, presence, runs, topics, weight
from tqcheck.bilingual.lexicon import Lexicon
from tqcheck.bilingual.rules import ADDITION, OMISSION
from tqcheck.bilingual.sentences import Sentence
from tqcheck.model import Hit, RelatedHit, Severity, Span
from tqcheck.tokens import word_count

#: Shortest sentence (in words) reported as omitted, added or untranslated: shorter ones are
#: datelines, bylines and headings whose alignment and language are not reliable.
MIN_WORDS = 4


def rendered_nearby(mine: list[Sentence], theirs: list[list[Sentence]], d: Direction) -> set[int]:
    """Which sentences of ``mine`` (a 1-0 or 0-1 bead) a neighbouring unit renders, with
    :data:`BEAD_NEIGHBOUR` of evidence: the translation joined them to a neighbour the
    alignment did not merge (WMT newstest2010: three French sentences, one English one), nothing
    is lost."""
    if not d.table or not theirs:
        return set()
    return {
        id(side.sentence)
        for side in _sides(mine, [], theirs, d)
        if any(side.evidence(n) <= -BEAD_NEIGHBOUR for n in side.in_neighbours)
    }


def omission_hits(unit: Unit, nearby: Container[int] = ()) -> Iterator[Hit]:
    """A source sentence the alignment left without a target (a 1-0 bead), quoted; not one a
    neighbouring unit renders (``nearby``: :func:`rendered_nearby`)."""
    for s in unit.source:
        if id(s) in nearby:
            continue
        if word_count(s.text) >= MIN_WORDS:
            doubt = [d for d in unit.doubt if d.path == s.path]
            if doubt:
                every = sorted([s, *doubt], key=lambda x: x.span.start)
                span = Span(every[0].span.start, every[-1].span.end)
                listing = " or ".join(quoted(x.text) for x in every)
                msg = f"one of these source sentences has no counterpart in the translation (omitted?): {listing}"
                yield Hit(OMISSION, span, msg, path=s.path)
                continue
            yield Hit(
                OMISSION,
                s.span,
                f"this source sentence has no counterpart in the translation (omitted?): {quoted(s.text)}",
                path=s.path,
            )


def addition_hits(unit: Unit, nearby: Container[int] = ()) -> Iterator[Hit]:
    """A target sentence the alignment left without a source (a 0-1 bead); not one a
    neighbouring unit's source has (``nearby``: :func:`rendered_nearby`)."""
    for t in unit.target:
        if id(t) in nearby:
            continue
        if word_count(t.text) >= MIN_WORDS:
            yield Hit(
                ADDITION,
                t.span,
                f"this sentence has no counterpart in the source (added?): {quoted(t.text)}",
                path=t.path,
            )


def quoted(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return f"«{text if len(text) <= limit else text[: limit - 3] + '...'}»"


#: evidence (summed log-likelihood ratios, :func:`tqcheck.bilingual.coverage.weight`) for a
#: whole sentence not rendered: a warning, an error
SENTENCE_WARNING = 5.0
SENTENCE_ERROR = 8.0
#: evidence for a clause (a run of uncovered words, plus what the lengths say): info, warning
CLAUSE_INFO = 5.0
CLAUSE_WARNING = 8.0
#: a clause that ends the sentence, nothing after it rendered: the translation stopped early, the
#: commonest shape of a machine translation's omission; a warning from this evidence (WMT
#: development years, clause cut from inside a paragraph: 0.25 -> 0.34 found at 6.25 for two
#: more judged false alarms in 800 clean articles; 6.0 finds 0.36 for three)
TAIL_WARNING = 6.25
#: a run this long still ends the sentence with one rendered word after it (WMT development
#: years: clause 0.338 -> 0.371 found, one more judged false alarm in 800 clean articles)
TAIL_RUN = 4
#: evidence with which a neighbouring unit must render a sentence for it to be misaligned, not lost
NEIGHBOUR = 4.0
#: the same for a sentence the alignment left without a partner: a dropped sentence's words are
#: often in its neighbours too (WMT development years, both samples: 1,175 dropped sentences
#: reported, none rendered by a neighbour beyond -6.9; 14 clean-article findings, 8 beyond -7)
BEAD_NEIGHBOUR = 7.0
#: share of a run's words a neighbouring unit must render for the run to be moved there, not lost
NEIGHBOUR_SHARE = 0.5
#: evidence on both sides of a unit from which it is a free translation, not an omission
FREE = 3.0
#: share of the sentence's other content words that must be covered for a run to stand out
CONTEXT = 0.5
#: standard deviation of a unit's length deficit (1 - target / expected target length) when
#: nothing is missing (WMT development years: 0.13 per sentence)
SIGMA = 0.15


@dataclass
class _Side:
    """One sentence's content words; which of them the unit's other side covers, and which each
    neighbouring unit's (a rendering misaligned into a neighbour is no omission); their weights
    as evidence when uncovered, and when covered."""

    sentence: Sentence
    tokens: list[Token]
    in_unit: list[bool]
    in_neighbours: list[list[bool]]
    weights: list[float]
    presences: list[float]
    topic: list[bool]

    def evidence(self, in_bag: list[bool]) -> float:
        """Log-likelihood ratio that the sentence is not rendered by a bag of the other side,
        from its words and figures. A topic word of the document counts only when it is missing:
        any sentence about the topic covers it, but a sentence that renders this one has it too
        (WMT development years, sentences dropped inside paragraphs, with figures counted and
        the whole-sentence size below: 0.936 -> 0.951 found; judged false findings per 10 clean
        articles 0.49 -> 0.50)."""
        return sum(
            self.weights[k] if not c else self.presences[k]
            for k, c in enumerate(in_bag)
            if not (c and self.topic[k])
        )


@dataclass(frozen=True)
class Direction:
    """What the coverage of one side by the other needs: function words, translations, weights,
    and the topic words of the side's document."""

    function: frozenset[str]
    other_function: frozenset[str]
    table: dict[str, frozenset[str]]
    reliability: dict[str, float]
    unseen: tuple[float, float]
    topics: frozenset[str] = frozenset()


def directions(lex: Lexicon, src_texts: list[str], tgt_texts: list[str]) -> tuple[Direction, Direction]:
    """Source-to-target and target-to-source coverage settings for one document."""
    return (
        Direction(
            lex.src_function,
            lex.tgt_function,
            lex.forward,
            lex.src_reliability,
            lex.src_unseen,
            topics(src_texts, lex.src_function),
        ),
        Direction(
            lex.tgt_function,
            lex.src_function,
            lex.backward,
            lex.tgt_reliability,
            lex.tgt_unseen,
            topics(tgt_texts, lex.tgt_function),
        ),
    )


def _sides(
    mine: list[Sentence], unit: list[Sentence], neighbours: list[list[Sentence]], d: Direction
) -> list[_Side]:
    def bag_of(sents: list[Sentence]) -> Bag:
        return bag([t for o in sents for t in content(o.text, d.other_function, everything=True)])

    unit_bag, bags = bag_of(unit), [bag_of(n) for n in neighbours]
    out = []
    for sent in mine:
        toks = content(sent.text, d.function)
        out.append(
            _Side(
                sent,
                toks,
                marks(toks, unit_bag, d.table),
                [marks(toks, b, d.table) for b in bags],
                [weight(t, d.reliability, d.unseen) for t in toks],
                [presence(t, d.reliability, d.unseen) for t in toks],
                [t.stem in d.topics for t in toks],
            )
        )
    return out


def _deficit(unit: Unit, ratio: float, source: bool) -> float:
    """How much shorter this side of the unit is than the other side predicts (0: as expected)."""
    src = sum(len(s.text) for s in unit.source)
    tgt = sum(len(t.text) for t in unit.target)
    if not src or not tgt:
        return 0.0
    return 1 - tgt / (ratio * src) if source else 1 - src * ratio / tgt


#: a finding: start and end in the sentence, evidence, whether it is the whole sentence, whether
#: it ends the sentence (nothing rendered after it, or one word after a run of TAIL_RUN words)
Found = tuple[int, int, float, bool, bool]


def _findings(side: _Side, deficit: float, length: int) -> Found | None:
    """The sentence or clause of ``side`` most likely left untranslated, or None."""
    words = [k for k, t in enumerate(side.tokens) if not t.figure]
    if len(words) < MIN_WORDS:
        return None
    whole = side.evidence(side.in_unit)
    if len(side.sentence.text) < length and whole >= FREE:
        # one sentence of a merged unit whose words are missing: do the lengths agree? (only
        # in favour: where the unit is most of the document, its own ratio hides the deficit)
        whole += max(0.0, _lengths(deficit, len(side.sentence.text) / length))
    misaligned = any(side.evidence(n) <= -NEIGHBOUR for n in side.in_neighbours)
    spoken = sum(side.topic[k] and side.in_unit[k] for k in words)  # covered topic words say nothing
    if len(words) - spoken >= MIN_WORDS and whole >= SENTENCE_WARNING and not misaligned:
        return 0, len(side.sentence.text), whole, True, True  # not rendered, not even by a neighbour
    neutral = [c and topic for c, topic in zip(side.in_unit, side.topic, strict=True)]
    found = runs(side.tokens, side.in_unit, side.weights, neutral)
    if not found:
        return None
    run = found[0]
    rest = [side.in_unit[k] for k in words if not run.first <= k <= run.last]
    if not rest or sum(rest) / len(rest) < CONTEXT:
        return None  # a free translation, not a gap in a literal one
    inside = [k for k in range(run.first, run.last + 1) if not side.tokens[k].figure and not side.topic[k]]
    rendered = sum(any(n[k] for n in side.in_neighbours) for k in inside)
    if rendered and rendered >= NEIGHBOUR_SHARE * len(inside):
        return None  # a neighbour renders much of it: restructured, not dropped
    start, end = side.tokens[run.first].start, side.tokens[run.last].end
    # it ends the sentence: nothing after it rendered, or one word (any sentence may have it)
    # after a run of TAIL_RUN words or more
    after = sum(side.in_unit[k] and not side.tokens[k].figure for k in range(run.last + 1, len(side.tokens)))
    tail = after == 0 or (after == 1 and run.size >= TAIL_RUN)
    return start, end, run.evidence + _lengths(deficit, (end - start) / max(length, 1)), False, tail


def _lengths(deficit: float, share: float) -> float:
    """Log-likelihood ratio, from the unit's lengths alone, that ``share`` of this side is not
    rendered: the deficit explained by the loss against no loss (Gale-Church's normal model)."""
    return (deficit**2 - (deficit - share) ** 2) / (2 * SIGMA**2)


def _severity(got: Found, truncation: bool) -> tuple[bool, Severity | None]:
    """Whether the evidence is worth a finding, and its severity (None: the rule's own).
    ``truncation``: a clause ending the sentence has the lower bar (omissions only: text added at
    the end of a sentence is as often a free rendering as anything else)."""
    evidence, whole, tail = got[2], got[3], got[4] and truncation
    if whole:
        return True, None if evidence >= SENTENCE_ERROR else Severity.WARNING
    if evidence >= (TAIL_WARNING if tail else CLAUSE_WARNING):
        return True, Severity.WARNING
    return evidence >= CLAUSE_INFO, Severity.INFO


def _one_way(
    unit: Unit, window: list[Unit], ratio: float, d: Direction, source: bool
) -> list[tuple[_Side, Found]]:
    """What one side of the unit holds that the other does not render."""
    mine = unit.source if source else unit.target
    others = [u for u in window if u is not unit]
    theirs = [u.target if source else u.source for u in others]
    length = sum(len(s.text) for s in mine)
    out = []
    for side in _sides(mine, unit.target if source else unit.source, theirs, d):
        got = _findings(side, _deficit(unit, ratio, source), length)
        if got is not None:
            out.append((side, got))
    return out


def coverage_hits(
    unit: Unit, window: list[Unit], ratio: float, dirs: tuple[Direction, Direction], pairs: bool
) -> Iterator[Hit]:
    """TQ404 for source text the translation around it does not render, TQ405 for translated
    text the source around it does not have; severity from the strength of the evidence.

    Text on both sides that the other does not render is one passage translated freely (or a
    mismatch), not an omission plus an addition: only one-sided evidence is reported.
    """
    if not unit.source or not unit.target or not dirs[0].table:
        return
    lost = _one_way(unit, window, ratio, dirs[0], True)
    added = _one_way(unit, window, ratio, dirs[1], False)
    if any(got[2] >= FREE for _, got in lost) and any(got[2] >= FREE for _, got in added):
        return
    for side, got in lost:
        report, severity = _severity(got, True)
        if not report:
            continue
        a, b, evidence, whole, _ = got
        data = (("evidence", round(evidence, 1)),)
        s = side.sentence
        what = "this source sentence" if whole else "this part of the source sentence"
        msg = f"{what} has no counterpart in the translation (omitted?): {quoted(s.text[a:b])}"
        if pairs:
            span = Span(unit.target[0].span.start, unit.target[-1].span.end)
            related = (RelatedHit(s.path, s.mapped.span(a, b), "in the source"),)
            yield Hit(
                OMISSION, span, msg, related=related, path=unit.target[0].path, severity=severity, data=data
            )
        else:
            yield Hit(OMISSION, s.mapped.span(a, b), msg, path=s.path, severity=severity, data=data)
    for side, got in added:
        report, severity = _severity(got, False)
        if not report:
            continue
        a, b, evidence, whole, _ = got
        t = side.sentence
        what = "this sentence" if whole else "this part of the sentence"
        yield Hit(
            ADDITION,
            t.mapped.span(a, b),
            f"{what} has no counterpart in the source (added?): {quoted(t.text[a:b])}",
            path=t.path,
            severity=severity,
            data=(("evidence", round(evidence, 1)),),
        )
