"""Dates written in figures (``28.8.09``, ``28/08/2009``): read as one date, not three numbers.

The other side of a translation often names the month (``28 août 2009``) or writes the year in
full, so the parts of a date in figures are compared the way a date is, by
:func:`numeric_dates`, which the digit reader (:mod:`.numbers`) calls on what it found.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tqcheck.bilingual.quantity import Quantity, number_key

#: a date in figures, day or month first, one separator throughout: 28.8.09, 28/08/2009, 3-12-2010
_NUMERIC_DATE = re.compile(r"(?<![\d.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[.,/-]\d)")


def numeric_dates(text: str, out: list[Quantity]) -> list[Quantity]:
    """``out`` with each date in figures read as one: a part that may be the month (12 or less)
    is not reportable alone, since the other side may name the month (WMT newstest2011:
    ``28.8.09`` for ``28 août 2009``), and a two-digit year also reads as 19yy and 20yy."""
    weak: set[tuple[int, int]] = set()
    years: dict[tuple[int, int], int] = {}
    for m in _NUMERIC_DATE.finditer(text):
        first, second = int(m.group(1)), int(m.group(3))
        if not (1 <= first <= 31 and 1 <= second <= 31 and min(first, second) <= 12):
            continue
        weak |= {m.span(g) for g in (1, 3) if int(m.group(g)) <= 12}
        if len(m.group(4)) == 2:
            years[m.span(4)] = int(m.group(4))
    if not weak:
        return out
    fixed = []
    for q in out:
        if (q.start, q.end) in weak:
            q = replace(q, strong=False)
        elif (y := years.get((q.start, q.end))) is not None:
            q = replace(q, alts=(*q.alts, number_key(2000.0 + y), number_key(1900.0 + y)))
        fixed.append(q)
    return fixed
