"""Which config file governs which checked file (ruff's hierarchical configs).

A run over ``desk/`` where ``desk/web/`` has its own ``tqcheck.toml`` checks the files under
``web/`` with that config and the others with the desk's: each file's nearest config decides
what is checked there (rules, severities, glossaries, languages, ``exclude``,
``per-file-ignores``). Settings that belong to the run as a whole (output format, ``fail-on``,
jobs) come from the config found for the run (:func:`tqcheck.config.config_start`), as ruff takes
its output format from one place. Each group of files is checked apart (the checks across
articles compare articles under one config) and the reports are joined in input order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from tqcheck.config import Config, find_config, load_config
from tqcheck.document import expand_inputs
from tqcheck.errors import InputError
from tqcheck.model import Report
from tqcheck.pathfilter import PathFilter
from tqcheck.settings import Flags, RunSettings, resolve

#: A config and the files (walked already) that it governs.
Group = tuple[Config, RunSettings, list[str]]


def config_groups(inputs: Sequence[str], run: RunSettings, cfg: Config, flags: Flags) -> list[Group] | None:
    """The files of ``inputs`` grouped by their nearest config, or ``None`` when the run's
    config governs them all (or stdin, or an input that the plain path must report as bad)."""
    if any(raw == "-" for raw in inputs):
        return None
    try:
        items = list(expand_inputs(inputs, run.extensions, PathFilter(run.exclude, run.root)))
    except InputError:
        return None  # the run reports it, file by file
    nearest = cache(find_config)
    found: dict[Path | None, list[str]] = {}
    for item in items:
        found.setdefault(nearest(Path(item).absolute().parent), []).append(item)
    if list(found) in ([cfg.path], []):
        return None
    groups: list[Group] = []
    for path, members in found.items():
        own = cfg if path == cfg.path else load_config(path)
        settings = replace(resolve(flags, own), fmt=run.fmt, fail_on=run.fail_on, jobs=run.jobs)
        if path != cfg.path:
            excluded = PathFilter(settings.exclude, settings.root)
            members = [m for m in members if m in inputs or not excluded.matches(m)]
        if members:
            groups.append((own, settings, members))
    return groups


def joined(reports: Sequence[Report]) -> Report:
    """One report of the groups' reports, files in the order the groups were checked."""
    first = reports[0]
    sources = {k: v for r in reports for k, v in r.sources.items()}
    rules = {k: v for r in reports for k, v in r.rules.items()}
    files = tuple(f for r in reports for f in r.files)
    return replace(first, files=files, sources=sources, rules=rules)
