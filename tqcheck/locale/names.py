"""Language names for messages ("the French acronym"), from the Unicode CLDR through Babel.

Read lazily: only a finding that names a language loads Babel's English locale data.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=64)
def language_name(code: str | None) -> str:
    """The English name of language ``code`` ("French" for ``fr`` or ``fr-CA``); the code itself
    where CLDR has no name for it."""
    if not code:
        return "the source language"
    from babel import Locale

    base = code.replace("-", "_").split("_")[0].lower()
    return str(Locale("en").languages.get(base, code))
