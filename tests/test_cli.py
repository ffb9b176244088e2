"""The command line through Typer's runner and as a real subprocess: exit codes, options, config,
``--fix``, and every kind of bad input (one line on stderr, exit 2, no traceback)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DATA, ROOT, SEED, invoke

GLOSSARY = ["--no-default-glossaries", "-g", str(DATA / "seed-glossary.yaml")]


def test_check_seed_json_and_exit_code(repo_root: Path) -> None:
    code, out, _ = invoke(
        "check", "fixtures/afp-idleb-2018-01-11.en.txt", *GLOSSARY, "-f", "json", "--select", "TQ1,TQ5"
    )
    assert code == 1
    data = json.loads(out)
    assert data["summary"] == {"files": 1, "errors": 2, "warnings": 22, "infos": 0}
    first = data["findings"][0]
    assert {k: first[k] for k in ("rule", "path", "line", "column", "end_line", "end_column", "text")} == {
        "rule": "TQ501",
        "path": "fixtures/afp-idleb-2018-01-11.en.txt",
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 15,
        "text": "Sign in / Join",
    }


def test_select_ignore_and_fail_on(repo_root: Path) -> None:
    code, out, _ = invoke("check", str(SEED), *GLOSSARY, "-f", "json", "--select", "TQ103")
    assert code == 1 and [f["text"] for f in json.loads(out)["findings"]] == ["OSDH", "OSDH"]
    code, out, _ = invoke("check", str(SEED), *GLOSSARY, "-f", "json", "--select", "TQ1", "--ignore", "TQ101")
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"TQ103", "TQ105"}
    code, _, _ = invoke("check", str(SEED), *GLOSSARY, "--select", "TQ5", "--fail-on", "error")
    assert code == 0
    code, _, _ = invoke("check", str(SEED), *GLOSSARY, "--fail-on", "never")
    assert code == 0


def test_clean_text_exits_zero(tmp_path: Path) -> None:
    p = tmp_path / "ok.txt"
    p.write_text("The Syrian Observatory for Human Rights (SOHR) said fighting continued in Idlib.\n")
    code, out, _ = invoke("check", str(p), *GLOSSARY)
    assert code == 0 and "No problems found in 1 file." in out


def test_text_output_has_caret_and_summary(repo_root: Path) -> None:
    _code, out, _ = invoke("check", "fixtures/afp-idleb-2018-01-11.en.txt", *GLOSSARY, "--select", "TQ103")
    lines = out.splitlines()
    head = "fixtures/afp-idleb-2018-01-11.en.txt:15:125: TQ103 [error] 'OSDH' is the French acronym left untranslated"
    assert lines[0].startswith(head)
    assert lines[3] == "   | " + " " * 124 + "^^^^ help: replace with 'SOHR'"
    assert "Found 2 problems (2 errors) in 1 file." in out


def test_stdin_and_stdin_filename() -> None:
    code, out, _ = invoke(
        "check", "-", *GLOSSARY, "--stdin-filename", "wire.txt", "-f", "json", input="Fighting in Idleb.\n"
    )
    assert code == 1
    f = json.loads(out)["findings"][0]
    assert (f["path"], f["text"], f["suggestion"]) == ("wire.txt", "Idleb", "Idlib")


def test_fix_writes_atomically_and_reports_remaining(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    original = "\ufeffClashes in Idleb, the OSDH said. .\r\nTerms of service\r\n"
    p.write_bytes(original.encode("utf-8"))
    code, out, err = invoke("check", str(p), *GLOSSARY, "--fix")
    assert "Fixed 3 problems." in err
    assert p.read_bytes() == "\ufeffClashes in Idlib, the SOHR said.\r\nTerms of service\r\n".encode()
    assert code == 1 and "TQ501" in out and "TQ101" not in out  # boilerplate needs a person
    assert [x.name for x in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left behind


def test_without_fix_inputs_are_never_modified(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Clashes in Idleb.\n")
    before = p.stat().st_mtime_ns
    invoke("check", str(p), *GLOSSARY, "-f", "sarif", "-o", str(tmp_path / "out.sarif"))
    assert p.read_text() == "Clashes in Idleb.\n" and p.stat().st_mtime_ns == before


def test_fix_on_stdin_prints_fixed_text() -> None:
    _code, out, _ = invoke("check", "-", *GLOSSARY, "--fix", "-f", "json", input="Clashes in Idleb.\n")
    assert out.startswith("Clashes in Idlib.\n")


def test_config_file_found_upward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.tqcheck]\n"
        "default-glossaries = false\n"
        f"glossaries = [{json.dumps(str(DATA / 'seed-glossary.yaml'))}]\n"
        'select = ["TQ1"]\n'
        'fail-on = "error"\n'
        '[tool.tqcheck.severity]\nTQ101 = "error"\n'
    )
    sub = tmp_path / "desk" / "today"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_text("Sign in\nClashes in Idleb.\n")
    monkeypatch.chdir(sub)
    code, out, _ = invoke("check", "a.txt", "-f", "json")
    data = json.loads(out)
    assert [(f["rule"], f["severity"]) for f in data["findings"]] == [("TQ101", "error")]
    assert code == 1
    code, out, _ = invoke(
        "check", "a.txt", "-f", "json", "--select", "TQ5", "--fail-on", "never"
    )  # flags win
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["TQ501"] and code == 0


def test_inline_suppression(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Idleb <!-- tqcheck: ignore[TQ101] -->\nIdleb\n<!-- tqcheck: ignore-next-line -->\nIdleb\n")
    _code, out, _ = invoke("check", str(p), *GLOSSARY, "-f", "json")
    assert [f["line"] for f in json.loads(out)["findings"]] == [2]


@pytest.mark.parametrize(
    "make, args, message",
    [
        (None, ["missing.txt"], "missing.txt: no such file"),
        ("empty_dir", ["{d}"], "directory has no files ending in"),
        ("binary", ["{d}/x.txt"], "binary file"),
        ("undecodable", ["{d}/x.txt"], "cannot decode"),
        ("empty", ["{d}/x.txt"], "empty file"),
        ("bad_yaml", ["{seed}", "-g", "{d}/g.yaml"], "g.yaml:3: malformed YAML"),
        ("bad_csv", ["{seed}", "-g", "{d}/g.csv"], "g.csv:1: unknown column"),
        ("bad_tbx", ["{seed}", "-g", "{d}/g.tbx"], "unsafe XML refused"),
        (None, ["{seed}", "--select", "TQ999"], "unknown rule code or prefix 'TQ999' in --select"),
        (None, ["{seed}", "--ignore", "XX1"], "unknown rule code or prefix 'XX1' in --ignore"),
        (None, ["{seed}", "-f", "yaml"], "unknown format 'yaml'"),
        (None, ["{seed}", "--fail-on", "sometimes"], "unknown --fail-on 'sometimes'"),
        ("bad_config", ["{seed}", "--config", "{d}/tqcheck.toml"], "unknown setting 'colour'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, make: str | None, args: list[str], message: str
) -> None:
    d = tmp_path
    if make == "empty_dir":
        (d / "notes.bin").write_text("x")
    elif make == "binary":
        (d / "x.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    elif make == "undecodable":
        (d / "x.txt").write_bytes(bytes(range(128, 256)) * 3)
    elif make == "empty":
        (d / "x.txt").write_text("  \n")
    elif make == "bad_yaml":
        (d / "g.yaml").write_text("entries:\n  - canonical: [Idlib\n")
    elif make == "bad_csv":
        (d / "g.csv").write_text("canonical,colour\nIdlib,red\n")
    elif make == "bad_tbx":
        (d / "g.tbx").write_text('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><tbx>&e;</tbx>')
    elif make == "bad_config":
        (d / "tqcheck.toml").write_text('colour = "red"\n')
    argv = [a.format(d=d, seed=SEED) for a in args]
    code, out, err = invoke("check", *argv)
    assert code == 2, (out, err)
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert err.startswith("tqcheck: error: ")


def test_glossary_validate_command(tmp_path: Path) -> None:
    code, _, err = invoke("glossary", "validate", str(DATA / "seed-glossary.yaml"))
    assert code == 0 and "OK: 4 entries" in err
    bad = tmp_path / "g.yaml"
    bad.write_text(
        "name: x\nlanguage: en\nentries:\n  - id: a\n    canonical: Aleppo\n  - id: a\n    canonical: Alep\n"
    )
    code, out, _ = invoke("glossary", "validate", str(bad))
    assert code == 1 and out == f"{bad}:6: duplicate id 'a' (first at {bad}:4)\n"


def test_real_subprocess_and_python_m(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    args = [sys.executable, "-m", "tqcheck", "check", str(SEED), *GLOSSARY, "-f", "github"]
    proc = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert "::error file=" in proc.stdout and "title=TQ103" in proc.stdout
    proc = subprocess.run(
        [sys.executable, "-m", "tqcheck", "check", "nope.txt"], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode == 2 and proc.stderr == "tqcheck: error: nope.txt: no such file\n"


def test_glossary_only_check_never_imports_torch(tmp_path: Path) -> None:
    """``python -X importtime`` lists every module imported by a glossary-only run."""
    argv = ["tqcheck", "check", str(SEED), "--fail-on", "never"]
    code = f"import sys; from tqcheck.cli import main; sys.argv={argv!r}; main()"
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    imported = {line.split("|")[-1].strip().split(".")[0] for line in proc.stderr.splitlines() if "|" in line}
    assert "tqcheck" in imported and "typer" in imported
    assert not imported & {"torch", "transformers", "sentencepiece", "sacrebleu", "numpy", "ctranslate2"}


def test_rules_command_lists_and_explains() -> None:
    code, out, _ = invoke("rules")
    assert code == 0
    assert out.splitlines()[0].split()[:4] == ["TQ001", "info", "none", "unused-suppression"]
    assert out.splitlines()[2].split()[:4] == ["TQ101", "warning", "safe", "glossary-variant"]
    code, out, _ = invoke("rules", "tq103")
    assert code == 0 and out.startswith("TQ103 source-language-form [error]")
    assert "\nFix: safe: `tqcheck check --fix` applies it.\n" in out
    code, _, err = invoke("rules", "TQ000")
    assert code == 2 and err == "tqcheck: error: unknown rule code 'TQ000' (see `tqcheck rules`)\n"


def test_text_output_quotes_the_source_line_for_source_findings(repo_root: Path) -> None:
    code, out, _ = invoke(
        "check",
        "fixtures/bilingual/article.en.txt",
        "--source",
        "fixtures/bilingual/article.fr.txt",
        "--select",
        "TQ404",
    )
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("fixtures/bilingual/article.fr.txt:6:1: TQ404")
    assert lines[2].startswith("6 | Les troupes du président Bachar al-Assad sont entrées mercredi")


def test_fix_in_xliff_escapes_and_rechecks_with_the_format(tmp_path: Path) -> None:
    glossary = tmp_path / "g.yaml"
    glossary.write_text(
        "name: g\nlanguage: en\nentries:\n"
        "  - id: pg\n    canonical: Procter & Gamble\n    variants: [Procter and Gamble]\n"
    )
    xlf = tmp_path / "a.xlf"
    xlf.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '  <file source-language="fr" target-language="en" datatype="plaintext" original="a.txt">\n'
        "    <body>\n"
        '      <trans-unit id="1">\n'
        "        <source>Procter &amp; Gamble a annoncé des résultats.</source>\n"
        "        <target>Procter and Gamble announced results.</target>\n"
        "      </trans-unit>\n"
        "    </body>\n  </file>\n</xliff>\n"
    )
    code, out, err = invoke(
        "check",
        str(xlf),
        "--no-default-glossaries",
        "-g",
        str(glossary),
        "--select",
        "TQ101",
        "--fix",
        "-f",
        "json",
    )
    assert "Fixed 1 problem." in err
    assert "<target>Procter &amp; Gamble announced results.</target>" in xlf.read_text()
    assert json.loads(out)["findings"] == [] and code == 0


def test_output_file_gets_normal_permissions(tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    invoke("check", str(SEED), *GLOSSARY, "-f", "html", "-o", str(out))
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
