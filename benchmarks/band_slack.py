"""How narrow the aligner's anchored band may be: findings and time of the bilingual check on long
documents of the WMT development years, per slack (``tqcheck.bilingual.align.ANCHOR_SLACK``).

The short articles of ``bilingual_eval.py`` fit in any band, so they cannot tell the slack; here
each document has about 1,500 pairs in paragraphs of two or three, with faults planted where a
band would matter: sentences dropped (the sides drift apart), whole paragraphs dropped (a jump
the anchors must follow), and unrelated sentences added. Each slack's findings are compared
with the widest one's: a narrower band that finds the same is only faster.

    python benchmarks/band_slack.py [--docs 4] [--pairs 1500] [--slacks 10 8 6 4]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsdata import have_wmt, wmt_pairs

import tqcheck.bilingual.align as align
from tqcheck.api import check_files, load_settings
from tqcheck.settings import Flags


def document(pairs: int, seed: int) -> tuple[str, str, int]:
    """(French source, English translation, planted faults) of about ``pairs`` consecutive pairs."""
    rng = random.Random(seed)
    data = wmt_pairs()
    start = rng.randrange(len(data))
    src: list[str] = []
    tgt: list[str] = []
    faults = n = 0
    while n < pairs:
        size = min(rng.randint(2, 3), pairs - n)
        chunk = [data[(start + n + k) % len(data)] for k in range(size)]
        n += size
        src.append(" ".join(f for _, f in chunk))
        if rng.random() < 0.02:  # a paragraph left out
            faults += 1
            continue
        kept = []
        for e, _ in chunk:
            if rng.random() < 1 / 40:  # a sentence left out
                faults += 1
                continue
            kept.append(e)
            if rng.random() < 1 / 80:  # a sentence from elsewhere added
                faults += 1
                kept.append(data[rng.randrange(len(data))][0])
        if kept:
            tgt.append(" ".join(kept))
    return "\n\n".join(src) + "\n", "\n\n".join(tgt) + "\n", faults


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=4)
    ap.add_argument("--pairs", type=int, default=1500)
    ap.add_argument("--slacks", type=int, nargs="+", default=[10, 8, 6, 4])
    args = ap.parse_args()
    if not have_wmt():
        sys.exit("the WMT development sets are not in ../shared/data: nothing to measure")
    settings = load_settings(Flags(select=["TQ4"], lang="en"), start=Path(tempfile.gettempdir()))
    widest = max(args.slacks)
    print(f"{args.docs} documents of about {args.pairs:,} pairs; findings compared with slack {widest}")
    print(f"{'doc':>4} {'faults':>6} " + " ".join(f"{f'slack {s}':>22}" for s in args.slacks))
    totals = {s: [0.0, 0] for s in args.slacks}
    with tempfile.TemporaryDirectory() as tmp:
        for d in range(args.docs):
            source, target, faults = document(args.pairs, seed=100 + d)
            folder = Path(tmp)
            (folder / "story.fr.txt").write_text(source, encoding="utf-8")
            (folder / "story.en.txt").write_text(target, encoding="utf-8")
            found = {}
            cells = []
            for slack in sorted(args.slacks, reverse=True):
                align.ANCHOR_SLACK = slack
                began = time.process_time()
                report = check_files([folder / "story.en.txt"], settings, source=folder / "story.fr.txt")
                seconds = time.process_time() - began
                found[slack] = {
                    (f.rule, f.location.line, f.location.column, f.message) for f in report.findings
                }
                differ = len(found[slack] ^ found[widest])
                totals[slack][0] += seconds
                totals[slack][1] += differ
                cells.append((slack, f"{seconds:5.2f} s {len(found[slack]):4} ({differ} differ)"))
            by_slack = dict(cells)
            print(f"{d:>4} {faults:>6} " + " ".join(f"{by_slack[s]:>22}" for s in args.slacks))
    print(
        f"{'all':>4} {'':>6} "
        + " ".join(f"{f'{totals[s][0]:6.2f} s, {totals[s][1]} differ':>22}" for s in args.slacks)
    )


if __name__ == "__main__":
    main()
