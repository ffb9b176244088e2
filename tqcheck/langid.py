"""Language identification with py3langid (a maintained, offline, pure-Python model).

Used to detect the languages of a pair when not given, and to find target segments still in the
source language. Restricting candidates to the pair's languages makes short segments reliable.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=8)
def _identifier(candidates: tuple[str, ...] | None) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if candidates:
        ident.set_languages(list(candidates))
    return ident


def detect(text: str, candidates: Sequence[str] | None = None) -> tuple[str, float]:
    """ISO 639-1 code and probability of ``text``'s language (among ``candidates`` if given)."""
    key = tuple(sorted(set(candidates))) if candidates else None
    lang, prob = _identifier(key).classify(text)
    return str(lang), float(prob)
