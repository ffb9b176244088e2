"""The fix-safety model: --fix applies safe fixes only, --unsafe-fixes the inferred ones, --diff
shows and changes nothing, fixable/unfixable by prefix; fixes never repeat their context nor
undo each other; stdin --fix keeps stdout for the text; a bad file is in every output format."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tqcheck.checks.base import Context
from tqcheck.checks.variants import NAME_VARIANT_ACROSS_SET
from tqcheck.document import Document
from tqcheck.engine import Engine, Settings
from tqcheck.fix import fit_to_context
from tqcheck.model import FixSafety, Hit, Span

from .conftest import DATA, invoke

GLOSSARY = ["--no-default-glossaries", "-g", str(DATA / "seed-glossary.yaml")]
#: TQ101 (safe), TQ105 (unsafe: a pronoun), TQ502 (safe)
ARTICLE = "Hayat Tahrir al-Sham and his allies attacked Idleb . . The army said so.\n"
SAFE_FIXED = "Hayat Tahrir al-Sham and his allies attacked Idlib . The army said so.\n"
ALL_FIXED = "Hayat Tahrir al-Sham and its allies attacked Idlib . The army said so.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    return p


def test_fix_applies_safe_fixes_only(article: Path) -> None:
    code, out, err = invoke("check", str(article), *GLOSSARY, "--fix")
    assert article.read_text() == SAFE_FIXED and err == "Fixed 2 problems.\n"
    assert code == 1 and "help: replace with 'its' (unsafe fix: --unsafe-fixes)" in out
    assert out.endswith(
        "Found 1 problem (1 warning) in 1 file.\n0 fixable with `tqcheck check --fix` (1 more with `--unsafe-fixes`).\n"
    )


def test_unsafe_fixes_opt_in_by_flag_or_config(article: Path, tmp_path: Path) -> None:
    code, _, err = invoke("check", str(article), *GLOSSARY, "--fix", "--unsafe-fixes")
    assert (code, err, article.read_text()) == (0, "Fixed 3 problems.\n", ALL_FIXED)
    article.write_text(ARTICLE)
    cfg = tmp_path / "tqcheck.toml"
    cfg.write_text("unsafe-fixes = true\n")
    invoke("check", str(article), *GLOSSARY, "--fix", "--config", str(cfg))
    assert article.read_text() == ALL_FIXED
    article.write_text(ARTICLE)
    invoke("check", str(article), *GLOSSARY, "--fix", "--config", str(cfg), "--no-unsafe-fixes")
    assert article.read_text() == SAFE_FIXED


def test_diff_shows_what_fix_would_write_and_changes_nothing(article: Path) -> None:
    code, out, err = invoke("check", str(article), *GLOSSARY, "--diff")
    assert code == 1 and article.read_text() == ARTICLE
    assert out == (f"--- a/{article}\n+++ b/{article}\n@@ -1 +1 @@\n-{ARTICLE}+{SAFE_FIXED}")
    assert err == "Would fix 2 problems (1 more with --unsafe-fixes).\n"
    code, out, err = invoke("check", str(article), *GLOSSARY, "--diff", "--unsafe-fixes")
    assert (code, out.splitlines()[-1], err) == (1, f"+{ALL_FIXED.rstrip()}", "Would fix 3 problems.\n")
    clean = article.parent / "clean.txt"
    clean.write_text("Fighting went on in Idlib.\n")
    assert invoke("check", str(clean), *GLOSSARY, "--diff") == (0, "", "Would fix 0 problems.\n")


def test_fixable_and_unfixable_by_prefix(article: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "tqcheck.toml"
    cfg.write_text('unfixable = ["TQ5"]\n')
    invoke("check", str(article), *GLOSSARY, "--fix", "--config", str(cfg))
    assert article.read_text() == ARTICLE.replace("Idleb", "Idlib")
    article.write_text(ARTICLE)
    cfg.write_text('fixable = ["TQ5"]\n')
    code, out, _ = invoke("check", str(article), *GLOSSARY, "--fix", "--config", str(cfg), "-f", "json")
    assert article.read_text() == ARTICLE.replace(" . .", " .")
    assert [(f["text"], f["fix"]) for f in json.loads(out)["findings"]] == [
        ("his", "none"),
        ("Idleb", "none"),
    ]
    cfg.write_text('fixable = ["TQ9O1"]\n')
    code, _, err = invoke("check", str(article), "--config", str(cfg))
    assert code == 2 and "unknown rule code or prefix 'TQ9O1' in fixable" in err


def test_a_fix_never_repeats_the_words_around_it(tmp_path: Path) -> None:
    text = "Aid stalled, said the UN’s Office of Humanitarian Affairs (OCH) on Friday.\n"
    start = text.index("Office")
    span = fit_to_context(
        text,
        Span(start, start + len("Office of Humanitarian Affairs")),
        "UN Office for the Coordination of Humanitarian Affairs",
    )
    assert text[span.start : span.end] == "UN’s Office of Humanitarian Affairs"
    assert fit_to_context(text, Span(start, start + 6), "Bureau") == Span(start, start + 6)
    p = tmp_path / "ocha.txt"
    p.write_text(text)
    invoke("check", str(p), "--fix")
    assert (
        p.read_text()
        == "Aid stalled, said the UN Office for the Coordination of Humanitarian Affairs (OCHA) on Friday.\n"
    )


def test_two_fixes_of_one_run_never_undo_each_other() -> None:
    a = Document("a.txt", "Hugo Chávez spoke. Chávez left.\n")
    b = Document("b.txt", "Hugo Chavez spoke. Chavez left.\n")
    hits = {
        "a.txt": [Hit(NAME_VARIANT_ACROSS_SET, Span(5, 11), "spelt Chavez elsewhere", "Chavez")],
        "b.txt": [Hit(NAME_VARIANT_ACROSS_SET, Span(5, 11), "spelt Chávez elsewhere", "Chávez")],
    }
    report = Engine(Context(), Settings()).assemble([a, b], hits)
    assert [(f.path, f.text, f.suggestion, f.fix) for f in report.findings] == [
        ("a.txt", "Chávez", None, FixSafety.NONE),
        ("b.txt", "Chavez", None, FixSafety.NONE),
    ]
    one_way = {"a.txt": hits["a.txt"], "b.txt": []}
    (kept,) = Engine(Context(), Settings()).assemble([a, b], one_way).findings
    assert (kept.suggestion, kept.fix) == ("Chavez", FixSafety.UNSAFE)


def test_stdin_fix_keeps_stdout_for_the_fixed_text() -> None:
    code, out, err = invoke("check", "-", *GLOSSARY, "--fix", input=ARTICLE)
    assert out == SAFE_FIXED and code == 1
    assert err.startswith("Fixed 2 problems.\n-:1:26: TQ105 [warning] 'his' refers to Hayat Tahrir al-Sham")
    assert err.endswith(
        "Found 1 problem (1 warning) in 1 file.\n0 fixable with `tqcheck check --fix` (1 more with `--unsafe-fixes`).\n"
    )


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "html"])
def test_a_bad_file_is_reported_in_every_format(tmp_path: Path, article: Path, fmt: str) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, out, err = invoke("check", str(article), str(empty), *GLOSSARY, "-f", fmt)
    assert code == 2 and err == f"tqcheck: error: {empty}: empty file\n"
    if fmt == "text":
        assert f"{empty}: error: empty file\n" in out
    elif fmt == "json":
        assert json.loads(out)["input_errors"] == [{"path": str(empty), "message": "empty file"}]
    elif fmt == "sarif":
        (invocation,) = json.loads(out)["runs"][0]["invocations"]
        assert invocation["executionSuccessful"] is False
        (note,) = invocation["toolExecutionNotifications"]
        assert (note["level"], note["message"]["text"]) == ("error", "empty file")
    elif fmt == "junit":
        (error,) = ET.fromstring(out).iter("error")
        assert (error.get("message"), error.get("type")) == ("empty file", "input-error")
    elif fmt == "github":
        assert f"::error file={empty}::empty file\n" in out
    else:
        assert f"<li><code>{empty}</code>: error: empty file</li>" in out


def test_a_fix_never_reaches_across_a_line_break() -> None:
    """Found by the long fuzz run: "the the" on two lines, the second fix took in the first
    line's last "the" and the line break with it."""
    text = "Fighting in Idleb the the\r\nthe the\r\n"
    second = text.index("the the", 20)
    assert fit_to_context(text, Span(second, second + 7), "the") == Span(second, second + 7)
    assert fit_to_context("x the\nend", Span(2, 5), "end") == Span(2, 5)


@given(
    st.text(alphabet="abS_s'’ \t\u00a0\n.-é\u0301", max_size=60),
    st.integers(min_value=0, max_value=60),
    st.sampled_from(["s", "ab", "S Ab", "é", "b's", "x"]),
)
@example("a" * 50 + " ", 51, "a" * 39)  # a word cut by the window: the window's part of it
@example("x UN’s ", 7, "UN Office")
def test_the_word_before_a_span_is_the_regular_expressions(text: str, start: int, suggestion: str) -> None:
    """The word before a span is read by matching the text before it reversed; it is the word
    that ``([^\\W_]+)(?:['’]s)?[ \\t\\u00a0]+\\Z`` finds searching forward (the definition), where
    the apostrophes, spaces, and words cut by the 40-character window meet."""
    import re

    from tqcheck.textfold import key

    start = min(start, len(text))
    end = min(len(text), start + 3)
    words = re.findall(r"[^\W_]+", suggestion)
    before = re.compile(r"([^\W_]+)(?:['’]s)?[ \t\u00a0]+\Z").search(text, max(0, start - 40), start)
    expected = before.start() if before is not None and key(before.group(1)) == key(words[0]) else start
    assert fit_to_context(text, Span(start, end), suggestion).start == expected
