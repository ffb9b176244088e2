"""Every input format maps findings back to the exact line, column and characters of the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqcheck.cli import app
from tqcheck.formats import load_document
from tqcheck.formats.html import view_of as html_view
from tqcheck.formats.markdown import view_of as md_view

from .conftest import DATA, FIXTURES

BI = FIXTURES / "bilingual"
runner = CliRunner()


def findings(*args: str) -> tuple[int, list[dict[str, object]]]:
    res = runner.invoke(app, ["check", "--format", "json", "--no-default-glossaries", *args])
    assert res.exit_code in (0, 1), res.output
    return res.exit_code, json.loads(res.stdout)["findings"]


def exact(path: Path, f: dict[str, object]) -> str:
    """The finding's text equals the file slice, and line:column point at it."""
    text = Path(str(f["path"])).read_text(encoding="utf-8")
    start, end = int(str(f["start"])), int(str(f["end"]))
    assert text[start:end] == f["text"]
    line = text[:start].count("\n") + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    assert (f["line"], f["column"]) == (line, col)
    return str(f["text"])


@pytest.mark.parametrize(
    ("name", "rule", "text", "line", "col"),
    [
        ("article.xlf", "TQ401", "430,000", 7, 26),
        ("article.xlf", "TQ402", "Friday", 11, 53),
        ("article-v2.xlf", "TQ401", "eighteen", 7, 36),
        ("article.tmx", "TQ401", "29", 7, 61),
        ("article.po", "TQ401", "2.5 million", 10, 11),
        ("article.jsonl", "TQ401", "52", 1, 155),
    ],
)
def test_bilingual_formats_point_at_the_file(name: str, rule: str, text: str, line: int, col: int) -> None:
    code, found = findings(str(BI / name), "--select", "TQ4")
    assert code == 1
    hit = [f for f in found if f["rule"] == rule]
    assert len(hit) == 1
    assert exact(BI / name, hit[0]) == text
    assert (hit[0]["line"], hit[0]["column"]) == (line, col)


@pytest.mark.parametrize(("name", "line", "col"), [("article.html", 7, 26), ("article.md", 6, 13)])
def test_html_and_markdown_with_plain_source(name: str, line: int, col: int) -> None:
    _, found = findings(str(BI / name), "--source", str(BI / "article-src.txt"), "--select", "TQ4")
    assert [(f["rule"], f["line"], f["column"]) for f in found] == [("TQ401", line, col)]
    assert exact(BI / name, found[0]) == "430,000"


def test_entities_and_escapes_keep_file_offsets() -> None:
    doc = load_document(BI / "article.xlf")
    pair = doc.pairs[0]
    assert "340\u00a0000" in pair.source.text and "&" in pair.target.text
    i = pair.source.text.index("340")
    span = pair.source.span(i, i + 7)
    assert doc.text[span.start : span.end] == "340&#160;000"
    po = load_document(BI / "article.po")
    assert po.pairs[0].target.text == 'At least 2.5 million "displaced" people since 2011.'
    assert po.content.count("99") == 0  # obsolete entries are not checked
    js = load_document(BI / "article.jsonl")
    q = js.pairs[0].target.text.index('"offensive"')
    span = js.pairs[0].target.span(q, q + 11)
    assert js.text[span.start : span.end] == '\\"offensive\\"'


def test_views_blank_markup_but_keep_lengths_and_newlines() -> None:
    for name, view_of in (("article.html", html_view), ("article.md", md_view)):
        text = (BI / name).read_text(encoding="utf-8")
        view = view_of(text)
        assert len(view) == len(text)
        assert [i for i, c in enumerate(text) if c == "\n"] == [i for i, c in enumerate(view) if c == "\n"]
        assert "340000" not in view and "example.com" not in view and "UN 2018" not in view
        assert "At least 430,000 people fled" in view
    html = html_view((BI / "article.html").read_text(encoding="utf-8"))
    assert "margin" not in html and "count" not in html and "--source" not in html
    assert "fled &     the" in html  # &amp; shown as & at its own offset


def test_view_shows_only_target_segments() -> None:
    doc = load_document(BI / "article.xlf")
    assert "personnes" not in doc.content and "trans-unit" not in doc.content
    assert "At least 430,000 people" in doc.content and len(doc.content) == len(doc.text)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("xxe.xlf", "XML with a DTD (<!DOCTYPE>) refused"),
        ("bomb.tmx", "XML with a DTD (<!DOCTYPE>) refused"),
        ("malformed.xlf", "malformed XML: mismatched tag"),
    ],
)
def test_malicious_and_malformed_xml_exit_2_with_one_line(name: str, message: str) -> None:
    res = runner.invoke(app, ["check", str(DATA / "bad" / name)])
    assert res.exit_code == 2
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0] and name in lines[0]


def test_malformed_jsonl_and_po(tmp_path: Path) -> None:
    bad_json = tmp_path / "bad.jsonl"
    bad_json.write_text('{"source": "a", "target": "b"}\n{"source": "a", "target": \n', encoding="utf-8")
    res = runner.invoke(app, ["check", str(bad_json)])
    assert res.exit_code == 2 and "bad.jsonl:2: malformed JSON" in res.output
    missing = tmp_path / "missing.jsonl"
    missing.write_text('{"source": "a"}\n', encoding="utf-8")
    res = runner.invoke(app, ["check", str(missing)])
    assert res.exit_code == 2 and 'needs string "source" and "target"' in res.output
    bad_po = tmp_path / "bad.po"
    bad_po.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    res = runner.invoke(app, ["check", str(bad_po)])
    assert res.exit_code == 2 and "bad.po:2: malformed PO string" in res.output


def test_input_format_override_and_unknown(tmp_path: Path) -> None:
    odd = tmp_path / "story.data"
    odd.write_text((BI / "article.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    _, found = findings(str(odd), "--input-format", "jsonl", "--select", "TQ4")
    assert [f["text"] for f in found] == ["52"]
    res = runner.invoke(app, ["check", str(odd), "--input-format", "docx"])
    assert res.exit_code == 2 and "unknown input format 'docx'" in res.output


def test_directory_walk_picks_up_translation_files() -> None:
    res = runner.invoke(app, ["check", "--format", "json", "--select", "TQ4", str(BI / "good")])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["summary"]["files"] == 2
