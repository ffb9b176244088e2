"""JSON output: the documented contract other tools and CI scripts read (see DESIGN.md).

``start``/``end`` are 0-based code-point offsets into the decoded file, so
``text == decoded[start:end]``; ``line``/``column`` are 1-based, columns in code points.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO, TextIO

import orjson

from tqcheck.model import Finding, Location, Report, SegmentScore


def location_dict(loc: Location) -> dict[str, Any]:
    return {
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "start": loc.span.start,
        "end": loc.span.end,
    }


def finding_dict(f: Finding, report: Report) -> dict[str, Any]:
    rule = report.rules.get(f.rule)
    out: dict[str, Any] = {"rule": f.rule, "name": rule.name if rule else None, "severity": f.severity.value}
    out.update(location_dict(f.location))
    out.update({"text": f.text, "message": f.message, "suggestion": f.suggestion, "fix": f.fix.value})
    out["related"] = [{**location_dict(r.location), "message": r.message} for r in f.related]
    if f.data:  # rule-specific figures (a segment's scores, the side of an unaligned sentence)
        out["data"] = dict(f.data)
    return out


def score_dict(path: str, s: SegmentScore) -> dict[str, Any]:
    return {
        "path": path,
        "segment": s.segment,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "source": s.source,
        "back_translation": s.back_translation,
        "metrics": dict(s.metrics),
    }


def report_dict(report: Report, findings: bool = True) -> dict[str, Any]:
    """The report as JSON data (``findings=False``: an empty findings list, for streaming)."""
    counts = report.counts()
    out: dict[str, Any] = {
        "tool": {"name": "tqcheck", "version": report.version},
        "findings": [finding_dict(f, report) for f in report.findings] if findings else [],
        "scores": [score_dict(fr.path, s) for fr in report.files for s in fr.scores],
        "summary": {
            "files": len(report.files),
            "errors": counts["error"],
            "warnings": counts["warning"],
            "infos": counts["info"],
        },
    }
    if report.pair_shown:  # the pair checked, where it is not the default English from French
        out["summary"]["lang"] = report.lang
        out["summary"]["source_lang"] = report.source_lang
    score_summaries = {fr.path: fr.score_summary for fr in report.files if fr.score_summary}
    if score_summaries:  # document-level, length-weighted neural scores per file
        out["summary"]["scores"] = score_summaries
    if report.problems:  # files the run went on without
        out["summary"]["input_errors"] = len(report.input_errors)
        out["summary"]["skipped"] = len(report.skipped)
        out["input_errors"] = [{"path": p.path, "message": p.message} for p in report.input_errors]
        out["skipped"] = [{"path": p.path, "reason": p.message} for p in report.skipped]
    notes = {fr.path: list(fr.notes) for fr in report.files if fr.notes}
    if notes:
        out["notes"] = notes
    if report.signature:
        out["signature"] = report.signature
    return out


def dumps(data: dict[str, Any]) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, byte for byte, at orjson's speed.

    The standard encoder falls back to pure Python when indenting: 4 s for 78,000 findings.
    """
    return _encoded(data).decode("utf-8")


#: What stands for the findings while the rest of the report is encoded (:func:`_stream`).
_HOLE = "tqcheck:findings"


def _encoded(data: Any) -> bytes:
    """:func:`dumps` as UTF-8 bytes, without a detour through str on orjson's fast path."""
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except TypeError:  # a value orjson will not take (an int over 64 bits): the slow, exact path
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _stream(report: Report, raw: BinaryIO) -> None:
    """Write the report to a UTF-8 byte stream one finding at a time, byte for byte what
    :func:`dumps` writes: 100,000 findings are never all dicts, nor all encoded, at once. Each
    finding is indented as a list item by adding four spaces after each of its line breaks (a
    JSON string holds none)."""
    data = report_dict(report, findings=False)
    data["findings"] = _HOLE
    head, tail = _encoded(data).split(_encoded(_HOLE), 1)
    chunks: list[bytes] = [head, b"["]
    for k, f in enumerate(report.findings):
        chunks.append(
            (b",\n    " if k else b"\n    ") + _encoded(finding_dict(f, report)).replace(b"\n", b"\n    ")
        )
        if len(chunks) >= 1024:
            raw.write(b"".join(chunks))
            chunks.clear()
    chunks += [b"\n  ]" if report.findings else b"]", tail, b"\n"]
    raw.write(b"".join(chunks))


class JsonReporter:
    def render(self, report: Report, out: TextIO) -> None:
        raw = getattr(out, "buffer", None)
        if raw is not None and (out.encoding or "").lower().replace("-", "") == "utf8":
            out.flush()
            _stream(report, raw)  # straight to the byte stream, never held as str as well
            return
        out.write(dumps(report_dict(report)))
        out.write("\n")
