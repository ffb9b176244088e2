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


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # quoted sentences in a row (WMT newstest2012): pysbd kept the English three in one, so
        # the French three never aligned with them and one was reported as omitted
        (
            '"I will be with Iveta, and I don\'t mean to change that." "My wife decided for '
            'marriage on paper, and I respect it." "Our company still operates."',
            "en",
            [
                '"I will be with Iveta, and I don\'t mean to change that."',
                '"My wife decided for marriage on paper, and I respect it."',
                '"Our company still operates."',
            ],
        ),
        (
            '"Je resterai avec Iveta et ne changerai pas". "Ma femme a mis en place un mariage sur papier".',
            "fr",
            [
                '"Je resterai avec Iveta et ne changerai pas".',
                '"Ma femme a mis en place un mariage sur papier".',
            ],
        ),
        (
            "« Je reste.\u00a0» «\u00a0Il part.\u00a0» Il a dit cela.",
            "fr",
            ["« Je reste.\u00a0»", "«\u00a0Il part.\u00a0»", "Il a dit cela."],
        ),
        # an unbalanced quotation mark earlier (WMT newstest2012) kept pysbd from splitting here
        (
            'opposite are Mathieu (Debuchy) and Adil (Rami) ," he recalls. "We just crossed each others path."',
            "en",
            [
                'opposite are Mathieu (Debuchy) and Adil (Rami) ," he recalls.',
                '"We just crossed each others path."',
            ],
        ),
        ('She met Gen. "Stormin" Norman today.', "en", ['She met Gen. "Stormin" Norman today.']),
        # a quotation inside a sentence, or one a lower-case word goes on from, is no boundary
        ("Il a dit « non. » et il est parti.", "fr", ["Il a dit « non. » et il est parti."]),
        ('"Stop!" "why?" he asked.', "en", ['"Stop!" "why?" he asked.']),
    ],
)
def test_a_closed_quotation_ends_a_sentence_before_the_next(
    text: str, lang: str, expected: list[str]
) -> None:
    got = sentences(text, lang)
    assert [s.text for s in got] == expected
    assert [text[s.span.start : s.span.end] for s in got] == expected
