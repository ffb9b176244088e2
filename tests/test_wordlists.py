"""The word-frequency index (:mod:`tqcheck.wordlists`) answers what wordfreq itself answers."""

from __future__ import annotations

import pytest
from wordfreq import zipf_frequency

from tqcheck import wordlists

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
