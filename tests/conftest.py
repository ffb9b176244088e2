"""Shared paths and helpers for the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tqcheck.checks.base import Context
    from tqcheck.document import Document
    from tqcheck.model import Report

try:  # property tests: a fixed seed and bounded examples in CI; TQCHECK_FUZZ=long (and
    # TQCHECK_FUZZ_EXAMPLES=N per test) runs random seeds for as long as it takes
    from hypothesis import settings

    settings.register_profile("ci", max_examples=100, derandomize=True, deadline=None, print_blob=True)
    settings.register_profile(
        "long",
        max_examples=int(os.environ.get("TQCHECK_FUZZ_EXAMPLES", "20000")),
        deadline=None,
        print_blob=True,
    )
    settings.load_profile("long" if os.environ.get("TQCHECK_FUZZ") == "long" else "ci")
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    pass

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DATA = Path(__file__).resolve().parent / "data"
SEED = FIXTURES / "afp-idleb-2018-01-11.en.txt"
SHARED = ROOT.parent / "shared"  # ../shared next to the checkout, never an absolute path

#: One row of a report: (rule, line, column, text, suggestion).
Row = tuple[str, int, int, str, str | None]


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """en->fr (the back direction of a fr->en article) and fr->en models, trained to memorise."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("sentencepiece")
    import torch

    torch.set_num_threads(2)
    root = tmp_path_factory.mktemp("tiny-models")
    from .neural_model import build_tiny_marian, train_spm

    spm_model = train_spm(root / "spm")
    return {
        "en-fr": build_tiny_marian(root / "opus-mt-en-fr", spm_model, "en-fr", steps=90, seed=1),
        "fr-en": build_tiny_marian(root / "opus-mt-fr-en", spm_model, "fr-en", steps=90, seed=2),
    }


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(d))
    return d


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the tiny Marian models (trained with torch in the session) is ``neural``."""
    for item in items:
        if "tiny_models" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neural)


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


# The helpers below import tqcheck when called, so a module that does not use them (or a broken
# import in one part of the package) does not stop the whole session at collection.


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    """``tqcheck ARGS`` in process through Typer's runner: (exit code, stdout, stderr)."""
    from typer.testing import CliRunner

    from tqcheck.cli import app

    result = CliRunner().invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def glossary_context(paths: Iterable[Path], **options: Any) -> Context:
    """A check context whose matcher knows the glossaries at ``paths`` (merged, in order)."""
    from tqcheck.checks.base import Context
    from tqcheck.glossary import load_glossaries
    from tqcheck.glossary.matcher import Matcher

    return Context(matcher=Matcher(load_glossaries(list(paths))), **options)


def run_checks(docs: list[Document], select: Sequence[str], ctx: Context | None = None) -> Report:
    """The engine's report on ``docs`` with only the ``select`` rules (codes or prefixes)."""
    from tqcheck.checks.base import Context
    from tqcheck.engine import Engine, Settings

    return Engine(ctx or Context(), Settings(select=list(select))).run(docs)


def rows(report: Report) -> list[Row]:
    """Each finding as (rule, line, column, text, suggestion), in report order."""
    return [(f.rule, f.location.line, f.location.column, f.text, f.suggestion) for f in report.findings]
