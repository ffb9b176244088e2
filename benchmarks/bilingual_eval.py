"""Recall and false findings of the bilingual checks (TQ4xx) on real French-English news.

Articles are built the way an editor receives them: runs of consecutive line pairs of a WMT news
test set (professional translations of each other) grouped into paragraphs of 2-3 sentences,
one paragraph per line, the same paragraphs on both sides; a line without final punctuation is a
heading and stands alone. Each article is checked clean (every warning there is a false one)
and once per planted fault, always inside a paragraph of two sentences or more:

- ``number``: a figure of the translation changed (one digit), the source having it too;
- ``drop``: a translated sentence dropped;
- ``clause``: the last third of a long translated sentence dropped, at a comma;
- ``untranslated``: a sentence left in French;
- ``added``: a sentence from another article inserted.

A fault counts as found when a finding of the expected rule at warning level or above overlaps
the planted place (for ``drop`` and ``clause``: the source sentence). Only warnings and errors
count (``info`` findings are for editors to look at, not for a CI gate). Usage::

    python benchmarks/bilingual_eval.py                      # development and report sets
    python benchmarks/bilingual_eval.py --sets dev --show 20 # development sets, with misses shown
    python benchmarks/bilingual_eval.py --sets dev --dump clean.tsv  # clean-article findings as TSV
    python benchmarks/bilingual_eval.py --sets dev --fresh   # the dev articles a default run leaves out

WMT French and English are often both translations of a third language, so a finding on a clean
article can be a real discrepancy. ``benchmarks/judged/bilingual_clean_dev.tsv`` holds the
dev-set clean findings judged by hand (``real``/``false``/``unsure``); when it exists, a run over
development sets prints how many of its findings were judged and the false alarms per 10 clean
articles counting only those not judged ``real``.

Development happens on the WMT years news-test2008 .. newstest2012 (``dev``); newstest2013,
newstest2014 and NTREX (``report``) are printed as figures only: ``--show`` refuses them, so
nobody tunes on their items. The data is read from ``../shared/data/wmt-news-fr-en`` (or
``--data``); nothing is copied.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newsdata import DEV_SETS  # benchmarks/newsdata.py: the development years

from tqcheck.bilingual.check import BilingualCheck
from tqcheck.checks.base import Context
from tqcheck.document import Document
from tqcheck.glossary import default_glossary_paths, load_glossaries
from tqcheck.glossary.matcher import Matcher
from tqcheck.model import Hit, Severity

SHARED = Path(__file__).resolve().parents[1].parent / "shared"  # ../shared next to the project root
DEFAULT_DATA = SHARED / "data" / "wmt-news-fr-en"
DEV = list(DEV_SETS)
REPORT = ["newstest2013", "newstest2014", "ntrex128"]
JUDGED = Path(__file__).resolve().parent / "judged" / "bilingual_clean_dev.tsv"
KEY_CHARS = 90  # finding text kept in the judged file (and matched on)
#: file names (French, English) of a set
FILES = {"ntrex128": ("ntrex128-newstest2019-ref.fra", "ntrex128-newstest2019-src.eng")}
ARTICLE_LINES = 10
MIN_FAULT_WORDS = 6  # a planted dropped/untranslated sentence is a real sentence, not a dateline
CLAUSE_WORDS = 18  # a "long" sentence, whose last third can be dropped at a comma
KINDS = ("number", "drop", "clause", "untranslated", "added")
EXPECTED = {"number": "TQ401", "drop": "TQ404", "clause": "TQ404", "untranslated": "TQ403", "added": "TQ405"}
_DIGITS = re.compile(r"(?<![\d.,])\d+(?![\d])")
_FINAL = re.compile(r"[.!?…][\"'»”’)]*$")


@dataclass
class Article:
    """Paragraphs of line indices; ``text(side)`` joins them, ``span`` finds a line in it."""

    src: list[str]
    tgt: list[str]
    paras: list[list[int]]

    def text(self, side: str) -> str:
        lines = self.src if side == "source" else self.tgt
        return "\n".join(" ".join(lines[i] for i in p if lines[i]) for p in self.paras)

    def span(self, side: str, i: int) -> tuple[int, int]:
        lines = self.src if side == "source" else self.tgt
        pos = 0
        for p in self.paras:
            for k in p:
                if k == i:
                    return pos, pos + len(lines[k])
                if lines[k]:
                    pos += len(lines[k]) + 1
        raise KeyError(i)


@dataclass
class Case:
    kind: str
    source: str
    target: str
    where: tuple[str, int, int]  # "source"/"target", start, end of the planted fault


@dataclass
class Result:
    """Per kind: [cases, found] (clean: [articles, false warning+ findings]); false findings by
    rule; each clean-article finding as (set, article, rule, severity, text, message)."""

    stats: dict[str, list[int]]
    false_rules: Counter[str] = field(default_factory=Counter)
    clean: list[tuple[str, int, str, str, str, str]] = field(default_factory=list)


def _flat(text: str) -> str:
    """One line of text for a TSV cell: whitespace runs (tabs, newlines) become one space."""
    return " ".join(text.split())


def paragraphs(src: list[str], tgt: list[str], rng: random.Random) -> list[list[int]]:
    """Lines grouped into paragraphs of 2-3 sentences; a line without final punctuation on either
    side (a heading) stands alone."""
    out: list[list[int]] = []
    i = 0
    while i < len(src):
        if not (_FINAL.search(src[i]) and _FINAL.search(tgt[i])):
            out.append([i])
            i += 1
            continue
        size = rng.choice((2, 3))
        para = [i]
        while (
            len(para) < size
            and i + len(para) < len(src)
            and _FINAL.search(src[i + len(para)])
            and _FINAL.search(tgt[i + len(para)])
        ):
            para.append(i + len(para))
        out.append(para)
        i += len(para)
    return out


def _change(num: str, rng: random.Random) -> str:
    """A plausible wrong figure: one digit changed (never the same number)."""
    i = rng.randrange(len(num))
    choices = [d for d in "0123456789" if d != num[i] and not (i == 0 and d == "0" and len(num) > 1)]
    return num[:i] + rng.choice(choices) + num[i + 1 :]


def _clause_cut(line: str) -> int | None:
    """Where to cut a long sentence so that its last third goes: a comma between 55% and 80%
    of its length with at least five words after it."""
    if len(line.split()) < CLAUSE_WORDS:
        return None
    commas = [m.start() for m in re.finditer(r",\s", line) if 0.55 <= m.start() / len(line) <= 0.8]
    commas = [c for c in commas if len(line[c:].split()) >= 6]
    return commas[-1] if commas else None


def cases(art: Article, other: str, rng: random.Random) -> list[Case]:
    """The clean article and one case per fault kind that can be planted in it."""
    src_text = art.text("source")
    out = [Case("clean", src_text, art.text("target"), ("", 0, 0))]
    inner = [i for p in art.paras if len(p) >= 2 for i in p]

    def variant(kind: str, i: int, new_line: str, side: str, offsets: tuple[int, int] | None = None) -> None:
        """Line ``i`` of the translation replaced; the fault is ``offsets`` of that line (all of
        it by default) in the new translation, or the source sentence."""
        tgt = list(art.tgt)
        tgt[i] = new_line
        new = Article(art.src, tgt, art.paras)
        if side == "source":
            where = ("source", *art.span("source", i))
        else:
            start = new.span("target", i)[0]
            a, b = offsets or (0, len(new_line))
            where = ("target", start + a, start + b)
        out.append(Case(kind, src_text, new.text("target"), where))

    numbered = [
        (i, m)
        for i in inner
        for m in _DIGITS.finditer(art.tgt[i])
        if m.group() in _DIGITS.findall(art.src[i])
    ]
    if numbered:
        i, m = rng.choice(numbered)
        changed = art.tgt[i][: m.start()] + _change(m.group(), rng) + art.tgt[i][m.end() :]
        variant("number", i, changed, "target", (m.start(), m.end()))
    long_lines = [
        i
        for i in inner
        if len(art.tgt[i].split()) >= MIN_FAULT_WORDS and len(art.src[i].split()) >= MIN_FAULT_WORDS
    ]
    if long_lines:
        variant("drop", rng.choice(long_lines), "", "source")
        j = rng.choice(long_lines)
        variant("untranslated", j, art.src[j], "target")
        k = rng.choice(long_lines)
        variant(
            "added",
            k,
            f"{art.tgt[k]} {other}",
            "target",
            (len(art.tgt[k]) + 1, len(art.tgt[k]) + 1 + len(other)),
        )
    clauses = [(i, c) for i in inner if (c := _clause_cut(art.tgt[i])) is not None]
    if clauses:
        i, c = rng.choice(clauses)
        variant("clause", i, art.tgt[i][:c].rstrip() + ".", "source")
    return out


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
    return False


def load(data: Path, name: str) -> tuple[list[str], list[str]]:
    fra, eng = FILES.get(name, (f"{name}.fra", f"{name}.eng"))
    src = (data / fra).read_text(encoding="utf-8").splitlines()
    tgt = (data / eng).read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in src], [t.strip() for t in tgt]


def windows(lines: int, articles: int, fresh: bool = False) -> list[int]:
    """The first line of each article: ``articles`` runs of :data:`ARTICLE_LINES` lines spread
    evenly over a set of ``lines`` lines, or (``fresh``) up to ``articles`` of the runs that spread
    leaves out, a second development sample to try a change tuned on the first."""
    total = lines // ARTICLE_LINES
    n = min(articles, total)
    if not n:
        return []
    step = total // n
    used = [a * step for a in range(n)]
    if fresh:
        taken = set(used)
        used = [w for w in range(total) if w not in taken][:articles]
    return [w * ARTICLE_LINES for w in used]


def run(data: Path, name: str, articles: int, seed: int, show: int, fresh: bool = False) -> Result:
    """Every article of ``name`` checked clean and with each planted fault (``fresh``: the
    articles a default run leaves out, their findings under the set name ``name:fresh``)."""
    src_lines, tgt_lines = load(data, name)
    label = f"{name}:fresh" if fresh else name
    rng = random.Random(seed)
    ctx = Context(matcher=Matcher(load_glossaries(default_glossary_paths())), lang="en", source_lang="fr")
    check = BilingualCheck()
    res = Result({k: [0, 0] for k in ("clean", *KINDS)})
    stats, false_rules = res.stats, res.false_rules
    shown = 0
    for a, lo in enumerate(windows(len(src_lines), articles, fresh)):
        src, tgt = src_lines[lo : lo + ARTICLE_LINES], tgt_lines[lo : lo + ARTICLE_LINES]
        art = Article(src, tgt, paragraphs(src, tgt, rng))
        far = (lo + len(src_lines) // 2) % len(tgt_lines)
        other = next(
            (
                t
                for t in tgt_lines[far:] + tgt_lines
                if len(t.split()) >= MIN_FAULT_WORDS and _FINAL.search(t)
            ),
            "",
        )
        for case in cases(art, other, rng):
            source = Document(f"{name}-{a}.fr.txt", case.source, lang="fr")
            doc = Document(f"{name}-{a}.en.txt", case.target, lang="en", source=source)
            hits = [h for h in check.check(doc, ctx) if severe(h)]
            st = stats[case.kind]
            st[0] += 1
            if case.kind == "clean":
                st[1] += len(hits)
                for h in hits:
                    false_rules[h.rule.code] += 1
                    text = (source if h.path == source.path else doc).text[h.span.start : h.span.end]
                    sev = (h.severity or h.rule.severity).name.lower()
                    res.clean.append((label, a, h.rule.code, sev, _flat(text), _flat(h.message)))
                    if shown < show:
                        shown += 1
                        print(
                            f"  false {h.rule.code} {label}#{a}: {text[:90]!r} — {h.message[:140]}",
                            file=sys.stderr,
                        )
            elif found(case, hits, source.path):
                st[1] += 1
            elif shown < show:
                shown += 1
                side, s, e = case.where
                text = (case.source if side == "source" else case.target)[s:e]
                print(f"  missed {case.kind} {label}#{a}: {text[:120]!r}", file=sys.stderr)
    return res


def judged_summary(found: list[tuple[str, int, str, str, str, str]], clean_articles: int) -> str | None:
    """The judged file's verdicts on ``found`` (matched by set, article, rule and text, each row
    used once); false alarms per 10 clean articles count every finding not judged ``real``."""
    if not JUDGED.is_file():
        return None
    verdicts: dict[tuple[str, str, str, str], list[str]] = {}
    for line in JUDGED.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 6:
            verdicts.setdefault((cols[0], cols[1], cols[2], cols[4]), []).append(cols[5])
    tally: Counter[str] = Counter()
    for name, a, rule, _sev, text, _msg in found:
        row = verdicts.get((name, str(a), rule, text[:KEY_CHARS]))
        tally[row.pop(0) if row else "unjudged"] += 1
    judged = len(found) - tally["unjudged"]
    alarms = len(found) - tally["real"]
    line = (
        f"judged: {judged} findings, {tally['real']} real, {tally['false']} false, {tally['unsure']} unsure;"
        f" false alarms per 10 clean articles: {10 * alarms / max(clean_articles, 1):.2f}"
    )
    if tally["unjudged"]:
        line += f" ({tally['unjudged']} findings not in {JUDGED.name}, counted as false)"
    return line


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sets", nargs="+", default=["dev", "report"], help="set names, or 'dev' / 'report'")
    ap.add_argument("--articles", type=int, default=150, help="articles per set (10 line pairs each)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument(
        "--show", type=int, default=0, help="print this many misses/false findings (dev sets only)"
    )
    ap.add_argument(
        "--fresh",
        action="store_true",
        help="the articles a default run leaves out (development sets only): a second sample to try a change on",
    )
    ap.add_argument(
        "--dump", type=Path, help="write each clean-article warning+ finding as a TSV row (dev sets only)"
    )
    args = ap.parse_args()
    if not args.data.is_dir():
        print(
            f"bilingual_eval: data not found at {args.data} (see ../shared/data/README.md)", file=sys.stderr
        )
        return 2
    names = [s for x in args.sets for s in {"dev": DEV, "report": REPORT}.get(x, [x])]
    if (args.show or args.dump or args.fresh) and any(n not in DEV for n in names):
        print(
            "bilingual_eval: --show, --dump and --fresh are for the development sets only (no tuning on report sets)",
            file=sys.stderr,
        )
        return 2
    header = (
        f"{'set':<16}{'articles':>9}" + "".join(f"{k:>13}" for k in KINDS) + f"{'false/10':>10}{'sec':>7}"
    )
    print(header)
    print("-" * len(header))
    totals: dict[str, dict[str, list[int]]] = {"dev": {}, "report": {}}
    dev_clean: list[tuple[str, int, str, str, str, str]] = []
    for name in names:
        t0 = time.perf_counter()
        res = run(args.data, name, args.articles, args.seed, args.show, args.fresh)
        stats, false_rules = res.stats, res.false_rules
        dt = time.perf_counter() - t0
        if name in DEV:
            dev_clean += res.clean
        group = totals["dev" if name in DEV else "report"]
        for k, (c, f) in stats.items():
            group.setdefault(k, [0, 0])
            group[k][0] += c
            group[k][1] += f
        print(_row(f"{name}:fresh" if args.fresh else name, stats, dt))
        if false_rules and name in DEV:
            print(f"  false warning+ by rule: {dict(false_rules.most_common())}", file=sys.stderr)
    for label, group in totals.items():
        if group:
            print(_row(f"all {label}", group, None))
    print(
        f"recall of warning+ findings per planted fault (found/cases); false warning+ findings per 10 clean articles; seed {args.seed}"
    )
    if args.dump:
        rows = ["set\tarticle\trule\tseverity\ttext\tmessage"]
        rows += ["\t".join(map(str, r)) for r in dev_clean]
        args.dump.write_text("\n".join(rows) + "\n", encoding="utf-8")
    if totals["dev"] and (summary := judged_summary(dev_clean, totals["dev"]["clean"][0])):
        print(summary)
    return 0


def _row(name: str, stats: dict[str, list[int]], secs: float | None) -> str:
    cells = []
    for k in KINDS:
        n, f = stats[k]
        cells.append(f"{f / n:.3f} ({n:>3})" if n else "-")
    clean_n, false = stats["clean"]
    return (
        f"{name:<16}{clean_n:>9}"
        + "".join(f"{c:>13}" for c in cells)
        + f"{10 * false / max(clean_n, 1):>10.2f}"
        + (f"{secs:>7.0f}" if secs is not None else "")
    )


if __name__ == "__main__":
    sys.exit(main())
