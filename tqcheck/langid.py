"""Language identification with py3langid (a maintained, offline, pure-Python model).

Used to identify the language of a file checked without ``--lang`` (:func:`identify`), to find
target segments still in the source language, and to tell an original from a translation in a
run (:func:`written_in`).
Restricting candidates to the pair's languages makes short segments reliable.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from tqcheck.cachedir import cache_dir, installed_version, pickled
from tqcheck.locale.words import words as locale_words


@lru_cache(maxsize=8)
def _identifier(candidates: tuple[str, ...] | None) -> Any:
    """The model restricted to ``candidates``: a copy of the one model, whose restriction sets
    the copy's own attributes (py3langid's ``set_languages``), so the model is read once."""
    ident = copy.copy(_model())
    if candidates:
        ident.set_languages(list(candidates))
    return ident


@lru_cache(maxsize=1)
def _model() -> Any:
    """py3langid's identifier over all its languages, unpickled from the user cache (0.06 s),
    else read from its xz-compressed file (0.5 s: run twice on the fixtures, it was a third of
    the run) and then cached."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    version = installed_version("py3langid") or "unknown"
    return pickled(
        cache_dir() / f"langid-v1-py3langid-{version}.pickle",
        lambda: LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True),
        LanguageIdentifier,
    )


def detect(text: str, candidates: Sequence[str] | None = None) -> tuple[str, float]:
    """ISO 639-1 code and probability of ``text``'s language (among ``candidates`` if given)."""
    key = tuple(sorted(set(candidates))) if candidates else None
    lang, prob = _identifier(key).classify(text)
    return str(lang), float(prob)


#: A file shorter than this (in words) is not judged: a headline or a caption proves little.
MIN_WORDS = 20
#: Share of a file's letters (in lines of at least LINE_WORDS words) that must be in one language
#: for the file to count as written in it: an original with an English headline or page furniture
#: is still French; a translation with a few untranslated sentences is still English.
MIN_SHARE = 0.8
#: Probability the whole file must reach among all languages, so a German file is never called
#: French just because French is the nearer of the pair.
MIN_PROB = 0.99
LINE_WORDS = 4
#: Characters read: the head of a large file tells its language.
SAMPLE_CHARS = 20_000
_WORD = re.compile(r"[^\W\d_]+")


#: How many more of a language's function words than the other's a file must have to be worth
#: asking the model whether it is written in it.
FUNCTION_LEAD = 2


def function_word_lead(text: str, lang: str, other: str) -> bool:
    """Whether ``lang``'s commonest function words clearly outnumber ``other``'s in ``text``.

    A quick look (word lists in the locale files, read without Babel) before :func:`written_in`, whose model loads
    numpy and takes about a second the first time: a run of translations never pays for it."""
    mine, theirs = locale_words(lang).function_words, locale_words(other).function_words
    if not mine:
        return True  # no list for this language: only the model can tell
    counts = _word_counts(text[:SAMPLE_CHARS])
    own = sum(counts[w] for w in mine - theirs)  # words both languages use tell nothing
    return own >= MIN_WORDS // 4 and own >= FUNCTION_LEAD * sum(counts[w] for w in theirs - mine)


@lru_cache(maxsize=4)
def _word_counts(sample: str) -> Counter[str]:
    """Each word of ``sample``, lowered, with its count. A run asks this of each file twice (is
    it an original, :func:`function_word_lead`; which language, :func:`identify`): a fifth of
    reading 2,000 articles went to counting them twice."""
    return Counter(map(str.lower, _WORD.findall(sample)))


@lru_cache(maxsize=8)
def _own_words(candidates: tuple[str, ...]) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each candidate with a function-word list, and the words of it no other candidate lists."""
    lists = {lang: locale_words(lang).function_words for lang in candidates}
    lists = {lang: w for lang, w in lists.items() if w}
    return tuple(
        (lang, frozenset(mine - set().union(*(w for other, w in lists.items() if other != lang))))
        for lang, mine in lists.items()
    )


def identify(text: str, candidates: Sequence[str], fallback: str) -> str | None:
    """The one of ``candidates`` that ``text`` is written in, or None (short, mixed, unknown).

    Each candidate's own function words are counted (words two candidates share tell nothing);
    one language must lead clearly (:data:`FUNCTION_LEAD` times the next). The language model
    confirms any answer but ``fallback``, so a run in the usual language never loads it."""
    own = _own_words(tuple(candidates))
    if not own:
        return None
    sample = text[:SAMPLE_CHARS]
    counts = _word_counts(sample)
    scores = [(sum(counts[w] for w in words), lang) for lang, words in own]
    scores.sort(reverse=True)
    best, lang = scores[0]
    runner_up = scores[1][0] if len(scores) > 1 else 0
    if best < MIN_WORDS // 4 or best < FUNCTION_LEAD * runner_up:
        return None
    if lang == fallback:
        return lang
    return lang if detect(sample)[0] == lang else None


def written_in(text: str, candidates: Sequence[str]) -> str | None:
    """The one of ``candidates`` that ``text`` is confidently written in, or None (short, mixed,
    or another language). Each line long enough to judge votes with its letters among the
    candidates, and the whole text must be that language among all of them too."""
    sample = text[:SAMPLE_CHARS]
    if len(_WORD.findall(sample)) < MIN_WORDS:
        return None
    lang, prob = detect(sample)
    if lang not in candidates or prob < MIN_PROB:
        return None
    votes: dict[str, int] = {}
    for line in sample.splitlines():
        words = _WORD.findall(line)
        if len(words) >= LINE_WORDS:
            said, _ = detect(line, candidates)
            votes[said] = votes.get(said, 0) + sum(map(len, words))
    total = sum(votes.values())
    return lang if total and votes.get(lang, 0) >= MIN_SHARE * total else None
