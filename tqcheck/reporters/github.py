"""GitHub Actions workflow commands: findings become annotations on the pull request's files.

``::warning file=PATH,line=L,col=C,endLine=L,endColumn=EC,title=TQ101 glossary-variant::message``

GitHub silently drops annotations past its limits: "10 warning annotations, 10 error
annotations, and 10 notice annotations per step; 50 annotations per job" (actions/toolkit,
docs/problem-matchers.md, "Limitations"). So at most :data:`MAX_PER_LEVEL` of each level are
annotated, one ``::notice::`` says how many more there were (its slot is kept free), and those
are printed as plain log lines so nothing is lost, followed by a one-line summary.
"""

from __future__ import annotations

from typing import TextIO

from tqcheck.model import Finding, ProblemKind, Report, Severity
from tqcheck.reporters.text import visible

#: Annotations GitHub shows per level and step (see the module docstring for the source).
MAX_PER_LEVEL = 10

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """The message part, escaped as actions/toolkit ``escapeData`` does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A ``key=value`` property, escaped as actions/toolkit ``escapeProperty`` does."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_message(f: Finding) -> str:
    """The message (and fix) with control characters from the article escaped, as GitHub's log
    viewer would interpret them; line breaks stay, :func:`escape_data` encodes those."""
    message = visible(f.message, breaks=False)
    if f.suggestion is None:
        return message
    fix = f"replace with '{visible(f.suggestion, breaks=False)}'" if f.suggestion else "delete this"
    return f"{message}\nhelp: {fix}"


def command(f: Finding, report: Report) -> str:
    """One workflow command; columns only on one-line spans (GitHub ignores them otherwise).

    GitHub's ``endColumn`` is inclusive (it defaults to ``col`` for a one-character range),
    whereas a finding's ``end_column`` is one past the last character.
    """
    loc = f.location
    props = [("file", visible(loc.path, breaks=False)), ("line", str(loc.line))]
    if loc.end_line == loc.line:
        props += [("col", str(loc.column)), ("endColumn", str(max(loc.column, loc.end_column - 1)))]
    else:
        props += [("endLine", str(loc.end_line))]
    rule = report.rules.get(f.rule)
    props.append(("title", f"{f.rule} {rule.name}" if rule else f.rule))
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS[f.severity]} {head}::{escape_data(annotation_message(f))}"


def plain(line: str) -> str:
    """A plain log line: line breaks shown as ``\\n`` and other controls escaped, and never starting
    like a workflow command (``::``, ``##[``), so article text or a file name cannot issue one."""
    shown = visible(line)
    return " " + shown if shown.startswith(("::", "##[")) else shown


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


class GithubReporter:
    """Renders a report as workflow commands, capped at what GitHub will display."""

    def render(self, report: Report, out: TextIO) -> None:
        for fr in report.files:
            for note in fr.notes:
                out.write(plain(f"{fr.path}: note: {note}") + "\n")
        for problem in report.problems:  # files the run went on without
            level = "error" if problem.kind is ProblemKind.ERROR else "notice"
            what = problem.message if problem.kind is ProblemKind.ERROR else f"skipped: {problem.message}"
            out.write(f"::{level} file={escape_property(problem.path)}::{escape_data(visible(what))}\n")
        annotated, rest = self.select(report)
        for f in annotated:
            out.write(command(f, report) + "\n")
        if rest:
            out.write(
                f"::notice::{escape_data(_plural(len(rest), 'more finding'))} not annotated "
                f"(GitHub shows at most {MAX_PER_LEVEL} errors, {MAX_PER_LEVEL} warnings and "
                f"{MAX_PER_LEVEL} notices per step); they are listed in the log\n"
            )
            for f in rest:
                loc = f.location
                out.write(
                    plain(f"{loc.path}:{loc.line}:{loc.column}: {f.rule} [{f.severity.value}] {f.message}")
                )
                out.write("\n")
        counts = report.counts()
        total = sum(counts.values())
        files = _plural(len(report.files), "file")
        if total == 0:
            out.write(f"tqcheck: no problems found in {files}.\n")
            return
        parts = ", ".join(_plural(counts[s.value], s.value) for s in Severity if counts[s.value])
        out.write(f"tqcheck: {_plural(total, 'problem')} ({parts}) in {files}; {len(annotated)} annotated.\n")

    @staticmethod
    def select(report: Report) -> tuple[list[Finding], list[Finding]]:
        """Split findings (in report order) into those to annotate and those over the limit."""
        used = dict.fromkeys(Severity, 0)
        annotated: list[tuple[int, Finding]] = []
        rest: list[tuple[int, Finding]] = []
        for i, f in enumerate(report.findings):
            if used[f.severity] < MAX_PER_LEVEL:
                used[f.severity] += 1
                annotated.append((i, f))
            else:
                rest.append((i, f))
        if rest and used[Severity.INFO] == MAX_PER_LEVEL:
            # the summary notice needs a notice slot: give up the last info annotation for it
            last = max(k for k, (_, f) in enumerate(annotated) if f.severity is Severity.INFO)
            rest = sorted([annotated.pop(last), *rest], key=lambda item: item[0])
        return [f for _, f in annotated], [f for _, f in rest]
