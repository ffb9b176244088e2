"""Scoring options and results: the types the engine, the CLI and the scorer share.

Default thresholds (bits are log2; scores are means per token):

* ``threshold = -3.5`` (the absolute floor): a segment whose adequacy (mean log2 P(source |
  translation) under the back model, averaged with log2 P(translation | source) when a forward
  model is given) is below it gets TQ901. Faithful news sentences typically land between about -1 and -2.5
  bits/token under opus-mt models (label smoothing keeps even certain tokens near -0.15, and
  the source is only one of several valid wordings); an unrelated sentence lands near -7 to
  -10. Dropping roughly a quarter of a sentence's content pulls a typical -2 down past -3.5,
  so the default catches omissions and mistranslations while leaving paraphrase alone.
* ``z_threshold = 3.5``: a segment this many robust standard deviations below its own article's
  median also gets TQ901, whatever the model's scale (:mod:`tqcheck.scoring.calibration`).
  ``tqcheck models calibrate`` fits the floor and the spread per model; ``None`` here means "the
  model's stored calibration, else the default", and a value given here always wins.
* ``span_threshold = -8.0``: target tokens below it (p < 1/256) form TQ903 spans. Unusual but
  valid word choices rarely fall below -6; a word the source does not support usually does.
* ``chrf_threshold = None``: chrF++ of the back-translation is shown, not used to flag by
  default, because a correct translation often back-translates to a paraphrase.
"""

from __future__ import annotations

from dataclasses import dataclass

from tqcheck.errors import InputError
from tqcheck.model import Hit, SegmentScore
from tqcheck.scoring.calibration import DEFAULT_FLOOR, DEFAULT_Z

DEFAULT_THRESHOLD = DEFAULT_FLOOR
DEFAULT_Z_THRESHOLD = DEFAULT_Z
#: Model runtimes: transformers (torch; float32 on CPU) or CTranslate2 (int8 on CPU, float16 on CUDA).
BACKENDS = ("transformers", "ct2")
DEFAULT_SPAN_THRESHOLD = -8.0


@dataclass(frozen=True)
class ScoreOptions:
    """Everything that chooses models and settings; hashed into the cache keys that matter."""

    model: str | None = None  # target->source model (hub id or folder); default opus-mt-{tgt}-{src}
    source_model: str | None = None  # optional source->target model: adds P(target | source) and TQ903
    pivot_model: str | None = None  # round trip without source: pivot->target model
    src_lang: str | None = None  # source language (round trip: the pivot language; default en, or fr)
    tgt_lang: str | None = None
    beam: int = 1
    batch_tokens: int = 2048
    threads: int | None = None
    device: str = "auto"
    use_cache: bool = True
    threshold: float | None = None  # absolute floor; None: the model's calibration, else DEFAULT_THRESHOLD
    z_threshold: float | None = None  # robust z under the article's median; None: calibration or default
    use_calibration: bool = True  # read the calibration ``tqcheck models calibrate`` stored for the models
    backend: str = "transformers"
    span_threshold: float = DEFAULT_SPAN_THRESHOLD
    chrf_threshold: float | None = None
    allow_pickle: bool = False  # load pytorch_model.bin (pickle) weights; off: safetensors only
    cache_dir: str | None = None  # overrides TQCHECK_CACHE_DIR / the platform cache dir
    progress: bool = True  # a progress bar on stderr, only when it is a terminal

    def validate(self) -> None:
        """Reject impossible settings with one clear line before any model is touched."""
        if self.beam < 1:
            raise InputError(f"--beam must be at least 1, not {self.beam}")
        if self.batch_tokens < 1:
            raise InputError(f"--batch-tokens must be positive, not {self.batch_tokens}")
        if self.backend not in BACKENDS:
            raise InputError(f"unknown backend {self.backend!r} (use {' or '.join(BACKENDS)})")
        if self.z_threshold is not None and self.z_threshold <= 0:
            raise InputError(f"--z-threshold must be positive, not {self.z_threshold:g}")
        if self.threads is not None and self.threads < 1:
            raise InputError(f"--threads must be at least 1, not {self.threads}")


@dataclass(frozen=True)
class ScoreResult:
    """Per-segment scores, the hits they produce, a reproducibility signature and a summary."""

    scores: tuple[SegmentScore, ...]
    hits: tuple[Hit, ...]
    signature: str
    summary: dict[str, float]  # length-weighted document-level metrics and counts
