"""Adopting tqcheck on an archive: record today's findings once, then fail only on new ones.

``--write-baseline FILE`` stores the fingerprints (:mod:`tqcheck.fingerprint`, the ones SARIF code
scanning uses) of every finding; ``--baseline FILE`` drops the findings whose fingerprint is in
it. A fingerprint counts occurrences of a (rule, path, text), so a second "Idleb" added to an
article that had one is new, while lines moving around change nothing.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from tqcheck._version import __version__
from tqcheck.document import read_regular
from tqcheck.errors import InputError
from tqcheck.fingerprint import fingerprinted
from tqcheck.model import Report

FORMAT = "tqcheck-baseline/1"


def baseline_json(report: Report) -> str:
    """The baseline of ``report``: its fingerprints, with rule, path and text for a reader."""
    entries = [
        {"fingerprint": fp, "rule": f.rule, "path": f.path, "text": f.text}
        for f, fp in fingerprinted(report.findings)
    ]
    data = {"format": FORMAT, "tool": {"name": "tqcheck", "version": __version__}, "findings": entries}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def load_baseline(path: Path) -> frozenset[str]:
    """The fingerprints recorded in a baseline file (one line naming the file if it is not one)."""
    where = str(path)
    try:
        data = json.loads(read_regular(path, where).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InputError(f"not a tqcheck baseline (malformed JSON: {exc})", where) from None
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or not isinstance(data.get("findings"), list)
    ):
        raise InputError(
            f"not a tqcheck baseline (expected format {FORMAT!r}; write one with --write-baseline)", where
        )
    prints = [e.get("fingerprint") for e in data["findings"] if isinstance(e, dict)]
    if not all(isinstance(p, str) for p in prints):
        raise InputError("not a tqcheck baseline (a finding without a fingerprint)", where)
    return frozenset(p for p in prints if isinstance(p, str))


def new_findings(report: Report, known: frozenset[str]) -> Report:
    """``report`` without the findings the baseline already knows."""
    keep = {id(f) for f, fp in fingerprinted(report.findings) if fp not in known}
    files = tuple(replace(fr, findings=tuple(f for f in fr.findings if id(f) in keep)) for fr in report.files)
    return replace(report, files=files)
