"""Group name mentions into spellings, and spellings into names.

A *spelling* is what a reader would call the same letters: cores compared without case or
article, so ``al-Assad``/``Assad`` (a second reference) and ``Al-Tamanah``/``al-Tamanah`` (sentence
case) are one spelling and never reported. Spellings sharing a blocking key (:func:`block_keys`)
are compared with :func:`compare_names`; each joins the cluster of the first, most frequent
spelling it matches (leader clustering), so ``Hamad`` ~ ``Hamed`` ~ ``Hamid`` cannot chain two names into one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from tqcheck.gcpause import gc_paused
from tqcheck.names.lexicon import lexical_clash
from tqcheck.names.mentions import Mention
from tqcheck.names.similarity import block_keys, compare_names
from tqcheck.names.translit import french_markers
from tqcheck.names.usage import distinct_names
from tqcheck.textfold import APOSTROPHES

_APOS = {ord(c): "'" for c in APOSTROPHES}

#: A spelling is compared with the leaders of at most this many clusters per blocking key (the most
#: frequent first). Real archives stay below it (the 11,000 names of the OFAC sanctions list, where
#: Arabic names crowd a few keys, reach 64 with the same clusters as without a cap); text made of
#: thousands of names with one consonant skeleton would otherwise cost a comparison per pair.
MAX_LEADERS_PER_KEY = 64


def spelling_key(cores: Iterable[str]) -> tuple[str, ...]:
    """Cores as a reader compares them: case and apostrophe style ignored, accents kept."""
    return tuple(c.translate(_APOS).casefold() for c in cores)


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
        return self.mentions[0][1].cores

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
    mentions: Iterable[tuple[str, Mention]], lang: str | None = "en", across: bool = False
) -> list[NameCluster]:
    """Clusters of the spellings in ``mentions`` (every cluster, singletons included).

    Two spellings that differ only in ordinary words of ``lang`` (``Prize``/``Price``) never join
    (:func:`tqcheck.names.lexicon.lexical_clash`), nor do two names ``lang`` knows apart
    (``Harris``/``Haris``, ``Kenya``/``Kanye``: :func:`tqcheck.names.usage.distinct_names`);
    ``across``: the mentions come from different articles, so that test is stricter.
    """
    with gc_paused():
        return _cluster(mentions, lang, across)


def _joins(lead: Spelling, sp: Spelling, lang: str | None, across: bool) -> bool:
    """Does spelling ``sp`` join the cluster led by ``lead``? The letters first, then the words' usage."""
    return (
        compare_names(lead.cores, sp.cores).same
        and not lexical_clash(lead.cores, sp.cores, lang, lead.named, sp.named)
        and not distinct_names(lead.cores, sp.cores, lang, lead.named, sp.named, across)
    )


def _cluster(mentions: Iterable[tuple[str, Mention]], lang: str | None, across: bool) -> list[NameCluster]:
    spellings: dict[tuple[str, ...], Spelling] = {}
    order: dict[tuple[str, ...], int] = {}
    for path, m in mentions:
        k = spelling_key(m.cores)
        sp = spellings.get(k)
        if sp is None:
            sp = spellings[k] = Spelling(k)
            order[k] = len(order)
        sp.mentions.append((path, m))
    ranked = sorted(spellings.values(), key=lambda s: preference(s, order))
    leaders: dict[tuple[str, ...], list[NameCluster]] = defaultdict(list)
    clusters: list[NameCluster] = []
    for sp in ranked:
        keys = block_keys(sp.cores)
        seen: set[int] = set()
        home = None
        for k in keys:
            for cl in leaders[k]:
                if id(cl) in seen:
                    continue
                seen.add(id(cl))
                if _joins(cl.spellings[0], sp, lang, across):
                    home = cl
                    break
            if home is not None:
                break
        if home is not None:
            home.spellings.append(sp)
            continue
        cl = NameCluster([sp])
        clusters.append(cl)
        for k in keys:
            if len(leaders[k]) < MAX_LEADERS_PER_KEY:
                leaders[k].append(cl)
    clusters.sort(key=lambda c: min(order[s.key] for s in c.spellings))
    return clusters
