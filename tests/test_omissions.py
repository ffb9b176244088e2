"""Omissions and additions inside paragraphs (TQ404, TQ405): lexical coverage with a lexicon
learned from parallel news, plus lengths, on a story written for the tests
(``fixtures/bilingual/offensive.*``): faithful, it gives nothing; with a sentence dropped from
inside a paragraph, a clause cut, or a sentence slipped in, exactly one finding that quotes the
text."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tqcheck.bilingual import alignment, coverage, omissions
from tqcheck.bilingual.coverage import MergeSupport, content
from tqcheck.bilingual.lexicon import lexicon, stem
from tqcheck.cli import app
from tqcheck.model import Severity

from .conftest import FIXTURES, ROOT, SHARED

BI = FIXTURES / "bilingual"
FR = BI / "offensive.fr.txt"
EN = (BI / "offensive.en.txt").read_text(encoding="utf-8")
runner = CliRunner()

Row = tuple[str, str, str, int, int, str]


def findings(tmp_path: Path, text: str, *args: str) -> list[Row]:
    target = tmp_path / "offensive.en.txt"
    target.write_text(text, encoding="utf-8")
    res = runner.invoke(
        app,
        [
            "check",
            str(target),
            "--source",
            str(FR),
            "--select",
            "TQ404,TQ405",
            "--no-default-glossaries",
            "-f",
            "json",
            *args,
        ],
    )
    assert res.exit_code in (0, 1), res.output
    return [
        (f["rule"], f["severity"], Path(f["path"]).name, f["line"], f["column"], f["message"])
        for f in json.loads(res.stdout)["findings"]
    ]


def test_faithful_translation_gives_nothing(tmp_path: Path) -> None:
    assert findings(tmp_path, EN) == []


def test_sentence_dropped_inside_a_paragraph(tmp_path: Path) -> None:
    dropped = EN.replace(
        " Ankara fears a new influx of refugees onto its territory, already the largest in the world.", ""
    )
    assert findings(tmp_path, dropped) == [
        (
            "TQ404",
            "error",
            "offensive.fr.txt",
            4,
            124,
            "this source sentence has no counterpart in the translation (omitted?): «Ankara craint un nouvel "
            "afflux de réfugiés sur son territoire, déjà le plus important au monde.»",
        )
    ]


def test_clause_cut_from_the_end_is_quoted_as_a_warning(tmp_path: Path) -> None:
    """The translation stops early: nothing after the uncovered clause is rendered."""
    cut = EN.replace("border, where the camps for displaced people are already full.", "border.")
    assert findings(tmp_path, cut) == [
        (
            "TQ404",
            "warning",
            "offensive.fr.txt",
            3,
            273,
            "this part of the source sentence has no counterpart in the translation (omitted?): "
            "«camps de déplacés sont déjà saturés»",
        )
    ]


def test_one_stray_word_after_a_long_run_still_ends_the_sentence(tmp_path: Path) -> None:
    """A run of four words or more with one rendered word after it (``monde``/``world``, which any
    sentence may have) is a clause the translation stopped before; a shorter run is not."""
    full = "Ankara fears a new influx of refugees onto its territory, already the largest in the world."
    long_run = findings(tmp_path, EN.replace(full, "Ankara fears a new influx, the largest in the world."))
    assert [(r[0], r[1], r[5]) for r in long_run] == [
        (
            "TQ404",
            "warning",
            "this part of the source sentence has no counterpart in the translation (omitted?): "
            "«afflux de réfugiés sur son territoire, déjà le plus important»",
        )
    ]
    short_run = findings(tmp_path, EN.replace(full, "Ankara fears a new influx of refugees in the world."))
    assert [(r[0], r[1]) for r in short_run] == [("TQ404", "info")]


def test_a_clause_ending_the_sentence_has_the_lower_bar() -> None:
    """Evidence between the two bars: a warning for a clause that ends the source sentence, info
    inside it, and info for added text wherever it is (a free rendering as often as not)."""
    between = (omissions.TAIL_WARNING + omissions.CLAUSE_WARNING) / 2
    assert omissions._severity((0, 9, between, False, True), True) == (True, Severity.WARNING)
    assert omissions._severity((0, 9, between, False, False), True) == (True, Severity.INFO)
    assert omissions._severity((0, 9, between, False, True), False) == (True, Severity.INFO)
    assert omissions._severity((0, 9, omissions.CLAUSE_INFO - 0.1, False, True), True) == (
        False,
        Severity.INFO,
    )


CRASH_FR = (
    "Un chauffeur ivre a été grièvement blessé mardi matin dans un quartier de Berlin. "
    "Il voulait éviter un camion qui sortait soudainement d'une station d'essence. "
    "Sa voiture a dérapé, a traversé la route et a heurté plusieurs arbres.\n"
)
CRASH_EN = (
    "A drunk driver was seriously injured on Tuesday morning in a district of Berlin. "
    "His car skidded, crossed the road and hit several trees.\n"
)


def crash_findings(tmp_path: Path) -> list[str]:
    (tmp_path / "crash.fr.txt").write_text(CRASH_FR, encoding="utf-8")
    (tmp_path / "crash.en.txt").write_text(CRASH_EN, encoding="utf-8")
    args = ["check", str(tmp_path / "crash.en.txt"), "--source", str(tmp_path / "crash.fr.txt")]
    res = runner.invoke(app, [*args, "--select", "TQ404,TQ405", "--no-default-glossaries", "-f", "json"])
    assert res.exit_code == 1, res.output
    return [f"{f['rule']} {f['severity']} {f['message']}" for f in json.loads(res.stdout)["findings"]]


def test_the_lexicon_tells_which_neighbour_was_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing but the lexicon (voiture/car, arbres/trees: no cognate, name or figure) says that the
    last sentence is rendered and the middle one is the one dropped."""
    middle = "«Il voulait éviter un camion qui sortait soudainement d'une station d'essence.»"
    assert crash_findings(tmp_path) == [
        f"TQ404 error this source sentence has no counterpart in the translation (omitted?): {middle}"
    ]
    monkeypatch.setattr(alignment, "GAP_LEXICON", 0.0)
    monkeypatch.setattr(alignment, "PAIR_LEXICON", 0.0)
    (only,) = crash_findings(tmp_path)
    assert only.startswith("TQ404 error one of these source sentences") and "heurté" in only


def test_sentence_added_inside_a_paragraph(tmp_path: Path) -> None:
    extra = "Russian warplanes have carried out dozens of strikes on hospitals and markets since Monday."
    added = EN.replace("twenty rebels.", f"twenty rebels. {extra}")
    assert findings(tmp_path, added) == [
        (
            "TQ405",
            "warning",
            "offensive.en.txt",
            3,
            188,
            f"this sentence has no counterpart in the source (added?): «{extra}»",
        )
    ]


def test_translation_file_omission_points_at_the_target(tmp_path: Path) -> None:
    """A unit's source sentence missing from its target: the finding is on the target, with the unit."""
    fr = FR.read_text(encoding="utf-8").splitlines()[2]
    en = EN.splitlines()[2].replace(
        " Thousands of civilians fled towards the Turkish border, where the camps for displaced people are already full.",
        "",
    )
    path = tmp_path / "story.jsonl"
    path.write_text(
        json.dumps({"id": "p1", "source": fr, "target": en}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    res = runner.invoke(app, ["check", str(path), "--select", "TQ404", "-f", "json"])
    (f,) = json.loads(res.stdout)["findings"]
    assert (f["rule"], f["data"]["unit"], f["text"]) == ("TQ404", "p1", en)
    assert "«Des milliers de civils ont fui vers la frontière turque, où les camps" in f["message"]


def test_the_shipped_lexicon_is_small_and_learned() -> None:
    path = ROOT / "tqcheck" / "data" / "lexicon-fr-en.tsv.gz"
    assert path.stat().st_size < 400_000
    lex = lexicon("fr", "en")
    assert "govern" in lex.forward[stem("gouvernement")] and stem("gouvernement") in lex.backward["govern"]
    assert "de" in lex.src_function and "the" in lex.tgt_function
    assert lex.src_reliability[stem("gouvernement")] > 0.8
    assert lexicon("en", "fr").forward["govern"] == lex.backward["govern"]  # either direction
    assert not lexicon("de", "en")  # no lexicon for the pair: coverage is not judged


def test_merge_support_vetoes_a_dropped_sentence() -> None:
    """Lengths would merge the dropped sentence into its neighbour's bead; the lexicon says no."""
    lex = lexicon("fr", "en")
    src = [
        "Le ministre turc des Affaires étrangères a appelé Moscou et Téhéran à faire pression sur Damas.",
        "Ankara craint un nouvel afflux de réfugiés sur son territoire, déjà le plus important au monde.",
    ]
    tgt = ["The Turkish foreign minister called on Moscow and Tehran to put pressure on Damascus."]
    support = MergeSupport(src, tgt, (lex.src_function, lex.tgt_function), (lex.forward, lex.backward))
    assert support((0,), (0,)) and not support((0, 1), (0,))
    assert [t.folded for t in content(src[1], lex.src_function)][:3] == ["ankara", "craint", "nouvel"]


def test_merge_support_counts_the_figures_of_a_short_sentence() -> None:
    """Two words the lexicon knows are too few to judge; with its figure, the dropped sentence
    has three, none of them in the English bead: no merge. Its figure present, the merge stands."""
    lex = lexicon("fr", "en")
    src = [
        "Les agences des rues Bravo Murillo et O'Donnell à Madrid ont été choisies, avec succès selon Rivero.",
        "La banque possède 2.500 agences.",
    ]
    tgt = [
        "Branches in Bravo Murillo and O'Donnell streets in Madrid were chosen, with success according to Rivero."
    ]
    tables = (lex.forward, lex.backward)
    functions = (lex.src_function, lex.tgt_function)
    assert not MergeSupport(src, tgt, functions, tables)((0, 1), (0,))
    merged = [tgt[0][:-1] + ", and the bank has 2,500 branches."]
    assert MergeSupport(src, merged, functions, tables)((0, 1), (0,))


WMT = SHARED / "data" / "wmt-news-fr-en"


def wmt_article(name: str, paras: list[tuple[int, ...]]) -> tuple[list[str], list[str], Callable[..., str]]:
    """A WMT set's French and English lines, and a function writing ``paras`` (1-based line
    numbers) of one side as paragraphs, one line left out (``skip``)."""
    fr = (WMT / f"{name}.fra").read_text(encoding="utf-8").splitlines()
    en = (WMT / f"{name}.eng").read_text(encoding="utf-8").splitlines()

    def text(lines: list[str], skip: int = 0) -> str:
        return "\n".join(" ".join(lines[i - 1].strip() for i in p if i != skip) for p in paras) + "\n"

    return fr, en, text


def tq404(tmp_path: Path, source: str, target: str) -> list[dict[str, Any]]:
    """The TQ404 findings (as JSON) of ``target`` checked against ``source``, no glossaries."""
    (tmp_path / "a.fr.txt").write_text(source, encoding="utf-8")
    (tmp_path / "a.en.txt").write_text(target, encoding="utf-8")
    args = ["--source", str(tmp_path / "a.fr.txt"), "--select", "TQ404", "--no-default-glossaries"]
    res = runner.invoke(app, ["check", str(tmp_path / "a.en.txt"), *args, "-f", "json"])
    found: list[dict[str, Any]] = json.loads(res.stdout)["findings"]
    return found


@pytest.mark.skipif(not (WMT / "newstest2009.fra").is_file(), reason="../shared/data not present")
def test_a_dropped_sentence_next_to_its_neighbour_is_found_by_the_merge_veto_or_the_lengths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """newstest2009 lines 191-198 as paragraphs, the translation of line 191 dropped (both were
    missed before): the lexicon vetoes merging the French 191-192 into the English 192, so 191 is
    left alone (error); where the veto would let the merge pass (a laxer bar), the missing words
    (the article's topic words among them) and the unit's length deficit still make it an error."""
    fr, en, text = wmt_article("newstest2009", [(191, 192), (193, 194, 195), (196,), (197, 198)])

    def run(target: str) -> list[dict[str, Any]]:
        return tq404(tmp_path, text(fr), target)

    quote = "this source sentence has no counterpart in the translation (omitted?): «Nous avons déjà mené"
    where = (str(tmp_path / "a.fr.txt"), 1, 1)
    ((f),) = run(text(en, skip=191))
    assert (f["severity"], f["path"], f["line"], f["column"]) == ("error", *where)
    assert f["message"].startswith(quote)
    assert run(text(en)) == []  # the faithful article gives nothing
    monkeypatch.setattr(coverage, "MERGE_MIN", 0.2)  # the bar before the lengths were evidence
    monkeypatch.setattr(coverage, "MERGE_WORDS", 4)
    ((f),) = run(text(en, skip=191))
    assert (f["severity"], f["path"], f["line"], f["column"]) == ("error", *where)
    assert f["data"]["evidence"] >= omissions.SENTENCE_ERROR
    assert f["message"].startswith(quote)


def test_a_figure_is_one_token_however_each_language_groups_its_thousands() -> None:
    """French ``2.500`` and ``5 000``, English ``2,500`` and ``5000`` are the same figures; a
    decimal part is a figure of its own on both sides (``1,5``/``1.5``)."""

    def figures(text: str) -> list[str]:
        return [t.stem for t in content(text, frozenset()) if t.figure]

    assert figures("L'effectif va croître d'environ 2.500 à 4.500 salariés, 5 000 couronnes.") == [
        "2500",
        "4500",
        "5000",
    ]
    assert figures("The 2500-strong workforce is to grow to 4,500; 5000 crowns.") == ["2500", "4500", "5000"]
    assert figures("1,5 milliard, 68,6 %") == figures("1.5 billion, 68.6%") == ["1", "5", "68", "6"]
    assert figures("en 2005, 2006 et 1 200 000") == ["2005", "2006", "1200000"]


@pytest.mark.skipif(not (WMT / "newstest2009.fra").is_file(), reason="../shared/data not present")
def test_a_short_sentence_of_the_articles_topic_words_is_missed_when_dropped(tmp_path: Path) -> None:
    """newstest2009 lines 1211-1220 as paragraphs, the translation of 1214 ("L'individu arrêté a
    été accusé de trafic de drogues ...") dropped. Five of its seven content words are the
    article's topic (arrêté, trafic, drogues, ...), which any sentence about the raid covers, so
    they were left out of the evidence and the sentence went unreported. Missing, they count."""
    fr, en, text = wmt_article(
        "newstest2009", [(1211, 1212), (1213, 1214, 1215), (1216, 1217), (1218, 1219, 1220)]
    )

    def run(target: str) -> list[dict[str, Any]]:
        return [f for f in tq404(tmp_path, text(fr), target) if f["severity"] != "info"]

    assert run(text(en)) == []
    ((f),) = run(text(en, skip=1214))
    assert f["message"] == (
        "this source sentence has no counterpart in the translation (omitted?): «L'individu arrêté a "
        "été accusé de trafic de drogues et de falsification de documents.»"
    )
    assert (f["path"], f["line"]) == (str(tmp_path / "a.fr.txt"), 2)


@pytest.mark.skipif(not (WMT / "newstest2010.fra").is_file(), reason="../shared/data not present")
def test_a_sentence_the_alignment_leaves_alone_but_a_neighbour_renders_is_not_lost(tmp_path: Path) -> None:
    """WMT newstest2010 lines 2111-2114 as one paragraph: the English joins three French
    sentences in one (line 2113); the alignment left "Les femmes entre 35 et 49 ans ..." without
    a partner and it was reported as omitted (an error). The neighbour renders its words, so it is
    not; drop that English sentence and the loss is reported."""
    fr_lines, en_lines, text = wmt_article("newstest2010", [(2111, 2112, 2113, 2114)])
    fr = text(fr_lines)
    assert en_lines[2112].startswith('"Women between 35 and 49')  # renders three French sentences

    def lost(target: str) -> list[str]:
        return [fr[f["column"] - 1 :][:20] for f in tq404(tmp_path, fr, target) if f["severity"] != "info"]

    assert lost(text(en_lines)) == []
    # without it the loss is reported, and the alignment, one English sentence short, leaves the
    # paragraph's first sentence unpaired too
    assert lost(text(en_lines, skip=2113)) == [
        "En revanche, les fem",
        "Les femmes entre 35 ",
        "Ces données montrent",
    ]
