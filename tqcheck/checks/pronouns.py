"""Pronoun agreement for organisations (TQ105): "Hayat Tahrir al-Sham and his allies".

French possessives (son, sa, ses) agree with the possessed noun, not the owner, so machine
translation often gives a group or an agency "his" or "her". When a glossary entity of kind
group or organisation is followed closely by "his"/"her", English wants "its" (or "their").
Only the few words right after the name are read, so a person mentioned in between is not
mistaken for the owner.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from tqcheck.checks.base import Context
from tqcheck.document import Document
from tqcheck.model import FixSafety, Hit, Rule, Severity, Span

#: Kinds of glossary entities that are "it" in English.
NON_PERSONS = frozenset({"group", "organisation"})

#: After the name: an optional possessive or acronym in brackets, then a short link ("and",
#: "with") and the pronoun. Not "said": "the Observatory said her brother..." is someone else's.
AFTER_NAME = re.compile(
    r"(?:['’]s)?(?:\s*\([A-Z]{2,8}\))?"
    r"(?:\s*,)?\s+(?:and|with|along with|together with|and one of)\s+"
    r"(his|her)\b",
    re.IGNORECASE,
)


PRONOUN_FOR_ORGANISATION = Rule(
    "TQ105",
    "pronoun-for-organisation",
    Severity.WARNING,
    "A group or organisation referred to as 'his' or 'her'",
    "French possessives agree with the thing owned, not the owner, so translated copy gives "
    "groups and agencies a gender. In English an organisation is 'its' (or 'their').",
    fix=FixSafety.UNSAFE,
    languages=frozenset({"en"}),  # English possessives; French or German ones agree otherwise
)


class PronounCheck:
    RULES: ClassVar[tuple[Rule, ...]] = (PRONOUN_FOR_ORGANISATION,)

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        text = doc.content
        for m in ctx.matches(doc):
            if m.entry.kind not in NON_PERSONS:
                continue
            after = AFTER_NAME.match(text, m.end, min(len(text), m.end + 60))
            if after is None:
                continue
            word = after.group(1)
            span = Span(after.start(1), after.end(1))
            fix = "Its" if word[0].isupper() else "its"
            yield Hit(
                PRONOUN_FOR_ORGANISATION,
                span,
                f"'{word}' refers to {m.entry.canonical}, a {m.entry.kind}: English uses 'its' or 'their' "
                "(French 'son/sa/ses' does not mark the owner's gender)",
                fix,
            )
