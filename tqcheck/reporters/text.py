"""Human output, ruff-like: ``path:line:col: CODE message``, the line, a caret underline, a summary.

Colour only when writing to a terminal; the underline is measured in display cells so wide
characters (CJK, some symbols) keep the caret under the right text.
"""

from __future__ import annotations

import unicodedata
from typing import TextIO

from tqcheck.model import Finding, Report, Severity

COLORS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m", Severity.INFO: "\x1b[1;36m"}
BOLD, DIM, RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def cells(text: str) -> int:
    return sum(
        2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text
    )


class TextReporter:
    def __init__(self, color: bool = False) -> None:
        self.color = color

    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.color else text

    def render(self, report: Report, out: TextIO) -> None:
        for fr in report.files:
            for note in fr.notes:
                out.write(f"{fr.path}: note: {note}\n")
            lines = fr.text.split("\n")
            for f in fr.findings:
                if f.path == fr.path:
                    self._finding(f, lines, out)
                else:  # a finding in another file (the source text of a bilingual check)
                    self._finding(f, report.sources.get(f.path, "").split("\n"), out)
        counts = report.counts()
        total = sum(counts.values())
        files = len(report.files)
        if total == 0:
            out.write(self._c(BOLD, f"No problems found in {files} file{'s' if files != 1 else ''}.") + "\n")
            return
        parts = [
            f"{n} {name}{'s' if n != 1 else ''}"
            for name, n in (
                ("error", counts["error"]),
                ("warning", counts["warning"]),
                ("info", counts["info"]),
            )
            if n
        ]
        fixable = sum(1 for f in report.findings if f.suggestion is not None)
        summary = f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {files} file{'s' if files != 1 else ''}."
        out.write(self._c(BOLD, summary) + "\n")
        if fixable:
            out.write(f"{fixable} fixable with `tqcheck check --fix`.\n")

    def _finding(self, f: Finding, lines: list[str], out: TextIO) -> None:
        loc = f.location
        head = f"{loc.path}:{loc.line}:{loc.column}:"
        code = self._c(COLORS[f.severity], f.rule)
        out.write(f"{self._c(BOLD, head)} {code} [{f.severity.value}] {f.message}\n")
        line = lines[loc.line - 1].rstrip("\r") if loc.line - 1 < len(lines) else ""
        number = str(loc.line)
        gutter = " " * len(number)
        out.write(f"{gutter} |\n{number} | {line}\n")
        start = loc.column - 1
        end = loc.end_column - 1 if loc.end_line == loc.line else len(line)
        pad = " " * cells(line[:start])
        carets = "^" * max(1, cells(line[start:end]))
        hint = ""
        if f.suggestion is not None:
            hint = f" help: replace with '{f.suggestion}'" if f.suggestion else " help: delete this"
        out.write(f"{gutter} | {pad}{self._c(COLORS[f.severity], carets)}{hint}\n")
        for r in f.related[:6]:
            rl = r.location
            out.write(f"{gutter} = {self._c(DIM, f'{rl.path}:{rl.line}:{rl.column}')}: {r.message}\n")
        if len(f.related) > 6:
            out.write(f"{gutter} = … and {len(f.related) - 6} more\n")
        out.write("\n")
