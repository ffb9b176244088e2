"""The progress bar (issue 15): drawn on a terminal's standard error for long runs only, and the
report on standard output is the same with it."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tqcheck.cli import progress


def folder(tmp_path: Path, n: int) -> Path:
    for i in range(n):
        (tmp_path / f"a{i:02}.txt").write_text(f"Story {i}: fighting went on in Idleb. .\n")
    return tmp_path


def run(path: Path, *, tty: bool) -> tuple[bytes, bytes]:
    """``tqcheck check PATH -f json`` with standard error on a pseudo-terminal or a pipe."""
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "80"}
    cmd = [sys.executable, "-m", "tqcheck", "check", str(path), "-f", "json"]
    if not tty:
        done = subprocess.run(cmd, capture_output=True, env=env, timeout=120, check=False)
        return done.stdout, done.stderr
    master, slave = pty.openpty()
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=slave, env=env) as proc:
        os.close(slave)
        err = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            err += chunk
        out = proc.stdout.read() if proc.stdout else b""
        proc.wait(timeout=120)
    os.close(master)
    return out, err


@pytest.mark.slow
def test_a_long_run_on_a_terminal_shows_a_bar_and_the_same_report(tmp_path: Path) -> None:
    path = folder(tmp_path, progress.FROM + 5)
    out_tty, err_tty = run(path, tty=True)
    out_pipe, err_pipe = run(path, tty=False)
    assert out_tty == out_pipe and b'"rule": "TQ101"' in out_tty
    assert b"checking" in err_tty and f"/{progress.FROM + 5}".encode() in err_tty
    assert b"checking" not in err_pipe


def test_no_bar_for_short_runs_dumb_terminals_or_no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setenv("TERM", "xterm")
    assert progress.wanted(progress.FROM, "auto")
    assert not progress.wanted(progress.FROM - 1, "auto")
    assert not progress.wanted(progress.FROM, "never")
    monkeypatch.setenv("TERM", "dumb")
    assert not progress.wanted(progress.FROM, "auto")
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert not progress.wanted(progress.FROM, "auto")
