"""Real-looking news for the scale benchmarks: WMT news sentences with glossary names mixed in.

The English (or French) side of the WMT development sets (news-test2008, newssyscomb2009,
newstest2009-2012; never the test sets the evaluation scripts use) is read from
``../shared/data/wmt-news-fr-en`` when it is there, grouped into paragraphs, repeated in a
shuffled order up to the size asked for, and every few sentences one mentions a name of the
shipped glossaries in a right, variant or source-language spelling, as machine translation
leaves them. Without the data the sentences are generated from templates, so the benchmarks
still run (the figures then say so).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WMT = ROOT.parent / "shared" / "data" / "wmt-news-fr-en"
#: Development sets only: newstest2013/2014, newsdiscusstest2015 and NTREX are kept for evaluation.
DEV_SETS = (
    "news-test2008",
    "newssyscomb2009",
    "newstest2009",
    "newstest2010",
    "newstest2011",
    "newstest2012",
)

TEMPLATES = (
    "Fighting resumed on Thursday near {a}, according to a monitor.",
    "The {a} said more than {n} people had fled since early December.",
    "Residents of {a} described heavy shelling overnight.",
    "In a statement, {a} said talks would resume next week.",
    "Aid convoys reached {a} for the first time in months, the {b} said.",
    "{a} denied responsibility for the attack, the {b} reported.",
)
FALLBACK = (
    "The government announced new measures on Tuesday to support small businesses.",
    "Shares rose sharply in early trading after the central bank held interest rates.",
    "The minister told reporters that negotiations would continue over the weekend.",
    "Police said two people had been arrested in connection with the robbery.",
    "The company reported a profit of 12 million euros for the third quarter.",
)


def have_wmt() -> bool:
    return all((WMT / f"{name}.eng").is_file() for name in DEV_SETS)


@cache
def wmt_pairs() -> tuple[tuple[str, str], ...]:
    """(English, French) sentence pairs of the development sets, in file order."""
    out: list[tuple[str, str]] = []
    for name in DEV_SETS:
        eng = (WMT / f"{name}.eng").read_text(encoding="utf-8").splitlines()
        fra = (WMT / f"{name}.fra").read_text(encoding="utf-8").splitlines()
        out += [(e.strip(), f.strip()) for e, f in zip(eng, fra, strict=True) if e.strip() and f.strip()]
    return tuple(out)


@cache
def glossary_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(right forms, wrong forms) of the shipped glossaries seen from English."""
    from tqcheck.glossary import default_glossary_paths, load_glossaries

    glossary = load_glossaries(default_glossary_paths(), "fr", "en")
    right: list[str] = []
    wrong: list[str] = []
    for e in glossary.entries:
        right += [e.canonical, *e.admitted, *([e.acronym] if e.acronym else [])]
        wrong += [*e.variants, *(f for forms in e.source.values() for f in forms)]
    return tuple(right), tuple(wrong)


Forms = tuple[Sequence[str], Sequence[str]]


def sentences(seed: int = 1, names: bool = True, forms: Forms | None = None) -> Iterator[str]:
    """An endless stream of news sentences, every fifth one naming a glossary entry (of the
    shipped glossaries, or ``forms``: right and wrong spellings of another glossary)."""
    rng = random.Random(seed)
    pool = [e for e, _ in wmt_pairs()] if have_wmt() else list(FALLBACK)
    right, wrong = (forms or glossary_names()) if names else ((), ())
    while True:
        order = list(range(len(pool)))
        rng.shuffle(order)
        for n, i in enumerate(order):
            yield pool[i]
            if names and n % 5 == 4:
                a = rng.choice(wrong if rng.random() < 0.2 else right)
                yield rng.choice(TEMPLATES).format(a=a, b=rng.choice(right), n=rng.randint(100, 99_999))


def news_text(megabytes: float, seed: int = 1, names: bool = True, forms: Forms | None = None) -> str:
    """About ``megabytes`` MB (UTF-8) of paragraphs of three to six sentences."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    stream = sentences(seed, names, forms)
    paras: list[str] = []
    size = 0
    while size < target:
        para = " ".join(next(stream) for _ in range(rng.randint(3, 6)))
        paras.append(para)
        size += len(para.encode()) + 2
    return "\n\n".join(paras) + "\n"


def articles(count: int, seed: int = 1, size: int = 3000) -> list[str]:
    """``count`` articles of about ``size`` characters each: a headline, then paragraphs."""
    rng = random.Random(seed)
    stream = sentences(seed)
    out = []
    for _ in range(count):
        title = next(stream).rstrip(".")
        paras: list[str] = []
        total = 0
        while total < size:
            para = " ".join(next(stream) for _ in range(rng.randint(2, 5)))
            paras.append(para)
            total += len(para)
        out.append(title + "\n\n" + "\n\n".join(paras) + "\n")
    return out


def bilingual(pairs: int, seed: int = 1, drop_every: int = 60) -> tuple[str, str]:
    """(French source, English translation) of about ``pairs`` consecutive WMT sentence pairs in
    paragraphs of two or three; every ``drop_every``-th translated sentence is left out (an
    omission), so the two sides drift apart as a long document's do."""
    rng = random.Random(seed)
    data = wmt_pairs() if have_wmt() else tuple((s, s) for s in FALLBACK)
    start = rng.randrange(len(data))
    src_paras: list[str] = []
    tgt_paras: list[str] = []
    n = 0
    while n < pairs:
        size = min(rng.randint(2, 3), pairs - n)
        chunk = [data[(start + n + k) % len(data)] for k in range(size)]
        src_paras.append(" ".join(f for _, f in chunk))
        kept = [e for k, (e, _) in enumerate(chunk) if drop_every <= 0 or (n + k + 1) % drop_every]
        tgt_paras.append(" ".join(kept))
        n += size
    return "\n\n".join(src_paras) + "\n", "\n\n".join(tgt_paras) + "\n"
