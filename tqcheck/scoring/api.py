"""The scorer's public API for the engine and the CLI: options in, scores and hits out.

Importing this module is cheap (no torch, no transformers); :func:`score_document` imports
the model code only when it runs. Thresholds and their reasons: :mod:`tqcheck.scoring.options`.
"""

from __future__ import annotations

from tqcheck.document import Document
from tqcheck.errors import InputError
from tqcheck.scoring.models import require_neural
from tqcheck.scoring.options import (
    DEFAULT_SPAN_THRESHOLD,
    DEFAULT_THRESHOLD,
    ScoreOptions,
    ScoreResult,
)

__all__ = [
    "DEFAULT_SPAN_THRESHOLD",
    "DEFAULT_THRESHOLD",
    "ScoreOptions",
    "ScoreResult",
    "resolve_languages",
    "score_document",
]


def _detect(doc: Document, option: str) -> str:
    """The main language of ``doc`` by py3langid (first few thousand characters suffice)."""
    from tqcheck.langid import detect

    sample = doc.content[:4000]
    if not any(c.isalpha() for c in sample):
        raise InputError(f"cannot detect the language of a text without letters; pass {option}", doc.path)
    return detect(sample)[0]


def resolve_languages(target: Document, source: Document | None, options: ScoreOptions) -> tuple[str, str]:
    """(source or pivot language, target language): given, else from the document, else detected."""
    tgt = options.tgt_lang or target.lang or _detect(target, "--lang")
    if source is not None:
        src = options.src_lang or source.lang or _detect(source, "--source-lang")
    else:
        src = options.src_lang or ("fr" if tgt == "en" else "en")
    if src == tgt:
        what = "source" if source is not None else "pivot"
        raise InputError(f"{what} and target language are both {tgt!r}; pass --source-lang/--lang")
    return src, tgt


def score_document(target: Document, source: Document | None, options: ScoreOptions) -> ScoreResult:
    """Score a translated document against its source (or by round trip when there is none)."""
    options.validate()
    require_neural()
    if source is None:
        source = target.source  # bilingual input loaded with ``--source`` by the core
    src, tgt = resolve_languages(target, source, options)
    from tqcheck.scoring.scorer import BackTranslationScorer

    scorer = BackTranslationScorer(options, src_lang=src, tgt_lang=tgt, bilingual=source is not None)
    try:
        return scorer.score(target, source)
    finally:
        scorer.close()
