"""Number words in the bilingual number check (TQ401): compound scales, fractions of a scale and
years said in words, on French-English news sentences. Each agreeing pair gives no finding; the
same sentence with a really different figure gives exactly one TQ401 error."""

from __future__ import annotations

import pytest

from tqcheck.bilingual.numbers import quantities
from tqcheck.checks.base import Context
from tqcheck.document import Document
from tqcheck.locale import get
from tqcheck.model import Severity

from .conftest import run_checks


def number_findings(fr: str, en: str) -> list[tuple[str, Severity, str]]:
    """TQ401 findings of ``en`` checked against its source ``fr``: (rule, severity, text)."""
    doc = Document("story.en.txt", en, lang="en", source=Document("story.fr.txt", fr, lang="fr"))
    report = run_checks([doc], ["TQ401"], Context(lang="en", source_lang="fr"))
    return [(f.rule, f.severity, f.text) for f in report.findings]


def strong_values(text: str, lang: str) -> list[tuple[float, str]]:
    """Reportable figures of ``text``: (value, the words read)."""
    return [(q.key[1], text[q.start : q.end]) for q in quantities(text, get(lang)) if q.strong]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("a loss of 7.4 thousand million dollars", "en", [(7.4e9, "7.4 thousand million")]),
        ("seven thousand million people", "en", [(7e9, "seven thousand million")]),
        ("une perte de 7,4 milliards de dollars", "fr", [(7.4e9, "7,4 milliards")]),
        ("a quarter of a million people", "en", [(250_000.0, "a quarter of a million")]),
        ("three quarters of a million votes", "en", [(750_000.0, "three quarters of a million")]),
        ("un quart de million de personnes", "fr", [(250_000.0, "un quart de million")]),
        ("one and a half million refugees", "en", [(1_500_000.0, "one and a half million")]),
        ("a million and a half refugees", "en", [(1_500_000.0, "a million and a half")]),
        ("un million et demi de réfugiés", "fr", [(1_500_000.0, "un million et demi")]),
        ("1 million et demi de réfugiés", "fr", [(1_500_000.0, "1 million et demi")]),
        ("half a million people", "en", [(500_000.0, "half a million")]),
        ("un demi-million de personnes", "fr", [(500_000.0, "un demi-million")]),
        ("in nineteen ninety-eight", "en", [(1998.0, "nineteen ninety-eight")]),
        ("by twenty eighteen", "en", [(2018.0, "twenty eighteen")]),
        (
            "en mille neuf cent quatre-vingt-dix-huit",
            "fr",
            [(1998.0, "mille neuf cent quatre-vingt-dix-huit")],
        ),
        ("en mil neuf cent quatre-vingt-dix-huit", "fr", [(1998.0, "mil neuf cent quatre-vingt-dix-huit")]),
        ("en deux mille dix-huit", "fr", [(2018.0, "deux mille dix-huit")]),
        # what already read right still does
        (
            "quatre-vingts ans, soixante-dix, quatre-vingt-onze",
            "fr",
            [(80.0, "quatre-vingts"), (70.0, "soixante-dix"), (91.0, "quatre-vingt-onze")],
        ),
        ("one million two hundred thousand", "en", [(1_200_000.0, "one million two hundred thousand")]),
        (
            "one thousand nine hundred and ninety-eight",
            "en",
            [(1998.0, "one thousand nine hundred and ninety-eight")],
        ),
    ],
)
def test_number_words_are_read_as_figures(text: str, lang: str, expected: list[tuple[float, str]]) -> None:
    assert strong_values(text, lang) == expected


def test_a_fraction_alone_stays_weak_evidence() -> None:
    """ "half the vote" is 0.5 or 50 %, never a reportable figure; "two and a half" is 2.5, or 2
    where the other side says "deux ans et demi"."""
    (half,) = quantities("Half the vote went to the opposition.", get("en"))
    assert (half.key[1], half.strong) == (0.5, False)
    (two,) = quantities("two and a half years", get("en"))
    assert (two.key[1], two.strong, two.alts) == (2.5, True, (("n", 2.0, 0.0),))


AGREE = [
    (
        "La dette atteint 7,4 milliards de dollars, selon le ministère des Finances.",
        "The debt stands at 7.4 thousand million dollars, according to the Finance Ministry.",
    ),
    (
        "Près de 250 000 personnes ont fui la ville depuis le début de l'offensive.",
        "Nearly a quarter of a million people have fled the city since the offensive began.",
    ),
    (
        "Le conflit a fait 1,5 million de déplacés, selon les Nations unies.",
        "The conflict has displaced one and a half million people, according to the United Nations.",
    ),
    (
        "Le conflit a fait un million et demi de déplacés, selon les Nations unies.",
        "The conflict has displaced 1.5 million people, according to the United Nations.",
    ),
    (
        "Quelque 500 000 enfants sont privés d'école dans la province.",
        "Some half a million children are out of school in the province.",
    ),
    (
        "Le traité a été signé en 1998 à Rome par les pays membres.",
        "The treaty was signed in nineteen ninety-eight in Rome by the member countries.",
    ),
    (
        "Le traité a été signé en mille neuf cent quatre-vingt-dix-huit à Rome.",
        "The treaty was signed in 1998 in Rome.",
    ),
    (
        "La loi a été votée en deux mille dix-huit par le Parlement.",
        "The law was passed in 2018 by parliament.",
    ),
]


@pytest.mark.parametrize(("fr", "en"), AGREE)
def test_agreeing_number_words_give_no_finding(fr: str, en: str) -> None:
    assert number_findings(fr, en) == []


@pytest.mark.parametrize(
    ("fr", "en", "written"),
    [
        (
            "La dette atteint 7,4 milliards de dollars, selon le ministère des Finances.",
            "The debt stands at 7.4 million dollars, according to the Finance Ministry.",
            "7.4 million",
        ),
        (
            "La dette atteint 7,4 millions de dollars, selon le ministère des Finances.",
            "The debt stands at 7.4 thousand million dollars, according to the Finance Ministry.",
            "7.4 thousand million",
        ),
        (
            "Près de 500 000 personnes ont fui la ville depuis le début de l'offensive.",
            "Nearly a quarter of a million people have fled the city since the offensive began.",
            "a quarter of a million",
        ),
        (
            "Le conflit a fait 2,5 millions de déplacés, selon les Nations unies.",
            "The conflict has displaced one and a half million people, according to the United Nations.",
            "one and a half million",
        ),
        (
            "Le conflit a fait un million et demi de déplacés, selon les Nations unies.",
            "The conflict has displaced 2.5 million people, according to the United Nations.",
            "2.5 million",
        ),
        (
            "Quelque 300 000 enfants sont privés d'école dans la province.",
            "Some half a million children are out of school in the province.",
            "half a million",
        ),
        (
            "Le traité a été signé en 1998 à Rome par les pays membres.",
            "The treaty was signed in nineteen eighty-nine in Rome by the member countries.",
            "nineteen eighty-nine",
        ),
        (
            "Le traité a été signé en mille neuf cent quatre-vingt-dix-huit à Rome.",
            "The treaty was signed in 1989 in Rome.",
            "1989",
        ),
        (
            "La loi a été votée en deux mille dix-huit par le Parlement.",
            "The law was passed in 2008 by parliament.",
            "2008",
        ),
    ],
)
def test_really_different_figure_is_one_error(fr: str, en: str, written: str) -> None:
    assert number_findings(fr, en) == [("TQ401", Severity.ERROR, written)]


@pytest.mark.parametrize(
    ("fr", "en"),
    [
        # digits, a scale word and the digits below it (copy from Spanish: "6 mil 74")
        (
            "Il y a eu des dommages sur 55 mille 053 hectares, dont 18 mille 969 de maïs.",
            "There was damage on 55.053 hectares, of which 18.969 were corn.",
        ),
        (
            "On a trouvé des pièces de l'aéronef à une hauteur de 9 mille 200 pieds.",
            "Pieces of the aircraft were found at an altitude of 9,200 feet.",
        ),
        (
            "Le budget atteint 2 millions 300 mille euros cette année.",
            "The budget reaches 2.3 million euros this year.",
        ),
    ],
)
def test_digits_around_a_scale_word_are_one_figure(fr: str, en: str) -> None:
    assert number_findings(fr, en) == []


def test_digits_around_a_scale_word_still_see_a_change() -> None:
    fr = "Il y a eu des dommages sur 55 mille 053 hectares cultivés dans l'État."
    en = "There was damage on 55.503 hectares of farmland in the state."
    assert number_findings(fr, en) == [("TQ401", Severity.ERROR, "55.503")]


@pytest.mark.parametrize(
    ("fr", "en"),
    [
        # a fraction in digits, and a clock time that is a duration
        (
            "Un argument monumental de 5h30 est attendu en mars prochain devant la Cour.",
            "A landmark 5 1/2-hour argument is expected in March before the Court.",
        ),
        (
            "Le film d'une durée de plus de deux heures et demie sortira vendredi prochain.",
            "The film, longer than 2.30 hours, debuts this Friday.",
        ),
        (
            "Le film d'une durée de deux heures et demie sortira vendredi prochain.",
            "The film, two and a half hours long, debuts this Friday.",
        ),
        (
            "C'est le Français de 28 ans qui s'est imposé en 20 sec 53 sur le 50 m libre.",
            "It was the 28-year-old Frenchman who won the 50m freestyle with a time of 20.53.",
        ),
        (
            "Les coureurs kényans les dépassent ensuite environ 18 miles ½ après le départ.",
            "Kenyan runners reel them in after about 18 ½ miles.",
        ),
    ],
)
def test_durations_written_as_fractions_and_clock_times(fr: str, en: str) -> None:
    assert number_findings(fr, en) == []


def test_fraction_in_digits_is_read_whole() -> None:
    assert strong_values("a 5 1/2-hour argument, 2¾ hours, ¾ of the votes", "en") == [
        (5.5, "5 1/2"),
        (2.75, "2¾"),
    ]
    # a date is no fraction; its day and month may be a named month on the other side, so only
    # its year is reportable alone (numeric_dates)
    assert strong_values("on 1/2/2010, open 24/7", "en") == [
        (2010.0, "2010"),
        (24.0, "24"),
        (7.0, "7"),
    ]


def test_two_units_side_by_side_are_a_range() -> None:
    fr = "Pour un prix de trois quatre mille couronnes, on peut avoir un walkman convenable."
    en = "For three or four thousand crowns, you can get a very decent walkman."
    assert number_findings(fr, en) == []
    assert strong_values("trois quatre mille couronnes", "fr") == [(3.0, "trois"), (4000.0, "quatre mille")]
