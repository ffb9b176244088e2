"""SARIF 2.1.0 output, for GitHub code scanning and other static-analysis dashboards.

One run per invocation. Columns and character offsets count Unicode code points
(``columnKind: unicodeCodePoints``), the same unit as every span in tqcheck, so regions index
the decoded text exactly. ``partialFingerprints`` let code scanning recognise a finding across
runs even when lines above it move: they hash the rule, path, flagged text and which occurrence
of that text it is, never the line number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any, TextIO

from tqcheck.fingerprint import FINGERPRINT_KEY, artifact_uri, fingerprint
from tqcheck.model import Finding, Location, ProblemKind, Report, Severity
from tqcheck.reporters.json import dumps

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

#: SARIF has no "info" level; "note" is its equivalent.
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def region(loc: Location, snippet: str | None = None) -> dict[str, Any]:
    """Both line/column and character offsets, so consumers may use either."""
    out: dict[str, Any] = {
        "startLine": loc.line,
        "startColumn": loc.column,
        "endLine": loc.end_line,
        "endColumn": loc.end_column,
        "charOffset": loc.span.start,
        "charLength": loc.span.end - loc.span.start,
    }
    if snippet is not None:
        out["snippet"] = {"text": snippet}
    return out


def _rule_dict(code: str, report: Report) -> dict[str, Any]:
    rule = report.rules.get(code)
    if rule is None:  # a finding of a rule the report does not describe: still a valid rule entry
        return {"id": code}
    out: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.help},
        "help": {"text": rule.help, "markdown": rule.help},  # help texts use `code` spans
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }
    if report.docs_url:
        out["helpUri"] = rule.url(report.docs_url)
    return out


class SarifReporter:
    """Renders a report as one SARIF log with a single run."""

    def render(self, report: Report, out: TextIO) -> None:
        out.write(dumps(self.log(report)))
        out.write("\n")

    def log(self, report: Report) -> dict[str, Any]:
        findings = report.findings
        codes = sorted({f.rule for f in findings})
        rule_index = {code: i for i, code in enumerate(codes)}

        artifacts: list[dict[str, Any]] = []
        artifact_index: dict[str, int] = {}

        def artifact(path: str) -> dict[str, Any]:
            if path not in artifact_index:
                artifact_index[path] = len(artifacts)
                artifacts.append({"location": {"uri": artifact_uri(path)}})
            return {"uri": artifact_uri(path), "index": artifact_index[path]}

        for fr in report.files:
            artifact(fr.path)
            artifacts[artifact_index[fr.path]]["encoding"] = fr.encoding

        results = []
        seen: Counter[tuple[str, str, str]] = Counter()
        for f in findings:
            key = (f.rule, f.path, f.text)
            occurrence = seen[key]
            seen[key] += 1
            results.append(self._result(f, rule_index[f.rule], artifact, occurrence))

        notifications = [
            {
                "level": "note",
                "message": {"text": note},
                "locations": [{"physicalLocation": {"artifactLocation": artifact(fr.path)}}],
            }
            for fr in report.files
            for note in fr.notes
        ]
        notifications += [
            {
                "level": "error" if p.kind is ProblemKind.ERROR else "note",
                "message": {"text": p.message if p.kind is ProblemKind.ERROR else f"skipped: {p.message}"},
                "locations": [{"physicalLocation": {"artifactLocation": artifact(p.path)}}],
            }
            for p in report.problems
        ]
        invocation: dict[str, Any] = {"executionSuccessful": not report.input_errors}
        if notifications:
            invocation["toolExecutionNotifications"] = notifications

        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "tqcheck",
                    "version": report.version,
                    "semanticVersion": report.version,
                    "rules": [_rule_dict(code, report) for code in codes],
                }
            },
            "invocations": [invocation],
            "artifacts": artifacts,
            "results": results,
            "columnKind": "unicodeCodePoints",
        }
        if report.signature:
            run["properties"] = {"signature": report.signature}
        return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}

    @staticmethod
    def _result(
        f: Finding, index: int, artifact: Callable[[str], dict[str, Any]], occurrence: int
    ) -> dict[str, Any]:
        location = {
            "physicalLocation": {
                "artifactLocation": artifact(f.path),
                "region": region(f.location, f.text),
            }
        }
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": index,
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f, occurrence)},
        }
        if f.data:  # rule-specific figures (a neural finding's source, back-translation, scores)
            result["properties"] = {"data": dict(f.data)}
        if f.related:
            result["relatedLocations"] = [
                {
                    "id": i,
                    "physicalLocation": {
                        "artifactLocation": artifact(r.location.path),
                        "region": region(r.location),
                    },
                    "message": {"text": r.message},
                }
                for i, r in enumerate(f.related, start=1)
            ]
        if f.suggestion is not None:
            result["fixes"] = [
                {
                    "description": {
                        "text": f"Replace with '{f.suggestion}'" if f.suggestion else "Delete this text"
                    },
                    "artifactChanges": [
                        {
                            "artifactLocation": artifact(f.path),
                            "replacements": [
                                {
                                    "deletedRegion": region(f.location),
                                    "insertedContent": {"text": f.suggestion},
                                }
                            ],
                        }
                    ],
                    # safe: `tqcheck check --fix` applies it; unsafe: only with --unsafe-fixes
                    "properties": {"safety": f.fix.value},
                }
            ]
        return result
