"""Reporters: pure renderings of a :class:`~tqcheck.model.Report`; they never check anything."""

from __future__ import annotations

from typing import Protocol, TextIO

from tqcheck.errors import InputError
from tqcheck.model import Report


class Reporter(Protocol):
    def render(self, report: Report, out: TextIO) -> None: ...


FORMATS = ("text", "json", "sarif", "junit", "github", "html")


def get_reporter(name: str, color: bool = False) -> Reporter:
    """The reporter for ``--format NAME`` (imported lazily: each is its own module)."""
    if name == "text":
        from tqcheck.reporters.text import TextReporter

        return TextReporter(color=color)
    if name == "json":
        from tqcheck.reporters.json import JsonReporter

        return JsonReporter()
    if name == "sarif":
        from tqcheck.reporters.sarif import SarifReporter

        return SarifReporter()
    if name == "junit":
        from tqcheck.reporters.junit import JunitReporter

        return JunitReporter()
    if name == "github":
        from tqcheck.reporters.github import GithubReporter

        return GithubReporter()
    if name == "html":
        from tqcheck.reporters.html import HtmlReporter

        return HtmlReporter()
    raise InputError(f"unknown format {name!r} (one of {', '.join(FORMATS)})")
