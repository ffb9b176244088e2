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

Where the hand-judged train-quarter files exist (``benchmarks/judged/ofac_train_misses.tsv``: every
miss of the check as it stood, ``ofac_train_found_sample.tsv``: 100 positives it found, seed 0),
the train quarter also gets a recall on real spelling variants: OFAC aliases are sometimes other
names (a nom de guerre, a brother's given name, another surname), which must never be paired, so
missing them is no fault. That figure is an estimate (see ``judged_report``).

Usage: python benchmarks/variants_eval.py [--data ../shared/data/ofac-sdn] [--show-errors N]
       [--errors-from train|held-out] [--dump-positives FILE]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
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
JUDGED = Path(__file__).resolve().parent / "judged"
JUDGED_MISSES = JUDGED / "ofac_train_misses.tsv"
JUDGED_FOUND = JUDGED / "ofac_train_found_sample.tsv"
VERDICTS = ("spelling", "other-name", "unsure")


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


def _judged(path: Path) -> list[tuple[tuple[str, str], str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [((r["name_a"], r["name_b"]), r["verdict"]) for r in csv.DictReader(fh, delimiter="\t")]


def judged_report(pairs: list[ofac.Pair], got: list[bool]) -> None:
    """Print the train quarter's misses by hand verdict and an estimated recall on spelling variants.

    The train positives are two strata: those the misses file lists (all judged) and the rest
    (positives the check found when the files were made), of which the found-sample file judged a
    random 100. A judged miss counts as itself; each sampled pair stands for rest / 100 pairs. So
    the estimate stays right as the check changes: a listed miss that is now found counts as found.
    """
    if not (JUDGED_MISSES.is_file() and JUDGED_FOUND.is_file()):
        return
    census, sample = dict(_judged(JUDGED_MISSES)), _judged(JUDGED_FOUND)
    found = {p[:2]: g for p, g in zip(pairs, got, strict=True)}
    misses = Counter(census.get(p[:2], "not judged") for p, g in zip(pairs, got, strict=True) if not g)
    parts = [f"{misses[v]} {v}" for v in (*VERDICTS, "not judged") if misses[v] or v in VERDICTS]
    print(f"\njudged (hand verdicts, {JUDGED.name}/): misses {sum(misses.values())} = {', '.join(parts)}")
    weight = sum(p[:2] not in census for p in pairs) / len(sample)

    def recall(spelling: set[str]) -> tuple[float, float]:
        listed = [(census[p[:2]], g) for p, g in zip(pairs, got, strict=True) if p[:2] in census]
        total = sum(v in spelling for v, _ in listed) + weight * sum(v in spelling for _, v in sample)
        hit = sum(v in spelling and g for v, g in listed)
        hit += weight * sum(v in spelling and found.get(k, False) for k, v in sample)
        return hit, total

    hit, total = recall({"spelling"})
    hit_u, total_u = recall({"spelling", "unsure"})
    share = sum(v == "spelling" for _, v in sample) / len(sample)
    print(
        "recall on spelling variants (estimated: found positives scaled by the judged share of spelling "
        f"in the found sample, {share:.2f} of {len(sample)}): {hit / total:.3f} "
        f"(~{hit:.0f} of ~{total:.0f} spelling pairs); with unsure counted as spelling: {hit_u / total_u:.3f}"
    )


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
    ap.add_argument(
        "--dump-positives",
        type=Path,
        metavar="FILE",
        help="write the train quarter's positives as TSV (name_a, name_b, found yes/no)",
    )
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
        if half == "train":
            judged_report(hp, got_pos)
        if args.dump_positives and half == "train":  # the train quarter only, never the held-out one
            with args.dump_positives.open("w", encoding="utf-8") as fh:
                fh.write("name_a\tname_b\tfound\n")
                for (a, b, _), g in zip(hp, got_pos, strict=True):
                    fh.write(f"{a}\t{b}\t{'yes' if g else 'no'}\n")
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
