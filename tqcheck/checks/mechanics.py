"""Mechanical checks (TQ5xx): web boilerplate and page cruft, doubled punctuation, repeated words.

Scraped wire copy drags in page furniture ("Sign in / Join", "Terms of service", photo credit
captions); machine translation adds stutters like ". ." and "the the". The page furniture
patterns and the words that are right said twice are each language's data
(``boilerplate``, ``repeat_ok`` and ``repeat_guess`` in ``tqcheck/locale/<lang>.yaml``), so the
rules judge any language that has them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import ClassVar

from tqcheck.checks.base import Context
from tqcheck.document import Document
from tqcheck.locale.words import words
from tqcheck.model import FixSafety, Hit, Rule, Severity, Span
from tqcheck.names.usage import is_word
from tqcheck.segment import blocks

#: Doubled punctuation: ",,", "; ;", ". ." or ".." (a stray second mark), never an ellipsis "...".
DOUBLED = re.compile(r"([,;:])(?:[ \t\u00a0]*\1)+|(?<!\.)(?<!\. )\.[ \t\u00a0]*\.(?![ \t\u00a0]*\.)")
#: A word said twice ("the the"): a run of word characters and its back-reference (figures are
#: skipped where it is used), so it stays here rather than in :mod:`tqcheck.tokens`.
REPEATED = re.compile(r"\b(\w+)(\s+)(\1)\b", re.IGNORECASE | re.UNICODE)

WEB_BOILERPLATE = Rule(
    "TQ501",
    "web-boilerplate",
    Severity.WARNING,
    "Web page furniture left in the article (login links, footers, photo credit captions)",
    "Scraped or copied pages bring login links, legal footers, sharing widgets and photo captions "
    "with credits. They are not part of the story; delete the line or move the caption.",
    fix=FixSafety.UNSAFE,
)

DOUBLED_PUNCTUATION = Rule(
    "TQ502",
    "doubled-punctuation",
    Severity.WARNING,
    "Doubled punctuation such as '. .' or ',,'",
    "A stray second punctuation mark, typical of machine translation joining segments.",
    fix=FixSafety.SAFE,
)

REPEATED_WORD = Rule(
    "TQ503",
    "repeated-word",
    Severity.WARNING,
    "The same word twice in a row ('the the')",
    "A repeated word is almost always a typo or a translation artefact.",
    fix=FixSafety.SAFE,
)


class MechanicsCheck:
    RULES: ClassVar[tuple[Rule, ...]] = (WEB_BOILERPLATE, DOUBLED_PUNCTUATION, REPEATED_WORD)

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        text = doc.content
        lang = ctx.lang_of(doc)
        own = words(lang)
        furniture, any_furniture = _furniture(lang, ctx.source_lang)
        for block in blocks(text):
            line = text[block.start : block.end]
            if len(line) > 300 or (any_furniture is not None and not any_furniture.fullmatch(line)):
                continue
            what = next((what for what, pattern in furniture if pattern.fullmatch(line)), None)
            if what is not None:
                yield Hit(WEB_BOILERPLATE, block, f"{what} left in the article: '{_short(line)}'")
        for m in DOUBLED.finditer(text):
            if (
                m.start() > 0
                and m.end() < len(text)
                and text[m.start() - 1].isalpha()
                and text[m.end()].isalpha()
            ):
                continue  # inside a word ("f..king") the dots are deliberate
            span = Span(m.start(), m.end())
            yield Hit(DOUBLED_PUNCTUATION, span, f"doubled punctuation '{m.group()}'", m.group()[0])
        for m in REPEATED.finditer(text):
            word, again = m.group(1), m.group(3)
            if word.lower() in own.repeat_ok or word.isdigit() or "\n" in m.group(2):
                continue
            if text.startswith("-", m.end()) and text[m.end() + 1 : m.end() + 2].isalnum():
                continue  # the second starts a compound: "into two two-seat machines" is right
            # a slip repeats a word of the language, the second time in lower case ("the the",
            # "The the"): "Modo Modo" and "Kazim Kazim" are names, "là là" is French
            if not again.islower() or not is_word(word.lower(), lang):
                continue
            msg = f"repeated word '{word} {again}'"
            # "It it were" was "If it were": with the case changed, or a word that usually stands
            # for another one mistyped (``repeat_guess``), deleting one is a guess
            fix = None if word.islower() and word not in own.repeat_guess else FixSafety.UNSAFE
            yield Hit(REPEATED_WORD, Span(m.start(), m.end()), msg, word, fix=fix)


@lru_cache(maxsize=32)
def _furniture(
    lang: str, source_lang: str | None
) -> tuple[tuple[tuple[str, re.Pattern[str]], ...], re.Pattern[str] | None]:
    """The page furniture of the checked language, then of the source's (a translation copied
    from the original's page keeps its login links): each pattern once; and all of them as one
    pattern, so that a paragraph that is none (nearly all) is told in one match, not thirty."""
    out: dict[str, tuple[str, re.Pattern[str]]] = {}
    for code in (lang, source_lang):
        for what, pattern in words(code).boilerplate if code else ():
            out.setdefault(pattern.pattern, (what, pattern))
    # a backreference or an inline flag would mean something else inside the one pattern: such
    # a list is matched pattern by pattern
    if any(map(_UNJOINABLE.search, out)):
        return tuple(out.values()), None
    return tuple(out.values()), re.compile("|".join(f"(?:{p})" for p in out) or "(?!)", re.IGNORECASE)


_UNJOINABLE = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux-]+[:)]")


def _short(line: str, width: int = 60) -> str:
    return line if len(line) <= width else line[: width - 1] + "…"
