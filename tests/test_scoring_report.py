"""What an editor sees of a neural finding: the source, the back-translation, the score and the article's median."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tqcheck.cli.score import score_report
from tqcheck.reporters.html_data import page_data
from tqcheck.reporters.json import JsonReporter
from tqcheck.reporters.sarif import SarifReporter
from tqcheck.reporters.text import TextReporter
from tqcheck.scoring.api import score_document

from .test_scoring import PAIRS, WRONG, article, options


def test_tq901_and_tq902_show_source_back_translation_and_median(
    tiny_models: dict[str, Path], cache_dir: Path
) -> None:
    target, source = article()
    result = score_document(target, source, options(tiny_models))
    report = score_report(target, result)
    (low,) = [f for f in report.findings if f.rule == "TQ901"]
    (omitted,) = [f for f in report.findings if f.rule == "TQ902"]
    data = dict(low.data)
    wrong = result.scores[WRONG]
    assert data["source"] == PAIRS[WRONG][0] and data["back_translation"] == wrong.back_translation
    assert data["adequacy"] == dict(wrong.metrics)["adequacy"]
    median = sorted(dict(s.metrics)["adequacy"] for s in result.scores)[3]
    assert data["article_median"] == pytest.approx(median, abs=2e-6)

    out = io.StringIO()
    TextReporter().render(report, out)
    line = target.text.split("\n")[0]
    column = line.index(wrong.text) + 1
    assert (low.location.line, low.location.column) == (1, column)
    assert (
        f"article.en.txt:1:{column}: TQ901 [warning] {low.message}\n"
        "  |\n"
        f"1 | {line}\n"
        f"  | {' ' * (column - 1)}{'^' * len(wrong.text)}\n"
        f"  = source:           {PAIRS[WRONG][0]}\n"
        f"  = back-translation: {wrong.back_translation}\n"
        f"  = score:            {data['adequacy']:.2f} bits/token (article median {median:.2f})\n"
        "\n"
    ) in out.getvalue()
    assert (
        "  |                                                ^\n"
        f"  = source:           {PAIRS[5][0]}\n"
        "\n"
        "Found 3 problems (2 warnings, 1 info) in 1 file.\n"
    ) in out.getvalue()
    assert low.message.startswith(
        f"translation may not say what the source says ({data['adequacy']:.2f} bits/token, under the floor -1;"
    )
    assert omitted.message.endswith(f"(possible omission): “{PAIRS[5][0]}”")

    # the machine-readable formats carry the same figures
    js = io.StringIO()
    JsonReporter().render(report, js)
    (jlow,) = [f for f in json.loads(js.getvalue())["findings"] if f["rule"] == "TQ901"]
    assert (
        jlow["data"]["source"] == PAIRS[WRONG][0] and jlow["data"]["article_median"] == data["article_median"]
    )
    sarif = SarifReporter().log(report)
    (slow,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "TQ901"]
    assert slow["properties"]["data"]["back_translation"] == wrong.back_translation
    # the review page: [source, back-translation, score, median] after the related places
    page = page_data(report, "")
    strings = page["strings"]
    (row,) = [r for r in page["files"][0]["findings"] if r[0] == "TQ901"]
    src, back, score, med = row[15]
    assert (strings[src], strings[back]) == (PAIRS[WRONG][0], wrong.back_translation)
    assert (score, med) == (round(data["adequacy"], 2), round(median, 2))
    (orow,) = [r for r in page["files"][0]["findings"] if r[0] == "TQ902"]
    assert strings[orow[15][0]] == PAIRS[5][0] and orow[15][1:] == [-1, None, None]
    assert all(len(r) <= 15 for r in page["files"][0]["findings"] if not r[0].startswith("TQ9"))
