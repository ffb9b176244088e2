"""Read a lone word as the name it refers to: a second reference by surname, or a plural.

News names a person in full once and by surname after (``Muammar Gaddafi`` ... ``Gaddafi``), so a
lone ``Kadhafi`` further down is the same person's surname spelt another way, while a lone
``Gaddafi`` is no variant at all. Each lone word that pairs with the surname of a fuller name in
the same article (:func:`tqcheck.names.decision.decide`) is read as that name, its other words
*implied* (zero-width tokens carrying the full name's words and articles): clustering then compares
it as a full name, an exact second reference disappears into its full name's spelling, and a fix
rewrites only the written word.

A demonym written in the plural (``Huthis``) is compared in the singular (``Huthi``, against
``Houthi``) when English does not use the plural form itself (``Tripolis``, ``Lewis`` and
``Paris`` are names of their own): the ``s`` stays in the text and in any fix (``Houthis``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from rapidfuzz import fuzz

from tqcheck.model import Span
from tqcheck.names.clusters import MIN_RATIO, WORD_ZIPF, spelling_key
from tqcheck.names.decision import decide, plausible
from tqcheck.names.learned import normalise
from tqcheck.names.lexicon import lexical_clash
from tqcheck.names.mentions import MAX_NAME_CHARS, Mention, NameToken
from tqcheck.names.similarity import compare_names
from tqcheck.names.usage import distinct_names, zipf

#: A plural in ``-is`` that English itself writes this often is a name, not a plural of a variant.
PLURAL_MAX_ZIPF = 1.5
#: How far (in characters) a full name may stand from the lone word that refers to it.
REACH = 5000
#: A shorter lone word is a second reference only when it is the surname letter for letter.
MIN_LETTERS = 5
#: Beyond the hand rules a second reference must be a form English hardly writes (about once
#: in 60 million words: Kadhafi 1.1, Qadhafi 1.2; the band name Zagar, 1.3, is not Balazs Zsager).
RARE_ZIPF = 1.25


def _close(x: str, y: str) -> bool:
    """A cheap first look before the decision: the words share most of their letters."""
    return fuzz.ratio(normalise(x), normalise(y)) >= 50


def _singular(m: Mention, lang: str | None) -> Mention:
    """``Huthis`` -> a mention whose core is ``Huthi`` (text and span unchanged)."""
    tok = m.tokens[0]
    core = tok.core
    if len(core) < 5 or not core.endswith("is") or not core[0].isupper():
        return m
    z = zipf(core, lang)
    if z is None or z >= PLURAL_MAX_ZIPF:
        return m
    return Mention(m.span, m.text, (NameToken(tok.span, tok.text, tok.article, core[:-1]),))


#: Full names a lone word may refer to, at most this many on either side (the nearest ones): a
#: dense text must not make every lone word look at every name within reach.
MAX_CANDIDATES = 64


def _candidates(fulls: Sequence[Mention], starts: Sequence[int], at: int) -> list[Mention]:
    """Full names within reach, the nearest before the lone word first, then those after it.

    ``starts`` are the fulls' start offsets (sorted, as mentions come in text order): two
    bisections find the window, so the cost does not grow with the document.
    """
    i = bisect_left(starts, at)  # fulls[:i] start before the lone word
    lo = bisect_left(starts, at - REACH - MAX_NAME_CHARS)
    before = [
        f for f in fulls[max(lo, i - MAX_CANDIDATES) : i] if f.span.end <= at and at - f.span.end <= REACH
    ]
    j = bisect_right(starts, at + REACH)
    after = [f for f in fulls[i : min(j, i + MAX_CANDIDATES)] if f.span.start > at]
    return before[::-1] + after


def _refers(lone: Mention, full: Mention, lang: str | None) -> bool:
    """Is ``lone`` a second reference to ``full``: its surname, or a spelling of it?

    The surname letter for letter (whatever the article); else, for a word English does not use
    on its own (:data:`WORD_ZIPF`) and that it does not know apart from the surname, the hand
    rules for one word, or, for a rare form (:data:`RARE_ZIPF`) of :data:`MIN_LETTERS` letters or
    more, the full name with the lone word for its surname judged one name (``Muammar Kadhafi`` ~
    ``Muammar Gaddafi``) by the same decision as any two names.
    """
    word, surname = lone.cores[0], full.cores[-1]
    if spelling_key([word]) == spelling_key([surname]):
        return True
    if not _close(word, surname):
        return False
    z = zipf(word, lang)
    if z is not None and z >= WORD_ZIPF:
        return False  # Quebec, Czech, Roland: a word English uses on its own stands for itself
    named = ((lone.tokens[0].article is not None,), (full.tokens[-1].article is not None,))
    if distinct_names((word,), (surname,), lang, *named) or lexical_clash((word,), (surname,), lang, *named):
        return False  # Cameroon after David Cameron: two names English knows apart
    if compare_names((word,), (surname,)).same:
        return True  # the hand rules (al-Asad after Bashar al-Assad; exact keys only for short words)
    if len(word) < MIN_LETTERS or (z is not None and z >= RARE_ZIPF):
        return False  # beyond the hand rules, only a rare form (Kadhafi, not Gadhafi)
    arts = tuple(t.article is not None for t in full.tokens)
    d = decide((*full.cores[:-1], word), full.cores, arts, arts, lang)
    al = d.alignment
    # the implied words agree by construction: the written word itself must be a close spelling
    return d.same and al is not None and not al.reordered and plausible(al)


def _implied(lone: Mention, full: Mention) -> Mention:
    """``lone`` read as ``full``: zero-width tokens for the implied words, the written word last."""
    at = lone.span.start
    implied = tuple(NameToken(Span(at, at), "", t.article, t.core) for t in full.tokens[:-1])
    last = lone.tokens[0]
    written = NameToken(last.span, last.text, full.tokens[-1].article, last.core)
    return Mention(lone.span, lone.text, (*implied, written))


class _ByLength:
    """Mentions grouped by their number of words, in text order, for windowed look-ups."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self._groups: dict[int, tuple[list[int], list[Mention]]] = {}
        for m in mentions:
            starts, group = self._groups.setdefault(len(m.tokens), ([], []))
            starts.append(m.span.start)
            group.append(m)

    def near(self, words: int, at: int) -> list[Mention]:
        """Mentions of ``words`` words within :data:`REACH` of ``at``, at most
        :data:`MAX_CANDIDATES` on either side (the nearest), in text order."""
        starts, group = self._groups.get(words, ([], []))
        i = bisect_left(starts, at)
        lo = max(bisect_left(starts, at - REACH - MAX_NAME_CHARS), i - MAX_CANDIDATES)
        hi = min(bisect_right(starts, at + REACH), i + MAX_CANDIDATES)
        return group[lo:hi]


#: A run of capitalised words that starts with a word English uses this often (``Kremlin``,
#: ``Telegram``: Zipf 3.4 and 3.6) ...
LEAD_ZIPF = 3.3
#: ... followed only by words it hardly uses (``Dmitri Peskov``, ``Oleh Syniehubov``) may be an
#: apposition MT leaves unpunctuated ("the spokesman of the Kremlin Dmitri Peskov").
NAME_ZIPF = 3.0


def _letters(cores: Sequence[str]) -> str:
    return " ".join(normalise(c) for c in cores)


def _similar(x: str, y: str) -> bool:
    """The clustering's first look (:data:`MIN_RATIO`, in written or sorted word order): the
    decision accepts no pair of names further apart, and it costs a thousandth of one."""
    return fuzz.ratio(x, y) >= MIN_RATIO or fuzz.token_sort_ratio(x, y) >= MIN_RATIO


def _trimmed(m: Mention, text: str, others: _ByLength, lang: str | None) -> Mention:
    """``Kremlin Dmitri Peskov`` -> ``Dmitri Peskov``, when another name of the text (within
    :data:`REACH`, the nearest :data:`MAX_CANDIDATES` on either side: a long document must not make
    every run look at every name) is that name without the leading word (``Dmitry Peskov``) and
    not the whole run: the run is an apposition left unpunctuated, not a longer name (``Abu`` in
    ``Abu Bakr al-Baghdadi`` stays)."""
    first, second = m.tokens[0], m.tokens[1]
    if first.article or text[first.span.end : second.span.start] != " ":
        return m
    lead = zipf(first.core, lang)
    if lead is None or lead < LEAD_ZIPF:
        return m
    if any((zipf(t.core, lang) or 0.0) >= NAME_ZIPF for t in m.tokens[1:]):
        return m
    rest = m.tokens[1:]
    cores = tuple(t.core for t in rest)
    letters = _letters(cores)
    for o in others.near(len(rest), m.span.start):
        if _similar(letters, _letters(o.cores)) and decide(cores, o.cores, (), (), lang).same:
            start = rest[0].span.start
            return Mention(Span(start, m.span.end), m.text[start - m.span.start :], rest)
    return m


def resolve(mentions: Sequence[Mention], lang: str | None = "en", text: str = "") -> list[Mention]:
    """``mentions`` with a leading common word cut off (:func:`_trimmed`), plurals read in the
    singular and lone surnames read as the full names they refer to (in the same ``text``); every
    other mention unchanged, order kept."""
    if text:
        others = _ByLength(mentions)
        mentions = [_trimmed(m, text, others, lang) if len(m.tokens) >= 3 else m for m in mentions]
    fulls = [m for m in mentions if len(m.tokens) > 1]
    starts = [f.span.start for f in fulls]
    surname = {id(f): spelling_key(f.cores[-1:]) for f in fulls}  # once per name, not per lone word
    first: dict[tuple[str, ...], int] = {}
    for m in mentions:
        if len(m.tokens) == 1:
            first.setdefault(spelling_key(m.cores), m.span.start)
    out = []
    for m in mentions:
        if len(m.tokens) != 1:
            out.append(m)
            continue
        single = _singular(m, lang)
        if single is not m:
            out.append(single)  # a plural names a group, not a person's second reference
            continue
        near = _candidates(fulls, starts, m.span.start)
        # the full name whose surname is written exactly so first (Guerini: Alexandre Guerini, not
        # a misspelt Alexande Guereini), then the nearest that pairs
        own = spelling_key(m.cores)
        exact = [f for f in near if surname[id(f)] == own]
        # a respelt surname refers back: a spelling first written before any full name (the band
        # Zagar, then its leader Balazs Zsager) is a name of its own
        opened = first[own]
        later = [f for f in near if f.span.end <= opened]
        for full in exact[:1] or later:
            if _refers(m, full, lang):
                m = _implied(m, full)
                break
        out.append(m)
    return out


def is_implied(token: NameToken) -> bool:
    """A word the reader supplies (a second reference's first name), not one written here."""
    return token.span.start == token.span.end
