"""The data a review page's script renders: the report as compact JSON, not pre-rendered markup.

A page with thousands of findings stays light because each finding is one short array and
every repeated string (the same message thirteen times) is written once, in a string table.
Offsets are converted to UTF-16 code units, which is how the page's script indexes strings
(a code point above U+FFFF, an emoji in a quote, counts two there). The side-by-side rows are
cut here so that every character of both texts is shown once: an aligned pair's cell runs to
where the next pair begins, so text between sentences (and any finding in it) is never lost.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from tqcheck.fix import written_as
from tqcheck.model import FileReport, Finding, FixSafety, Piece, Report, SegmentScore

#: Severity as the script's arrays carry it (the index into this tuple).
SEVERITIES = ("error", "warning", "info")
#: Which text a finding's offsets index: the checked file, its ``--source`` text, or another file.
TARGET, SOURCE, ELSEWHERE = 0, 1, 2

Convert = Callable[[int], int]


def utf16(text: str) -> Convert:
    """Code-point offset -> UTF-16 offset in ``text`` (the identity for text without astral chars)."""
    astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]
    if not astral:
        return lambda i: i
    return lambda i: i + bisect_left(astral, i)


class Strings:
    """A string table: each distinct string is stored once and referred to by its index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, s: str | None) -> int:
        if s is None:
            return -1
        return self.index.setdefault(s, len(self.index))

    @property
    def table(self) -> list[str]:
        return list(self.index)


def _finding(f: Finding, fr: FileReport, conv: dict[str, Convert], s: Strings) -> list[Any]:
    """``[rule, severity, side, start, end, line, column, message, text, suggestion, written,
    fix, unit, path, related, scored]``; ``written`` is what ``--fix`` would write over the span in
    the file (escaped for its format), -1 when the page must not offer the fix; ``scored`` is
    ``[source, back_translation, score, article_median]`` of a neural finding (-1 or null where
    unknown). Strings are indexes into the string table; trailing ``unit``, ``path``, ``related``
    and ``scored`` are left off when empty."""
    side = TARGET if f.path == fr.path else SOURCE if f.path == fr.source else ELSEWHERE
    to16 = conv.get(f.path, int)
    fixable = side == TARGET and f.fix is not FixSafety.NONE and _encodable(f.suggestion, fr.encoding)
    written = written_as(fr.text, f, fr.format, fr.cdata) if fixable else None
    related = [
        [s(r.location.path), r.location.line, r.location.column, s(r.message)]
        + ([to16(r.location.span.start), to16(r.location.span.end)] if r.location.path in conv else [])
        for r in f.related
    ]
    unit = dict(f.data).get("unit")
    out = [
        f.rule,
        SEVERITIES.index(f.severity.value),
        side,
        to16(f.span.start),
        to16(f.span.end),
        f.location.line,
        f.location.column,
        s(f.message),
        s(f.text),
        s(f.suggestion),
        s(written),
        f.fix.value if written is not None else "",
        None if unit is None else str(unit),
        s(f.path) if side == ELSEWHERE else -1,
        related,
        _scored(f, s),
    ]
    while out[-1] in ([], -1, None):  # trailing defaults are left off (the script fills them in)
        out.pop()
    return out


def _scored(f: Finding, s: Strings) -> list[Any] | None:
    """A neural finding's source, back-translation, score and article median (None for others)."""
    if not f.rule.startswith("TQ9"):
        return None
    d = dict(f.data)
    source, back = d.get("source"), d.get("back_translation")
    score, median = d.get("adequacy"), d.get("article_median")
    out = [
        s(source) if isinstance(source, str) else -1,
        s(back) if isinstance(back, str) else -1,
        round(score, 2) if isinstance(score, float) else None,
        round(median, 2) if isinstance(median, float) else None,
    ]
    return None if out == [-1, -1, None, None] else out


def _encodable(suggestion: str | None, encoding: str) -> bool:
    """A fix the file's encoding cannot hold is never applied (``--fix`` skips it too)."""
    if suggestion is None:
        return False
    try:
        suggestion.encode(encoding)
    except (UnicodeError, LookupError):
        return False
    return True


def _cuts(ranges: Sequence[tuple[int, int] | None], length: int) -> list[tuple[int, int] | None]:
    """Cells that tile ``[0, length)``: each non-empty range is stretched to where the next one
    starts (the first from 0), so nothing between aligned sentences goes unshown."""
    starts = [r[0] for r in ranges if r is not None]
    out: list[tuple[int, int] | None] = []
    k = 0
    pos = 0
    for r in ranges:
        if r is None:
            out.append(None)
            continue
        k += 1
        end = max(pos, starts[k] if k < len(starts) else length)
        out.append((pos, end))
        pos = end
    return out


def _extent(pieces: tuple[Piece, ...]) -> tuple[int, int] | None:
    return (pieces[0].start, pieces[-1].end) if pieces else None


class Back:
    """The back-translation column: the scored segments that start in a row's target range."""

    def __init__(self, scores: Sequence[SegmentScore], s: Strings) -> None:
        self.scores = sorted(scores, key=lambda x: x.start)
        self.starts = [x.start for x in self.scores]
        self.s = s

    def __call__(self, lo: int, hi: int) -> list[Any]:
        """``[back_translation, metrics]`` for ``[lo, hi)``; ``[-1, ""]`` when none is scored there."""
        inside = self.scores[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]
        if not inside:
            return [-1, ""]
        bt = " ".join(x.back_translation or "" for x in inside).strip()
        metrics = " · ".join(f"{name} {value:.3f}" for x in inside for name, value in x.metrics)
        return [self.s(bt), metrics]


def _rows(fr: FileReport, source: str, s: Strings, to16: Convert, src16: Convert) -> list[list[Any]]:
    """Rows of a ``--source`` view, a scored view, or both: ``[src_start, src_end, tgt_start,
    tgt_end, back_translation, metrics]`` (-1 for an empty side)."""
    if fr.aligned:
        tgt = _cuts([_extent(a.target) for a in fr.aligned], len(fr.text))
        src = _cuts([_extent(a.source) for a in fr.aligned], len(source))
    else:
        scored = sorted(fr.scores, key=lambda x: x.start)
        tgt = _cuts([(x.start, x.end) for x in scored], len(fr.text))
        src = [None] * len(tgt)
    back = Back(fr.scores, s)
    rows = []
    for src_cell, cell in zip(src, tgt, strict=True):
        row: list[Any] = [-1, -1] if src_cell is None else [src16(src_cell[0]), src16(src_cell[1])]
        row += [-1, -1] if cell is None else [to16(cell[0]), to16(cell[1])]
        row += back(*cell) if cell is not None and fr.scores else [-1, ""]
        rows.append(row)
    return rows


def _units(fr: FileReport, s: Strings, to16: Convert) -> list[list[Any]]:
    """Rows of a translation file: ``[id, source pieces, target pieces, where, back_translation,
    metrics]``; a piece is ``[start, end]`` when its text is the file's own, else ``[start, end,
    text]``; ``where`` is the empty target's element (null when it has text)."""

    def side(pieces: tuple[Piece, ...]) -> list[list[Any]]:
        return [
            [to16(p.start), to16(p.end)] + ([] if fr.text[p.start : p.end] == p.text else [p.text])
            for p in pieces
        ]

    back = Back(fr.scores, s)
    rows = []
    for a in fr.aligned:
        lo, hi = _extent(a.target) or a.where or (0, 0)
        where = [to16(a.where.start), to16(a.where.end)] if a.where else None
        bt = back(lo, max(hi, lo + 1)) if fr.scores else [-1, ""]
        rows.append([a.id, side(a.source), side(a.target), where, *bt])
    return rows


def source_text(report: Report, fr: FileReport) -> str | None:
    """The text of the file's ``--source`` (a checked file when it was checked too)."""
    if fr.source is None:
        return None
    if fr.source in report.sources:
        return report.sources[fr.source]
    return next((other.text for other in report.files if other.path == fr.source), None)


def _file(report: Report, fr: FileReport, s: Strings) -> dict[str, Any]:
    source = source_text(report, fr)
    to16 = utf16(fr.text)
    conv = {fr.path: to16}
    if fr.source is not None and source is not None:
        conv[fr.source] = utf16(source)
    units = bool(fr.aligned) and fr.aligned[0].id is not None
    rows = bool(fr.aligned and source is not None) or bool(fr.scores)
    out: dict[str, Any] = {
        "path": fr.path,
        "text": fr.text,
        "encoding": fr.encoding,
        "notes": list(fr.notes),
        "source": fr.source if source is not None else None,
        "view": "units" if units else "rows" if rows else "text",
        "scored": bool(fr.scores),
        "summary": " · ".join(f"{k} {v:.3f}" for k, v in fr.score_summary.items()),
        "findings": [_finding(f, fr, conv, s) for f in fr.findings],
    }
    if units:
        out["rows"] = _units(fr, s, to16)
    elif rows:
        aligned = fr.aligned if source is not None else ()
        out["rows"] = _rows(
            replace(fr, aligned=aligned), source or "", s, to16, conv.get(fr.source or "", to16)
        )
    return out


def page_data(report: Report, summary: str) -> dict[str, Any]:
    """Everything the page's script needs, as plain JSON values."""
    s = Strings()
    files = [_file(report, fr, s) for fr in report.files]
    sources = {f["source"]: source_text(report, fr) for f, fr in zip(files, report.files, strict=True)}
    return {
        "version": report.version,
        "signature": report.signature,
        "summary": summary,
        "lang": report.lang,
        "source_lang": report.source_lang,
        "rules": {
            code: [r.name, r.severity.value, r.summary, r.help, r.fix.value]
            for code, r in sorted(report.rules.items())
            if any(f.rule == code for fr in report.files for f in fr.findings)
        },
        "sources": {path: text for path, text in sources.items() if path is not None},
        "files": files,
        "problems": [[p.path, p.kind.value, p.message] for p in report.problems],
        "strings": s.table,
    }


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` are written as
    ``\\u003c``-style escapes, so ``</script>`` or ``<!--`` in an article cannot end the element
    or change how it is parsed; U+2028/2029 are escaped too (line terminators to older parsers)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text
