"""Length-preserving text folding for matching: case, diacritics, apostrophes, hyphens.

Every character maps to exactly one character, so an offset into the folded text is the same
offset into the original: matches need no offset map and spans stay exact.
"""

from __future__ import annotations

import unicodedata
from functools import cache

APOSTROPHES = "'’‘ʼʻʿʾ`´′"
DASHES = "-‐‑‒–—―−"


@cache
def fold_char(c: str, lower: bool = True) -> str:
    """One character -> one character: the matching key of ``c``."""
    if c in APOSTROPHES:
        return "'"
    if c in DASHES or c.isspace():
        return " "
    base = "".join(ch for ch in unicodedata.normalize("NFD", c) if not unicodedata.combining(ch)) or c
    if lower:
        base = base.lower()
    if len(base) == 1:
        return base
    low = c.lower() if lower else c
    return low if len(low) == 1 else c


_ASCII_TABLE = {i: fold_char(chr(i)) for i in range(128)}
_ASCII_CASED = {i: fold_char(chr(i), False) for i in range(128)}


def fold(text: str, lower: bool = True) -> str:
    """Fold ``text`` (same length as the input, guaranteed)."""
    table = dict(_ASCII_TABLE if lower else _ASCII_CASED)
    if not text.isascii():
        for c in set(text):
            if ord(c) >= 128:
                table[ord(c)] = fold_char(c, lower)
    return text.translate(table)


def key(text: str) -> str:
    """Matching key of a glossary form: folded, spaces collapsed."""
    return " ".join(fold(text).split())
