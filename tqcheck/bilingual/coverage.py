"""Which content words of a sentence the other side covers: the evidence for omissions and additions.

A content word (not one of the side's function words) is *covered* when the other side has a
word the lexicon (:mod:`tqcheck.bilingual.lexicon`) gives as its translation, the same stem (a
name, a shared word), a cognate (gouvernement/government, Moscou/Moscow) or, for a figure, the
same digits. A run of consecutive content words that nothing covers, in a sentence whose other
words are covered, is a clause the translation left out (or added); a sentence with no covered
word is a sentence left out. How strong that is depends on how many of the run's words the
lexicon *knows*: a word it has never seen may just be rendered in a way it cannot recognise.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from tqcheck.bilingual.lexical import COGNATE_MIN, cognates
from tqcheck.bilingual.lexicon import stem, words
from tqcheck.textfold import fold

_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Token:
    """A content word (or figure) of a sentence, at ``[start, end)`` of its text."""

    start: int
    end: int
    stem: str
    folded: str
    name: bool
    figure: bool = False


def content(text: str, function: frozenset[str], everything: bool = False) -> list[Token]:
    """The content words and figures of ``text``, in order (``everything``: function words too,
    for the side that covers: a content word may be rendered by one, également -> also)."""
    out: list[Token] = []
    for n, (start, end, w) in enumerate(words(text)):
        s = stem(w)
        name = (w.isupper() and len(w) >= 2) or (w[:1].isupper() and n > 0)
        if not everything and (s in function or (len(w) < 3 and not name)):
            continue
        out.append(Token(start, end, s, fold(w.lower()), name))
    for m in _DIGITS.finditer(text):
        out.append(Token(m.start(), m.end(), m.group().lstrip("0") or "0", m.group(), False, True))
    return sorted(out, key=lambda t: t.start)


@dataclass(frozen=True)
class Bag:
    """What one side offers to cover the other's words."""

    stems: frozenset[str]
    folded: tuple[tuple[str, bool], ...]  # words long enough to be cognates, and names
    figures: frozenset[str]


def bag(tokens: list[Token]) -> Bag:
    return Bag(
        frozenset(t.stem for t in tokens if not t.figure),
        tuple(
            sorted(
                {
                    (t.folded, t.name)
                    for t in tokens
                    if not t.figure and (t.name or len(t.folded) >= COGNATE_MIN)
                }
            )
        ),
        frozenset(t.stem for t in tokens if t.figure),
    )


def covered(tok: Token, other: Bag, translations: dict[str, frozenset[str]]) -> bool:
    """Whether the other side has this word's translation, itself, a cognate, or its figure."""
    if tok.figure:
        return tok.stem in other.figures
    if tok.stem in other.stems or translations.get(tok.stem, frozenset()) & other.stems:
        return True
    if tok.name or len(tok.folded) >= COGNATE_MIN:
        return any(
            (tok.name or len(w) >= COGNATE_MIN) and cognates(tok.folded, w, tok.name and name)
            for w, name in other.folded
        )
    return False


#: share of a sentence's content words that an unrelated sentence covers by accident (0.054 on
#: the WMT development years with the shipped lexicon)
ACCIDENTAL = 0.05
#: a word's reliability is capped: even the surest word is sometimes rendered freely
MAX_RELIABILITY = 0.95
#: a name is capped lower: translations drop first names and titles (Cristiano Ronaldo -> Ronaldo)
MAX_NAME = 0.8


def marks(tokens: list[Token], other: Bag, translations: dict[str, frozenset[str]]) -> list[bool]:
    return [covered(t, other, translations) for t in tokens]


def weight(tok: Token, reliability: dict[str, float], unseen: tuple[float, float]) -> float:
    """Log-likelihood ratio of "not translated" over "translated" for an uncovered word: high for
    a word that is nearly always found when translated (gouvernement), low for one often rendered
    freely (affirmer); a name the lexicon never saw is nearly always copied, so high too."""
    r = reliability.get(tok.stem, unseen[1] if tok.name else unseen[0])
    return math.log((1 - ACCIDENTAL) / (1 - min(r, MAX_NAME if tok.name else MAX_RELIABILITY)))


#: share of a document's topic words (in several of its sentences: "students", "Iran") that a
#: sentence of the same document covers by accident
TOPIC_ACCIDENTAL = 0.5


def presence(
    tok: Token, reliability: dict[str, float], unseen: tuple[float, float], topic: bool = False
) -> float:
    """The same ratio for a covered word (negative: evidence that the text is translated); a
    topic word of the document is covered by any sentence about it, so it says little."""
    r = reliability.get(tok.stem, unseen[1] if tok.name else unseen[0])
    accidental = TOPIC_ACCIDENTAL if topic else ACCIDENTAL
    return min(0.0, math.log(accidental / max(min(r, MAX_RELIABILITY), accidental)))


def topics(texts: list[str], function: frozenset[str]) -> frozenset[str]:
    """Stems of content words found in more than one of the texts: what the document is about."""
    seen: dict[str, int] = {}
    for text in texts:
        for st in {t.stem for t in content(text, function) if not t.figure}:
            seen[st] = seen.get(st, 0) + 1
    return frozenset(k for k, n in seen.items() if n > 1)


@dataclass(frozen=True)
class Run:
    """Consecutive uncovered content words: ``first``..``last`` are token indices."""

    first: int
    last: int
    evidence: float  # summed log-likelihood ratio of the run's words (see :func:`weight`)
    size: int  # content words in the run


def runs(tokens: list[Token], is_covered: list[bool], weights: list[float], neutral: list[bool]) -> list[Run]:
    """Maximal runs of uncovered words, strongest first. Figures are left to the number check,
    and a ``neutral`` word (a topic word of the document, which any sentence about it covers)
    neither starts nor breaks a run."""
    out: list[Run] = []
    i = 0
    while i < len(tokens):
        if is_covered[i] or tokens[i].figure:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and (not is_covered[j + 1] or neutral[j + 1]):
            j += 1
        while is_covered[j]:
            j -= 1  # a run ends on an uncovered word
        words = [k for k in range(i, j + 1) if not tokens[k].figure and not is_covered[k]]
        out.append(Run(i, j, sum(weights[k] for k in words), len(words)))
        i = j + 1
    return sorted(out, key=lambda r: -r.evidence)


#: share of a sentence's known content words the other side of a merged bead must cover
MERGE_MIN = 0.2
#: known content words a sentence needs before its coverage can veto a merge
MERGE_WORDS = 4


class MergeSupport:
    """Whether the content supports a 2-1 or 1-2 bead: each sentence merged into it must be
    rendered, in part at least, by the other side. Lengths alone happily merge a dropped
    sentence into its neighbour's bead; the lexicon sees that none of its words are there."""

    def __init__(
        self,
        src: list[str],
        tgt: list[str],
        functions: tuple[frozenset[str], frozenset[str]],
        tables: tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]],
    ) -> None:
        self.tables = tables
        self.tokens = (
            [[t for t in content(s, functions[0]) if not t.figure] for s in src],
            [[t for t in content(s, functions[1]) if not t.figure] for s in tgt],
        )
        self.bags = (
            [bag(content(s, functions[0], everything=True)) for s in src],
            [bag(content(s, functions[1], everything=True)) for s in tgt],
        )

    def _rendered(self, side: int, k: int, others: tuple[int, ...]) -> bool:
        table = self.tables[side]
        known = [t for t in self.tokens[side][k] if t.stem in table]
        if len(known) < MERGE_WORDS:
            return True  # too little to judge
        other = self.bags[1 - side]
        found = sum(any(covered(t, other[j], table) for j in others) for t in known)
        return found >= MERGE_MIN * len(known)

    def __call__(self, si: tuple[int, ...], ti: tuple[int, ...]) -> bool:
        if len(si) > 1:
            return all(self._rendered(0, i, ti) for i in si)
        if len(ti) > 1:
            return all(self._rendered(1, j, si) for j in ti)
        return True
