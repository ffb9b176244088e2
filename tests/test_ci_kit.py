"""The CI adoption kit: baseline, changed lines, reviewdog and concise formats, statistics."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tqcheck.changed import parse_diff

from .conftest import DATA, SEED, invoke

GLOSSARY = ["--no-default-glossaries", "-g", str(DATA / "seed-glossary.yaml")]


def test_baseline_reports_only_new_findings(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Fighting in Idleb went on.\nThe OSDH said so.\n")
    base = tmp_path / "baseline.json"
    code, out, err = invoke("check", str(article), *GLOSSARY, "--write-baseline", str(base))
    assert (code, out, err) == (0, "", f"Wrote 2 findings to the baseline {base}.\n")
    recorded = json.loads(base.read_text())
    assert [(e["rule"], e["text"]) for e in recorded["findings"]] == [("TQ101", "Idleb"), ("TQ103", "OSDH")]
    assert invoke("check", str(article), *GLOSSARY, "--baseline", str(base))[:2] == (
        0,
        "No problems found in 1 file.\n",
    )
    # lines moved and a second Idleb added: only the new occurrence is reported
    article.write_text("A new first line.\nFighting in Idleb went on.\nThe OSDH said so, in Idleb.\n")
    code, out, _ = invoke("check", str(article), *GLOSSARY, "--baseline", str(base), "-f", "json")
    assert code == 1 and [(f["line"], f["text"]) for f in json.loads(out)["findings"]] == [(3, "Idleb")]


def test_a_bad_baseline_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text('{"findings": []}')
    code, _, err = invoke("check", str(SEED), *GLOSSARY, "--baseline", str(bad))
    assert code == 2
    assert (
        err
        == f"tqcheck: error: {bad}: not a tqcheck baseline (expected format 'tqcheck-baseline/1'; write one with --write-baseline)\n"
    )
    code, _, err = invoke("check", str(SEED), *GLOSSARY, "--write-baseline", str(SEED))
    assert code == 2 and "would overwrite the input" in err


def test_parse_zero_context_diff() -> None:
    diff = (
        "diff --git a/desk/a.txt b/desk/a.txt\n--- a/desk/a.txt\n+++ b/desk/a.txt\n"
        "@@ -3 +3,2 @@ x\n-old\n+new\n+newer\n@@ -10,0 +12 @@\n+added\n"
        "diff --git a/gone.txt b/gone.txt\n--- a/gone.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
    )
    assert parse_diff(diff) == {"desk/a.txt": {3, 4, 12}}


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_changed_lines_from_a_git_ref(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    article = tmp_path / "a.txt"
    article.write_text("Fighting in Idleb.\nCalm in Aleppo.\nThe OSDH said so.\n")
    git("add", ".")
    git("commit", "-qm", "one")
    article.write_text("Fighting in Idleb.\nClashes near Idleb.\nThe OSDH said so.\n")
    new = tmp_path / "b.txt"
    new.write_text("The OSDH again.\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("check", "a.txt", "b.txt", *GLOSSARY, "--changed-lines-from", "HEAD", "-f", "json")
    assert code == 1
    assert [(f["path"], f["line"], f["text"]) for f in json.loads(out)["findings"]] == [
        ("a.txt", 2, "Idleb"),
        ("b.txt", 1, "OSDH"),  # untracked: every line is new
    ]
    code, _, err = invoke("check", "a.txt", *GLOSSARY, "--changed-lines-from", "no-such-ref")
    assert code == 2 and err.startswith("tqcheck: error: git diff --unified=0: fatal: ")


def test_rdjson_and_rdjsonl_for_reviewdog(repo_root: Path) -> None:
    _, out, _ = invoke(
        "check", "fixtures/afp-idleb-2018-01-11.en.txt", *GLOSSARY, "-f", "rdjson", "--select", "TQ101"
    )
    doc = json.loads(out)
    first = doc["diagnostics"][0]
    assert doc["source"] == {"name": "tqcheck"}
    # line 3 has a curly apostrophe (3 bytes) before Idleb: code-point column 50 is byte column 52
    assert first["location"] == {
        "path": "fixtures/afp-idleb-2018-01-11.en.txt",
        "range": {"start": {"line": 3, "column": 52}, "end": {"line": 3, "column": 57}},
    }
    assert (first["severity"], first["code"], first["suggestions"][0]["text"]) == (
        "WARNING",
        {"value": "TQ101"},
        "Idlib",
    )
    _, lines, _ = invoke(
        "check", "fixtures/afp-idleb-2018-01-11.en.txt", *GLOSSARY, "-f", "rdjsonl", "--select", "TQ101"
    )
    assert [json.loads(line) for line in lines.splitlines()] == doc["diagnostics"]


def test_concise_and_statistics(repo_root: Path) -> None:
    _, out, _ = invoke(
        "check", "fixtures/afp-idleb-2018-01-11.en.txt", *GLOSSARY, "-f", "concise", "--select", "TQ103"
    )
    assert out == (
        "fixtures/afp-idleb-2018-01-11.en.txt:15:125: TQ103 [error] 'OSDH' is the French acronym left untranslated; "
        "write 'SOHR' (Syrian Observatory for Human Rights) (fix: 'SOHR')\n"
        "fixtures/afp-idleb-2018-01-11.en.txt:21:99: TQ103 [error] 'OSDH' is the French acronym left untranslated; "
        "write 'SOHR' (Syrian Observatory for Human Rights) (fix: 'SOHR')\n"
        "Found 2 problems in 1 file.\n"
    )
    code, out, _ = invoke(
        "check", "fixtures/afp-idleb-2018-01-11.en.txt", *GLOSSARY, "--statistics", "--select", "TQ1,TQ5"
    )
    assert code == 1 and out.splitlines() == [
        "15  TQ101  [*] glossary-variant",
        " 5  TQ501  [ ] web-boilerplate",
        " 2  TQ103  [*] source-language-form",
        " 1  TQ105  [ ] pronoun-for-organisation",
        " 1  TQ502  [*] doubled-punctuation",
    ]


def _bin_path() -> str:
    """PATH with this interpreter's scripts first, so ``tqcheck`` is the one under test."""
    import os
    import sys

    return f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


def test_pre_commit_hooks_run_on_the_files_they_match(tmp_path: Path) -> None:
    import os
    import re
    import shlex

    import yaml

    from .conftest import ROOT

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"tqcheck", "tqcheck-fix"}
    article = tmp_path / "story.txt"
    for hook_id, expected_code, expected_text in (
        ("tqcheck", 1, "Fighting in Idleb . . Calm.\n"),
        ("tqcheck-fix", 0, "Fighting in Idlib . Calm.\n"),
    ):
        article.write_text("Fighting in Idleb . . Calm.\n")
        hook = hooks[hook_id]
        assert hook["language"] == "python" and re.search(hook["files"], article.name)
        assert not re.search(hook["files"], "logo.png")
        args = [*shlex.split(hook["entry"]), *GLOSSARY, str(article)]
        done = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "PATH": _bin_path()})
        assert done.returncode == expected_code, done.stderr
        assert article.read_text() == expected_text


def test_the_github_action_check_step_runs(tmp_path: Path) -> None:
    import os

    import yaml

    from .conftest import ROOT

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite" and set(action["inputs"]) >= {"paths", "args", "package"}
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "check")
    (tmp_path / "story.txt").write_text("Fighting in Idleb.\n")
    script = (
        step["run"]
        .replace("${{ inputs.paths }}", "story.txt")
        .replace("${{ inputs.args }}", " ".join(GLOSSARY))
    )
    output = tmp_path / "github-output"
    env = {**os.environ, "PATH": _bin_path(), "GITHUB_OUTPUT": str(output)}
    done = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert output.read_text() == "exit-code=1\n"
    assert done.stdout.startswith("::warning file=story.txt,line=1,")
    sarif = json.loads((tmp_path / "tqcheck.sarif").read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["TQ101"]


def test_the_github_action_keeps_the_cache_the_check_step_uses() -> None:
    """A fresh runner compiles the glossaries and builds the indexes again in every run: the
    action restores tqcheck's user cache into the very folder the check step reads, keyed by the
    package and the repository's glossary and config files, and lets a user turn it off."""
    import yaml

    from .conftest import ROOT

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    steps = action["runs"]["steps"]
    cache = next(s for s in steps if str(s.get("uses", "")).startswith("actions/cache@"))
    check = next(s for s in steps if s.get("id") == "check")
    assert steps.index(cache) < steps.index(check)
    assert cache["with"]["path"] == check["env"]["TQCHECK_CACHE_DIR"]
    assert cache["if"] == "${{ inputs.cache == 'true' }}" and action["inputs"]["cache"]["default"] == "true"
    assert "hashFiles('**/*.yaml'" in cache["with"]["key"]
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])
