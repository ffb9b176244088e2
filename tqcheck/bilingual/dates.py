"""Weekdays and months in a sentence, as language-independent keys.

``jeudi 11 janvier`` and ``Thursday, January 11`` both give weekday 4 and month 1 (the day
number is a number, compared by :mod:`tqcheck.bilingual.numbers`). Where a language capitalises
them (English) only capitalised words count, so the verb "may" is not May; where it does not
(French) only lower-case words count, so the planet Mars is not ``mars``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tqcheck.locale import Locale
from tqcheck.tokens import LETTERS


@dataclass(frozen=True, slots=True)
class DateWord:
    kind: str  # "weekday" or "month"
    index: int  # 1-based
    start: int
    end: int
    #: other days this one can stand for: "la nuit de dimanche" is Saturday night in English
    alts: tuple[tuple[str, int], ...] = ()

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.index)

    def found_in(self, keys: set[tuple[str, int]], alts: set[tuple[str, int]]) -> bool:
        """The same day or month on the other side, allowing a night's two dates."""
        return self.key in keys or self.key in alts or any(a in keys for a in self.alts)


def _table(loc: Locale) -> dict[str, tuple[str, int]]:
    table: dict[str, tuple[str, int]] = {}
    for i, m in enumerate(loc.months, start=1):
        table[m] = ("month", i)
    for i, d in enumerate(loc.weekdays, start=1):
        table[d] = ("weekday", i)
    return table


def date_words(text: str, loc: Locale) -> list[DateWord]:
    """Weekday and month names in ``text``, written as the language writes them."""
    if not (loc.months or loc.weekdays):
        return []
    table = _table(loc)
    lower = {k.lower(): v for k, v in table.items()}
    out: list[DateWord] = []
    for m in LETTERS.finditer(text):
        w = m.group()
        if loc.dates_capitalised:
            hit = table.get(w) if w[:1].isupper() and not w.isupper() else None
            if hit is None and w.endswith("s") and w[:-1] in loc.weekdays:
                hit = table[w[:-1]]  # on Saturdays
            if hit is None and w in loc.month_abbreviations and text[m.end() : m.end() + 1] == ".":
                out.append(DateWord("month", loc.month_abbreviations[w], m.start(), m.end() + 1))
                continue  # Oct. 20
        else:
            initial = (
                not text[: m.start()].rstrip(" \"«“'") or text[: m.start()].rstrip(" \"«“'")[-1] in ".!?:"
            )
            low = w.lower()
            hit = lower.get(low) if (w.islower() or (initial and w[1:].islower())) else None
            if hit is None and w[1:].islower() and lower.get(low, ("", 0))[0] == "weekday":
                hit = lower[low]  # "a publié le sondage Mardi": a weekday is no planet
            if hit is None and low.endswith("s") and low[:-1] in lower and lower[low[:-1]][0] == "weekday":
                hit = lower[low[:-1]]  # les samedis
        if hit is not None and w in loc.ambiguous_dates and not _cued(text, m, loc):
            continue
        if hit is not None:
            alts: tuple[tuple[str, int], ...] = ()
            if hit[0] == "weekday" and _night(text, m, loc):
                alts = (("weekday", (hit[1] + 5) % 7 + 1), ("weekday", hit[1] % 7 + 1))
            out.append(DateWord(hit[0], hit[1], m.start(), m.end(), alts))
    return out


def _night(text: str, m: re.Match[str], loc: Locale) -> bool:
    """A weekday said of a night (nuit de dimanche, Saturday night) names one of two dates."""
    if not loc.night_cues:
        return False
    near = text[max(0, m.start() - 30) : m.end() + 12].lower()
    return any(re.search(rf"\b{re.escape(c)}\b", near) for c in loc.night_cues)


def _cued(text: str, m: re.Match[str], loc: Locale) -> bool:
    """An ambiguous month name (May) counts next to a digit or after a cue word (in May)."""
    if re.search(r"\d[\s,]*$", text[: m.start()]) or re.match(r"[\s,]*\d", text[m.end() :]):
        return True  # May 5, 5 May
    before = LETTERS.findall(text[max(0, m.start() - 20) : m.start()])
    return bool(before) and before[-1].lower() in loc.date_cues
