"""Human output, ruff-like: ``path:line:col: CODE message``, the line, a caret underline, a summary.

Colour only when writing to a terminal; the underline is measured in display cells so wide
characters (CJK, some symbols) keep the caret under the right text.

Article text is untrusted: control characters and bidi overrides in it (``\\x1b[2J``, a bare
``\\r``, U+202E) are shown escaped, never written raw, wherever they appear (the line, the message,
a path). A line longer than a paragraph is shown as a window around the finding, so a one-line
megabyte file with a thousand findings prints kilobytes, not gigabytes.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from itertools import accumulate
from typing import TextIO

from tqcheck.locale.names import language_name
from tqcheck.model import Finding, FixSafety, ProblemKind, Report, Severity

COLORS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m", Severity.INFO: "\x1b[1;36m"}
BOLD, DIM, RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"

#: Lines up to this many characters (a news paragraph) are shown whole.
WHOLE_LINE_CHARS = 500
#: Longer lines are cut to this many display cells of context on each side of the finding ...
CONTEXT_CELLS = 100
#: ... and a finding's own text to this many cells (its underline likewise), ``…`` marking each cut.
SPAN_CELLS = 100
#: Characters read per side for a window at most (zero-width marks take no cell but cost time).
_WINDOW_CHARS = 4 * CONTEXT_CELLS
ELLIPSIS = "…"

#: C0 and C1 controls (tab excepted), DEL, and the bidi embedding, override and isolate characters
#: (U+202A-U+202E, U+2066-U+2069) that reorder what a terminal shows.
_ESCAPES: dict[int, str] = {
    c: f"\\x{c:02x}" for c in (*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F, *range(0x80, 0xA0))
}
_ESCAPES.update({0x0A: "\\n", 0x0D: "\\r"})
_ESCAPES.update({c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_ESCAPES_BUT_BREAKS = {c: e for c, e in _ESCAPES.items() if c not in (0x0A, 0x0D)}


def visible(text: str, breaks: bool = True) -> str:
    """``text`` with every control character and bidi override escaped (``\\x1b``, ``\\r``, ``\\u202e``).

    ``breaks=False`` leaves ``\\n`` and ``\\r`` to a caller that encodes them its own way.
    """
    if text.isprintable():
        return text  # nothing to escape (every escaped character is unprintable)
    return text.translate(_ESCAPES if breaks else _ESCAPES_BUT_BREAKS)


class _Widths(dict[str, int]):
    """Display cells per character, remembered: widths of a window are then a ``map`` at C speed.

    Escaped characters take the cells of their escape; wide (East Asian) characters two, combining
    marks none.
    """

    def __missing__(self, c: str) -> int:
        if len(self) > 65536:
            self.clear()  # a text using every code point must not grow this without end
        escaped = _ESCAPES.get(ord(c))
        if escaped is not None:
            w = len(escaped)
        else:
            w = 2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
        self[c] = w
        return w


_WIDTH = _Widths()


def cells(text: str) -> int:
    return sum(map(_WIDTH.__getitem__, text))


def _reach(line: str, start: int, step: int, budget: int) -> int:
    """From ``start``, how far (``step`` -1: back, +1: on) ``budget`` cells of ``line`` go."""
    back = step < 0
    chars = line[max(0, start - _WINDOW_CHARS) : start][::-1] if back else line[start : start + _WINDOW_CHARS]
    if chars.isascii() and chars.isprintable():
        taken = min(len(chars), budget)  # one cell each
    else:
        taken = bisect_right(list(accumulate(map(_WIDTH.__getitem__, chars))), budget)
    return start + step * taken


def excerpt(line: str, start: int, end: int) -> tuple[str, str, str]:
    """The shown text before the span, of the span, and after it, escaped; windowed if long.

    A line of at most :data:`WHOLE_LINE_CHARS` characters is shown whole; a longer one keeps
    :data:`CONTEXT_CELLS` cells each side and :data:`SPAN_CELLS` of the span, with ``…`` at cuts.
    """
    if len(line) <= WHOLE_LINE_CHARS:
        return visible(line[:start]), visible(line[start:end]), visible(line[end:])
    left = _reach(line, start, -1, CONTEXT_CELLS)
    stop = _reach(line, start, 1, SPAN_CELLS)
    span_end = min(end, stop)
    right = _reach(line, end, 1, CONTEXT_CELLS)
    before = (ELLIPSIS if left > 0 else "") + visible(line[left:start])
    middle = visible(line[start:span_end]) + (ELLIPSIS if span_end < end else "")
    after = visible(line[end:right]) + (ELLIPSIS if right < len(line) else "")
    return before, middle, after


#: After the help: how far ``--fix`` goes with it (a safe fix needs no word).
_FIX_NOTE = {
    FixSafety.SAFE: "",
    FixSafety.UNSAFE: " (unsafe fix: --unsafe-fixes)",
    FixSafety.NONE: " (suggestion only, never applied)",
}


def _pair(report: Report) -> str:
    """`` (German, from French)`` after the summary, where the pair is not the default."""
    if not report.pair_shown or report.lang is None:
        return ""
    source = f", from {language_name(report.source_lang)}" if report.source_lang else ""
    return f" ({language_name(report.lang)}{source})"


def score_details(f: Finding) -> list[tuple[str, str]]:
    """What a neural finding (TQ9xx) lays side by side for an editor who cannot read the target:
    the source sentence, what the translation says (its back-translation), and its score beside
    the article's median."""
    if not f.rule.startswith("TQ9"):
        return []
    d = dict(f.data)
    out = [
        (label, " ".join(d[key].split()))
        for key, label in (("source", "source:"), ("back_translation", "back-translation:"))
        if isinstance(d.get(key), str)
    ]
    score, median = d.get("adequacy"), d.get("article_median")
    if isinstance(score, float) and isinstance(median, float):
        out.append(("score:", f"{score:.2f} bits/token (article median {median:.2f})"))
    return out


class TextReporter:
    def __init__(self, color: bool = False) -> None:
        self.color = color

    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.color else text

    def render(self, report: Report, out: TextIO) -> None:
        self._render(report, out)

    def _render(self, report: Report, out: TextIO) -> None:
        other_lines: dict[str, list[str]] = {}  # lines of the other files findings point into
        for fr in report.files:
            for note in fr.notes:
                out.write(visible(f"{fr.path}: note: {note}") + "\n")
            lines = fr.text.split("\n")
            for f in fr.findings:
                if f.path == fr.path:
                    self._finding(f, lines, out)
                else:  # a finding in another file (the source text of a bilingual check)
                    if f.path not in other_lines:
                        other_lines[f.path] = report.sources.get(f.path, "").split("\n")
                    self._finding(f, other_lines[f.path], out)
        for problem in report.problems:  # files the run went on without
            kind = "error" if problem.kind is ProblemKind.ERROR else "skipped"
            out.write(visible(f"{problem.path}: {kind}: {problem.message}") + "\n")
        counts = report.counts()
        total = sum(counts.values())
        files = len(report.files)
        pair = _pair(report)
        if total == 0:
            out.write(
                self._c(BOLD, f"No problems found in {files} file{'s' if files != 1 else ''}{pair}.") + "\n"
            )
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
        safe = sum(1 for f in report.findings if f.fix is FixSafety.SAFE)
        unsafe = sum(1 for f in report.findings if f.fix is FixSafety.UNSAFE)
        summary = f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {files} file{'s' if files != 1 else ''}{pair}."
        out.write(self._c(BOLD, summary) + "\n")
        if safe or unsafe:
            more = f" ({unsafe} more with `--unsafe-fixes`)" if unsafe else ""
            out.write(f"{safe} fixable with `tqcheck check --fix`{more}.\n")

    def _finding(self, f: Finding, lines: list[str], out: TextIO) -> None:
        loc = f.location
        head = visible(f"{loc.path}:{loc.line}:{loc.column}:")
        code = self._c(COLORS[f.severity], f.rule)
        parts = [f"{self._c(BOLD, head)} {code} [{f.severity.value}] {visible(f.message)}\n"]
        line = lines[loc.line - 1].rstrip("\r") if loc.line - 1 < len(lines) else ""
        number = str(loc.line)
        gutter = " " * len(number)
        start = min(loc.column - 1, len(line))
        end = loc.end_column - 1 if loc.end_line == loc.line else len(line)
        before, middle, after = excerpt(line, start, max(start, end))
        parts.append(f"{gutter} |\n{number} | {before}{middle}{after}\n")
        pad = " " * cells(before)
        carets = "^" * max(1, cells(middle))
        hint = ""
        if f.suggestion is not None:
            hint = f" help: replace with '{visible(f.suggestion)}'" if f.suggestion else " help: delete this"
            hint += _FIX_NOTE[f.fix]
        parts.append(f"{gutter} | {pad}{self._c(COLORS[f.severity], carets)}{hint}\n")
        for r in f.related[:6]:
            rl = r.location
            where = visible(f"{rl.path}:{rl.line}:{rl.column}")
            parts.append(f"{gutter} = {self._c(DIM, where)}: {visible(r.message)}\n")
        if len(f.related) > 6:
            parts.append(f"{gutter} = … and {len(f.related) - 6} more\n")
        parts.extend(f"{gutter} = {label:<17} {visible(value)}\n" for label, value in score_details(f))
        parts.append("\n")
        out.write("".join(parts))  # one write per finding
