"""The Python API gives what the CLI gives, with settings resolved the same way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqcheck.api import check_files, check_text, load_settings
from tqcheck.cli import app
from tqcheck.errors import InputError
from tqcheck.settings import Flags

from .conftest import DATA, SEED

SEED_GLOSSARY = Flags(glossaries=[DATA / "seed-glossary.yaml"], no_default_glossaries=True)


def test_check_text_finds_what_the_docstring_says() -> None:
    report = check_text("Fighting went on in Idleb.")
    assert [(f.rule, f.text, f.suggestion) for f in report.findings] == [("TQ101", "Idleb", "Idlib")]


def test_check_text_with_a_source_runs_the_bilingual_checks() -> None:
    report = check_text(
        "Fighting went on in Idlib on Monday, killing 12 people.",
        source="Les combats se sont poursuivis à Idleb lundi, faisant 21 morts.",
    )
    assert [(f.rule, f.text, f.severity.value) for f in report.findings] == [("TQ401", "12", "error")]


def test_check_files_equals_the_cli_on_the_seed(repo_root: Path) -> None:
    report = check_files([SEED], load_settings(SEED_GLOSSARY))
    result = CliRunner().invoke(
        app,
        ["check", str(SEED), "--no-default-glossaries", "-g", str(DATA / "seed-glossary.yaml"), "-f", "json"],
    )
    cli = [(f["rule"], f["start"], f["end"]) for f in json.loads(result.stdout)["findings"]]
    assert [(f.rule, f.span.start, f.span.end) for f in report.findings] == cli and len(cli) > 20


def test_settings_come_from_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "tqcheck.toml").write_text('select = ["TQ5"]\nfail-on = "error"\n')
    run = load_settings(start=tmp_path)
    assert (run.engine.select, run.fail_on) == (["TQ5"], "error")
    assert load_settings(Flags(select=["TQ1"]), start=tmp_path).engine.select == ["TQ1"]


def test_bad_files_raise_or_go_to_on_error(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("Fighting in Idleb.\n")
    empty = tmp_path / "b.txt"
    empty.write_text("")
    with pytest.raises(InputError, match="empty file"):
        check_files([empty, good], load_settings(SEED_GLOSSARY))
    bad: list[str] = []
    report = check_files([empty, good], load_settings(SEED_GLOSSARY), on_error=lambda e: bad.append(str(e)))
    assert bad == [f"{empty}: empty file"] and [f.text for f in report.findings] == ["Idleb"]


def test_the_package_exposes_the_api_lazily() -> None:
    import subprocess
    import sys

    import tqcheck

    report = tqcheck.check_text("Fighting in Idleb.", lang="en")
    assert [(f.rule, f.text) for f in report.findings] == [("TQ101", "Idleb")]
    assert tqcheck.check_paths is tqcheck.api.check_paths  # type: ignore[attr-defined]
    probe = "import sys, tqcheck; print('tqcheck.api' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout == "False\n"
