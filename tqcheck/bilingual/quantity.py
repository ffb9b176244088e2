"""A figure read from a sentence: its comparable key, where it was written, and how sure it is.

Shared by the digit reader (:mod:`.numbers`) and the number-word reader (:mod:`.number_words`),
and compared across languages by :mod:`.number_pairing`.
"""

from __future__ import annotations

from dataclasses import dataclass

#: ("n", value, 0) for a number, ("t", hour % 12, minutes) for a clock time
Key = tuple[str, float, float]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number or time found at ``[start, end)`` of the analysed text."""

    key: Key
    start: int
    end: int
    strong: bool  # reportable (digits or an unambiguous number word)
    spelled: bool = False
    #: other readings that count as the same figure: 90 <-> 1990, 20 heures <-> 20 and 8 p.m.
    alts: tuple[Key, ...] = ()
    #: (dimension, value in SI units, unit's factor) of a measurement: 225 km/h and 140 mph are
    #: the same speed
    measure: tuple[str, float, float] | None = None
    #: currency written with the figure (EUR, USD, GBP ...): a converted sum is no changed figure
    currency: str | None = None
    #: the digit of a term (3D, 4G): a changed one conflicts only with another term's digit
    term: bool = False

    def converts(self, other: Quantity) -> bool:
        """The same measurement in another unit, rounded (93 km = 58 miles, 30 °C = 86 °F)."""
        if self.measure is None or other.measure is None or self.measure[0] != other.measure[0]:
            return False
        if self.measure[2] == other.measure[2]:
            return False  # same unit: 4334 km for 4434 km is a changed figure, not a rounding
        a, b = self.measure[1], other.measure[1]
        return abs(a - b) <= CONVERSION_TOLERANCE * max(abs(a), abs(b))

    def found_in(self, keys: set[Key], alts: set[Key]) -> bool:
        """Same figure on the other side: equal keys, or one side's alternative reading."""
        return self.key in keys or self.key in alts or any(a in keys for a in self.alts)

    def __str__(self) -> str:
        kind, a, b = self.key
        if kind == "t":
            return f"{int(a)}:{int(b):02d}"
        return f"{a:.6f}".rstrip("0").rstrip(".")


#: relative difference accepted between a measurement and its conversion (rounding: 93 km is
#: 57.8 miles, written 58)
CONVERSION_TOLERANCE = 0.03


def number_key(value: float) -> Key:
    """The key of a plain number (rounded so 0.1 + 0.2 and 0.3 compare equal)."""
    return ("n", round(value, 6), 0.0)
