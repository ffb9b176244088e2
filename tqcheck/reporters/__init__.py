"""Reporters: pure renderings of a :class:`~tqcheck.model.Report`; they never check anything."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TextIO, runtime_checkable

from tqcheck.model import Report
from tqcheck.registry import Plugin, Registry


class Reporter(Protocol):
    def render(self, report: Report, out: TextIO) -> None: ...


@runtime_checkable
class Colored(Protocol):
    """A reporter that can colour its output (only when writing to a terminal)."""

    color: bool


#: Every output format (``--format``), imported on first use.
REPORTERS: Registry[Callable[[], Reporter]] = Registry(
    "format",
    (
        Plugin("text", "tqcheck.reporters.text:TextReporter", help="ruff-like lines with a caret"),
        Plugin("json", "tqcheck.reporters.json:JsonReporter", help="the documented JSON contract"),
        Plugin("sarif", "tqcheck.reporters.sarif:SarifReporter", help="SARIF 2.1.0"),
        Plugin("junit", "tqcheck.reporters.junit:JunitReporter", help="JUnit XML"),
        Plugin("github", "tqcheck.reporters.github:GithubReporter", help="GitHub workflow commands"),
        Plugin("html", "tqcheck.reporters.html:HtmlReporter", help="a review page"),
        Plugin("concise", "tqcheck.reporters.concise:ConciseReporter", help="one line per finding"),
        Plugin("rdjson", "tqcheck.reporters.rdjson:RdjsonReporter", help="reviewdog's rdjson"),
        Plugin("rdjsonl", "tqcheck.reporters.rdjson:RdjsonlReporter", help="reviewdog's rdjsonl"),
    ),
)
FORMATS = REPORTERS.names


def get_reporter(name: str, color: bool = False) -> Reporter:
    """The reporter for ``--format NAME``."""
    reporter = REPORTERS.get(name)()
    if color and isinstance(reporter, Colored):
        reporter.color = True
    return reporter
