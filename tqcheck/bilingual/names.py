"""Names in the source and their counterparts in the translation.

The source's multi-word proper names (:func:`names_in`) are looked for among the target's words
(:func:`target_words`), allowing transliteration (Bachar/Bashar, Kadhafi/Gaddafi), exonyms and
demonyms (:mod:`tqcheck.bilingual.exonyms`) and acronyms. Glossary terms are looked up in
the target the same forgiving way (:func:`undotted`, :func:`short_form`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import jellyfish
from rapidfuzz import fuzz, process

from tqcheck.bilingual.alignment import Unit
from tqcheck.bilingual.exonyms import demonym_bases, folded_words
from tqcheck.locale import Locale, common_words
from tqcheck.names.learned import word_distance
from tqcheck.textfold import fold
from tqcheck.tokens import ACRONYM, DOTTED_ACRONYM, TOKEN, TOKEN_JOINER, WORD

#: Particles inside a name (Bashar al-Assad, Osama bin Laden). French de/du/la are left out on
#: purpose: "Conseil de Surveillance" is an institution translated word by word, not a name.
PARTICLES = frozenset(["al", "el", "ben", "bin", "ibn", "abu", "abou", "van", "von"])


#: a translation unit's target words for the name check: folded words (with the places their
#: adjectives render), their metaphone codes, the folded text and the acronyms
TargetWords = tuple[set[str], set[str], str, set[str]]


def target_words(everything: list[Unit], tgt_loc: Locale) -> TargetWords:
    """Computed once per translation unit, not once per sentence: names look in all of it."""
    candidates: set[str] = set()
    for u in everything:
        for t in u.target:
            for tok in TOKEN.findall(t.text):
                for part in TOKEN_JOINER.split(tok):
                    if len(part) >= 3:
                        candidates.add(fold(part))
    candidates |= demonym_bases(candidates, tgt_loc)
    candidates |= {script_key(c) for c in candidates}
    target_text = folded_words(" ".join(t.text for u in everything for t in u.target))
    codes = {jellyfish.metaphone(c) for c in candidates}
    acronyms = {re.sub(r"\W", "", a) for u in everything for t in u.target for a in ACRONYM.findall(t.text)}
    return candidates, codes, target_text, acronyms


#: Letters that Central European spellings of Slavic names use where English ones write others
#: (Iwan Wasjunik / Ivan Vasyunik, Tschernenko / Chernenko): compared after this folding too.
_SCRIPT_FOLDS = (("tsch", "ch"), ("sch", "sh"), ("cz", "ch"), ("w", "v"), ("j", "y"))


def script_key(word: str) -> str:
    """``word`` (folded) with the letters of :data:`_SCRIPT_FOLDS` written the English way."""
    for a, b in _SCRIPT_FOLDS:
        word = word.replace(a, b)
    return word


def title_case(text: str) -> bool:
    """A heading in title case (``Polívka Loses Wallachian Kingdom``): every word capitalised, so
    runs of capitals there are no evidence of a name."""
    words = [w for w in WORD.findall(text) if len(w) >= 3]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


def fuzzy_in(token: str, candidates: set[str], codes: set[str]) -> bool:
    """Is the folded name word ``token`` among the target's words, by spelling, sound or a close
    spelling (transliterations differ: Bachar/Bashar, Wasjunik/Vasyunik)?"""
    if token in candidates or script_key(token) in candidates:
        return True
    if len(token) >= 7 and any(c[:6] == token[:6] and len(c) >= 7 for c in candidates):
        return True  # the name's adjective or another ending: Baléares -> Balearic (Islands)
    if jellyfish.metaphone(token) in codes:
        return True
    near = [c for c in candidates if abs(len(c) - len(token)) <= 3]
    close = process.extract(token, near, scorer=fuzz.ratio, score_cutoff=ROMANISED_RATIO, limit=None)
    return any(score >= 80 or romanised_alike(token, c) for c, score, _ in close)


#: below this rapidfuzz ratio two words are never compared by the learned distance (a cheap
#: bound: the romanisations it is for score 67-80, Iouri/Yuri, Loujkov/Luzhkov, Kadhafi/Gaddafi)
ROMANISED_RATIO = 60


def romanised_alike(a: str, b: str) -> bool:
    """Two name words one romanisation apart (Loujkov/Luzhkov, Iouri/Yuri, Qaida/Qaeda): the
    learned distance (:mod:`tqcheck.names.learned`) per letter at most :data:`ROMANISED_COST`."""
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_ROMANISED or fuzz.ratio(a, b) < ROMANISED_RATIO:
        return False
    return word_distance(a, b) <= ROMANISED_COST * max(len(a), len(b))


#: learned nats per letter: stricter than the clustering's bar (1.2), since any word of the
#: translation may be the partner here: Loujkov/Luzhkov 0.36, Iouri/Yuri 0.52, Qaida/Qaeda 0.57,
#: Sergueï/Sergyey 0.79, Kadhafi/Gaddafi 0.83 pass; Berlin/Merlin 1.09, Paris/Peres 1.11,
#: Allemagne/Allemand 1.05 do not
ROMANISED_COST = 0.85


#: words shorter than this are only ever equal (in, the, al)
MIN_ROMANISED = 4
#: a form written without its spaces and hyphens is looked for only when this long (Co-operation
#: for Cooperation): a short one is inside too many other words
MIN_COMPACT = 10


def _compact(text: str) -> str:
    return re.sub(r"\W+", "", fold(text))


def written_otherwise(forms: list[str], window: list[Unit]) -> str | None:
    """The first of ``forms`` the target of ``window`` writes with other hyphens or spaces
    (Co-operation/Cooperation) or one romanisation apart in each word (Sergei/Sergyey Lavrov,
    al-Qaeda/al-Qaida in the Islamic Maghreb): the entity is rendered, however spelled."""
    text = " ".join(t.text for u in window for t in u.target)
    compact = _compact(text)
    parts = [fold(p) for tok in TOKEN.findall(text) for p in TOKEN_JOINER.split(tok) if p]
    for form in forms:
        want = [fold(p) for tok in TOKEN.findall(form) for p in TOKEN_JOINER.split(tok) if p]
        if len(want) < 2:
            continue
        key = _compact(form)
        if len(key) >= MIN_COMPACT and key in compact:
            return form
        for i in range(len(parts) - len(want) + 1):
            if all(romanised_alike(w, parts[i + k]) for k, w in enumerate(want)):
                return form
    return None


def short_form(form: str, window: list[Unit]) -> bool:
    """``Security Council`` for ``UN Security Council``: a form that opens with an acronym is
    often written without it once the context names the organisation."""
    head, _, rest = form.partition(" ")
    if not (head.isupper() and len(head) >= 2 and len(rest.split()) >= 2):
        return False
    rx = re.compile(rf"\b{re.escape(rest)}\b", re.I)
    return any(rx.search(t.text) for u in window for t in u.target)


def undotted(text: str) -> str:
    """``U.N.`` and ``U.S.`` written as the glossary writes acronyms (UN, US), for lookups only:
    American copy dots them."""
    return DOTTED_ACRONYM.sub(lambda m: m.group().replace(".", ""), text)


def _capitalised(word: str) -> bool:
    """``Assad`` and ``al-Assad`` both start a name word."""
    if word[:1].isupper():
        return True
    head, _, rest = word.partition("-")
    return head.lower() in PARTICLES and rest[:1].isupper()


def non_names(group: list[Unit], loc: Locale) -> Callable[[str], bool]:
    """Words that are not names by themselves: the locale's capitalised common words (Conseil,
    Maison, Guerre), the language's everyday words and any word the source also writes in lower
    case (la guerre, un jardin)."""
    lower = {w for u in group for s in u.source for w in WORD.findall(s.text) if w.islower()}
    everyday = common_words(loc.lang)
    folded_not_names = {fold(w) for w in loc.not_names}  # "Affaires Etrangères" as "étrangères"
    return lambda w: w in loc.not_names or fold(w) in folded_not_names or w in everyday or w in lower


def names_in(text: str, common: Callable[[str], bool] = lambda w: False) -> list[tuple[int, int, list[str]]]:
    """Multi-word proper names (not counting a sentence-initial word): span and name words.

    A run of capitalised words whose every word is a common word (``common``: Conseil National,
    Maison Blanche, Première Guerre) is an institution or an event translated word by word, not a
    name to find again.
    """
    tokens = list(TOKEN.finditer(text))
    out: list[tuple[int, int, list[str]]] = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        caps = [m for m in run if _capitalised(m.group())]
        while run and run[-1].group().lower() in PARTICLES:
            run.pop()
        if len(caps) >= 2 and run:
            words = [p for m in caps for p in TOKEN_JOINER.split(m.group()) if len(p) >= 3]
            proper = any(not common(w.lower()) for w in words)
            if proper and not any(w.isupper() for w in words):
                out.append((run[0].start(), run[-1].end(), words))
        run.clear()

    for n, m in enumerate(tokens):
        word = m.group()
        initial = n == 0 or bool(re.search(r"[.!?:«“\"]\s*$", text[tokens[n - 1].end() : m.start()]))
        gap = text[tokens[n - 1].end() : m.start()] if n else ""
        if run and gap.strip():
            flush()  # "(Démocrate - Arizona)": a party and a state, not one name
        if (_capitalised(word) and not initial) or (run and word.lower() in PARTICLES):
            run.append(m)
        else:
            flush()
    flush()
    return out
