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
from functools import lru_cache

from tqcheck.bilingual.lexical import COGNATE_MIN, COGNATE_SIM, NAME_SIM, close, sound
from tqcheck.bilingual.lexicon import stem, words
from tqcheck.textfold import fold

#: a figure, its thousands groups included whatever the separator (French ``2.500``, ``5 000``,
#: English ``2,500``, ``5000``), so the same number written each language's way is one token;
#: a decimal part (``1,5``/``1.5``) stays a token of its own on both sides
_SEPARATOR = r"[ .,\u00a0\u202f]"
_DIGITS = re.compile(rf"\d+(?:{_SEPARATOR}\d{{3}}(?!\d))*")
_GROUPS = re.compile(_SEPARATOR)


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
    return list(_content(text, function, everything))


#: Sentences whose words :func:`content` keeps: every sentence of a long document, on both sides
#: and read both ways (a 6,000-pair article makes 24,000; a cache of 4,096 made it 20% slower).
#: The bilingual check starts each document afresh (:func:`forget`), so memory is one document's.
SENTENCES_KEPT = 1 << 15


@lru_cache(maxsize=SENTENCES_KEPT)
def _content(text: str, function: frozenset[str], everything: bool) -> tuple[Token, ...]:
    """:func:`content`, once per sentence: alignment and the omission check both read it."""
    out: list[Token] = []
    for n, (start, end, w) in enumerate(words(text)):
        s = stem(w)
        name = (w.isupper() and len(w) >= 2) or (w[:1].isupper() and n > 0)
        if not everything and (s in function or (len(w) < 3 and not name)):
            continue
        out.append(Token(start, end, s, fold(w.lower()), name))
    for m in _DIGITS.finditer(text):
        digits = _GROUPS.sub("", m.group())
        out.append(Token(m.start(), m.end(), digits.lstrip("0") or "0", m.group(), False, True))
    return tuple(sorted(out, key=lambda t: t.start))


def forget() -> None:
    """Drop the words of the sentences read so far (a new document asks for none of them)."""
    _content.cache_clear()


@dataclass(frozen=True)
class Bag:
    """What one side offers to cover the other's words.

    ``folded`` (words long enough to be cognates, and names) is also kept split the way
    :func:`covered` compares them, so one C call scans a group: the words of
    :data:`COGNATE_MIN` letters or more, the names, the other words, and the names' sounds.
    """

    stems: frozenset[str]
    folded: tuple[tuple[str, bool], ...]
    figures: frozenset[str]
    long: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    plain: tuple[str, ...] = ()
    sounds: frozenset[str] = frozenset()


def bag(tokens: list[Token]) -> Bag:
    folded = tuple(
        sorted(
            {(t.folded, t.name) for t in tokens if not t.figure and (t.name or len(t.folded) >= COGNATE_MIN)}
        )
    )
    names = tuple(w for w, name in folded if name)
    return Bag(
        frozenset(t.stem for t in tokens if not t.figure),
        folded,
        frozenset(t.stem for t in tokens if t.figure),
        tuple(w for w, _ in folded if len(w) >= COGNATE_MIN),
        names,
        tuple(w for w, name in folded if not name),
        frozenset(sound(w) for w in names),
    )


def covered(tok: Token, other: Bag, translations: dict[str, frozenset[str]]) -> bool:
    """Whether the other side has this word's translation, itself, a cognate, or its figure.

    Cognates as :func:`~tqcheck.bilingual.lexical.cognates` tells them: a name against a name by
    spelling (:data:`NAME_SIM`) or sound, any other pair by spelling (:data:`COGNATE_SIM`), a word
    that is not a name only against words of :data:`COGNATE_MIN` letters or more.
    """
    if tok.figure:
        return tok.stem in other.figures
    if tok.stem in other.stems or not translations.get(tok.stem, frozenset()).isdisjoint(other.stems):
        return True
    if not tok.name:
        return len(tok.folded) >= COGNATE_MIN and close(tok.folded, other.long, COGNATE_SIM)
    return (
        close(tok.folded, other.names, NAME_SIM)
        or (bool(other.sounds) and sound(tok.folded) in other.sounds)
        or close(tok.folded, other.plain, COGNATE_SIM)
    )


#: share of a sentence's content words that an unrelated sentence covers by accident (0.054 on
#: the WMT development years with the shipped lexicon)
ACCIDENTAL = 0.05
#: a word's reliability is capped: even the surest word is sometimes rendered freely
MAX_RELIABILITY = 0.95
#: a name is capped lower: translations drop first names and titles (Cristiano Ronaldo -> Ronaldo)
MAX_NAME = 0.8


def marks(tokens: list[Token], other: Bag, translations: dict[str, frozenset[str]]) -> list[bool]:
    return [covered(t, other, translations) for t in tokens]


#: share of a sentence's figures whose digits its translation writes too (WMT development years,
#: line pairs: 0.929 of 5,772; an unrelated line has them 0.007 of the time)
FIGURE = 0.93


def _reliability(tok: Token, reliability: dict[str, float], unseen: tuple[float, float]) -> float:
    if tok.figure:
        return FIGURE
    return reliability.get(tok.stem, unseen[1] if tok.name else unseen[0])


def weight(tok: Token, reliability: dict[str, float], unseen: tuple[float, float]) -> float:
    """Log-likelihood ratio of "not translated" over "translated" for an uncovered word: high for
    a word that is nearly always found when translated (gouvernement), low for one often rendered
    freely (affirmer); a name the lexicon never saw is nearly always copied, so high too, and a
    figure is nearly always written with the same digits."""
    r = _reliability(tok, reliability, unseen)
    return math.log((1 - ACCIDENTAL) / (1 - min(r, MAX_NAME if tok.name else MAX_RELIABILITY)))


#: share of a document's topic words (in several of its sentences: "students", "Iran") that a
#: sentence of the same document covers by accident
TOPIC_ACCIDENTAL = 0.5


def presence(
    tok: Token, reliability: dict[str, float], unseen: tuple[float, float], topic: bool = False
) -> float:
    """The same ratio for a covered word (negative: evidence that the text is translated); a
    topic word of the document is covered by any sentence about it, so it says little."""
    r = _reliability(tok, reliability, unseen)
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


#: share of a sentence's known content words the other side of a merged bead must cover (set on
#: the WMT development years, dropped sentences inside paragraphs: 0.2 found 0.868 of them, 0.4
#: finds 0.919 for one more judged false alarm in 800 clean articles; 0.5 passes the 0.5 per 10)
MERGE_MIN = 0.4
#: known content words a sentence needs before its coverage can veto a merge (3: a short
#: sentence, "Il devrait en sortir un nouveau roi.", is judged too; 2 adds false alarms)
MERGE_WORDS = 3


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
        self._texts = (src, tgt)
        self._functions = functions
        self._memo: dict[tuple[int, int, tuple[int, ...]], bool] = {}
        self._shares: dict[tuple[int, int], float] = {}
        self._known: dict[tuple[int, int], list[Token]] = {}
        self._cover: dict[tuple[int, int, int], tuple[bool, ...]] = {}
        # read per sentence when the aligner first reaches it, kept for the document
        self._tokens: dict[tuple[int, int], list[Token]] = {}
        self._bags: dict[tuple[int, int], Bag] = {}

    def tokens(self, side: int, k: int) -> list[Token]:
        """The content words of sentence ``k`` of ``side`` (``0``: source), figures left out."""
        got = self._tokens.get((side, k))
        if got is None:
            words = content(self._texts[side][k], self._functions[side])
            got = self._tokens[(side, k)] = [t for t in words if not t.figure]
        return got

    def figures(self, side: int, k: int) -> list[Token]:
        """The figures of sentence ``k`` of ``side`` (``329 900``, ``1,4``: each digit run)."""
        return [t for t in content(self._texts[side][k], self._functions[side]) if t.figure]

    def bag(self, side: int, k: int) -> Bag:
        """What sentence ``k`` of ``side`` offers to cover the other side's words."""
        got = self._bags.get((side, k))
        if got is None:
            got = self._bags[(side, k)] = bag(
                content(self._texts[side][k], self._functions[side], everything=True)
            )
        return got

    def _rendered(self, side: int, k: int, others: tuple[int, ...]) -> bool:
        """Whether sentence ``k`` of ``side`` is rendered by the ``others`` of the other side
        (asked again by neighbouring cells of the alignment: answered once)."""
        memo = self._memo.get((side, k, others))
        if memo is None:
            memo = self._memo[(side, k, others)] = self._judge(side, k, others)
        return memo

    def _judge(self, side: int, k: int, others: tuple[int, ...]) -> bool:
        # words the lexicon knows, and figures: a merged sentence's figures are there or not
        known = self.known(side, k)
        if len(known) < MERGE_WORDS:
            return True  # too little to judge
        per_other = [self._marks(side, k, j) for j in others]
        found = sum(any(m[n] for m in per_other) for n in range(len(known)))
        return found >= MERGE_MIN * len(known)

    def known(self, side: int, k: int) -> list[Token]:
        """Sentence ``k``'s words the lexicon of ``side`` knows, and its figures (made once)."""
        got = self._known.get((side, k))
        if got is None:
            table = self.tables[side]
            got = [t for t in self.tokens(side, k) if t.stem in table] + self.figures(side, k)
            self._known[(side, k)] = got
        return got

    def _marks(self, side: int, k: int, other: int) -> tuple[bool, ...]:
        """Which of :meth:`known` sentence ``other`` of the other side renders (each pair once: the
        merge test and :meth:`share` ask the same pairs, cell after cell of the alignment)."""
        got = self._cover.get((side, k, other))
        if got is None:
            b, table = self.bag(1 - side, other), self.tables[side]
            got = self._cover[(side, k, other)] = tuple(covered(t, b, table) for t in self.known(side, k))
        return got

    def share(self, i: int, j: int) -> float:
        """How well source sentence ``i`` and target sentence ``j`` render each other: the lower of
        the two shares of each one's words the lexicon knows (and figures) that the other
        renders (one way only, a long sentence would render anything). It tells which of two
        neighbours a translation renders where cognates and trigrams are silent
        (voiture/vehicle, arbres/trees)."""
        got = self._shares.get((i, j))
        if got is None:
            got = self._shares[(i, j)] = min(self._share(0, i, j), self._share(1, j, i))
        return got

    def _share(self, side: int, k: int, other: int) -> float:
        marks = self._marks(side, k, other)
        return sum(marks) / len(marks) if marks else 0.0

    def __call__(self, si: tuple[int, ...], ti: tuple[int, ...]) -> bool:
        if len(si) > 1:
            return all(self._rendered(0, i, ti) for i in si)
        if len(ti) > 1:
            return all(self._rendered(1, j, si) for j in ti)
        return True
