"""Fit the same-name decision (``tqcheck/data/name-decision.json``) on the OFAC train quarter.

The pairs are those of ``benchmarks/variants_eval.py`` (see ``benchmarks/ofac.py``), train quarter
only (``ent_num % 4 == 0``; the held-out quarter and odd entity numbers are never read here). Each
name is read as the check reads it (``extract_mentions``), aligned (``tqcheck.names.align``) and
described by the features of ``tqcheck.names.decision``; pairs with a word too far from its partner
(``decision.plausible``: never paired) are left out of the fit, so aliases that are other names
(``Oded``/``Daniel Tuito``) do not teach it to forgive a whole word; a logistic regression (L2, plain gradient
descent on standardised features, deterministic) weighs them. The threshold is the lowest score at
which the train quarter has at most ``TARGET_FALSE_RATE`` false pairs (those of the hand rules,
whose verdict stands on its own, counted first); ``lone_threshold`` (a lone
word, which OFAC names never are) is the first score above every train negative, so a lone word
needs more than any pair of different people reached.

Usage: python benchmarks/calibrate_names.py [--l2 0.01] [--steps 4000]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import ofac

from tqcheck.names import learned
from tqcheck.names.align import align
from tqcheck.names.decision import FEATURES, TARGET_FALSE_RATE, Model, features, plausible, score
from tqcheck.names.mentions import extract_mentions
from tqcheck.names.similarity import compare_names

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tqcheck" / "data" / "name-decision.json"


def read(name: str) -> tuple[tuple[str, ...], tuple[bool, ...]] | None:
    ms = extract_mentions(name)
    if len(ms) != 1:
        return None
    return ms[0].cores, tuple(t.article is not None for t in ms[0].tokens)


def example(a: str, b: str) -> dict[str, float] | None:
    ra, rb = read(a), read(b)
    if ra is None or rb is None:
        return None
    al = align(ra[0], rb[0], ra[1], rb[1])
    if al is None:
        return None
    rules = len(ra[0]) == len(rb[0]) and compare_names(ra[0], rb[0]).same
    if not rules and not plausible(al):
        return None  # a word too far from its partner: never paired, whatever the score
    return features(al, rules, "en")


def fit(
    xs: list[list[float]], ys: list[int], l2: float, steps: int, neg_weight: float
) -> tuple[float, list[float]]:
    """Logistic regression by full-batch gradient descent; a negative weighs ``neg_weight`` positives
    (the operating point is at near-zero false pairs, so the boundary must be drawn by them)."""
    n, k = len(xs), len(xs[0])
    wpos, wneg = 1.0, neg_weight
    w = [0.0] * k
    b = 0.0
    rate = 0.5
    for _ in range(steps):
        gw = [0.0] * k
        gb = 0.0
        for x, y in zip(xs, ys, strict=True):
            z = b + sum(wi * xi for wi, xi in zip(w, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
            g = (p - y) * (wpos if y else wneg)
            gb += g
            for i in range(k):
                gw[i] += g * x[i]
        b -= rate * gb / n
        w = [wi - rate * (gi / n + l2 * wi) for wi, gi in zip(w, gw, strict=True)]
    return b, w


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ofac.DEFAULT)
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--steps", type=int, default=4000)
    ap.add_argument("--neg-weight", type=float, default=5.0)
    ap.add_argument("--show", type=int, default=0, help="print this many misses (train quarter)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    people = ofac.load(args.data)
    pos = ofac.quarter(ofac.positives(people), "train")
    neg = ofac.quarter(ofac.negatives(people), "train")
    rows: list[tuple[dict[str, float], int]] = []
    names: list[tuple[str, str]] = []
    unpaired = [0, 0]
    for label, pairs in ((1, pos), (0, neg)):
        for a, b, _ in pairs:
            f = example(a, b)
            if f is None:
                unpaired[label] += 1
            else:
                rows.append((f, label))
                names.append((a, b))
    mean = {k: sum(f[k] for f, _ in rows) / len(rows) for k in FEATURES}
    sd = {k: math.sqrt(sum((f[k] - mean[k]) ** 2 for f, _ in rows) / len(rows)) or 1.0 for k in FEATURES}
    xs = [[(f[k] - mean[k]) / sd[k] for k in FEATURES] for f, _ in rows]
    ys = [y for _, y in rows]
    b, w = fit(xs, ys, args.l2, args.steps, args.neg_weight)
    # back to raw feature units
    weights = {k: w[i] / sd[k] for i, k in enumerate(FEATURES)}
    bias = b - sum(w[i] * mean[k] / sd[k] for i, k in enumerate(FEATURES))
    m = Model(bias, weights, 0.0, 0.0, "")
    # the hand rules' verdict stands on its own (decision: rules or score >= threshold), so the
    # false pairs they make count against the budget first
    scored = [(score(f, m), y, f["rules"] == 1.0) for f, y in rows]
    allowed = int(TARGET_FALSE_RATE * len(neg)) - sum(1 for _, y, r in scored if r and not y)
    neg_scores = sorted((s for s, y, r in scored if not y and not r), reverse=True)
    threshold = neg_scores[max(allowed, 0)] + 1e-6 if len(neg_scores) > max(allowed, 0) else 0.5
    lone = max(s for s, y, _ in scored if not y) + 1e-6
    recall = sum(s >= threshold or r for s, y, r in scored if y) / len(pos)
    false = sum(s >= threshold or r for s, y, r in scored if not y)
    if args.show:
        misses = sorted(
            (round(s, 3), a, b)
            for (s, y, r), (a, b) in zip(scored, names, strict=True)
            if y and s < threshold and not r
        )
        print(*misses[-args.show :], sep="\n")
    print(
        f"train quarter: {len(pos)} positives, {len(neg)} negatives; not alignable: {unpaired[1]} / {unpaired[0]}"
    )
    print("weights:", {k: round(v, 3) for k, v in weights.items()}, "bias", round(bias, 3))
    print(f"threshold {threshold:.4f}: recall {recall:.3f}, {false} false pairs; lone threshold {lone:.4f}")
    provenance = (
        f"fitted by benchmarks/calibrate_names.py --l2 {args.l2} --steps {args.steps}"
        f" --neg-weight {args.neg_weight} on {ofac.DATA_VERSION},"
        f" ent_num % 4 == 0 ({len(pos)} positives, {len(neg)} negatives); word costs: "
        + learned.provenance().splitlines()[2]
    )
    out = {
        "provenance": provenance,
        "bias": round(bias, 6),
        "weights": {k: round(v, 6) for k, v in weights.items()},
        "threshold": round(threshold, 6),
        "lone_threshold": round(lone, 6),
        "train": {"recall": round(recall, 4), "false_pairs": false, "negatives": len(neg)},
    }
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
