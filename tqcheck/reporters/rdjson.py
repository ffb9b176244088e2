"""Reviewdog Diagnostic Format (``rdjson``: one document; ``rdjsonl``: one diagnostic a line).

reviewdog posts these as review comments and suggested changes on a pull request. Its positions
are 1-based lines and 1-based columns counted in UTF-8 bytes (not code points as in our JSON), so
columns are converted from each file's own line text.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from tqcheck.model import Finding, Location, Report, Severity

SOURCE = {"name": "tqcheck"}
SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


class _Lines:
    """Line texts of the files findings point into, split once per file."""

    def __init__(self, report: Report) -> None:
        self._texts = {fr.path: fr.text for fr in report.files} | dict(report.sources)
        self._lines: dict[str, list[str]] = {}

    def byte_column(self, path: str, line: int, column: int) -> int:
        lines = self._lines.get(path)
        if lines is None:
            lines = self._lines[path] = self._texts.get(path, "").split("\n")
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return len(text[: column - 1].encode("utf-8")) + 1


def _range(loc: Location, lines: _Lines) -> dict[str, Any]:
    return {
        "start": {"line": loc.line, "column": lines.byte_column(loc.path, loc.line, loc.column)},
        "end": {"line": loc.end_line, "column": lines.byte_column(loc.path, loc.end_line, loc.end_column)},
    }


def diagnostic(f: Finding, lines: _Lines) -> dict[str, Any]:
    """One finding as a reviewdog ``Diagnostic`` (with its fix as a suggestion when it has one)."""
    where = _range(f.location, lines)
    out: dict[str, Any] = {
        "message": f.message,
        "location": {"path": f.path, "range": where},
        "severity": SEVERITY[f.severity],
        "source": SOURCE,
        "code": {"value": f.rule},
    }
    if f.suggestion is not None:
        out["suggestions"] = [{"range": where, "text": f.suggestion}]
    if f.related:
        out["related_locations"] = [
            {"message": r.message, "location": {"path": r.location.path, "range": _range(r.location, lines)}}
            for r in f.related
        ]
    return out


class RdjsonReporter:
    """``{"source": ..., "diagnostics": [...]}`` for ``reviewdog -f=rdjson``."""

    def render(self, report: Report, out: TextIO) -> None:
        lines = _Lines(report)
        doc = {"source": SOURCE, "diagnostics": [diagnostic(f, lines) for f in report.findings]}
        json.dump(doc, out, ensure_ascii=False, indent=2)
        out.write("\n")


class RdjsonlReporter:
    """One diagnostic per line for ``reviewdog -f=rdjsonl`` (streams well on large runs)."""

    def render(self, report: Report, out: TextIO) -> None:
        lines = _Lines(report)
        for f in report.findings:
            out.write(json.dumps(diagnostic(f, lines), ensure_ascii=False))
            out.write("\n")
