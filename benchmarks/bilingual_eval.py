"""Recall and false findings of the bilingual checks (TQ4xx) on real French-English news.

Articles are runs of consecutive line pairs of a WMT news test set (the lines are translations
of each other, written by professionals). Each article is checked clean (every finding there is
a false one) and with one planted fault: a number changed in the translation, a translated
sentence dropped, or a sentence left in French. A fault counts as found when a finding of the
expected rule overlaps the planted place. Every set is scored twice: with all findings, and with
findings of severity warning and above only (one-sided differences, such as a figure the source
does not have at all, are ``info``: an editor sees them, a CI gate need not fail on them). Usage::

    python benchmarks/bilingual_eval.py [--sets newstest2012 newstest2013 newstest2014] [--articles 150]

The data is read from ``../shared/data/wmt-news-fr-en`` (or ``--data``); nothing is copied.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tqcheck.bilingual.check import BilingualCheck
from tqcheck.checks.base import Context
from tqcheck.document import Document
from tqcheck.glossary import default_glossary_paths, load_glossaries
from tqcheck.glossary.matcher import Matcher
from tqcheck.model import Hit, Severity

SHARED = Path(__file__).resolve().parents[1].parent / "shared"  # ../shared next to the project root
DEFAULT_DATA = SHARED / "data" / "wmt-news-fr-en"
ARTICLE_LINES = 10
MIN_FAULT_WORDS = 6  # a planted dropped/untranslated sentence is a real sentence, not a dateline
_DIGITS = re.compile(r"(?<![\d.,])\d+(?![\d])")


@dataclass
class Case:
    kind: str  # clean, number, drop, untranslated
    source: str
    target: str
    where: tuple[str, int, int]  # "source"/"target", start, end of the planted fault


def _offsets(lines: list[str]) -> list[int]:
    out, pos = [], 0
    for line in lines:
        out.append(pos)
        pos += len(line) + 1
    return out


def _change(num: str, rng: random.Random) -> str:
    """A plausible wrong figure: one digit changed (never the same number)."""
    i = rng.randrange(len(num))
    choices = [d for d in "0123456789" if d != num[i] and not (i == 0 and d == "0" and len(num) > 1)]
    return num[:i] + rng.choice(choices) + num[i + 1 :]


def cases(src: list[str], tgt: list[str], rng: random.Random) -> list[Case]:
    out = [Case("clean", "\n".join(src), "\n".join(tgt), ("", 0, 0))]
    starts = _offsets(tgt)
    # a number the source also writes in digits: change it in the target
    numbered = [
        (i, m)
        for i, line in enumerate(tgt)
        for m in _DIGITS.finditer(line)
        if m.group() in _DIGITS.findall(src[i])
    ]
    if numbered:
        i, m = rng.choice(numbered)
        new = [*tgt[:i], tgt[i][: m.start()] + _change(m.group(), rng) + tgt[i][m.end() :], *tgt[i + 1 :]]
        s = starts[i] + m.start()
        out.append(Case("number", "\n".join(src), "\n".join(new), ("target", s, s + len(m.group()))))
    long_lines = [i for i in range(len(tgt)) if len(tgt[i].split()) >= MIN_FAULT_WORDS]
    if long_lines:
        i = rng.choice(long_lines)
        s_starts = _offsets(src)
        new = tgt[:i] + tgt[i + 1 :]
        out.append(
            Case("drop", "\n".join(src), "\n".join(new), ("source", s_starts[i], s_starts[i] + len(src[i])))
        )
        j = rng.choice(long_lines)
        new = [*tgt[:j], src[j], *tgt[j + 1 :]]
        out.append(
            Case(
                "untranslated", "\n".join(src), "\n".join(new), ("target", starts[j], starts[j] + len(src[j]))
            )
        )
    return out


EXPECTED = {"number": "TQ401", "drop": "TQ404", "untranslated": "TQ403"}


LEVELS = ("all", "warning+")


def severe(h: Hit) -> bool:
    """Warning or error (the hit's own severity, else the rule's default)."""
    return (h.severity or h.rule.severity) is not Severity.INFO


def found(case: Case, hits: list[Hit], src_path: str) -> bool:
    side, s, e = case.where
    rule = EXPECTED[case.kind]
    for h in hits:
        on_source = h.path == src_path
        if h.rule.code == rule and on_source == (side == "source") and h.span.start < e and s < h.span.end:
            return True
        if h.rule.code == rule and side == "source" and not on_source and case.kind == "drop":
            continue
    return False


Stats = dict[str, dict[str, tuple[int, int]]]  # level -> kind -> (cases, found or false findings)


def run(data: Path, name: str, articles: int, seed: int, show: int) -> Stats:
    src_lines = (data / f"{name}.fra").read_text(encoding="utf-8").splitlines()
    tgt_lines = (data / f"{name}.eng").read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    ctx = Context(matcher=Matcher(load_glossaries(default_glossary_paths())), lang="en", source_lang="fr")
    check = BilingualCheck()
    stats = {lv: {k: [0, 0] for k in ("clean", *EXPECTED)} for lv in LEVELS}
    false_rules: Counter[str] = Counter()
    false_severe: Counter[str] = Counter()
    shown = 0
    for a in range(min(articles, len(src_lines) // ARTICLE_LINES)):
        lo = a * ARTICLE_LINES
        for case in cases(src_lines[lo : lo + ARTICLE_LINES], tgt_lines[lo : lo + ARTICLE_LINES], rng):
            source = Document(f"{name}-{a}.fr.txt", case.source, lang="fr")
            doc = Document(f"{name}-{a}.en.txt", case.target, lang="en", source=source)
            hits = list(check.check(doc, ctx))
            for level in LEVELS:
                st = stats[level][case.kind]
                st[0] += 1
                kept = hits if level == "all" else [h for h in hits if severe(h)]
                if case.kind == "clean":
                    st[1] += len(kept)
                elif found(case, kept, source.path):
                    st[1] += 1
            if case.kind == "clean":
                for h in hits:
                    false_rules[h.rule.code] += 1
                    false_severe[h.rule.code] += severe(h)
                    if shown < show:
                        shown += 1
                        text = (source if h.path == source.path else doc).text[h.span.start : h.span.end]
                        level = (h.severity or h.rule.severity).value
                        print(
                            f"  false {h.rule.code} {level} {name}#{a}: {text[:90]!r} — {h.message[:110]}",
                            file=sys.stderr,
                        )
            elif found(case, hits, source.path):
                pass
            elif shown < show:
                shown += 1
                side, s, e = case.where
                text = (case.source if side == "source" else case.target)[s:e]
                print(f"  missed {case.kind} {name}#{a}: {text[:90]!r}", file=sys.stderr)
    if false_rules:
        print(
            f"  {name} false findings by rule (all): {dict(false_rules.most_common())}; "
            f"warning+: {dict((+false_severe).most_common())}",
            file=sys.stderr,
        )
    return {lv: {k: (v[0], v[1]) for k, v in kinds.items()} for lv, kinds in stats.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sets", nargs="+", default=["newstest2012", "newstest2013", "newstest2014"])
    ap.add_argument("--articles", type=int, default=150, help="articles per set (10 line pairs each)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show", type=int, default=0, help="print this many misses/false findings")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(
            f"bilingual_eval: data not found at {args.data} (see ../shared/data/README.md)", file=sys.stderr
        )
        return 2
    cols = f"{'number':>10}{'drop':>10}{'untransl.':>11}{'false/10 clean':>16}{'sec':>7}"
    header = f"{'set':<16}{'level':<10}{'articles':>9}{cols}"
    print(header)
    print("-" * len(header))
    for name in args.sets:
        if not (args.data / f"{name}.fra").exists():
            print(f"bilingual_eval: no {name}.fra in {args.data}", file=sys.stderr)
            return 2
        t0 = time.perf_counter()
        stats = run(args.data, name, args.articles, args.seed, args.show)
        dt = time.perf_counter() - t0
        for level, st in stats.items():

            def recall(kind: str, st: dict[str, tuple[int, int]] = st) -> str:
                n, k = st[kind]
                return f"{k / n:.3f}" if n else "-"

            n_clean, false = st["clean"]
            secs = f"{dt:>7.1f}" if level == LEVELS[0] else ""
            print(
                f"{name:<16}{level:<10}{n_clean:>9}{recall('number'):>10}{recall('drop'):>10}"
                f"{recall('untranslated'):>11}{10 * false / max(n_clean, 1):>16.2f}{secs}"
            )
    print(
        "recall per planted fault (n per column ~ articles); false findings per 10 clean articles; "
        f"all: every finding, warning+: info findings left out; seed {args.seed}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
