"""Glossary loading (YAML, CSV/TSV, TBX), merging, validation with file:line, safe XML."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqcheck.errors import InputError
from tqcheck.glossary import load_glossaries, load_glossary
from tqcheck.glossary.model import Role
from tqcheck.glossary.validate import validate

from .conftest import DATA

YAML_OK = """\
name: Desk
language: en
source_language: fr
entries:
  - id: idlib
    canonical: Idlib
    kind: place
    variants: [Idleb, Edlib]
    source: [Idleb]
  - id: sohr
    canonical: Syrian Observatory for Human Rights
    acronym: SOHR
    kind: organisation
    source:
      fr: ["Observatoire syrien des droits de l'Homme", OSDH]
      de: [Syrische Beobachtungsstelle für Menschenrechte]
    examples: {bad: "according to the OSDH", good: "according to the SOHR"}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_yaml_loads_forms_roles_and_lines(tmp_path: Path) -> None:
    g = load_glossary(write(tmp_path, "g.yaml", YAML_OK))
    assert [e.id for e in g.entries] == ["idlib", "sohr"]
    idlib, sohr = g.entries
    assert idlib.variants == ["Idleb", "Edlib"] and idlib.source == {"fr": ["Idleb"]}
    assert sohr.source["de"] == ["Syrische Beobachtungsstelle für Menschenrechte"]
    forms = {(f.text, f.role) for f in sohr.forms()}
    assert ("OSDH", Role.SOURCE) in forms and ("SOHR", Role.ACRONYM) in forms
    assert idlib.origin.line == 5
    assert idlib.form_lines["Edlib"] == 8
    assert sohr.preferred_for("OSDH") == "SOHR"
    assert (
        sohr.preferred_for("Observatoire syrien des droits de l'Homme")
        == "Syrian Observatory for Human Rights"
    )


@pytest.mark.parametrize(
    "text, message",
    [
        ("entries:\n  - canonical: [a\n", "malformed YAML"),
        ("name: x\nentries:\n  - canonical: Idlib\n    varients: [Idleb]\n", "unknown entry key(s) varients"),
        ("name: x\n", "no 'entries' list"),
        ("a: &a [x, x]\nb: &b [*a, *a]\nentries: []\n", "aliases are not allowed"),
        ("entries:\n  - id: x\n", "entry has no 'canonical'"),
        ("entries:\n  - canonical: Idlib\n    source: [Idleb]\n", "needs 'source_language'"),
        ("entries:\n  - canonical: Idlib\n    kind: city\n", "unknown kind 'city'"),
        ("", "empty glossary"),
    ],
)
def test_yaml_errors_name_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    p = write(tmp_path, "bad.yaml", text)
    with pytest.raises(InputError) as exc:
        load_glossary(p)
    assert message in str(exc.value)
    assert str(exc.value).startswith(str(p))


def test_csv_and_tsv_import(tmp_path: Path) -> None:
    csv_text = (
        "id,canonical,variants,source,source:de,acronym,kind\n"
        "idlib,Idlib,Idleb|Edlib,Idleb,,,place\n"
        'unhcr,UN refugee agency,,"HCR;Haut-Commissariat des Nations unies pour les réfugiés",UNHCR,UNHCR,organisation\n'
    )
    g = load_glossary(write(tmp_path, "g.csv", csv_text))
    assert g.entries[0].variants == ["Idleb", "Edlib"]
    assert g.entries[1].source == {
        "fr": ["HCR", "Haut-Commissariat des Nations unies pour les réfugiés"],
        "de": ["UNHCR"],
    }
    assert g.entries[1].origin.line == 3
    tsv = write(tmp_path, "g.tsv", "canonical\tvariants\nAleppo\tAlep\n")
    assert load_glossary(tsv).entries[0].variants == ["Alep"]
    with pytest.raises(InputError, match="unknown column 'spelling'"):
        load_glossary(write(tmp_path, "x.csv", "canonical,spelling\nA,B\n"))
    with pytest.raises(InputError, match="no 'canonical' column"):
        load_glossary(write(tmp_path, "y.csv", "name,variants\nA,B\n"))


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="idlib">
      <langSec xml:lang="en">
        <termSec><term>Idlib</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>Idleb</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
        <termSec><term>Edlib</term>
          <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="fr"><termSec><term>Idleb</term></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="nato">
      <langSec xml:lang="en">
        <termSec><term>North Atlantic Treaty Organization</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>NATO</term><termNote type="termType">acronym</termNote></termSec>
        <termSec><term>North Atlantic Alliance</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="fr"><termSec><term>OTAN</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_tbx_status_maps_to_roles(tmp_path: Path) -> None:
    g = load_glossary(write(tmp_path, "g.tbx", TBX))
    idlib, nato = g.entries
    assert (idlib.id, idlib.canonical, idlib.variants, idlib.source) == (
        "idlib",
        "Idlib",
        ["Idleb", "Edlib"],
        {"fr": ["Idleb"]},
    )
    assert nato.acronym == "NATO" and nato.admitted == ["North Atlantic Alliance"]
    assert nato.source == {"fr": ["OTAN"]}
    assert idlib.form_lines["Edlib"] == 10


XXE = """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>&xxe;</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""
BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>&lol3;</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""


@pytest.mark.parametrize(
    "text, message",
    [
        (XXE, "unsafe XML refused"),
        (BOMB, "unsafe XML refused"),
        ("<tbx><text><body>", "malformed XML"),
        ("<html><body/></html>", "not a TBX file"),
        ("<tbx><text><body></body></text></tbx>", "no termEntry/conceptEntry"),
    ],
)
def test_tbx_rejects_unsafe_and_malformed(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_glossary(write(tmp_path, "g.tbx", text))


def test_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"unknown glossary format '\.json'"):
        load_glossary(write(tmp_path, "g.json", "{}"))


def test_validate_reports_conflicts_with_lines(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", YAML_OK)
    b = write(
        tmp_path,
        "b.yaml",
        "name: b\nlanguage: en\nentries:\n"
        "  - id: idlib\n    canonical: Idlib city\n"  # duplicate id
        "  - id: aleppo\n    canonical: Aleppo\n    variants: [Alep, Edlib]\n"  # Edlib belongs to idlib
        "  - id: hama\n    canonical: Hama\n    variants: [Hama]\n"  # variant equals own canonical
        "  - id: homs\n    canonical: Homs\n    variants: [Hims]\n"
        "    examples: {bad: 'fighting in Homs', good: 'fighting in Hims'}\n",
    )
    problems = [str(p) for p in validate(load_glossaries([a, b]))]
    assert f"{b}:4: duplicate id 'idlib' (first at {a}:5)" in problems
    assert f"{b}:8: aleppo: variant 'Edlib' is already the variant 'Edlib' of idlib ({a}:8)" in problems
    assert f"{b}:11: hama: variant 'Hama' equals an accepted form of the entry" in problems
    assert f"{b}:12: homs: bad example 'fighting in Homs' is not flagged" in problems
    assert f"{b}:12: homs: good example 'fighting in Hims' is flagged ('Hims')" in problems
    assert len(problems) == 5


def test_seed_test_glossary_is_valid() -> None:
    assert validate(load_glossaries([DATA / "seed-glossary.yaml"])) == []
