"""Months, weekdays and numeric dates from CLDR (Babel) for every source language.

German and Spanish sources have no hand-written locale file: their names, abbreviations, date
order and number separators all come from CLDR, and the fixtures (``fixtures/bilingual/berlin.*``
and ``madrid.*``) give exactly the planted date faults.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tqcheck.bilingual.dates import date_words
from tqcheck.cli import app
from tqcheck.locale import get
from tqcheck.locale.cldr import calendar

from .conftest import FIXTURES

BI = FIXTURES / "bilingual"
runner = CliRunner()


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("de", "am Mittwoch, dem 14. März 2018", [("weekday", 3), ("month", 3)]),
        ("de", "Rund 12.500 Polizisten bis Dezember", [("month", 12)]),
        ("es", "el martes 6 de febrero", [("weekday", 2), ("month", 2)]),
        ("es", "Las obras comenzarán en septiembre.", [("month", 9)]),
        ("pt", "na segunda-feira, 5 de março", [("weekday", 1), ("month", 3)]),
        ("ru", "в понедельник, 15 января", [("weekday", 1), ("month", 1)]),
        ("ru", "январь был холодным", [("month", 1)]),  # nominative (stand-alone) and genitive
        ("it", "giovedì 11 gennaio", [("weekday", 4), ("month", 1)]),
        ("fr", "le 5 janv. 2018", [("month", 1)]),
        ("fr", "Ils étaient sept.", []),  # a number word, not an abbreviated September
        ("en", "in mid-January", [("month", 1)]),
        ("de", "22.03.2018", [("month", 3)]),
        ("fr", "le 11/01/2018", [("month", 1)]),
        ("en", "on 1/11/2018", [("month", 1)]),  # American order
        ("fr", "un ratio de 1,5/2,5", []),
    ],
)
def test_dates_read_with_cldr(lang: str, text: str, found: list[tuple[str, int]]) -> None:
    assert [(d.kind, d.index) for d in date_words(text, get(lang))] == found


def test_numeric_date_keeps_the_other_order_as_an_alternative() -> None:
    """11/01/2018 is 11 January in French; a copy that reads 1 November elsewhere is no fault."""
    (d,) = date_words("le 11/01/2018", get("fr"))
    assert (d.key, d.alts) == (("month", 1), (("month", 11),))
    (d,) = date_words("le 13/01/2018", get("fr"))
    assert d.alts == ()


def test_calendar_and_separators_come_from_cldr() -> None:
    de = calendar("de")
    assert de is not None and (de.capitalised, de.date_order, de.decimal, de.group) == (
        True,
        ("d", "M", "y"),
        ",",
        ".",
    )
    assert get("es").months["septiembre"] == 9 and get("es").weekdays["domingo"] == 7
    assert (get("de").decimal, get("de").group) == (",", (".",))
    assert calendar("xx") is None and get("xx").months == {}


def _findings(name: str, lang: str) -> list[tuple[str, str, int, int, str]]:
    res = runner.invoke(
        app,
        [
            "check",
            str(BI / f"{name}.en.txt"),
            "--source",
            str(BI / f"{name}.{lang}.txt"),
            "--source-lang",
            lang,
            "--select",
            "TQ4",
            "--no-default-glossaries",
            "-f",
            "json",
        ],
    )
    assert res.exit_code in (0, 1), res.output
    return [
        (f["rule"], f["severity"], f["line"], f["column"], f["text"])
        for f in json.loads(res.stdout)["findings"]
    ]


def test_german_source_dates_and_weekdays() -> None:
    """Mittwoch -> Tuesday, Januar -> June, 22.03.2018 -> 22 February; 12.500 = 12,500 is no fault."""
    assert _findings("berlin", "de") == [
        ("TQ402", "error", 3, 72, "Tuesday"),
        ("TQ402", "error", 4, 41, "June"),
        ("TQ402", "error", 5, 69, "February"),
    ]


def test_spanish_source_dates_and_weekdays() -> None:
    """jueves -> Wednesday, septiembre -> October; 15/03/2018 = March 15, 2018 and 20.000 = 20,000."""
    assert _findings("madrid", "es") == [
        ("TQ402", "error", 4, 63, "Wednesday"),
        ("TQ402", "error", 6, 20, "October"),
    ]
