"""``--jobs``: files checked on several processes give the very bytes one process gives.

Speed is measured by ``benchmarks/scaling.py`` (``--only jobs``); here the output of ``--jobs 2``
is compared with ``--jobs 1`` on the fixtures (every input format, originals beside their
translations, other languages) and on a generated folder whose findings across files (TQ104,
TQ202) need every worker's analysis merged.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tqcheck import runner
from tqcheck.config import Config
from tqcheck.document import Document
from tqcheck.settings import Flags, resolve

from .conftest import DATA, FIXTURES, invoke

FORMATS = ("text", "json", "sarif")


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The worker counts of the pools the runs start (none: checked in process)."""
    started: list[int] = []
    real = runner.check_parallel

    def spy(engine: Any, docs: Any, jobs: int, make_engine: Any, on_file: Any = None) -> Any:
        started.append(jobs)
        return real(engine, docs, jobs, make_engine, on_file)

    monkeypatch.setattr(runner, "check_parallel", spy)
    monkeypatch.setattr(runner, "PARALLEL_FROM", 0)  # these folders are small: a pool all the same
    return started


def outputs(args: list[str], jobs: int, folder: Path) -> dict[str, bytes]:
    out = {}
    for fmt in FORMATS:
        target = folder / f"jobs{jobs}.{fmt}"
        code, _, err = invoke("check", *args, "--jobs", str(jobs), "-f", fmt, "-o", str(target))
        assert code == 1, err
        out[fmt] = target.read_bytes()
    return out


def test_fixtures_are_the_same_bytes_on_two_processes(
    tmp_path: Path, pools: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES.parent)
    one = outputs(["fixtures"], 1, tmp_path)
    assert pools == []
    two = outputs(["fixtures"], 2, tmp_path)
    assert pools == [2, 2, 2]
    assert one == two
    report = json.loads(one["json"])
    assert report["summary"]["files"] > 20 and len(report["findings"]) > 50


def write_folder(folder: Path, count: int, repeat: int = 1) -> None:
    """``count`` short articles of real sentences (each ``repeat`` times over); a name spelt two
    ways across the set."""
    rows = [line.split("\t")[1].strip() for line in (DATA / "tiny_parallel.tsv").read_text().splitlines()]
    rng = random.Random(3)
    folder.mkdir()
    for i in range(count):
        name = "Abdel Basset al-Sarout" if i % 3 else "Abdelbasset al-Sarout"
        place = "Idlib" if i % 4 else "Idleb"
        lines = rng.sample(rows, 6)
        lines.insert(2, f"{name}, a former goalkeeper, spoke to fighters near {place} on Tuesday.")
        lines.insert(
            5, f"Al-Sarout said the Syrian Observatory for Human Rights (SOHR) had counted {i + 3} dead."
        )
        (folder / f"story-{i:02d}.txt").write_text("\n\n".join(lines * repeat) + "\n", encoding="utf-8")


def test_a_generated_folder_with_findings_across_files(tmp_path: Path, pools: list[int]) -> None:
    folder = tmp_path / "desk"
    write_folder(folder, 24)
    args = [str(folder), "--lang", "en"]
    one = outputs(args, 1, tmp_path)
    two = outputs(args, 2, tmp_path)
    assert pools == [2, 2, 2]
    assert one == two
    rules = {f["rule"] for f in json.loads(one["json"])["findings"]}
    assert {"TQ101", "TQ202"} <= rules  # TQ202 needs every file's name mentions


def test_the_set_clustering_judges_on_the_workers(
    tmp_path: Path, pools: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a pool, TQ202's clustering across the set has its judgements made on the idle
    workers first (:mod:`tqcheck.fanout`); the output is the same bytes."""
    from tqcheck.names import clusters

    monkeypatch.setattr(clusters, "SPECULATE_FROM", 0)  # a small set: ahead all the same
    ahead: list[int] = []
    real = clusters._speculate

    def spy(*args: Any) -> Any:
        out = real(*args)
        ahead.append(len(out))
        return out

    monkeypatch.setattr(clusters, "_speculate", spy)
    folder = tmp_path / "desk"
    write_folder(folder, 24)
    args = [str(folder), "--lang", "en"]
    one = outputs(args, 1, tmp_path)
    assert ahead == []  # one process: nowhere to hand them
    two = outputs(args, 2, tmp_path)
    assert one == two
    assert len(ahead) == len(FORMATS) and all(n > 0 for n in ahead)


def _answered_by(batch: list[int]) -> tuple[int, list[int]]:
    return os.getpid(), batch


def test_the_set_work_is_shared_with_this_process_in_order() -> None:
    """The fanout of a pool run: every ``jobs``-th batch is answered by this process, the
    others by the workers, and the answers come back in the batches' order."""
    import multiprocessing

    from tqcheck.parallel import _alongside

    batches = [[k] for k in range(7)]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        answers = list(_alongside(pool, 3, _answered_by, batches))
    assert [batch for _, batch in answers] == batches
    here = [k for k, (pid, _) in enumerate(answers) if pid == os.getpid()]
    assert here == [0, 3, 6]


def test_this_process_checks_its_share_of_the_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``--jobs 2`` one worker and this process check the files: this one the shortest
    (first) and every other part, so neither sits idle; the report is one process's."""
    rows = [line.split("\t")[1].strip() for line in (DATA / "tiny_parallel.tsv").read_text().splitlines()]
    docs = [
        Document(f"s-{i}.txt", f"Rebels held Idleb on day {i}.\n\n{rows[i % len(rows)]}\n") for i in range(40)
    ]
    settings = resolve(Flags(lang="en"), Config())
    one = runner.check_documents(runner.worker_engine(settings), docs, settings, 1)
    engine = runner.worker_engine(settings)
    here: list[str] = []
    real = engine.check_document

    def spy(doc: Document) -> Any:
        here.append(doc.path)
        return real(doc)

    monkeypatch.setattr(engine, "check_document", spy)
    two = runner.check_documents(engine, docs, settings, 2)
    assert two == one
    assert 10 <= len(here) <= 30 and len(set(here)) == len(here)


@pytest.mark.parametrize("shortest", [3, 7])
def test_each_file_is_heard_of_once_in_input_order(shortest: int) -> None:
    """The parent checks the shortest file before the pool starts (what the checks load is then
    loaded once); a progress bar still hears of every file once, in input order, with the
    hits one process finds, wherever the shortest file stands (here in the middle, and last)."""
    rows = [line.split("\t")[1].strip() for line in (DATA / "tiny_parallel.tsv").read_text().splitlines()]
    docs = [
        Document(
            f"story-{i}.txt",
            "\n\n".join([f"Rebels held Idleb on day {i}.", *rows[i : i + (1 if i == shortest else 6)]])
            + "\n",
        )
        for i in range(8)
    ]
    assert min(range(8), key=lambda i: len(docs[i].text)) == shortest
    settings = resolve(Flags(lang="en"), Config())
    heard: dict[int, list[list[Any]]] = {1: [], 2: []}
    for jobs in (1, 2):
        engine = runner.worker_engine(settings)
        runner.check_documents(
            engine,
            docs,
            settings,
            jobs,
            lambda i, hits, j=jobs: heard[j].append([i, sorted(map(repr, hits))]),
        )
    assert [i for i, _ in heard[2]] == list(range(8))
    assert heard[2] == heard[1]
    assert all(hits for _, hits in heard[1])  # Idleb in each: TQ101


def test_one_process_where_a_pool_cannot_pay_or_be_exact() -> None:
    settings = resolve(Flags(jobs=4), Config())
    text = "Fighting went on in Idlib.\n" * 1000
    many = [Document(f"a{i}.txt", text) for i in range(runner.PARALLEL_FROM // len(text) + 1)]
    assert runner.usable_jobs(settings, many) == 4
    assert runner.usable_jobs(settings, many[:-1]) == 1  # a small run
    assert runner.usable_jobs(settings, [Document("big.txt", text * 100)]) == 1  # one file
    assert runner.usable_jobs(settings, many, fix=True) == 1
    assert runner.usable_jobs(settings, many, score=True) == 1
    stdin = Document("-", "Text.\n")
    stdin.stdin = True
    assert runner.usable_jobs(settings, [*many, stdin]) == 1
    assert runner.usable_jobs(resolve(Flags(jobs=64), Config()), many) == len(many)


def test_jobs_from_flags_config_and_the_machine(tmp_path: Path) -> None:
    from tqcheck.config import load_config
    from tqcheck.parallel import default_jobs

    assert resolve(Flags(), Config()).jobs == 1  # measured: a pool did not pay on 2 cores
    assert resolve(Flags(jobs=0), Config()).jobs == default_jobs() >= 1
    cfg = tmp_path / "tqcheck.toml"
    cfg.write_text("jobs = 3\n")
    assert resolve(Flags(), load_config(cfg)).jobs == 3
    assert resolve(Flags(jobs=1), load_config(cfg)).jobs == 1
    cfg.write_text("jobs = 0\n")
    code, _, err = invoke("check", str(FIXTURES / "afp-idleb-2018-01-11.en.txt"), "--config", str(cfg))
    assert code == 2 and "setting 'jobs' must be a whole number, 1 or more, not 0" in err
    code, _, err = invoke("check", str(FIXTURES / "afp-idleb-2018-01-11.en.txt"), "--jobs", "-1")
    assert code == 2 and "--jobs must be 0 (every core) or more, not -1" in err
    for bad in (
        "two",
        "",
        "--1",
        "\u0663",
    ):  # Arabic-Indic three: int() reads it, a shell user did not mean it
        code, _, err = invoke("check", str(FIXTURES / "afp-idleb-2018-01-11.en.txt"), "--jobs", bad)
        assert code == 2 and "Invalid value for '--jobs'" in err, bad


def test_a_whole_number_option_is_read_without_pydantic(tmp_path: Path) -> None:
    """``--jobs 1`` is converted as a plain decimal: importing Pydantic for it cost a tenth of a
    glossary-only run's start-up (``benchmarks/scaling.py``)."""
    probe = (
        "import sys; from tqcheck.entry import main\n"
        "sys.argv = ['tqcheck', 'check', sys.argv[1], '--select', 'TQ101', '--jobs', ' 1', '-o', sys.argv[2]]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    print(e.code, 'pydantic' in sys.modules)\n"
    )
    article = str(FIXTURES / "afp-idleb-2018-01-11.en.txt")
    out = subprocess.run(
        [sys.executable, "-c", probe, article, str(tmp_path / "out.txt")], capture_output=True, text=True
    )
    assert out.stdout.split() == ["1", "False"], out.stderr


@pytest.mark.slow
def test_ctrl_c_stops_the_workers_without_a_traceback(tmp_path: Path) -> None:
    if not Path(f"/proc/{os.getpid()}/task").is_dir():
        pytest.skip("needs Linux /proc to see the worker processes")
    folder = tmp_path / "desk"
    write_folder(folder, 200, repeat=30)  # about 2.7 MB: tens of seconds, longer than the wait
    proc = subprocess.Popen(
        # three processes: this one checks files too, beside its two workers
        [sys.executable, "-m", "tqcheck", "check", str(folder), "--lang", "en", "--jobs", "3"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 60
    workers: list[str] = []
    while proc.poll() is None and time.monotonic() < deadline:
        workers = children.read_text().split() if children.exists() else []
        if len(workers) >= 2:
            break
        time.sleep(0.01)
    assert proc.poll() is None and len(workers) >= 2, "the run ended before its workers were seen"
    time.sleep(0.5)  # the workers are checking
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (130, b"")
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]
