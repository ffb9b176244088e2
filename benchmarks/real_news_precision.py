"""How often the default check speaks up on real, correct English news, and how often it is right.

The English side of the WMT French-English news test sets (and NTREX's English news) is written
or edited by people: nearly every warning there is a false alarm, so warnings per 100 articles is
the rate at which a desk would be interrupted for nothing. Each set is split into consecutive
10-sentence "articles" (lines joined as paragraphs) and checked as one set, exactly as
``tqcheck check DIR`` checks a folder: the default full check, shipped glossaries on.

Development sets (inspect and tune on these): news-test2008, newssyscomb2009, newstest2009 ..
newstest2012. Report sets (newstest2013, newstest2014, newsdiscusstest2015, NTREX): only their
aggregate counts are printed, never a finding or a text; ``--sample`` and ``--fix-sample`` draw
from the development sets only.

Usage: python benchmarks/real_news_precision.py [--sets dev|report|all|NAME,...] [--articles N]
       [--sample N --out FILE] [--fix-sample N --out FILE] [--seed S] [--judged FILE]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsdata import DEV_SETS  # benchmarks/newsdata.py: the development years

from tqcheck.api import check_files, load_settings
from tqcheck.fix import apply_fixes
from tqcheck.model import Finding, FixSafety, Report, Severity

SHARED = Path(__file__).resolve().parents[1].parent / "shared"  # ../shared next to the project root
DATA = SHARED / "data" / "wmt-news-fr-en"
JUDGED = Path(__file__).resolve().parent / "judged" / "real_news_dev.tsv"
JUDGED_FIXES = Path(__file__).resolve().parent / "judged" / "real_news_fixes_dev.tsv"
REPORT_SETS = ("newstest2013", "newstest2014", "newsdiscusstest2015", "ntrex128-newstest2019-src")
ISSUE_REPORT_SETS = ("newstest2013", "newstest2014")  # the report sets issue 10's target names
ARTICLE_SENTENCES = 10


@dataclass(frozen=True)
class Article:
    """Ten consecutive lines of one set, written as a file of paragraphs."""

    set_name: str
    index: int
    first_line: int  # 1-based line of the set's .eng file where the article starts
    text: str

    @property
    def name(self) -> str:
        return f"{self.set_name}-{self.index:04d}.txt"

    def corpus_line(self, line: int) -> int:
        """The .eng line of the article's ``line`` (paragraphs are separated by one blank line)."""
        return self.first_line + (line - 1) // 2


def articles(set_name: str, cap: int | None) -> list[Article]:
    lines = (DATA / f"{set_name}.eng").read_text(encoding="utf-8").splitlines()
    out = []
    for i in range(0, len(lines), ARTICLE_SENTENCES):
        chunk = [ln.strip() for ln in lines[i : i + ARTICLE_SENTENCES]]
        if not any(chunk):
            continue
        out.append(Article(set_name, len(out), i + 1, "\n\n".join(chunk) + "\n"))
        if cap is not None and len(out) >= cap:
            break
    return out


def run_set(arts: list[Article]) -> tuple[Report, dict[str, Article]]:
    """Check the articles of one set as one folder (TQ104/TQ202 see the whole set)."""
    with tempfile.TemporaryDirectory(prefix="tqcheck-news-") as tmp:
        folder = Path(tmp) / arts[0].set_name
        folder.mkdir()
        for a in arts:
            (folder / a.name).write_text(a.text, encoding="utf-8")
        report = check_files([folder], load_settings(start=Path(tmp)))
    by_name = {a.name: a for a in arts}
    return report, {f.path: by_name[Path(f.path).name] for f in report.files}


def warned(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.severity.rank >= Severity.WARNING.rank]


def context(text: str, start: int, end: int, width: int = 70) -> str:
    """The finding in its sentence-ish window, marked with [[ ]] (one line, tabs removed)."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    snippet = text[lo:start] + "[[" + text[start:end] + "]]" + text[end:hi]
    return " ".join(snippet.split())


def safe_applied(findings: Iterable[Finding], text: str) -> list[Finding]:
    """The findings ``--fix`` applies to ``text``: those whose fix is safe (``Finding.fix``, the
    rule's safety as the engine lowered it), in order, overlaps skipped as
    :func:`tqcheck.fix.apply_fixes` skips them."""
    safe = sorted(
        (f for f in findings if f.suggestion is not None and f.fix is FixSafety.SAFE),
        key=lambda f: (f.span.start, f.span.end),
    )
    applied, pos = [], 0
    for f in safe:
        if f.span.start < pos or text[f.span.start : f.span.end] != f.text:
            continue
        applied.append(f)
        pos = f.span.end
    _, count = apply_fixes(text, applied)
    assert count == len(applied), (count, len(applied))
    return applied


def judged_precision(path: Path) -> tuple[int, int] | None:
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    ok = sum(r["verdict"] == "ok" for r in rows)
    return ok, len(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="all", help="dev, report, all, or set names separated by commas")
    ap.add_argument("--articles", type=int, default=None, help="at most this many articles per set")
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--sample", type=int, default=0, help="write this many dev warning+ findings to --out")
    ap.add_argument(
        "--fix-sample", type=int, default=0, help="write this many applied safe dev fixes to --out"
    )
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--judged", type=Path, default=JUDGED, help="judged findings to print the precision of")
    ap.add_argument("--judged-fixes", type=Path, default=JUDGED_FIXES, help="judged applied fixes to count")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"real_news_precision: {DATA} not found; nothing to measure (skipped)")
        return 0
    if (args.sample or args.fix_sample) and args.out is None:
        ap.error("--sample and --fix-sample need --out")
    if args.sample and args.fix_sample:
        ap.error("one of --sample and --fix-sample per run (each writes --out)")
    chosen = {"dev": DEV_SETS, "report": REPORT_SETS, "all": DEV_SETS + REPORT_SETS}.get(args.sets)
    if chosen is None:
        chosen = tuple(s.strip() for s in args.sets.split(",") if s.strip())
    unknown = [s for s in chosen if s not in DEV_SETS + REPORT_SETS]
    if unknown:
        ap.error(f"unknown set(s): {', '.join(unknown)}")

    rng = random.Random(args.seed)
    pool: list[tuple[Article, Finding]] = []  # dev warning+ findings (for --sample)
    fixes: list[tuple[Article, Finding]] = []  # dev applied safe fixes (for --fix-sample)
    totals: dict[str, tuple[int, Counter[str]]] = {}
    issue_sets = (0, 0)  # articles and warnings of issue 10's own report sets (newstest2013/2014)
    evidence: Counter[str] = Counter()  # TQ301 on report sets, by the kind of evidence (no text)
    print(f"{'set':28} {'kind':6} {'articles':>8} {'warn+/100':>9}  by rule (per 100 articles)")
    for name in chosen:
        arts = articles(name, args.articles)
        if not arts:
            continue
        report, owner = run_set(arts)
        found = warned(report)
        by_rule = Counter(f.rule for f in found)
        kind = "dev" if name in DEV_SETS else "report"
        n = len(arts)
        rates = ", ".join(f"{r} {100 * c / n:.1f}" for r, c in sorted(by_rule.items()))
        print(f"{name:28} {kind:6} {n:8d} {100 * len(found) / n:9.2f}  {rates or '-'}")
        prev_n, prev_rules = totals.get(kind, (0, Counter()))
        totals[kind] = (prev_n + n, prev_rules + by_rule)
        if kind != "dev":
            if name in ISSUE_REPORT_SETS:
                issue_sets = (issue_sets[0] + n, issue_sets[1] + len(found))
            evidence += Counter(str(dict(f.data).get("evidence")) for f in found if f.rule == "TQ301")
            continue  # report sets: aggregate counts only, never an item
        pool += [(owner[f.path], f) for f in found]
        if args.fix_sample:
            for fr in report.files:
                for f in safe_applied(fr.findings, fr.text):
                    fixes.append((owner[fr.path], f))
    for kind, (n, by_rule) in totals.items():
        total = sum(by_rule.values())
        rates = ", ".join(f"{r} {100 * c / n:.1f}" for r, c in sorted(by_rule.items()))
        print(f"{'ALL ' + kind:28} {kind:6} {n:8d} {100 * total / n:9.2f}  {rates or '-'}")
    if issue_sets[0]:
        label = "+".join(ISSUE_REPORT_SETS)
        print(
            f"{label:28} report {issue_sets[0]:8d} {100 * issue_sets[1] / issue_sets[0]:9.2f}  (issue 10's report sets)"
        )
    if evidence:
        print(
            "TQ301 on report sets by evidence: " + ", ".join(f"{k} {v}" for k, v in sorted(evidence.items()))
        )
    for label, path in (("judged precision", args.judged), ("judged safe fixes correct", args.judged_fixes)):
        judged = judged_precision(path)
        if judged is not None and judged[1]:
            ok, n = judged
            print(f"{label} ({path.name}): {ok}/{n} = {ok / n:.3f}")
    if args.sample:
        write_sample(args.out, rng.sample(pool, min(args.sample, len(pool))))
    if args.fix_sample:
        print(f"applied safe fixes on the development articles: {len(fixes)}")
        write_fix_sample(args.out, rng.sample(fixes, min(args.fix_sample, len(fixes))))
    return 0


def write_sample(out: Path, picked: list[tuple[Article, Finding]]) -> None:
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(["file", "line", "rule", "text", "message", "suggestion", "context"])
        for art, f in picked:
            w.writerow(
                [
                    f"{art.set_name}.eng",
                    art.corpus_line(f.location.line),
                    f.rule,
                    f.text,
                    f.message,
                    "" if f.suggestion is None else f.suggestion,
                    context(art.text, f.span.start, f.span.end),
                ]
            )
    print(f"wrote {len(picked)} findings to {out}")


def write_fix_sample(out: Path, picked: list[tuple[Article, Finding]]) -> None:
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(["file", "line", "rule", "text", "suggestion", "before", "after"])
        for art, f in picked:
            before = context(art.text, f.span.start, f.span.end)
            fixed = art.text[: f.span.start] + (f.suggestion or "") + art.text[f.span.end :]
            after = context(fixed, f.span.start, f.span.start + len(f.suggestion or ""))
            w.writerow(
                [
                    f"{art.set_name}.eng",
                    art.corpus_line(f.location.line),
                    f.rule,
                    f.text,
                    f.suggestion,
                    before,
                    after,
                ]
            )
    print(f"wrote {len(picked)} applied fixes to {out}")


if __name__ == "__main__":
    sys.exit(main())
