"""A self-contained HTML review page for editors: the article with every finding highlighted.

One file, no external assets and no JavaScript, so it can be mailed or attached to a ticket.
Findings may overlap (a whole boilerplate line that also contains a misspelt name), so the
text is cut at every span boundary and each piece is marked with all the findings covering
it: none is ever dropped. Each finding also gets a numbered marker at its start (its anchor,
linked both ways with the list beside the text), which keeps empty spans visible too.
Everything from the report goes through :func:`html.escape`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from html import escape
from typing import TextIO

from tqcheck.model import FileReport, Finding, ProblemKind, Report, SegmentScore, Severity

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:90rem;padding:1rem 2rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
.layout{display:flex;gap:1.5rem;align-items:flex-start;flex-wrap:wrap}
.article{flex:3 1 32rem;white-space:pre-wrap;font:15px/1.7 Georgia,serif;margin:0;padding:1rem;
 background:#fafafa;border:1px solid #ddd}
.findings{flex:2 1 22rem;margin:0;padding-left:2rem;font-size:.9rem}
.findings li{margin-bottom:.5rem}.findings li:target{outline:2px solid #36c}
mark{background:#fff2a8;border-bottom:2px solid #e0a800;color:inherit}
mark.sev-error{background:#ffd6d6;border-bottom-color:#d00}
mark.sev-info{background:#dcefff;border-bottom-color:#36c}
mark.overlap{border-bottom-style:double;border-bottom-width:4px}
a.ref{font:bold 10px/1 system-ui,sans-serif;vertical-align:super;text-decoration:none;color:#555;
 user-select:none;padding:0 1px}
a.ref:target{background:#36c;color:#fff}
.sev{display:inline-block;font-size:.75rem;padding:0 .3rem;border-radius:3px;color:#fff;background:#e0a800}
.sev.error{background:#d00}.sev.info{background:#36c}
.text{font-family:Georgia,serif;background:#f3f3f3}.fix{color:#070}.related{color:#666;font-size:.85rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ddd;padding:.2rem .5rem;
 text-align:left;vertical-align:top}td.num{text-align:right;font-variant-numeric:tabular-nums}
.notes,.meta{color:#666}
"""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def summary_line(report: Report) -> str:
    counts = report.counts()
    total = sum(counts.values())
    files = _plural(len(report.files), "file")
    if not total:
        return f"No problems found in {files}."
    parts = ", ".join(_plural(counts[s.value], s.value) for s in Severity if counts[s.value])
    return f"{_plural(total, 'problem')} ({parts}) in {files}."


def finding_id(file_no: int, n: int) -> str:
    """The anchor of finding ``n`` (1-based, report order) of file ``file_no`` in the text."""
    return f"f{file_no}-{n}"


def _top(findings: list[Finding]) -> Severity:
    return max((f.severity for f in findings), key=lambda s: s.rank)


def marked_text(text: str, findings: Sequence[Finding], file_no: int) -> str:
    """The text with every finding marked; pieces covered by several get all their classes.

    A sweep over the span boundaries (findings opening and closing there), so the cost is
    linear in the text plus findings, not their product.
    """
    bounds = sorted({0, len(text)} | {b for f in findings for b in (f.span.start, f.span.end)})
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for n, f in enumerate(findings, start=1):
        opening.setdefault(f.span.start, []).append(n)
        closing.setdefault(f.span.end, []).append(n)
    active: dict[int, Finding] = {}
    parts: list[str] = []
    for i, lo in enumerate(bounds):
        for n in closing.get(lo, []):
            active.pop(n, None)
        for n in opening.get(lo, []):
            f = findings[n - 1]
            parts.append(
                f'<a class="ref" id="{finding_id(file_no, n)}" href="#l{file_no}-{n}" '
                f'title="{escape(f"{f.rule}: {f.message}")}">{n}</a>'
            )
            if f.span.end > lo:
                active[n] = f
        if i + 1 == len(bounds):
            break
        piece = escape(text[lo : bounds[i + 1]])
        if not active:
            parts.append(piece)
            continue
        covering = [active[n] for n in sorted(active)]
        classes = [f"sev-{_top(covering).value}", *sorted({f"r-{f.rule}" for f in covering})]
        if len(covering) > 1:
            classes.append("overlap")
        title = "\n".join(f"{f.rule}: {f.message}" for f in covering)
        parts.append(f'<mark class="{escape(" ".join(classes))}" title="{escape(title)}">{piece}</mark>')
    return "".join(parts)


def _finding_item(f: Finding, n: int, file_no: int, report: Report) -> str:
    loc = f.location
    rule = report.rules.get(f.rule)
    name = f" {escape(rule.name)}" if rule else ""
    out = [
        f'<li id="l{file_no}-{n}" value="{n}">',
        f'<a href="#{finding_id(file_no, n)}">{loc.line}:{loc.column}</a> ',
        f'<span class="sev {f.severity.value}">{f.severity.value}</span> ',
        f"<code>{escape(f.rule)}</code>{name}<br>",
        escape(f.message),
    ]
    if f.suggestion is not None:
        fix = (
            f'replace <span class="text">{escape(f.text)}</span> with '
            f'<span class="text">{escape(f.suggestion)}</span>'
            if f.suggestion
            else f'delete <span class="text">{escape(f.text)}</span>'
        )
        out.append(f'<br><span class="fix">Suggestion: {fix}</span>')
    for r in f.related:
        rl = r.location
        out.append(
            f'<br><span class="related">{escape(rl.path)}:{rl.line}:{rl.column}: {escape(r.message)}</span>'
        )
    out.append("</li>")
    return "".join(out)


def _counts_table(fr: FileReport, report: Report) -> str:
    counts = Counter(f.rule for f in fr.findings)
    rows = []
    for code in sorted(counts):
        rule = report.rules.get(code)
        rows.append(
            f"<tr><td><code>{escape(code)}</code></td><td>{escape(rule.name) if rule else ''}</td>"
            f'<td>{escape(rule.summary) if rule else ""}</td><td class="num">{counts[code]}</td></tr>'
        )
    return (
        '<table class="counts"><thead><tr><th>Rule</th><th>Name</th><th>What</th><th>Count</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _scores_table(scores: tuple[SegmentScore, ...]) -> str:
    metrics = list(dict.fromkeys(name for s in scores for name, _ in s.metrics))
    with_source = any(s.source is not None for s in scores)
    head = ["#", "Segment", *(["Source"] if with_source else []), "Back-translation", *metrics]
    rows = []
    for s in scores:
        values = dict(s.metrics)
        cells = [f'<td class="num">{s.segment}</td>', f"<td>{escape(s.text)}</td>"]
        if with_source:
            cells.append(f"<td>{escape(s.source or '')}</td>")
        cells.append(f"<td>{escape(s.back_translation or '')}</td>")
        cells += [
            f'<td class="num">{values[m]:.3f}</td>' if m in values else '<td class="num"></td>'
            for m in metrics
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    return (
        f'<h3>Scores</h3><table class="scores"><thead><tr>{th}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


class HtmlReporter:
    """Renders a report as one standalone HTML page."""

    def render(self, report: Report, out: TextIO) -> None:
        summary = summary_line(report)
        out.write(
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>tqcheck review: {escape(summary)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"<h1>tqcheck review</h1>\n<p>{escape(summary)}</p>\n"
        )
        if report.problems:  # files the run went on without
            items = "".join(
                f"<li><code>{escape(p.path)}</code>: "
                f"{'error' if p.kind is ProblemKind.ERROR else 'skipped'}: {escape(p.message)}</li>\n"
                for p in report.problems
            )
            out.write(
                f'<section class="problems">\n<h2>Files not checked</h2>\n<ul>\n{items}</ul>\n</section>\n'
            )
        for file_no, fr in enumerate(report.files, start=1):
            self._file(fr, file_no, report, out)
        meta = f"tqcheck {escape(report.version)}"
        if report.signature:
            meta += f" · <code>{escape(report.signature)}</code>"
        out.write(f'<p class="meta">{meta}</p>\n</body>\n</html>\n')

    @staticmethod
    def _file(fr: FileReport, file_no: int, report: Report, out: TextIO) -> None:
        n = len(fr.findings)
        out.write(f'<section class="file" id="file{file_no}">\n<h2>{escape(fr.path)}</h2>\n')
        for note in fr.notes:
            out.write(f'<p class="notes">Note: {escape(note)}</p>\n')
        if n:
            out.write(f"<p>{_plural(n, 'finding')}.</p>\n{_counts_table(fr, report)}\n")
        else:
            out.write("<p>No findings.</p>\n")
        # the newline after <pre> is swallowed by HTML parsers, so a leading blank line survives
        out.write('<div class="layout">\n<pre class="article">\n')
        out.write(marked_text(fr.text, [f for f in fr.findings if f.path == fr.path], file_no))
        out.write("</pre>\n")
        if n:
            items = "\n".join(_finding_item(f, i, file_no, report) for i, f in enumerate(fr.findings, 1))
            out.write(f'<ol class="findings">\n{items}\n</ol>\n')
        out.write("</div>\n")
        if fr.scores:
            out.write(_scores_table(fr.scores) + "\n")
        out.write("</section>\n")
