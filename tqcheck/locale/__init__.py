"""Per-language conventions for the bilingual checks, kept as data (``<lang>.yaml`` here).

Month and weekday names, numeric date order and number separators come from the Unicode CLDR
(:mod:`tqcheck.locale.cldr`, through Babel) for every language Babel knows; the YAML files add
what CLDR lacks (number words, time patterns, exonyms...) and may override separators. A
language neither knows gets :data:`GENERIC` (digits only, both ``.`` and ``,`` read by shape),
so every language pair works and adding one is a data file, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from tqcheck.dictionary import dictionary
from tqcheck.locale.cldr import Calendar, calendar
from tqcheck.locale.schema import checked
from tqcheck.pairing import lang_base


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
    #: every written form of a month (1..12) and of a weekday (1 = Monday .. 7), from CLDR
    months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    dates_capitalised: bool = False
    #: numeric dates (CLDR's short pattern): field order, ("d", "M", "y") for 11/01/2018, and
    #: the separators
    date_order: tuple[str, ...] = ()
    date_separators: str = ""
    quotes: tuple[tuple[str, str], ...] = (("“", "”"), ('"', '"'))
    ignore: tuple[str, ...] = ()
    ambiguous_dates: frozenset[str] = frozenset()
    date_cues: frozenset[str] = frozenset()
    #: ordinal-like words that never join a run of number words ("quatre premières" is 4, not 5)
    standalone: frozenset[str] = frozenset()
    #: fraction words (half, moitié): weak evidence for the value and for its percentage
    fractions: dict[str, float] = field(default_factory=dict)
    #: words between a fraction and its scale (a quarter *of a* million, un quart *de* million)
    fraction_links: tuple[str, ...] = ()
    #: a fraction added to a number or a scale (one *and a half* million, un million *et demi*)
    fraction_additions: dict[str, float] = field(default_factory=dict)
    #: words that multiply the unit before them instead of adding to it (quatre-*vingts*)
    multipliers: frozenset[str] = frozenset()
    #: years said as two pairs of digits (nineteen ninety-eight, twenty eighteen)
    paired_years: bool = False
    #: the commonest function words: a quick first look at which language a file is written in
    function_words: frozenset[str] = frozenset()
    #: abbreviated month names written with a full stop (Oct. 20): the YAML's need only the stop;
    #: CLDR's (janv., Okt.) also a figure next to them ("ils étaient sept." is no September)
    month_abbreviations: dict[str, int] = field(default_factory=dict)
    dated_abbreviations: dict[str, int] = field(default_factory=dict)
    #: words around a weekday that make the night before or after the same date (nuit de dimanche)
    night_cues: tuple[str, ...] = ()
    #: words just before a weekday that name the day after or before it ("a day after Sunday's
    #: vote" is Monday, "la veille de mardi" Monday): cue -> days to add
    day_shift_cues: dict[str, int] = field(default_factory=dict)
    #: capitalised common words that do not make a proper name (Conseil National, Maison Blanche)
    not_names: frozenset[str] = frozenset()
    #: words joining two figures that share one scale word (de 3 à 4 millions, 3 to 4 million)
    range_words: tuple[str, ...] = ()
    #: spelling changes that turn a word into its likely cognate in other languages (étudiant ->
    #: student), tried besides the word itself when aligning sentences
    #: other values a scale word takes in copied text: the French "billion" written after the
    #: English one is 10^9, not 10^12
    scale_alternatives: dict[float, tuple[float, ...]] = field(default_factory=dict)
    cognate_rewrites: tuple[tuple[re.Pattern[str], str], ...] = ()
    #: names that change between languages (Londres/London, La Haye/The Hague): target language
    #: -> this language's spelling -> its renderings there
    exonyms: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    #: adjective and people forms of place names that no suffix rule finds (France -> French)
    demonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: typography: the no-break space a punctuation mark takes before it (French ``:`` ``?``),
    #: or after it (``«``), and the regions that leave it out before some marks (fr-CA ``?``)
    space_before: dict[str, str] = field(default_factory=dict)
    space_after: dict[str, str] = field(default_factory=dict)
    space_before_not_in: dict[str, frozenset[str]] = field(default_factory=dict)

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
    cal = calendar(base)
    try:
        raw = resources.files("tqcheck.locale").joinpath(f"{base}.yaml").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        if cal is None:
            return GENERIC
        raw = ""
    import yaml  # here, not at import: a run that reads no locale never loads it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ten times faster
    d = checked(
        yaml.load(raw, Loader=loader), f"tqcheck/locale/{base}.yaml"
    )  # unknown keys, wrong types: an error
    if cal is None:
        cal = Calendar()
    group = [cal.group, " "] if cal.group.isspace() else [cal.group]  # 1 000 where CLDR writes 1 000
    abbreviations = {str(k): int(v) for k, v in (d.get("month_abbreviations") or {}).items()}
    return Locale(
        lang=base,
        decimal=str(d.get("decimal", cal.decimal)),
        group=tuple(str(g) for g in d.get("group", group)),
        numbers=_floats(d.get("numbers")),
        weak_numbers=_floats(d.get("weak_numbers")),
        scales=_floats(d.get("scales")),
        scale_suffixes={str(k): float(v) for k, v in (d.get("scale_suffixes") or {}).items()},
        connectors=frozenset(str(c) for c in d.get("connectors", [])),
        ordinal_suffix=str(d.get("ordinal_suffix") or ""),
        ordinals=_floats(d.get("ordinals")),
        times=tuple(re.compile(p) for p in d.get("times", [])),
        months=dict(cal.months),
        weekdays=dict(cal.weekdays),
        dates_capitalised=bool(d.get("dates_capitalised", cal.capitalised)),
        date_order=cal.date_order,
        date_separators=cal.date_separators,
        quotes=tuple((str(a), str(b)) for a, b in d.get("quotes", [])) or GENERIC.quotes,
        ignore=tuple(str(p) for p in d.get("ignore", [])),
        ambiguous_dates=frozenset(str(w) for w in d.get("ambiguous_dates", [])),
        date_cues=frozenset(str(w).lower() for w in d.get("date_cues", [])),
        standalone=frozenset(str(w).lower() for w in d.get("standalone", [])),
        fractions=_floats(d.get("fractions")),
        fraction_links=tuple(str(w).lower() for w in d.get("fraction_links", [])),
        fraction_additions={str(k).lower(): float(v) for k, v in (d.get("fraction_additions") or {}).items()},
        multipliers=frozenset(str(w).lower() for w in d.get("multipliers", [])),
        paired_years=bool(d.get("paired_years", False)),
        function_words=frozenset(str(w).lower() for w in d.get("function_words", [])),
        month_abbreviations=abbreviations,
        dated_abbreviations={k: v for k, v in cal.month_abbreviations.items() if k not in abbreviations},
        night_cues=tuple(str(w).lower() for w in d.get("night_cues", [])),
        day_shift_cues={str(k).lower(): int(v) for k, v in (d.get("day_shift_cues") or {}).items()},
        not_names=frozenset(str(w).lower() for w in d.get("not_names", [])),
        range_words=tuple(str(w) for w in d.get("range_words", [])),
        scale_alternatives={
            float(k): tuple(float(x) for x in v) for k, v in (d.get("scale_alternatives") or {}).items()
        },
        cognate_rewrites=tuple((re.compile(str(a)), str(b)) for a, b in d.get("cognate_rewrites", [])),
        exonyms={
            str(lang): {str(k): _strings(v) for k, v in (table or {}).items()}
            for lang, table in (d.get("exonyms") or {}).items()
        },
        demonyms={str(k): _strings(v) for k, v in (d.get("demonyms") or {}).items()},
        space_before={str(k): str(v) for k, v in (d.get("space_before") or {}).items()},
        space_after={str(k): str(v) for k, v in (d.get("space_after") or {}).items()},
        space_before_not_in={
            str(k).upper(): frozenset(_strings(v)) for k, v in (d.get("space_before_not_in") or {}).items()
        },
    )


def _strings(v: Any) -> tuple[str, ...]:
    """A YAML value written as one string or a list of strings."""
    return (str(v),) if isinstance(v, str) else tuple(str(x) for x in v or ())


#: Zipf frequency (log10 per billion words) from which a dictionary word is an everyday word:
#: ``guerre`` 5.3, ``national`` 4.0, ``suisse`` 3.4, ``urbains`` 2.5 (names are not in the lists).
COMMON_ZIPF = 2.4


#: Zipf frequency from which a word is a function word (contre, entre, there, which): spelled
#: like many words of the other language by accident, so never taken for a cognate.
FUNCTION_ZIPF = 5.3


@lru_cache(maxsize=8)
def common_words(lang: str | None, zipf: float = COMMON_ZIPF) -> frozenset[str]:
    """Words of ``lang`` at Zipf ``zipf`` or above in pyspellchecker's frequency list
    (:mod:`tqcheck.dictionary`, read once per language and threshold); empty where no list
    ships. A capitalised run made only of everyday words (Forces Alliées, Agence Spatiale
    Européenne) is an institution translated word by word, not a name; FUNCTION_ZIPF gives the
    function words."""
    words = dictionary(lang_base(lang)) if lang else None
    if words is None:
        return frozenset()
    return words.at_least(10**zipf * words.total / 1e9)
