"""Sentence segmentation keeps exact offsets (pysbd rules per language)."""

from __future__ import annotations

import pytest

from tqcheck.document import load_path
from tqcheck.segment import blocks, sentences

from .conftest import SEED


def test_sentences_of_the_seed_index_the_text_exactly() -> None:
    doc = load_path(SEED)
    segs = sentences(doc.text)
    assert all(doc.text[s.span.start : s.span.end] == s.text for s in segs)
    assert all(s.text == s.text.strip() for s in segs)
    assert segs[0].text == "Sign in / Join" and segs[-1].text == "Terms of service"
    texts = [s.text for s in segs]
    assert (
        "On Thursday, clashes on this front cost the lives of 19 jihadists and 12 pro-regime fighters, the OSDH said."
        in texts
    )
    assert (
        "Some 96 civilians, including 27 children, have died since December 25 in Syrian or Russian strikes in Idleb, according to the NGO."
        in texts
    )
    assert [s.index for s in segs] == list(range(len(segs)))


def test_french_abbreviations_and_crlf() -> None:
    text = "M. Assad a parlé jeudi.\r\nL'OSDH a fait état de 19 morts. Le régime avance.\r\n"
    segs = sentences(text, "fr")
    assert [s.text for s in segs] == [
        "M. Assad a parlé jeudi.",
        "L'OSDH a fait état de 19 morts.",
        "Le régime avance.",
    ]
    assert [s.block for s in segs] == [0, 1, 1]
    assert [(b.start, b.end) for b in blocks(text)] == [(0, 23), (25, 74)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an initial or an abbreviation before a lower-case word ends no sentence (WMT news-test2011)
        (
            "Celui-ci devait payer à Lubos G. un demi million de couronnes. Il a refusé.",
            ["Celui-ci devait payer à Lubos G. un demi million de couronnes.", "Il a refusé."],
        ),
        # '?' standing for an apostrophe, no space after it (WMT newstest2010)
        (
            "Il nous a obligé à négocier dans l?urgence. Voilà.",
            ["Il nous a obligé à négocier dans l?urgence.", "Voilà."],
        ),
        # a brand in lower case still starts a sentence
        ("Sales fell. iPhone sales rose.", ["Sales fell.", "iPhone sales rose."]),
    ],
)
def test_splits_no_sentence_boundary_makes_are_joined(text: str, expected: list[str]) -> None:
    assert [s.text for s in sentences(text, "fr")] == expected
