"""Per-language conventions for the bilingual checks, kept as data (``<lang>.yaml`` here).

A language without a file gets :data:`GENERIC` (digits only, both ``.`` and ``,`` read by
shape), so every language pair works and adding one is a data file, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Locale:
    """Number words, separators, ordinal suffixes, time patterns, months, weekdays, quotes."""

    lang: str
    decimal: str = "."
    group: tuple[str, ...] = (",",)
    numbers: dict[str, float] = field(default_factory=dict)
    weak_numbers: dict[str, float] = field(default_factory=dict)
    scales: dict[str, float] = field(default_factory=dict)
    scale_suffixes: dict[str, float] = field(default_factory=dict)
    connectors: frozenset[str] = frozenset()
    ordinal_suffix: str = ""
    ordinals: dict[str, float] = field(default_factory=dict)
    times: tuple[re.Pattern[str], ...] = ()
    months: tuple[str, ...] = ()
    weekdays: tuple[str, ...] = ()
    dates_capitalised: bool = False
    quotes: tuple[tuple[str, str], ...] = (("“", "”"), ('"', '"'))
    ignore: tuple[str, ...] = ()
    ambiguous_dates: frozenset[str] = frozenset()
    date_cues: frozenset[str] = frozenset()

    def word_value(self, word: str) -> float | None:
        w = word.lower()
        return self.numbers.get(w, self.ordinals.get(w))


GENERIC = Locale("generic")


def _floats(d: Any) -> dict[str, float]:
    return {str(k).lower() if not str(k).isupper() else str(k): float(v) for k, v in (d or {}).items()}


@lru_cache(maxsize=16)
def get(lang: str | None) -> Locale:
    """The locale for ``lang`` (``en-GB`` falls back to ``en``), or :data:`GENERIC`."""
    if not lang:
        return GENERIC
    base = lang.lower().replace("_", "-").split("-")[0]
    try:
        raw = resources.files("tqcheck.locale").joinpath(f"{base}.yaml").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return GENERIC
    d = yaml.safe_load(raw) or {}
    return Locale(
        lang=base,
        decimal=str(d.get("decimal", ".")),
        group=tuple(str(g) for g in d.get("group", [","])),
        numbers=_floats(d.get("numbers")),
        weak_numbers=_floats(d.get("weak_numbers")),
        scales=_floats(d.get("scales")),
        scale_suffixes={str(k): float(v) for k, v in (d.get("scale_suffixes") or {}).items()},
        connectors=frozenset(str(c) for c in d.get("connectors", [])),
        ordinal_suffix=str(d.get("ordinal_suffix") or ""),
        ordinals=_floats(d.get("ordinals")),
        times=tuple(re.compile(p) for p in d.get("times", [])),
        months=tuple(str(m) for m in d.get("months", [])),
        weekdays=tuple(str(w) for w in d.get("weekdays", [])),
        dates_capitalised=bool(d.get("dates_capitalised", False)),
        quotes=tuple((str(a), str(b)) for a, b in d.get("quotes", [])) or GENERIC.quotes,
        ignore=tuple(str(p) for p in d.get("ignore", [])),
        ambiguous_dates=frozenset(str(w) for w in d.get("ambiguous_dates", [])),
        date_cues=frozenset(str(w).lower() for w in d.get("date_cues", [])),
    )
