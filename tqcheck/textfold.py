"""Length-preserving text folding for matching: case, diacritics, apostrophes, hyphens.

Every character maps to exactly one character, so an offset into the folded text is the same
offset into the original: matches need no offset map and spans stay exact.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache

APOSTROPHES = "'’‘ʼʻʿʾ`´′"
DASHES = "-‐‑‒–—―−"


@cache
def fold_char(c: str, lower: bool = True) -> str:
    """One character -> one character: the matching key of ``c``. Folding a folded character
    changes nothing (Greek varia, U+1FEF, decomposes to a backtick: an apostrophe too), so
    :func:`fold_utf8` may fold an ASCII character twice."""
    if c in APOSTROPHES:
        return "'"
    if c in DASHES or c.isspace():
        return " "
    base = "".join(ch for ch in unicodedata.normalize("NFD", c) if not unicodedata.combining(ch)) or c
    if lower:
        base = base.lower()
    if len(base) == 1:
        return "'" if base in APOSTROPHES else base
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


#: :func:`fold_char` of every ASCII byte, lowered and cased, as ``bytes.translate`` tables
#: (bytes from 128 up, the UTF-8 of other characters, kept).
_BYTES_LOWER = bytes([ord(fold_char(chr(i))) for i in range(128)] + list(range(128, 256)))
_BYTES_CASED = bytes([ord(fold_char(chr(i), False)) for i in range(128)] + list(range(128, 256)))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold_fast(text: str, lower: bool = True) -> str:
    """:func:`fold`, several times faster on long text that is mostly ASCII (news in a Latin
    script): the ASCII characters folded as bytes, then each other character on its own.
    ``str.translate`` with a mapping goes character by character once the text is not ASCII."""
    if text.isascii():
        return fold(text, lower)
    table = _BYTES_LOWER if lower else _BYTES_CASED
    out = text.encode("utf-8", "surrogatepass").translate(table).decode("utf-8", "surrogatepass")
    return _NON_ASCII.sub(lambda m: fold_char(m.group(), lower), out)  # fold_char is memoised


def _fold_run(error: UnicodeError) -> tuple[bytes, int]:
    """The encoder's error handler of :func:`fold_utf8`: a run of non-ASCII characters, folded."""
    assert isinstance(error, UnicodeEncodeError)
    run = error.object[error.start : error.end]
    return "".join(map(fold_char, run)).encode("utf-8", "surrogatepass"), error.end


codecs.register_error("tqcheck-fold", _fold_run)


def fold_utf8(text: str) -> bytes:
    """``fold(text).encode("utf-8", "surrogatepass")`` without the folded text in between, for a
    scanner that reads bytes: the ASCII encoder copies ASCII at C speed and hands each run of
    other characters to :func:`_fold_run`; then the ASCII bytes are folded by one table (those
    the runs folded to are folded again, which changes nothing)."""
    return text.encode("ascii", "tqcheck-fold").translate(_BYTES_LOWER)
