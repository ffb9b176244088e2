"""Read the OFAC SDN list for development: entities with an EVEN ``ent_num`` only.

Odd entity numbers are reserved for a final evaluation that nobody here runs: every row with an odd
``ent_num`` is dropped as the CSV is read, before its name is even parsed, so no script that goes
through this module can train, tune or look at them. The even half is split again in two quarters
so that learning and measuring never share a person: ``ent_num % 4 == 0`` is the *train* quarter
(substitution costs and the decision threshold are fitted there), ``ent_num % 4 == 2`` the
*held-out* quarter (the figures that count).

Pairs, as issue 11 defines them (two-name articles):
- a positive is one person's main name and one of their aliases with the same number of words
  (Arabic articles ``al``/``el`` not counted), at least one word spelt differently, and a difflib
  ratio >= 0.6 over the whole names;
- a negative is the main names of two different people of one quarter whose difflib ratio is
  >= 0.65 and whose last names differ.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

SHARED = Path(__file__).resolve().parents[1].parent / "shared"  # ../shared next to the project root
DEFAULT = SHARED / "data" / "ofac-sdn"
#: The snapshot the figures and the shipped costs were made from (see ../shared/data/ofac-sdn/README.txt).
DATA_VERSION = "OFAC SDN April 2021 (garybogle/etl_spark@8a981c4), even ent_num"
ARTICLES = {"al", "el"}
POS_RATIO = 0.6
NEG_RATIO = 0.65
QUARTERS = {"train": 0, "held-out": 2}


def _even_rows(path: Path) -> Iterator[list[str]]:
    """Rows of an OFAC CSV whose ent_num is even; odd rows are skipped unparsed."""
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for line in fh:
            head = line.split(",", 1)[0].strip()
            if not head.isdigit() or int(head) % 2:
                continue  # odd ent_num: reserved, never parsed
            yield next(csv.reader([line]))


def display(name: str) -> str:
    """``AL-QADHAFI, Muammar`` -> ``Muammar al-Qadhafi`` (news order and case)."""
    surname, _, given = name.partition(",")
    text = f"{given.strip()} {surname.strip()}".strip()
    out = []
    for word in text.split():
        parts = re.split(r"([-'])", word)
        fixed = []
        for p in parts:
            if p.lower() in ARTICLES | {"bin", "ibn", "bint"}:
                fixed.append(p.lower())
            elif p and p[0].isalpha():
                fixed.append(p[0].upper() + p[1:].lower())
            else:
                fixed.append(p)
        out.append("".join(fixed))
    return " ".join(out)


def words(name: str) -> list[str]:
    """Lower-case words of a name, Arabic articles left out."""
    return [w for w in re.split(r"[\s-]+", name.lower()) if w and w not in ARTICLES]


def last_name(raw: str) -> str:
    """The surname part of an OFAC name (before the comma), articles left out."""
    return " ".join(words(raw.partition(",")[0]))


def ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()


@dataclass(frozen=True)
class Person:
    ent: int
    raw: str  # as OFAC writes it: SURNAME, Given
    name: str  # news order
    aliases: tuple[str, ...]  # raw aliases


def load(data: Path = DEFAULT) -> dict[int, Person]:
    """Individuals of even ent_num with their aliases (raw OFAC strings)."""
    main: dict[int, str] = {}
    for row in _even_rows(data / "sdn.csv"):
        if len(row) > 2 and row[2].strip() == "individual":
            main[int(row[0])] = row[1]
    alts: dict[int, list[str]] = defaultdict(list)
    for row in _even_rows(data / "alt.csv"):
        if len(row) > 3 and int(row[0]) in main:
            alts[int(row[0])].append(row[3])
    return {e: Person(e, raw, display(raw), tuple(alts.get(e, ()))) for e, raw in main.items()}


Pair = tuple[str, str, int]  # name, name, entity number deciding the quarter


def positives(people: dict[int, Person]) -> list[Pair]:
    out: list[Pair] = []
    for p in people.values():
        for raw in p.aliases:
            alt = display(raw)
            wa, wb = words(p.name), words(alt)
            if len(wa) == len(wb) and wa != wb and ratio(p.name, alt) >= POS_RATIO:
                out.append((p.name, alt, p.ent))
    return out


def negatives(people: dict[int, Person]) -> list[Pair]:
    """Pairs of different people of one quarter with similar names and different last names."""
    out: list[Pair] = []
    for parity in sorted({e % 4 for e in people}):
        group = sorted((p for p in people.values() if p.ent % 4 == parity), key=lambda p: p.ent)
        names = [p.name.lower() for p in group]
        # rapidfuzz's ratio (2 * LCS / total) bounds difflib's from above: a cheap, exact prefilter
        for i, query in enumerate(names):
            for _, _, j in process.extract(
                query, names, scorer=fuzz.ratio, score_cutoff=100 * NEG_RATIO, limit=None
            ):
                if j <= i:
                    continue
                a, b = group[i], group[j]
                if a.name == b.name or last_name(a.raw) == last_name(b.raw):
                    continue
                if ratio(a.name, b.name) >= NEG_RATIO:
                    out.append((a.name, b.name, min(a.ent, b.ent)))
    return out


def quarter(pairs: list[Pair], name: str) -> list[Pair]:
    return [p for p in pairs if p[2] % 4 == QUARTERS[name]]
