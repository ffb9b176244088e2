"""The scorer's public API for the engine and the CLI: options in, scores and hits out.

Importing this module is cheap (no torch, no transformers); :func:`score_document` imports
the model code only when it runs. Thresholds and their reasons: :mod:`tqcheck.scoring.options`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tqcheck.document import Document
from tqcheck.errors import InputError
from tqcheck.scoring import calibration
from tqcheck.scoring.calibration import DEFAULT_PERCENTILE, Calibration
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
    "DocumentScorer",
    "ScoreOptions",
    "ScoreResult",
    "calibrate",
    "read_pairs",
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


class DocumentScorer:
    """The engine's score hook (``--score``): each document scored against its original
    (``Document.source``), or by round trip when it has none. Plain data, so a Ray actor or a
    worker process can be handed one; the models load in that process on first use and stay
    loaded for its next documents."""

    def __init__(self, options: ScoreOptions) -> None:
        options.validate()
        self.options = options

    def __call__(self, doc: Document) -> ScoreResult:
        return score_document(doc, doc.source, self.options)


def read_pairs(path: Path) -> list[tuple[str, str]]:
    """``source<TAB>target`` lines of a TSV file (blank lines skipped); a malformed line is an error."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the pairs ({exc})", str(path)) from None
    pairs: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 2 or not cells[0].strip() or not cells[1].strip():
            raise InputError("expected source<TAB>target", f"{path}:{number}")
        pairs.append((cells[0].strip(), cells[1].strip()))
    return pairs


def calibrate(
    pairs: list[tuple[str, str]], options: ScoreOptions, name: str, pct: float = DEFAULT_PERCENTILE
) -> tuple[Calibration, Path]:
    """Fit the models' thresholds on faithful ``(source, target)`` pairs and store them in the cache.

    Each pair is scored as the scorer scores an aligned sentence (the mean of log2 P(source |
    target) and, with a source model, log2 P(target | source)), with the stored calibration
    ignored; later bilingual runs with the same models (and revisions) use the result.
    """
    options.validate()
    require_neural()
    if len(pairs) < calibration.MIN_PAIRS:
        raise InputError(f"a calibration needs at least {calibration.MIN_PAIRS} pairs, not {len(pairs)}")
    source = Document("pairs (source side)", "\n".join(s for s, _ in pairs))
    target = Document("pairs (target side)", "\n".join(t for _, t in pairs))
    src, tgt = resolve_languages(target, source, options)
    from tqcheck.scoring.scorer import BackTranslationScorer

    scorer = BackTranslationScorer(replace(options, use_calibration=False), src, tgt, bilingual=True)
    try:
        back = scorer.forced(scorer.back_ref, [(t, s) for s, t in pairs], tgt, src)
        values = [b.mean for b in back]
        refs = [scorer.back_ref]
        if scorer.fwd_ref is not None:
            fwd = scorer.forced(scorer.fwd_ref, pairs, src, tgt)
            values = [(b + f.mean) / 2 for b, f in zip(values, fwd, strict=True)]
            refs.append(scorer.fwd_ref)
        key = calibration.model_key(
            [scorer.back_ref.cache_id, scorer.fwd_ref.cache_id if scorer.fwd_ref else None]
        )
        cal = calibration.fit(
            values,
            key=key,
            models=[r.label for r in refs],
            name=name,
            sample=calibration.sample_digest(pairs),
            pct=pct,
        )
        return cal, calibration.store(cal, scorer.root)
    finally:
        scorer.close()
