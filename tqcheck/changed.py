"""Only what a change touched: ``--changed-lines-from REF`` keeps findings on added or changed lines.

The lines come from ``git diff --unified=0 REF``, read hunk by hunk (``@@ -a,b +c,d @@``): a CI job
on a pull request then reports what the pull request wrote, not what the archive already held.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import replace

from tqcheck.errors import InputError
from tqcheck.model import Finding, Report

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)
_FILE = re.compile(r"^\+\+\+ (?:b/)?(.*)$", re.M)


def _git(args: list[str], cwd: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=120
        )
    except FileNotFoundError:
        raise InputError("--changed-lines-from needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise InputError("git diff took over two minutes; give a nearer REF") from None
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["git failed"])[0]
        raise InputError(f"git {' '.join(args[:2])}: {first}")
    return done.stdout


def parse_diff(diff: str) -> dict[str, set[int]]:
    """``{path relative to the repository: added or changed line numbers}`` of a zero-context diff."""
    lines: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        m = _FILE.match(line)
        if m:
            path = m.group(1)
            current = None if path == "/dev/null" else lines.setdefault(path, set())
            continue
        m = _HUNK.match(line)
        if m and current is not None:
            start, count = int(m.group(1)), int(m.group(2) or "1")
            current.update(range(start, start + count))
    return lines


def changed_lines(ref: str, cwd: str = ".") -> dict[str, set[int]]:
    """Changed lines by real path, for the working tree against ``ref`` (untracked files: all lines)."""
    root = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    by_repo_path = parse_diff(_git(["diff", "--unified=0", "--no-color", "--no-ext-diff", ref, "--"], root))
    out = {os.path.realpath(os.path.join(root, p)): ls for p, ls in by_repo_path.items()}
    for p in _git(["ls-files", "--others", "--exclude-standard"], root).splitlines():
        out[os.path.realpath(os.path.join(root, p))] = {0}  # 0: every line is new
    return out


def _touches(f: Finding, changed: dict[str, set[int]]) -> bool:
    lines = changed.get(os.path.realpath(f.path), set())
    return 0 in lines or any(line in lines for line in range(f.location.line, f.location.end_line + 1))


def on_changed_lines(report: Report, changed: dict[str, set[int]]) -> Report:
    """``report`` keeping only findings that touch a changed line of the file they point into."""
    files = tuple(
        replace(fr, findings=tuple(f for f in fr.findings if _touches(f, changed))) for fr in report.files
    )
    return replace(report, files=files)
