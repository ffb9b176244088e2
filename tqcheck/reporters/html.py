"""A self-contained HTML review page for editors: texts side by side, findings to work through.

One file with its style and script inlined and a Content-Security-Policy that forbids every
fetch, so it works offline and can be mailed or attached to a ticket. The report travels as
JSON data (:mod:`tqcheck.reporters.html_data`) that a small script renders: a findings panel
with filters, search and keyboard navigation, source | translation (| back-translation) rows,
and fixes an editor accepts or rejects and downloads as a patch or a fixed file. A page with
thousands of findings stays light, and has no pre-rendered tab stop per finding. With scripts
off, a plain list of the findings (repeats collapsed) is shown instead.
Everything from the report goes through :func:`html.escape` or :func:`script_json`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from html import escape
from importlib import resources
from typing import TextIO

from tqcheck.model import FileReport, Finding, FixSafety, ProblemKind, Report, Severity
from tqcheck.reporters.html_data import page_data, script_json

#: Nothing may be fetched: no network, no other file; inline style and script only.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
#: Lines of the no-script list (kinds of finding, repeats collapsed) before it says "and N more".
FALLBACK_ITEMS = 400
ICONS = {Severity.ERROR: "\u2716", Severity.WARNING: "\u25b2", Severity.INFO: "\u2139"}
KEYS = (
    ("j / k", "next / previous finding"),
    ("J / K", "next / previous kind of finding (repeats skipped)"),
    ("a / r / u", "accept / reject / undecide the fix"),
    ("A", "accept every fix like this one"),
    ("Enter", "in the list: show or hide the repeats"),
    ("/", "search; Esc leaves the search box"),
    ("[ / ]", "previous / next file"),
    ("?", "show or hide this list"),
)


@cache
def asset(name: str) -> str:
    """The page's stylesheet or script, shipped as package data beside this module."""
    return resources.files("tqcheck.reporters").joinpath("html_assets", name).read_text(encoding="utf-8")


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


def sev_badge(severity: Severity) -> str:
    return f'<span class="sev {severity.value}">{ICONS[severity]} {severity.value}</span>'


def _where(f: Finding, fr: FileReport) -> str:
    side = "" if f.path == fr.path else "source " if f.path == fr.source else f"{f.path} "
    return f"{side}{f.location.line}:{f.location.column}"


def _fallback_item(group: Sequence[Finding], fr: FileReport) -> str:
    f = group[0]
    out = [
        f'<li class="{f.severity.value}">{ICONS[f.severity]} {f.severity.value} <code>{escape(f.rule)}</code> {escape(f.message)}'
    ]
    if f.suggestion is not None:
        what = (
            f"“{escape(f.text)}” → “{escape(f.suggestion)}”" if f.suggestion else f"delete “{escape(f.text)}”"
        )
        safety = {FixSafety.SAFE: "safe fix", FixSafety.UNSAFE: "unsafe fix"}.get(f.fix, "suggestion")
        out.append(f" ({what}, {safety})")
    if len(group) > 1:
        out.append(f" ×{len(group)}")
    out.append(f" at {', '.join(escape(_where(g, fr)) for g in group)}</li>")
    return "".join(out)


def fallback(report: Report) -> str:
    """The page without its script: each file's findings, repeats collapsed, and the rules' help.

    At most :data:`FALLBACK_ITEMS` lines in all, so a report of thousands of distinct findings
    does not double the page's weight for the rare reader without scripts.
    """
    parts = [
        '<noscript><div class="fallback">\n<p>Scripts are off, so this is the plain list: turn them '
        "on for the texts side by side, filters and fixes.</p>\n"
    ]
    budget = FALLBACK_ITEMS
    for fr in report.files:
        groups: dict[tuple[str, str, str, str | None], list[Finding]] = {}
        for f in fr.findings:
            groups.setdefault((f.rule, f.text, f.message, f.suggestion), []).append(f)
        parts.append(f"<h2>{escape(fr.path)}</h2>\n")
        shown = list(groups.values())[: max(budget, 0)]
        budget -= len(shown)
        items = "\n".join(_fallback_item(g, fr) for g in shown)
        left = sum(len(g) for g in list(groups.values())[len(shown) :])
        more = f"<p>… and {_plural(left, 'more finding')}: turn scripts on to see them.</p>\n" if left else ""
        parts.append((f"<ul>\n{items}\n</ul>\n" if items else "" if left else "<p>No findings.</p>\n") + more)
    used = sorted({f.rule for f in report.findings})
    rules = [report.rules[c] for c in used if c in report.rules]
    if rules:
        rows = "\n".join(
            f"<dt><code>{escape(r.code)}</code> {escape(r.name)}</dt><dd>{escape(r.help)}</dd>" for r in rules
        )
        parts.append(f"<h2>The rules</h2>\n<dl>\n{rows}\n</dl>\n")
    parts.append("</div></noscript>\n")
    return "".join(parts)


def skeleton() -> str:
    """The panels the script fills in (hidden until it runs)."""
    keys = "".join(f"<dt><kbd>{escape(k)}</kbd></dt><dd>{escape(v)}</dd>" for k, v in KEYS)
    return (
        '<div id="app" hidden>\n'
        '<nav id="files" aria-label="Files"><h3>Files</h3><ol id="file-list"></ol></nav>\n'
        '<main id="view"></main>\n'
        '<aside id="panel" aria-label="Findings">\n'
        '<fieldset id="f-sev"><legend>Severity</legend></fieldset>\n'
        '<fieldset><label>Rule <select id="f-rule"><option value="">all rules</option></select></label>\n'
        '<label>File <select id="f-file"><option value="-1">all files</option></select></label></fieldset>\n'
        '<label for="f-search" class="muted">Search (<kbd>/</kbd>)</label>\n'
        '<input type="search" id="f-search" placeholder="a word, a rule, a message" autocomplete="off">\n'
        '<div class="actions"><button type="button" id="accept-safe" title="the safe fixes of the findings shown">Accept all safe fixes</button>'
        '<button type="button" id="dl-patch">Download patch</button>'
        '<button type="button" id="dl-file">Download fixed file</button></div>\n'
        '<p id="accepted" class="muted"></p>\n<p id="status" role="status"></p>\n'
        '<section id="detail" aria-live="polite" aria-label="Current finding"></section>\n'
        '<h3 id="list-h"><span id="shown"></span></h3>\n'
        '<ul id="list" role="listbox" tabindex="0" aria-labelledby="list-h"></ul>\n'
        f'<details id="keys"><summary>Keyboard (<kbd>?</kbd>)</summary><dl>{keys}</dl></details>\n'
        "</aside>\n</div>\n"
    )


class HtmlReporter:
    """Renders a report as one standalone HTML page."""

    def render(self, report: Report, out: TextIO) -> None:
        summary = summary_line(report)
        out.write(
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>tqcheck review: {escape(summary)}</title>\n<style>\n{asset('review.css')}</style>\n"
            "</head>\n<body>\n"
        )
        meta = f"tqcheck {escape(report.version)}"
        if report.signature:
            meta += f" · <code>{escape(report.signature)}</code>"
        out.write(
            f'<header class="top"><h1>tqcheck review</h1><p>{escape(summary)}</p>'
            f'<p class="meta">{meta}</p></header>\n'
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
        out.write(skeleton())
        out.write(fallback(report))
        data = script_json(page_data(report, summary))
        out.write(f'<script type="application/json" id="tq-data">{data}</script>\n')
        out.write(f"<script>\n{asset('review.js')}</script>\n</body>\n</html>\n")
