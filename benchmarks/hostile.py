"""Hostile inputs (issue 8): no input may make tqcheck hang, blow up memory or crash.

Each case generates its pathological input on the fly in a temporary folder, runs ``tqcheck`` on
it as a child process and records the child's wall time, peak resident memory (``ru_maxrss``
from ``os.wait4``, so only that child is measured), exit status and output size. A case passes
when the run finishes under the time and memory targets (10 s and 500 MB on a 2-core machine)
with a normal exit (0 or 1) and bounded output, or when tqcheck refuses the input cleanly (exit 2
with exactly one line on stderr). Crashes (signals, exit 3, tracebacks) always fail.

The child runs under a hard address-space cap (``--mem-cap``) and a kill timeout (``--timeout``) so
that a regression cannot take the machine down with it. The script exits 1 if any case fails.
It is a benchmark, not a unit test (``tests/test_bounded.py`` holds the fast structural tests).

    python benchmarks/hostile.py                  # every case
    python benchmarks/hostile.py --only abu,acro  # cases whose name contains one of these
    python benchmarks/hostile.py --list
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

#: Targets of issue 8 (on 2 cores).
MAX_SECONDS = 10.0
MAX_RSS_MB = 500.0
#: Output bigger than this, and bigger than OUTPUT_PER_INPUT times the input, fails too: a report
#: grows with its findings, never with findings times line length.
MAX_OUTPUT_MB = 64.0
OUTPUT_PER_INPUT = 100
#: What must never reach a terminal raw (UTF-8): ESC, BEL, CR, NEL, RLO, LRI.
RAW_CONTROLS = (b"\x1b", b"\x07", b"\r", b"\xc2\x85", b"\xe2\x80\xae", b"\xe2\x81\xa6")

NEWS = (
    "Syrian regime forces advanced on Thursday near Abu Douhour in Idleb province, according to the "
    "Syrian Observatory for Human Rights (OSDH). ",
    "The OSDH said fighters of Hayat Tahrir al-Cham were killed near Al-Tamanah and Al-Tamana. ",
    "The Islamic State group (IS) and ISIS fighters withdrew, while Daesh claimed the attack. ",
    "The United Nations Office for the Coordination of Humanitarian Affairs (OCHA) said that more "
    "than 100,000 people had fled Edlib since December, the ONU said. ",
    "President Bashar al-Assad met the North Atlantic Treaty Organization (OTAN) envoy in Damascus. ",
)


def _news(size: int, per_line: int = 5) -> str:
    """About ``size`` characters of news-like text dense with glossary and acronym findings."""
    parts: list[str] = []
    total = 0
    n = 0
    while total < size:
        s = NEWS[n % len(NEWS)]
        n += 1
        parts.append(s)
        total += len(s)
        if n % per_line == 0:
            parts.append("\n\n")
            total += 2
    return "".join(parts)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _article(tmp: Path, name: str, body: str) -> Path:
    head = "Syria: regime forces advance in Idleb\n\n"
    return _write(tmp / name, head + body + "\n\nThe OSDH said the fighting went on.\n")


def _glossary_yaml(tmp: Path, term: str) -> Path:
    text = (
        "name: hostile\nlanguage: en\nsource_language: fr\nentries:\n"
        "  - id: normal\n    canonical: Idlib\n    variants: [Idleb]\n"
        f"  - id: huge\n    canonical: Huge\n    variants: [{json.dumps(term)}]\n"
    )
    return _write(tmp / "big.yaml", text)


def _big_file(tmp: Path, megabytes: int) -> Path:
    path = tmp / "huge.txt"
    chunk = _news(1 << 20).encode()
    with path.open("wb") as fh:
        for _ in range(megabytes):
            fh.write(chunk)
    return path


def _skeleton_names(count: int) -> str:
    """Distinct one-word names that share a consonant skeleton (one blocking key, few matches)."""
    vowels = "aeiou"
    names = []
    for i in range(count):
        v = [vowels[(i // 5**k) % 5] for k in range(6)]
        names.append(f"B{v[0]}r{v[1]}d{v[2]}k{v[3]}m{v[4]}n{v[5]}")
    return ", ".join(names) + "."


Maker = Callable[[Path], list[str]]


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    make: Maker  # writes the input under the folder, returns tqcheck's arguments
    no_controls: bool = False  # the output must hold no raw control character (see RAW_CONTROLS)


def _check(*extra: str) -> Callable[[Path], list[str]]:
    return lambda p: ["check", str(p), *extra]


def _case(name: str, what: str, body: Callable[[], str], *extra: str, no_controls: bool = False) -> Case:
    return Case(name, what, lambda tmp: _check(*extra)(_article(tmp, f"{name}.txt", body())), no_controls)


def _hostile_news(size: int) -> str:
    """News text with terminal escapes, a bare CR and bidi overrides next to its findings."""
    text = _news(size)
    return text.replace("in Idleb", "in \x1b[2J\x1b]0;pwned\x07Idleb\r\u202e\x85\u2066", 50)


CASES: list[Case] = [
    _case("abu-8k", '"Abu " x 8,000 in an article', lambda: "Abu " * 8_000),
    _case("abu-100k", '"Abu " x 100,000 in an article', lambda: "Abu " * 100_000),
    _case(
        "ahmed-100k", '"Ahmed " x 100,000 (capitalised words joined by spaces)', lambda: "Ahmed " * 100_000
    ),
    _case("al-100k", '"Ahmed" + " al" x 100,000 + " Assad"', lambda: "Ahmed" + " al" * 100_000 + " Assad"),
    _case("bin-100k", '"Osama" + " bin" x 100,000 + " Laden"', lambda: "Osama" + " bin" * 100_000 + " Laden"),
    _case(
        "de-la-50k",
        '"Charles" + " de la" x 50,000 + " Gaulle"',
        lambda: "Charles" + " de la" * 50_000 + " Gaulle",
    ),
    _case("al-hyphen-100k", '"Al-" x 100,000 + "Assad" (one word)', lambda: "Al-" * 100_000 + "Assad"),
    _case(
        "hyphen-names-100k",
        '"Aba-" x 100,000 + "Aba" (one word of name parts)',
        lambda: "Aba-" * 100_000 + "Aba",
    ),
    _case("word-1mb", "one capitalised word of 1,000,000 letters", lambda: "A" + "b" * 1_000_000),
    _case(
        "long-word-pairs",
        "2,000 pairs of 500-letter names one letter apart",
        lambda: "\n".join(
            f"Xa{'b' * 500}{c} Foo and Xa{'b' * 500}{d} Foo."
            for c, d in zip("cdefg" * 400, "hijkl" * 400, strict=True)
        ),
    ),
    Case(
        "variants-64k",
        '`tqcheck variants` on 64 KB of "Abu "',
        lambda tmp: ["variants", str(_write(tmp / "v.txt", "Abu " * 16_000))],
    ),
    Case(
        "variants-skeleton",
        "`tqcheck variants` on 12,000 distinct names with one consonant skeleton",
        lambda tmp: ["variants", str(_write(tmp / "s.txt", _skeleton_names(12_000)))],
    ),
    _case(
        "check-skeleton", "12,000 distinct names with one consonant skeleton", lambda: _skeleton_names(12_000)
    ),
    _case(
        "acronyms-1.6mb", "1.6 MB of news dense with acronym and glossary findings", lambda: _news(1_600_000)
    ),
    _case("acronyms-5mb", "5 MB of news dense with acronym and glossary findings", lambda: _news(5_000_000)),
    _case(
        "acronyms-5mb-json",
        "5 MB dense news, JSON report",
        lambda: _news(5_000_000),
        "-f",
        "json",
    ),
    _case(
        "parens-10k", '10,000 "Quick Brown Fox (ABC)" on one line', lambda: "Quick Brown Fox (ABC) " * 10_000
    ),
    _case("parens-bare-10k", '10,000 "(ABC)" on one line', lambda: "(ABC) " * 10_000),
    _case(
        "parens-space",
        '"(" + 100,000 spaces + "ABC)", 10 times',
        lambda: ("(" + " " * 100_000 + "ABC) ") * 10,
    ),
    _case(
        "long-line-text",
        "a 1 MB one-line file with 1,000+ findings, text report",
        lambda: ("the fighting went on near Idleb " + "and then " * 110) * 1_000,
    ),
    _case(
        "long-line-github",
        "a 1 MB one-line file with 1,000+ findings, github report",
        lambda: ("the fighting went on near Idleb " + "and then " * 110) * 1_000,
        "-f",
        "github",
    ),
    _case(
        "long-span",
        "a 1 MB line whose findings span most of it (a long repeated-word run)",
        lambda: "the " * 250_000,
    ),
    _case(
        "controls",
        "terminal escapes and bidi overrides next to findings",
        lambda: _hostile_news(50_000),
        no_controls=True,
    ),
    _case(
        "controls-github",
        "the same through the github reporter",
        lambda: _hostile_news(50_000),
        "-f",
        "github",
        no_controls=True,
    ),
    _case("mechanics-dense", "100,000 doubled words and punctuation", lambda: "the the,, " * 100_000),
    _case("many-lines", "1,000,000 short lines (13 MB)", lambda: "Rebels left.\n" * 1_000_000),
    _case("findings-100k", "100,000 glossary findings, one per line", lambda: "Idleb.\n" * 100_000),
    Case(
        "glossary-600k-check",
        "a 600,000-character glossary term via -g",
        lambda tmp: [
            "check",
            "-g",
            str(_glossary_yaml(tmp, "Idleb " * 100_000)),
            str(_article(tmp, "a.txt", "x")),
        ],
    ),
    Case(
        "glossary-600k-validate",
        "a 600,000-character glossary term via `glossary validate`",
        lambda tmp: ["glossary", "validate", str(_glossary_yaml(tmp, "a" * 600_000))],
    ),
    Case(
        "glossary-600k-csv",
        "a 100,000-character canonical form in a CSV glossary (the csv module refuses longer)",
        lambda tmp: [
            "check",
            "-g",
            str(_write(tmp / "big.csv", "canonical,variants\n" + "B" * 100_000 + ",Idleb\n")),
            str(_article(tmp, "a.txt", "x")),
        ],
    ),
    Case(
        "glossary-600k-tbx",
        "a 600,000-character term in a TBX glossary",
        lambda tmp: [
            "glossary",
            "validate",
            str(
                _write(
                    tmp / "big.tbx",
                    '<?xml version="1.0"?><martif><text><body><termEntry id="t1"><langSet xml:lang="en">'
                    f"<tig><term>{'C' * 600_000}</term></tig></langSet></termEntry></body></text></martif>",
                )
            ),
        ],
    ),
    Case(
        "jsonl-bignum",
        "a .jsonl line with a 5,000-digit number",
        lambda tmp: [
            "check",
            str(
                _write(
                    tmp / "n.jsonl",
                    json.dumps({"source": "a", "target": "b"})[:-1] + ', "n": ' + "7" * 5_000 + "}\n",
                )
            ),
        ],
    ),
    Case(
        "jsonl-deep",
        "a .jsonl line with arrays nested 100,000 deep",
        lambda tmp: [
            "check",
            str(
                _write(
                    tmp / "d.jsonl",
                    '{"source": "a", "target": "b", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
                )
            ),
        ],
    ),
    Case(
        "file-200mb",
        "a 200 MB regular file (a size limit should refuse it)",
        lambda tmp: ["check", str(_big_file(tmp, 200))],
    ),
]


@dataclass
class Result:
    case: Case
    seconds: float
    rss_mb: float
    status: int | None  # exit code, or None when killed by a signal
    signal: int | None
    out_bytes: int
    in_bytes: int
    err_lines: list[str]
    timed_out: bool
    raw_controls: bool  # a raw control character was found in the output

    def verdict(self) -> tuple[bool, str]:
        if self.timed_out:
            return False, "killed: timeout"
        if self.signal is not None:
            return False, f"killed by signal {self.signal}"
        if self.status == 2:
            if len(self.err_lines) == 1:
                return True, "clean refusal"
            return False, f"exit 2 with {len(self.err_lines)} stderr lines"
        if self.status not in (0, 1) or any(line.startswith("Traceback") for line in self.err_lines):
            last = self.err_lines[-1][:80] if self.err_lines else ""
            return False, f"exit {self.status} {last}"
        problems = []
        if self.seconds > MAX_SECONDS:
            problems.append(f"> {MAX_SECONDS:.0f} s")
        if self.rss_mb > MAX_RSS_MB:
            problems.append(f"> {MAX_RSS_MB:.0f} MB")
        if self.out_bytes > max(MAX_OUTPUT_MB * 1e6, OUTPUT_PER_INPUT * self.in_bytes):
            problems.append(f"output > {OUTPUT_PER_INPUT}x input")
        if self.raw_controls:
            problems.append("raw control characters in output")
        return (not problems), ", ".join(problems) or "ok"


def _tqcheck() -> list[str]:
    exe = Path(sys.executable).with_name("tqcheck")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "tqcheck"]


def _drain(stream: IO[bytes], keep: bytearray, counter: list[int], limit: int) -> None:
    """Read a child's pipe to the end, counting bytes and keeping the first ``limit``."""
    while True:
        chunk = stream.read(1 << 16)
        if not chunk:
            return
        counter[0] += len(chunk)
        if len(keep) < limit:
            keep.extend(chunk[: limit - len(keep)])


def run_case(case: Case, tmp: Path, timeout: float, mem_cap_mb: int, command: list[str]) -> Result:
    args = case.make(tmp)
    in_bytes = sum(p.stat().st_size for p in tmp.rglob("*") if p.is_file())
    cap = mem_cap_mb << 20

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = dict(os.environ, NO_COLOR="1")
    env.pop("TQCHECK_DEBUG", None)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [*command, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=limits,  # the reader threads start after the fork
        env=env,
        cwd=tmp,
    )
    out_keep, err_keep = bytearray(), bytearray()
    out_n, err_n = [0], [0]
    readers = [
        threading.Thread(
            target=_drain,
            args=(proc.stdout, out_keep, out_n, 1 << 26 if case.no_controls else 0),
            daemon=True,
        ),
        threading.Thread(target=_drain, args=(proc.stderr, err_keep, err_n, 1 << 16), daemon=True),
    ]
    for r in readers:
        r.start()
    timed_out = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - t0 > timeout:
            timed_out = True
            os.kill(proc.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.01)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
    for r in readers:
        r.join(5)
    code = os.waitstatus_to_exitcode(status)
    err_lines = err_keep.decode("utf-8", "replace").splitlines()
    return Result(
        case,
        seconds,
        usage.ru_maxrss / 1024,  # KiB on Linux
        code if code >= 0 else None,
        -code if code < 0 else None,
        out_n[0],
        in_bytes,
        err_lines,
        timed_out,
        any(c in out_keep for c in RAW_CONTROLS),
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default="", help="comma-separated substrings of case names to run")
    ap.add_argument("--skip", default="", help="comma-separated substrings of case names to skip")
    ap.add_argument("--timeout", type=float, default=60.0, help="kill a child after this many seconds")
    ap.add_argument("--mem-cap", type=int, default=3072, help="address-space cap of a child, in MB")
    ap.add_argument(
        "--command",
        help="how to run tqcheck, split like a shell command (default: the tqcheck script next to this "
        "Python, else 'python -m tqcheck'); the environment, PYTHONPATH included, is passed on",
    )
    ap.add_argument("--keep", type=Path, help="write the inputs here instead of a temporary folder")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    opts = ap.parse_args(argv)
    only = [s for s in opts.only.split(",") if s]
    skip = [s for s in opts.skip.split(",") if s]
    cases = [
        c
        for c in CASES
        if (not only or any(s in c.name for s in only)) and not any(s in c.name for s in skip)
    ]
    if opts.list:
        for c in cases:
            print(f"{c.name:24} {c.what}")
        return 0
    command = shlex.split(opts.command) if opts.command else _tqcheck()
    results: list[Result] = []
    header = f"{'case':24} {'time s':>7} {'peak MB':>8} {'exit':>5} {'out MB':>8}  verdict"
    print(header)
    print("-" * len(header))
    for c in cases:
        tmp = Path(tempfile.mkdtemp(prefix=f"tq-{c.name}-", dir=opts.keep))
        try:
            r = run_case(c, tmp, opts.timeout, opts.mem_cap, command)
        finally:
            if opts.keep is None:
                shutil.rmtree(tmp, ignore_errors=True)
        results.append(r)
        ok, why = r.verdict()
        code = str(r.status) if r.status is not None else f"-{r.signal}"
        print(
            f"{c.name:24} {r.seconds:7.2f} {r.rss_mb:8.0f} {code:>5} {r.out_bytes / 1e6:8.2f}  "
            f"{'PASS' if ok else 'FAIL'} ({why})",
            flush=True,
        )
        if r.status == 2 and r.err_lines:
            print(f"{'':24} stderr: {r.err_lines[0][:100]}")
    failed = [r for r in results if not r.verdict()[0]]
    print(f"\n{len(results) - len(failed)} of {len(results)} cases pass", end="")
    print(f"; failing: {', '.join(r.case.name for r in failed)}" if failed else "")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
