"""The review page in a real browser: Playwright driving the system Chromium (Debian's ``chromium``;
``TQCHECK_CHROMIUM`` names another). Filters, search, keyboard navigation, accepting fixes and the
downloaded patch (byte for byte what ``tqcheck check --diff`` prints), the bilingual and XLIFF
views, several files, a narrow screen and a browser without scripts. Skipped, with the reason,
where Playwright or the browser is missing: ``playwright install`` is never needed."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tqcheck.document import Document
from tqcheck.fix import apply_fixes
from tqcheck.fixfiles import diff
from tqcheck.model import Problem, Report

from .conftest import SEED, glossary_context, run_checks
from .test_review_page import GLOSSARY, made, page, pair_report, seed_report, xliff_report

CHROMIUM = os.environ.get("TQCHECK_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

Opener = Callable[..., Any]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (the test extra)"
    )
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no browser at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as e:  # a browser that cannot start here is a missing browser
            pytest.skip(f"{CHROMIUM} does not start: {str(e).splitlines()[0]}")
        yield b
        b.close()


@pytest.fixture
def open_page(browser: Any, tmp_path: Path) -> Iterator[Opener]:
    """Opens a report's page from a file (as an editor would) and fails on any script error."""
    contexts: list[Any] = []
    errors: list[str] = []

    def opener(report: Report, width: int = 1280, js: bool = True) -> Any:
        path = tmp_path / f"review{len(contexts)}.html"
        path.write_text(page(report), encoding="utf-8")
        ctx = browser.new_context(
            viewport={"width": width, "height": 900}, accept_downloads=True, java_script_enabled=js
        )
        contexts.append(ctx)
        pg = ctx.new_page()
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.goto(path.as_uri())
        return pg

    yield opener
    for ctx in contexts:
        ctx.close()
    assert errors == []


def options(pg: Any) -> list[str]:
    return [t.strip() for t in pg.locator("#list li[role=option]").all_inner_texts()]


def downloaded(pg: Any, button: str) -> str:
    with pg.expect_download() as info:
        pg.click(button)
    return Path(info.value.path()).read_bytes().decode("utf-8")  # newlines as written


def test_filters_search_and_collapsed_repeats(open_page: Opener) -> None:
    report = seed_report()
    pg = open_page(report)
    idleb = sum(1 for f in report.findings if f.text == "Idleb")
    groups = {(f.rule, f.severity, f.text, f.message, f.suggestion) for f in report.findings}
    items = options(pg)
    assert len(items) == len(groups)
    assert any("Idleb" in t and f"×{idleb}" in t for t in items)
    assert pg.locator("#view mark.m").count() >= len(groups)

    pg.uncheck('input[data-sev="1"]')  # warnings off
    errors = sum(1 for f in report.findings if f.severity.value == "error")
    assert (
        all("error" in t for t in options(pg))
        and pg.locator("#shown").inner_text() == f"{errors} of {len(report.findings)} findings shown"
    )
    assert pg.locator("#view mark.m.s1").count() == 0
    pg.check('input[data-sev="1"]')

    pg.select_option("#f-rule", "TQ501")
    assert options(pg) and all("TQ501" in t for t in options(pg))
    pg.select_option("#f-rule", "")

    pg.fill("#f-search", "osdh")
    (only,) = options(pg)
    assert "OSDH" in only and "SOHR" in only and "×2" in only


def test_keyboard_moves_through_findings_and_shows_the_explanation(open_page: Opener) -> None:
    report = seed_report()
    first, second = report.findings[0], report.findings[1]
    pg = open_page(report)
    pg.keyboard.press("j")
    detail = pg.locator("#detail")
    assert first.message in detail.inner_text() and "Why:" in detail.inner_text()
    assert report.rules[first.rule].help[:40] in detail.inner_text()  # the rule's help, no mouse
    assert pg.locator("mark.m.cur").first.inner_text() == first.text
    pg.keyboard.press("j")
    assert second.message in detail.inner_text()
    pg.keyboard.press("k")
    assert first.message in detail.inner_text()

    pg.keyboard.press("/")
    pg.keyboard.type("Idlib")  # the suggestion: only the Idleb findings
    pg.keyboard.press("Escape")
    assert pg.evaluate("document.activeElement.id") == "list"
    pg.keyboard.press("j")
    assert "Idleb" in detail.inner_text() and "1 of" in detail.inner_text()
    pg.keyboard.press("j")
    assert "2 of" in detail.inner_text()
    cur = pg.locator("mark.m.cur").first
    box = cur.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900  # scrolled into view
    pg.fill("#f-search", "")
    pg.keyboard.press("Escape")
    assert "Idleb" in detail.inner_text() and "line 5," in detail.inner_text()
    pg.keyboard.press("J")  # the next kind of finding: the other Idlebs are skipped
    assert "photo credit" in detail.inner_text() and "line 5," in detail.inner_text()
    pg.keyboard.press("J")
    assert "Hayat Tahrir al-Cham" in detail.inner_text()


def test_accepted_fixes_download_as_the_cli_diff_and_a_fixed_file(open_page: Opener) -> None:
    report = seed_report()
    text = SEED.read_text(encoding="utf-8")
    docs = [Document(str(SEED), text)]
    pg = open_page(report)
    assert pg.locator("#dl-patch").is_disabled()
    pg.click("#accept-safe")
    expected, n = diff(report, docs, unsafe=False)
    assert n > 10 and pg.locator("#accepted").inner_text() == f"{n} fixes accepted"
    assert downloaded(pg, "#dl-patch") == expected
    assert downloaded(pg, "#dl-file") == apply_fixes(text, report.findings)[0]
    assert pg.locator("ins.fixed").count() == n  # the accepted text shown in place
    pg.select_option("#f-rule", "TQ101")
    pg.select_option("#f-rule", "")
    assert pg.locator("ins.fixed").count() == n  # and still after the view is drawn again

    pg.fill("#f-search", "TQ105")  # an unsafe fix: accepted by hand, marked as such
    pg.keyboard.press("Escape")
    pg.keyboard.press("j")
    assert "unsafe fix" in pg.locator("#detail").inner_text()
    pg.keyboard.press("a")
    assert downloaded(pg, "#dl-patch") == diff(report, docs, unsafe=True)[0]
    pg.keyboard.press("r")
    assert "rejected" in pg.locator("#detail").inner_text()
    assert downloaded(pg, "#dl-patch") == expected


def test_overlapping_fixes_are_refused_and_hunks_keep_their_context(open_page: Opener) -> None:
    lines = [f"line {i}\r\n" for i in range(30)]  # CRLF: kept in the patch as in the file
    lines[2] = "Idleb and Idleb\r\n"
    lines[12] = "Idleb\n"
    lines[29] = "last Idleb"  # no newline at the end
    text = "".join(lines)
    at = [i for i in range(len(text)) if text.startswith("Idleb", i)]
    spans = [(a, a + 5, "Idlib") for a in at] + [(at[0] + 2, at[0] + 7, "X")]
    report = made(text, spans)
    pg = open_page(report)
    pg.click("#accept-safe")
    assert "1 overlapping skipped" in pg.locator("#status").inner_text()
    doc = Document("a.txt", text)
    assert downloaded(pg, "#dl-patch") == diff(report, [doc], unsafe=False)[0]


def test_bilingual_pair_side_by_side(open_page: Opener) -> None:
    report = pair_report()
    pg = open_page(report)
    heads = pg.locator("table.sbs th").all_inner_texts()
    assert heads == ["Source (fr)", "Translation (en)"]
    source_cells = pg.locator("table.sbs td:nth-child(1)")
    assert "Au moins 340 000 personnes" in " ".join(source_cells.all_inner_texts())
    omitted = pg.locator("table.sbs td:nth-child(1) mark.m.s0")  # TQ404, on the French side
    assert "Les troupes du président" in " ".join(omitted.all_inner_texts())
    assert "(not translated)" in pg.locator("table.sbs").inner_text()
    assert pg.locator("table.sbs td:nth-child(2) mark.m").count() >= 2
    pg.fill("#f-search", "TQ404")
    pg.keyboard.press("Escape")
    pg.keyboard.press("j")
    assert pg.locator("td:nth-child(1) mark.m.cur").count() >= 1  # the current finding, in the source


def test_xliff_segment_table(open_page: Opener) -> None:
    pg = open_page(xliff_report())
    assert pg.locator("table.sbs th").all_inner_texts() == ["ID", "Source (fr)", "Translation (en)"]
    assert pg.locator("table.sbs td.id").all_inner_texts() == ["1", "2"]
    row = pg.locator("table.sbs tbody tr").first
    assert "les combats & les bombardements" in row.inner_text()  # &amp; decoded
    assert row.locator("td:nth-child(3) mark.m").inner_text() == "430,000"
    pg.keyboard.press("j")
    assert "unit 1" in pg.locator("#detail").inner_text()
    assert pg.locator("td:nth-child(2) mark.relm").inner_text().replace("\u00a0", " ") == "340 000"


def test_several_files_have_an_index(open_page: Opener) -> None:
    docs = [Document(str(SEED), SEED.read_text(encoding="utf-8")), Document("b.txt", "Fighting in Idleb.\n")]
    report = run_checks(docs, ["TQ1", "TQ5"], glossary_context([GLOSSARY]))
    pg = open_page(report)
    assert pg.locator("#file-list a").count() == 2
    pg.click('#file-list a[data-fi="1"]')
    assert pg.locator("#view h2").inner_text() == "b.txt"
    pg.keyboard.press("[")
    assert pg.locator("#view h2").inner_text() == str(SEED)
    pg.focus("#list")
    pg.keyboard.press("End")  # the last finding is in b.txt: the view follows
    assert pg.locator("#view h2").inner_text() == "b.txt"
    pg.select_option("#f-file", "0")
    assert all("b.txt" not in t for t in options(pg))


def test_narrow_screen_has_no_sideways_scroll(open_page: Opener) -> None:
    for report in (seed_report(), pair_report(), xliff_report()):
        pg = open_page(report, width=400)
        pg.keyboard.press("j")
        assert pg.evaluate("document.documentElement.scrollWidth") <= 400
        assert pg.locator("#detail").is_visible()


def test_a_report_without_a_checked_file(open_page: Opener) -> None:
    pg = open_page(Report((), "0", problems=(Problem("empty.txt", "empty file"),)))
    assert "empty.txt: error: empty file" in pg.locator(".problems").inner_text()
    assert pg.locator("#view").inner_text() == "No file was checked."
    pg.keyboard.press("j")
    pg.keyboard.press("]")


def test_without_scripts_a_plain_list(open_page: Opener) -> None:
    pg = open_page(seed_report(), js=False)
    assert pg.locator(".fallback li").count() > 5
    assert not pg.locator("#app").is_visible()


def test_article_text_cannot_run_script_and_offsets_hold_past_emoji(open_page: Opener) -> None:
    text = "🙂 Idleb said </script><script>window.pwned = 1</script> <!-- x\n"
    start = text.index("Idleb")
    pg = open_page(made(text, [(start, start + 5, "Idlib")]))
    assert pg.evaluate("window.pwned") is None
    assert pg.locator("mark.m").inner_text() == "Idleb"
    assert "</script><script>window.pwned = 1</script>" in pg.locator("#view .text").inner_text()


def test_a_neural_finding_shows_source_back_translation_and_the_articles_median(open_page: Opener) -> None:
    from tqcheck.cli.score import score_report
    from tqcheck.model import SegmentScore, Span
    from tqcheck.scoring import findings
    from tqcheck.scoring.options import ScoreResult

    text = "Air strikes killed twelve civilians. The rains flooded the camps.\n"
    start = text.index("The rains")
    span = Span(start, len(text) - 1)
    judged = findings.Judged(-2.31, -0.12, -5.9, -3.5, 3.5)
    hit = findings.low_adequacy(span, judged, "Les pluies ont inondé les camps.", "Le régime a avancé.", 20.0)
    scores = (SegmentScore(1, span.start, span.end, text[start:-1], "Le régime a avancé.", "Les pluies", ()),)
    target = Document("a.en.txt", text, lang="en")
    pg = open_page(score_report(target, ScoreResult(scores, (hit,), "sig", {})))
    pg.keyboard.press("j")
    detail = pg.locator("#detail dl.scored").inner_text()
    assert "Source\nLe régime a avancé." in detail
    assert "Back-translation\nLes pluies ont inondé les camps." in detail
    assert "Score\n-2.31 bits/token (article median -0.12)" in detail
