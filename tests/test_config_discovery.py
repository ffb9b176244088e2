"""Config found from the checked files, and its path patterns read gitignore-style relative to
the config file (issue 15), whatever the working directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import invoke


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A desk folder with its config, checked from an unrelated working directory."""
    root = tmp_path / "desk"
    for rel in ("wire/a.txt", "wire/drafts/b.txt", "web/c.txt", "web/keep-draft.txt", "top.txt"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("Fighting in Idleb. .\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return root


def found(*args: str) -> tuple[int, list[tuple[str, str]], str]:
    code, out, err = invoke("check", *args, "-f", "json")
    rows = [
        (Path(f["path"]).relative_to(Path(args[0]).parent).as_posix(), f["rule"])
        for f in json.loads(out)["findings"]
    ]
    return code, rows, err


def test_config_is_found_from_the_checked_file_not_the_working_directory(desk: Path) -> None:
    (desk / "tqcheck.toml").write_text('select = ["TQ5"]\n')
    _, rows, _ = found(str(desk / "top.txt"))
    assert rows == [("top.txt", "TQ502")]  # the desk's select, though run from elsewhere


def test_exclude_and_per_file_ignores_are_gitignore_patterns_relative_to_the_config(desk: Path) -> None:
    (desk / "tqcheck.toml").write_text(
        'exclude = ["drafts/", "/top.txt", "*draft*", "!keep-draft.txt"]\n'
        '[per-file-ignores]\n"/wire/*.txt" = ["TQ502"]\n"web/" = ["TQ101"]\n'
    )
    _, rows, _ = found(str(desk), "--select", "TQ101,TQ502")
    assert sorted(rows) == [
        ("desk/web/c.txt", "TQ502"),
        ("desk/web/keep-draft.txt", "TQ502"),
        ("desk/wire/a.txt", "TQ101"),
    ]


def test_each_file_is_checked_under_its_nearest_config(desk: Path) -> None:
    (desk / "tqcheck.toml").write_text('select = ["TQ5"]\nformat = "json"\n')
    (desk / "web" / "tqcheck.toml").write_text('select = ["TQ1"]\nexclude = ["keep-draft.txt"]\n')
    code, rows, err = found(str(desk))
    assert sorted(rows) == [
        ("desk/top.txt", "TQ502"),
        ("desk/web/c.txt", "TQ101"),  # the web desk's rules, its exclude
        ("desk/wire/a.txt", "TQ502"),
        ("desk/wire/drafts/b.txt", "TQ502"),
    ]
    assert code == 1 and "own config" not in err
    # named files too; the run's format comes from the config found for the run
    _, out, _ = invoke("check", str(desk / "top.txt"), str(desk / "web" / "c.txt"))
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["TQ502", "TQ101"]


def test_a_run_that_writes_takes_one_config_and_names_the_others(desk: Path) -> None:
    (desk / "tqcheck.toml").write_text('select = ["TQ5"]\n')
    (desk / "web" / "tqcheck.toml").write_text('select = ["TQ1"]\n')
    code, out, err = invoke("check", str(desk / "top.txt"), str(desk / "web" / "c.txt"), "--diff")
    assert code == 1 and out.count("+++ ") == 2 and "Idlib" not in out  # the desk's TQ5 fixes only
    assert (
        f"web/c.txt: has its own config {desk / 'web' / 'tqcheck.toml'}, but this run uses {desk / 'tqcheck.toml'}"
        in err
    )
