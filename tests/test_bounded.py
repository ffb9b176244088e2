"""Bounded work for any input (issue 8): structural limits, asserted exactly, never by timing.

Hostile inputs are generated here at sizes that keep every test well under a second; what is
checked is the bound itself (mentions and tokens produced, comparisons made, characters printed)
and the exact output, so a regression to "all sub-sequences" or "the whole line per finding"
fails however fast the machine is. ``benchmarks/hostile.py`` runs the full-size inputs.
"""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

import pytest

from tqcheck.checks import acronyms
from tqcheck.checks.acronyms import EXPANSION_MAX_WORDS, AcronymCheck, load_table
from tqcheck.checks.base import Context
from tqcheck.checks.variants import VariantCheck
from tqcheck.document import Document
from tqcheck.errors import InputError
from tqcheck.glossary.matcher import Matcher, MatchIndex
from tqcheck.glossary.model import MAX_FORM_CHARS, Entry, Glossary, Origin, is_acronym
from tqcheck.glossary.yaml_format import load_yaml
from tqcheck.model import FileReport, Finding, FixSafety, Report, Severity, Span
from tqcheck.names import clusters
from tqcheck.names.mentions import MAX_NAME_CHARS, MAX_NAME_TOKENS, MAX_WORD_CHARS, extract_mentions
from tqcheck.reporters.github import GithubReporter, plain
from tqcheck.reporters.text import CONTEXT_CELLS, SPAN_CELLS, WHOLE_LINE_CHARS, TextReporter, visible
from tqcheck.rules import all_rules

from .conftest import invoke


def names(text: str) -> list[str]:
    return [m.text for m in extract_mentions(text)]


# --- name mentions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "run",
    [
        "Abu " * 20_000,
        "Ahmed " * 20_000,
        "Ahmed" + " al" * 20_000 + " Assad ",
        "Osama" + " bin" * 20_000 + " Laden ",
        "Charles" + " de la" * 10_000 + " Gaulle ",
        "Al " * 20_000 + "Qaeda ",
        "Al-" * 20_000 + "Assad ",
        "Aba-" * 20_000 + "Aba ",
        "Ahmed 'Abd " * 10_000,
    ],
    ids=["abu", "ahmed", "al", "bin", "de-la", "al-loose", "al-hyphen", "hyphen-parts", "ayn"],
)
def test_a_run_of_name_words_longer_than_a_name_is_dropped_whole(run: str) -> None:
    text = f"They met {run}and left. Then Bashar al-Assad spoke."
    assert names(text) == ["Bashar al-Assad"]


def test_the_token_limit_is_exact() -> None:
    def run(n: int) -> str:
        return "They met " + " ".join(["Abu"] * n) + " and left."

    (kept,) = extract_mentions(run(MAX_NAME_TOKENS))
    assert len(kept.tokens) == MAX_NAME_TOKENS
    assert extract_mentions(run(MAX_NAME_TOKENS + 1)) == []
    assert names("Muhammad bin Salman bin Abdulaziz Al Saud met Abu Mohammad al-Julani.") == [
        "Muhammad bin Salman bin Abdulaziz Al Saud",
        "Abu Mohammad al-Julani",
    ]


def test_word_and_character_limits() -> None:
    longest = "Ab" * (MAX_WORD_CHARS // 2)
    assert names(f"They met {longest} and {longest}b and Hamid.") == [longest, "Hamid"]
    # ten words but more characters than a name has
    wide = " ".join(["Abcdefghijklmnopqrstuvwxyz"] * 8)
    assert len(wide) > MAX_NAME_CHARS
    assert names(f"They met {wide} today.") == []


def test_mentions_of_hostile_text_stay_within_the_limits() -> None:
    rng = random.Random(8)
    words = ["Abu", "al", "Al-Sham", "bin", "de", "la", "Ahmed", "Hamid", "Qaeda", "'Abd", "X" * 70]
    seps = [" "] * 12 + [", ", ". ", "\n", " (", "-"]
    text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(30_000))
    found = extract_mentions(text)
    assert found
    assert max(len(m.tokens) for m in found) <= MAX_NAME_TOKENS
    assert max(len(m.text) for m in found) <= MAX_NAME_CHARS
    assert all(text[m.span.start : m.span.end] == m.text for m in found)


def test_variants_check_and_command_on_a_run_of_particles(tmp_path: Path) -> None:
    doc = Document("abu.txt", "Abu " * 16_000 + "\n")
    check = VariantCheck()
    ctx = Context()
    assert check.mentions(doc, ctx) == []
    assert list(check.check(doc, ctx)) == []
    path = tmp_path / "abu.txt"
    path.write_text(doc.text, encoding="utf-8")
    code, _, err = invoke("variants", str(path))
    assert code == 0
    assert err == "0 name(s) with several spellings in 1 file(s).\n"


def test_clustering_compares_each_spelling_with_a_bounded_number_of_leaders(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Distinct names with one consonant skeleton share one blocking key: without the cap every
    spelling would be compared with every earlier one (n²/2)."""
    calls = 0

    def never_same(*args: object) -> bool:
        nonlocal calls
        calls += 1
        return False

    monkeypatch.setattr(clusters, "_joins", never_same)
    # every leader near in letters, so that each candidate reaches the decision
    monkeypatch.setattr(clusters, "_near", lambda sp, ys: [True] * len(ys))
    monkeypatch.setattr(clusters, "MAX_LEADERS_PER_KEY", 8)
    vowels = "aeiou"
    words = [
        f"B{vowels[i % 5]}r{vowels[i // 5 % 5]}d{vowels[i // 25 % 5]}k{vowels[i // 125]}m" for i in range(300)
    ]
    found = extract_mentions(", ".join(words) + ".")
    assert len(found) == 300
    result = clusters.cluster_mentions(("a.txt", m) for m in found)
    assert len(result) == 300
    assert calls == sum(min(i, 8) for i in range(300))  # 2,364 rather than 44,850


def test_clustering_makes_a_bounded_number_of_full_decisions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the budget (a base plus one per spelling) only exact spellings join: 12,000 invented
    names sharing one skeleton cost seconds, not a minute of learned edit distances."""
    calls = 0

    def counted(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)

    real = clusters.decide
    monkeypatch.setattr(clusters, "decide", counted)
    monkeypatch.setattr(clusters, "MAX_DECISIONS", 50)
    vowels = "aeiou"
    words = [
        f"B{vowels[i % 5]}r{vowels[i // 5 % 5]}d{vowels[i // 25 % 5]}k{vowels[i // 125]}mana"
        for i in range(300)
    ]
    found = extract_mentions(", ".join(words) + ".")
    clusters.cluster_mentions(("a.txt", m) for m in found)
    assert calls == 50 + clusters.DECISIONS_PER_SPELLING * 300


# --- glossary matches looked up by bisection -----------------------------------------------------


def test_match_index_finds_the_first_overlapping_match() -> None:
    entry = Entry("idlib", "Idlib", Origin("g.yaml", 1), variants=["Idleb"], admitted=["Idlib province"])
    matcher = Matcher(Glossary("g", entries=[entry]))
    rng = random.Random(3)
    text = "".join(rng.choice(["Idleb ", "Idlib province ", "x ", "Idlib. ", "near "]) for _ in range(400))
    matches = matcher.find(text)
    index = MatchIndex(matches)
    for _ in range(2_000):
        s = rng.randrange(len(text))
        span = Span(s, s + rng.randrange(0, 30))
        expected = next((m for m in matches if m.span.overlaps(span)), None)
        assert index.covering(span) is expected


# --- acronyms --------------------------------------------------------------------------------------


def test_expansion_is_read_within_a_bounded_window() -> None:
    text = " ".join(["Alpha"] * 40) + " (ABC)"
    run = acronyms._expansion_words(text, text.index("("))
    assert len(run) == EXPANSION_MAX_WORDS
    assert run[-1][1] == text.index("(") - 1
    unrwa = "the United Nations Relief and Works Agency for Palestine Refugees in the Near East (UNRWA)"
    run = acronyms._expansion_words(unrwa, unrwa.index("("))
    assert " ".join(unrwa[s:e] for s, e in run) == unrwa[4 : unrwa.index(" (")]


def test_many_parenthesised_acronyms_on_one_line() -> None:
    text = "Free Syrian Army (ASL) " * 2_000
    hits = list(AcronymCheck().check(Document("a.txt", text), Context()))
    assert len(hits) == 2_000
    assert {(h.rule.code, h.suggestion, h.span.end - h.span.start) for h in hits} == {("TQ301", "FSA", 3)}
    assert [h.span.start for h in hits] == [m.start(1) for m in re.finditer(r"\((ASL)\)", text)]
    # an acronym with no evidence against it costs the same reading and reports nothing
    assert list(AcronymCheck().check(Document("a.txt", "Quick Brown Fox (ABC) " * 2_000), Context())) == []


def test_multiple_forms_in_one_pass_match_one_pass_per_form() -> None:
    rng = random.Random(5)
    pieces = ["IS ", "ISIS ", "ISIL ", "Daesh ", "ISIS-held ", "THE ISIS CAMP ", "this ", "(IS) ", "IS's "]
    text = "".join(rng.choice(pieces) for _ in range(3_000))
    table = load_table()
    (ent,) = [e for e in table.entities if len(e.forms) > 1]
    expected: list[tuple[str, Span]] = []
    for form in ent.forms:  # what the check did before: one expression per form
        for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
            if not (is_acronym(form) and acronyms._in_caps_run(text, m.start(), m.end(), table)):
                expected.append((form, Span(m.start(), m.end())))
    expected.sort(key=lambda p: p[1].start)
    (hit,) = list(AcronymCheck()._multiple_forms(Document("a.txt", text), text, table))
    assert [hit.span, *(r.span for r in hit.related)] == sorted(
        [s for _, s in expected], key=lambda s: s != hit.span
    )


# --- glossary forms --------------------------------------------------------------------------------


def _big_yaml(tmp_path: Path, length: int) -> Path:
    path = tmp_path / "big.yaml"
    path.write_text(
        "name: big\nentries:\n  - id: idlib\n    canonical: Idlib\n    variants: [Idleb]\n"
        f"  - id: huge\n    canonical: Huge\n    variants:\n      - Hughe\n      - {'a' * length}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("command", [["glossary", "validate"], ["check", "--no-default-glossaries", "-g"]])
def test_a_huge_glossary_form_is_refused_in_one_line(tmp_path: Path, command: list[str]) -> None:
    path = _big_yaml(tmp_path, 600_000)
    article = tmp_path / "a.txt"
    article.write_text("Fighting in Idleb.\n", encoding="utf-8")
    args = [*command, str(path)] + ([str(article)] if command[0] == "check" else [])
    code, out, err = invoke(*args)
    assert code == 2
    assert out == ""
    assert err == (
        f"tqcheck: error: {path}:10: entry 'huge': variant form of 600,000 characters "
        f"(at most {MAX_FORM_CHARS}: a glossary form is a name or a term)\n"
    )


def test_the_form_limit_is_exact_in_every_loader(tmp_path: Path) -> None:
    ok = load_yaml(_big_yaml(tmp_path, MAX_FORM_CHARS).read_text(encoding="utf-8"), "g.yaml")
    assert len(Matcher(ok)) == 5
    with pytest.raises(InputError) as err:
        load_yaml(_big_yaml(tmp_path, MAX_FORM_CHARS + 1).read_text(encoding="utf-8"), "g.yaml")
    assert err.value.where == "g.yaml:10"
    csv_path = tmp_path / "g.csv"
    csv_path.write_text("canonical,variants\nIdlib,Idleb\n" + "B" * 1_000 + ",Bee\n", encoding="utf-8")
    code, _, stderr = invoke("glossary", "validate", str(csv_path))
    assert code == 2
    assert stderr.startswith(f"tqcheck: error: {csv_path}:3: entry 'bbbbbbbb")
    assert "canonical form of 1,000 characters" in stderr and stderr.count("\n") == 1


def test_the_matcher_refuses_a_form_grown_after_loading() -> None:
    entry = Entry("x", "Idlib", Origin("g.yaml", 4))
    entry.variants.append("b" * (MAX_FORM_CHARS + 1))
    with pytest.raises(InputError, match="entry 'x': variant form of 201 characters") as err:
        Matcher(Glossary("g", entries=[entry]))
    assert err.value.where == "g.yaml:4"


# --- text and github output ------------------------------------------------------------------------


def _report(
    text: str, spans: list[tuple[int, int]], message: str = "m", suggestion: str | None = None
) -> Report:
    doc = Document("a.txt", text)
    findings = tuple(
        Finding(
            "TQ101",
            Severity.WARNING,
            message,
            doc.locate(Span(s, e)),
            text[s:e],
            suggestion,
            fix=FixSafety.SAFE,
        )
        for s, e in spans
    )
    return Report((FileReport("a.txt", text, findings),), "0", rules=all_rules())


def _render(report: Report, reporter: TextReporter | GithubReporter | None = None) -> str:
    out = io.StringIO()
    (reporter or TextReporter()).render(report, out)
    return out.getvalue()


def test_a_long_line_is_shown_as_a_window_around_each_finding() -> None:
    line = "".join(f"word{i:06d} Idleb " for i in range(1_000)).ljust(1_000_000, "z")
    spans = [(m.start(), m.end()) for m in re.finditer("Idleb", line)]
    out = _render(_report(line + "\n", spans))
    assert len(out) < 1_000 * (2 * CONTEXT_CELLS + 200)  # the whole line each time: 1 GB
    blocks = out.split("\n\n")[:-1]
    assert len(blocks) == 1_000
    shown, carets = blocks[500].split("\n")[2:4]
    s, e = spans[500]
    assert shown == f"1 | …{line[s - CONTEXT_CELLS : s]}Idleb{line[e : e + CONTEXT_CELLS]}…"
    assert carets == "  | " + " " * (1 + CONTEXT_CELLS) + "^^^^^"
    first = blocks[0].split("\n")[2]
    assert first == f"1 | {line[: spans[0][1] + CONTEXT_CELLS]}…"  # near the start: nothing cut on the left


def test_lines_of_paragraph_length_are_shown_whole() -> None:
    line = "x" * (WHOLE_LINE_CHARS - 6) + " Idleb"
    out = _render(_report(line, [(len(line) - 5, len(line))]))
    assert f"1 | {line}\n" in out and "…" not in out
    longer = "x" + line
    out = _render(_report(longer, [(len(longer) - 5, len(longer))]))
    assert f"1 | …{longer[-5 - CONTEXT_CELLS :]}\n" in out


def test_a_long_span_underline_is_capped() -> None:
    text = "a " * 10_000
    out = _render(_report(text, [(0, len(text) - 1)]))
    shown, carets = out.split("\n")[2:4]
    assert shown == f"1 | {text[:SPAN_CELLS]}… "  # the span's head, then what follows it
    assert carets == "  | " + "^" * (SPAN_CELLS + 1)


def test_wide_characters_are_measured_in_cells_in_a_window() -> None:
    line = "東" * 3_000 + "Idleb" + "京" * 3_000
    out = _render(_report(line, [(3_000, 3_005)]))
    shown, carets = out.split("\n")[2:4]
    assert shown == "1 | …" + "東" * (CONTEXT_CELLS // 2) + "Idleb" + "京" * (CONTEXT_CELLS // 2) + "…"
    assert carets == "  | " + " " * (1 + CONTEXT_CELLS) + "^^^^^"


def test_control_characters_and_bidi_overrides_are_escaped_with_the_caret_aligned() -> None:
    text = "\x1b[2J\x1b]0;title\x07 and\r \u202eIdleb\u202c \u2066x\u2069 \x85 Idleb\n"
    start = text.index("Idleb")
    out = _render(
        _report(
            text, [(start, start + 5)], message="'\x1b[31mIdleb' \u202eis wrong\r", suggestion="Id\x1blib"
        )
    )
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    assert out.split("\n")[:4] == [
        "a.txt:1:22: TQ101 [warning] '\\x1b[31mIdleb' \\u202eis wrong\\r",
        "  |",
        "1 | \\x1b[2J\\x1b]0;title\\x07 and\\r \\u202eIdleb\\u202c \\u2066x\\u2069 \\x85 Idleb",
        "  | "
        + " " * len("\\x1b[2J\\x1b]0;title\\x07 and\\r \\u202e")
        + "^^^^^ help: replace with 'Id\\x1blib'",
    ]
    assert visible("tab\tstays") == "tab\tstays"


def test_github_output_escapes_controls_and_never_starts_a_command() -> None:
    text = "Idleb \x1b[2J\u202e\n"
    out = _render(_report(text, [(0, 5)], message="x\x1b]0;t\x07 \u2066y"), GithubReporter())
    assert "\x1b" not in out and "\x07" not in out and "\u2066" not in out
    assert (
        "::warning file=a.txt,line=1,col=1,endColumn=5,title=TQ101 glossary-variant::x\\x1b]0;t\\x07 \\u2066y"
        in out
    )
    assert plain("::error::injected") == " ::error::injected"
    assert plain("a\rb\x1bc\n") == "a\\rb\\x1bc\\n"
