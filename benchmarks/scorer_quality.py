"""Does the back-translation scorer separate faithful translations from the ways MT fails?

Why: the scorer's thresholds were reasoned, never measured. This builds pseudo-articles of
``--sentences`` consecutive lines of newstest2014 (French source, English reference as the faithful
translation) and corrupts one sentence of each translation the ways MT fails: a sentence dropped,
the last third of a sentence dropped, a sentence left in French, a sentence replaced by another
article's, a number or named entity changed, a clause (from another article) added. Every variant is
scored by the tqcheck scorer (back model, plus the ``--source-model`` when given) and checked by the
non-neural bilingual checks, and the ROC AUC of faithful vs corrupted is printed per corruption for:

* ``back bits``: the lowest per-unit mean log2 P(source | translation) under the back model;
* ``back PMI``: the same less the model's prior, log2 P(source | nothing): what the translation
  tells the model about the source (pointwise mutual information), which discounts the French a
  weak model predicts from the language alone;
* ``adequacy``: the lowest per-unit mean of back and forward log2 probabilities (with a source model);
* ``item bits``: log2 P(whole source | whole translation) per token, no sentence alignment;
* ``bt chrF++``: the lowest chrF++ of a unit's back-translation against its source;
* ``TQ90x``: how many TQ901/TQ902 warnings the item gets at the thresholds in use (the models'
  stored calibration, else the defaults; TQ903, info, is not counted);
* ``length``: |log(target/source characters) - the dev-split median| (baseline);
* ``checks``: warning-or-worse findings of ``tqcheck check`` with the source (no neural rules);
* ``lexical``: the bilingual check's lexical evidence as a score, the log-likelihood ratio per
  source content word that the translation does not render it (shipped lexicon), worst sentence;
* ``combined``: a logistic regression on all of the above, fitted on a development split (the 300
  lines of newstest2012 the training script holds out and never trains on), never on newstest2014.

newstest2014 is a report set: items are built programmatically and only aggregate figures are
printed; no item is printed or written anywhere. Scores go to a temporary score cache.

    python benchmarks/scorer_quality.py [--n 300] [--threads 2]   # ~7 min on 2 CPU cores (scoring 130 s)

``TQ90x`` counts findings, so an article with a sentence dropped (fewer sentences) tends to get
fewer of them: read it with the per-unit scores, not alone.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "wmt-news-fr-en"
REPORT_SET = "newstest2014"
DEV_SET, DEV_LINES = "newstest2012", 300  # train_marian.py holds these out of training
MODEL_PREFIX = "tqcheck-marian-wmtdev"
CORRUPTIONS = ("dropped", "truncated", "untranslated", "replaced", "entity/number", "clause added")
_NUMBER = re.compile(r"\d+")
_FINAL = ".!?\"'”»)"
#: Capitalised words that are not names (sentence-internal capitals are taken as names otherwise).
_NOT_NAMES = frozenset(
    {"I", "The", "A", "An", "In", "On", "At", "But", "And", "For", "It", "He", "She", "They", "We"}
    | {"This", "That", "Mr", "Mrs", "Ms", "Dr"}
)

Pair = tuple[str, str]  # (French, English)
THRESHOLDS = ["?"]  # the scorer's thresholds as its signature names them (set when scoring)


@dataclass
class Item:
    """One pseudo-article: its French sentences and one English rendering (faithful or corrupted)."""

    kind: str  # "faithful" or a corruption
    source: list[str]
    target: list[str]
    features: dict[str, float] = field(default_factory=dict)

    @property
    def source_text(self) -> str:
        return " ".join(self.source)

    @property
    def target_text(self) -> str:
        return " ".join(t for t in self.target if t)


def read_set(name: str) -> list[Pair]:
    fr = (DATA / f"{name}.fra").read_text(encoding="utf-8").splitlines()
    en = (DATA / f"{name}.eng").read_text(encoding="utf-8").splitlines()
    return [(f.strip(), e.strip()) for f, e in zip(fr, en, strict=True)]


def articles(pairs: Sequence[Pair], size: int, n: int, rng: random.Random) -> list[list[Pair]]:
    """``n`` groups of ``size`` consecutive non-empty lines, drawn at random without overlap."""
    groups = [list(pairs[i : i + size]) for i in range(0, len(pairs) - size + 1, size)]
    groups = [g for g in groups if all(f and e for f, e in g)]
    rng.shuffle(groups)
    return groups[:n]


def _final(sent: str) -> tuple[str, str]:
    """(body, final punctuation) of a sentence."""
    k = len(sent)
    while k > 0 and sent[k - 1] in _FINAL:
        k -= 1
    return sent[:k].rstrip(), sent[k:]


def truncate(sent: str) -> str | None:
    """The sentence without its last third of words (final punctuation kept)."""
    body, end = _final(sent)
    words = body.split()
    if len(words) < 4:
        return None
    keep = words[: math.ceil(len(words) * 2 / 3)]
    return " ".join(keep).rstrip(",;:") + (end or ".")


def change_entity(sent: str, others: Sequence[str], rng: random.Random) -> str | None:
    """A number changed (other digits), else a capitalised name swapped for another article's."""
    nums = list(_NUMBER.finditer(sent))
    if nums:
        m = rng.choice(nums)
        old = m.group()
        new = old
        while new == old:
            new = str(rng.randint(10 ** (len(old) - 1) if len(old) > 1 else 0, 10 ** len(old) - 1))
            if len(old) == 1 and old in "01":
                new = str(rng.randint(2, 9))
        return sent[: m.start()] + new + sent[m.end() :]
    words = sent.split()
    spots = [
        i for i, w in enumerate(words) if i > 0 and w[:1].isupper() and w.strip(",.;:") not in _NOT_NAMES
    ]
    if not spots:
        return None
    pool = [
        w.strip(",.;:\"'()")
        for o in others
        for w in o.split()[1:]
        if w[:1].isupper() and w.strip(",.;:\"'()") not in _NOT_NAMES and len(w) > 2
    ]
    i = rng.choice(spots)
    old = words[i].strip(",.;:\"'()")
    pool = [p for p in pool if p != old and p.isalpha()]
    if not pool:
        return None
    words[i] = words[i].replace(old, rng.choice(pool))
    return " ".join(words)


def add_clause(sent: str, other: str) -> str | None:
    """The sentence with a clause of another article's sentence appended before its final stop."""
    body, _ = _final(other)
    parts = [p.strip() for p in body.split(",") if len(p.split()) >= 4]
    clause = parts[-1] if len(parts) > 1 else " ".join(body.split()[len(body.split()) // 2 :])
    if len(clause.split()) < 4:
        return None
    mine, final = _final(sent)
    return f"{mine}, {clause}{final or '.'}"


def corrupt(kind: str, art: list[Pair], pool: Sequence[list[Pair]], rng: random.Random) -> Item | None:
    """``art`` with one sentence of its translation corrupted as ``kind`` (None when not applicable)."""
    source = [f for f, _ in art]
    target = [e for _, e in art]
    other = rng.choice(pool)
    while other is art:
        other = rng.choice(pool)
    order = list(range(len(art)))
    rng.shuffle(order)
    for j in order:  # the first sentence the corruption applies to
        new: str | None
        if kind == "dropped":
            new = ""
        elif kind == "truncated":
            new = truncate(target[j])
        elif kind == "untranslated":
            new = source[j]
        elif kind == "replaced":
            new = rng.choice(other)[1]
        elif kind == "entity/number":
            new = change_entity(target[j], [e for _, e in other], rng)
        else:
            new = add_clause(target[j], rng.choice(other)[1])
        if new is not None and new != target[j]:
            target[j] = new
            return Item(kind, source, target)
    return None


def build_items(arts: list[list[Pair]], rng: random.Random) -> list[Item]:
    items = [Item("faithful", [f for f, _ in a], [e for _, e in a]) for a in arts]
    for kind in CORRUPTIONS:
        for a in arts:
            item = corrupt(kind, a, arts, rng)
            if item is not None:
                items.append(item)
    return items


# --- features ---------------------------------------------------------------------------------


def neural_features(items: list[Item], back: str, source_model: str | None, threads: int, cache: str) -> None:
    """Score every item with the tqcheck scorer; the expensive model calls are batched up front."""
    from tqcheck.document import Document
    from tqcheck.scoring.options import ScoreOptions
    from tqcheck.scoring.scorer import BackTranslationScorer
    from tqcheck.segment import sentences

    options = ScoreOptions(
        model=back, source_model=source_model, threads=threads, device="cpu", cache_dir=cache, progress=False
    )
    scorer = BackTranslationScorer(options, src_lang="fr", tgt_lang="en", bilingual=True)
    # warm the score cache in big batches: back-translations of every distinct target sentence and
    # forced scores of the 1-1 sentence pairs (most units); scorer.score() then finds them cached
    split = [
        ([s.text for s in sentences(i.source_text, "fr")], [s.text for s in sentences(i.target_text, "en")])
        for i in items
    ]
    tgt_sents = list(dict.fromkeys(t for _, ts in split for t in ts))
    t0 = time.time()
    scorer.translate(scorer.back_ref, tgt_sents, "en", "fr")
    one_to_one = list(
        dict.fromkeys(p for ss, ts in split if len(ss) == len(ts) for p in zip(ts, ss, strict=True))
    )
    scorer.forced(scorer.back_ref, one_to_one, "en", "fr")
    if scorer.fwd_ref is not None:
        scorer.forced(scorer.fwd_ref, [(s, t) for t, s in one_to_one], "fr", "en")
    whole = scorer.forced(scorer.back_ref, [(i.target_text, i.source_text) for i in items], "en", "fr")
    print(
        f"model calls: {len(tgt_sents)} back-translations, {len(one_to_one)} sentence pairs, "
        f"{len(items)} items: {time.time() - t0:.0f} s",
        file=sys.stderr,
    )
    results = [
        scorer.score(
            Document("target", item.target_text, lang="en"), Document("source", item.source_text, lang="fr")
        )
        for item in items
    ]
    # the model's prior for each aligned source, P(source | nothing): what the translation adds
    # over it (pointwise mutual information) discounts what a weak model predicts from French alone
    unit_sources = list(dict.fromkeys(s.source for r in results for s in r.scores if s.metrics and s.source))
    prior = dict(
        zip(
            unit_sources,
            scorer.forced(scorer.back_ref, [("", x) for x in unit_sources], "en", "fr"),
            strict=True,
        )
    )
    for item, w, res in zip(items, whole, results, strict=True):
        metrics = [dict(s.metrics) for s in res.scores if s.metrics]
        f = item.features
        f["back bits"] = -min((m["back_logprob"] for m in metrics), default=-20.0)
        f["back PMI"] = -min(
            (
                dict(s.metrics)["back_logprob"] - prior[s.source].mean
                for s in res.scores
                if s.metrics and s.source
            ),
            default=-20.0,
        )
        if scorer.fwd_ref is not None:
            f["adequacy"] = -min((m["adequacy"] for m in metrics), default=-20.0)
        f["item bits"] = -w.mean
        f["bt chrF++"] = -min((m["bt_chrf"] for m in metrics), default=0.0)
        f["TQ90x"] = float(sum(1 for h in res.hits if h.rule.code in ("TQ901", "TQ902")))
    THRESHOLDS[0] = "|".join(
        p for p in scorer.signature().split("|") if p.split(":")[0] in ("cal", "thr", "z", "scale")
    )
    scorer.close()


def check_features(items: list[Item]) -> None:
    """Warning-or-worse findings of the non-neural checks on each (source, translation) pair."""
    from tqcheck.api import Flags, check_text, load_settings
    from tqcheck.model import Severity

    with tempfile.TemporaryDirectory() as empty:  # no project config file applies
        settings = load_settings(Flags(lang="en", source_lang="fr"), start=Path(empty))
    for item in items:
        report = check_text(item.target_text, settings, path="article.en.txt", source=item.source_text)
        item.features["checks"] = float(
            sum(1 for f in report.findings if f.severity.rank >= Severity.WARNING.rank)
        )


def lexical_feature(items: list[Item]) -> None:
    """The bilingual check's lexical evidence as a score, per sentence pair where the sides have
    as many sentences (else the article): the log-likelihood ratio, per source content word, that
    the translation does not render it (shipped fr-en lexicon, trained on the development years)."""
    from tqcheck.bilingual.coverage import bag, content, marks, presence, weight
    from tqcheck.bilingual.lexicon import lexicon

    lex = lexicon("fr", "en")

    def llr(src: str, tgt: str) -> float:
        toks = content(src, lex.src_function)
        if not toks:
            return 0.0
        found = marks(toks, bag(content(tgt, lex.tgt_function, everything=True)), lex.forward)
        total = sum(
            presence(t, lex.src_reliability, lex.src_unseen)
            if ok
            else weight(t, lex.src_reliability, lex.src_unseen)
            for t, ok in zip(toks, found, strict=True)
        )
        return total / len(toks)

    for item in items:
        target = [t for t in item.target if t]
        if len(target) == len(item.source):
            item.features["lexical"] = max(llr(s, t) for s, t in zip(item.source, target, strict=True))
        else:
            item.features["lexical"] = llr(item.source_text, item.target_text)


def length_feature(items: list[Item], centre: float) -> None:
    for item in items:
        ratio = math.log(max(len(item.target_text), 1) / max(len(item.source_text), 1))
        item.features["length"] = abs(ratio - centre)


# --- statistics -------------------------------------------------------------------------------


def auc(neg: Sequence[float], pos: Sequence[float]) -> float:
    """ROC AUC = P(corrupted scores above faithful), ties counting half (Mann-Whitney U)."""
    if not neg or not pos:
        return float("nan")
    values = sorted([(v, 0) for v in neg] + [(v, 1) for v in pos])
    rank_sum, i = 0.0, 0
    while i < len(values):
        j = i
        while j < len(values) and values[j][0] == values[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # 1-based mean rank of the tie group
        rank_sum += mid * sum(1 for k in range(i, j) if values[k][1] == 1)
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def fit_logistic(
    xs: list[list[float]], ys: list[int], l2: float = 1e-2, steps: int = 3000
) -> Callable[[list[float]], float]:
    """A class-balanced, L2-regularised logistic regression on standardised features (numpy)."""
    import numpy as np

    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    weight = np.where(y == 1, 0.5 / max(y.sum(), 1), 0.5 / max((1 - y).sum(), 1))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ ((p - y) * weight) + l2 * np.r_[w[:-1], 0.0]
        w -= 1.0 * grad
    return lambda row: float(np.r_[(np.asarray(row) - mu) / sd, 1.0] @ w)


def main() -> None:
    from tqcheck.cachedir import cache_dir

    models = cache_dir() / "models"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="pseudo-articles of newstest2014 (each variant)")
    parser.add_argument("--sentences", type=int, default=3, help="sentences per pseudo-article")
    parser.add_argument("--model", default=str(models / f"{MODEL_PREFIX}-en-fr"), help="back (en->fr) model")
    parser.add_argument(
        "--source-model", default=str(models / f"{MODEL_PREFIX}-fr-en"), help="fr->en model ('none': skip)"
    )
    parser.add_argument(
        "--dev-n", type=int, default=DEV_LINES, help="pseudo-articles of the dev split (at most)"
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    source_model = None if args.source_model.lower() == "none" else args.source_model
    if source_model and not Path(source_model).is_dir():
        print(f"no source model at {source_model}: back model only", file=sys.stderr)
        source_model = None

    rng = random.Random(args.seed)
    dev_arts = articles(read_set(DEV_SET)[-DEV_LINES:], args.sentences, args.dev_n, rng)
    test_arts = articles(read_set(REPORT_SET), args.sentences, args.n, rng)
    dev, test = build_items(dev_arts, rng), build_items(test_arts, rng)
    t0 = time.time()
    with tempfile.TemporaryDirectory() as cache:
        # a fresh score cache, but the models' stored calibrations (train_marian.py --calibrate)
        if (models.parent / "calibrations").is_dir():
            shutil.copytree(models.parent / "calibrations", Path(cache) / "calibrations")
        neural_features(dev + test, args.model, source_model, args.threads, cache)
    t1 = time.time()
    check_features(dev + test)
    lexical_feature(dev + test)
    t2 = time.time()
    ratios = sorted(math.log(len(i.target_text) / len(i.source_text)) for i in dev if i.kind == "faithful")
    length_feature(dev + test, ratios[len(ratios) // 2])
    names = list(test[0].features)
    model = fit_logistic(
        [[i.features[k] for k in names] for i in dev], [int(i.kind != "faithful") for i in dev]
    )
    for i in dev + test:
        i.features["combined"] = model([i.features[k] for k in names])
    columns = [*names, "combined"]

    counts = {k: sum(1 for i in test if i.kind == k) for k in ("faithful", *CORRUPTIONS)}
    print(
        f"{REPORT_SET}: {counts['faithful']} pseudo-articles of {args.sentences} lines; back model "
        f"{Path(args.model).name}, source model {Path(source_model).name if source_model else 'none'}; "
        f"combination fitted on {len(dev)} items of the held-out {DEV_LINES} lines of {DEV_SET}"
    )
    print(f"scoring {t1 - t0:.0f} s, checks {t2 - t1:.0f} s, {len(dev) + len(test)} items")
    print("ROC AUC, faithful vs corrupted (1.0 = perfect separation, 0.5 = chance)")
    width = max(len(c) for c in CORRUPTIONS) + 6
    print(f"{'corruption':<{width}}" + "".join(f"{c:>11}" for c in columns))
    faithful = [i for i in test if i.kind == "faithful"]
    for kind in (*CORRUPTIONS, "all"):
        bad = [i for i in test if (i.kind == kind if kind != "all" else i.kind != "faithful")]
        row = [auc([i.features[c] for i in faithful], [i.features[c] for i in bad]) for c in columns]
        print(f"{f'{kind} ({len(bad)})':<{width}}" + "".join(f"{v:>11.3f}" for v in row))
    means = {
        c: sum(i.features[c] for i in faithful) / len(faithful)
        for c in ("back bits", "adequacy", "bt chrF++")
        if c in names
    }
    print("faithful means: " + ", ".join(f"{k} {-v:.2f}" for k, v in means.items()))
    flagged = {
        kind: sum(1 for i in test if i.kind == kind and i.features["TQ90x"] > 0) / max(counts[kind], 1)
        for kind in ("faithful", *CORRUPTIONS)
    }
    print(
        f"share with a TQ901/TQ902 at the thresholds in use ({THRESHOLDS[0]}): "
        + ", ".join(f"{k} {v:.2f}" for k, v in flagged.items())
    )


if __name__ == "__main__":
    main()
