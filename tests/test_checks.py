"""Exact findings of the glossary and mechanics checks on the seed article and on small texts."""

from __future__ import annotations

from pathlib import Path

from tqcheck.document import Document, load_path
from tqcheck.model import Report

from .conftest import DATA, SEED, glossary_context, rows, run_checks


def run(
    docs: list[Document], glossary: Path = DATA / "seed-glossary.yaml", select: list[str] | None = None
) -> Report:
    """The glossary (TQ1) and mechanics (TQ5) checks with one glossary, unless told otherwise."""
    return run_checks(docs, select or ["TQ1", "TQ5"], glossary_context([glossary]))


def test_seed_article_exact_findings() -> None:
    doc = load_path(SEED)
    report = run([doc])
    got = rows(report)
    idleb = [(line, col) for rule, line, col, text, _ in got if text == "Idleb"]
    assert len(idleb) == 13 == doc.text.count("Idleb")
    assert all(r[0] == "TQ101" and r[4] == "Idlib" for r in got if r[3] == "Idleb")
    others = [r for r in got if r[3] != "Idleb"]
    assert others == [
        ("TQ501", 1, 1, "Sign in / Join", None),
        ("TQ501", 5, 1, doc.line_text(5), None),
        ("TQ101", 13, 23, "Hayat Tahrir al-Cham", "Hayat Tahrir al-Sham"),
        ("TQ103", 15, 125, "OSDH", "SOHR"),
        ("TQ105", 17, 26, "his", "its"),
        ("TQ103", 21, 99, "OSDH", "SOHR"),
        ("TQ501", 31, 1, doc.line_text(31), None),
        ("TQ101", 35, 132, "OCH", "OCHA"),
        ("TQ502", 45, 170, ". .", "."),
        ("TQ501", 47, 1, "Ⓒ AFP – AFP – | Syria", None),
        ("TQ501", 59, 1, "Terms of service", None),
    ]
    assert idleb[0] == (3, 50)
    for f in report.findings:  # offsets index the decoded text exactly
        assert doc.text[f.span.start : f.span.end] == f.text
    hts = next(f for f in report.findings if f.text == "Hayat Tahrir al-Cham")
    assert "also writes 'Hayat Tahrir al-Sham' (1×)" in hts.message
    assert [(r.location.line, r.location.column) for r in hts.related] == [(17, 1)]


def test_correct_forms_give_no_findings() -> None:
    text = (
        "Hayat Tahrir al-Sham (HTS) holds Idlib, the Syrian Observatory for Human Rights (SOHR) said.\n"
        "The UN Office for the Coordination of Humanitarian Affairs (OCHA) said 100,000 fled. That that is all.\n"
    )
    assert rows(run([Document("ok.txt", text)])) == []


def test_mechanics_true_and_false_cases() -> None:
    text = (
        "Sign in\n"
        "Share this article\n"
        "AFP PHOTO / OMAR HAJ KADOUR\n"
        "Fighting resumed. . The the regime advanced,, he said...\n"
        "It is what it is. Wait... what? Signing in is easy.\n"
        "Privacy Policy\n"
    )
    got = [(r[0], r[1], r[3], r[4]) for r in rows(run([Document("m.txt", text)], select=["TQ5"]))]
    assert got == [
        ("TQ501", 1, "Sign in", None),
        ("TQ501", 2, "Share this article", None),
        ("TQ501", 3, "AFP PHOTO / OMAR HAJ KADOUR", None),
        ("TQ502", 4, ". .", "."),
        ("TQ503", 4, "The the", "The"),
        ("TQ502", 4, ",,", ","),
        ("TQ501", 6, "Privacy Policy", None),
    ]


MIXED_GLOSSARY = """\
name: mixed
language: en
entries:
  - id: is
    canonical: Islamic State
    acronym: IS
    admitted: [Islamic State group, ISIS]
  - id: kobani
    canonical: Kobani
    admitted: [Ain al-Arab]
"""


def test_mixed_accepted_forms_point_at_minority(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(MIXED_GLOSSARY)
    text = (
        "Kobani fell. Kobani was retaken.\nAin al-Arab is the Arabic name. IS and ISIS and Islamic State.\n"
    )
    report = run([Document("a.txt", text)], g)
    assert rows(report) == [("TQ102", 2, 1, "Ain al-Arab", "Kobani")]
    f = report.findings[0]
    assert "'Kobani' 2×, 'Ain al-Arab' 1×" in f.message
    assert [(r.location.line, r.location.column) for r in f.related] == [(1, 1), (1, 14)]


def test_inconsistent_forms_across_a_set(tmp_path: Path) -> None:
    g = tmp_path / "g.yaml"
    g.write_text(MIXED_GLOSSARY)
    docs = [
        Document("a.txt", "Kobani is quiet."),
        Document("b.txt", "Shelling hit Kobani."),
        Document("c.txt", "In Ain al-Arab, shelling."),
    ]
    report = run(docs, g)
    assert [(f.path, f.rule, f.text, f.suggestion) for f in report.findings] == [
        ("c.txt", "TQ104", "Ain al-Arab", "Kobani")
    ]
    assert "2 of 3 articles in this set write 'Kobani'" in report.findings[0].message
    assert [r.location.path for r in report.findings[0].related] == ["a.txt", "b.txt"]


def test_seed_article_with_shipped_glossaries() -> None:
    """The default house glossaries catch every glossary problem of the real AFP dispatch."""
    from tqcheck.glossary import default_glossary_paths

    doc = load_path(SEED)
    ctx = glossary_context(default_glossary_paths())
    report = run_checks([doc], ["TQ1"], ctx)
    got = rows(report)
    assert [(r[1], r[2]) for r in got if r[3] == "Idleb"] == [
        (3, 50), (5, 117), (7, 132), (9, 59), (13, 128), (17, 131), (19, 68),
        (21, 212), (27, 34), (31, 60), (33, 37), (43, 19), (49, 34),
    ]  # fmt: skip
    assert [r for r in got if r[3] != "Idleb"] == [
        ("TQ101", 11, 37, "Abu Douhour", "Abu al-Duhur"),
        ("TQ101", 13, 23, "Hayat Tahrir al-Cham", "Hayat Tahrir al-Sham"),
        ("TQ103", 15, 125, "OSDH", "SOHR"),
        ("TQ105", 17, 26, "his", "its"),
        ("TQ101", 19, 39, "Al-Tamana", "al-Tamanah"),
        ("TQ103", 21, 99, "OSDH", "SOHR"),
        ("TQ101", 29, 32, "Abu Douhour", "Abu al-Duhur"),
        (  # the span takes in "UN’s": the fix reads "the UN Office ...", never "the UN’s UN Office"
            "TQ101",
            35,
            95,
            "UN’s Office of Humanitarian Affairs",
            "UN Office for the Coordination of Humanitarian Affairs",
        ),
        ("TQ101", 35, 132, "OCH", "OCHA"),
    ]
    # correct forms in the article are matched and accepted, never flagged
    accepted = {m.text for m in ctx.matches(doc) if m.accepted}
    assert {
        "Hayat Tahrir al-Sham",
        "Syrian Observatory for Human Rights",
        "Aleppo",
        "Damascus",
        "Sochi",
    } <= accepted


def test_fix_keeps_a_capital_at_sentence_start() -> None:
    doc = Document("a.txt", "Al-Tamana was shelled. Near Al-Tamana, rebels fired.\n")
    from tqcheck.glossary import default_glossary_paths

    ctx = glossary_context(default_glossary_paths())
    report = run_checks([doc], ["TQ101"], ctx)
    assert [f.suggestion for f in report.findings] == ["Al-Tamanah", "al-Tamanah"]


def test_pronoun_for_a_group() -> None:
    from tqcheck.glossary import default_glossary_paths

    text = (
        "Hayat Tahrir al-Sham and his allies attacked.\n"  # flagged
        "The Syrian Democratic Forces (SDF), along with her partners, advanced.\n"  # flagged
        "Hamas and its allies met. Bashar al-Assad and his allies won.\n"  # correct / a person
        "The Syrian Observatory for Human Rights said her son was killed.\n"  # someone else's son
        "Hezbollah leader Hassan Nasrallah and his aides left.\n"  # the person owns the aides
    )
    ctx = glossary_context(default_glossary_paths())
    report = run_checks([Document("p.txt", text)], ["TQ105"], ctx)
    assert rows(report) == [("TQ105", 1, 26, "his", "its"), ("TQ105", 2, 48, "her", "its")]
