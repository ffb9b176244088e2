"""The keys a ``locale/<lang>.yaml`` file may hold, with their types, checked when it is read.

A typo (``repeat_okay``) or a list where a mapping belongs would otherwise silently drop a
language's data; every reader of the files goes through :func:`raw`, which names the file and
the key of anything wrong.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from tqcheck.cachedir import parsed_yaml
from tqcheck.errors import InputError

#: Every key, with the YAML type its value must have and what it is for.
KEYS: dict[str, tuple[type, str]] = {
    # numbers, dates and typography (the bilingual checks)
    "decimal": (str, "decimal separator"),
    "group": (list, "thousands separators"),
    "numbers": (dict, "number words and their values"),
    "weak_numbers": (dict, "number words that are also ordinary words (one, a)"),
    "scales": (dict, "scale words (million, milliard)"),
    "scale_suffixes": (dict, "scale abbreviations after a figure (bn, Mio.)"),
    "connectors": (list, "words joining number words (and, et, y)"),
    "ordinal_suffix": (str, "regular expression of ordinal endings (th, e, º)"),
    "ordinals": (dict, "ordinal words and their values"),
    "times": (list, "regular expressions of clock times"),
    "dates_capitalised": (bool, "month and weekday names take a capital"),
    "quotes": (list, "pairs of quotation marks"),
    "ignore": (list, "phrases number reading skips (per cent)"),
    "ambiguous_dates": (list, "month names that are also words or names (May)"),
    "date_cues": (list, "words that make an ambiguous month name a month"),
    "standalone": (list, "ordinal-like words that never join a run of number words"),
    "fractions": (dict, "fraction words"),
    "fraction_links": (list, "words between a fraction and its scale"),
    "fraction_additions": (dict, "a fraction added to a number (and a half)"),
    "multipliers": (list, "words that multiply the number before them (vingts)"),
    "paired_years": (bool, "years said as two pairs of digits"),
    "month_abbreviations": (dict, "abbreviated month names with a full stop"),
    "night_cues": (list, "words that put a weekday's night on the next date"),
    "day_shift_cues": (dict, "words before a weekday naming the day after or before it"),
    "not_names": (list, "capitalised common words that make no proper name"),
    "range_words": (list, "words joining two figures that share a scale word"),
    "scale_alternatives": (dict, "other values a scale word takes in copied text"),
    "cognate_rewrites": (list, "spelling changes towards cognates in other languages"),
    "exonyms": (dict, "place names that change between languages"),
    "demonyms": (dict, "adjective and people forms of place names"),
    "space_before": (dict, "the space a punctuation mark takes before it"),
    "space_after": (dict, "the space a punctuation mark takes after it"),
    "space_before_not_in": (dict, "regions that leave that space out"),
    # the language of a text, and the monolingual checks
    "function_words": (list, "the commonest function words, to tell the language of a file"),
    "elision": (bool, "articles and prepositions elide before a vowel (l', d', dell')"),
    "acronym_connectors": (list, "words an acronym skips in its expansion (of, de, für)"),
    "repeat_ok": (list, "words that are grammatical said twice (that that, nous nous)"),
    "repeat_guess": (list, "words whose doubling is usually another word mistyped (it it)"),
    "boilerplate": (list, "whole-line page furniture: {what, pattern} regular expressions"),
}


def checked(data: Any, where: str) -> dict[str, Any]:
    """``data`` as a mapping of known keys with values of their types; InputError otherwise."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError("a locale file must be a mapping of keys", where)
    for name, value in data.items():
        if name not in KEYS:
            raise InputError(f"unknown locale key {name!r} (known: {', '.join(sorted(KEYS))})", where)
        kind, what = KEYS[name]
        if value is not None and not isinstance(value, kind):
            raise InputError(f"locale key {name!r} ({what}) must be a {kind.__name__}", where)
    return data


@lru_cache(maxsize=32)
def raw(lang: str) -> dict[str, Any]:
    """The checked contents of ``locale/<lang>.yaml`` (``en-GB`` reads ``en``); empty where none ships."""
    base = lang.lower().replace("_", "-").split("-")[0]
    try:
        text = resources.files("tqcheck.locale").joinpath(f"{base}.yaml").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    return checked(parsed_yaml(text, "locale"), f"tqcheck/locale/{base}.yaml")


def shipped() -> list[str]:
    """The languages a locale file ships for."""
    folder = resources.files("tqcheck.locale")
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))
