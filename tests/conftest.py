"""Shared paths and helpers for the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

try:  # property tests: a fixed seed and bounded examples in CI, many more with TQCHECK_FUZZ=long
    from hypothesis import settings

    settings.register_profile("ci", max_examples=100, derandomize=True, deadline=None, print_blob=True)
    settings.register_profile("long", max_examples=1_000_000, deadline=None, print_blob=True)
    settings.load_profile("long" if os.environ.get("TQCHECK_FUZZ") == "long" else "ci")
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    pass

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DATA = Path(__file__).resolve().parent / "data"
SEED = FIXTURES / "afp-idleb-2018-01-11.en.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def repo_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root so reported paths are the short relative ones."""
    monkeypatch.chdir(ROOT)
    return ROOT


def run_tqcheck(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    """``python -m tqcheck ARGS`` as a real process (signals, streams, exit codes), text output."""
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "tqcheck", *args],
        text=True,
        timeout=120,
        **kw,  # type: ignore[call-overload]
    )
