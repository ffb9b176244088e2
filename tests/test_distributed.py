"""``tqcheck archive``: the same findings on local processes and on a local Ray instance.

The Ray tests start ``ray.init(num_cpus=2)`` once (seconds) and are ``slow``; they skip, saying
why, where the ``distributed`` extra is not installed. Scaling is measured by
``benchmarks/scaling.py --only ray``.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tqcheck.archive import check_archive, encode, table_format
from tqcheck.config import Config
from tqcheck.errors import InputError
from tqcheck.runner import load_documents
from tqcheck.settings import Flags, resolve

from .conftest import FIXTURES, SEED, invoke
from .test_jobs import write_folder


@pytest.fixture(scope="module")
def ray_local() -> Iterator[Any]:
    ray = pytest.importorskip("ray", reason="the distributed extra (Ray) is not installed")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("archive") / "desk"
    write_folder(folder, 24)
    return folder


def reports(paths: list[str], engine: str, workers: int) -> bytes:
    settings = resolve(Flags(lang="en"), Config())
    docs = load_documents(paths, settings, on_error=lambda exc: None)
    return encode(check_archive(docs, settings, engine=engine, workers=workers), "jsonl")


@pytest.mark.slow
def test_ray_gives_the_local_findings(ray_local: Any, desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tqcheck.names import clusters

    paths = [str(desk), str(FIXTURES / "multilingual"), str(FIXTURES / "bilingual")]
    local = reports(paths, "local", 1)
    # TQ202's judgements made ahead as Ray tasks, even for a set this small
    monkeypatch.setattr(clusters, "SPECULATE_FROM", 0)
    batches: list[int] = []
    real = clusters._speculate
    monkeypatch.setattr(clusters, "_speculate", lambda *a: batches.append(1) or real(*a))
    assert reports(paths, "ray", 2) == local
    assert batches  # the driver judged ahead on the cluster
    rows = [json.loads(line) for line in local.decode().splitlines()]
    assert {"TQ101", "TQ202"} <= {r["rule"] for r in rows}  # TQ202: the set, reduced on the driver
    assert {r["path"] for r in rows} >= {str(FIXTURES / "multilingual" / "idlib.de.txt")}


@pytest.mark.slow
def test_archive_command_on_ray_writes_json_lines_and_parquet(
    ray_local: Any, desk: Path, tmp_path: Path
) -> None:
    local, ray_out, table = tmp_path / "local.jsonl", tmp_path / "ray.jsonl", tmp_path / "f.parquet"
    code, _, err = invoke("archive", str(desk), "--lang", "en", "--workers", "2", "-o", str(local))
    assert code == 1, err
    args = ["archive", str(desk), "--lang", "en", "--engine", "ray", "--workers", "2"]
    code, _, err = invoke(*args, "-o", str(ray_out))
    assert code == 1, err
    assert ray_out.read_bytes() == local.read_bytes()
    code, _, err = invoke(*args, "-o", str(table))
    assert code == 1, err
    import pyarrow.parquet as pq

    rows = pq.read_table(table).to_pylist()
    expected = [json.loads(line) for line in local.read_text().splitlines()]
    assert [(r["path"], r["line"], r["column"], r["rule"]) for r in rows] == [
        (r["path"], r["line"], r["column"], r["rule"]) for r in expected
    ]
    assert json.loads(rows[0]["related"]) == expected[0]["related"]


def test_archive_local_matches_check_json(tmp_path: Path) -> None:
    out = tmp_path / "f.jsonl"
    code, _, err = invoke("archive", str(SEED), "--lang", "en", "-o", str(out))
    assert code == 1, err
    code, report, _ = invoke("check", str(SEED), "--lang", "en", "-f", "json")
    assert [json.loads(line) for line in out.read_text().splitlines()] == json.loads(report)["findings"]


def test_archive_refusals(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="Parquet is written to a file"):
        table_format(None, "parquet")
    assert table_format("x.parquet", None) == "parquet" and table_format("-", None) == "jsonl"
    code, _, err = invoke("archive", str(SEED), "--engine", "spark")
    assert code == 2 and "unknown engine 'spark'" in err
    code, _, err = invoke("archive", str(SEED), "--workers", "0")
    assert code == 2 and "--workers must be 1 or more" in err

    real = importlib.import_module

    def no_ray(name: str, package: str | None = None) -> Any:
        if name.split(".")[0] == "ray":
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", no_ray)
    code, _, err = invoke("archive", str(SEED), "--engine", "ray")
    assert code == 2 and "pip install 'tqcheck[distributed]'" in err


def test_a_check_never_imports_ray_or_torch() -> None:
    code = (
        "import sys\n"
        "from tqcheck.entry import main\n"
        f"sys.argv = ['tqcheck', 'check', {str(SEED)!r}, '-o', '/dev/null']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('ray', 'torch', 'pyarrow') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


@pytest.mark.slow
def test_ray_actors_score_each_document_with_their_own_model(
    ray_local: Any, tiny_models: dict[str, Path], tmp_path: Path
) -> None:
    """``archive --engine ray --score``: the actor loads the models and scores the article (the
    score cache is empty before it runs); the local run, reading what the actor cached, writes
    the same rows, the neural findings among them."""
    from tqcheck.scoring.api import DocumentScorer

    from .test_scoring import article, options

    target, source = article()
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "article.en.txt").write_text(target.text, encoding="utf-8")
    (folder / "article.fr.txt").write_text(source.text, encoding="utf-8")  # its original, paired
    settings = resolve(Flags(lang="en"), Config())
    docs = load_documents([str(folder)], settings)
    assert [d.path for d in docs] == [str(folder / "article.en.txt")] and docs[0].source is not None
    scores = tmp_path / "scores"
    scoring = DocumentScorer(options(tiny_models, cache_dir=str(scores)))
    on_ray = encode(check_archive(docs, settings, engine="ray", workers=1, score=scoring), "jsonl")
    assert any(scores.rglob("*"))  # the actor scored: its model's outputs are in the cache
    assert encode(check_archive(docs, settings, engine="local", score=scoring), "jsonl") == on_ray
    rules = [json.loads(line)["rule"] for line in on_ray.decode().splitlines()]
    assert {"TQ901", "TQ902"} <= set(rules)


def test_archive_score_refusals(tmp_path: Path) -> None:
    code, _, err = invoke("archive", str(SEED), "--model", "some/model", "-o", str(tmp_path / "f.jsonl"))
    assert (code, err.strip()) == (2, "tqcheck: error: --model needs --score")
    code, _, err = invoke(
        "archive", str(SEED), "--score", "--backend", "onnx", "-o", str(tmp_path / "f.jsonl")
    )
    assert code == 2 and "onnx" in err and "Traceback" not in err
