"""The bilingual check (TQ4xx): fidelity of a translation to its source, sentence by sentence.

:class:`BilingualCheck` declares the rules (:mod:`tqcheck.bilingual.rules`) and hands each
document that has a source, or segment pairs, to :func:`tqcheck.bilingual.fidelity.bilingual_hits`,
imported then: a monolingual run never loads the aligner and the rule groups.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from tqcheck.bilingual.rules import (
    ADDITION,
    DATE_MISMATCH,
    EMPTY_TARGET,
    END_PUNCTUATION,
    GLOSSARY_TERM_NOT_RENDERED,
    INLINE_CODE_MISMATCH,
    NAME_MISSING,
    NUMBER_MISMATCH,
    OMISSION,
    PLACEHOLDER_MISMATCH,
    SAME_AS_SOURCE,
    SEGMENT_WHITESPACE,
    TYPOGRAPHY,
    UNBALANCED_QUOTES,
    UNTRANSLATED,
)
from tqcheck.document import Document
from tqcheck.model import Hit, Rule

if TYPE_CHECKING:  # the check package imports this one: no import back at run time
    from tqcheck.checks.base import Context


class BilingualCheck:
    """TQ4xx: fidelity of the translation to its source, sentence by sentence."""

    RULES: ClassVar[tuple[Rule, ...]] = (
        NUMBER_MISMATCH,
        DATE_MISMATCH,
        UNTRANSLATED,
        OMISSION,
        ADDITION,
        GLOSSARY_TERM_NOT_RENDERED,
        NAME_MISSING,
        UNBALANCED_QUOTES,
        INLINE_CODE_MISMATCH,
        PLACEHOLDER_MISMATCH,
        EMPTY_TARGET,
        SAME_AS_SOURCE,
        SEGMENT_WHITESPACE,
        END_PUNCTUATION,
        TYPOGRAPHY,
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        if not doc.pairs and doc.source is None:
            return ()
        from tqcheck.bilingual.fidelity import bilingual_hits

        return bilingual_hits(doc, ctx)
