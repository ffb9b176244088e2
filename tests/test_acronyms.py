"""Acronym checks: expansion mismatches, source-language acronyms and mixed forms, with exact findings."""

from __future__ import annotations

from pathlib import Path

from tqcheck.checks.acronyms import fits, load_table
from tqcheck.checks.base import Context
from tqcheck.document import Document, load_path

from .conftest import DATA, SEED, Row, glossary_context, invoke, rows, run_checks


def acronym_rows(docs: list[Document], ctx: Context | None = None, select: str = "TQ3") -> list[Row]:
    """The rows of the acronym checks (or of ``select``, comma-separated) on ``docs``."""
    return rows(run_checks(docs, select.split(","), ctx))


def test_seed_without_glossary() -> None:
    assert acronym_rows([load_path(SEED)]) == [
        ("TQ301", 15, 125, "OSDH", "SOHR"),
        ("TQ302", 21, 99, "OSDH", "SOHR"),
        ("TQ301", 35, 132, "OCH", "OCHA"),
    ]


def test_seed_with_glossary_leaves_glossary_forms_to_tq1() -> None:
    ctx = glossary_context([DATA / "seed-glossary.yaml"])
    got = acronym_rows([load_path(SEED)], ctx, "TQ1,TQ3")
    assert [r for r in got if r[3] in ("OSDH", "OCH")] == [
        ("TQ103", 15, 125, "OSDH", "SOHR"),
        ("TQ103", 21, 99, "OSDH", "SOHR"),
        ("TQ101", 35, 132, "OCH", "OCHA"),
    ]
    assert not [r for r in got if r[0].startswith("TQ3")]


def test_source_language_acronyms() -> None:
    text = (
        "The OTAN summit and the ONU envoy met the OMS team.\n"
        "Consumer prices (CPI) rose; a BAD harvest. The CICR and the FMI agreed.\n"
        "NATO, the UN and the WHO were there.\n"
    )
    assert acronym_rows([Document("a.txt", text)]) == [
        ("TQ302", 1, 5, "OTAN", "NATO"),
        ("TQ302", 1, 25, "ONU", "UN"),
        ("TQ302", 1, 43, "OMS", "WHO"),
        ("TQ302", 2, 48, "CICR", "ICRC"),
        ("TQ302", 2, 61, "FMI", "IMF"),
    ]


def test_source_language_follows_the_run() -> None:
    text = "The ACNUR said the OTAN would help.\n"
    assert acronym_rows([Document("a.txt", text)], Context(source_lang="es")) == [
        ("TQ302", 1, 5, "ACNUR", "UNHCR"),
        ("TQ302", 1, 20, "OTAN", "NATO"),
    ]
    assert acronym_rows([Document("a.txt", text)], Context(source_lang="fr")) == [
        ("TQ302", 1, 20, "OTAN", "NATO")
    ]


def test_all_caps_caption_is_not_an_acronym_context() -> None:
    assert acronym_rows([Document("a.txt", "PHOTO BY ONU STAFF | The ONU said.\n")]) == [
        ("TQ302", 1, 26, "ONU", "UN")
    ]


def test_expansion_mismatch_needs_evidence() -> None:
    """A known source acronym of the body named (ASL, RSDH), or a known body's expansion; never initials."""
    text = (
        "said the Kurdish Red Crescent (KRC), the Free Syrian Army (ASL) and the Kurdistan Workers' "
        "Party (PKK).\n"
    )
    assert acronym_rows([Document("a.txt", text)]) == [("TQ301", 1, 60, "ASL", "FSA")]
    text = "the Syrian Network for Human Rights (RSDH) said\n"
    assert acronym_rows([Document("a.txt", text)]) == [("TQ301", 1, 38, "RSDH", "SNHR")]
    # a body nobody listed, with its own-language acronym: no evidence, no finding (was "SNHRG")
    text = "the Syrian Network for Human Rights Groups (RSDHG) said\n"
    assert acronym_rows([Document("a.txt", text)]) == []


def test_multiple_forms() -> None:
    text = "IS claimed the attack. ISIS fighters and IS commanders fled; Daesh denied it.\n"
    report = run_checks([Document("a.txt", text)], ["TQ303"])
    (f,) = report.findings
    assert (f.rule, f.location.line, f.location.column, f.text, f.suggestion) == (
        "TQ303",
        1,
        24,
        "ISIS",
        None,
    )
    assert "'IS' 2×, 'ISIS' 1×, 'Daesh' 1×" in f.message
    assert [r.location.column for r in f.related] == [1, 42, 62]


def test_fits() -> None:
    assert fits("OECD", ["Organisation", "for", "Economic", "Co-operation", "and", "Development"])
    assert fits(
        "UNRWA", ["United", "Nations", "Relief", "and", "Works", "Agency", "for", "Palestine", "Refugees"]
    )
    assert fits("OCHA", ["UN", "Office", "for", "the", "Coordination", "of", "Humanitarian", "Affairs"])
    assert not fits("OSDH", ["Syrian", "Observatory", "for", "Human", "Rights"])
    assert not fits("OCH", ["Office", "of", "Humanitarian", "Affairs"])


def test_shipped_table_is_parsed_once_into_the_cache(cache_dir: Path) -> None:
    """The table's YAML is parsed into the user cache on first use; a later process reads the
    same table back without PyYAML (a full check of one article imported it for this alone)."""
    import subprocess
    import sys

    load_table.cache_clear()
    fresh = load_table()
    assert len(list((cache_dir / "acronyms").glob("*.pickle"))) == 1
    load_table.cache_clear()
    assert load_table() == fresh
    probe = (
        "import sys; from tqcheck.checks.acronym_table import load_table; "
        "print(len(load_table().entities), 'yaml' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [str(len(fresh.entities)), "False"]


def test_shipped_table() -> None:
    table = load_table()
    source = {(lang, a) for e in table.entities for lang, a in e.source}
    assert len({a for _, a in source}) >= 80
    for fr, en in [
        ("OTAN", "NATO"),
        ("HCR", "UNHCR"),
        ("PAM", "WFP"),
        ("AIEA", "IAEA"),
        ("EI", "IS"),
        ("OIAC", "OPCW"),
    ]:
        assert table.by_source[fr][0][1].english == en
    assert "CPI" not in table.by_source and "BAD" not in table.by_source  # risky: English words/acronyms


def test_works_without_default_glossaries(repo_root: Path) -> None:
    code, out, _ = invoke(
        "check", "--no-default-glossaries", "--select", "TQ302", str(SEED.relative_to(repo_root))
    )
    assert code == 1
    assert "afp-idleb-2018-01-11.en.txt:21:99: TQ302" in out
