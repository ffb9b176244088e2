"""One line per finding: ``path:line:col: CODE [severity] message`` (ruff's ``concise``).

For editors' quickfix lists, grep and terminals too narrow for the excerpt of ``text``.
"""

from __future__ import annotations

from typing import TextIO

from tqcheck.model import ProblemKind, Report
from tqcheck.reporters.text import visible


class ConciseReporter:
    def render(self, report: Report, out: TextIO) -> None:
        for f in report.findings:
            loc = f.location
            fix = f" (fix: '{f.suggestion}')" if f.suggestion else ""
            out.write(
                visible(f"{loc.path}:{loc.line}:{loc.column}: {f.rule} [{f.severity.value}] {f.message}{fix}")
            )
            out.write("\n")
        for problem in report.problems:
            kind = "error" if problem.kind is ProblemKind.ERROR else "skipped"
            out.write(visible(f"{problem.path}: {kind}: {problem.message}") + "\n")
        total, files = len(report.findings), len(report.files)
        out.write(
            f"Found {total} problem{'s' if total != 1 else ''} in {files} file{'s' if files != 1 else ''}.\n"
        )
