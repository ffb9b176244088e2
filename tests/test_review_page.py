"""The HTML review page without a browser: its structure, the data its script renders, escaping,
colour contrast and weight. ``test_review_browser.py`` drives the same pages in Chromium."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tqcheck.document import Document
from tqcheck.formats import load_document, load_source
from tqcheck.model import FileReport, Finding, FixSafety, Report, SegmentScore, Severity, Span
from tqcheck.reporters.html import HtmlReporter
from tqcheck.reporters.html_data import script_json, utf16
from tqcheck.rules import all_rules

from .conftest import DATA, FIXTURES, SEED, glossary_context, run_checks
from .test_reporters import parse_html

BI = FIXTURES / "bilingual"
GLOSSARY = DATA / "reporters-glossary.yaml"
DATA_RE = re.compile(r'<script type="application/json" id="tq-data">(.*?)</script>', re.S)


def page(report: Report) -> str:
    buf = io.StringIO()
    HtmlReporter().render(report, buf)
    return buf.getvalue()


def data_of(html: str) -> dict[str, Any]:
    (raw,) = DATA_RE.findall(html)
    out: dict[str, Any] = json.loads(raw)
    return out


def seed_report() -> Report:
    return run_checks(
        [Document(str(SEED), SEED.read_text(encoding="utf-8"))], ["TQ1", "TQ5"], glossary_context([GLOSSARY])
    )


def pair_report() -> Report:
    doc = load_document(BI / "article.en.txt")
    load_source(BI / "article.fr.txt", doc, "fr")
    return run_checks([doc], ["TQ1", "TQ4", "TQ5"], glossary_context([GLOSSARY]))


def xliff_report() -> Report:
    return run_checks(
        [load_document(BI / "article.xlf")], ["TQ1", "TQ4", "TQ5"], glossary_context([GLOSSARY])
    )


def made(text: str, spans: list[tuple[int, int, str | None]], path: str = "a.txt", **kw: Any) -> Report:
    """A one-file report with a TQ101 finding per ``(start, end, suggestion)`` (safe fixes)."""
    doc = Document(path, text)
    findings = tuple(
        Finding(
            "TQ101",
            Severity.WARNING,
            f"message {i}",
            doc.locate(Span(a, b)),
            text[a:b],
            s,
            fix=FixSafety.SAFE if s is not None else FixSafety.NONE,
        )
        for i, (a, b, s) in enumerate(spans)
    )
    return Report((FileReport(path, text, findings, **kw),), "0", rules=all_rules())


def test_page_is_well_formed_self_contained_and_has_one_tab_stop_for_findings() -> None:
    report = seed_report()
    html = page(report)
    parser = parse_html(html)
    assert parser.tags.count("script") == 2 and "link" not in parser.tags and "img" not in parser.tags
    assert not re.search(r"""(src|href)=["']?(?!#)""", html.split('id="tq-data"')[0])
    assert "default-src 'none'" in html  # the page may fetch nothing
    assert '<ul id="list" role="listbox" tabindex="0"' in html
    assert html.count("tabindex") == 1  # findings are data for the script, not pre-rendered stops
    data = data_of(html)
    (file,) = data["files"]
    assert len(file["findings"]) == len(report.findings) and file["view"] == "text"
    assert file["text"] == SEED.read_text(encoding="utf-8")


def test_repeated_strings_are_stored_once() -> None:
    data = data_of(page(seed_report()))
    idleb = [f for f in data["files"][0]["findings"] if data["strings"][f[8]] == "Idleb"]
    assert len(idleb) > 10 and len({f[7] for f in idleb}) == 1  # one message, thirteen uses
    assert len(data["strings"]) == len(set(data["strings"]))


def test_script_json_cannot_end_its_element() -> None:
    text = "He wrote </script><script>alert(1)</script> and <!-- then --> & \u2028 end.\n"
    start = text.index("alert")
    html = page(made(text, [(start, start + 5, "x")]))
    assert html.count("</script>") == 2 and "<!--" not in html and "alert(1)</" not in html
    assert data_of(html)["files"][0]["text"] == text
    assert json.loads(script_json({"t": "</SCRIPT>"})) == {"t": "</SCRIPT>"}
    assert "<" not in script_json({"t": "</SCRIPT>"})


def test_everything_from_the_report_is_escaped_in_the_markup() -> None:
    text = "Il <b>Idleb</b> & co\n"
    report = made(text, [(6, 11, "<i>Idlib</i>")], path="x<y>.txt")
    html = page(report)
    parser = parse_html(html)
    assert "b" not in parser.tags and "i" not in parser.tags and "y" not in parser.tags
    assert "x&lt;y&gt;.txt" in html and "&lt;i&gt;Idlib&lt;/i&gt;" in html


def test_offsets_are_utf16_for_the_script() -> None:
    text = "🙂 Ⓒ 𝔸 Idleb fled\n"
    start = text.index("Idleb")
    data = data_of(page(made(text, [(start, start + 5, "Idlib")])))
    f = data["files"][0]["findings"][0]
    units = text.encode("utf-16-le")
    assert units[2 * f[3] : 2 * f[4]].decode("utf-16-le") == "Idleb"
    assert utf16("abc")(2) == 2 and utf16("🙂a")(1) == 2


def test_fixes_are_written_as_fix_would_write_them() -> None:
    text = "<target>Procter and Gamble</target>\n"
    report = made(text, [(8, 26, "Procter & Gamble")], path="a.xlf", format="xliff")
    (f,) = data_of(page(report))["files"][0]["findings"]
    assert f[11] == "safe" and data_of(page(report))["strings"][f[10]] == "Procter &amp; Gamble"
    latin = made("Idleb\n", [(0, 5, "İdlib")], encoding="latin-1")  # the encoding cannot hold it
    (g,) = data_of(page(latin))["files"][0]["findings"]
    assert g[10] == -1 and g[11] == ""
    none = made("Idleb\n", [(0, 5, None)])
    assert data_of(page(none))["files"][0]["findings"][0][10] == -1


def test_bilingual_pair_rows_tile_both_texts() -> None:
    report = pair_report()
    data = data_of(page(report))
    (file,) = data["files"]
    source = (BI / "article.fr.txt").read_text(encoding="utf-8")
    assert file["view"] == "rows" and data["sources"][file["source"]] == source
    rows = file["rows"]
    assert "".join(source[r[0] : r[1]] for r in rows if r[0] >= 0) == source
    assert "".join(file["text"][r[2] : r[3]] for r in rows if r[2] >= 0) == file["text"]
    assert any(r[2] < 0 for r in rows)  # the omitted sentence has no translation
    sides = {(f[0], f[2]) for f in file["findings"]}
    assert ("TQ404", 1) in sides  # on the source side
    assert ("TQ401", 0) in sides


def test_xliff_is_a_table_of_units_with_decoded_text() -> None:
    report = xliff_report()
    data = data_of(page(report))
    (file,) = data["files"]
    assert file["view"] == "units" and [r[0] for r in file["rows"]] == ["1", "2"]
    text = file["text"]

    def shown(pieces: list[list[Any]]) -> str:
        return "".join(p[2] if len(p) > 2 else text[p[0] : p[1]] for p in pieces)

    assert (
        shown(file["rows"][0][1])
        == "Au moins 340\u00a0000 personnes ont fui les combats & les bombardements."
    )
    assert shown(file["rows"][0][2]) == "At least 430,000 people have fled the fighting & the bombing."
    assert {f[12] for f in file["findings"]} == {"1", "2"}  # each finding knows its unit


def test_scores_give_a_back_translation_column() -> None:
    text = "One sentence. Two sentence.\n"
    scores = (
        SegmentScore(0, 0, 13, "One sentence.", None, "Une phrase.", (("chrf", 41.5),)),
        SegmentScore(1, 14, 27, "Two sentence.", None, "Deux <b>phrases</b>.", (("chrf", 80.0),)),
    )
    data = data_of(page(made(text, [], scores=scores)))
    (file,) = data["files"]
    assert file["view"] == "rows" and file["scored"]
    assert [data["strings"][r[4]] for r in file["rows"]] == ["Une phrase.", "Deux <b>phrases</b>."]
    assert file["rows"][0][5] == "chrf 41.500"


def test_without_script_a_plain_list_with_repeats_collapsed() -> None:
    html = page(seed_report())
    fallback = html.split("<noscript>")[1].split("</noscript>")[0]
    assert re.search(
        r'<li class="warning">▲ warning <code>TQ101</code> [^<]*Idleb[^<]*\(“Idleb” → “Idlib”, safe fix\) ×1\d at 3:50, 5:',
        fallback,
    )
    assert "<dt><code>TQ501</code> web-boilerplate</dt><dd>" in fallback  # the rules explained


def _css_vars(css: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})", css))


def _luminance(hex_colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(hex_colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_colour_pairs_meet_wcag_aa() -> None:
    from tqcheck.reporters.html import asset

    colours = _css_vars(asset("review.css"))
    pairs = [name[: -len("-fg")] for name in colours if name.endswith("-fg")]
    assert {"error", "warning", "info", "page", "muted"} <= set(pairs)
    for name in pairs:
        ratio = contrast(colours[f"{name}-fg"], colours[f"{name}-bg"])
        assert ratio >= 4.5, f"--{name}: {ratio:.2f}:1"
    assert contrast(colours["muted-fg"], colours["page-bg"]) >= 4.5
    assert contrast(colours["link-fg"], colours["muted-bg"]) >= 4.5
    assert contrast(colours["page-fg"], colours["cur-bg"]) >= 4.5


def test_two_thousand_findings_stay_light() -> None:
    line = "Fighting in Idleb, near Abu Douhour, said the OSDH again and again.\n"
    text = line * 700
    spans = []
    for k in range(700):
        base = k * len(line)
        for word, fix in (("Idleb", "Idlib"), ("Abu Douhour", "Abu al-Duhur"), ("OSDH", "SOHR")):
            i = base + line.index(word)
            spans.append((i, i + len(word), fix))
    html = page(made(text, spans))
    assert len(spans) == 2100
    overhead = len(html.encode()) - len(text.encode())
    assert overhead < 250_000, overhead  # the old page: 1.9 MB for 2,100 findings
    assert "… and 1,700 more findings" not in html and "… and 1700 more findings" in html


@pytest.mark.parametrize("name", ["review.js", "review.css"])
def test_assets_ship_with_the_package(name: str) -> None:
    from tqcheck.reporters.html import asset

    body = asset(name)
    assert body and "</script" not in body.lower() and "http://" not in body and "https://" not in body


def test_reporters_module_sizes(tmp_path: Path) -> None:
    """The page's logic lives in package data, so the modules stay small."""
    from tqcheck.reporters import html, html_data

    for module in (html, html_data):
        assert len(Path(module.__file__ or "").read_text(encoding="utf-8").splitlines()) < 300
