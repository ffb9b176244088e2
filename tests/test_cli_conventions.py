"""The CLI in the ecosystem's conventions: readable help, --color and the colour variables,
--show-settings, a default path, one option name across commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tqcheck.cli.common import use_color

from .conftest import DATA, invoke, run_tqcheck

GLOSSARY = ["--no-default-glossaries", "-g", str(DATA / "seed-glossary.yaml")]


@pytest.mark.parametrize(
    "command", [["check"], ["score"], ["variants"], ["glossary", "validate"], ["models", "pull"]]
)
def test_help_shows_no_python_types(command: list[str]) -> None:
    code, out, _ = invoke(*command, "--help")
    assert code == 0
    assert "<list" not in out and "<bool>" not in out and "<str>" not in out and "<path>" not in out


def test_check_help_has_examples_and_metavars() -> None:
    result = run_tqcheck("check", "--help", env={"COLUMNS": "400", "PATH": "/usr/bin:/bin"})
    out = " ".join(result.stdout.split())
    assert "Usage: tqcheck check [OPTIONS] [PATH]..." in out and "--glossary -g FILE" in out
    assert "Examples: tqcheck check story.en.txt --source story.fr.txt" in out
    assert "needs the neural extra" in out


@pytest.mark.parametrize(
    ("when", "env", "expected"),
    [
        ("always", {}, True),
        ("never", {"FORCE_COLOR": "1"}, False),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        ("auto", {"FORCE_COLOR": "1"}, True),
        ("auto", {"TERM": "dumb"}, False),
        ("auto", {}, False),  # stdout is not a terminal under pytest
    ],
)
def test_color_choice(
    monkeypatch: pytest.MonkeyPatch, when: str, env: dict[str, str], expected: bool
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert use_color(when) is expected


def test_force_color_colours_a_piped_report(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Fighting in Idleb.\n")
    coloured = run_tqcheck(
        "check", str(article), *GLOSSARY, env={"FORCE_COLOR": "1", "PATH": "/usr/bin:/bin"}
    )
    assert "\x1b[1;33mTQ101\x1b[0m" in coloured.stdout
    plain = run_tqcheck("check", str(article), *GLOSSARY, "--color", "never", env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in plain.stdout
    bad = run_tqcheck("check", str(article), "--color", "sometimes")
    assert (bad.returncode, bad.stderr) == (
        2,
        "tqcheck: error: --color must be one of auto, always, never, not 'sometimes'\n",
    )


def test_show_settings_prints_the_resolved_run(tmp_path: Path) -> None:
    cfg = tmp_path / "tqcheck.toml"
    cfg.write_text('select = ["TQ1"]\nunsafe-fixes = true\n')
    code, out, _ = invoke("check", "--show-settings", "--config", str(cfg), "--ignore", "TQ105")
    data = json.loads(out)
    assert code == 0 and data["config"] == str(cfg)
    assert (data["engine"]["select"], data["engine"]["ignore"], data["unsafe_fixes"]) == (
        ["TQ1"],
        ["TQ105"],
        True,
    )


def test_check_defaults_to_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "story.txt").write_text("Fighting in Idleb.\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("check", *GLOSSARY, "-f", "json")
    assert code == 1 and [f["path"] for f in json.loads(out)["findings"]] == ["story.txt"]


def test_score_takes_the_same_language_options_as_check() -> None:
    _, out, _ = invoke("score", "--help")
    assert "--source-lang" in out and "--lang" in out and "--src-lang" not in out and "--tgt-lang" not in out
