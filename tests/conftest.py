"""Shared paths and helpers for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

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
