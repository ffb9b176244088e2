"""Every reporter: whole-output goldens from the real engine on the AFP fixture, plus checks that
each format reads back to the same findings (offsets, escaping, limits, well-formedness).

Regenerate the goldens with ``TQCHECK_UPDATE_GOLDEN=1 pytest tests/test_reporters.py``.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from tqcheck.document import Document
from tqcheck.model import FileReport, Finding, Related, Report, SegmentScore, Severity, Span
from tqcheck.reporters import FORMATS, get_reporter
from tqcheck.reporters.github import MAX_PER_LEVEL, annotation_message
from tqcheck.reporters.sarif import FINGERPRINT_KEY, SarifReporter
from tqcheck.reporters.text import TextReporter
from tqcheck.rules import all_rules

from .conftest import DATA, ROOT, SEED, glossary_context, invoke, run_checks

GOLDEN = Path(__file__).resolve().parent / "golden"
GLOSSARY = DATA / "reporters-glossary.yaml"
FIXTURE = "fixtures/afp-idleb-2018-01-11.en.txt"
#: Only the families the goldens are about, so new rule families elsewhere do not churn them.
SELECT = ["TQ1", "TQ5"]
VERSION = "0.0.0-test"
SUFFIX = {
    "text": "txt",
    "json": "json",
    "sarif": "sarif.json",
    "junit": "junit.xml",
    "github": "github.txt",
    "html": "html",
    "concise": "concise.txt",
    "rdjson": "rdjson.json",
    "rdjsonl": "rdjsonl",
}
#: The official OASIS SARIF 2.1.0 schema, vendored (see data/README.md).
SARIF_SCHEMA = DATA / "sarif-schema-2.1.0.json"


@pytest.fixture
def stable(repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Repo root as cwd and a fixed version string, so outputs are byte-stable."""
    monkeypatch.setattr("tqcheck.engine.__version__", VERSION)
    return repo_root


def engine_report(docs: list[Document] | None = None) -> Report:
    """The report the CLI builds for the fixture (same glossary, same selection)."""
    if docs is None:
        docs = [Document(FIXTURE, decoded(SEED))]
    return run_checks(docs, SELECT, glossary_context([GLOSSARY]))


def decoded(path: Path) -> str:
    """The file as tqcheck decodes it (no newline translation)."""
    return path.read_bytes().decode("utf-8")


def render(report: Report, fmt: str) -> str:
    buf = io.StringIO()
    get_reporter(fmt).render(report, buf)
    return buf.getvalue()


def finding(
    doc: Document,
    start: int,
    end: int,
    rule: str = "TQ101",
    severity: Severity = Severity.WARNING,
    message: str = "a message",
    suggestion: str | None = None,
    related: tuple[Related, ...] = (),
) -> Finding:
    span = Span(start, end)
    return Finding(rule, severity, message, doc.locate(span), doc.text[start:end], suggestion, related)


def one_file_report(doc: Document, findings: list[Finding], scores: tuple[SegmentScore, ...] = ()) -> Report:
    fr = FileReport(doc.path, doc.text, tuple(sorted(findings, key=Finding.sort_key)), scores)
    return Report((fr,), VERSION, rules=all_rules())


# --- goldens -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(stable: Path, fmt: str) -> None:
    glossary = str(GLOSSARY.relative_to(ROOT))
    args = [
        "check",
        FIXTURE,
        "--no-default-glossaries",
        "-g",
        glossary,
        "-f",
        fmt,
        "--select",
        ",".join(SELECT),
    ]
    code, out, err = invoke(*args)
    assert code == 1, err
    path = GOLDEN / f"afp-idleb.{SUFFIX[fmt]}"
    if os.environ.get("TQCHECK_UPDATE_GOLDEN") == "1":
        path.write_text(out, encoding="utf-8", newline="")
    assert path.exists(), f"no golden {path.name}: run with TQCHECK_UPDATE_GOLDEN=1"
    assert out == path.read_bytes().decode("utf-8")


def test_goldens_come_from_the_engine_report(stable: Path) -> None:
    """The CLI path and a directly built report render identically (same glossary semantics)."""
    assert render(engine_report(), "json") == (GOLDEN / "afp-idleb.json").read_text(encoding="utf-8")


# --- JSON ----------------------------------------------------------------------------------------


def test_json_offsets_index_the_decoded_file(stable: Path) -> None:
    data = json.loads(render(engine_report(), "json"))
    text = decoded(SEED)
    lines = text.split("\n")
    assert data["tool"] == {"name": "tqcheck", "version": VERSION}
    assert len(data["findings"]) == 24
    for f in data["findings"]:
        assert text[f["start"] : f["end"]] == f["text"]
        if f["line"] == f["end_line"]:
            assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == f["text"]


# --- SARIF ---------------------------------------------------------------------------------------


def sarif_schema() -> dict[str, object]:
    schema: dict[str, object] = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return schema


def assert_valid_sarif(log: dict[str, object]) -> None:
    schema = sarif_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []


def test_sarif_is_valid_and_regions_point_at_the_text(stable: Path) -> None:
    report = engine_report()
    log = json.loads(render(report, "sarif"))
    assert_valid_sarif(log)
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"][0]["executionSuccessful"] is True
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["TQ101", "TQ103", "TQ105", "TQ501", "TQ502"]
    assert {r["defaultConfiguration"]["level"] for r in rules} == {"warning", "error"}
    text = decoded(SEED)
    lines = text.split("\n")
    results = run["results"]
    assert len(results) == len(report.findings) == 24
    for res, f in zip(results, report.findings, strict=True):
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"] == f.rule
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == FIXTURE
        assert run["artifacts"][loc["artifactLocation"]["index"]]["location"]["uri"] == FIXTURE
        reg = loc["region"]
        start, length = reg["charOffset"], reg["charLength"]
        assert text[start : start + length] == reg["snippet"]["text"] == f.text
        assert reg["startLine"] == reg["endLine"]
        assert lines[reg["startLine"] - 1][reg["startColumn"] - 1 : reg["endColumn"] - 1] == f.text
        if f.suggestion is None:
            assert "fixes" not in res
        else:
            (change,) = res["fixes"][0]["artifactChanges"]
            (rep,) = change["replacements"]
            assert rep["deletedRegion"]["charOffset"] == start
            assert rep["insertedContent"]["text"] == f.suggestion
    hts = next(r for r in results if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 13)
    (rel,) = hts["relatedLocations"]
    assert rel["id"] == 1 and rel["message"]["text"] == "also written 'Hayat Tahrir al-Sham'"
    assert text[rel["physicalLocation"]["region"]["charOffset"] :].startswith("Hayat Tahrir al-Sham")
    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in results]
    assert len(set(prints)) == len(prints)


def test_sarif_fingerprints_survive_lines_moving(stable: Path) -> None:
    """Code scanning must see the same findings after an edit above them."""
    text = decoded(SEED)

    def prints(body: str) -> dict[tuple[str, str], str]:
        log = SarifReporter().log(engine_report([Document(FIXTURE, body)]))
        return {
            (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]): r[
                "partialFingerprints"
            ][FINGERPRINT_KEY]
            for r in log["runs"][0]["results"]
        }

    before = prints(text)
    after = prints("An added first paragraph.\n\n" + text)
    assert before == after


def test_sarif_notes_encoding_and_odd_paths() -> None:
    doc = Document("dir with space/a,b.txt", "Idleb\tx\n")
    fr = FileReport(
        doc.path,
        doc.text,
        (finding(doc, 0, 5, suggestion=""),),
        notes=("decoded as cp1252 (not UTF-8; detected by charset-normalizer)",),
        encoding="cp1252",
    )
    report = Report((fr,), VERSION, rules={})  # a rule the report does not describe
    log = SarifReporter().log(report)
    assert_valid_sarif(log)
    (run,) = log["runs"]
    assert run["artifacts"] == [{"location": {"uri": "dir%20with%20space/a%2Cb.txt"}, "encoding": "cp1252"}]
    assert run["tool"]["driver"]["rules"] == [{"id": "TQ101"}]
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"].startswith("decoded as cp1252")
    fix = run["results"][0]["fixes"][0]
    assert fix["description"]["text"] == "Delete this text"
    assert fix["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": ""}


# --- JUnit ---------------------------------------------------------------------------------------


def test_junit_counts_match_the_report(stable: Path) -> None:
    report = engine_report()
    root = ET.fromstring(render(report, "junit"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == FIXTURE
    cases = suite.findall("testcase")
    by_rule = {c.get("name", "").split()[0]: c for c in cases}
    assert sorted(by_rule) == ["TQ101", "TQ103", "TQ105", "TQ501", "TQ502"]
    assert root.get("tests") == suite.get("tests") == str(len(cases)) == "5"
    assert root.get("failures") == suite.get("failures") == "5"
    assert root.get("errors") == suite.get("errors") == "0"
    for code, case in by_rule.items():
        failure = case.find("failure")
        assert failure is not None and failure.get("type") == code
        listed = (failure.text or "").split("\n")
        expected = [
            f"{f.path}:{f.location.line}:{f.location.column}: {f.rule} {f.message}"
            for f in report.findings
            if f.rule == code
        ]
        assert listed == expected
        assert (failure.get("message") or "").startswith(f"{len(expected)} ")


def test_junit_info_clean_file_notes_and_control_characters() -> None:
    noisy = Document("a.txt", "Idleb <&> \x0c done\n")
    clean = Document("b.txt", "Nothing wrong.\n")
    info = finding(noisy, 0, 5, rule="TQ502", severity=Severity.INFO, message='info <&> "\x0c"')
    files = (
        FileReport(noisy.path, noisy.text, (info,), notes=("decoded as latin-1",)),
        FileReport(clean.path, clean.text, ()),
    )
    out = render(Report(files, VERSION, rules=all_rules()), "junit")
    root = ET.fromstring(out)  # would raise on an unescaped '<' or a raw form feed
    assert root.get("tests") == "2" and root.get("failures") == "0"
    first, second = root.findall("testsuite")
    (case,) = first.findall("testcase")
    assert case.find("failure") is None
    assert case.findtext("system-out") == 'a.txt:1:1: TQ502 info <&> "\\x0c"'
    assert first.findtext("system-out") == "note: decoded as latin-1"
    (ok,) = second.findall("testcase")
    assert ok.get("name") == "no findings" and list(ok) == []


# --- GitHub --------------------------------------------------------------------------------------

COMMAND = re.compile(r"^::(error|warning|notice)(?: (.*?))?::(.*)$")


def unescape(text: str) -> str:
    return (text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",")).replace(
        "%25", "%"
    )


def parse_commands(out: str) -> list[tuple[str, dict[str, str], str]]:
    parsed = []
    for line in out.splitlines():
        m = COMMAND.match(line)
        if m:
            props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m.group(2) else {}
            parsed.append((m.group(1), {k: unescape(v) for k, v in props.items()}, unescape(m.group(3))))
    return parsed


def test_github_commands_read_back(stable: Path) -> None:
    report = engine_report()
    out = render(report, "github")
    commands = parse_commands(out)
    annotations = [c for c in commands if "file" in c[1]]
    assert [c[0] for c in annotations].count("error") == 2
    assert [c[0] for c in annotations].count("warning") == MAX_PER_LEVEL
    by_place = {(f.location.line, f.location.column): f for f in report.findings}
    for level, props, message in annotations:
        f = by_place[(int(props["line"]), int(props["col"]))]
        assert message == annotation_message(f)
        assert message.split("\n")[0] == f.message
        assert level == f.severity.value
        assert props["file"] == FIXTURE
        assert int(props["endColumn"]) == f.location.end_column - 1
        assert props["title"] == f"{f.rule} {report.rules[f.rule].name}"
    assert out.splitlines()[-1] == "tqcheck: 24 problems (2 errors, 22 warnings) in 1 file; 12 annotated."
    assert "::notice::12 more findings not annotated" in out


def test_github_escaping_round_trips() -> None:
    doc = Document("we,ird:dir/100%.txt", "Idleb and more\nsecond line\n")
    nasty = "50% of 'a,b:c'\r\n::error::injected"
    multi = finding(doc, 0, 20, message="spans two lines")
    report = one_file_report(doc, [finding(doc, 0, 5, message=nasty, suggestion="Idlib"), multi])
    out = render(report, "github")
    assert "\n::error::injected" not in out
    (first, second) = parse_commands(out)
    assert first[1]["file"] == "we,ird:dir/100%.txt"
    assert first[2] == nasty + "\nhelp: replace with 'Idlib'"
    assert first[1]["endColumn"] == "5"
    assert second[1] == {"file": doc.path, "line": "1", "endLine": "2", "title": "TQ101 glossary-variant"}


def test_github_caps_annotations_per_level() -> None:
    words = [f"w{i:03d}" for i in range(120)]
    doc = Document("many.txt", "\n".join(words) + "\n")
    severities = [Severity.ERROR, Severity.WARNING, Severity.INFO]
    findings = [
        finding(doc, i * 5, i * 5 + 4, severity=severities[i % 3], message=f"problem {w}")
        for i, w in enumerate(words)
    ]
    out = render(one_file_report(doc, findings), "github")
    commands = parse_commands(out)
    annotations = [c for c in commands if "file" in c[1]]
    levels = [c[0] for c in annotations]
    assert levels.count("error") == levels.count("warning") == MAX_PER_LEVEL
    assert levels.count("notice") == MAX_PER_LEVEL - 1  # one notice slot kept for the summary
    (summary,) = [c for c in commands if "file" not in c[1]]
    assert summary[0] == "notice" and summary[2].startswith("91 more findings not annotated")
    plain = [line for line in out.splitlines() if line.startswith("many.txt:")]
    assert len(plain) == 91
    assert len(annotations) + len(plain) == 120
    assert out.splitlines()[-1] == (
        "tqcheck: 120 problems (40 errors, 40 warnings, 40 infos) in 1 file; 29 annotated."
    )


def test_github_under_the_cap_has_no_summary_notice() -> None:
    doc = Document("few.txt", "Idleb\n")
    out = render(one_file_report(doc, [finding(doc, 0, 5, severity=Severity.INFO)]), "github")
    assert out.splitlines() == [
        "::notice file=few.txt,line=1,col=1,endColumn=5,title=TQ101 glossary-variant::a message",
        "tqcheck: 1 problem (1 info) in 1 file; 1 annotated.",
    ]


# --- HTML ----------------------------------------------------------------------------------------

VOID = {"meta", "br", "link", "img", "hr", "input"}


class StrictParser(HTMLParser):
    """Collects ids and checks that every element is closed in order (well-formed enough)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.ids += [v or "" for k, v in attrs if k == "id"]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]} at {self.getpos()}")
        else:
            self.stack.pop()


def parse_html(out: str) -> StrictParser:
    parser = StrictParser()
    parser.feed(out)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    return parser


def test_html_well_formed_and_every_finding_in_its_data_once(stable: Path) -> None:
    """The review page itself is tested in test_review_page.py (markup, data, escaping) and
    test_review_browser.py (in Chromium); here, that the engine's report reaches it whole."""
    report = engine_report()
    out = render(report, "html")
    parse_html(out)
    (raw,) = re.findall(r'<script type="application/json" id="tq-data">(.*?)</script>', out, re.S)
    data = json.loads(raw)
    (file,) = data["files"]
    strings = data["strings"]
    got = sorted((f[0], f[3], f[4], strings[f[8]]) for f in file["findings"])
    assert got == sorted((f.rule, f.span.start, f.span.end, f.text) for f in report.findings)
    # line 5: a whole-line photo-credit caption (TQ501) containing 'Idleb' (TQ101): both kept
    assert {"TQ101", "TQ501"} <= {f[0] for f in file["findings"] if f[5] == 5}


# --- text ----------------------------------------------------------------------------------------


def test_text_caret_after_wide_characters() -> None:
    line = "Ⓒ 東京 Idleb"
    doc = engine_report([Document("wide.txt", line + "\n")])
    (f,) = doc.findings
    assert f.text == "Idleb" and f.location.column == 6
    out = render(doc, "text").splitlines()
    # Ⓒ is one cell (East Asian ambiguous), each CJK character two: 1+1+4+1 = 7 cells before Idleb
    assert out[2] == f"1 | {line}"
    assert out[3] == "  | " + " " * 7 + "^^^^^ help: replace with 'Idlib'"


def test_text_carets_under_wide_span() -> None:
    doc = Document("cjk.txt", "Ⓒ AFP 東京都 Idleb\n")
    report = one_file_report(doc, [finding(doc, 6, 9)])
    buf = io.StringIO()
    TextReporter().render(report, buf)
    assert buf.getvalue().splitlines()[3] == "  | " + " " * 6 + "^" * 6


def test_json_streamed_to_a_byte_stream_is_the_report_written_as_text(stable: Path) -> None:
    """The CLI's UTF-8 byte stream gets the findings one at a time, byte for byte what the text
    path writes: the fixture's report, none, and a finding orjson refuses (an int over 64 bits)
    beside one with a line break and non-ASCII text."""
    doc = Document("a.txt", "Idleb\nSyrie «x»\n")
    odd = dataclasses.replace(finding(doc, 0, 5), data=(("big", 2**70), ("é", "a\nb")))
    reports = [
        engine_report(),
        one_file_report(doc, []),
        one_file_report(doc, [odd, finding(doc, 6, 11, message="l'«x»\n")]),
    ]
    for report in reports:
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        get_reporter("json").render(report, stream)
        stream.flush()
        assert raw.getvalue().decode("utf-8") == render(report, "json")
    assert json.loads(render(reports[2], "json"))["findings"][0]["data"]["big"] == 2**70
