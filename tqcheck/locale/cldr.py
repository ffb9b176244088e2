"""Calendar and number conventions of any language from the Unicode CLDR, through Babel.

Month and weekday names (every form CLDR gives: the format and stand-alone contexts, so the
Russian genitive ``января`` and nominative ``январь`` are both January), their abbreviations,
the order of day, month and year in a numeric date (``dd/MM/y`` in French, ``M/d/yy`` in
American English, ``dd.MM.yy`` in German), the decimal and group separators, and whether the
language capitalises month names. Kept out of the hand-written ``<lang>.yaml`` files, so a
German, Spanish or Russian source is read as well as a French one without anyone typing a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from babel import Locale as BabelLocale
from babel.core import UnknownLocaleError
from babel.dates import get_date_format


@dataclass(frozen=True)
class Calendar:
    """What CLDR says about writing dates and numbers in one language."""

    months: dict[str, int] = field(default_factory=dict)  # every written form -> 1..12
    weekdays: dict[str, int] = field(default_factory=dict)  # every written form -> 1 (Monday)..7
    #: abbreviations written with a full stop (janv., Sept.), without it, that are not full names
    month_abbreviations: dict[str, int] = field(default_factory=dict)
    capitalised: bool = False  # January, Januar; not janvier, enero
    date_order: tuple[str, ...] = ()  # ("d", "M", "y") for dd/MM/y
    date_separators: str = ""  # the separators of the short numeric date ("/", ".")
    decimal: str = "."
    group: str = ","


_FIELD = re.compile(r"([dMy])\1*")


def _pattern(loc: BabelLocale) -> tuple[tuple[str, ...], str]:
    """Field order and separators of the short date pattern (``dd.MM.yy`` -> (d, M, y), ".")."""
    pattern = get_date_format("short", locale=loc).pattern
    order = tuple(m.group(1) for m in _FIELD.finditer(pattern))
    if sorted(order) != ["M", "d", "y"]:
        return (), ""
    seps = "".join(sorted({c for c in _FIELD.sub("", pattern) if c in "/.-"}))
    return order, seps


@lru_cache(maxsize=32)
def calendar(lang: str) -> Calendar | None:
    """CLDR's calendar and number conventions for ``lang`` (None where Babel does not know it)."""
    try:
        loc = BabelLocale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for i, name in loc.months[context]["wide"].items():
            months.setdefault(str(name), int(i))
        for i, name in loc.days[context]["wide"].items():
            weekdays.setdefault(str(name), int(i) + 1)  # CLDR counts from Monday = 0
    abbreviations: dict[str, int] = {}
    for i, name in loc.months["format"]["abbreviated"].items():
        short = str(name).rstrip(".")
        if short and short not in months and not short[-1].isdigit():
            abbreviations[short] = int(i)
    order, seps = _pattern(loc)
    symbols = loc.number_symbols.get("latn", {})
    first = str(loc.months["format"]["wide"][1])
    return Calendar(
        months=months,
        weekdays=weekdays,
        month_abbreviations=abbreviations,
        capitalised=first[:1].isupper(),
        date_order=order,
        date_separators=seps,
        decimal=str(symbols.get("decimal", ".")),
        group=str(symbols.get("group", ",")),
    )
