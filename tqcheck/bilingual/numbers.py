"""Numbers, quantities and clock times in a sentence, read with the language's conventions.

``340 000`` and ``340,000``, ``1,5 million`` and ``1.5 million``, ``19e`` and ``19th``,
``dix-neuf`` and ``nineteen``, ``14h30`` and ``2:30 p.m.`` give the same keys, so source and
target can be compared as sets. Articles that double as "one" (``un``, ``a``) and ambiguous
words (``neuf`` is also "new") are *weak*: evidence that a number is present, never reported.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tqcheck.bilingual.number_words import added_fraction, spelled_quantities
from tqcheck.bilingual.numeric_dates import numeric_dates
from tqcheck.bilingual.quantity import CONVERSION_TOLERANCE, Key, Quantity, number_key
from tqcheck.locale import Locale
from tqcheck.tokens import DIGITS, LETTER

__all__ = ["CONVERSION_TOLERANCE", "Key", "Quantity", "quantities"]

#: units written after a figure, any language: (pattern, dimension, factor to SI, offset);
#: speed before length (km/h before km), Fahrenheit before Celsius degrees
_UNITS: tuple[tuple[str, str, float, float], ...] = (
    (
        r"km ?/ ?h|kmh|kilom[eè]tres? (?:à l'|par |an |per )heure|kilomet(?:er|re)s? (?:an|per) hour|kph",
        "speed",
        1 / 3.6,
        0,
    ),
    (r"mph|miles? (?:an|per) hour|miles? à l'heure", "speed", 0.44704, 0),
    (r"nœuds|noeuds|knots", "speed", 0.514444, 0),
    (r"km|kilom[eè]tres?|kilomet(?:er|re)s?", "length", 1000.0, 0),
    (r"miles?|mi", "length", 1609.344, 0),
    (r"m|m[eè]tres?|met(?:er|re)s?", "length", 1.0, 0),
    (r"cm|centim[eè]tres?|centimet(?:er|re)s?", "length", 0.01, 0),
    (r"ft|feet|foot|pieds", "length", 0.3048, 0),
    (r"inch(?:es)?|in\.|pouces", "length", 0.0254, 0),
    (r"yards?|yds?", "length", 0.9144, 0),
    (r"°F|° F|degr(?:ee|é)s? Fahrenheit|Fahrenheit", "temperature", 5 / 9, -32),
    (r"°C?|° C|degr(?:ee|é)s?(?: Celsius)?|Celsius", "temperature", 1.0, 0),
    (r"kg|kilos?|kilogrammes?|kilograms?", "mass", 1.0, 0),
    (r"lbs?|pounds?|livres", "mass", 0.45359237, 0),
    (r"g|grammes?|grams?", "mass", 0.001, 0),
    (r"oz|ounces?|onces?", "mass", 0.0283495, 0),
    (r"tonnes?|t", "mass", 1000.0, 0),
    (r"hectares?|ha", "area", 10000.0, 0),
    (r"acres?", "area", 4046.8564, 0),
    (r"km2|km²|kilom[eè]tres? carrés|square kilomet(?:er|re)s?", "area", 1e6, 0),
    (r"square miles?|sq\.? ?mi|miles? carrés", "area", 2589988.0, 0),
    (r"litres?|liters?|l", "volume", 1.0, 0),
    (r"gallons?", "volume", 3.785411784, 0),
)
_UNIT_RX = [
    (
        re.compile(rf"(?:[ \u00a0\u202f]*|-)(?:de |d'|d’)?(?:{p})(?!{LETTER})", re.I if "°" not in p else 0),
        d,
        f,
        o,
    )
    for p, d, f, o in _UNITS
]

#: currency written before or after a figure -> its code ("livres" is left to the units)
_CURRENCIES = (
    ("USD", r"US ?\$|\$|dollars?|USD"),
    ("EUR", r"€|euros?|EUR"),
    ("GBP", r"£|livres? sterling|pounds? sterling|GBP"),
    ("JPY", r"¥|yens?|JPY"),
    ("CHF", r"francs? suisses?|Swiss francs?|CHF"),
    ("CZK", r"couronnes?|korun[ay]?|crowns?|CZK|Kč"),
    ("HUF", r"forints?|HUF"),
)
_CURRENCY_AFTER = [
    (c, re.compile(rf"[ \u00a0\u202f]*(?:de |d')?(?:{p})(?!\w)", re.I)) for c, p in _CURRENCIES
]
_CURRENCY_BEFORE = [(c, re.compile(rf"(?:{p})[ \u00a0\u202f]*$", re.I)) for c, p in _CURRENCIES]


def _measure(text: str, end: int, value: float) -> tuple[str, float, float] | None:
    """The unit written after a figure, as (dimension, value in SI units, unit factor)."""
    for rx, dim, factor, offset in _UNIT_RX:
        if rx.match(text, end):
            return dim, (value + offset) * factor, factor
    return None


def _currency(text: str, start: int, end: int) -> str | None:
    """The currency written just before (``$5``) or after (``5 euros``) a figure."""
    before = text[max(0, start - 12) : start]
    for code, rx in _CURRENCY_BEFORE:
        if rx.search(before):
            return code
    for code, rx in _CURRENCY_AFTER:
        if rx.match(text, end):
            return code
    return None


_SPACES = " \u00a0\u202f"


def _digits_rx(loc: Locale) -> re.Pattern[str]:
    return _digits_rx_for(loc.lang, tuple(loc.scale_suffixes), loc.ordinal_suffix)


@lru_cache(maxsize=16)
def _digits_rx_for(lang: str, suffixes_: tuple[str, ...], ordinal_: str) -> re.Pattern[str]:
    suffixes = sorted(suffixes_, key=len, reverse=True)
    scale = "|".join(re.escape(s) for s in suffixes)
    ordinal = ordinal_ or "(?!)"
    return re.compile(
        # "0, 5%" is read as 0,5 %: a decimal comma with a stray space, only before a per cent sign
        # digits glued after letters count (MP3, A380, D1, S21): a code copied with a changed
        # digit is a changed figure; "km2", "m3" (units squared) are not figures
        rf"(?<![\d_.,])(?<!(?<!{LETTER})[kcm]m)(?<!(?<!{LETTER})m)(?P<num>\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{{3}}(?!\d)))\d+)*"
        # (never after a longer number: "en 2010, 20%" is a year and a share)
        r"(?:(?<!\d\d\d), (?=\d{1,2}[ \u00a0\u202f]?%)\d+)?"
        # "80, 000": a thousands comma with a stray space (a list "5, 6" has no three-digit tail)
        r"(?:(?<![\d.,]\d{4})(?<=\d), (?=000(?!\d))\d{3})*)"
        rf"(?:(?P<ord>{ordinal})(?!\w)|(?P<sfx>{scale or '(?!)'})(?![\w]))?"
    )


def _interpret(raw: str, loc: Locale) -> list[tuple[float, int, int]]:
    """Value(s) of a digit run like ``340 000`` or ``1,5``; a list run ``1,2,3`` splits."""
    parts = re.split(r"([.,\u00a0\u202f ])", raw)
    groups = parts[0::2]
    seps = parts[1::2]
    if not seps:
        return [(float(raw), 0, len(raw))]
    is_group = [s in loc.group or (s in _SPACES and " " in loc.group) for s in seps]
    shaped = len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    if shaped and len(set(seps)) == 1 and all(is_group) and seps[0] != loc.decimal:
        return [(float("".join(groups)), 0, len(raw))]
    head_ok = len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:-1])
    if seps[-1] == loc.decimal and (len(seps) == 1 or (head_ok and all(is_group[:-1]))):
        return [(float("".join(groups[:-1]) + "." + groups[-1]), 0, len(raw))]
    if len(seps) == 1 and seps[0] in ".,":
        # the other convention (a French text writing 1.5, an English one 1,500)
        if len(groups[1]) == 3 and seps[0] != loc.decimal and seps[0] != ".":
            return [(float(groups[0] + groups[1]), 0, len(raw))]
        return [(float(groups[0] + "." + groups[1]), 0, len(raw))]
    if shaped and len(set(seps)) == 1:
        return [(float("".join(groups)), 0, len(raw))]
    out: list[tuple[float, int, int]] = []
    pos = 0
    for g, sep in zip(groups, [*seps, ""], strict=True):
        out.append((float(g), pos, pos + len(g)))
        pos += len(g) + len(sep)
    return out


def _alts(value: float) -> tuple[Key, ...]:
    """Years written short (les années 90, the '60s) and clock hours (20 = 8 p.m.)."""
    out: list[Key] = []
    if value.is_integer() and 0 <= value < 100 and value % 10 == 0:
        # les années 80 (du dix-neuvième siècle) = the 1880s
        out += [number_key(1900 + value), number_key(2000 + value), number_key(1800 + value)]
    if value.is_integer() and 1900 <= value < 2100 and value % 10 == 0:
        out.append(number_key(value % 100))
    if value.is_integer() and 0 <= value <= 24:
        out.append(("t", float(value % 12), 0.0))
    return tuple(out)


def _other_readings(raw: str, value: float, before: str, loc: Locale, scale: float) -> tuple[Key, ...]:
    """Readings of the other convention, for text that mixes them: ``10,000`` in French copy is
    ten thousand as often as ten (a decimal comma never takes exactly three digits in news),
    ``1.500`` in English copy may be 1500; ``2000-08`` ends in 2008; the French ``billion``
    copied from English is 10^9, not 10^12."""
    out: list[Key] = []
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", raw) and len(set(re.findall(r"[.,]", raw))) == 1:
        digits = float(re.sub(r"[.,]", "", raw))
        decimal = float(raw.replace(",", ".")) if raw.count(",") + raw.count(".") == 1 else digits
        out += [number_key(x * scale) for x in (digits, decimal) if x != value]
    year = re.search(r"(?<!\d)(\d\d)\d\d[-–/]$", before)
    if year and len(raw) == 2 and raw.isdigit():
        out.append(number_key(int(year.group(1)) * 100 + value))
    for factor in loc.scale_alternatives.get(scale, ()):
        out.append(number_key(value * factor))
    return tuple(out)


def _next_word(text: str, pos: int) -> re.Match[str] | None:
    # "$9.5-million", and "440$ millions" (a currency sign between the figure and its scale)
    m = re.compile(rf"(?:[ \u00a0\u202f]*(?:[$€£¥][ \u00a0\u202f]*)?|-)({LETTER}+)").match(text, pos)
    return m


def _scale_words(text: str, pos: int, loc: Locale) -> tuple[float, int]:
    """The scale written after a figure and where it ends: ``7.4 million``, and a compound one
    (``7.4 thousand million`` is 7.4 billion: each bigger scale multiplies); 1 if none."""
    scale, end = 1.0, pos
    while (w := _next_word(text, end)) is not None:
        value = loc.scales.get(w.group(1).lower(), 0.0)
        if value < 1000 or value <= scale:
            break
        scale, end = scale * value, w.end()
    return scale, end


#: one to three digits after a scale word, not the head of a longer figure ("3 millions 200 000")
_TAIL = re.compile(r"[ \u00a0\u202f]+(\d{1,3})(?![\d]|[.,]\d|[ \u00a0\u202f]\d)")


def _scale_tail(text: str, pos: int, scale: float, loc: Locale) -> tuple[float, int]:
    """The figure below ``scale`` written after a figure and its scale word ("55 mille *053*",
    "2 millions *300 mille*", "5 millions *143 mille 312*", "3 millions *et 600 mille*") and
    where it ends; 0 and ``pos`` if none."""
    start = pos
    if (w := _next_word(text, pos)) is not None and w.group(1).lower() in loc.connectors:
        start = w.end()
    m = _TAIL.match(text, start)
    if m is None:
        return 0.0, pos
    tail_scale, end = _scale_words(text, m.end(), loc)
    if start != pos and tail_scale == 1.0:
        return 0.0, pos  # "2 millions et 3 enfants": a connector joins a scaled part only
    rest = int(m.group(1)) * tail_scale
    if rest >= scale:
        return 0.0, pos
    if tail_scale > 1.0:  # and the figure below that: "143 mille *312*"
        below, end = _scale_tail(text, end, tail_scale, loc)
        rest += below
    return rest, end


#: a fraction in digits: "5 1/2", "1/4", "2½" (a date "1/2/2010" or "24/7" is none)
_FRACTION = re.compile(
    r"(?<![\d/.,])(?:(?P<whole>\d{1,3})(?:[ \u00a0\u202f-]|(?=[½¼¾⅓⅔])))?"
    r"(?:(?P<num>[1-7])/(?P<den>[2348])(?![\d/])|(?P<vulgar>[½¼¾⅓⅔]))"
)
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}


#: a race time with the unit between seconds and hundredths: "20 s 53", "20 sec 53" (20.53)
_SPLIT_SECONDS = re.compile(r"(?<![\d.,])(\d{1,3}) ?(?:s|sec|secs)\.? ?(\d\d)(?![\d.,]?\d)")


def _fractions(masked: str, taken: list[bool]) -> list[Quantity]:
    """Fractions written in digits: ``5 1/2`` is 5.5 (a "5 1/2-hour argument" is "de 5h30"),
    and ``20 s 53`` is 20.53 seconds."""
    out: list[Quantity] = []
    for m in _SPLIT_SECONDS.finditer(masked):
        out.append(Quantity(number_key(float(f"{m.group(1)}.{m.group(2)}")), m.start(), m.end(), True))
        taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    for m in _FRACTION.finditer(masked):
        if any(taken[m.start() : m.end()]):
            continue
        if m.group("vulgar"):
            frac = _VULGAR[m.group("vulgar")]
        elif int(m.group("num")) < int(m.group("den")):
            frac = int(m.group("num")) / int(m.group("den"))
        else:
            continue
        whole = int(m.group("whole") or 0)
        # "18 ½ miles" may be rounded to 18 on the other side; a lone "½" is a word ("half"):
        # evidence for 0.5 and 50 %, not a reportable figure
        alts = (number_key(float(whole)),) if m.group("whole") else (number_key(frac * 100),)
        strong = bool(m.group("whole") or m.group("num"))
        out.append(Quantity(number_key(whole + frac), m.start(), m.end(), strong, alts=alts))
        taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    return out


def quantities(text: str, loc: Locale) -> list[Quantity]:
    """Every number and time in ``text`` with its offsets."""
    masked = text
    for phrase in loc.ignore:
        masked = re.sub(re.escape(phrase), lambda m: " " * len(m.group()), masked, flags=re.I)
    out: list[Quantity] = []
    taken = [False] * len(text)
    for rx in loc.times:
        for m in rx.finditer(masked):
            if any(taken[m.start() : m.end()]):
                continue
            h = int(m.group("h"))
            mins = int(m.group("m") or 0) if "m" in rx.groupindex else 0
            # "5h30" is also a duration: five and a half hours ("a 5 1/2-hour argument")
            hours: tuple[Key, ...] = (
                (number_key(h), number_key(h % 12 or 12)) if not mins else (number_key(h + mins / 60),)
            )
            out.append(Quantity(("t", float(h % 12), float(mins)), m.start(), m.end(), True, alts=hours))
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    out += _fractions(masked, taken)
    # (index in out, value, scale) of single digit figures, for a scale shared over a range
    figures: list[tuple[int, float, float]] = []
    for m in _digits_rx(loc).finditer(masked):
        if any(taken[m.start() : m.end()]):
            continue
        raw = m.group("num")
        values = _interpret(re.sub(r"(?<=\d)([.,]) (?=\d)", r"\1", raw), loc)
        end = m.end()
        # "C-295M", "F-16": a model designation takes no scale suffix (but its number counts)
        designation = bool(re.search(rf"{LETTER}-$", masked[max(0, m.start() - 2) : m.start()]))
        scale = 1.0 if designation else loc.scale_suffixes.get(m.group("sfx") or "", 1.0)
        if scale == 1.0 and len(values) == 1 and not m.group("ord"):
            scale, end = _scale_words(masked, end, loc)
            if scale >= 1000:  # "1 million et demi", "2 billion and a half"
                half, end = added_fraction(masked, end, loc)
                if not half and values[0][0].is_integer():
                    # "55 mille 053", "9 mille 200", "2 millions 300 mille": digits, a scale word
                    # and the digits below that scale (news copied from Spanish writes "6 mil 74")
                    rest, end = _scale_tail(masked, end, scale, loc)
                    half = rest / scale
                values = [(values[0][0] + half, *values[0][1:])]
        for value, s, e in values:
            if len(values) == 1:
                # a scaled figure keeps its bare reading: "100m" is metres as often as millions,
                # "24 milliards" is rendered "24 more", "$1.3m" is copied into French as 1.3
                alts: tuple[Key, ...] = _alts(value) if scale == 1.0 else (number_key(value),)
                alts += _other_readings(raw, value, masked[: m.start()], loc, scale)
                parts = [float(p) for p in DIGITS.findall(raw)]
                if scale == 1.0 and "," in raw and len(parts) == 2 and 1 <= parts[0] < parts[1]:
                    # "5,6 ans" may be "five or six years" (but 0.5 is not "0 or 5", nor 5.5 "5 or
                    # 5"; and "1.8" with a point is never "1 or 8")
                    alts += tuple(number_key(p) for p in parts)
                clock = re.fullmatch(r"([01]?\d|2[0-3])[.,]([0-5]\d)", raw)
                if scale == 1.0 and clock:
                    # "20.30", "5.13 on Monday morning": a clock time written as a decimal
                    alts += (("t", float(int(clock.group(1)) % 12), float(clock.group(2))),)
                    if _HOURS_AFTER.match(masked, end):  # "2.30 hours" is two and a half hours
                        alts += (number_key(int(clock.group(1)) + int(clock.group(2)) / 60),)
                if not m.group("ord"):
                    figures.append((len(out), value, scale))
                measure = _measure(masked, end, value * scale) if not m.group("ord") else None
                money = _currency(masked, m.start(), end)
                hhmm = re.fullmatch(r"([01]\d|2[0-3])([0-5]\d)", raw)
                if hhmm and _CLOCK_AFTER.match(masked, end):
                    # "from 1000 to 2030 hours": a 24-hour time written as four digits
                    alts += (("t", float(int(hhmm.group(1)) % 12), float(hhmm.group(2))),)
                out.append(
                    Quantity(
                        number_key(value * scale),
                        m.start(),
                        end,
                        True,
                        alts=alts,
                        measure=measure,
                        currency=money,
                        # "3D", "4G": a digit making a term with a capital, often rendered in
                        # words (tridimensionnel): compared with the digits of other terms only
                        term=bool(scale == 1.0 and _TERM.match(masked, m.start())),
                    )
                )
            else:
                out.append(Quantity(number_key(value), m.start() + s, m.start() + e, True, alts=_alts(value)))
        taken[m.start() : end] = [True] * (end - m.start())
    _share_scales(masked, loc, out, figures)
    out = numeric_dates(masked, out)
    out += spelled_quantities(masked, loc, taken)
    out.sort(key=lambda q: q.start)
    return out


_CURRENCY = r"(?:US|C|A|HK)?[$€£¥]"


#: a single digit glued to one capital letter, a term (3D, 4G), not after a letter (BR2C is a code)
_TERM = re.compile(rf"(?<!{LETTER}|[\d.,])\d[A-Z](?!{LETTER}|\d)")

#: hours after a duration written like a clock time ("2.30 hours", "1.45 heure")
_HOURS_AFTER = re.compile(r"[ \u00a0\u202f]*(?:hours?|hrs?|heures?|h)(?!\w)", re.I)

#: what follows a four-digit 24-hour time: "1530 GMT", "1000 to 2030 hours", "0800 hrs"
_CLOCK_AFTER = re.compile(
    r"(?:[ \u00a0]*(?:to|and|until|-|–)[ \u00a0]*\d{4})?[ \u00a0]*(?:hours|hrs|h|GMT|UTC|local time)\b"
)


@lru_cache(maxsize=16)
def _range_gap_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    return re.compile(
        rf"[ \u00a0\u202f]*(?:{_CURRENCY})?[ \u00a0\u202f]*(?:[-–—/]|(?:{alternatives})(?!\w))"
        rf"[ \u00a0\u202f]*(?:{_CURRENCY})?[ \u00a0\u202f]*",
        re.I,
    )


def _share_scales(
    text: str, loc: Locale, out: list[Quantity], figures: list[tuple[int, float, float]]
) -> None:
    """One scale word serves two figures: ``de 4,2 à 4,1 milliards``, ``3 to 4 million``,
    ``2 or 3 billion`` are 4.2 and 4.1 billion, 3 and 4 million. Without this the first figure reads
    as a bare 4.2 and is compared with the other language's "$4.2 billion" (which repeats the
    scale). The bare reading stays an alternative."""
    gap_rx = _range_gap_rx(loc.range_words)
    for k in range(len(figures) - 2, -1, -1):  # right to left: "3, 4 ou 5 millions" chains
        (i, value, scale), (j, next_value, next_scale) = figures[k], figures[k + 1]
        if scale != 1.0 or next_scale < 1000 or not (0 < value < 1000 and value <= 20 * next_value):
            continue  # "en 2008 et 3 millions": a year is no range bound
        q = out[i]
        if gap_rx.fullmatch(text, q.end, out[j].start) is None:
            continue
        out[i] = Quantity(number_key(value * next_scale), q.start, q.end, True, alts=(q.key, *q.alts))
        figures[k] = (i, value, next_scale)
