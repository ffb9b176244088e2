"""Quotes and brackets (TQ408): marks the translation leaves unmatched while the source matches them."""

from __future__ import annotations

from collections.abc import Iterator

from tqcheck.bilingual.alignment import Unit
from tqcheck.bilingual.rules import UNBALANCED_QUOTES
from tqcheck.bilingual.sentences import Sentence
from tqcheck.locale import Locale
from tqcheck.model import Hit

BRACKETS = (("(", ")"), ("[", "]"))


def quote_pairs(src_loc: Locale, tgt_loc: Locale) -> list[tuple[str, str]]:
    """Typographic quote pairs of both languages; straight ASCII quotes are not compared (copy
    mixes them with inch marks and apostrophes too often for an odd count to mean anything)."""
    seen: list[tuple[str, str]] = []
    for p in (*tgt_loc.quotes, *src_loc.quotes):
        if p[0] != p[1] and p not in seen:
            seen.append(p)
    return seen


def unmatched(text: str, open_: str, close: str) -> list[int]:
    """Offsets of unmatched marks (straight quotes: an odd last one)."""
    if open_ == close:
        positions = [i for i, c in enumerate(text) if c == open_]
        return positions[-1:] if len(positions) % 2 else []
    stack: list[int] = []
    bad: list[int] = []
    for i, c in enumerate(text):
        if c == open_:
            stack.append(i)
        elif c == close:
            if stack:
                stack.pop()
            else:
                bad.append(i)
    return bad + stack


def unmatched_in(sents: list[Sentence], open_: str, close: str) -> list[tuple[Sentence, int]]:
    joined = ""
    owners: list[tuple[int, Sentence]] = []
    for s in sents:
        owners.append((len(joined), s))
        joined += s.text + "\n"
    out = []
    for pos in unmatched(joined, open_, close):
        base, sent = max((o for o in owners if o[0] <= pos), key=lambda o: o[0])
        out.append((sent, pos - base))
    return out


def balance_hits(all_units: list[Unit], src_loc: Locale, tgt_loc: Locale) -> Iterator[Hit]:
    groups: dict[int, tuple[list[Sentence], list[Sentence]]] = {}
    for u in all_units:
        src, tgt = groups.setdefault(u.group, ([], []))
        src.extend(u.source)
        tgt.extend(u.target)
    for src, tgt in groups.values():
        src_text = "\n".join(s.text for s in src)
        for open_, close in (*BRACKETS, *quote_pairs(src_loc, tgt_loc)):
            if unmatched(src_text, open_, close):
                continue
            for t, pos in unmatched_in(tgt, open_, close):
                mark = t.text[pos]
                yield Hit(
                    UNBALANCED_QUOTES,
                    t.mapped.span(pos, pos + 1),
                    f"unmatched '{mark}' in the translation; the source's {open_}{close} are balanced",
                    path=t.path,
                )
