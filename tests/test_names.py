"""Name mentions and the transliteration-aware same-name decision, on real name pairs."""

from __future__ import annotations

from typing import Any

import pytest

from tqcheck.names.mentions import Mention, extract_mentions
from tqcheck.names.similarity import compare_names
from tqcheck.names.translit import token_key

from .conftest import DATA, FIXTURES, SEED


def names(text: str) -> list[tuple[str, int, int]]:
    return [(m.text, m.span.start, m.span.end) for m in extract_mentions(text)]


def test_mentions_exact_spans_particles_titles() -> None:
    text = (
        "From Idleb, Turkish Foreign Minister Mevlüt Çavuşoğlu met Osama bin Laden's aide and "
        "ex-Al Qaeda men near Al-Tamanah. Shaykh 'Abd al-Majid spoke. Charles de Gaulle did not."
    )
    got = names(text)
    assert got == [
        ("Idleb", 5, 10),
        ("Turkish", 12, 19),
        ("Mevlüt Çavuşoğlu", 37, 53),
        ("Osama bin Laden", 58, 73),
        ("Al Qaeda", 88, 96),
        ("Al-Tamanah", 106, 116),
        ("Shaykh 'Abd al-Majid", 118, 138),
        ("Charles de Gaulle", 146, 163),
    ]
    assert all(text[s:e] == t for t, s, e in got)


def test_mentions_skip_sentence_initial_common_words_and_caps() -> None:
    # "From", "The" start sentences; OSDH and AFP are acronyms, not names; "Idlib-based" keeps Idlib
    assert names("The rebels left. From Saraqeb, the OSDH and AFP said Idlib-based groups fled.") == [
        ("Saraqeb", 22, 29),
        ("Idlib", 53, 58),
    ]


def test_hyphenated_given_names_keep_their_syllables() -> None:
    """``Ki-moon`` is one given name (Korean syllables joined by a hyphen, after the family name);
    ``-era``, ``-run``, ``-ish`` and participles make another word of the name, which ends there,
    and a word that starts a name keeps the splitter's cut (``Ile-de-France``, ``Two-thirds``)."""
    text = "Ban Ki-moon met Moon Jae-in. Obama-era rules, Hamas-run Gaza, Biden-led talks, Merkel-ish."
    assert [m.cores for m in extract_mentions(text)] == [
        ("Ban", "Ki-moon"),
        ("Moon", "Jae-in"),
        ("Obama",),
        ("Hamas",),
        ("Gaza",),
        ("Biden",),
        ("Merkel",),
    ]
    assert [m.cores for m in extract_mentions("In Ile-de-France, Neuilly-sur-Seine. Two-thirds left.")] == [
        ("Ile",),
        ("Neuilly",),
    ]


def test_a_word_final_article_is_a_syllable_unless_a_name_follows() -> None:
    """``un`` and ``ul`` are also Arabic articles: leading the next name (``Abd-ul Rahman``) they
    are articles, ending the name (``Kim Jong-un``, ``Kim Jong-un's``) they are its syllable."""
    text = "Kim Jong-un met Abd-ul Rahman. Kim Jong-un's sister and Inam-ul Haq."
    assert [m.cores for m in extract_mentions(text)] == [
        ("Kim", "Jong-un"),
        ("Abd", "Rahman"),
        ("Kim", "Jong-un"),
        ("Inam", "Haq"),
    ]


def test_seed_mentions_articles() -> None:
    mentions = {m.text: m for m in extract_mentions(SEED.read_text(encoding="utf-8"))}
    assert mentions["Hayat Tahrir al-Cham"].cores == ("Hayat", "Tahrir", "Cham")
    assert mentions["Al-Tamana"].tokens[0].article == "Al"
    assert mentions["Bashar al-Assad"].cores == ("Bashar", "Assad")
    assert "President Bashar al-Assad" not in mentions


SAME = [
    # French ou / English u, ch / sh, dj / j, doubled consonants, -a / -ah / -eh
    ("Abu Douhour", "Abu Duhur"),
    ("Hayat Tahrir al-Cham", "Hayat Tahrir al-Sham"),
    ("Al-Tamanah", "Al-Tamana"),
    ("Djamel", "Jamal"),
    ("Raqqa", "Raqa"),
    ("Hawatmeh", "Hawatma"),
    # kh / h, gh / g, q / k and q / g (Libyan and Gulf qaf), dh / d
    ("Kharkiv", "Harkiv"),
    ("Ghazi", "Gazi"),
    ("Qaddafi", "Kaddafi"),
    ("Muammar Qaddafi", "Muammar Gaddafi"),
    ("Kadhafi", "Qaddafi"),
    # ei / ay / ai, e / i, o / u vowel shifts
    ("Saddam Hussein", "Saddam Husayn"),
    ("Sheikh", "Shaykh"),
    ("Idleb", "Idlib"),
    ("Osama bin Laden", "Usama bin Ladin"),
    ("Mohammed", "Muhammad"),
    ("Ahmed", "Ahmad"),
    ("Abdallah", "Abdullah"),
    ("Hezbollah", "Hizballah"),
    ("Qaeda", "Qaida"),
    # articles and their assimilation
    ("as-Sham", "el-Cham"),
    ("Abdel Rahman", "Abdulrahman"),
    # Russian / Ukrainian: y / iy / yy, zh / j, Tch / Ch, ts / tz, Kh / H, soft signs, diacritics
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
    ("Zelenskiy", "Zelensky"),
    ("Zhukov", "Joukov"),
    ("Tchernobyl", "Chernobyl"),
    ("Kyiv", "Kiev"),
    ("Luhansk", "Lugansk"),
    ("Tatyana", "Tatiana"),
    ("Mevlüt Çavuşoğlu", "Mevlut Cavusoglu"),
    ("Olga Il'ina", "Olga Ilina"),
    ("Trotzky", "Trotsky"),
    # the rest of the name agrees: one word may be further off (two swaps, Belarusian/Russian forms)
    ("Muammar al-Qadhafi", "Muammar Gaddafi"),
    ("Muammar Elkaddafi", "Muammar Gaddafi"),
    ("Khalifa Turki al-Subaiy", "Khalifa Turki Alsubaie"),
    ("Jamiel Hamieh", "Jamil Hamiyyah"),
    ("Stiapan Mikalayevich Sukharenka", "Stiapan Mikalayevich Sukhorenko"),
    ("Dzmitry Paulichenka", "Dzmitry Pavlichenko"),
    ("Uladzimir Naumau", "Uladzimir Naumov"),
    ("Mehrez Amdouni", "Mehrez Hamdouni"),
]

DIFFERENT = [
    ("Hama", "Homs"),
    ("Aleppo", "Afrin"),
    ("Tripoli", "Tripolis"),
    ("Raqqa", "Daraa"),
    ("Iran", "Iraq"),
    ("Austria", "Australia"),
    ("Bashar al-Assad", "Bashar al-Jaafari"),
    ("Omar", "Amr"),
    ("Ali", "Ala"),
    ("Hamid", "Hamad"),
    ("Said", "Saad"),
    ("Hassan", "Hussein"),
    ("Kamal", "Gamal"),
    ("Amir", "Amr"),
    ("Syria", "Syrian"),
    ("Ahmed Mansour", "Ahmed Mansouri"),
    ("Hamid Karzai", "Hamida Karzai"),
    # the looser word match needs the rest of the name (alone, Sahara / Sharia would pair) and keeps
    # a word's first sound and its ending
    ("Qadhafi", "Gaddafi"),
    ("Erkan Duzgoren", "Serkan Duzgoren"),
    ("Sergio Pena Mendoza", "Sergio Mendoza Pena"),
    ("Tomas Molina Caracas", "Tomas Medina Caracas"),
    ("Ahmed Mansour", "Ahmed Mansouria"),
    ("Said Hassan", "Saad Hassan"),
]


def cores(name: str) -> tuple[str, ...]:
    (mention,) = extract_mentions(name)
    return mention.cores


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_name(a: str, b: str) -> None:
    assert compare_names(cores(a), cores(b)).same
    assert compare_names(cores(b), cores(a)).same


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_names(a: str, b: str) -> None:
    assert not compare_names(cores(a), cores(b)).same
    assert not compare_names(cores(b), cores(a)).same


def test_translit_distance() -> None:
    from tqcheck.names.translit import translit_distance

    assert translit_distance(token_key("Qadhafi"), token_key("Gaddafi")) == 1.0  # two swaps
    assert translit_distance("amduni", "hamduni") < 0.5  # an added h
    assert translit_distance("mansur", "mansuri") >= 2.0  # a suffix, not a spelling


def test_keys() -> None:
    assert token_key("Cham") == token_key("Sham") == "sham"
    assert token_key("Douhour") == "duhur"
    assert token_key("Tamanah") == token_key("Tamana")
    assert token_key("Hamieh") == token_key("Hamiah") == token_key("Hamiyyeh") == "hamia"


def test_mentions_pickle_whole() -> None:
    """A worker of ``--jobs`` sends the mentions of each file to the parent: every field, the
    article of ``al-Cham`` and the words' spans included, comes back equal."""
    import pickle

    found = extract_mentions(SEED.read_text(encoding="utf-8"))
    assert any(t.article for m in found for t in m.tokens)
    back = pickle.loads(pickle.dumps(found, pickle.HIGHEST_PROTOCOL))
    assert back == found  # field by field, each word's too


def _set_mentions() -> list[tuple[str, Mention]]:
    """Every name mention of the variants set and the fixtures' English articles, by file."""
    from tqcheck.names.references import resolve

    out: list[tuple[str, Mention]] = []
    for path in sorted([*(DATA / "variants").glob("*.en.txt"), *FIXTURES.glob("*.txt")]):
        text = path.read_text(encoding="utf-8")
        out += [(path.name, m) for m in resolve(extract_mentions(text, "en"), "en", text)]
    return out


@pytest.mark.parametrize("decisions", [None, 12])
def test_judgements_made_ahead_give_the_same_clusters(
    decisions: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--jobs`` makes a set clustering's judgements on the workers first (a fanout); the
    clusters are the ones made alone, also when the decision budget runs out half-way."""
    from tqcheck.names import clusters

    if decisions is not None:
        monkeypatch.setattr(clusters, "MAX_DECISIONS", decisions)
        monkeypatch.setattr(clusters, "DECISIONS_PER_SPELLING", 0)
    monkeypatch.setattr(clusters, "SPECULATE_FROM", 0)
    mentions = _set_mentions()
    batches: list[int] = []

    def fanout(fn: Any, items: Any) -> Any:
        batches.extend(len(b) for b in items)
        return map(fn, items)

    def keys(found: list[clusters.NameCluster]) -> list[list[tuple[str, ...]]]:
        return [[s.key for s in cl.spellings] for cl in found]

    alone = keys(clusters.cluster_mentions(mentions, "en", across=True))
    ahead = keys(clusters.cluster_mentions(mentions, "en", across=True, fanout=fanout))
    assert ahead == alone
    assert sum(batches) > 50  # the judgements were made ahead, not asked one by one
    assert any(len(c) > 1 for c in alone)  # and some names joined (Sisi, Mosul...)
