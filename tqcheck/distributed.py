"""An archive checked on Ray: the per-document check mapped over a Ray Dataset, the set at the end.

The only module that imports Ray (extra ``distributed``), and only when a run asks for it: a
plain ``tqcheck check`` never loads it. The work is split as :mod:`tqcheck.parallel` splits it
over local processes, so the findings are the same:

- **map**: the documents, read and planned on the driver (originals paired, languages
  identified, exactly as ``tqcheck check`` plans them), go into a Ray Dataset, one row each;
  a pool of actors, each with its own engine built once (the compiled glossaries come from its
  node's cache), runs :meth:`Engine.check_document` on batches of rows and returns each
  document's hits and its per-document analysis (:meth:`Context.export`);
- **reduce**: the driver adopts every analysis (:meth:`Context.adopt`) and runs
  :meth:`Engine.finish`: the checks across articles (TQ104, TQ202, TQ302) and the report. This is
  the simplest exact reduce: the set checks compare every article of a language with every
  other through their summaries, which are small (names and glossary matches, not text). Their
  independent work (TQ202's pairwise name judgements) goes back to the cluster as Ray tasks
  (:attr:`Context.fanout <tqcheck.checks.base.Context>`), as ``--jobs`` hands it to its pool.

Reading on the driver keeps the plan identical to a local run; for an archive larger than the
driver's memory, read per folder (a newsroom's day) and run one archive per folder.
With ``--score`` the same actors score each document too: the models load once per actor (on a
GPU of its own where the cluster has GPUs, one actor per GPU), and the scores come back with the
hits, so the report is the one ``tqcheck check --score`` makes.
"""

from __future__ import annotations

import importlib
import logging
import pickle
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar, cast

from tqcheck.document import Document
from tqcheck.engine import Engine, ScoreOutcome
from tqcheck.errors import InputError
from tqcheck.gcpause import gc_paused
from tqcheck.model import Hit, Report
from tqcheck.runner import build_context, worker_engine
from tqcheck.scoring.api import DocumentScorer
from tqcheck.settings import RunSettings

#: Documents per batch an actor checks: big enough to amortise a round trip through the object
#: store, small enough to spread a small archive over every actor.
BATCH = 16
T = TypeVar("T")
R = TypeVar("R")
MISSING = "the Ray engine needs the distributed extra: pip install 'tqcheck[distributed]'"


class _Checker:
    """One per actor: the engine (and the scorer's models, with ``score``) built once, then
    batch after batch checked."""

    def __init__(self, settings: RunSettings, score: DocumentScorer | None = None) -> None:
        self.engine = worker_engine(settings, score)

    def __call__(self, batch: Any) -> Any:
        pa = importlib.import_module("pyarrow")  # Ray's own dependency (untyped: Any)
        out = []
        with gc_paused():  # as Engine.run: hits by the thousand, none of them in a cycle
            for blob in batch.column("doc").to_pylist():
                doc: Document = pickle.loads(blob)
                hits, scored = self.engine.check_document(doc)
                result = (hits, self.engine.context.export(doc), scored)
                out.append(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
        return pa.table({"i": batch.column("i"), "result": pa.array(out, pa.large_binary())})


def check_ray(
    docs: Sequence[Document],
    settings: RunSettings,
    *,
    address: str | None = None,
    workers: int | None = None,
    score: DocumentScorer | None = None,
) -> Report:
    """The report ``Engine(...).run(docs)`` makes, the documents checked by Ray actors.

    ``address``: a running cluster (``auto``, ``ray://head:10001``); without it a local Ray
    instance is started with ``workers`` CPUs (default: this machine's) and stopped at the end.
    ``workers``: actors (default: the cluster's CPUs, or with ``score`` its GPUs where it has
    them). ``score``: the actors also score each document, each loading the models once, on a
    GPU of its own where the cluster has them.
    """
    try:
        ray = importlib.import_module("ray")  # (untyped: Any)
        importlib.import_module("ray.data")
    except ImportError:
        raise InputError(MISSING) from None
    started = False
    if not ray.is_initialized():
        ray.init(
            address=address,
            num_cpus=None if address else workers,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.ERROR,
        )
        started = True
    try:
        resources = ray.cluster_resources()
        gpus = int(resources.get("GPU", 0)) if score is not None else 0
        actors = workers or max(1, gpus or int(resources.get("CPU", 1)))
        return _run(ray, docs, settings, actors, score, gpus > 0)
    finally:
        if started:
            ray.shutdown()


def _quiet(ray: Any) -> None:
    """No progress bars or per-dataset log lines: the run's output is its findings."""
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    context.enable_auto_log_stats = False
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _run(
    ray: Any,
    docs: Sequence[Document],
    settings: RunSettings,
    actors: int,
    score: DocumentScorer | None,
    gpu: bool,
) -> Report:
    _quiet(ray)
    engine = Engine(build_context(settings), settings.engine)
    rows = [{"i": i, "doc": pickle.dumps(doc, pickle.HIGHEST_PROTOCOL)} for i, doc in enumerate(docs)]
    if not rows:
        return engine.finish(docs, {})
    blocks = max(min(actors, len(rows)), min(-(-len(rows) // BATCH), actors * 8))  # every actor busy
    dataset = ray.data.from_items(rows, override_num_blocks=blocks)
    checked = dataset.map_batches(
        _Checker,
        fn_constructor_args=(settings, score),
        batch_size=BATCH,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=actors),
        num_cpus=1,
        num_gpus=1 if gpu else 0,
    )
    results: dict[int, tuple[list[Hit], list[tuple[str, Any]], ScoreOutcome | None]] = {}
    for batch in checked.iter_batches(batch_format="pyarrow", batch_size=None):
        for i, blob in zip(batch.column("i").to_pylist(), batch.column("result").to_pylist(), strict=True):
            results[i] = pickle.loads(blob)
    hits: dict[str, list[Hit]] = {d.path: [] for d in docs}
    outcomes: dict[str, ScoreOutcome] = {}
    for i, doc in enumerate(docs):  # in input order, whatever order the actors finished in
        found, analysis, scored = results[i]
        hits[doc.path].extend(found)
        engine.context.adopt(doc, analysis)
        if scored is not None:
            outcomes[doc.path] = scored
    engine.context.fanout = _RayFanout(ray)
    return engine.finish(docs, hits, outcomes)


class _RayFanout:
    """:attr:`Context.fanout <tqcheck.checks.base.Context>` on the cluster: each batch one Ray
    task (a CPU each), the answers in the batches' order."""

    def __init__(self, ray: Any) -> None:
        self._ray = ray

    def __call__(self, fn: Callable[[T], R], batches: Iterable[T], /) -> Iterable[R]:
        task = self._ray.remote(num_cpus=1)(fn)
        return cast(list[R], self._ray.get([task.remote(b) for b in batches]))
