"""Weekdays and months in a sentence, as language-independent keys.

``jeudi 11 janvier`` and ``Thursday, January 11`` both give weekday 4 and month 1 (the day
number is a number, compared by :mod:`tqcheck.bilingual.numbers`). Where a language capitalises
them (English) only capitalised words count, so the verb "may" is not May; where it does not
(French) only lower-case words count, so the planet Mars is not ``mars``. The names, their
abbreviations and the order of a numeric date (``11/01/2018`` is 11 January in French, ``1/11/2018``
in American English) come from CLDR (:mod:`tqcheck.locale.cldr`) for every language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tqcheck.locale import Locale
from tqcheck.tokens import LETTER, LETTERS

#: a name, hyphenated names whole (segunda-feira) and their parts looked up too (mid-January)
_NAME = re.compile(rf"{LETTER}+(?:-{LETTER}+)*")


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
    table: dict[str, tuple[str, int]] = {m: ("month", i) for m, i in loc.months.items()}
    table.update({d: ("weekday", i) for d, i in loc.weekdays.items()})
    return table


def _tokens(text: str) -> list[re.Match[str]]:
    """Words, a hyphenated one whole and then its parts (segunda-feira; mid-January)."""
    out: list[re.Match[str]] = []
    for m in _NAME.finditer(text):
        out.append(m)
        if "-" in m.group():
            out.extend(LETTERS.finditer(text, m.start(), m.end()))
    return out


def date_words(text: str, loc: Locale) -> list[DateWord]:
    """Weekday and month names in ``text``, written as the language writes them, and the months
    of its numeric dates."""
    if not (loc.months or loc.weekdays):
        return []
    table = _table(loc)
    lower = {k.lower(): v for k, v in table.items()}
    out: list[DateWord] = []
    taken = -1  # end of the last hyphenated name found whole: its parts are not read again
    for m in _tokens(text):
        if m.start() < taken:
            continue
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
        if hit is None and w in loc.dated_abbreviations and text[m.end() : m.end() + 1] == ".":
            end = m.end() + 1
            if re.search(r"\d\s*$", text[: m.start()]) or re.match(r"\s*\d", text[end:]):
                out.append(DateWord("month", loc.dated_abbreviations[w], m.start(), end))  # 5 janv. 2018
                continue
        if hit is not None and w in loc.ambiguous_dates and not _cued(text, m, loc):
            continue
        if hit is not None:
            alts: tuple[tuple[str, int], ...] = ()
            if hit[0] == "weekday" and _night(text, m, loc):
                alts = (("weekday", (hit[1] + 5) % 7 + 1), ("weekday", hit[1] % 7 + 1))
            if hit[0] == "weekday" and (shift := _shift(text, m, loc)):
                alts += (("weekday", (hit[1] - 1 + shift) % 7 + 1),)
            out.append(DateWord(hit[0], hit[1], m.start(), m.end(), alts))
            taken = m.end()
    out.extend(numeric_dates(text, loc))
    return sorted(out, key=lambda d: d.start)


def numeric_dates(text: str, loc: Locale) -> list[DateWord]:
    """The month of each numeric date with a year (11/01/2018, 11.01.18), read in the language's
    order (CLDR's short date pattern); where the day could be the month too (both 12 or less),
    the other reading is an alternative, so a copied date never contradicts itself."""
    if not loc.date_order:
        return []
    seps = re.escape(loc.date_separators or "/")
    rx = rf"(?<![\d.,/-])(\d{{1,4}})([{seps}])(\d{{1,2}})\2(\d{{1,4}})(?![\d]|[.,/-]\d)"
    out: list[DateWord] = []
    for m in re.finditer(rx, text):
        parts = dict(zip(loc.date_order, (m.group(1), m.group(3), m.group(4)), strict=True))
        if len(parts["d"]) > 2 or len(parts["M"]) > 2 or len(parts["y"]) not in (2, 4):
            continue
        day, month = int(parts["d"]), int(parts["M"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        alts = (("month", day),) if day <= 12 and day != month else ()
        out.append(DateWord("month", month, m.start(), m.end(), alts))
    return out


def _night(text: str, m: re.Match[str], loc: Locale) -> bool:
    """A weekday said of a night (nuit de dimanche, Saturday night) names one of two dates."""
    if not loc.night_cues:
        return False
    near = text[max(0, m.start() - 30) : m.end() + 12].lower()
    return any(re.search(rf"\b{re.escape(c)}\b", near) for c in loc.night_cues)


def _shift(text: str, m: re.Match[str], loc: Locale) -> int:
    """Days to add to a weekday named after a cue such as "a day after" (0 if none): "the day
    after Sunday's vote" is the Monday the other language names."""
    if not loc.day_shift_cues:
        return 0
    before = " ".join(text[max(0, m.start() - 40) : m.start()].lower().split())
    for cue, days in loc.day_shift_cues.items():
        if re.search(rf"(?<!\w){re.escape(cue)}(?: (?:the|le|la|l'|this|last|next|ce))?\s?$", before + " "):
            return days
    return 0


def _cued(text: str, m: re.Match[str], loc: Locale) -> bool:
    """An ambiguous month name (May) counts next to a digit or after a cue word (in May)."""
    if re.search(r"\d[\s,]*$", text[: m.start()]) or re.match(r"[\s,]*\d", text[m.end() :]):
        return True  # May 5, 5 May
    before = LETTERS.findall(text[max(0, m.start() - 20) : m.start()])
    return bool(before) and before[-1].lower() in loc.date_cues
