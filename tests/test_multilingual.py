"""Multilingual for real (issue 13): one story as four targets, concept glossaries, language-aware rules.

``fixtures/multilingual/idlib.{en,fr,de,es}.txt`` tell the same story (the seed's Idlib offensive)
as an English target translated from French, a French target translated from English, a German
and a Spanish target. Each has planted leftovers of other languages and the right local forms;
the tests state the exact findings with the shipped glossaries, and that the local forms were
seen and accepted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tqcheck.checks import CHECKS
from tqcheck.document import Document
from tqcheck.errors import InputError
from tqcheck.glossary import default_glossary_paths, load_glossaries, load_glossary
from tqcheck.glossary.model import Role
from tqcheck.glossary.territories import SHIPPED, build, territory_name
from tqcheck.glossary.validate import validate
from tqcheck.locale.schema import checked, raw, shipped
from tqcheck.locale.words import acronym_connectors, words
from tqcheck.rules import RULES

from .conftest import FIXTURES, glossary_context, invoke, rows, run_checks

STORY = FIXTURES / "multilingual"
SELECT = "TQ1,TQ3,TQ5"


def check(name: str, *args: str) -> tuple[list[tuple[str, int, int, str, str | None]], dict[str, object]]:
    """``tqcheck check`` on one fixture with the shipped glossaries: findings and JSON summary."""
    code, out, err = invoke("check", str(STORY / name), "--select", SELECT, "-f", "json", *args)
    assert code == 1, err
    data = json.loads(out)
    found = [(f["rule"], f["line"], f["column"], f["text"], f["suggestion"]) for f in data["findings"]]
    return found, data["summary"]


def accepted(name: str, lang: str) -> set[str]:
    """The glossary forms the fixture writes that are right in ``lang``."""
    ctx = glossary_context(default_glossary_paths(), lang=lang, source_lang="fr")
    doc = Document(name, (STORY / name).read_text(encoding="utf-8"), lang=lang)
    return {m.text for m in ctx.matches(doc) if m.accepted}


# --- one story, four targets --------------------------------------------------------------------


def test_english_target_from_french() -> None:
    found, summary = check("idlib.en.txt")
    assert found == [
        ("TQ101", 3, 150, "Idleb", "Idlib"),
        ("TQ101", 7, 20, "Hayat Tahrir al-Cham", "Hayat Tahrir al-Sham"),
        ("TQ103", 7, 85, "OSDH", "SOHR"),  # French
        ("TQ103", 9, 42, "Damaskus", "Damascus"),  # German
        ("TQ103", 9, 121, "Alepo", "Aleppo"),  # Spanish
        ("TQ103", 11, 68, "EIIL", "IS"),  # French
    ]
    assert "lang" not in summary  # the default pair, English from French, as every report before
    assert {"Idlib", "Hayat Tahrir al-Sham", "HTS", "Bashar al-Assad", "SOHR", "Islamic State", "UN"} <= (
        accepted("idlib.en.txt", "en")
    )


def test_french_target_from_english() -> None:
    found, summary = check("idlib.fr.txt", "--source-lang", "en")
    assert found == [
        ("TQ103", 7, 23, "Hayat Tahrir al-Sham", "Hayat Tahrir al-Cham"),
        ("TQ103", 7, 98, "SOHR", "OSDH"),
        ("TQ103", 9, 48, "Damaskus", "Damas"),
        ("TQ103", 9, 130, "Aleppo", "Alep"),  # "d'Aleppo" is French grammar, the name is English
        ("TQ103", 11, 27, "IS", "EI"),
        ("TQ103", 13, 146, "WHO", "OMS"),
        ("TQ501", 15, 1, "Partager", None),  # a French page's sharing button
    ]
    assert (summary["lang"], summary["source_lang"]) == ("fr", "en")  # identified, not given
    # the French forms an English style would flag: all right here ("Nous nous" is no repeat)
    assert {"Idleb", "OSDH", "Hayat Tahrir al-Cham", "Bachar al-Assad", "État islamique", "EI", "ONU"} <= (
        accepted("idlib.fr.txt", "fr")
    )


def test_german_target() -> None:
    found, summary = check("idlib.de.txt")
    assert found == [
        ("TQ103", 3, 173, "Idleb", "Idlib"),
        ("TQ103", 5, 224, "Bashar al-Assad", "Baschar al-Assad"),
        ("TQ103", 7, 19, "Hayat Tahrir al-Sham", "Haiat Tahrir al-Scham"),
        ("TQ103", 7, 115, "SOHR", "Syrische Beobachtungsstelle für Menschenrechte"),
        ("TQ103", 9, 25, "EIIL", "IS"),  # the French acronym of ISIL
        ("TQ501", 13, 1, "Mehr zum Thema", None),
    ]
    assert (summary["lang"], summary["source_lang"]) == ("de", "fr")
    assert {"Syrien", "Idlib", "Haiat Tahrir al-Scham", "HTS", "IS", "Damaskus", "Aleppo", "UN", "WHO"} <= (
        accepted("idlib.de.txt", "de")
    )


def test_spanish_target() -> None:
    found, summary = check("idlib.es.txt")
    assert found == [
        ("TQ103", 7, 21, "Hayat Tahrir al-Cham", "Hayat Tahrir al Sham"),
        ("TQ103", 9, 34, "Damascus", "Damasco"),
        ("TQ103", 9, 111, "Alep", "Alepo"),
        ("TQ103", 11, 24, "IS", "EI"),
        ("TQ501", 15, 1, "Compartir", None),
    ]
    assert (summary["lang"], summary["source_lang"]) == ("es", "fr")
    assert {"Siria", "Idlib", "OSDH", "Hayat Tahrir al Sham", "Bachar al Asad", "EI", "ONU", "OMS"} <= (
        accepted("idlib.es.txt", "es")
    )


def test_text_report_names_the_pair() -> None:
    code, out, _ = invoke("check", str(STORY / "idlib.de.txt"), "--select", SELECT)
    assert code == 1
    assert "Found 6 problems (5 errors, 1 warning) in 1 file (German, from French)." in out
    code, out, _ = invoke("check", str(STORY / "idlib.de.txt"), "--select", "TQ502", "--lang", "de")
    assert (code, out) == (0, "No problems found in 1 file (German, from French).\n")


def test_fix_writes_the_local_forms(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text((STORY / "idlib.es.txt").read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = invoke("check", str(story), "--select", "TQ1", "--fix")
    assert (code, err) == (0, "Fixed 4 problems.\n")
    fixed = story.read_text(encoding="utf-8")
    assert "desde Damasco" in fixed and "la ciudad de Alepo" in fixed and "del grupo EI" in fixed


# --- rules know their languages ---------------------------------------------------------------


def test_rules_declare_their_languages() -> None:
    assert RULES["TQ105"].languages == frozenset({"en"})  # English possessives
    assert all(RULES[c].languages == frozenset({"en"}) for c in ("TQ301", "TQ302", "TQ303"))
    assert all(RULES[c].languages is None for c in ("TQ101", "TQ103", "TQ501", "TQ502", "TQ503"))
    assert RULES["TQ105"].supports("en-GB") and not RULES["TQ105"].supports("fr")
    assert all(r.supports(None) for check in CHECKS for r in check.RULES)


def test_no_english_rule_runs_on_another_language() -> None:
    text = "Le Hamas and his allies, selon l'OCDE et l'Observatoire syrien des droits de l'Homme (OSDH).\n"
    ctx = glossary_context(default_glossary_paths(), lang="fr", source_lang="en")
    report = run_checks([Document("a.txt", text, lang="fr")], ["TQ105", "TQ3"], ctx)
    assert rows(report) == []
    english = glossary_context(default_glossary_paths())  # the same text judged as English
    got = {r[0] for r in rows(run_checks([Document("a.txt", text)], ["TQ105", "TQ3"], english))}
    assert got == {"TQ105", "TQ302"}


def test_repeated_words_and_boilerplate_per_language() -> None:
    cases = {
        "de": ("Menschen, die die Lager füllen, und und mehr.\nImpressum\n", ["und und", "Impressum"]),
        "fr": ("Nous nous attendons à à tout.\nMentions légales\n", ["à à", "Mentions légales"]),
        "es": ("No, no, la la ciudad.\nAviso legal\n", ["la la", "Aviso legal"]),
    }
    for lang, (text, expected) in cases.items():
        ctx = glossary_context([], lang=lang, source_lang="en")
        report = run_checks([Document("a.txt", text, lang=lang)], ["TQ501", "TQ503"], ctx)
        assert [r[3] for r in rows(report)] == expected, lang


def test_the_joined_furniture_pattern_says_what_the_patterns_say() -> None:
    """TQ501 matches a paragraph against every furniture pattern at once before asking which:
    for every shipped language (and a source language's own furniture), on every short paragraph
    of the fixtures and on lines made of the patterns' own words, the two agree."""
    from tqcheck.checks.mechanics import _UNJOINABLE, _furniture
    from tqcheck.segment import blocks

    lines = {"Sign in / Register", "Log in or subscribe", "Terms of use · Privacy", "© 2018 AFP"}
    lines |= {"Impressum", "Mentions légales", "Aviso legal", "Read more:", "Advertisement", "Read"}
    for path in FIXTURES.rglob("*.txt"):
        text = path.read_text(encoding="utf-8")
        lines |= {text[b.start : b.end] for b in blocks(text) if b.end - b.start <= 300}
    for lang in shipped():
        for source in (None, "fr", "en"):
            furniture, joined = _furniture(lang, source)
            assert joined is not None, lang  # the shipped patterns can be joined
            for line in lines:
                alone = any(p.fullmatch(line) for _, p in furniture)
                assert (joined.fullmatch(line) is not None) == alone, (lang, source, line)
    english = _furniture("en", "fr")[1]
    assert english is not None and len([x for x in lines if english.fullmatch(x)]) >= 5  # and some are
    unjoinable = [r"(a)\1", r"(?P<x>a)(?P=x)", r"(?i)legal", r"(?s:a.b)", r"(?-i:AFP)"]
    assert all(_UNJOINABLE.search(p) for p in unjoinable)
    assert not any(_UNJOINABLE.search(p) for p in [r"(?:sign|log) in", r"(?=a)b", r"\(c\)"])


# --- concept glossaries -------------------------------------------------------------------------

CONCEPTS = """\
name: desk
languages: [en, fr, de, es]
entries:
  - id: sohr
    kind: organisation
    en: {preferred: Syrian Observatory for Human Rights, acronym: SOHR}
    fr: {preferred: "Observatoire syrien des droits de l'Homme", acronym: OSDH}
    de: Syrische Beobachtungsstelle für Menschenrechte
    es: {preferred: Observatorio Sirio de Derechos Humanos, acronym: OSDH}
  - id: idlib
    kind: place
    en: {preferred: Idlib, deprecated: [Idleb, Edlib]}
    fr: Idleb
    de: Idlib
  - id: syria
    kind: place
    territory: SY
    en:
      examples: {bad: "the war in Syrie", good: "the war in Syria"}
  - id: icc
    kind: organisation
    homographs: {en: [CPI]}
    en: {preferred: International Criminal Court, acronym: ICC}
    fr: {preferred: Cour pénale internationale, acronym: CPI}
"""


def test_the_checked_language_selects_the_forms(tmp_path: Path) -> None:
    path = tmp_path / "desk.yaml"
    path.write_text(CONCEPTS, encoding="utf-8")
    fr = load_glossary(path, lang="fr").by_id()
    assert (fr["sohr"].canonical, fr["sohr"].acronym) == ("Observatoire syrien des droits de l'Homme", "OSDH")
    assert fr["sohr"].source["en"] == ["Syrian Observatory for Human Rights", "SOHR"]
    assert fr["idlib"].source == {
        "en": ["Idlib"],
        "de": ["Idlib"],
    }  # the deprecated Edlib is no form of theirs
    assert fr["syria"].canonical == "Syrie"  # CLDR's name, in every language of the file
    assert fr["icc"].acronym == "CPI"
    # in English text CPI is the consumer price index: never a French leftover there
    assert load_glossary(path).by_id()["icc"].source == {"fr": ["Cour pénale internationale"]}
    es = load_glossary(path, lang="es")
    assert [e.id for e in es.entries] == ["sohr", "syria"]  # no Spanish form: not checked in Spanish
    roles = {(f.text, f.role, f.lang) for f in load_glossary(path, lang="de").by_id()["sohr"].forms()}
    assert ("OSDH", Role.SOURCE, "fr") in roles and ("SOHR", Role.SOURCE, "en") in roles
    assert validate(load_glossaries([path])) == []


def test_validate_reports_conflicts_per_language(tmp_path: Path) -> None:
    path = tmp_path / "desk.yaml"
    path.write_text(
        "name: desk\nentries:\n"
        "  - id: tunisia\n    territory: TN\n    en: Tunisia\n    es: Túnez\n"
        "  - id: tunis\n    en: Tunis\n    es: Túnez\n"
        "    fr: {preferred: Tunis, examples: {bad: 'à Tunis', good: 'à Tunis'}}\n",
        encoding="utf-8",
    )
    problems = [str(p) for p in validate(load_glossaries([path]))]
    assert problems == [
        f"{path}:7: fr: tunis: bad example 'à Tunis' is not flagged",
        f"{path}:9: es: tunis: canonical 'Túnez' is already the canonical 'Túnez' of tunisia ({path}:6)",
    ]
    code, out, _ = invoke("glossary", "validate", str(tmp_path))  # a folder of glossaries
    assert code == 1 and out.splitlines() == problems


def test_one_language_yaml_is_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "legacy.yaml"
    path.write_text(
        "name: x\nlanguage: en\nsource_language: fr\nentries:\n"
        "  - {id: idlib, canonical: Idlib, variants: [Idleb], source: [Idleb]}\n",
        encoding="utf-8",
    )
    (entry,) = load_glossary(path).entries
    assert (entry.canonical, entry.variants, entry.source) == ("Idlib", ["Idleb"], {"fr": ["Idleb"]})
    assert load_glossary(path, lang="fr").entries == []  # unrated French forms name no fix in French


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
  <conceptEntry id="is">
    <langSec xml:lang="en">
      <termSec><term>Islamic State</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
      <termSec><term>IS</term><termNote type="termType">acronym</termNote></termSec>
    </langSec>
    <langSec xml:lang="fr">
      <termSec><term>État islamique</term></termSec>
      <termSec><term>EI</term><termNote type="termType">acronym</termNote></termSec>
      <termSec><term>Daech</term>
        <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
      <termSec><term>Etat islamique en Irak et au Levant</term>
        <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
    </langSec>
    <langSec xml:lang="de">
      <termSec><term>Islamischer Staat</term></termSec>
      <termSec><term>IS-Miliz</term><termNote type="termType">shortForm</termNote></termSec>
    </langSec>
  </conceptEntry>
</body></text></tbx>
"""


def test_tbx_maps_every_language_section(tmp_path: Path) -> None:
    path = tmp_path / "is.tbx"
    path.write_text(TBX, encoding="utf-8")
    for lang, canonical, acronym in (("en", "Islamic State", "IS"), ("fr", "État islamique", "EI")):
        (entry,) = load_glossary(path, lang=lang).entries
        assert (entry.canonical, entry.acronym) == (canonical, acronym)
    (fr,) = load_glossary(path, lang="fr").entries
    assert (fr.admitted, fr.variants) == (["Daech"], ["Etat islamique en Irak et au Levant"])
    (de,) = load_glossary(path, lang="de").entries
    assert (de.canonical, de.also, de.source) == (
        "Islamischer Staat",
        ["IS-Miliz"],
        {
            "en": ["Islamic State", "IS"],
            "fr": ["État islamique", "EI"],
        },  # an admitted spelling is no leftover
    )


def test_glossary_errors_name_the_line(tmp_path: Path) -> None:
    for text, message in (
        ("entries:\n  - id: x\n    xx: Idlib\n", "unknown entry key(s) xx"),
        ("entries:\n  - id: x\n    fr: {preferred: Idleb, variants: [Idlib]}\n", "unknown key(s) variants"),
        ("entries:\n  - id: x\n    territory: QQ\n    en: {}\n", "unknown territory code 'QQ'"),
        ("entries:\n  - id: x\n    fr: {acronym: OSDH}\n", "the 'fr' section has no 'preferred' form"),
    ):
        path = tmp_path / "bad.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as err:
            load_glossary(path)
        assert str(err.value).startswith(f"{path}:") and message in str(err.value)


def test_shipped_glossaries_cover_four_languages() -> None:
    glossary = load_glossaries(default_glossary_paths())
    assert validate(glossary) == []
    for lang in ("en", "fr", "de", "es"):
        view = glossary.for_language(lang).entries
        tested = [e for e in view if e.examples.bad and e.examples.good]
        assert len(view) >= 230 and len(tested) >= 20, lang
    idlib = {
        lang: glossary.for_language(lang).by_id()["idlib"].canonical for lang in ("en", "fr", "de", "es")
    }
    assert idlib == {"en": "Idlib", "fr": "Idleb", "de": "Idlib", "es": "Idlib"}
    state = [glossary.for_language(lang).by_id()["islamic-state"] for lang in ("fr", "de", "es")]
    assert [(e.canonical, e.acronym) for e in state] == [
        ("État islamique", "EI"),
        ("Islamischer Staat", "IS"),
        ("Estado Islámico", "EI"),
    ]
    assert "Daech" in glossary.for_language("fr").by_id()["islamic-state"].admitted


def test_country_names_come_from_cldr() -> None:
    assert [territory_name("SY", lang) for lang in SHIPPED] == ["Syria", "Syrie", "Syrien", "Siria"]
    assert territory_name("SY", "it") == "Siria"  # a language not precomputed: read from Babel
    shipped_file = json.loads((Path(__file__).parent.parent / "tqcheck" / "data" / "cldr.json").read_text())
    assert shipped_file == build()  # rebuild with `python -m tqcheck.glossary.territories`


# --- per-language data --------------------------------------------------------------------------


def test_locale_files_hold_known_keys_only() -> None:
    assert {"en", "fr", "de", "es"} <= set(shipped())
    for lang in shipped():
        assert raw(lang) is not None  # every shipped file passes the key check
    with pytest.raises(InputError, match="unknown locale key 'repeat_okay'"):
        checked({"repeat_okay": ["that"]}, "xx.yaml")
    with pytest.raises(InputError, match=r"locale key 'repeat_ok' .* must be a list"):
        checked({"repeat_ok": "that"}, "xx.yaml")


@pytest.mark.parametrize("cache", ["fresh", "damaged", "a file"])
def test_locale_files_are_parsed_once_into_the_cache(cache: str, cache_dir: Path) -> None:
    """Each locale file's YAML is parsed once and stored under a hash of its text: a later run
    reads the parse without PyYAML, a damaged one is parsed and written whole again, and where
    the cache is not a folder the file is parsed as before. Same data every way."""
    import subprocess
    import sys

    import yaml

    from tqcheck.locale import schema

    folder = Path(schema.__file__).parent
    want = {lang: yaml.safe_load((folder / f"{lang}.yaml").read_text(encoding="utf-8")) for lang in shipped()}
    if cache == "a file":
        cache_dir.write_text("not a folder")
    for _ in range(2):
        if cache == "damaged" and cache_dir.is_dir():
            for f in (cache_dir / "locale").glob("*.pickle"):
                f.write_bytes(f.read_bytes()[:20])
        schema.raw.cache_clear()
        assert {lang: schema.raw(lang) for lang in shipped()} == want
    if cache == "a file":
        return
    stored = sorted((cache_dir / "locale").glob("*.pickle"))
    assert len(stored) == len(shipped()) and all(f.stat().st_size > 20 for f in stored)
    probe = "import sys; from tqcheck.locale.schema import raw; raw('en'); raw('fr'); print('yaml' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"  # the cached parse: PyYAML never imported


def test_language_tables_are_data() -> None:
    assert {"of", "de", "für", "del", "di"} <= acronym_connectors()
    assert {"nous", "vous"} <= words("fr").repeat_ok and {"die", "sie"} <= words("de").repeat_ok
    assert words("en").repeat_guess == frozenset({"it"})
    assert [w for w, _ in words("en").boilerplate][:2] == ["login/registration link", "registration link"]


def test_a_folder_of_languages_is_compared_language_by_language() -> None:
    """German "Syrien" beside English "Syria" is no inconsistency across the set (TQ104)."""
    code, out, err = invoke("check", str(STORY), "--select", "TQ104,TQ202", "-f", "json")
    data = json.loads(out)
    assert (code, data["findings"], data["summary"]["files"]) == (0, [], 3)
    assert "idlib.fr.txt: skipped: written in French" in err  # the original of idlib.en.txt


def test_words_of_the_text_are_no_leftovers() -> None:
    """An all-caps headline's words ("UN", "AU", "UNO") and a language's own homographs (French
    SDF, sans domicile fixe) are not another language's acronyms."""
    cases = {
        "fr": "UN MORT AU LIBAN, SELON L'ONU\nDes SDF dorment à Idleb, d'après la Syrie.\n",
        "es": "UNO DE LOS HERIDOS MURIÓ EN IDLIB\nDamas y caballeros de Siria.\n",
        "de": "EI-ANGRIFF IN SYRIEN\nDie UNO und die UN beraten über Idlib.\n",
    }
    for lang, text in cases.items():
        ctx = glossary_context(default_glossary_paths(), lang=lang, source_lang="en")
        assert rows(run_checks([Document("a.txt", text, lang=lang)], ["TQ1"], ctx)) == [], lang
    english = glossary_context(default_glossary_paths())
    report = run_checks(
        [Document("a.txt", "The SDF took Raqqa; Kurdish SDF fighters advanced.\n")], ["TQ1"], english
    )
    assert rows(report) == []
