"""Rule documentation (issue 15): each rule's live example, ``tqcheck rules CODE``, docs/rules.md,
SARIF ``helpUri`` from ``docs-url``; and the suppression audit (TQ001/TQ002, ruff's RUF100 idea)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tqcheck.examples import examples, run
from tqcheck.ruledocs import markdown
from tqcheck.rules import all_rules

from .conftest import ROOT, invoke

RUN = [code for code, ex in sorted(examples().items()) if not ex.neural]


def test_every_rule_has_an_example() -> None:
    assert set(examples()) == set(all_rules())


@pytest.mark.slow
@pytest.mark.parametrize("code", RUN)
def test_example_breaks_its_rule_and_the_better_text_does_not(code: str) -> None:
    ex = examples()[code]
    assert run(ex, ex.bad), f"{code}: its example gives no {code} finding"
    assert run(ex, ex.good) == [], f"{code}: the better text still gives a {code} finding"


@pytest.mark.slow
def test_rules_page_is_up_to_date() -> None:
    page = ROOT / "docs" / "rules.md"
    assert page.read_text(encoding="utf-8") == markdown(), "run python scripts/build_rule_docs.py"


def test_rules_command_shows_the_example_and_the_docs_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("rules", "TQ502")
    assert code == 0
    assert out.endswith(
        "Example:\n"
        "  Rebels retook the town on Monday. .\n"
        "  -> text 1:33 TQ502 doubled punctuation '. .' (fix: '.')\n"
        "Better:\n"
        "  Rebels retook the town on Monday.\n"
        "\nDocs: docs/rules.md#tq502-doubled-punctuation\n"
    )
    (tmp_path / "tqcheck.toml").write_text('docs-url = "https://news.example/tqcheck/rules.md"\n')
    _, out, _ = invoke("rules", "TQ502")
    assert out.endswith("\nDocs: https://news.example/tqcheck/rules.md#tq502-doubled-punctuation\n")


def test_sarif_links_rules_to_the_published_docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Fighting in Idleb. .\n")
    _, out, _ = invoke("check", "a.txt", "-f", "sarif")
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["TQ101", "TQ502"] and not any("helpUri" in r for r in rules)
    (tmp_path / "tqcheck.toml").write_text('docs-url = "https://news.example/docs/rules.md"\n')
    _, out, _ = invoke("check", "a.txt", "-f", "sarif")
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["helpUri"] for r in rules] == [
        "https://news.example/docs/rules.md#tq101-glossary-variant",
        "https://news.example/docs/rules.md#tq502-doubled-punctuation",
    ]
    (tmp_path / "tqcheck.toml").write_text('docs-url = "docs/rules.md"\n')
    code, _, err = invoke("check", "a.txt")
    assert code == 2 and "setting 'docs-url' must be an http(s) URL" in err


def audit(tmp_path: Path, text: str, *args: str) -> list[tuple[str, int, str]]:
    (tmp_path / "a.txt").write_text(text)
    _, out, _ = invoke("check", str(tmp_path / "a.txt"), "-f", "json", *args)
    return [(f["rule"], f["line"], f["message"]) for f in json.loads(out)["findings"]]


def test_unused_and_unknown_suppressions_are_reported(tmp_path: Path) -> None:
    text = (
        "Fighting in Idleb. <!-- tqcheck: ignore[TQ101] -->\n"  # used
        "The UN said so. <!-- tqcheck: ignore[TQ101, TQ502] -->\n"  # neither is needed
        "Rebels in Idleb. <!-- tqcheck: ignore[TQ10l] -->\n"  # a typo silences nothing
        "<!-- tqcheck: ignore-next-line -->\n"  # bare: never judged
        "Calm returned.\n"
    )
    assert audit(tmp_path, text) == [
        ("TQ001", 2, "suppression of TQ101, TQ502 hid nothing on its line"),
        ("TQ101", 3, "'Idleb' is a variant (the French spelling) of 'Idlib'; house style is 'Idlib'"),
        ("TQ002", 3, "'TQ10l' in this suppression is no rule code or prefix"),
    ]


def test_a_suppression_is_judged_only_where_its_rules_ran(tmp_path: Path) -> None:
    text = (
        "The UN said so. <!-- tqcheck: ignore[TQ101] -->\nThe talks went on. <!-- tqcheck: ignore[TQ4] -->\n"
    )
    # TQ101 is not selected, the bilingual rules had no source: nothing can be said of either
    assert audit(tmp_path, text, "--select", "TQ0,TQ5") == []
    assert audit(tmp_path, text) == [("TQ001", 1, "suppression of TQ101 hid nothing on its line")]
    whole = "<!-- tqcheck: ignore-file[TQ503] -->\nThe the talks went on.\n"
    assert audit(tmp_path, whole) == []
    assert audit(tmp_path, whole.replace("The the", "The")) == [
        ("TQ001", 1, "suppression of TQ503 hid nothing on this file")
    ]
