"""Name-variant discovery: TQ201 on the seed, TQ202 across a set, and ``tqcheck variants``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tqcheck.checks.base import Context
from tqcheck.document import Document, load_path
from tqcheck.glossary import load_glossary
from tqcheck.glossary.validate import validate

from .conftest import SEED, SHARED, invoke, run_checks


def file_rows(docs: list[Document], select: list[str]) -> list[tuple[str, str, int, int, str, str | None]]:
    """Each finding of the ``select`` rules on ``docs`` as (file name, rule, line, column, text, suggestion)."""
    report = run_checks(docs, select)
    return [
        (Path(f.path).name, f.rule, f.location.line, f.location.column, f.text, f.suggestion)
        for f in report.findings
    ]


def test_seed_without_glossary() -> None:
    got = file_rows([load_path(SEED)], ["TQ2"])
    assert [r for r in got if r[1] == "TQ201"] == [
        (SEED.name, "TQ201", 13, 36, "al-Cham", "al-Sham"),
        # found, but no direction: English usage knows neither form, and one of each is written
        (SEED.name, "TQ201", 19, 39, "Al-Tamana", None),
    ]
    # the French Idleb is one of Idlib's alternate names in GeoNames: reported at every use, glossary off
    places = [(r[2], r[3], r[4], r[5]) for r in got if r[1] == "TQ203"]
    assert {(text, fix) for _, _, text, fix in places} == {("Idleb", "Idlib")}
    assert [line for line, *_ in places] == [3, 5, 7, 9, 13, 17, 19, 21, 27, 31, 33, 43, 49]


def test_finding_lists_forms_and_locations() -> None:
    report = run_checks([load_path(SEED)], ["TQ201"])
    tamana = report.findings[1]
    assert "'Al-Tamanah' 1×, 'Al-Tamana' 1×" in tamana.message
    assert [(r.location.line, r.location.column, r.message) for r in tamana.related] == [
        (5, 86, "also written 'Al-Tamanah'")
    ]


def test_korean_given_name_respelt() -> None:
    """The syllable after the hyphen is part of the name, so its respelling is seen."""
    text = "UN Secretary-General Ban Ki-moon called for calm, and Ban Ki-mun later met envoys.\n"
    got = file_rows([Document("a.txt", text)], ["TQ2"])
    assert got == [("a.txt", "TQ201", 1, 59, "Ki-mun", None)]
    father = "Kim Jong-un inspected a base on Monday. His father Kim Jong-il ruled until 2011.\n"
    assert file_rows([Document("b.txt", father)], ["TQ2"]) == []  # two people
    mixed = "Kim Jong-un inspected a base on Monday. Later Kim Jong Un met envoys.\n"
    assert file_rows([Document("c.txt", mixed)], ["TQ2"]) == [("c.txt", "TQ201", 1, 47, "Kim Jong Un", None)]


def test_rarer_spelling_reported_and_second_references_are_not_variants() -> None:
    """The finding sits on the rarer spelling; a majority in one article is not a direction
    (usage is: Assad/Asad and Kharkiv/Kharkov are both in English use, so no fix)."""
    text = (
        "President Bashar al-Assad spoke. Assad said Bashar al-Assad would stay.\n"
        "Later, al-Asad denied it. Troops left Kharkiv, Kharkiv and Kharkov.\n"
    )
    got = file_rows([Document("a.txt", text)], ["TQ2"])
    assert got == [
        ("a.txt", "TQ201", 2, 8, "al-Asad", None),
        ("a.txt", "TQ201", 2, 60, "Kharkov", None),
    ]


def test_look_alike_places_and_people_are_not_reported() -> None:
    text = (
        "Fighting spread from Hama to Homs and from Aleppo to Afrin. Tripoli and Tripolis, Raqqa and "
        "Daraa, Iran and Iraq, Austria and Australia were named. Bashar al-Assad met Bashar al-Jaafari."
    )
    assert file_rows([Document("a.txt", text)], ["TQ2"]) == []


def test_glossary_form_is_suggested_and_glossary_findings_not_repeated(tmp_path: Path) -> None:
    gl = tmp_path / "g.yaml"
    gl.write_text(
        "name: t\nlanguage: en\nentries:\n"
        "  - id: tamanah\n    canonical: al-Tamanah\n    variants: [al-Tamana]\n",
        encoding="utf-8",
    )
    from tqcheck.glossary.matcher import Matcher

    ctx = Context(matcher=Matcher(load_glossary(gl)))
    doc = Document("a.txt", "Shells hit Al-Tamana and Al-Tamanna. Al-Tamanna was empty.\n")
    report = run_checks([doc], ["TQ1", "TQ2"], ctx)
    got = [(f.rule, f.location.column, f.text, f.suggestion) for f in report.findings]
    assert got == [("TQ101", 12, "Al-Tamana", "al-Tamanah"), ("TQ201", 26, "Al-Tamanna", "Al-Tamanah")]


def test_default_glossaries_no_span_twice(repo_root: Path) -> None:
    _, out, _ = invoke("check", "--format", "json", str(SEED.relative_to(repo_root)))
    data = json.loads(out)
    spans = [(f["start"], f["end"]) for f in data["findings"]]
    assert len(spans) == len(set(spans))
    entity = [f for f in data["findings"] if f["rule"][:3] in ("TQ1", "TQ2", "TQ3")]
    for i, f in enumerate(entity):
        for g in entity[i + 1 :]:
            assert not (f["start"] < g["end"] and g["start"] < f["end"]), (f, g)


def test_corpus_mode_through_cli(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Fighters of Hayat Tahrir al-Sham entered Kafr Nabudah.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("Hayat Tahrir al-Sham shelled Kafr Nabudah again.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("The Hayat Tahrir al-Cham group held Kafr Naboudeh.\n", encoding="utf-8")
    code, out, err = invoke(
        "check", "--no-default-glossaries", "--select", "TQ2", "--format", "json", str(tmp_path)
    )
    assert code == 1, out + err
    got = [
        (Path(f["path"]).name, f["rule"], f["line"], f["column"], f["text"], f["suggestion"])
        for f in json.loads(out)["findings"]
    ]
    assert got == [
        ("c.txt", "TQ202", 1, 18, "al-Cham", "al-Sham"),
        ("c.txt", "TQ202", 1, 42, "Naboudeh", "Nabudah"),
    ]


def test_variants_command_output_is_a_valid_glossary(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Fighters of Hayat Tahrir al-Cham entered Saraqib.\nSaraqeb fell to Hayat Tahrir al-Sham.\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft.yaml"
    code, stdout, stderr = invoke("variants", str(tmp_path), "--min-count", "2", "--output", str(out))
    assert code == 0, stdout + stderr
    glossary = load_glossary(out)
    got = [(e.canonical, e.variants) for e in glossary.entries]
    assert got == [
        ("Hayat Tahrir al-Sham", ["Hayat Tahrir al-Cham"]),
        ("Saraqeb", ["Saraqib"]),
        ("Al-Tamanah", ["Al-Tamana"]),
    ]
    assert "a.txt:13:23" in (glossary.entries[0].notes or "")
    assert validate(glossary) == []
    code, stdout, stderr = invoke("glossary", "validate", str(out))
    assert code == 0, stdout + stderr


OFAC = SHARED / "data" / "ofac-sdn"


@pytest.mark.skipif(not (OFAC / "alt.csv").is_file(), reason="shared OFAC data absent")
def test_ofac_qadhafi_cluster() -> None:
    """Real aliases of one person from the OFAC list cluster into one name."""
    from tqcheck.names.clusters import cluster_mentions
    from tqcheck.names.mentions import extract_mentions

    spellings = []
    for line in (OFAC / "alt.csv").read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("12606,") and '"aka"' in line:
            surname = line.split('"')[3].split(",")[0]
            spellings.append(
                "-".join(p.lower() if p in ("AL", "EL") else p.title() for p in surname.split("-"))
            )
    text = ". ".join(f"Muammar {s} spoke" for s in dict.fromkeys(spellings)) + "."
    clusters = [
        [sp.text for sp in c.spellings] for c in cluster_mentions(("x", m) for m in extract_mentions(text))
    ]
    # with "Muammar" agreeing, two romanisation steps (al-Qadhafi: q->g, dh->dd) and an article written
    # solid (Elkaddafi) still join; in a name of two words, an article written or not is a spelling
    # of its own (Muammar al-Gaddafi / Muammar Gaddafi), each used once here, so text order decides
    assert clusters == [
        [
            "Muammar al-Qadhafi",
            "Muammar Gaddafi",
            "Muammar al-Gaddafi",
            "Muammar Ghadaffi",
            "Muammar Elkaddafi",
            "Muammar el-Qaddafi",
            "Muammar Qaddafi",
            "Muammar Gadhafi",
            "Muammar Ghathafi",
        ]
    ]


def test_common_english_words_are_not_name_variants() -> None:
    """Title-case English words (headlines, sentence starts) pair with no other English word."""
    text = (
        "Profit Warning Hits Shares. The Prophet was named. Shield the Child. Nobel Prize winners "
        "met. The Nobel Price was wrong. Look out. Good Luck. A Woman and two Women. Hungry in "
        "Hungary. Iceland is no Island. Davies met Davis. Frances met Francis. The European Union "
        "and the Euroean Union. Labor and Labour. The World Cup and the Worldcup. Games and James.\n"
    )
    assert file_rows([Document("a.txt", text, lang="en")], ["TQ2"]) == []


def test_real_variants_survive_the_word_filter() -> None:
    text = (
        "The Taliban attacked. A Taleban spokesman denied it. Muammar Gaddafi spoke; Muammar Kadhafi left. "
        "Luxembourg and Luxemburg. President Chávez and Chavez. Hayat Tahrir al-Cham and Hayat "
        "Tahrir al-Sham. Osama bin Laden and Usama bin Ladin. Khaled Said and Khaled Saeed.\n"
    )
    got = [(r[4], r[5]) for r in file_rows([Document("a.txt", text, lang="en")], ["TQ2"])]
    assert got == [
        ("Taleban", "Taliban"),
        ("Kadhafi", "Gaddafi"),
        # Luxembourg / Luxemburg: both in English use (the country; Rosa Luxemburg): two names
        ("Chavez", None),  # diacritics are house style: no direction
        ("al-Cham", "al-Sham"),
        ("Usama bin Ladin", "Osama bin Laden"),
        ("Saeed", None),  # Said and Saeed are both established English spellings
    ]


def test_word_filter_without_a_dictionary_for_the_language() -> None:
    from tqcheck.names.lexicon import lexical_clash, lexicon

    assert lexicon("xx") is None
    assert not lexical_clash(["Prize"], ["Price"], "xx")
    assert lexical_clash(["Prize"], ["Price"], "en")
    assert not lexical_clash(["Sham"], ["Cham"], "en", [True], [True])
