"""When a segment's score is low enough to flag: relative to its own article, with an absolute floor.

Score scales differ between models (opus-mt, NLLB and M2M100 put faithful sentences at very
different bits/token), so one absolute threshold does not transfer. What does transfer is how
far a sentence falls below the other sentences of its own article, on the robust z-scale of
Iglewicz and Hoaglin: ``z = (score - median) / (1.4826 * MAD)``, where a faithful translation's
sentences cluster and a dropped, untranslated or replaced one stands out. An article of few
sentences, or of uniformly similar ones, has a tiny MAD, so the spread is never taken below the
model's own spread of faithful sentences (``scale``). The absolute ``floor`` still flags a
sentence no article could excuse, and is the only test in articles too short for a median.

``tqcheck models calibrate`` fits ``floor`` (a low percentile) and ``scale`` (the MAD) on a
sample of faithful pairs and stores them beside the model in the cache, one small JSON per
model pair and revision, which later runs pick up and name in the signature.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import statistics
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from tqcheck.errors import InputError

#: Absolute floor (bits/token) without a calibration: see :mod:`tqcheck.scoring.options` for why -3.5.
#: Reasoned from opus-mt, not measured; ``benchmarks/scorer_quality.py`` measures the trained model.
DEFAULT_FLOOR = -3.5
#: A segment this many robust standard deviations below its article's median is flagged (Iglewicz
#: and Hoaglin's outlier cut on the modified z-score). A ratio, so it transfers between models.
DEFAULT_Z = 3.5
#: The least spread (bits/token) an article's scores are taken to have without a calibration:
#: faithful news sentences under opus-mt spread over about -1 to -2.5 bits/token (a robust
#: standard deviation near 0.4), so 0.5 keeps paraphrase unflagged; a calibration measures it.
DEFAULT_SCALE = 0.5
#: Fewer scored segments than this and an article's median says little: only the floor applies.
MIN_ARTICLE = 5
#: The percentile of faithful scores ``calibrate`` makes the floor (2: one faithful pair in 50 is
#: flagged by the floor alone).
DEFAULT_PERCENTILE = 2.0
#: Fewest pairs a calibration is fitted on.
MIN_PAIRS = 10
#: The MAD of a normal distribution times this is its standard deviation.
MAD_TO_SD = 1.4826
FOLDER = "calibrations"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """What a run flags with, and which calibration they came from (``default`` when none)."""

    floor: float = DEFAULT_FLOOR
    z: float = DEFAULT_Z
    scale: float = DEFAULT_SCALE
    label: str = "default"


@dataclass(frozen=True, slots=True)
class ArticleStats:
    """The median and robust spread of one article's segment scores."""

    median: float
    scale: float  # 1.4826 * MAD, never below the model's ``Thresholds.scale``
    n: int

    def z(self, value: float) -> float | None:
        """Robust z-score of ``value`` in this article; None when the article is too short to say."""
        if self.n < MIN_ARTICLE:
            return None
        return (value - self.median) / self.scale


def article_stats(values: Sequence[float], min_scale: float) -> ArticleStats:
    if not values:
        return ArticleStats(0.0, min_scale, 0)
    median = statistics.median(values)
    mad = statistics.median(abs(v - median) for v in values)
    return ArticleStats(median, max(MAD_TO_SD * mad, min_scale), len(values))


def is_low(value: float, stats: ArticleStats, t: Thresholds) -> bool:
    """Under the floor, or ``t.z`` robust standard deviations under the article's median."""
    z = stats.z(value)
    return value < t.floor or (z is not None and z <= -t.z)


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile with linear interpolation between order statistics (numpy's default)."""
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


@dataclass(frozen=True)
class Calibration:
    """A model pair's thresholds fitted on a sample of faithful pairs (stored as JSON)."""

    key: str  # :func:`model_key` of the models it was fitted for
    models: tuple[str, ...]  # their labels, for people reading the file
    name: str  # the sample's name (its file stem)
    sample: str  # sha256 of the sample's pairs
    n: int
    percentile: float
    floor: float
    scale: float
    median: float
    z: float = DEFAULT_Z

    @property
    def digest(self) -> str:
        """Eight hex digits of what decides flags (so the signature changes when they do)."""
        blob = json.dumps([self.key, self.sample, self.percentile, self.floor, self.scale, self.z])
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:8]

    @property
    def label(self) -> str:
        return f"{self.name}-{self.digest}"

    def thresholds(self) -> Thresholds:
        return Thresholds(self.floor, self.z, self.scale, self.label)


def model_key(cache_ids: Sequence[str | None]) -> str:
    """Key of a bilingual model pair (back model, optional source model) by exact revisions."""
    blob = json.dumps(["bilingual", *cache_ids])
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:24]


def sample_digest(pairs: Sequence[tuple[str, str]]) -> str:
    h = hashlib.sha256()
    for src, tgt in pairs:
        h.update(f"{src}\t{tgt}\n".encode())
    return h.hexdigest()


def fit(
    scores: Sequence[float],
    *,
    key: str,
    models: Sequence[str],
    name: str,
    sample: str,
    pct: float = DEFAULT_PERCENTILE,
) -> Calibration:
    """Thresholds from faithful pairs' scores: the floor at ``pct``, the scale their robust spread."""
    if len(scores) < MIN_PAIRS:
        raise InputError(f"a calibration needs at least {MIN_PAIRS} pairs, not {len(scores)}")
    if not 0 < pct < 50:
        raise InputError(f"--percentile must be between 0 and 50, not {pct:g}")
    stats = article_stats(scores, 0.0)
    return Calibration(
        key,
        tuple(models),
        name,
        sample,
        len(scores),
        pct,
        round(percentile(scores, pct), 4),
        round(max(stats.scale, 0.05), 4),  # a spread of zero would flag any difference at all
        round(stats.median, 4),
    )


def path_for(root: Path, key: str) -> Path:
    return root / FOLDER / f"{key}.json"


def store(cal: Calibration, root: Path) -> Path:
    """Write the calibration beside the models' other cached data (atomically; last one wins)."""
    path = path_for(root, cal.key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tqcheck-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(asdict(cal), f, ensure_ascii=False, indent=2)
            f.write("\n")
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"cannot store the calibration in {path.parent} ({exc})") from None
    return path


def load(root: Path, key: str) -> Calibration | None:
    """The stored calibration for ``key``, or None; a damaged file is an error, not a silent default."""
    path = path_for(root, key)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise InputError(
            f"{path}: unreadable calibration ({exc}); run tqcheck models calibrate again"
        ) from None
    try:
        data["models"] = tuple(data["models"])
        cal = Calibration(**data)
        floats = (cal.floor, cal.scale, cal.median, cal.z, cal.percentile)
        if not all(isinstance(x, (int, float)) for x in floats) or cal.key != key:
            raise TypeError("wrong field types or key")
    except (TypeError, KeyError) as exc:
        raise InputError(
            f"{path}: not a tqcheck calibration ({exc}); run tqcheck models calibrate again"
        ) from None
    return cal
