"""Numbers written in words, read with the language's own grammar (kept as locale data).

Runs of number words (``dix-neuf``, ``vingt et un``, ``two hundred and five``), compound scales
(``seven thousand million`` is 7 billion, ``mille milliards`` 10^12), years said as two pairs
(``nineteen ninety-eight``), vigesimal words (``quatre-vingt-dix-huit``), and fractions of a
scale (``half a million``, ``a quarter of a million``, ``one and a half million``, ``un million
et demi``), so a figure the translation spells out is compared with the source's digits by value.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tqcheck.bilingual.quantity import Key, Quantity, number_key
from tqcheck.locale import Locale
from tqcheck.tokens import LETTER, LETTERS

_SEP = r"[ \u00a0\u202f-]+"


def spelled_quantities(text: str, loc: Locale, taken: list[bool]) -> list[Quantity]:
    """Every figure written in words in ``text``, outside the ``taken`` characters (digits)."""
    out = _fraction_phrases(text, loc, taken)  # first: it marks its words taken
    out += _runs(text, loc, taken)
    out += _fractions(text, loc, taken)
    return out


def _runs(text: str, loc: Locale, taken: list[bool]) -> list[Quantity]:
    """Runs of number words: ``dix-neuf``, ``vingt et un``, ``two hundred and five``."""
    if not (loc.numbers or loc.scales):
        return []
    words = [m for m in LETTERS.finditer(text) if not taken[m.start()]]
    out: list[Quantity] = []
    i = 0
    while i < len(words):
        run: list[re.Match[str]] = []
        j = i
        while j < len(words):
            w = words[j].group().lower()
            gap = text[words[j - 1].end() : words[j].start()] if run else ""
            if run and gap.strip(" -\u00a0") != "":
                break
            if w in loc.standalone and not (run and gap.strip(" \u00a0") == "-"):
                if not run:  # "quatre premières" is 4 (but "twenty-first" is 21)
                    run.append(words[j])
                    j += 1
                break
            if run and _units(run[-1].group().lower(), w, loc):
                break  # "trois quatre mille" is three or four thousand, not 7000
            if w in loc.numbers or w in loc.scales or w in loc.weak_numbers or w in loc.ordinals:
                run.append(words[j])
                j += 1
            elif run and w in loc.connectors and j + 1 < len(words):
                nxt = words[j + 1].group().lower()
                if _joins(words[j - 1].group().lower(), nxt, loc):
                    run.append(words[j])
                    j += 1
                else:
                    break
            else:
                break
        if not run:
            i += 1
            continue
        q = _parse_run(text, run, loc)
        if q is not None:
            out.append(q)
        i = j
    return out


def _units(prev: str, word: str, loc: Locale) -> bool:
    """Two units side by side (1-9, written as words): no number says them so, they are two
    figures, a range said without "or" ("trois quatre mille", "two three hundred")."""
    a, b = loc.numbers.get(prev), loc.numbers.get(word)
    return a is not None and b is not None and 0 < a < 10 and 0 < b < 10


def _joins(prev: str, nxt: str, loc: Locale) -> bool:
    """A connector joins number words only after a scale or a multiple of ten, before a unit:
    "one hundred and five", "vingt et un", "soixante et onze"; "between five and seven" and
    "two and a half" are two numbers, not 12 and 3."""
    value = loc.numbers.get(nxt, loc.weak_numbers.get(nxt))
    if value is None:
        return False
    if prev in loc.scales:
        return True
    before = loc.numbers.get(prev)
    return before is not None and before >= 20 and before % 10 == 0 and value < 12


def _parse_run(text: str, run: list[re.Match[str]], loc: Locale) -> Quantity | None:
    words = [m.group().lower() for m in run]
    while len(words) > 1 and words[0] in loc.weak_numbers and words[1] not in loc.scales:
        words.pop(0)  # "a thirty-nine", "a two-hour": the article is not part of the number
        run = run[1:]
    while words and words[-1] in loc.connectors:
        words.pop()
        run = run[:-1]
    if (
        len(words) > 1
        and words[-1] in loc.weak_numbers
        and words[-2] not in loc.connectors
        and text[run[-2].end() : run[-1].start()] != "-"
    ):
        words.pop()  # "nine a.m.", "eight - a first": an article after a number starts the next phrase
        run = run[:-1]  # (but "vingt et un", "twenty-one" end in a number)
    if not words:
        return None
    has_number = any(w in loc.numbers or w in loc.ordinals for w in words)
    has_scale = any(w in loc.scales for w in words)
    weak_only = not has_number and not has_scale
    if not has_number and not any(w in loc.weak_numbers for w in words):
        return None  # "millions", "hundreds": no exact value
    total = _run_value(words, loc)
    strong = has_number and not weak_only
    if len(words) == 1 and words[0] in loc.weak_numbers:
        strong = False
    alts: tuple[Key, ...] = ()
    if len(words) == 1 and words[0] in loc.ordinals and total:
        alts = (number_key(round(1 / total, 6)),)  # "a third" = "un tiers"
    spelled = not _precise(total, strong)
    return Quantity(number_key(total), run[0].start(), run[-1].end(), strong, spelled=spelled, alts=alts)


def _precise(value: float, strong: bool, phrase: bool = False) -> bool:
    """Whether a figure in words is as precise as digits (it then conflicts with a changed figure
    as digits do): a year or an exact figure of a thousand or more (mille neuf cent
    quatre-vingt-dix-huit, nineteen ninety-eight), or a fraction of a scale (a quarter of a
    million). A round one ("ten-thousand-crown fines", "deux mille") is as loose as a small one
    ("deux", "a couple"), often only a rephrasing."""
    if not strong or value < 1000:
        return False
    return phrase or len(str(int(value)).rstrip("0")) >= 2


def _run_value(words: list[str], loc: Locale) -> float:
    """The value of a run of number words (lower case, connectors included).

    ``total`` holds what the big scales (thousand and up) closed, ``current`` the group being
    built. A bigger scale after a smaller one multiplies what came before (``thousand million``,
    ``two hundred thousand million``); after a bigger one it starts a new group (``one million two
    hundred thousand``). A multiplier (``quatre-vingts``) multiplies the unit just before it; with
    ``paired_years``, two two-digit groups side by side are a year (``nineteen ninety-eight``).
    """
    total, current = 0.0, 0.0
    last_scale = 0.0  # the last scale of a thousand or more
    previous: float | None = None  # the value of the word just before, if a plain number
    plain = True  # no scale seen yet: the run may be a year said in pairs
    for w in words:
        if w in loc.connectors:
            previous = None
            continue
        if w in loc.scales:
            scale = loc.scales[w]
            plain, previous = False, None
            if scale < 1000:
                current = max(current, 1.0) * scale
            elif total and last_scale < scale:
                total = (total + current) * scale  # "thousand million", "mille milliards"
                current, last_scale = 0.0, scale
            else:
                total += max(current, 1.0) * scale
                current, last_scale = 0.0, scale
            continue
        value = loc.numbers.get(w, loc.ordinals.get(w, loc.weak_numbers.get(w, 0.0)))
        if w in loc.multipliers and previous is not None and 1 < previous < 10:
            current += previous * (value - 1)  # quatre-vingt(s): 4 x 20
        elif loc.paired_years and plain and 11 <= current <= 20 and 10 <= value < 100:
            current = current * 100 + value  # nineteen ninety(-eight), twenty eighteen
        else:
            current += value
        previous = value
    return total + current


def _alternatives(items: tuple[str, ...]) -> str:
    """A regex group matching any of ``items`` (longest first; a space matches any separator)."""
    spaced = (re.escape(w).replace(r"\ ", _SEP) for w in sorted(items, key=len, reverse=True))
    return "(?:" + ("|".join(spaced) or "(?!)") + ")"


@lru_cache(maxsize=16)
def _addition_rx(additions: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"{_SEP}(?P<add>{_alternatives(additions)})(?!-?{LETTER})", re.I)


def added_fraction(text: str, pos: int, loc: Locale) -> tuple[float, int]:
    """The fraction added after a scale at ``pos`` ("1 million *et demi*") and where it ends;
    0 and ``pos`` if none."""
    m = _addition_rx(tuple(loc.fraction_additions)).match(text, pos) if loc.fraction_additions else None
    if m is None:
        return 0.0, pos
    return _fraction_add(m.group("add"), loc), m.end()


@lru_cache(maxsize=16)
def _phrase_rxs(
    numbers: tuple[str, ...],
    fractions: tuple[str, ...],
    links: tuple[str, ...],
    additions: tuple[str, ...],
    scales: tuple[str, ...],
    connectors: tuple[str, ...],
) -> tuple[re.Pattern[str], ...]:
    """Regexes of the shapes of a fraction (of a scale, or added after a noun), from a locale's words."""
    alt = _alternatives
    seq = rf"(?P<n>{alt(numbers)}(?:{_SEP}(?:{alt(connectors)}{_SEP})?{alt(numbers)})*)"
    scale = rf"(?P<scale>{alt(scales)})"
    add = rf"(?P<add>{alt(additions)})"
    # between a fraction and its scale: a link word (of a, de), or only a space or hyphen; no
    # space needed after an elided link (d')
    elided = tuple(w for w in links if w[-1:] in "'’")
    spaced = tuple(w for w in links if w not in elided)
    link = rf"(?:{_SEP}{alt(spaced)}{_SEP}|{_SEP}{alt(elided)}[ \u00a0\u202f]*|{_SEP})"
    start, end = rf"(?<!{LETTER})", rf"(?!-?{LETTER})"
    return tuple(
        re.compile(start + body + end, re.I)
        for body in (
            rf"(?:{seq}{_SEP})?(?P<frac>{alt(fractions)}){link}{scale}",  # a quarter of a million
            rf"{seq}{_SEP}{add}(?:{_SEP}{scale})?",  # one and a half (million)
            rf"{seq}{_SEP}{scale}{_SEP}{add}",  # un million et demi
            rf"{seq}{_SEP}(?P<noun>{LETTER}+){_SEP}{add}",  # deux heures et demie, two hours and a half
        )
    )


def _fraction_phrases(text: str, loc: Locale, taken: list[bool]) -> list[Quantity]:
    """``half a million`` (500,000), ``a quarter of a million``, ``three quarters of a million``,
    ``one and a half million``, ``un million et demi``, ``un demi-million``; and ``two and a half``
    (2.5, or 2 where the other side says "deux ans et demi"). A fraction of a scale is a precise
    figure (strong); the words it uses are taken, so they are not read again as numbers."""
    if not loc.fractions:
        return []
    big = tuple(w for w, v in loc.scales.items() if v >= 1000)
    small = tuple(w for w, v in loc.scales.items() if v < 1000)
    rxs = _phrase_rxs(
        tuple({*loc.numbers, *loc.weak_numbers, *small}),
        tuple(loc.fractions),
        loc.fraction_links,
        tuple(loc.fraction_additions),
        big,
        tuple(loc.connectors),
    )
    found: list[tuple[int, int, float, bool, tuple[Key, ...]]] = []
    for kind, rx in enumerate(rxs):
        for m in rx.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            reading = _phrase_value(kind, m, loc)
            if reading is not None:
                found.append((reading[0], m.end(), *reading[1:]))
    out: list[Quantity] = []
    for start, end, value, strong, alts in sorted(found, key=lambda f: (f[0], f[0] - f[1])):
        if any(taken[start:end]):
            continue  # overlaps a longer phrase found by another shape
        out.append(
            Quantity(
                number_key(value),
                start,
                end,
                strong,
                spelled=not _precise(value, strong, phrase=True),
                alts=alts,
            )
        )
        taken[start:end] = [True] * (end - start)
    return out


def _phrase_value(
    kind: int, m: re.Match[str], loc: Locale
) -> tuple[int, float, bool, tuple[Key, ...]] | None:
    """(start, value, strong, alternative keys) of a phrase of shape ``kind``; None if not a
    figure. A number before a fraction that cannot be its numerator ("five half-million") is
    left out of the phrase."""
    scale_word = m.groupdict().get("scale")
    scale = loc.scales[scale_word.lower()] if scale_word else None
    n_words = [w.group().lower() for w in LETTERS.finditer(m.group("n") or "")]
    if n_words and not any(w in loc.numbers or w in loc.weak_numbers for w in n_words):
        return None  # "hundred and a half": no figure to add to
    n = _run_value(n_words, loc) if n_words else 1.0
    strong_n = any(w in loc.numbers for w in n_words)
    if kind == 0:  # a quarter of a million, three quarters of a million, un demi-million
        assert scale is not None
        frac = loc.fractions[m.group("frac").lower()]
        if n * frac >= 1:
            return m.start("frac"), frac * scale, True, ()
        return m.start(), n * frac * scale, True, ()
    add = _fraction_add(m.group("add"), loc)
    if kind == 3:  # deux heures et demie: 2.5 (hours), or the bare 2
        noun = m.group("noun").lower()
        if not n_words or noun in loc.scales or noun in loc.numbers or noun in loc.connectors:
            return None
        return m.start(), n + add, strong_n, (number_key(n),)
    if kind == 1 and scale is None:  # two and a half (years): 2.5, or the bare 2
        return m.start(), n + add, strong_n, (number_key(n),)
    assert scale is not None
    return m.start(), (n + add) * scale, True, (number_key(n + add),)


def _fraction_add(phrase: str, loc: Locale) -> float:
    """The value of "and a half", "et demi" (spaces and hyphens folded)."""
    folded = " ".join(re.split(_SEP, phrase.lower()))
    return loc.fraction_additions.get(folded, 0.0)


def _fractions(text: str, loc: Locale, taken: list[bool]) -> list[Quantity]:
    """``half``, ``la moitié``, ``a quarter``: weak evidence for 0.5 (and 50 %), so a rephrased
    figure is not called missing (with a scale, they are read by :func:`_fraction_phrases`)."""
    out: list[Quantity] = []
    for m in LETTERS.finditer(text):
        value = loc.fractions.get(m.group().lower())
        if value is None or taken[m.start()]:
            continue
        alts = (number_key(value * 100),)
        out.append(Quantity(number_key(value), m.start(), m.end(), False, spelled=True, alts=alts))
    return out
