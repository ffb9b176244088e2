"""Translation files as given: segment QA (TQ409-TQ415) with the unit id on every finding.

The fixtures (``fixtures/bilingual/desk-qa.*``, described in ``fixtures/README.md``) plant lost
and reordered inline codes, renamed and swapped placeholders, empty targets, copies of the
source, and segment ends that differ; each test states the exact findings, and the PO file is
checked against translate-toolkit's ``pofilter`` where it is installed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqcheck.cli import app
from tqcheck.formats import load_document

from .conftest import FIXTURES

BI = FIXTURES / "bilingual"
runner = CliRunner()

#: (rule, severity, line, column, text, unit)
Row = tuple[str, str, int, int, str, str]


def rows(path: Path, *args: str) -> list[Row]:
    res = runner.invoke(
        app, ["check", str(path), "--format", "json", "--no-default-glossaries", "--select", "TQ4", *args]
    )
    assert res.exit_code in (0, 1), res.output
    out: list[Row] = []
    text = path.read_text(encoding="utf-8")
    for f in json.loads(res.stdout)["findings"]:
        assert text[f["start"] : f["end"]] == f["text"]  # every finding points into the target
        out.append((f["rule"], f["severity"], f["line"], f["column"], f["text"][:30], f["data"]["unit"]))
    return out


def test_xliff_12_segment_findings() -> None:
    assert rows(BI / "desk-qa.xlf") == [
        ("TQ409", "error", 7, 17, "Syria: jihadists resist the re", "title"),
        ("TQ411", "error", 15, 9, "<target></target>", "p2"),
        ("TQ412", "warning", 19, 17, "Les combats se poursuivent dan", "p3"),
        ("TQ413", "warning", 23, 60, ".", "p4"),
        ("TQ414", "warning", 27, 66, ".", "p5"),
        ("TQ409", "info", 31, 28, '<x id="4"/>', "p6"),
        ("TQ409", "error", 35, 17, "The regime has retaken 14 vill", "p7"),
    ]


def test_xliff_20_segment_findings_and_french_typography() -> None:
    assert rows(BI / "desk-qa-v2.xlf", "--lang", "fr", "--source-lang", "en") == [
        ("TQ410", "error", 7, 17, "Mis à jour à {time} par <pc id", "byline"),
        ("TQ410", "error", 7, 52, "{auteur}", "byline"),
        ("TQ410", "error", 19, 24, "%s", "evacuated"),
        ("TQ411", "error", 25, 9, "<target/>", "ceasefire"),
        ("TQ412", "warning", 31, 17, "Talks will resume in Geneva ne", "talks"),
        ("TQ415", "warning", 37, 42, " ", "quote"),
        ("TQ415", "warning", 37, 46, " ", "quote"),
        ("TQ415", "warning", 37, 67, " ", "quote"),
        ("TQ415", "warning", 37, 69, " ", "quote"),
        ("TQ409", "error", 43, 17, "Photo Omar Haj Kadour / AFP", "photo"),
    ]


def test_numbered_placeholders_may_move_and_typography_fixes_are_safe(tmp_path: Path) -> None:
    """%2$d before %1$d is word order (unit "toll" has no finding); --fix writes the no-break spaces."""
    copy = tmp_path / "a.xlf"
    copy.write_text((BI / "desk-qa-v2.xlf").read_text(encoding="utf-8"), encoding="utf-8")
    res = runner.invoke(
        app, ["check", str(copy), "--lang", "fr", "--source-lang", "en", "--select", "TQ415", "--fix"]
    )
    assert res.exit_code == 0, res.output
    assert (
        "<target>Le porte-parole a prévenu\u00a0: «\u00a0Nous ne céderons pas\u202f!\u00a0»</target>"
        in copy.read_text(encoding="utf-8")
    )


def test_po_segment_findings() -> None:
    assert rows(BI / "desk-qa.po") == [
        (
            "TQ410",
            "error",
            10,
            9,
            "%(count)d dead in the shelling",
            "%(count)d morts dans les bombardements sur %(city)s",
        ),
        ("TQ410", "error", 10, 43, "%(ville)s", "%(count)d morts dans les bombardements sur %(city)s"),
        (
            "TQ409",
            "error",
            20,
            9,
            "Read more on the AFP website",
            'Lire la suite sur <a href="%s">le site de l\'AFP</a>',
        ),
        (
            "TQ410",
            "error",
            20,
            9,
            "Read more on the AFP website",
            'Lire la suite sur <a href="%s">le site de l\'AFP</a>',
        ),
        ("TQ411", "error", 24, 1, 'msgstr ""', "Envoyé spécial à Idleb"),
        (
            "TQ412",
            "warning",
            32,
            9,
            "Les combats ont repris à l'aub",
            "Les combats ont repris à l'aube dans le sud de la province.",
        ),
        ("TQ413", "warning", 36, 37, "?", "Qui contrôle la route d'Alep ?\n"),
        ("TQ414", "warning", 40, 31, ".", "Photo : Omar Haj Kadour"),
    ]


def test_empty_targets_are_pairs_and_units_without_target_are_not(tmp_path: Path) -> None:
    doc = load_document(BI / "desk-qa.xlf")
    assert [(p.id, p.target.text) for p in doc.pairs if not p.target.text] == [("p2", "")]
    assert [(c.name, c.id, c.at) for c in doc.pairs[1].target_codes] == [("x", "2", 46)]
    no_target = tmp_path / "b.xlf"
    no_target.write_text(
        '<xliff version="1.2"><file><body><trans-unit id="1"><source>Combats à Idleb</source></trans-unit>'
        "</body></file></xliff>",
        encoding="utf-8",
    )
    assert load_document(no_target).pairs == []


POFILTER_TESTS = {
    "printf": "TQ410",
    "xmltags": "TQ409",
    "untranslated": "TQ411",
    "unchanged": "TQ412",
    "endwhitespace": "TQ413",
    "startwhitespace": "TQ413",
    "endpunc": "TQ414",
}


def test_po_agrees_with_pofilter() -> None:
    """The same units as pofilter's tests, but one: "Direct" is English too (pofilter: unchanged)."""
    checks = pytest.importorskip("translate.filters.checks")
    factory = pytest.importorskip("translate.storage.factory")
    path = BI / "desk-qa.po"
    theirs = set()
    for unit in factory.getobject(str(path)).units:
        if unit.isheader():
            continue
        for name in checks.StandardChecker().run_filters(unit):
            if name in POFILTER_TESTS:
                theirs.add((POFILTER_TESTS[name], str(unit.source)))
    ours = {(rule, unit) for rule, _, _, _, _, unit in rows(path) if rule in POFILTER_TESTS.values()}
    assert theirs - ours == {("TQ412", "Direct")}
    assert ours - theirs == set()
