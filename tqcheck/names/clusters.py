"""Group name mentions into spellings, and spellings into names.

A *spelling* is what a reader would call the same letters: cores compared without case, so
``Al-Tamanah``/``al-Tamanah`` (sentence case) are one spelling and never reported; a one-word name
is also compared without its article (``al-Assad``/``Assad``: a second reference), while in a
longer name an article written or left out is a different spelling (``Bayan al-Bitar`` / ``Bayan
Bitar``). Spellings sharing a blocking key (:func:`block_keys`, plus a key per word) are compared
with the calibrated decision (:func:`tqcheck.names.decision.decide`); each joins the cluster of
the first, most frequent spelling it matches (leader clustering), so ``Hamad`` ~ ``Hamed`` ~
``Hamid`` cannot chain two names into one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from rapidfuzz import fuzz, process

from tqcheck.fanout import Fanout
from tqcheck.gcpause import gc_paused
from tqcheck.names.decision import decide
from tqcheck.names.learned import normalise
from tqcheck.names.lexicon import lexical_clash
from tqcheck.names.mentions import Mention
from tqcheck.names.similarity import block_keys, compare_names
from tqcheck.names.translit import class_skeleton, french_markers, token_key
from tqcheck.names.usage import distinct_names, zipf
from tqcheck.textfold import APOSTROPHES

_APOS = {ord(c): "'" for c in APOSTROPHES}

#: A spelling is compared with the leaders of at most this many clusters per blocking key (the most
#: frequent first). Real archives stay below it (the 11,000 names of the OFAC sanctions list, where
#: Arabic names crowd a few keys, reach 64 with the same clusters as without a cap); text made of
#: thousands of names with one consonant skeleton would otherwise cost a comparison per pair.
MAX_LEADERS_PER_KEY = 64
#: Full decisions (learned distance, alignment) one clustering may make: a base, plus one per
#: spelling. Real text stays far below it (measured on the WMT development years: at most 12 in
#: one 10-sentence article; 10,804 for all 1,308 articles mined together, 8,321 spellings); 12,000
#: invented names sharing one skeleton would make 200,000 (a minute) and stop here in seconds,
#: only exact spellings joining past it.
MAX_DECISIONS = 5_000
DECISIONS_PER_SPELLING = 1


#: With a fanout (:mod:`tqcheck.fanout`), a clustering of at least this many spellings has its
#: judgements made there first (:func:`_speculate`); a smaller one is quicker alone.
SPECULATE_FROM = 400
#: Spellings per blocking key read when the judgements are made ahead: twice the leaders a
#: clustering compares, as the spellings that join a cluster are ahead too.
SPECULATE_PER_KEY = 2 * MAX_LEADERS_PER_KEY
#: Judgements per batch handed out.
BATCH = 256

#: What a judgement reads of a spelling: its cores, and per word whether it is written with an
#: Arabic article somewhere (:attr:`Spelling.named`).
Face = tuple[tuple[str, ...], tuple[bool, ...]]
#: One judgement: the leader's face, the spelling's, the language, and whether across articles.
Query = tuple[Face, Face, str | None, bool]


#: Two names whose letters are further apart than this (rapidfuzz ratio, in either word order) are
#: not compared at all: every pair the decision accepts on the OFAC train quarter is above 66.
MIN_RATIO = 60
#: A lone word English writes this often on its own (Zipf: ``Quebec`` 4.0, ``Czech`` 3.9) is itself,
#: not a respelt surname of a longer name.
WORD_ZIPF = 3.5


def spelling_key(cores: Iterable[str], articles: Iterable[bool] = ()) -> tuple[str, ...]:
    """Cores as a reader compares them: case and apostrophe style ignored, accents kept; in a name
    of several words, which words are written with an article (``Bayan al-Bitar``/``Bayan Bitar``)."""
    key = tuple(map(_core_key, cores))
    flags = tuple(articles)
    if len(key) > 1 and any(flags):
        return (*key, "@" + "".join("a" if f else "-" for f in flags))
    return key


@lru_cache(maxsize=65536)
def _core_key(core: str) -> str:
    """One word as :func:`spelling_key` compares it (asked again of every mention of a name)."""
    return core.translate(_APOS).casefold()


def mention_key(m: Mention) -> tuple[str, ...]:
    return spelling_key(m.cores, (t.article is not None for t in m.tokens))


@dataclass
class Spelling:
    """One spelling of a name with every place it is written (``(path, mention)`` pairs).

    ``text`` and ``named`` read every mention and clustering asks for them at each comparison,
    so they are remembered (until a mention is added): a spelling used 100,000 times costs one
    pass, not one per comparison.
    """

    key: tuple[str, ...]
    mentions: list[tuple[str, Mention]] = field(default_factory=list)
    _text: tuple[int, str] | None = field(default=None, repr=False, compare=False)
    _named: tuple[int, tuple[bool, ...]] | None = field(default=None, repr=False, compare=False)
    _cores: tuple[str, ...] | None = field(default=None, repr=False, compare=False)
    _paths: tuple[int, frozenset[str]] | None = field(default=None, repr=False, compare=False)

    @property
    def count(self) -> int:
        return len(self.mentions)

    @property
    def text(self) -> str:
        """The most common way this spelling is written (first one on a tie)."""
        if self._text is None or self._text[0] != len(self.mentions):
            counts: dict[str, int] = defaultdict(int)
            for _, m in self.mentions:
                counts[m.text] += 1
            self._text = (len(self.mentions), max(counts, key=lambda t: counts[t]))
        return self._text[1]

    @property
    def cores(self) -> tuple[str, ...]:
        if self._cores is None:  # the first mention's: asked at every comparison, made once
            self._cores = self.mentions[0][1].cores
        return self._cores

    @property
    def named(self) -> tuple[bool, ...]:
        """Per word: written with an Arabic article somewhere (``al-Sham``), so a name, not a common word."""
        if self._named is None or self._named[0] != len(self.mentions):
            named = tuple(
                any(len(m.tokens) > i and m.tokens[i].article is not None for _, m in self.mentions)
                for i in range(len(self.cores))
            )
            self._named = (len(self.mentions), named)
        return self._named[1]

    def paths(self) -> list[str]:
        return list(dict.fromkeys(p for p, _ in self.mentions))

    def path_set(self) -> frozenset[str]:
        """The articles that write this spelling (asked at each lone-word comparison, made once)."""
        if self._paths is None or self._paths[0] != len(self.mentions):
            self._paths = (len(self.mentions), frozenset(p for p, _ in self.mentions))
        return self._paths[1]


@dataclass
class NameCluster:
    """Spellings judged to be one name, most frequent first."""

    spellings: list[Spelling]

    @property
    def count(self) -> int:
        return sum(s.count for s in self.spellings)


def preference(s: Spelling, order: dict[tuple[str, ...], int]) -> tuple[int, int, int]:
    """Sort key (best first): more uses, fewer French conventions, earlier in the text."""
    return (-s.count, french_markers(" ".join(s.cores)), order[s.key])


def cluster_mentions(
    mentions: Iterable[tuple[str, Mention]],
    lang: str | None = "en",
    across: bool = False,
    fanout: Fanout | None = None,
) -> list[NameCluster]:
    """Clusters of the spellings in ``mentions`` (every cluster, singletons included).

    Two spellings that differ only in ordinary words of ``lang`` (``Prize``/``Price``) never join
    (:func:`tqcheck.names.lexicon.lexical_clash`), nor do two names ``lang`` knows apart
    (``Harris``/``Haris``, ``Kenya``/``Kanye``: :func:`tqcheck.names.usage.distinct_names`);
    ``across``: the mentions come from different articles, so that test is stricter. ``fanout``:
    where a large clustering's pairwise judgements may be made first (other processes); the
    clusters are the same either way.
    """
    with gc_paused():
        return _cluster(mentions, lang, across, fanout)


def _close(a: Spelling, b: Spelling) -> bool:
    """A cheap first look: letters close enough, in written or sorted word order, to be worth deciding."""
    x, y = _letters(a.cores), _letters(b.cores)
    return fuzz.ratio(x, y) >= MIN_RATIO or fuzz.token_sort_ratio(x, y) >= MIN_RATIO


@lru_cache(maxsize=65536)
def _letters(cores: tuple[str, ...]) -> str:
    """A spelling's words as :func:`_close` compares them (each spelling meets many leaders)."""
    return " ".join(normalise(c) for c in cores)


class _Budget:
    """Counts the full decisions of one clustering (each a learned edit distance, about 0.3 ms)."""

    __slots__ = ("left",)

    def __init__(self, decisions: int) -> None:
        self.left = decisions

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0


def _near(sp: Spelling, ys: list[str]) -> list[bool]:
    """:func:`_close` of ``sp`` and each of the leaders whose :func:`_letters` are ``ys``, scanned
    in C (two calls for all of them, each pair found then checked again as :func:`_close` does)."""
    x = _letters(sp.cores)
    near = [False] * len(ys)
    for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
        for _, _, i in process.extract(x, ys, scorer=scorer, score_cutoff=MIN_RATIO - 1e-6, limit=None):
            near[i] = near[i] or scorer(x, ys[i]) >= MIN_RATIO
    return near


def _joins(
    lead: Spelling,
    sp: Spelling,
    lang: str | None,
    across: bool,
    budget: _Budget | None = None,
    near: bool | None = None,
    known: bool | None = None,
) -> bool:
    """Does spelling ``sp`` join the cluster led by ``lead``? The letters first, then the words' usage.

    A lone word against a longer name is a spelling of its surname only within one article and by
    the hand rules (second references are resolved before clustering:
    :mod:`tqcheck.names.references`; what is left is a headline or a plural). ``near``: what
    :func:`_close` says of the two, when already known; ``known``: what :func:`judge` says of
    them, when already known.
    """
    if _lone_against_longer(lead, sp):
        return not across and _surname(lead, sp, lang)
    if not (_close(lead, sp) if near is None else near):
        return False
    if budget is not None and not budget.spend():
        return False  # past the budget only exact spellings meet (their keys are equal)
    return judge(((lead.cores, lead.named), (sp.cores, sp.named), lang, across)) if known is None else known


def _lone_against_longer(a: Spelling, b: Spelling) -> bool:
    return (len(a.cores) == 1 or len(b.cores) == 1) and len(a.cores) != len(b.cores)


def judge(query: Query) -> bool:
    """The judgement of :func:`_joins` once the letters are close: the words' usage, then the
    calibrated decision. It reads only the two faces, so any process can make it."""
    (lead, lead_named), (sp, sp_named), lang, across = query
    # the vetoes by usage first: a few word lookups, where the decision is a learned edit
    # distance per word (across articles they settle two thirds of the pairs)
    if lexical_clash(lead, sp, lang, lead_named, sp_named) or distinct_names(
        lead, sp, lang, lead_named, sp_named, across
    ):
        return False
    single = len(lead) == 1 and len(sp) == 1
    d = decide(lead, sp, () if single else lead_named, () if single else sp_named, lang)
    return d.same and d.alignment is not None and not d.alignment.partial


def judge_all(queries: list[Query]) -> list[bool]:
    """:func:`judge` of each query (one batch of a fanout)."""
    return [judge(q) for q in queries]


def _speculate(
    ranked: list[Spelling], lang: str | None, across: bool, fanout: Fanout
) -> dict[tuple[int, int], bool]:
    """The judgements the clustering of ``ranked`` will ask for, made ahead through ``fanout``:
    ``(leader's rank, spelling's rank) -> judgement``.

    Which pairs the clustering judges depends on the clusters made so far, so every pair it may
    judge is: each spelling against the spellings ranked before it under its blocking keys whose
    letters are close. Most spellings lead a cluster of their own, so few of these go unasked;
    a pair missing here is judged when asked, and the budget is spent as without them.
    """
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    letters = [_letters(sp.cores) for sp in ranked]
    pairs: list[tuple[int, int]] = []
    for i, sp in enumerate(ranked):
        keys = cluster_keys(sp.cores)
        earlier = list(dict.fromkeys(chain.from_iterable(by_key[k] for k in keys)))
        if earlier:
            near = _near(sp, [letters[j] for j in earlier])
            pairs += [
                (j, i)
                for j, close in zip(earlier, near, strict=True)
                if close and not _lone_against_longer(ranked[j], sp)
            ]
        for k in keys:
            if len(by_key[k]) < SPECULATE_PER_KEY:
                by_key[k].append(i)
    faces = {n: (ranked[n].cores, ranked[n].named) for pair in pairs for n in pair}
    queries = [(faces[j], faces[i], lang, across) for j, i in pairs]
    batches = [queries[a : a + BATCH] for a in range(0, len(queries), BATCH)]
    answers = chain.from_iterable(fanout(judge_all, batches))
    return dict(zip(pairs, answers, strict=True))


def _surname(a: Spelling, b: Spelling, lang: str | None) -> bool:
    """A lone word left unresolved (a headline's ``Sissi`` before ``Abdel Fattah al-Sisi``) against a
    longer name of the same article: one word, judged by the hand rules alone (which pair short
    words only on an exact key) against the longer name's surname."""
    lone, full = (a, b) if len(a.cores) == 1 else (b, a)
    if lone.path_set().isdisjoint(full.path_set()):
        return False  # a surname stands for a full name only in the article that gives it
    word, surname = lone.cores[0], full.cores[-1]
    token = lone.mentions[0][1].tokens[0]
    if token.text.endswith(token.core + "s"):
        return False  # a plural (the Huthis) names a group, not one person of the family
    z = zipf(word, lang)
    if z is not None and z >= WORD_ZIPF:
        return False  # Quebec beside Hema-Quebec: a word English uses on its own stands for itself
    named = (lone.named[:1], full.named[-1:])
    return (
        compare_names((word,), (surname,)).same
        and not lexical_clash((word,), (surname,), lang, *named)
        and not distinct_names((word,), (surname,), lang, *named)
    )


@lru_cache(maxsize=65536)
def cluster_keys(cores: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """:func:`block_keys`, plus one key per word of a longer name (its consonant classes) and one for
    its words' first consonant classes, so names meet when they agree on one word while the
    decision pairs the rest by alignment (``Mohd``, a reordered or merged word), or when every word
    is respelt. Remembered: a name of a set is keyed in its article and again across the set."""
    keys = block_keys(cores)
    if len(cores) < 2:
        # a lone word meets the names whose surname it may write (Sissi, Abdel Fattah al-Sisi)
        return (*keys, ("word", class_skeleton(token_key(cores[0])))) if len(cores[0]) >= 4 else keys
    skeletons = [class_skeleton(token_key(c)) for c in cores]
    words = {("word", sk) for c, sk in zip(cores, skeletons, strict=True) if len(c) >= 4}
    # every word respelt (Dzmitry Valeryevich Paulichenka / Dmitri Vasilyevich Pavlichenko)
    initials = ("initials", "".join(sk[:1] or "-" for sk in skeletons))
    return (*keys, *sorted(words), initials)


def _cluster(
    mentions: Iterable[tuple[str, Mention]], lang: str | None, across: bool, fanout: Fanout | None
) -> list[NameCluster]:
    spellings: dict[tuple[str, ...], Spelling] = {}
    order: dict[tuple[str, ...], int] = {}
    for path, m in mentions:
        k = mention_key(m)
        sp = spellings.get(k)
        if sp is None:
            sp = spellings[k] = Spelling(k)
            order[k] = len(order)
        sp.mentions.append((path, m))
    ranked = sorted(spellings.values(), key=lambda s: preference(s, order))
    ahead = _speculate(ranked, lang, across, fanout) if fanout and len(ranked) >= SPECULATE_FROM else {}
    leaders: dict[tuple[str, ...], list[int]] = defaultdict(list)  # clusters by number, per key
    letters: list[str] = []  # each cluster's leader as _near reads it, made once
    single: list[bool] = []  # each cluster's leader is a lone word
    rank: list[int] = []  # each cluster's leader's rank
    clusters: list[NameCluster] = []
    budget = _Budget(MAX_DECISIONS + DECISIONS_PER_SPELLING * len(ranked))
    for i, sp in enumerate(ranked):
        keys = cluster_keys(sp.cores)
        # the leaders sharing a key, in the order they are tried (each once)
        candidates = list(dict.fromkeys(chain.from_iterable(leaders[k] for k in keys)))
        home = None
        near: list[bool | None] = [None]
        if len(candidates) > 1:
            near = list(_near(sp, [letters[c] for c in candidates]))
        lone = len(sp.cores) == 1
        for c, close in zip(candidates, near, strict=False):
            if close is False and (across or lone == single[c]):
                continue  # letters this far apart never join (_joins says no), but a lone word
                # and a longer name of one article (_surname: the lone word against the surname)
            cl = clusters[c]
            if _joins(cl.spellings[0], sp, lang, across, budget, close, ahead.get((rank[c], i))):
                home = cl
                break
        if home is not None:
            home.spellings.append(sp)
            continue
        clusters.append(NameCluster([sp]))
        letters.append(_letters(sp.cores))
        single.append(lone)
        rank.append(i)
        for k in keys:
            if len(leaders[k]) < MAX_LEADERS_PER_KEY:
                leaders[k].append(len(clusters) - 1)
    clusters.sort(key=lambda c: min(order[s.key] for s in c.spellings))
    return clusters
