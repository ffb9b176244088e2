"""Typography of the target language (TQ415): the no-break spaces French puts around punctuation.

French writes a no-break space before ``: ; ! ?`` and ``»`` and after ``«`` (a thin one, U+202F,
before ``; ! ?``); an ordinary space there lets a line break leave the mark alone at the start of
the next line, and no space at all is a typing error. Which marks take which space, and the
regions that write ``; ! ?`` without one (Canada, Switzerland), are locale data
(``space_before``, ``space_after``, ``space_before_not_in``); a language without them gets no
finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqcheck.bilingual.rules import TYPOGRAPHY
from tqcheck.locale import Locale
from tqcheck.mapped import MappedText
from tqcheck.model import Hit

#: spaces that already do the job (no-break, narrow no-break, figure space)
NO_BREAK = frozenset("\u00a0\u202f\u2007")
#: a web address or e-mail: its colons and question marks are not prose
_ADDRESS = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+|\S+@\S+\.\w+", re.I)
_OPENERS = "([{<\n"


def _region(lang: str) -> str:
    parts = lang.replace("_", "-").split("-")
    return parts[1].upper() if len(parts) > 1 else ""


def typography_hits(
    mapped: MappedText, path: str, loc: Locale, lang: str, data: tuple[tuple[str, str], ...] = ()
) -> Iterator[Hit]:
    """No-break spaces missing around the marks the locale lists, in one target text."""
    if not (loc.space_before or loc.space_after):
        return
    text = mapped.text
    exempt = loc.space_before_not_in.get(_region(lang), frozenset())
    addresses = [(m.start(), m.end()) for m in _ADDRESS.finditer(text)]

    def in_address(i: int) -> bool:
        return any(a <= i < b for a, b in addresses)

    for i, c in enumerate(text):
        if c in loc.space_before and c not in exempt and i and not in_address(i):
            prev = text[i - 1]
            if prev in NO_BREAK or prev in _OPENERS or prev in loc.space_before:
                continue  # done, or nothing to separate, or a run of marks (?!)
            if c == ":" and prev.isdigit() and text[i + 1 : i + 2].isdigit():
                continue  # 14:30, 3:1
            space = loc.space_before[c]
            if prev in " \t":
                yield Hit(
                    TYPOGRAPHY,
                    mapped.span(i - 1, i),
                    f"an ordinary space before '{c}': French puts a no-break space there",
                    suggestion=space,
                    path=path,
                    data=data,
                )
            elif not prev.isspace():
                yield Hit(
                    TYPOGRAPHY,
                    mapped.span(i, i + 1),
                    f"no space before '{c}': French puts a no-break space there",
                    suggestion=space + c,
                    path=path,
                    data=data,
                )
        elif c in loc.space_after and i + 1 < len(text) and not in_address(i):
            nxt = text[i + 1]
            space = loc.space_after[c]
            if nxt in " \t":
                yield Hit(
                    TYPOGRAPHY,
                    mapped.span(i + 1, i + 2),
                    f"an ordinary space after '{c}': French puts a no-break space there",
                    suggestion=space,
                    path=path,
                    data=data,
                )
            elif not nxt.isspace() and nxt not in NO_BREAK:
                yield Hit(
                    TYPOGRAPHY,
                    mapped.span(i, i + 1),
                    f"no space after '{c}': French puts a no-break space there",
                    suggestion=c + space,
                    path=path,
                    data=data,
                )
