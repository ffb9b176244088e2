"""The one-pass glossary matcher: folding, boundaries, longest match, case rules."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tqcheck.glossary.matcher import Matcher
from tqcheck.glossary.model import Entry, Glossary, Origin, Role
from tqcheck.textfold import fold, key


def matcher(*entries: Entry) -> Matcher:
    return Matcher(Glossary("t", entries=list(entries)))


def entry(id: str, canonical: str, **kw: object) -> Entry:
    return Entry(id=id, canonical=canonical, origin=Origin("t.yaml", 1), **kw)  # type: ignore[arg-type]


HTS = entry("hts", "Hayat Tahrir al-Sham", acronym="HTS", variants=["Hayat Tahrir al-Cham"])
SHAM = entry("sham", "al-Sham")
IDLIB = entry("idlib", "Idlib", variants=["Idleb"], source={"fr": ["Idleb"]})
OCHA = entry(
    "ocha", "UN Office for the Coordination of Humanitarian Affairs", acronym="OCHA", variants=["OCH"]
)
HAMA = entry("hama", "Hama")
TURKEY = entry("turkey", "Turkey", source={"fr": ["Turquie"]})
CAVUSOGLU = entry("cavusoglu", "Mevlut Cavusoglu")


def found(m: Matcher, text: str) -> list[tuple[str, str, str]]:
    return [(x.text, x.entry.id, x.form.role.value) for x in m.find(text)]


def test_fold_keeps_length_and_folds_marks() -> None:
    s = "Mevlüt Çavuşoğlu’s al‑Sham — Ⓒ İstanbul ß"
    assert len(fold(s)) == len(s)
    assert fold("Mevlüt Çavuşoğlu’s") == "mevlut cavusoglu's"
    assert key("al‑Sham") == key("Al Sham") == key("AL-SHAM") == "al sham"


def test_hyphen_space_and_dash_variants_fold_together() -> None:
    m = matcher(HTS)
    for text in (
        "Hayat Tahrir al-Sham",
        "Hayat Tahrir al Sham",
        "Hayat Tahrir al‑Sham",
        "HAYAT TAHRIR AL-SHAM",
    ):
        assert found(m, f"The {text} group") == [(text, "hts", "canonical")]


def test_longest_match_wins_and_inner_term_is_not_flagged_again() -> None:
    m = matcher(HTS, SHAM)
    assert found(m, "Hayat Tahrir al-Cham and al-Sham") == [
        ("Hayat Tahrir al-Cham", "hts", "variant"),
        ("al-Sham", "sham", "canonical"),
    ]


def test_word_boundaries_and_possessives() -> None:
    m = matcher(HAMA, IDLIB)
    assert found(m, "Hamas and Hamadan are not Hama") == [("Hama", "hama", "canonical")]
    assert found(m, "Idleb's governor, pro-Idleb, (Idleb)") == [("Idleb", "idlib", "variant")] * 3
    assert found(m, "Idlebi") == []


def test_acronyms_match_exact_case_only() -> None:
    m = matcher(OCHA)
    assert found(m, "OCH said") == [("OCH", "ocha", "variant")]
    assert found(m, "Och said; och") == []
    assert found(m, "the OCHA report") == [("OCHA", "ocha", "acronym")]


def test_lowercase_common_word_is_not_a_name() -> None:
    m = matcher(TURKEY)
    assert found(m, "a roast turkey in Turkey") == [("Turkey", "turkey", "canonical")]
    assert [x.form.role for x in m.find("La Turquie")] == [Role.SOURCE]


def test_diacritics_fold() -> None:
    m = matcher(CAVUSOGLU)
    assert found(m, "said Mevlüt Çavuşoğlu.") == [("Mevlüt Çavuşoğlu", "cavusoglu", "canonical")]


def test_conflicting_keys_are_recorded() -> None:
    m = matcher(IDLIB, entry("other", "Other", variants=["IDLEB"]))
    assert [(c.key, c.first[0].id, c.second[0].id) for c in m.conflicts] == [("idleb", "idlib", "other")]


def test_empty_glossary_and_text() -> None:
    assert matcher().find("Idleb") == []
    assert matcher(IDLIB).find("") == []


@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=200), st.booleans())
def test_fast_folds_are_the_fold(text: str, lower: bool) -> None:
    """The scanners' folds give exactly :func:`tqcheck.textfold.fold` (surrogates, dotted İ, ß
    and combining marks included): ASCII folded as bytes, the rest character by character."""
    from tqcheck.textfold import fold_fast, fold_utf8

    for t in (text, "Idleb İstanbul Straße é\u0301 \ud800 x \u1fef\u1ffd `"):
        assert fold_fast(t, lower) == fold(t, lower)
        assert fold_utf8(t) == fold(t).encode("utf-8", "surrogatepass")


def test_folding_a_folded_character_changes_nothing() -> None:
    """Every code point, both ways: :func:`tqcheck.textfold.fold_utf8` folds the ASCII that a
    run of other characters folded to once more, so that must be a no-op (Greek varia, U+1FEF,
    folded to a backtick, and a backtick is an apostrophe)."""
    from tqcheck.textfold import fold_char

    plain = fold_char.__wrapped__  # not memoised: a million characters would stay in the cache
    for lower in (True, False):
        for c in map(chr, range(0x110000)):
            once = plain(c, lower)
            assert len(once) == 1 and plain(once, lower) == once, (hex(ord(c)), once)
