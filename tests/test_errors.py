"""One error path: bad config values, non-regular and oversized inputs, closed or broken standard
streams, Ctrl-C at any moment, a missing extra. Each is one line naming the file (exit 2), a
quiet exit, or 130, never a traceback; one bad file never stops the others."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import DATA, invoke, run_tqcheck

GLOSSARY = ["--no-default-glossaries", "-g", str(DATA / "seed-glossary.yaml")]
ARTICLE = "Fighting went on in Idleb.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    return p


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            "select = [1, 2]",
            'setting \'select\' must be a list of rule codes (like ["TQ101", "TQ5"]), not [1, 2]',
        ),
        ("glossaries = [1]", "setting 'glossaries' must be a list of strings, not [1]"),
        ("exclude = [1]", "setting 'exclude' must be a list of strings, not [1]"),
        ("extensions = [1]", "setting 'extensions' must be a list of strings, not [1]"),
        ("default-glossaries = 'no'", "setting 'default-glossaries' must be true or false, not 'no'"),
        (
            'per-file-ignores = { "*.txt" = "TQ101" }',
            "setting 'per-file-ignores' must be a table of glob = list of rule codes "
            "(like { \"*.md\" = [\"TQ501\"] }), not {'*.txt': 'TQ101'}",
        ),
        (
            'severity = { TQ101 = "loud" }',
            "setting 'severity' must be a table of rule code = \"error\", \"warning\" or \"info\", not {'TQ101': 'loud'}",
        ),
        (
            "max-file-size = '12 parsecs'",
            "setting 'max-file-size' must be a size (bytes, or a string like '50MB'), not '12 parsecs'",
        ),
        ("colour = true", "unknown setting 'colour' (known: "),
        ("select = [", "malformed TOML: "),
        ("a = " + "[" * 50_000 + "]" * 50_000, "malformed TOML: nested too deeply"),
    ],
)
def test_config_values_are_typed(tmp_path: Path, article: Path, toml: str, message: str) -> None:
    cfg = tmp_path / "tqcheck.toml"
    cfg.write_text(toml + "\n")
    code, out, err = invoke("check", str(article), "--config", str(cfg))
    assert code == 2 and out == ""
    assert err.startswith(f"tqcheck: error: {cfg}: {message}") and err.count("\n") == 1


def test_per_file_ignores_codes_are_validated(tmp_path: Path, article: Path) -> None:
    cfg = tmp_path / "tqcheck.toml"
    cfg.write_text('[per-file-ignores]\n"*.txt" = ["TQ1O1"]\n')
    code, _, err = invoke("check", str(article), "--config", str(cfg))
    assert code == 2 and "unknown rule code or prefix 'TQ1O1' in per-file-ignores '*.txt'" in err


def test_per_file_ignores_as_a_list_still_work(tmp_path: Path, article: Path) -> None:
    cfg = tmp_path / "tqcheck.toml"
    cfg.write_text(
        f'default-glossaries = false\nglossaries = ["{DATA / "seed-glossary.yaml"}"]\n'
        '[per-file-ignores]\n"*.txt" = ["TQ101"]\n'
    )
    code, out, _ = invoke("check", str(article), "--config", str(cfg))
    assert (code, out) == (0, "No problems found in 1 file.\n")


@pytest.mark.parametrize(
    ("pyproject", "message"),
    [
        ("[tool]\ntqcheck = 1\n", "[tool.tqcheck] must be a table of settings"),
        ("tool.tqcheck = 'x'\n", "[tool.tqcheck] must be a table of settings"),
    ],
)
def test_tool_tqcheck_must_be_a_table(tmp_path: Path, article: Path, pyproject: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(pyproject)
    result = run_tqcheck("check", article.name, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        2,
        f"tqcheck: error: {tmp_path / 'pyproject.toml'}: {message}\n",
    )


def test_pyproject_with_only_a_severity_table_is_found(tmp_path: Path, article: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.tqcheck.severity]\nTQ101 = "error"\n')
    result = run_tqcheck("check", article.name, *GLOSSARY, "-f", "json", cwd=tmp_path)
    assert [f["severity"] for f in json.loads(result.stdout)["findings"]] == ["error"]


def test_config_that_is_a_folder(article: Path, tmp_path: Path) -> None:
    code, _, err = invoke("check", str(article), "--config", str(tmp_path))
    assert (code, err) == (2, f"tqcheck: error: {tmp_path}: is a directory\n")


def test_fifo_input_is_refused_without_blocking(tmp_path: Path, article: Path) -> None:
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    code, out, err = invoke("check", str(fifo), str(article), *GLOSSARY, "-f", "json")
    assert code == 2
    assert err == f"tqcheck: error: {fifo}: not a regular file (a FIFO); use '-' to read a stream\n"
    assert [f["text"] for f in json.loads(out)["findings"]] == ["Idleb"]  # the other file was checked


def test_device_input_is_refused_unread(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        zero = tmp_path / "zero"
        os.mknod(zero, 0o666 | stat.S_IFCHR, os.makedev(1, 5))
    else:
        zero = Path("/dev/zero")  # read-only use of the system's device: never read here
    code, _, err = invoke("check", str(zero), *GLOSSARY)
    assert (code, err) == (
        2,
        f"tqcheck: error: {zero}: not a regular file (a character device); use '-' to read a stream\n",
    )


def test_size_limit_from_flag_config_and_for_stdin(tmp_path: Path, article: Path) -> None:
    code, _, err = invoke("check", str(article), *GLOSSARY, "--max-file-size", "20")
    assert (code, err) == (
        2,
        f"tqcheck: error: {article}: file of 27 bytes is over the size limit of 20 (max-file-size)\n",
    )
    cfg = tmp_path / "tqcheck.toml"
    cfg.write_text('max-file-size = "1KB"\n')
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE * 100)
    code, out, err = invoke("check", str(big), str(article), *GLOSSARY, "--config", str(cfg), "-f", "json")
    assert (
        code == 2
        and err
        == f"tqcheck: error: {big}: file of 2,700 bytes is over the size limit of 1,000 (max-file-size)\n"
    )
    assert json.loads(out)["summary"]["files"] == 1
    code, _, err = invoke("check", "-", *GLOSSARY, "--max-file-size", "20", input=ARTICLE)
    assert (code, err) == (
        2,
        "tqcheck: error: -: standard input is over the size limit of 20 bytes (max-file-size)\n",
    )
    code, _, err = invoke("check", str(article), "--max-file-size", "lots")
    assert (code, err) == (2, "tqcheck: error: --max-file-size 'lots' is not a size (like 50MB or 1000000)\n")


def test_one_bad_file_never_stops_the_others(tmp_path: Path, article: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 10)
    code, out, err = invoke("check", str(tmp_path), *GLOSSARY, "-f", "json")
    assert code == 2
    assert err.splitlines() == [
        f"tqcheck: error: {tmp_path / 'binary.txt'}: binary file (NUL bytes), not text",
        f"tqcheck: error: {tmp_path / 'empty.txt'}: empty file",
    ]
    data = json.loads(out)
    assert data["summary"] == {
        "files": 1,
        "errors": 0,
        "warnings": 1,
        "infos": 0,
        "input_errors": 2,
        "skipped": 0,
    }
    assert data["input_errors"] == [
        {"path": str(tmp_path / "binary.txt"), "message": "binary file (NUL bytes), not text"},
        {"path": str(tmp_path / "empty.txt"), "message": "empty file"},
    ]


def test_control_characters_in_a_file_name_are_escaped_in_errors(tmp_path: Path) -> None:
    name = tmp_path / "evil\x1b[2J.txt"
    code, _, err = invoke("check", str(name))
    assert code == 2 and "\x1b" not in err and "evil\\x1b[2J.txt: no such file" in err


def test_closed_stdout_stdin_and_a_reader_that_goes_away(article: Path, tmp_path: Path) -> None:
    closed_out = run_tqcheck("check", str(article), *GLOSSARY, preexec_fn=lambda: os.close(1))
    assert (closed_out.returncode, closed_out.stderr) == (1, "")
    closed_in = run_tqcheck("check", "-", *GLOSSARY, preexec_fn=lambda: os.close(0))
    assert (closed_in.returncode, closed_in.stderr) == (2, "tqcheck: error: -: standard input is closed\n")
    big = tmp_path / "big.txt"
    big.write_text("Fighting went on in Idleb, then in Idleb again.\n" * 3000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tqcheck", "check", str(big), *GLOSSARY],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0 and err == "" and first.startswith(str(big).encode())


def test_the_process_ends_with_its_report_whole_and_its_exit_handlers_run(tmp_path: Path) -> None:
    """The command skips the interpreter's teardown (``entry.run``): what it wrote must still
    arrive whole through pipes (far past their buffers), with the exit status, and what the run
    left to the exit handlers (a process pool's) must still happen."""
    big = tmp_path / "big.txt"
    big.write_text("Fighting went on in Idleb, then in Idleb again.\n" * 3000)
    args = ["check", str(big), str(tmp_path / "missing.txt"), *GLOSSARY, "-f", "json"]
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('exit handler ran\\n'))\n"
        "sys.argv = ['tqcheck', *sys.argv[1:]]\n"
        "from tqcheck.entry import run\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120)
    code, out, _ = invoke(*args)
    assert done.returncode == code == 2
    assert json.loads(done.stdout) == json.loads(out) and len(json.loads(out)["findings"]) == 6000
    assert done.stderr == f"tqcheck: error: {tmp_path / 'missing.txt'}: no such file\nexit handler ran\n"


def test_a_profiled_run_ends_the_ordinary_way(article: Path, tmp_path: Path) -> None:
    """Under a profiler the command keeps the interpreter's exit: ``python -m cProfile`` writes
    its file after the program returns."""
    stats = tmp_path / "run.prof"
    args = ["-m", "cProfile", "-o", str(stats), "-m", "tqcheck", "check", str(article), *GLOSSARY]
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120)
    assert "TQ101" in done.stdout and stats.stat().st_size > 0


def _handlers_installed(pid: int) -> bool:
    """Whether the child catches SIGTERM yet: Python does not by default, tqcheck's entry does."""
    status = Path(f"/proc/{pid}/status").read_text()
    caught = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:")), 16)
    return bool(caught & (1 << (signal.SIGTERM - 1)))


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.parametrize("moment", ["importing", pytest.param("checking", marks=pytest.mark.slow)])
def test_ctrl_c_at_any_moment_exits_130_without_traceback(article: Path, tmp_path: Path, moment: str) -> None:
    """Right after the entry point starts (Typer still importing) and in the middle of a check."""
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc to see when the child is ready")
    target = article
    if moment == "checking":
        target = tmp_path / "long.txt"
        target.write_text("Fighting went on in Idleb, then in Idleb again . .\n" * 40_000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tqcheck", "check", str(target), *GLOSSARY],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    while not _handlers_installed(proc.pid):
        time.sleep(0.001)
    if moment == "checking":  # a second of CPU into a run that needs several
        while _cpu_seconds(proc.pid) < 1.0 and proc.poll() is None:
            time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert (proc.returncode, err) == (130, b"")


def test_models_pull_without_the_neural_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "huggingface_hub", None)  # as if not installed
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    code, _, err = invoke("models", "pull", "Helsinki-NLP/opus-mt-en-fr")
    assert (code, err) == (
        2,
        "tqcheck: error: tqcheck models pull needs the neural extra: pip install 'tqcheck[neural]'\n",
    )


@pytest.mark.neural
def test_models_pull_behind_a_broken_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("huggingface_hub")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    result = run_tqcheck(
        "models",
        "pull",
        "Helsinki-NLP/opus-mt-en-fr",
        env={**os.environ, "HTTPS_PROXY": "http://127.0.0.1:9", "HF_HUB_OFFLINE": ""},
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("tqcheck: error: cannot download Helsinki-NLP/opus-mt-en-fr: ")


def test_a_signal_exit_raised_in_a_finalizer_still_exits() -> None:
    """Ctrl-C can land while the garbage collector runs a finalizer, where Python prints the exit
    as "ignored" and goes on (seen once in a loaded CI run): it is raised again from ordinary code."""
    code = (
        "import sys, time\n"
        "from tqcheck import entry\n"
        "sys.unraisablehook = entry._unraisable\n"
        "class F:\n"
        "    def __del__(self):\n"
        "        raise SystemExit(130)\n"
        "F()\n"
        "t = time.monotonic()\n"
        "while time.monotonic() - t < 5:\n"
        "    pass\n"
        "print('went on')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "")
