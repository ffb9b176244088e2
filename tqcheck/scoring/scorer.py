"""Orchestration: segment, back-translate, align, force-decode, cache, and report.

Bilingual mode (a source is given):

1. Both sides are split into sentences with exact offsets.
2. Every target sentence is back-translated (target -> source model); the text is shown to
   editors and used for alignment.
3. Sentences are aligned 1-1, 1-2, 2-1 or left unaligned by length plus the similarity of
   back-translation and source (Bleualign's idea); unaligned sentences become TQ902.
4. Each aligned group is scored by forced decoding, log2 P(source | target) per token, plus
   log2 P(target | source) when a source->target model is given (whose low-probability token
   runs become TQ903 spans), and chrF++ of its back-translation against the source.

A segment is flagged (TQ901) when it falls far below the other segments of its own article or
under an absolute floor (:mod:`tqcheck.scoring.calibration`), so every score is computed before
any is judged.

Round-trip mode (no source, low confidence): target -> pivot -> target with two models; the
pivot text is what an editor reads, P(target | pivot) is the score and its token runs the spans.

Every model output is cached on disk and models are loaded only on a cache miss, so an
unchanged article re-checks without importing torch at all.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqcheck._version import __version__
from tqcheck.bilingual.align import align
from tqcheck.document import Document
from tqcheck.errors import InputError
from tqcheck.model import Hit, SegmentScore, Span
from tqcheck.scoring import calibration, findings
from tqcheck.scoring.cache import ScoreCache, cache_dir, make_key
from tqcheck.scoring.calibration import ArticleStats, Thresholds, article_stats, is_low
from tqcheck.scoring.forced import ForcedResult, low_runs
from tqcheck.scoring.models import LoadedModel, ModelRef, default_model, plan_device, require_neural, resolve
from tqcheck.scoring.options import ScoreOptions, ScoreResult
from tqcheck.scoring.similarity import NgramSimilarity
from tqcheck.segment import Segment, sentences

#: Progress bars appear only for runs with at least this many uncached sentences.
PROGRESS_MIN_ITEMS = 16


def chrf_metric() -> Any:
    """sacrebleu chrF++ (character 6-grams plus word 1- and 2-grams), never sentence BLEU."""
    from sacrebleu.metrics.chrf import CHRF

    return CHRF(word_order=2)


@dataclass
class Unit:
    """An aligned group of target sentences (with its source, or its pivot in round-trip mode)."""

    index: int  # first target sentence
    segments: tuple[Segment, ...]
    source: str | None
    back_translation: str
    joined: str = field(init=False)
    _starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.joined = " ".join(s.text for s in self.segments)
        starts, pos = [], 0
        for s in self.segments:
            starts.append(pos)
            pos += len(s.text) + 1
        self._starts = starts

    @property
    def span(self) -> Span:
        return Span(self.segments[0].span.start, self.segments[-1].span.end)

    def to_document(self, start: int, end: int) -> Span:
        """Map a ``[start, end)`` range of the joined text to document offsets."""

        def one(offset: int, is_end: bool) -> int:
            k = 0
            for i, s in enumerate(self._starts):
                if s <= (offset - 1 if is_end else offset):
                    k = i
            seg = self.segments[k]
            return min(seg.span.start + offset - self._starts[k], seg.span.end)

        a, b = one(start, False), one(end, True)
        return Span(a, max(a, b))


class BackTranslationScorer:
    """Scores a target document (against its source, or by round trip) with translation models."""

    def __init__(
        self,
        options: ScoreOptions,
        src_lang: str,
        tgt_lang: str,
        bilingual: bool = True,
        cache: ScoreCache | None = None,
    ) -> None:
        require_neural()
        options.validate()
        self.options = options
        self.src_lang = src_lang  # the pivot language in round-trip mode
        self.tgt_lang = tgt_lang
        self.bilingual = bilingual
        if cache is None:
            if not options.use_cache:
                cache = ScoreCache(None)
            elif options.cache_dir:
                cache = ScoreCache(Path(options.cache_dir).expanduser())
            else:
                cache = ScoreCache.default()
        self.cache = cache
        #: Where converted models and calibrations live (also with --no-cache: they are settings).
        self.root = Path(options.cache_dir).expanduser() if options.cache_dir else cache_dir()
        if options.backend == "ct2":
            from tqcheck.scoring import ct2

            ct2.require()
            self.device, self.dtype = ct2.plan(options.device)
        else:
            self.device, self.dtype = plan_device(options.device)
        memo = cache.memo if cache.enabled else None
        if bilingual:
            self.back_ref = resolve(
                options.model or default_model(tgt_lang, src_lang),
                memo=memo,
                allow_pickle=options.allow_pickle,
            )
            self.fwd_ref: ModelRef | None = (
                resolve(options.source_model, memo=memo, allow_pickle=options.allow_pickle)
                if options.source_model
                else None
            )
        else:
            self.back_ref = resolve(
                options.model or default_model(tgt_lang, src_lang),
                memo=memo,
                allow_pickle=options.allow_pickle,
            )
            self.fwd_ref = resolve(
                options.pivot_model or default_model(src_lang, tgt_lang),
                memo=memo,
                allow_pickle=options.allow_pickle,
            )
        self._threads_set = False
        self.notes: list[str] = []
        self.thresholds = self._thresholds()

    def _thresholds(self) -> Thresholds:
        """The options' thresholds, else the models' stored calibration (bilingual only), else defaults."""
        o = self.options
        base = Thresholds()
        if self.bilingual and o.use_calibration:
            ids = [self.back_ref.cache_id, self.fwd_ref.cache_id if self.fwd_ref else None]
            found = calibration.load(self.root, calibration.model_key(ids))
            if found is not None:
                base = found.thresholds()
        return Thresholds(
            base.floor if o.threshold is None else o.threshold,
            base.z if o.z_threshold is None else o.z_threshold,
            base.scale,
            base.label,
        )

    # --- identity ---------------------------------------------------------------------------

    @property
    def precision(self) -> str:
        """What the cache keys call the numeric format (the transformers path keeps its old keys)."""
        return self.dtype if self.options.backend == "transformers" else f"ct2-{self.dtype}"

    @property
    def decode_label(self) -> str:
        return "greedy" if self.options.beam == 1 else f"beam{self.options.beam}"

    def signature(self) -> str:
        """sacrebleu-style reproducibility signature: models, direction, method, settings, versions."""
        metric = chrf_metric()
        metric.sentence_score("a", ["a"])  # sacrebleu signs only after scoring
        chrf_sig = metric.get_signature().format()
        o = self.options
        fwd = self.fwd_ref.label if self.fwd_ref else "none"
        if self.bilingual:
            parts = [
                "mode:bilingual",
                f"pair:{self.src_lang}-{self.tgt_lang}",
                f"back:{self.back_ref.label}",
                f"fwd:{fwd}",
                "method:forced-log2+bt-chrF++",
            ]
        else:
            parts = [
                "mode:roundtrip",
                "conf:low",
                f"pair:{self.tgt_lang}-{self.src_lang}-{self.tgt_lang}",
                f"back:{self.back_ref.label}",
                f"pivot:{fwd}",
                "method:rt-forced-log2+rt-chrF++",
            ]
        t = self.thresholds
        parts += [
            f"decode:{self.decode_label}",
            f"backend:{o.backend}",
            f"dtype:{self.dtype}",
            f"cal:{t.label}",
            f"thr:{t.floor:g}",
            f"z:{t.z:g}",
            f"scale:{t.scale:g}",
            f"span:{o.span_threshold:g}",
            f"chrF2++:{chrf_sig}",
            f"tqcheck:{__version__}",
        ]
        return "|".join(parts)

    # --- model calls with caching -------------------------------------------------------------

    def _load(self, ref: ModelRef) -> LoadedModel:
        if self.options.backend == "ct2":
            from tqcheck.scoring import ct2

            return ct2.load(ref, self.root, self.device, self.dtype, self.options.threads)
        from tqcheck.scoring.models import load

        if self.options.threads and not self._threads_set:
            import torch

            torch.set_num_threads(self.options.threads)
            self._threads_set = True
        return load(ref, self.device, self.dtype, allow_pickle=self.options.allow_pickle)

    @contextmanager
    def _progress(self, label: str, total: int) -> Iterator[Callable[[int], None] | None]:
        if not (self.options.progress and total >= PROGRESS_MIN_ITEMS and sys.stderr.isatty()):
            yield None
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task(label, total=total)
            yield lambda n: bar.advance(task, n)

    def translate(self, ref: ModelRef, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        """Cached translations of ``texts`` (each distinct text translated at most once)."""
        from_cache: dict[str, object] = {}
        keys = {
            t: make_key(ref.cache_id, "generate", self.precision, self.decode_label, src, tgt, t)
            for t in dict.fromkeys(texts)
        }
        if self.cache.enabled:
            from_cache = self.cache.get_many(keys.values())
        missing = [t for t, k in keys.items() if k not in from_cache]
        if missing:
            if self.options.backend == "ct2":
                from tqcheck.scoring.ct2 import translate
            else:
                from tqcheck.scoring.generate import translate

            lm = self._load(ref)
            with self._progress(f"translating {src}->{tgt}", len(missing)) as advance:
                out = translate(lm, missing, src, tgt, self.options.beam, self.options.batch_tokens, advance)
            new = {keys[t]: o for t, o in zip(missing, out, strict=True)}
            self.cache.put_many(new)
            from_cache.update(new)
        return [str(from_cache[keys[t]]) for t in texts]

    def forced(
        self, ref: ModelRef, pairs: Sequence[tuple[str, str]], src: str, tgt: str
    ) -> list[ForcedResult]:
        """Cached forced-decoding results for ``(input, output)`` pairs under ``ref`` (src -> tgt)."""
        keys = {
            p: make_key(ref.cache_id, "forced", self.precision, src, tgt, p[0], p[1])
            for p in dict.fromkeys(pairs)
        }
        found: dict[str, ForcedResult] = {}
        if self.cache.enabled:
            for k, v in self.cache.get_many(keys.values()).items():
                found[k] = ForcedResult.from_json(v)
        missing = [p for p, k in keys.items() if k not in found]
        if missing:
            if self.options.backend == "ct2":
                from tqcheck.scoring.ct2 import forced_decode
            else:
                from tqcheck.scoring.forced import forced_decode

            lm = self._load(ref)
            with self._progress(f"scoring {src}->{tgt}", len(missing)) as advance:
                out = forced_decode(lm, missing, src, tgt, self.options.batch_tokens, advance)
            new = {keys[p]: r for p, r in zip(missing, out, strict=True)}
            self.cache.put_many({k: r.to_json() for k, r in new.items()})
            found.update(new)
        return [found[keys[p]] for p in pairs]

    # --- scoring ------------------------------------------------------------------------------

    def score(self, target: Document, source: Document | None = None) -> ScoreResult:
        """Score ``target`` against ``source`` (bilingual) or by round trip (``source`` None)."""
        if self.bilingual and source is None:
            raise InputError("this scorer was set up for a source document but none was given")
        segs = sentences(target.content, self.tgt_lang)  # markup blanked, offsets unchanged
        if not segs:
            raise InputError("nothing to score: no sentences", target.path)
        if self.bilingual:
            assert source is not None
            return self._score_bilingual(target, segs, source)
        return self._score_roundtrip(target, segs)

    def _score_bilingual(self, target: Document, segs: list[Segment], source: Document) -> ScoreResult:
        src_segs = sentences(source.content, self.src_lang)
        if not src_segs:
            raise InputError("nothing to compare with: the source has no sentences", source.path)
        bts = self.translate(self.back_ref, [s.text for s in segs], self.tgt_lang, self.src_lang)
        sim = NgramSimilarity(bts, [s.text for s in src_segs])
        beads = align([len(s.text) for s in src_segs], [len(s.text) for s in segs], similarity=sim)
        units: list[Unit] = []
        hits: list[Hit] = []
        unaligned_tgt: dict[int, Hit] = {}
        last_end = segs[0].span.start
        for bead in beads:
            if bead.source and bead.target:
                group = tuple(segs[j] for j in bead.target)
                units.append(
                    Unit(
                        bead.target[0],
                        group,
                        " ".join(src_segs[i].text for i in bead.source),
                        " ".join(bts[j] for j in bead.target),
                    )
                )
                last_end = group[-1].span.end
            elif bead.target:
                j = bead.target[0]
                unaligned_tgt[j] = findings.unaligned_target(segs[j].span, bts[j])
                last_end = segs[j].span.end
            else:
                i = bead.source[0]
                line = source.locate(src_segs[i].span).line
                hits.append(findings.omitted_source(last_end, source.path, line, src_segs[i].text, i + 1))
        back = self.forced(
            self.back_ref, [(u.joined, u.source or "") for u in units], self.tgt_lang, self.src_lang
        )
        fwd: list[ForcedResult | None] = [None] * len(units)
        if self.fwd_ref is not None:
            fwd = list(
                self.forced(
                    self.fwd_ref, [(u.source or "", u.joined) for u in units], self.src_lang, self.tgt_lang
                )
            )
        chrf = chrf_metric()
        scores: list[SegmentScore] = []
        unit_metrics: list[dict[str, float]] = []
        for u, b, f in zip(units, back, fwd, strict=True):
            metrics: dict[str, float] = {"back_logprob": b.mean}
            if f is not None:
                metrics["fwd_logprob"] = f.mean
            metrics["adequacy"] = sum(metrics.values()) / len(metrics)
            metrics["bt_chrf"] = chrf.sentence_score(u.back_translation, [u.source]).score
            unit_metrics.append(metrics)
            scores.append(self._segment_score(target, u, metrics))
        stats = self._article(unit_metrics)
        for u, metrics, f in zip(units, unit_metrics, fwd, strict=True):
            hits.extend(self._unit_hits(target, u, metrics, f, "source", stats, roundtrip=False))
        for j, hit in unaligned_tgt.items():
            hits.append(hit)
            scores.append(
                SegmentScore(j, segs[j].span.start, segs[j].span.end, segs[j].text, None, bts[j], ())
            )
        scores.sort(key=lambda s: s.segment)
        summary = self._summary(scores, len(segs), hits)
        summary["source_segments"] = float(len(src_segs))
        summary["unaligned_target"] = float(len(unaligned_tgt))
        summary["unaligned_source"] = float(sum(1 for b in beads if b.source and not b.target))
        hits.sort(key=lambda h: (h.span.start, h.span.end, h.rule.code))
        return ScoreResult(tuple(scores), tuple(hits), self.signature(), summary)

    def _score_roundtrip(self, target: Document, segs: list[Segment]) -> ScoreResult:
        texts = [s.text for s in segs]
        pivots = self.translate(self.back_ref, texts, self.tgt_lang, self.src_lang)
        assert self.fwd_ref is not None
        back_again = self.translate(self.fwd_ref, pivots, self.src_lang, self.tgt_lang)
        forced = self.forced(
            self.fwd_ref, list(zip(pivots, texts, strict=True)), self.src_lang, self.tgt_lang
        )
        chrf = chrf_metric()
        scores: list[SegmentScore] = []
        hits: list[Hit] = []
        units = [Unit(j, (seg,), None, pivots[j]) for j, seg in enumerate(segs)]
        unit_metrics = [
            {
                "rt_logprob": forced[j].mean,
                "adequacy": forced[j].mean,
                "rt_chrf": chrf.sentence_score(back_again[j], [seg.text]).score,
            }
            for j, seg in enumerate(segs)
        ]
        stats = self._article(unit_metrics)
        for u, metrics, fr in zip(units, unit_metrics, forced, strict=True):
            scores.append(self._segment_score(target, u, metrics))
            hits.extend(self._unit_hits(target, u, metrics, fr, "pivot translation", stats, roundtrip=True))
        summary = self._summary(scores, len(segs), hits)
        hits.sort(key=lambda h: (h.span.start, h.span.end, h.rule.code))
        return ScoreResult(tuple(scores), tuple(hits), self.signature(), summary)

    def _segment_score(self, target: Document, u: Unit, metrics: dict[str, float]) -> SegmentScore:
        span = u.span
        return SegmentScore(
            u.index,
            span.start,
            span.end,
            target.text[span.start : span.end],
            u.source,
            u.back_translation,
            tuple((k, round(v, 6)) for k, v in metrics.items()),
        )

    def _article(self, unit_metrics: Sequence[dict[str, float]]) -> ArticleStats:
        """The article's median and robust spread of adequacy, what each segment is judged against."""
        return article_stats([m["adequacy"] for m in unit_metrics], self.thresholds.scale)

    def _unit_hits(
        self,
        target: Document,
        u: Unit,
        metrics: dict[str, float],
        token_scores: ForcedResult | None,
        direction: str,
        stats: ArticleStats,
        roundtrip: bool,
    ) -> list[Hit]:
        o = self.options
        t = self.thresholds
        out: list[Hit] = []
        chrf = metrics.get("rt_chrf" if roundtrip else "bt_chrf")
        adequacy = metrics["adequacy"]
        low = is_low(adequacy, stats, t)
        if not roundtrip and o.chrf_threshold is not None and chrf is not None and chrf < o.chrf_threshold:
            low = True
        if low:
            out.append(
                findings.low_adequacy(
                    u.span,
                    findings.Judged(adequacy, stats.median, stats.z(adequacy), t.floor, t.z),
                    u.back_translation,
                    u.source,
                    chrf,
                    roundtrip,
                )
            )
        if token_scores is not None:
            for s, e, worst in low_runs(token_scores, o.span_threshold):
                doc = u.to_document(s, e)
                if doc.end > doc.start:
                    span = findings.word_span(target.text, doc.start, doc.end)
                    out.append(findings.low_probability(span, worst, o.span_threshold, direction))
        return out

    def _summary(
        self, scores: Sequence[SegmentScore], n_segments: int, hits: Sequence[Hit]
    ) -> dict[str, float]:
        """Length-weighted means of every metric over scored segments, plus counts."""
        sums: dict[str, float] = {}
        weights: dict[str, float] = {}
        scored_chars = 0
        total_chars = sum(len(s.text) for s in scores)
        for s in scores:
            w = float(len(s.text))
            if s.metrics:
                scored_chars += len(s.text)
            for k, v in s.metrics:
                sums[k] = sums.get(k, 0.0) + v * w
                weights[k] = weights.get(k, 0.0) + w
        summary = {k: round(sums[k] / weights[k], 6) for k in sums if weights[k]}
        summary["segments"] = float(n_segments)
        summary["scored_segments"] = float(sum(1 for s in scores if s.metrics))
        summary["coverage"] = round(scored_chars / total_chars, 6) if total_chars else 0.0
        adequacy = [dict(s.metrics)["adequacy"] for s in scores if s.metrics]
        if adequacy:
            summary["adequacy_median"] = round(article_stats(adequacy, self.thresholds.scale).median, 6)
        # flagged by TQ901: under the floor or far under the article's median
        summary["below_threshold"] = float(sum(1 for h in hits if h.rule.code == "TQ901"))
        return summary

    def close(self) -> None:
        self.cache.close()
