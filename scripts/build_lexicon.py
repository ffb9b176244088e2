"""Build ``tqcheck/data/lexicon-fr-en.tsv.gz``: a French-English word lexicon for the coverage check.

IBM Model 1 (Brown et al. 1993), trained by EM in both directions over the WMT news development
years only (news-test2008, newssyscomb2009, newstest2009 .. newstest2012; never newstest2013,
newstest2014, newsdiscusstest2015 or NTREX, which the benchmark reports on), on stems
(:func:`tqcheck.bilingual.lexicon.stem`). A pair is kept when either direction gives it at least
``--min-prob`` (``--function-prob`` for a function word) and it co-occurs at least ``--min-count``
times; each side's function words (the stems in more than ``--function-df`` of the sentences)
are listed apart. Usage::

    python scripts/build_lexicon.py                       # writes tqcheck/data/lexicon-fr-en.tsv.gz
    python scripts/build_lexicon.py --sets news-test2008 newstest2009 --out /tmp/x.tsv.gz

Each stem also gets its *reliability*: how often the check finds it covered when its
translation is there, measured on folds of the training text that the lexicon of that fold was
not trained on (the coverage check weighs an uncovered word by it: a word that is nearly always
found is strong evidence when it is not). Needs numpy (not a run-time dependency).
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from tqcheck.bilingual.coverage import bag, content, marks
from tqcheck.bilingual.lexicon import Lexicon, parse, stem, words

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "wmt-news-fr-en"
DEV = ["news-test2008", "newssyscomb2009", "newstest2009", "newstest2010", "newstest2011", "newstest2012"]
HELD_OUT = {"newstest2013", "newstest2014", "newsdiscusstest2015"}

Pair = tuple[str, str]  # a French line and its English translation
Tokens = tuple[list[str], list[str]]


def tokens(line: str) -> list[str]:
    return [stem(w) for _, _, w in words(line) if len(w) >= 2]


def read(data: Path, names: list[str]) -> list[Pair]:
    out: list[Pair] = []
    for name in names:
        if name in HELD_OUT or name.startswith("ntrex"):
            raise SystemExit(f"build_lexicon: {name} is a report set: never train on it")
        fra = (data / f"{name}.fra").read_text(encoding="utf-8").splitlines()
        eng = (data / f"{name}.eng").read_text(encoding="utf-8").splitlines()
        out += list(zip(fra, eng, strict=True))
    return out


def function_words(side: list[list[str]], share: float) -> set[str]:
    df = Counter(w for sent in side for w in set(sent))
    return {w for w, n in df.items() if n > share * len(side)}


def ibm1(pairs: list[Tokens], iterations: int) -> dict[tuple[str, str], float]:
    """t(e | f) for every co-occurring pair, f including NULL (""), by vectorised EM."""
    f_ids: dict[str, int] = {"": 0}
    e_ids: dict[str, int] = {}
    rows_f: list[int] = []
    rows_e: list[int] = []
    rows_group: list[int] = []
    group = 0
    for f_sent, e_sent in pairs:
        fs = [0, *(f_ids.setdefault(w, len(f_ids)) for w in f_sent)]
        for w in e_sent:
            e = e_ids.setdefault(w, len(e_ids))
            rows_f.extend(fs)
            rows_e.extend([e] * len(fs))
            rows_group.extend([group] * len(fs))
            group += 1
    f_arr, e_arr, g_arr = np.array(rows_f), np.array(rows_e), np.array(rows_group)
    pair_key = f_arr.astype(np.int64) * len(e_ids) + e_arr
    uniq, pair_idx = np.unique(pair_key, return_inverse=True)
    uniq_f = uniq // len(e_ids)
    t = np.full(len(uniq), 1.0 / len(e_ids))
    for _ in range(iterations):
        p = t[pair_idx]
        denom = np.bincount(g_arr, weights=p, minlength=group)
        counts = np.bincount(pair_idx, weights=p / denom[g_arr], minlength=len(uniq))
        totals = np.bincount(uniq_f, weights=counts, minlength=len(f_ids))
        t = counts / totals[uniq_f]
    f_words = {i: w for w, i in f_ids.items()}
    e_words = {i: w for w, i in e_ids.items()}
    n_e = len(e_ids)
    return {(f_words[int(k // n_e)], e_words[int(k % n_e)]): float(v) for k, v in zip(uniq, t, strict=True)}


def table(
    pairs: list[Tokens], fr_fn: set[str], en_fn: set[str], args: argparse.Namespace
) -> dict[str, list[str]]:
    """French stem -> its likeliest English stems (at most ``--top``), by IBM Model 1 both ways.

    Function words are trained on (they take their share of the probability mass, and a content
    word may be rendered by one: également -> also) but only kept as a translation when likely.
    """
    cooc = Counter((f, e) for fs, es in pairs for f in set(fs) if f not in fr_fn for e in set(es))
    fe = ibm1(pairs, args.iterations)
    ef = ibm1([(e, f) for f, e in pairs], args.iterations)
    out: dict[str, list[tuple[float, str]]] = {}
    for (f, e), n in cooc.items():
        p = max(fe.get((f, e), 0.0), ef.get((e, f), 0.0))
        if n >= args.min_count and p >= (args.function_prob if e in en_fn else args.min_prob):
            out.setdefault(f, []).append((p, e))
    return {f: [e for _, e in sorted(v, reverse=True)[: args.top]] for f, v in out.items()}


def lexicon_of(entries: dict[str, list[str]], fr_fn: set[str], en_fn: set[str]) -> Lexicon:
    head = ["#src-function\t" + " ".join(fr_fn), "#tgt-function\t" + " ".join(en_fn)]
    return parse(head + [f"s\t{f}\t\t{' '.join(es)}" for f, es in entries.items()])


def count_coverage(lex: Lexicon, pairs: list[Pair], counts: dict[str, list[int]], forward: bool) -> None:
    """Per stem of one side: [times covered by the other side, times seen, times seen as a name],
    as the check sees it."""
    fn, other_fn = (lex.src_function, lex.tgt_function) if forward else (lex.tgt_function, lex.src_function)
    translations = lex.forward if forward else lex.backward
    for fr, en in pairs:
        mine, other = (fr, en) if forward else (en, fr)
        toks = [t for t in content(mine, fn) if not t.figure]
        theirs = bag(content(other, other_fn, everything=True))
        for t, c in zip(toks, marks(toks, theirs, translations), strict=True):
            n = counts.setdefault(t.stem, [0, 0, 0])
            n[0] += c
            n[1] += 1
            n[2] += t.name


def reliability(counts: dict[str, list[int]], prior: int) -> tuple[dict[str, float], tuple[float, float]]:
    """Smoothed share of a stem's occurrences that were covered (toward the global share), and
    the share for a word seen once (a rare word, a rare name): what an unknown word gets."""
    hits = sum(h for h, _, _ in counts.values())
    seen = sum(n for _, n, _ in counts.values())
    mean = hits / max(seen, 1)
    once = [(h, names) for h, n, names in counts.values() if n == 1]
    words = [h for h, names in once if not names]
    names = [h for h, names in once if names]
    unseen = (sum(words) / max(len(words), 1), sum(names) / max(len(names), 1))
    return {k: (h + prior * mean) / (n + prior) for k, (h, n, _) in counts.items() if n >= 2}, unseen


def build(raw: list[Pair], args: argparse.Namespace) -> list[str]:
    pairs = [(tokens(f), tokens(e)) for f, e in raw]
    fr_fn = function_words([f for f, _ in pairs], args.function_df)
    en_fn = function_words([e for _, e in pairs], args.function_df)
    # contiguous folds, so that a story's names stay in one fold
    fr_counts: dict[str, list[int]] = {}
    en_counts: dict[str, list[int]] = {}
    size = len(raw) // args.folds + 1
    for k in range(args.folds):
        lo, hi = k * size, (k + 1) * size
        lex = lexicon_of(table(pairs[:lo] + pairs[hi:], fr_fn, en_fn, args), fr_fn, en_fn)
        count_coverage(lex, raw[lo:hi], fr_counts, True)
        count_coverage(lex, raw[lo:hi], en_counts, False)
    fr_rel, fr_mean = reliability(fr_counts, args.prior)
    en_rel, en_mean = reliability(en_counts, args.prior)
    entries = table(pairs, fr_fn, en_fn, args)
    lines = [
        "# French-English lexicon for tqcheck's coverage check; rebuild: python scripts/build_lexicon.py",
        f"# IBM Model 1 both ways, {args.iterations} iterations, stems, p >= {args.min_prob} (function words "
        f"{args.function_prob}), co-occurrence >= {args.min_count}, top {args.top}; trained on {' '.join(args.sets)}",
        "# s<TAB>French stem<TAB>share of its occurrences found covered<TAB>English stems; t<TAB>English stem<TAB>share",
        "#src-function\t" + " ".join(sorted(fr_fn)),
        "#tgt-function\t" + " ".join(sorted(en_fn)),
        f"#src-unseen\t{fr_mean[0]:.2f} {fr_mean[1]:.2f}",
        f"#tgt-unseen\t{en_mean[0]:.2f} {en_mean[1]:.2f}",
    ]
    for f in sorted(set(entries) | set(fr_rel)):
        lines.append(f"s\t{f}\t{fr_rel.get(f, fr_mean[0]):.2f}\t{' '.join(entries.get(f, []))}")
    for e in sorted(en_rel):
        lines.append(f"t\t{e}\t{en_rel[e]:.2f}")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--sets", nargs="+", default=DEV)
    ap.add_argument("--out", type=Path, default=ROOT / "tqcheck" / "data" / "lexicon-fr-en.tsv.gz")
    ap.add_argument("--iterations", type=int, default=8)
    ap.add_argument("--min-prob", type=float, default=0.01)
    ap.add_argument(
        "--function-prob", type=float, default=0.3, help="min. probability of a function-word translation"
    )
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--function-df", type=float, default=0.04)
    ap.add_argument("--folds", type=int, default=3, help="folds for measuring each stem's reliability")
    ap.add_argument("--prior", type=int, default=3, help="smoothing of reliabilities toward the mean")
    args = ap.parse_args()
    lines = build(read(args.data, args.sets), args)
    blob = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0)
    args.out.write_bytes(blob)
    stems = sum(1 for line in lines if line.startswith("s\t") and line.split("\t")[3])
    print(
        f"{args.out}: {stems} French stems with translations, {len(lines)} lines, {len(blob) // 1024} KiB",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
