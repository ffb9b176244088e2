"""What romanisation conventions agree on: a normalised key and a consonant skeleton per name token.

French, English, German and Russian/Ukrainian desks write one Arabic, Persian or Cyrillic name with
different Latin letters (``Cham``/``Sham``, ``Douhour``/``Duhur``, ``Zelenskiy``/``Zelenskyy``). The
rules below undo those conventions so two spellings of one name reach the same *key*; the
*skeleton* (consonants only, with the few letters that romanisations confuse put in one class) is
what must agree before two different-looking tokens can be called one name. Keys keep the vowels,
because vowel quality separates real names (``Hamid``/``Hamad``, ``Said``/``Saad``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Arabic definite-article spellings, assimilated forms included (``ash-Sham``, ``ad-Din``, ``an-Nusra``).
ARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "ol",
        "ad",
        "ed",
        "ud",
        "as",
        "es",
        "us",
        "ash",
        "esh",
        "ush",
        "at",
        "et",
        "ut",
        "ath",
        "az",
        "ez",
        "uz",
        "ar",
        "er",
        "ur",
        "an",
        "en",
        "un",
        "adh",
        "dh",
    ]
)

#: Letters romanisations swap for one sound; one swap inside a class is a possible variant.
CONSONANT_CLASSES: dict[str, str] = {
    "k": "K",  # q/k (q is folded to k in the key)
    "g": "G",
    "x": "H",  # kh
    "h": "H",
    "d": "D",
    "ð": "D",  # dh
    "z": "Z",
    "t": "T",
    "θ": "T",  # th
    "s": "S",
    "j": "J",
    "f": "F",
    "v": "V",
    "w": "V",
    "b": "B",
    "p": "P",
}

#: Pairs of consonant classes that one romanisation writes for the other's letter.
CONFUSABLE: frozenset[frozenset[str]] = frozenset(
    frozenset(p)
    for p in (
        ("k", "g"),  # Qaddafi / Gaddafi (Gulf and Libyan q)
        ("x", "h"),  # Kharkiv / Harkiv, Khaled / Haled
        ("ð", "d"),  # Dhuhur / Duhur
        ("ð", "z"),  # Dhuhur / Zuhour
        ("θ", "t"),  # Othman / Otman
        ("θ", "s"),  # Uthman / Usman
        ("j", "g"),  # Jamal / Gamal (Egyptian g)
        ("g", "h"),  # Luhansk / Lugansk (Ukrainian h = Russian g)
        ("v", "w"),  # Volodymyr / Wolodymyr
        ("v", "f"),  # Ivanov / Ivanoff
        ("b", "p"),  # Persian p written b
        ("s", "z"),  # Hamza / Hamsa, Cortez / Cortes
        ("b", "v"),  # Spanish b/v: Gaby / Gavy
    )
)

VOWELS = frozenset("aeiou")

_DIGRAPH_MAP = {
    "tsch": "sh",
    "sch": "sh",
    "tch": "sh",
    "dzh": "j",
    "dj": "j",
    "zh": "j",
    "ch": "sh",
    "kh": "x",
    "gh": "g",
    "ph": "f",
    "dh": "ð",
    "th": "θ",
}
_DIGRAPHS = re.compile("|".join(_DIGRAPH_MAP))

# Ordered rewrite rules (regex, replacement) on a lower-case, accent-free token.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"['’ʼʻʿʾ`´‘-]", ""),  # hamza/ayn marks, soft signs written as apostrophes
        (r"^abd[aeiou]l$", "abd"),  # Abdel Khaleq = Abd al-Khaliq (the article is dropped elsewhere)
        (r"^abd[aeiou]?l", "abdal"),  # Abdelrahman / Abdulrahman / Abdalrahman
        (r"(?<=[^aeiou])(?:ii?|y+|iy+)[ae]h?$", "ia"),  # Hamieh / Hamiah / Hamiyyeh / Hamiye
        (r"(?<=[aeiou])h$", ""),  # -ah / -eh endings: Tamanah / Tamana, Hawatmeh / Hawatme
        (r"[aeiou]l+ah?$", "ala"),  # Nasrallah / Nasrullah, Hezbollah / Hizballah
        # one pass for the consonant digraphs (longest first): German Tsch/Sch, French Tch = English
        # Ch, Djamel / Jamal, Zhukov / Joukov (ж), French Cham = English Sham, kh, gh, ph, dh, th
        (_DIGRAPHS, ""),
        (r"(?<=[bfjlmnprv])h", ""),  # Jhon / John, Nhora / Nora: a silent h after a consonant
        (r"ck|q|c(?=[aouk]|$)", "k"),
        (r"c(?=[eiy])", "s"),  # soft c: Deicy / Deisy, Ociel / Osiel
        (r"tz", "ts"),
        (r"^(?:ibn|ben|bin)$", "bin"),  # the 'son of' particle
        (r"^ou(?=[aei])", "w"),  # French Oualid = Walid
        (r"ou|oo|uu", "u"),
        (r"ee|ie", "i"),  # Hoorie / Houri, Jamiel / Jamil
        (r"i?y[iy]$|ij$|ii$", "i"),  # Zelenskiy / Zelenskyy / Zelensky / Zelenskij
        (r"(?<=[aeiou])w(?=[^aeiouy]|$)", "u"),  # Dawlat / Daulat
        (r"(?<=a)w(?=u)", ""),  # Dawud / Daoud
        (r"y", "i"),
        (r"ae|ay|ai|ei|ey", "ai"),  # Qaeda / Qaida, Husayn / Hussein, Leila / Layla
        (r"(?<=[aeiou])h$", ""),  # again, for endings the rules above produced
        (r"(.)\1+", r"\1"),  # doubled letters: Raqqa / Raqa, Assad / Asad
    )
)


def strip_accents(text: str) -> str:
    """``Mevlüt Çavuşoğlu`` -> ``Mevlut Cavusoglu`` (and ``ı`` -> ``i``)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("ł", "l").replace("ø", "o"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def token_key(token: str) -> str:
    """The transliteration key of one name token (no article): ``Cham`` and ``Sham`` -> ``sham``."""
    s = (token if token.isascii() else strip_accents(token)).lower()
    for pattern, repl in _RULES:
        s = pattern.sub(_digraph, s) if pattern is _DIGRAPHS else pattern.sub(repl, s)
    return s


def _digraph(m: re.Match[str]) -> str:
    return _DIGRAPH_MAP[m.group()]


def skeleton(key: str) -> str:
    """Consonants of a key, in order: ``husain`` -> ``hsn``."""
    return "".join(c for c in key if c not in VOWELS)


def class_skeleton(key: str) -> str:
    """The skeleton with confusable letters merged into one class (used for blocking)."""
    out = []
    for c in skeleton(key):
        cls = CONSONANT_CLASSES.get(c, c)
        out.append(_MERGED.get(cls, cls))
    return "".join(out)


# Classes that a CONFUSABLE pair joins are merged for blocking, so a one-letter swap lands in one block.
def _merge_classes() -> dict[str, str]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for pair in CONFUSABLE:
        a, b = (CONSONANT_CLASSES.get(c, c) for c in sorted(pair))
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {c: find(c) for c in set(CONSONANT_CLASSES.values())}


_MERGED = _merge_classes()


def is_article(word: str) -> bool:
    """``al``, ``el``, ``ash``, ``ad`` ... (the word alone, lower-cased)."""
    return word.lower() in ARTICLES


@dataclass(frozen=True, slots=True)
class VowelSlots:
    """A key cut at its consonants: the vowel run before, between and after them."""

    consonants: str
    slots: tuple[str, ...]


def vowel_slots(key: str) -> VowelSlots:
    """``ahmad`` -> consonants ``hmd``, slots ``("a", "", "a", "")``."""
    consonants: list[str] = []
    slots: list[str] = []
    run: list[str] = []
    for c in key:
        if c in VOWELS:
            run.append(c)
        else:
            slots.append("".join(run))
            run = []
            consonants.append(c)
    slots.append("".join(run))
    return VowelSlots("".join(consonants), tuple(slots))


#: Vowel runs that romanisations write for one another (cost of the swap).
_VOWEL_SWAPS: dict[frozenset[str], float] = {
    frozenset(("a", "e")): 0.25,  # Ahmad / Ahmed
    frozenset(("e", "i")): 0.25,  # Idleb / Idlib
    frozenset(("o", "u")): 0.25,  # Osama / Usama
    frozenset(("o", "a")): 0.5,  # Hezbollah / Hizballah (after the -allah rule), Kharkov
    frozenset(("ai", "e")): 0.5,  # Sheikh / Shekh
    frozenset(("ai", "i")): 0.5,  # Hussein / Husin
    frozenset(("ia", "a")): 0.5,  # Tatiana / Tatana (soft vowel)
    frozenset(("iu", "u")): 0.5,  # Yury / Yuri
    frozenset(("ie", "e")): 0.5,
    frozenset(("o", "i")): 0.75,  # Kharkov / Kharkiv (Russian o = Ukrainian i)
}


def vowel_swap_cost(a: str, b: str) -> float | None:
    """Cost of writing vowel run ``a`` as ``b``; ``None`` when no convention does that."""
    if a == b:
        return 0.0
    return _VOWEL_SWAPS.get(frozenset((a, b)))


@lru_cache(maxsize=65536)
def french_markers(text: str) -> int:
    """How French a romanisation looks (``ou``, ``ch``, ``dj``, ``tch``): breaks ties towards English."""
    low = strip_accents(text).lower()
    return sum(low.count(m) for m in ("ou", "dj", "tch")) + len(re.findall(r"(?<![st])ch", low))


#: Vowel-for-vowel substitutions in a romanisation-aware edit distance (unlisted pairs: 0.6).
_VOWEL_SUB: dict[frozenset[str], float] = {
    frozenset(("a", "e")): 0.25,
    frozenset(("e", "i")): 0.25,
    frozenset(("o", "u")): 0.25,
    frozenset(("a", "o")): 0.5,
    frozenset(("a", "i")): 0.5,
    frozenset(("a", "u")): 0.5,
    frozenset(("i", "u")): 0.5,
}
#: Consonant-for-consonant substitutions romanisations make, beyond :data:`CONFUSABLE` (0.5 each).
_CONSONANT_SUB: dict[frozenset[str], float] = {
    frozenset(("t", "d")): 0.75,  # final devoicing: Akhmed / Akhmet, Mahad / Mahat
    frozenset(("k", "x")): 0.5,  # kh written k: Lakhvi / Lakvi, Nikbakht / Nikbakt
    frozenset(("s", "θ")): 0.5,
    frozenset(("j", "d")): 0.75,  # Serbo-Croatian dj / đ written d: Djordjevic / Dordevic
    frozenset(("j", "z")): 0.5,  # zh / j / z: Najmiddin / Nazhmuddin
    frozenset(("k", "s")): 0.75,  # soft/hard c read two ways
    frozenset(("g", "h")): 0.5,  # Belarusian/Ukrainian h = Russian g: Hryhoryavich / Grigorievich
}
#: A vowel-like consonant written for a vowel: w / u / o (Belarusian ў: Naumau / Naumov), v / u.
_GLIDE_SUB: dict[frozenset[str], float] = {
    frozenset(("w", "u")): 0.3,
    frozenset(("w", "o")): 0.4,
    frozenset(("v", "u")): 0.4,
    frozenset(("j", "i")): 0.5,  # Joseph / Yosef (y is folded to i in the key)
}
#: Inserting or deleting a vowel, an ``h`` (Hamdouni / Amdouni), a glide, or another consonant.
_INDEL_VOWEL = 0.35
_INDEL_H = 0.4
_INDEL_OTHER = 1.0
#: At the end of a word an added vowel is a suffix (``Mansour``/``Mansouri``, ``Hamid``/``Hamida``).
_INDEL_FINAL = 2.0


def letter_swap_cost(p: str, q: str) -> float:
    """Cost of writing key letter ``p`` as ``q`` (0.25 for a/e, 0.5 for q/g or v/w, 1.0 unrelated)."""
    if p == q:
        return 0.0
    pv, qv = p in VOWELS, q in VOWELS
    pair = frozenset((p, q))
    if pv and qv:
        return _VOWEL_SUB.get(pair, 0.6)
    if pv != qv:
        return _GLIDE_SUB.get(pair, 1.0)
    if pair in CONFUSABLE:
        return 0.5
    return _CONSONANT_SUB.get(pair, 1.0)


def _indel_cost(c: str, at_end: bool) -> float:
    if at_end:
        return _INDEL_FINAL
    if c in VOWELS:
        return _INDEL_VOWEL
    if c == "h":
        return _INDEL_H
    return _INDEL_OTHER


@lru_cache(maxsize=65536)
def translit_distance(kx: str, ky: str) -> float:
    """Edit distance between two keys where the edits romanisations make are cheap.

    Vowel quality changes (``Yarmoshina``/``Yermoshina``), dropped or added vowels and ``h``
    (``Mehrez``/``Meherez``, ``Amdouni``/``Hamdouni``), confusable consonants (``Qadhafi`` /
    ``Gaddafi``: two swaps) cost less than one plain edit; a letter added at the end of a word is a
    suffix and costs a full edit.
    """
    n, m = len(kx), len(ky)
    prev = [0.0] * (m + 1)
    for j in range(1, m + 1):
        prev[j] = prev[j - 1] + _indel_cost(ky[j - 1], j == m and n > 0)
    for i in range(1, n + 1):
        cur = [prev[0] + _indel_cost(kx[i - 1], i == n and m > 0)] + [0.0] * m
        p = kx[i - 1]
        for j in range(1, m + 1):
            q = ky[j - 1]
            cur[j] = min(
                prev[j - 1] + letter_swap_cost(p, q),
                prev[j] + _indel_cost(p, j == m),
                cur[j - 1] + _indel_cost(q, i == n),
            )
        prev = cur
    return prev[m]
