"""Language-aware runs: originals paired with their translations by name, and never checked or
fixed as translations (issue 10, part 3), on a desk folder of a real-looking AFP story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tqcheck.api import check_files, check_text, load_settings
from tqcheck.langid import function_word_lead, written_in
from tqcheck.pairing import PairPattern, pattern_problem
from tqcheck.runner import Skipped

from .conftest import invoke

FRENCH = """Syrie: forte résistance des jihadistes face au régime à Idleb

Les jihadistes opposaient jeudi 11 janvier une forte résistance aux forces du régime syrien qui tentent de reprendre la province d'Idleb, selon l'Observatoire syrien des droits de l'Homme (OSDH).
Au moins 100 000 personnes ont fui les combats depuis début décembre, selon l'ONU.
Le bilan s'élève à dix-neuf morts parmi les rebelles, a précisé le directeur de l'OSDH, Rami Abdel Rahmane.
"""

ENGLISH = """Syria: jihadists' strong resistance to regime in Idleb

The jihadists put up strong resistance on Thursday, January 11 to Syrian regime forces trying to retake the province of Idlib, according to the Syrian Observatory for Human Rights (SOHR).
At least 160,000 people have fled the fighting since early December, according to the UN.
The toll stands at nineteen dead among the rebels, said the director of the SOHR, Rami Abdel Rahman.
"""


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A desk folder holding a story and its French original, as the working directory."""
    (tmp_path / "story.fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "story.en.txt").write_text(ENGLISH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def note(path: str, why: str) -> str:
    return f"tqcheck: note: {path}: skipped: written in French, the source language ({why})\n"


def json_rows(out: str) -> list[tuple[str, str, int, str]]:
    return [(f["rule"], f["path"], f["line"], f["text"]) for f in json.loads(out)["findings"]]


def test_desk_folder_checks_the_translation_against_its_original(desk: Path) -> None:
    code, out, err = invoke("check", ".", "-f", "json", "--select", "TQ401,TQ101")
    assert code == 1
    assert json_rows(out) == [
        ("TQ101", "story.en.txt", 1, "Idleb"),
        ("TQ401", "story.en.txt", 4, "160,000"),
    ]
    (changed,) = [f for f in json.loads(out)["findings"] if f["rule"] == "TQ401"]
    assert changed["message"] == "'160,000' is not in the source; the source has '100 000'"
    assert [(r["path"], r["line"]) for r in changed["related"]] == [("story.fr.txt", 4)]
    assert json.loads(out)["summary"]["files"] == 1
    assert err == note("story.fr.txt", "checked as the source of story.en.txt")


def test_fix_never_touches_the_original(desk: Path) -> None:
    """The issue's case: ``check DIR --fix`` rewrote the French original into "selon l'Syrian
    Observatory for Human Rights (SOHR)". The original's bytes stay as they were; the
    translation gets its safe fix."""
    french = (desk / "story.fr.txt").read_bytes()
    as_english = check_text(FRENCH)  # what --fix would have applied, were it read as English
    assert {(f.rule, f.text) for f in as_english.findings if f.suggestion is not None} >= {
        ("TQ101", "Syrie"),  # 'Syria' in a French original
    }
    code, _, err = invoke("check", ".", "--fix", "--unsafe-fixes", "--select", "TQ1")
    assert (desk / "story.fr.txt").read_bytes() == french
    assert (desk / "story.en.txt").read_text(encoding="utf-8") == ENGLISH.replace(
        "regime in Idleb", "regime in Idlib"
    )
    assert code == 0
    assert err.startswith(note("story.fr.txt", "checked as the source of story.en.txt"))


def test_original_named_alone_is_skipped_with_a_note(desk: Path) -> None:
    code, out, err = invoke("check", "story.fr.txt")
    skipped = "written in French, the source language (the source of story.en.txt, not checked in this run)"
    assert (code, out) == (0, f"story.fr.txt: skipped: {skipped}\nNo problems found in 0 files.\n")
    assert err == note("story.fr.txt", "the source of story.en.txt, not checked in this run")
    (desk / "story.en.txt").unlink()
    assert invoke("check", "story.fr.txt")[2] == note("story.fr.txt", "no translation beside it")


def test_translation_named_alone_gets_its_original(desk: Path) -> None:
    code, out, err = invoke("check", "story.en.txt", "-f", "json", "--select", "TQ401")
    assert (code, json_rows(out), err) == (1, [("TQ401", "story.en.txt", 4, "160,000")], "")


def test_bare_name_beside_the_original(desk: Path) -> None:
    (desk / "story.en.txt").rename(desk / "story.txt")
    code, out, err = invoke("check", ".", "-f", "json", "--select", "TQ401")
    assert (code, json_rows(out)) == (1, [("TQ401", "story.txt", 4, "160,000")])
    assert err == note("story.fr.txt", "checked as the source of story.txt")


def test_explicit_source_still_wins(desk: Path) -> None:
    """``--source`` replaces the original found by name (here: one that says 160 000 too)."""
    (desk / "other.fr.txt").write_text(FRENCH.replace("100 000", "160 000"), encoding="utf-8")
    code, out, _ = invoke(
        "check", "story.en.txt", "--source", "other.fr.txt", "-f", "json", "--select", "TQ401"
    )
    assert (code, json_rows(out)) == (0, [])


def test_short_and_mixed_files_are_checked_anyway(desk: Path) -> None:
    (desk / "brief.txt").write_text("Combats à Idleb, selon l'OSDH.\n", encoding="utf-8")
    mixed = ENGLISH + "\n" + FRENCH.split("\n", 2)[2].split("\n")[1] + "\n"
    (desk / "mixed.txt").write_text(mixed, encoding="utf-8")
    code, out, err = invoke("check", "brief.txt", "mixed.txt", "-f", "json", "--select", "TQ103")
    assert code == 1 and err == ""
    assert {path for _, path, _, _ in json_rows(out)} == {"brief.txt", "mixed.txt"}


def test_pair_pattern_from_the_config(desk: Path) -> None:
    (desk / "en").mkdir()
    (desk / "fr").mkdir()
    (desk / "story.en.txt").rename(desk / "en" / "story.txt")
    (desk / "story.fr.txt").rename(desk / "fr" / "story.txt")
    (desk / "tqcheck.toml").write_text('pair-pattern = "{lang}/{stem}{ext}"\n', encoding="utf-8")
    args = ("--config", "tqcheck.toml", "-f", "json", "--select", "TQ401")
    code, out, err = invoke("check", "en", "fr", *args)
    assert (code, json_rows(out)) == (1, [("TQ401", "en/story.txt", 4, "160,000")])
    assert err == note("fr/story.txt", "checked as the source of en/story.txt")
    (desk / "tqcheck.toml").write_text('pair-pattern = ""\n', encoding="utf-8")
    code, out, err = invoke("check", "en", "fr", *args)
    assert (code, json_rows(out)) == (0, [])  # no original attached: no bilingual finding
    assert err == note("fr/story.txt", "no translation beside it")


@pytest.mark.parametrize(
    "bad", ["{stem}.txt", "{stem}.{lang}.{lang}{ext}", "{name}.{lang}{ext}", "../{lang}/{stem}{ext}"]
)
def test_bad_pair_pattern_is_one_line(desk: Path, bad: str) -> None:
    (desk / "tqcheck.toml").write_text(f"pair-pattern = {json.dumps(bad)}\n", encoding="utf-8")
    code, out, err = invoke("check", ".", "--config", "tqcheck.toml")
    assert (code, out) == (2, "")
    assert err.startswith("tqcheck: error: tqcheck.toml: setting 'pair-pattern' must be a file name pattern")
    assert err.count("\n") == 1


def test_api_reports_skipped_files_as_data(desk: Path) -> None:
    skipped: list[Skipped] = []
    report = check_files([desk], load_settings(start=desk), on_skip=skipped.append)
    en, fr = str(desk / "story.en.txt"), str(desk / "story.fr.txt")
    assert skipped == [Skipped(fr, "source-language", "fr", source_of=en)]
    assert [f.path for f in report.files] == [en]
    assert ("TQ401", "160,000") in [(f.rule, f.text) for f in report.findings]


def test_pattern_reads_and_writes_names() -> None:
    p = PairPattern()
    assert p.bare == "{stem}{ext}"
    assert p.language("desk/story.fr.txt") == "fr"
    assert p.language("desk/story.txt") is None
    assert p.source_of("desk/story.en.txt", "en", "fr") == "desk/story.fr.txt"
    assert p.source_of("desk/story.txt", "en", "fr") == "desk/story.fr.txt"
    assert p.source_of("desk/story.en-GB.md", "en", "fr") == "desk/story.fr.md"
    assert p.source_of("desk/story.fr.txt", "en", "fr") is None
    assert p.translations_of("desk/story.fr.txt", "en", "fr") == ["desk/story.en.txt", "desk/story.txt"]
    folders = PairPattern("{lang}/{stem}{ext}")
    assert folders.bare == "{stem}{ext}"
    assert folders.source_of("desk/en/story.txt", "en", "fr") == "desk/fr/story.txt"
    assert folders.translations_of("desk/fr/story.txt", "en", "fr") == ["desk/en/story.txt", "desk/story.txt"]
    assert PairPattern("{stem}_{lang}.txt").source_of("a/story.txt", "en", "fr") == "a/story_fr.txt"


def test_pattern_problems() -> None:
    assert pattern_problem("{stem}.{lang}{ext}") is None
    assert pattern_problem("") is None  # pairing off
    assert pattern_problem("{stem}{lang}{ext}") is not None  # where would the stem end?
    assert pattern_problem("{stem}.{lang}{ext") is not None
    assert pattern_problem("/abs/{lang}/{stem}") is not None


def test_only_a_confident_identification_makes_an_original() -> None:
    german = (
        "Die Dschihadisten leisteten am Donnerstag den Regierungstruppen in der Provinz Idlib "
        "heftigen Widerstand, wie die Syrische Beobachtungsstelle für Menschenrechte mitteilte. "
        "Mindestens 100.000 Menschen sind seit Anfang Dezember vor den Kämpfen geflohen."
    )
    assert written_in(FRENCH, ("en", "fr")) == "fr"
    assert written_in(ENGLISH, ("en", "fr")) == "en"
    assert written_in(german, ("en", "fr")) is None  # neither of the pair, however near
    assert written_in("Combats à Idleb, selon l'OSDH.", ("en", "fr")) is None  # too short to tell
    assert function_word_lead(FRENCH, "fr", "en") and not function_word_lead(ENGLISH, "fr", "en")


def test_skipped_originals_are_in_the_json_report(desk: Path) -> None:
    code, out, _ = invoke("check", ".", "-f", "json", "--select", "TQ1")
    assert code == 1
    data = json.loads(out)
    assert data["skipped"] == [
        {
            "path": "story.fr.txt",
            "reason": "written in French, the source language (checked as the source of story.en.txt)",
        }
    ]
    assert (data["summary"]["skipped"], data["summary"]["input_errors"], data["input_errors"]) == (1, 0, [])
