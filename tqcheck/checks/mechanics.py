"""Mechanical checks (TQ5xx): web boilerplate and page cruft, doubled punctuation, repeated words.

Scraped wire copy drags in page furniture ("Sign in / Join", "Terms of service", photo credit
captions); machine translation adds stutters like ". ." and "the the". The patterns are data
(name, regular expression, why) so a desk can read and extend them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from tqcheck.checks.base import Context
from tqcheck.document import Document
from tqcheck.model import FixSafety, Hit, Rule, Severity, Span
from tqcheck.names.usage import is_word
from tqcheck.segment import blocks

#: Whole-line page furniture: (what it is, pattern matched against the trimmed line).
BOILERPLATE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (what, re.compile(pattern, re.IGNORECASE))
    for what, pattern in (
        ("login/registration link", r"(sign|log) ?in( ?(/|\||or) ?(join|register|sign ?up|subscribe))?\.?"),
        (
            "registration link",
            r"(join|register|sign ?up|subscribe)( now| today)?( ?(/|\|) ?(sign|log) ?in)?\.?",
        ),
        (
            "legal footer",
            r"(terms of (service|use)|privacy( policy| notice)?|cookie (policy|settings|preferences)"
            r"|all rights reserved\.?|legal notice|contact us|about us)"
            r"( ?(/|\||·|-) ?(terms of (service|use)|privacy( policy)?|cookies?|contact( us)?))*\.?",
        ),
        (
            "sharing widget",
            r"(share|share this( article| story)?|tweet|email|print|whatsapp|facebook|twitter)"
            r"( ?(/|\||·) ?(share|tweet|email|print|whatsapp|facebook|twitter|linkedin))*:?",
        ),
        (
            "navigation link",
            r"(read more|read also|see also|related( articles| stories)?|advertisement|"
            r"skip to (main )?content|back to top|more on this (topic|story)|most read)\.?:?",
        ),
        (
            "copyright line",
            r"(©|Ⓒ|\(c\)|copyright)\s*(\d{4}\s*)?(afp|ap|reuters|associated press|agence france[- ]presse)"
            r"(\s*\d{4})?\.?( all rights reserved\.?)?",
        ),
        ("photo credit caption", r"(©|Ⓒ|\(c\))\s*(afp|ap|reuters|getty|anadolu|epa|sana)\b.*"),
        ("photo credit caption", r"(afp|ap|reuters|getty|epa)( photo| images)?\s*/\s*[A-Z][\w .'-]+\.?"),
        (
            "photo credit caption",
            r"(photo|picture|image)\s*:\s*.+/(afp|ap|reuters|getty( images)?|epa|anadolu).*",
        ),
    )
)

#: Doubled punctuation: ",,", "; ;", ". ." or ".." (a stray second mark), never an ellipsis "...".
DOUBLED = re.compile(r"([,;:])(?:[ \t\u00a0]*\1)+|(?<!\.)(?<!\. )\.[ \t\u00a0]*\.(?![ \t\u00a0]*\.)")
#: A word said twice ("the the"): a run of word characters and its back-reference (figures are
#: skipped where it is used), so it stays here rather than in :mod:`tqcheck.tokens`.
REPEATED = re.compile(r"\b(\w+)(\s+)(\1)\b", re.IGNORECASE | re.UNICODE)
#: English word pairs that are grammatical when doubled.
REPEAT_OK = frozenset({"that", "had", "is", "do", "bye", "so", "very", "really", "no", "yes", "ha", "la"})
#: Doubled words that usually stand for another word mistyped, not one typed twice: "as it it on
#: others" was "as it is on others", "It it were" was "If it were". Deleting one is a guess.
REPEAT_GUESS = frozenset({"it"})


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
        for block in blocks(text):
            line = text[block.start : block.end]
            if len(line) > 300:
                continue
            for what, pattern in BOILERPLATE:
                if pattern.fullmatch(line):
                    yield Hit(WEB_BOILERPLATE, block, f"{what} left in the article: '{_short(line)}'")
                    break
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
            if word.lower() in REPEAT_OK or word.isdigit() or "\n" in m.group(2):
                continue
            if text.startswith("-", m.end()) and text[m.end() + 1 : m.end() + 2].isalnum():
                continue  # the second starts a compound: "into two two-seat machines" is right
            # a slip repeats a word of the language, the second time in lower case ("the the",
            # "The the"): "Modo Modo" and "Kazim Kazim" are names, "là là" is French
            if not again.islower() or not is_word(word.lower(), doc.lang or ctx.lang):
                continue
            msg = f"repeated word '{word} {again}'"
            # "It it were" was "If it were": with the case changed, or a word that usually stands
            # for another one mistyped (REPEAT_GUESS), deleting one is a guess
            fix = None if word.islower() and word not in REPEAT_GUESS else FixSafety.UNSAFE
            yield Hit(REPEATED_WORD, Span(m.start(), m.end()), msg, word, fix=fix)


def _short(line: str, width: int = 60) -> str:
    return line if len(line) <= width else line[: width - 1] + "…"
