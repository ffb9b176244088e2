"""Sentences left in the source language (TQ403)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from babel import Locale as BabelLocale

from tqcheck.bilingual.alignment import Unit
from tqcheck.bilingual.omissions import MIN_WORDS
from tqcheck.bilingual.rules import UNTRANSLATED
from tqcheck.langid import detect
from tqcheck.model import Hit
from tqcheck.textfold import key
from tqcheck.tokens import WORD

#: Probability above which a target sentence is called "in the source language".
UNTRANSLATED_PROB = 0.95


def language_name(code: str) -> str:
    """The language's English name from CLDR (Babel): "French", "German"; the code if unknown."""
    base = code.replace("-", "_").split("_")[0].lower()
    return str(BabelLocale("en").languages.get(base, code))


def untranslated_hits(unit: Unit, src_lang: str, tgt_lang: str) -> Iterator[Hit]:
    if src_lang == tgt_lang:
        return
    for t in unit.target:
        words = WORD.findall(t.text)
        lower = [w for w in words if w[:1].islower() and len(w) >= 3]
        if len(words) < MIN_WORDS or len(lower) < 3:
            continue  # short, or names only
        same = any(key(t.text) == key(s.text) for s in unit.source)
        lang, prob = detect(t.text, [src_lang, tgt_lang])
        if same or (lang == src_lang and prob >= UNTRANSLATED_PROB):
            why = "repeats the source verbatim" if same else f"is in {language_name(src_lang)}"
            yield Hit(
                UNTRANSLATED,
                t.span,
                f"this sentence {why}, not {language_name(tgt_lang)}: left untranslated",
                path=t.path,
            )


def explained(hits: Iterable[Hit], untranslated: list[Hit]) -> Iterator[Hit]:
    """Leave out what an untranslated sentence already explains: a sentence left in the source
    language differs from the translation in names, dates and numbers too, and one finding (TQ403)
    says why."""
    for h in hits:
        if not any(
            u.path == h.path and u.span.start < h.span.end and h.span.start < u.span.end for u in untranslated
        ):
            yield h
