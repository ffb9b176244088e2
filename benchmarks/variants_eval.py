"""Evaluate name-variant discovery on real romanisation variants (OFAC SDN list, even ent_num only).

Pairs are built as issue 11 defines them (see ``benchmarks/ofac.py``): a person's main name and a
same-length spelling alias (difflib ratio >= 0.6) are a positive; the main names of two different
people with difflib ratio >= 0.65 and different last names are a negative. Each pair is written
into a two-sentence article and run through the real ``VariantCheck`` (mentions, clustering, the
decision); a TQ201 finding is a "same" verdict, so recall and the false-pair rate are those of the
shipped check, glossaries off.

Baselines score the two names as strings (difflib ratio, Jaro-Winkler, rapidfuzz
token_sort_ratio), each at its best threshold whose false-pair rate is no higher than ours: the
same false-pair rate, so the recall columns compare like with like.

Odd entity numbers are never read (``ofac.load`` skips them unparsed). The even half is cut in two
quarters: ``train`` (ent_num % 4 == 0: the learned costs and the decision threshold were fitted
there) and ``held-out`` (ent_num % 4 == 2: never used to fit anything; its figures are the ones
that count).

Usage: python benchmarks/variants_eval.py [--data ../shared/data/ofac-sdn] [--show-errors N]
       [--errors-from train|held-out]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ofac  # benchmarks/ofac.py: even ent_num only
from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from tqcheck.checks.base import Context
from tqcheck.checks.variants import VariantCheck
from tqcheck.document import Document

TEMPLATE = (
    "{a} arrived in the capital on Monday, officials said.\n\n"
    "Hours later, {b} told reporters the talks were over.\n"
)
#: Issue 11's target on the held-out quarter.
TARGET_RECALL = 0.85
TARGET_FPR = 0.01
TARGET_GAIN = 0.15


def ours(check: VariantCheck) -> Callable[[str, str], bool]:
    def decide(a: str, b: str) -> bool:
        doc = Document(path="pair.txt", text=TEMPLATE.format(a=a, b=b), lang="en")
        return any(h.rule.code == "TQ201" for h in check.check(doc, Context()))

    return decide


def best_at(scores_pos: list[float], scores_neg: list[float], max_fpr: float) -> tuple[float, float, float]:
    """(threshold, recall, fpr): the highest recall whose false-pair rate is <= ``max_fpr``."""
    best = (float("inf"), 0.0, 0.0)
    for t in sorted(set(scores_pos + scores_neg)):
        fpr = sum(s >= t for s in scores_neg) / len(scores_neg)
        if fpr > max_fpr:
            continue
        rec = sum(s >= t for s in scores_pos) / len(scores_pos)
        if rec > best[1]:
            best = (t, rec, fpr)
    return best


BASELINES: dict[str, Callable[[str, str], float]] = {
    "difflib ratio": lambda a, b: ofac.ratio(a, b),
    "Jaro-Winkler": lambda a, b: JaroWinkler.similarity(a.lower(), b.lower()),
    "rapidfuzz token_sort_ratio": lambda a, b: fuzz.token_sort_ratio(a.lower(), b.lower()) / 100,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ofac.DEFAULT)
    ap.add_argument("--show-errors", type=int, default=0, help="print this many misses and false pairs")
    ap.add_argument("--errors-from", choices=sorted(ofac.QUARTERS), default="train")
    args = ap.parse_args()
    if not (args.data / "sdn.csv").is_file() or not (args.data / "alt.csv").is_file():
        print(f"variants_eval: OFAC SDN data not found in {args.data}", file=sys.stderr)
        return 2
    people = ofac.load(args.data)
    pos, neg = ofac.positives(people), ofac.negatives(people)
    print(f"OFAC SDN individuals, even ent_num only: {len(people)}")
    print(f"positives (main name + same-length alias, difflib >= {ofac.POS_RATIO}): {len(pos)}")
    print(f"negatives (two people, difflib >= {ofac.NEG_RATIO}, different last names): {len(neg)}")
    decide = ours(VariantCheck())
    met = False
    for half in ofac.QUARTERS:
        hp, hn = ofac.quarter(pos, half), ofac.quarter(neg, half)
        t0 = time.perf_counter()
        got_pos = [decide(a, b) for a, b, _ in hp]
        got_neg = [decide(a, b) for a, b, _ in hn]
        elapsed = time.perf_counter() - t0
        rec, fpr = sum(got_pos) / len(hp), sum(got_neg) / len(hn)
        print(
            f"\n== {half} quarter (ent_num % 4 == {ofac.QUARTERS[half]}): {len(hp)} positives, {len(hn)} negatives"
        )
        print(f"{'method':32} {'threshold':>9} {'recall':>7} {'false-pair rate':>16}")
        print(
            f"{'tqcheck VariantCheck (TQ201)':32} {'-':>9} {rec:7.3f} {fpr:16.4f}  ({sum(got_neg)} false pairs)"
        )
        base_rec = {}
        for name, fn in BASELINES.items():
            thr, r, f = best_at([fn(a, b) for a, b, _ in hp], [fn(a, b) for a, b, _ in hn], fpr)
            base_rec[name] = r
            print(f"{name:32} {thr:9.3f} {r:7.3f} {f:16.4f}")
        gain = rec - base_rec["difflib ratio"]
        print(f"ours - difflib at the same false-pair rate: {100 * gain:+.1f} recall points")
        print(f"ours: {len(hp) + len(hn)} pairs in {elapsed:.1f}s")
        if half == "held-out":
            met = rec >= TARGET_RECALL and fpr <= TARGET_FPR and gain >= TARGET_GAIN
        if args.show_errors and half == args.errors_from:
            misses = [p[:2] for p, g in zip(hp, got_pos, strict=True) if not g]
            alarms = [p[:2] for p, g in zip(hn, got_neg, strict=True) if g]
            print(f"\nmisses ({len(misses)}):", *misses[: args.show_errors], sep="\n  ")
            print(f"\nfalse pairs ({len(alarms)}):", *alarms[: args.show_errors], sep="\n  ")
    print(
        f"\ntarget on the held-out quarter (recall >= {TARGET_RECALL}, false-pair rate <= {TARGET_FPR}, "
        f">= {100 * TARGET_GAIN:.0f} points above difflib):",
        "met" if met else "NOT met",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
