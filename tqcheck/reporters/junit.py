"""JUnit XML, the test-report format Jenkins, GitLab and GitHub test-report actions all read.

A translation check is not a test suite, so the mapping is a choice: one ``<testsuite>`` per
file and one ``<testcase>`` per rule that found something in it, so a CI dashboard lists
"fixtures/a.txt › TQ101 glossary-variant" once, however many times the article misspells a
name. Errors and warnings make the test case fail (the failure text lists every
``path:line:col: CODE message``); info findings are reported on a passing test case's
``<system-out>`` so they are visible without failing the build. A clean file gets one passing
"no findings" test case, so every checked file shows up.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from tqcheck.model import FileReport, Finding, ProblemKind, Report, Severity

#: Characters XML 1.0 cannot carry at all, even escaped (C0 controls other than tab/LF/CR...).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Make text storable in XML 1.0: forbidden control characters become a visible ``\\xNN``."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def finding_line(f: Finding) -> str:
    loc = f.location
    return f"{loc.path}:{loc.line}:{loc.column}: {f.rule} {f.message}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


class JunitReporter:
    """Renders a report as ``<testsuites>``, pretty-printed, built with ElementTree (so escaped)."""

    def render(self, report: Report, out: TextIO) -> None:
        root = self.tree(report)
        ET.indent(root, space="  ")
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(ET.tostring(root, encoding="unicode"))
        out.write("\n")

    def tree(self, report: Report) -> ET.Element:
        root = ET.Element("testsuites", name="tqcheck")
        tests = failures = 0
        for fr in report.files:
            suite = self._suite(fr, report)
            root.append(suite)
            tests += int(suite.get("tests", "0"))
            failures += int(suite.get("failures", "0"))
        errors = 0
        for problem in report.problems:
            path = xml_safe(problem.path)
            suite = ET.SubElement(root, "testsuite", name=path, tests="1", failures="0")
            case = ET.SubElement(suite, "testcase", name="input", classname=path, file=path)
            if problem.kind is ProblemKind.ERROR:
                ET.SubElement(case, "error", message=xml_safe(problem.message), type="input-error")
                errors += 1
            else:
                ET.SubElement(case, "skipped", message=xml_safe(problem.message))
            suite.set("errors", str(int(problem.kind is ProblemKind.ERROR)))
            suite.set("skipped", str(int(problem.kind is ProblemKind.SKIPPED)))
            tests += 1
        root.set("tests", str(tests))
        root.set("failures", str(failures))
        root.set("errors", str(errors))
        return root

    def _suite(self, fr: FileReport, report: Report) -> ET.Element:
        path = xml_safe(fr.path)
        suite = ET.Element("testsuite", name=path)
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="tqcheck.version", value=xml_safe(report.version))
        by_rule: dict[str, list[Finding]] = defaultdict(list)
        for f in fr.findings:
            by_rule[f.rule].append(f)
        failures = 0
        for code in sorted(by_rule):
            rule = report.rules.get(code)
            case = ET.SubElement(
                suite, "testcase", name=f"{code} {rule.name}" if rule else code, classname=path, file=path
            )
            failing = [f for f in by_rule[code] if f.severity is not Severity.INFO]
            infos = [f for f in by_rule[code] if f.severity is Severity.INFO]
            if failing:
                failures += 1
                counts = ", ".join(
                    _plural(n, sev.value)
                    for sev in (Severity.ERROR, Severity.WARNING)
                    if (n := sum(1 for f in failing if f.severity is sev))
                )
                what = rule.summary if rule else failing[0].message
                failure = ET.SubElement(case, "failure", message=xml_safe(f"{counts}: {what}"), type=code)
                failure.text = xml_safe("\n".join(finding_line(f) for f in failing))
            if infos:
                ET.SubElement(case, "system-out").text = xml_safe("\n".join(finding_line(f) for f in infos))
        if not by_rule:
            ET.SubElement(suite, "testcase", name="no findings", classname=path, file=path)
        if fr.notes:
            ET.SubElement(suite, "system-out").text = xml_safe("\n".join(f"note: {n}" for n in fr.notes))
        suite.set("tests", str(max(1, len(by_rule))))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        return suite
