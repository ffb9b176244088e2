"""Country and territory names of every language from the Unicode CLDR, through Babel.

A glossary entry with ``territory: SY`` gets each language's name of it (Syria, Syrie, Syrien,
Siria) from CLDR instead of a hand-typed list. The names of the shipped languages, and the codes
CLDR knows as languages, are precomputed into ``tqcheck/data/cldr.json`` so a run reads one small
file instead of loading Babel's locale data; other languages are read from Babel when asked.
``python -m tqcheck.glossary.territories`` rebuilds the file (a test keeps it equal to Babel's).
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

#: The languages whose names are precomputed: the shipped glossaries' languages.
SHIPPED = ("en", "fr", "de", "es")
#: A two-letter territory code (CLDR also has numeric regions, "001" the world, left out).
TERRITORY = re.compile(r"[A-Z]{2}")
#: Codes CLDR lists that are no country or territory a glossary names.
NOT_PLACES = frozenset({"ZZ", "EZ", "UN", "QO", "XA", "XB"})


@cache
def _shipped() -> dict[str, Any]:
    raw = resources.files("tqcheck").joinpath("data", "cldr.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def _base(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


@cache
def _languages() -> frozenset[str]:
    return frozenset(_shipped()["languages"])


def is_language(code: str) -> bool:
    """Whether ``code`` is a language CLDR knows (``fr``, ``de-CH``), so it can head a section."""
    return bool(re.fullmatch(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", code)) and _base(code) in _languages()


def territory_name(code: str, lang: str) -> str | None:
    """CLDR's name of territory ``code`` in ``lang`` (None for a code CLDR does not know)."""
    names = _shipped()["territories"].get(_base(lang))
    if names is None:
        names = _from_babel(_base(lang))
    name = names.get(code.upper())
    return str(name) if name is not None else None


@lru_cache(maxsize=16)
def _from_babel(lang: str) -> dict[str, str]:
    from babel import Locale
    from babel.core import UnknownLocaleError

    try:
        names = Locale.parse(lang).territories
    except (UnknownLocaleError, ValueError):
        return {}
    return {str(c): str(n) for c, n in names.items() if TERRITORY.fullmatch(str(c)) and c not in NOT_PLACES}


def build(languages: tuple[str, ...] = SHIPPED) -> dict[str, Any]:
    """What ``tqcheck/data/cldr.json`` holds, read from the installed Babel."""
    import babel
    from babel.localedata import locale_identifiers

    codes = sorted({_base(i) for i in locale_identifiers() if i != "root"})
    return {
        "babel": babel.__version__,
        "languages": codes,
        "territories": {lang: dict(sorted(_from_babel(lang).items())) for lang in languages},
    }


def main() -> None:
    """Rebuild the shipped file from the installed Babel."""
    path = Path(__file__).resolve().parent.parent / "data" / "cldr.json"
    text = json.dumps(build(), ensure_ascii=False, indent=1, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
