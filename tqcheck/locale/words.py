"""Per-language word lists and patterns of the monolingual checks, read from ``locale/<lang>.yaml``.

Function words (which language a file is in), the words an acronym skips in its expansion,
words that are grammatical twice, and page furniture lines: data, so adding a language is a
file, not code. Read without Babel, so a glossary-only run stays quick to start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from tqcheck.errors import InputError
from tqcheck.locale.schema import raw, shipped


@dataclass(frozen=True)
class Words:
    """One language's lists for the monolingual checks."""

    lang: str
    function_words: frozenset[str] = frozenset()
    acronym_connectors: frozenset[str] = frozenset()
    repeat_ok: frozenset[str] = frozenset()
    repeat_guess: frozenset[str] = frozenset()
    #: whole-line page furniture: (what it is, pattern matched against the trimmed line)
    boilerplate: tuple[tuple[str, re.Pattern[str]], ...] = ()


def _lower(values: object) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ()) if isinstance(values, list) else frozenset()


@lru_cache(maxsize=32)
def words(lang: str | None) -> Words:
    """The lists for ``lang`` (``en-GB`` reads ``en``); empty ones where no locale file ships."""
    base = (lang or "").lower().replace("_", "-").split("-")[0]
    d = raw(base) if base else {}
    patterns = []
    for item in d.get("boilerplate") or []:
        where = f"tqcheck/locale/{base}.yaml"
        if not isinstance(item, dict) or set(item) != {"what", "pattern"}:
            raise InputError("each boilerplate item is {what: ..., pattern: ...}", where)
        try:
            patterns.append((str(item["what"]), re.compile(str(item["pattern"]), re.IGNORECASE)))
        except re.error as exc:
            raise InputError(f"boilerplate pattern {item['pattern']!r}: {exc}", where) from None
    return Words(
        base,
        _lower(d.get("function_words")),
        _lower(d.get("acronym_connectors")),
        _lower(d.get("repeat_ok")),
        _lower(d.get("repeat_guess")),
        tuple(patterns),
    )


def eliding(lang: str | None) -> bool:
    """Whether ``lang`` elides articles and prepositions before a vowel (French ``l'``, ``d'``)."""
    base = (lang or "").lower().replace("_", "-").split("-")[0]
    return bool(raw(base).get("elision")) if base else False


@cache
def acronym_connectors() -> frozenset[str]:
    """Connectors of every shipped language: an expansion left in the source language
    ("Observatoire syrien des droits de l'Homme") is read in an English text too."""
    return frozenset().union(*(words(lang).acronym_connectors for lang in shipped()))


@cache
def known_languages() -> tuple[str, ...]:
    """The languages whose function words ship, so a file's language can be told among them."""
    return tuple(lang for lang in shipped() if words(lang).function_words)
