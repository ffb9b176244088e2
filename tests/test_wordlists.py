"""The word-frequency index (:mod:`tqcheck.wordlists`) answers what wordfreq itself answers."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from wordfreq import iter_wordlist, zipf_frequency

from tqcheck import wordlists
from tqcheck.dictionary import dictionary

#: common and rare words, names, words the lists lack (read from the index's stored value for
#: an unknown word), and words the index leaves to wordfreq (apostrophes, hyphens, digits)
WORDS = (
    "the",
    "government",
    "Idlib",
    "Assad",
    "Kadhafi",
    "Ghathafi",
    "qwzxv",
    "Zsagerq",
    "al-Assad",
    "l'Etat",
    "2018",
)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_index_answers_as_wordfreq_does(lang: str) -> None:
    assert wordlists._db(lang) is not None  # the index is built and read, not wordfreq alone
    for word in WORDS:
        assert wordlists.zipf(word, lang) == zipf_frequency(word, lang), word
    assert wordlists.zipf("qwzxv", lang) == 0.0  # the lists lack it: their value for an unknown word


@pytest.mark.parametrize("lang", ["en", "fr", "de"])
def test_phrases_combine_their_tokens_as_wordfreq_does(lang: str) -> None:
    # words of the list from every part of it (common, middling, rare), joined two and three at
    # a time in the case a name is written in: each phrase's tokens are combined from the index
    words = [w for w in iter_wordlist(lang) if wordlists.fast(w, lang)]
    picked = words[:: max(1, len(words) // 300)]
    phrases = [f"{a.title()} {b}" for a, b in pairwise(picked)]
    phrases += [f"{a} {b} {c.title()}" for a, b, c in zip(picked, picked[7:], picked[13:], strict=False)]
    phrases += [
        f"{a.title()}-{b.title()} {c}" for a, b, c in zip(picked, picked[3:], picked[5:], strict=False)
    ]
    phrases += ["Arab Spring", "Hayat Tahrir al", "Jean-Marc Ayrault", "Idlib qwzxv"]  # qwzxv: unknown
    for phrase in phrases:
        assert wordlists.zipf(phrase, lang) == zipf_frequency(phrase, lang), phrase
    assert wordlists.zipf("Idlib qwzxv", lang) == 0.0


def test_only_single_spaces_and_hyphens_between_letters_are_combined_here() -> None:
    # two spaces or hyphens, a leading space, a digit, a tab, an apostrophe: wordfreq decides
    for phrase in (
        "Arab  Spring",
        " Arab Spring",
        "Arab--Spring",
        "Arab Spring 2011",
        "Arab\tSpring",
        "O'Donnell",
    ):
        assert wordlists.zipf(phrase, "en") == zipf_frequency(phrase, "en"), phrase


def _dictionary_zipf(lang: str, word: str) -> float | None:
    """What pyspellchecker's dictionary itself says of ``word``, read straight from its JSON."""
    import gzip
    import json
    import math

    from tqcheck.dictionary import resource as _resource

    path = _resource(lang)
    assert path is not None
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        counts = {k: v for k, v in json.load(fh).items() if isinstance(v, int)}
    c = counts.get(word.lower())
    return math.log10(c * 1e9 / sum(counts.values())) if c else None


def test_wordfreqs_own_answers_are_kept_for_later_runs(cache_dir: Path) -> None:
    """A word the index leaves to wordfreq (apostrophes: wordfreq keeps ``o'rourke`` whole and
    splits ``l'humanité``) is answered by wordfreq once, then from the user cache: a later process
    answers the same without importing wordfreq."""
    import subprocess
    import sys

    words = ["O'Rourke", "L'Humanité", "Rock'n'Roll"]
    want = [zipf_frequency(w, "en") for w in words]
    wordlists._answers.cache_clear()
    wordlists.zipf.cache_clear()
    try:
        assert [wordlists.zipf(w, "en") for w in words] == want
        wordlists.save_answers()
        assert len(list(cache_dir.glob("wordfreq-*-en-answers.pickle"))) == 1
        probe = (
            "import sys; from tqcheck import wordlists; "
            f"print([wordlists.zipf(w, 'en') for w in {words!r}], 'wordfreq' in sys.modules)"
        )
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
        assert done.stdout.strip() == f"{want} False"
    finally:
        wordlists._answers.cache_clear()
        wordlists.zipf.cache_clear()


@pytest.mark.parametrize("cache", ["writable", "a file"])
def test_the_lexicon_index_reads_what_the_dictionary_says(
    cache: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tqcheck.names import lexicon as module

    where = tmp_path / "cache"
    if cache == "a file":
        where.write_text("not a folder")  # nothing can be written there: built in memory
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(where))
    module.lexicon.cache_clear()
    dictionary.cache_clear()
    try:
        lex = module.lexicon("en")
        assert lex is not None
        for word in ("Price", "prize", "government", "Taliban", "Qwzxv"):
            assert lex.zipf(word) == _dictionary_zipf("en", word), word
        assert lex.zipf("Qwzxv") is None
        built = list(where.glob("lexicon-v*-en.sqlite3")) if where.is_dir() else []
        assert len(built) == (1 if cache == "writable" else 0)
        if built:  # a second run opens it as it is instead of building it again
            stamp = built[0].stat().st_mtime_ns
            module.lexicon.cache_clear()
            dictionary.cache_clear()
            again = module.lexicon("en-GB")
            assert again is not None and again.zipf("Price") == lex.zipf("Price")
            assert built[0].stat().st_mtime_ns == stamp
            assert not list(where.glob(".tqcheck-*"))  # no temporary file left behind
    finally:
        module.lexicon.cache_clear()
        dictionary.cache_clear()


@pytest.mark.parametrize("lang", ["en", "fr", "de"])
def test_common_words_are_the_dictionary_words_above_the_bar(lang: str, cache_dir: Path) -> None:
    """The everyday and function words read from the index are those the dictionary file lists
    at or above each bar, as when the file was parsed for them."""
    import gzip
    import json

    from tqcheck.dictionary import resource
    from tqcheck.locale import COMMON_ZIPF, FUNCTION_ZIPF, common_words

    path = resource(lang)
    assert path is not None
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        counts = {k: v for k, v in json.load(fh).items() if isinstance(v, int)}
    total = sum(counts.values())
    dictionary.cache_clear()
    common_words.cache_clear()
    try:
        for bar in (COMMON_ZIPF, FUNCTION_ZIPF):
            expected = frozenset(w for w, v in counts.items() if v >= 10**bar * total / 1e9)
            assert common_words(lang, bar) == expected
            assert 100 < len(expected) <= len(counts)
        assert len(common_words(lang, FUNCTION_ZIPF)) < len(common_words(lang, COMMON_ZIPF))
        assert common_words(f"{lang}_XX", FUNCTION_ZIPF) == common_words(lang, FUNCTION_ZIPF)
        assert common_words("xx") == frozenset() == common_words(None)
        assert len(list(cache_dir.glob(f"lexicon-v*-{lang}.sqlite3"))) == 1
    finally:
        dictionary.cache_clear()
        common_words.cache_clear()
