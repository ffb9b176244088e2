"""Start-up of a one-article, glossary-only check against the interpreter's own start-up.

Target (issue 15): under 0.3 s more than ``python -c pass``. Runs each command several times and
keeps the best, so a busy machine measures what the code costs rather than what the machine is
doing; prints both and the difference, and the top imports by cumulative time.

    python benchmarks/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "fixtures" / "afp-idleb-2018-01-11.en.txt"


def best(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, check=False)
        times.append(time.perf_counter() - t0)
    return min(times)


def top_imports(cmd: list[str], n: int = 12) -> list[tuple[float, str]]:
    """The slowest imports (cumulative ms) from ``-X importtime``."""
    done = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], capture_output=True, text=True, cwd=ROOT)
    rows = []
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|\s*(\S+)", line)
        if m and not m.group(2).startswith("_"):
            rows.append((int(m.group(1)) / 1000, m.group(2)))
    return sorted(rows, reverse=True)[:n]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    check = [sys.executable, "-m", "tqcheck", "check", str(ARTICLE), "--select", "TQ1,TQ5"]
    bare = best([sys.executable, "-c", "pass"], args.runs)
    run = best(check, args.runs)
    print(f"python -c pass                 {bare * 1000:7.0f} ms (best of {args.runs})")
    print(f"tqcheck check one article      {run * 1000:7.0f} ms")
    print(f"difference                     {(run - bare) * 1000:7.0f} ms (target < 300 ms)")
    print("slowest imports (cumulative ms):")
    for ms, name in top_imports(check):
        print(f"  {ms:7.1f}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
