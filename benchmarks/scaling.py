"""Scale (issue 16), in one run: every figure of the issue's "Done when", end to end.

Each measurement runs the real ``tqcheck`` command (or a small Python child) under ``nice`` in
its own process and reads that process's wall time and peak memory (max RSS of its largest
process, from ``wait4``), so start-up, glossary loading, decoding and the report are counted, and
one measurement's memory never hides another's. Sections (``--only``, comma-separated):

- ``grep``: ``grep -F -w -f`` with the variants of a 20,000-entry glossary over 10 MB of text
  beside ``tqcheck check --select TQ101`` (cold and warm glossary cache) and the full check;
- ``sizes``: the 1/10/100 MB curve of WMT news (dev years) with the same glossary, TQ101 only
  and the full check (``--full-sizes``; linear: 4 MB <= 4.5x of 1 MB);
- ``load``: the 1k/20k/200k-entry glossary load, YAML parsed and compiled (cold) and read back
  from the user cache (warm);
- ``bilingual``: 1,500/3,000/6,000 WMT sentence pairs (dev years), TQ4 rules, pairs/s;
- ``jobs``: ``--jobs 1`` against ``--jobs 2`` on 2,000 ten-line articles, output compared;
- ``ray``: the archive checked on a local Ray instance of 1 and 2 workers (timed without Ray's start; needs the
  ``distributed`` extra), findings compared with ``--engine local``.

Targets (issue 16): TQ101 >= 20 MB/s on 10 MB, full check >= 4 MB/s, 20k entries load < 0.2 s,
bilingual >= 200 pairs/s and linear, 100 MB under 400 MB peak, --jobs 2 >= 1.7x.

    python benchmarks/scaling.py                      # everything (tens of minutes on 2 cores)
    python benchmarks/scaling.py --quick              # small sizes, to try a change
    python benchmarks/scaling.py --only grep,load --megabytes 2
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import filecmp
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from glossary_throughput import build
from newsdata import DEV_SETS, WMT, bilingual, have_wmt, news_text

from tqcheck.glossary.model import Glossary

ROOT = Path(__file__).resolve().parents[1]
TQCHECK = str(Path(sys.executable).with_name("tqcheck"))
SECTIONS = ("grep", "sizes", "load", "bilingual", "jobs", "ray")


@dataclass
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system of the process and the workers it waited for
    peak_mb: float
    rc: int
    stderr: str

    @property
    def cpu_note(self) -> str:
        """CPU seconds beside the wall clock: on a shared machine the wall clock includes waiting."""
        return f"cpu {self.cpu:6.2f} s"


#: Runs the measured command from a small process of its own: a child forked from this one would
#: count this process's memory (the texts it generated) in its peak until it executes the command.
_WRAPPER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(proc.pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    json.dump([seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status)], out)
"""


def measure(cmd: Sequence[str], env: dict[str, str] | None = None, stdout: Path | None = None) -> Run:
    """Wall time, CPU time and peak memory of one command, run under ``nice`` in its own process."""
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open(stdout, "wb")) if stdout else subprocess.DEVNULL
        err = stack.enter_context(tempfile.TemporaryFile())
        stats = stack.enter_context(tempfile.NamedTemporaryFile("r", suffix=".json"))
        wrapped = ["nice", sys.executable, "-S", "-c", _WRAPPER, stats.name, *cmd]
        subprocess.run(wrapped, stdout=out, stderr=err, env=env, cwd=ROOT, check=False)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
        seconds, cpu, maxrss, rc = json.loads(stats.read() or "[0, 0, 0, -1]")
    return Run(seconds, cpu, maxrss / 1024, rc, text)


def check_ok(run: Run, what: str) -> None:
    if run.rc not in (0, 1):
        sys.exit(f"{what} failed (exit {run.rc}):\n{run.stderr[-2000:]}")


def write_glossary_yaml(glossary: Glossary, path: Path) -> None:
    """The one-language form (``canonical``/``variants``): what a desk exports from a termbase."""
    lines = ["name: bench", "language: en", "source_language: fr", "entries:"]
    for e in glossary.entries:
        lines.append(f"  - id: {e.id}\n    canonical: {e.canonical!r}")
        if e.variants:
            lines.append("    variants: [" + ", ".join(repr(v) for v in e.variants) + "]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def env_with_cache(cache: Path) -> dict[str, str]:
    return {**os.environ, "TQCHECK_CACHE_DIR": str(cache)}


def tq(*args: str) -> list[str]:
    return [TQCHECK, "check", *args, "--lang", "en", "--max-file-size", "2GB"]


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args = args
        self.work = work
        self.cache = work / "cache"
        self.env = env_with_cache(self.cache)
        self._glossary: tuple[Path, Path, Path] | None = None

    def glossary_and_text(self) -> tuple[Path, Path, Path]:
        """The 20k-entry glossary (YAML), its variants (one per line, for grep) and the text."""
        if self._glossary is None:
            glossary, _ = build(self.args.entries, 0.0, 1)
            # WMT news (dev years), every fifth sentence naming one of the entries, one in five
            # of those in a variant spelling: real-looking text, the same for grep and tqcheck
            right = [e.canonical for e in glossary.entries]
            wrong = [v for e in glossary.entries for v in e.variants]
            text = news_text(self.args.megabytes, forms=(right, wrong))
            gpath, vpath, tpath = self.work / "g.yaml", self.work / "variants.txt", self.work / "text.txt"
            write_glossary_yaml(glossary, gpath)
            vpath.write_text(
                "".join(v + "\n" for e in glossary.entries for v in e.variants), encoding="utf-8"
            )
            tpath.write_text(text, encoding="utf-8")
            self._glossary = gpath, vpath, tpath
        return self._glossary

    def grep(self) -> None:
        gpath, vpath, tpath = self.glossary_and_text()
        mb = tpath.stat().st_size / 1e6
        n = sum(1 for _ in vpath.open(encoding="utf-8"))
        print(f"\n== grep -F -f beside tqcheck: {n:,} variants of {self.args.entries:,} entries, {mb:.1f} MB")
        g = measure(["grep", "-F", "-w", "-c", "-f", str(vpath), str(tpath)])
        print(
            f"grep -F -w -f          {g.seconds:7.2f} s  {mb / g.seconds:7.1f} MB/s  {g.cpu_note}  peak {g.peak_mb:6.0f} MB"
        )
        common = ["--no-default-glossaries", "-g", str(gpath), "-f", "json", "-o", str(self.work / "o.json")]
        self.warm(common)
        shutil.rmtree(self.work / "cache-cold", ignore_errors=True)  # cold in a kept folder too
        cold = env_with_cache(self.work / "cache-cold")  # nothing compiled yet: the YAML parsed
        for label, env, times in (
            ("TQ101 (cold cache)", cold, 1),
            ("TQ101 (warm cache)", self.env, self.args.repeat),
        ):
            runs = sorted(
                (measure(tq(str(tpath), "--select", "TQ101", *common), env) for _ in range(times)),
                key=lambda run: run.seconds,
            )
            for run in runs:
                check_ok(run, label)
            r = runs[len(runs) // 2]  # the median run: one run on a shared machine is noise
            spread = f"  (of {times}: fastest {runs[0].seconds:.2f} s, slowest {runs[-1].seconds:.2f} s)"
            print(
                f"tqcheck {label:<15}{r.seconds:7.2f} s  {mb / r.seconds:7.1f} MB/s  {r.cpu_note}  peak {r.peak_mb:6.0f} MB"
                f"  ({r.seconds / g.seconds:.0f}x grep; target >= 20 MB/s){spread if times > 1 else ''}"
            )
        r = measure(tq(str(tpath), *common), self.env)
        check_ok(r, "full check")
        print(
            f"tqcheck full check     {r.seconds:7.2f} s  {mb / r.seconds:7.1f} MB/s  {r.cpu_note}  peak {r.peak_mb:6.0f} MB"
            f"  ({r.seconds / g.seconds:.0f}x grep; target >= 4 MB/s)"
        )

    def warm(self, args: list[str]) -> None:
        """One full check of a short text with these glossaries, so the user cache holds what
        every run reuses (the compiled glossaries, the place-name index) before any is timed."""
        sample = self.work / "warm.txt"
        sample.write_text(news_text(0.02), encoding="utf-8")
        check_ok(measure(tq(str(sample), *args), self.env), "warm-up")

    def sizes(self) -> None:
        gpath, _, _ = self.glossary_and_text()
        self.warm(["-g", str(gpath), "-o", str(self.work / "o.json")])
        source = "WMT news dev years" if have_wmt() else "template sentences (no WMT data)"
        print(f"\n== size curve: {source} with the shipped glossaries and {self.args.entries:,} entries more")
        wanted = sorted({*self.args.sizes, *self.args.full_sizes})
        seconds: dict[tuple[str, float], float] = {}
        for size in wanted:
            path = self.work / f"news-{size:g}mb.txt"
            path.write_text(news_text(size), encoding="utf-8")
            mb = path.stat().st_size / 1e6
            out = ["-g", str(gpath), "-f", "json", "-o", str(self.work / "o.json")]
            rows = []
            if size in self.args.sizes:
                rows.append(("TQ101", ["--select", "TQ101"]))
            if size in self.args.full_sizes:
                rows.append(("full", []))
            for label, extra in rows:
                r = measure(tq(str(path), *extra, *out), self.env)
                check_ok(r, f"{label} on {size} MB")
                seconds[(label, size)] = r.seconds
                print(
                    f"{label:<6}{mb:7.1f} MB  {r.seconds:8.2f} s  {mb / r.seconds:6.2f} MB/s  {r.cpu_note} ({mb / r.cpu:.2f} MB/s)  "
                    f"peak {r.peak_mb:6.0f} MB"
                )
            path.unlink()
        for label in ("TQ101", "full"):
            got = sorted((s, t) for (lb, s), t in seconds.items() if lb == label)
            if len(got) >= 2:
                (s0, t0), rest = got[0], got[1:]
                ratios = ", ".join(f"{s:g} MB = {t / t0:.1f}x of {s0:g} MB" for s, t in rest)
                print(f"{label} linearity: {ratios}")

    def load(self) -> None:
        print("\n== glossary load: YAML parsed and compiled (cold cache), then read from the cache (warm)")
        for entries in self.args.load_entries:
            glossary, _ = build(entries, 0.0, 1)
            path = self.work / f"load-{entries}.yaml"
            write_glossary_yaml(glossary, path)
            cache = self.work / f"cache-load-{entries}"
            shutil.rmtree(cache, ignore_errors=True)
            code = (
                "import time; from pathlib import Path; t=time.perf_counter();"
                "from tqcheck.glossary.compiled import compiled_matcher;"
                f"m=compiled_matcher([Path({str(path)!r})], 'fr', 'en');"
                "print(f'{time.perf_counter()-t:.3f} {len(m)}')"
            )
            for label in ("cold", "warm"):
                r = measure([sys.executable, "-c", code], env_with_cache(cache), self.work / "load.out")
                check_ok(r, f"load {entries}")
                inner, keys = (self.work / "load.out").read_text().split()
                print(
                    f"{entries:>8,} entries {label}: {float(inner):6.3f} s in the process "
                    f"({r.seconds:5.2f} s with start-up), {int(keys):,} keys, peak {r.peak_mb:5.0f} MB"
                )
            path.unlink()
        print("target: 20k entries < 0.2 s, 200k < 2 s (warm)")

    def bilingual(self) -> None:
        self.warm(["-o", str(self.work / "o.json")])
        print("\n== bilingual (TQ4 rules), WMT dev years, one article of N pairs (1 in 60 dropped)")
        rates = []
        for pairs in self.args.pairs:
            src, tgt = bilingual(pairs)
            folder = self.work / f"bi-{pairs}"
            folder.mkdir(exist_ok=True)
            (folder / "story.fr.txt").write_text(src, encoding="utf-8")
            (folder / "story.en.txt").write_text(tgt, encoding="utf-8")
            r = measure(
                tq(
                    str(folder / "story.en.txt"),
                    "--source",
                    str(folder / "story.fr.txt"),
                    "--select",
                    "TQ4",
                    "-f",
                    "json",
                    "-o",
                    str(self.work / "o.json"),
                ),
                self.env,
            )
            check_ok(r, f"bilingual {pairs}")
            rates.append((pairs, r.seconds))
            print(
                f"{pairs:>6,} pairs  {r.seconds:7.2f} s  {pairs / r.seconds:6.0f} pairs/s  {r.cpu_note} "
                f"({pairs / r.cpu:.0f} pairs/s)  peak {r.peak_mb:5.0f} MB"
            )
        if len(rates) >= 2:
            (p0, t0), rest = rates[0], rates[1:]
            print(
                "linearity: "
                + ", ".join(f"{p:,} = {t / t0:.2f}x of {p0:,} ({p / p0:g}x the pairs)" for p, t in rest)
            )
        print("target: >= 200 pairs/s, linear")

    def folder(self, count: int) -> Path:
        """``count`` articles of about ten English lines of the WMT dev years, one file each."""
        folder = self.work / f"articles-{count}"
        if folder.is_dir():
            return folder
        folder.mkdir()
        lines: list[str] = []
        for name in DEV_SETS if have_wmt() else ():
            lines += [
                x.strip() for x in (WMT / f"{name}.eng").read_text(encoding="utf-8").splitlines() if x.strip()
            ]
        if not lines:
            lines = news_text(0.5).split("\n\n")
        rng = random.Random(5)
        at = 0
        for i in range(count):
            size = rng.randint(8, 12)
            chunk = [lines[(at + k) % len(lines)] for k in range(size)]
            at += size
            (folder / f"article-{i:05d}.txt").write_text("\n\n".join(chunk) + "\n", encoding="utf-8")
        return folder

    def jobs(self) -> None:
        folder = self.folder(self.args.articles)
        # one untimed pass over the very folder: what the user cache keeps of it (wordfreq's own
        # answers for its odd words) is then there for both timed runs alike
        check_ok(measure(tq(str(folder), "-o", str(self.work / "o.json")), self.env), "warm-up")
        print("\nload average: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()), end="")
        print(
            f"\n== --jobs on {self.args.articles:,} articles of ~10 WMT lines (default glossaries, full check)"
        )
        times = {}
        for jobs in (1, 2):
            for fmt in ("json", "text", "sarif"):
                out = self.work / f"jobs{jobs}.{fmt}"
                r = measure(tq(str(folder), "--jobs", str(jobs), "-f", fmt, "-o", str(out)), self.env)
                check_ok(r, f"--jobs {jobs}")
                if fmt == "json":
                    times[jobs] = r.seconds
                    print(
                        f"--jobs {jobs}: {r.seconds:7.2f} s  {r.cpu_note}  peak {r.peak_mb:5.0f} MB (largest process)"
                    )
        same = all(
            filecmp.cmp(self.work / f"jobs1.{f}", self.work / f"jobs2.{f}", False)
            for f in ("json", "text", "sarif")
        )
        print(
            f"speed-up --jobs 2: {times[1] / times[2]:.2f}x (target >= 1.7x); "
            f"json, text and sarif byte-identical: {same}"
        )

    def ray(self) -> None:
        try:
            import ray  # noqa: F401
        except ImportError:
            print("\n== ray: not installed (pip install -e '.[distributed]'); skipped")
            return
        folder = self.folder(self.args.ray_articles)
        self.warm(["-o", str(self.work / "o.json")])
        print(f"\n== archive on Ray, {self.args.ray_articles:,} articles, local instance")
        print("load average: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
        local = self.work / "local.jsonl"
        r = measure(
            [TQCHECK, "archive", str(folder), "--lang", "en", "--workers", "1", "-o", str(local)], self.env
        )
        check_ok(r, "archive local")
        print(
            f"tqcheck archive --engine local, 1 process: {r.seconds:7.2f} s  {r.cpu_note}  peak {r.peak_mb:5.0f} MB"
        )
        times = {}
        for workers in (1, 2):
            out = self.work / f"ray{workers}.jsonl"
            timing = self.work / f"ray{workers}.seconds"
            r = measure(
                [sys.executable, "-c", RAY_RUN, str(folder), str(workers), str(out), str(timing)], self.env
            )
            check_ok(r, f"ray {workers}")
            times[workers] = float(timing.read_text())
            same = filecmp.cmp(local, out, False)
            print(
                f"Ray, {workers} worker{'s' if workers > 1 else ''}: {times[workers]:7.2f} s checking "
                f"({r.seconds:.2f} s with Ray's start), findings identical to local: {same}"
            )
        print(f"Ray scaling 1 -> 2 workers: {times[1] / times[2]:.2f}x (the check, Ray's start left out)")


#: A local Ray instance with N CPUs, then the archive checked on it: the check is timed alone.
RAY_RUN = """
import sys, time
import ray
from tqcheck.archive import encode
from tqcheck.config import Config
from tqcheck.distributed import check_ray
from tqcheck.runner import load_documents
from tqcheck.settings import Flags, resolve
folder, workers, out, timing = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, logging_level=40)
settings = resolve(Flags(lang="en"), Config())
docs = load_documents([folder], settings)
start = time.perf_counter()
report = check_ray(docs, settings, workers=workers)
open(timing, "w").write(str(time.perf_counter() - start))
open(out, "wb").write(encode(report, "jsonl"))
"""


def cpu_reference() -> float:
    """Seconds a fixed pure-Python loop takes here (best of three): the same machine has run this
    loop 40% slower within one session, so figures are comparable only beside their reference."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(3_000_000):
            total += i * i
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated: {', '.join(SECTIONS)}")
    ap.add_argument("--quick", action="store_true", help="small sizes everywhere (a try, not the figures)")
    ap.add_argument("--entries", type=int, default=20_000)
    ap.add_argument("--megabytes", type=float, default=10.0, help="text for the grep comparison")
    ap.add_argument(
        "--repeat", type=int, default=5, help="runs of the warm TQ101 check (the median is shown)"
    )
    ap.add_argument("--sizes", type=float, nargs="*", default=[1, 10, 100], help="MB, TQ101")
    ap.add_argument("--full-sizes", type=float, nargs="*", default=[1, 4, 10, 100], help="MB, full check")
    ap.add_argument("--load-entries", type=int, nargs="*", default=[1_000, 20_000, 200_000])
    ap.add_argument("--pairs", type=int, nargs="*", default=[1_500, 3_000, 6_000])
    ap.add_argument("--articles", type=int, default=2_000)
    ap.add_argument("--ray-articles", type=int, default=2_000)
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = ap.parse_args()
    if args.quick:
        args.megabytes, args.sizes, args.full_sizes = 1.0, [0.25, 1], [0.25, 1]
        args.load_entries, args.pairs, args.articles, args.ray_articles = (
            [1_000, 20_000],
            [300, 600],
            200,
            100,
        )
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(only) - set(SECTIONS)
    if unknown:
        ap.error(f"unknown sections {sorted(unknown)}")
    print(f"tqcheck scaling, {os.cpu_count()} cores (nice), python {sys.version.split()[0]}")
    print(
        "load average at the start: {:.1f} {:.1f} {:.1f} (wall clocks stretch above the cores)".format(
            *os.getloadavg()
        )
    )
    # as installed from a wheel (pip compiles the modules): a source checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would otherwise compile every changed module again in each run
    compileall.compile_dir(str(ROOT / "tqcheck"), quiet=1)
    print(f"cpu reference at the start: {cpu_reference():.3f} s (a fixed Python loop; lower is faster)")
    work = args.keep or Path(tempfile.mkdtemp(prefix="tqcheck-scaling-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        bench = Bench(args, work)
        for section in SECTIONS:
            if section in only:
                getattr(bench, section)()
        print(f"\ncpu reference at the end: {cpu_reference():.3f} s")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
