"""A bilingual lexicon learned from parallel news: which words translate which.

``tqcheck/data/lexicon-<src>-<tgt>.tsv.gz`` is built by ``scripts/build_lexicon.py`` (IBM Model 1
in both directions, trained on the WMT news development years only) and holds, per source
stem, the target stems it translates into, plus each side's function words (the commonest
words of the training text, which say nothing about coverage). Words are compared as *stems*:
folded, lower-cased prefixes (``gouvernement`` and ``gouvernements`` are ``gouver``), which is
what a lexicon learned from a few thousand sentences can generalise over.

A language pair without a file has no lexicon: coverage then rests on figures, names and
cognates alone, which is weaker evidence (see :mod:`tqcheck.bilingual.coverage`).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from tqcheck.textfold import fold
from tqcheck.tokens import APOSTROPHE, WORD

#: letters a stem keeps: long enough to tell words apart, short enough to merge inflections
STEM = 6


def stem(word: str) -> str:
    """Folded, lower-cased prefix of a word: what the lexicon compares."""
    return fold(word.lower())[:STEM]


def words(text: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` with their offsets, apostrophe parts apart (l'économie -> économie)."""
    out: list[tuple[int, int, str]] = []
    for m in WORD.finditer(text):
        pos = m.start()
        for part in APOSTROPHE.split(m.group()):
            if part:
                out.append((pos, pos + len(part), part))
            pos += len(part) + 1
    return out


#: how often an unknown word (and an unknown name) is found covered, when the file does not say
UNSEEN = (0.3, 0.6)


@dataclass(frozen=True)
class Lexicon:
    """Source stem -> target stems, both ways; each side's function words; and each stem's
    reliability, the share of its occurrences the check found covered in held-out parallel text
    (an uncovered word that is nearly always found is strong evidence of an omission)."""

    forward: dict[str, frozenset[str]] = field(default_factory=dict)
    backward: dict[str, frozenset[str]] = field(default_factory=dict)
    src_function: frozenset[str] = frozenset()
    tgt_function: frozenset[str] = frozenset()
    src_reliability: dict[str, float] = field(default_factory=dict)
    tgt_reliability: dict[str, float] = field(default_factory=dict)
    src_unseen: tuple[float, float] = UNSEEN  # (a word, a name) the file has no figure for
    tgt_unseen: tuple[float, float] = UNSEEN

    def __bool__(self) -> bool:
        return bool(self.forward)

    def reverse(self) -> Lexicon:
        """The same lexicon read from the target side."""
        return Lexicon(
            self.backward,
            self.forward,
            self.tgt_function,
            self.src_function,
            self.tgt_reliability,
            self.src_reliability,
            self.tgt_unseen,
            self.src_unseen,
        )


def parse(lines: list[str]) -> Lexicon:
    """Read the data file: ``#src-function``/``#tgt-function`` word lists, ``#src-unseen`` and
    ``#tgt-unseen`` reliabilities, ``s<TAB>stem<TAB>reliability<TAB>targets`` per source stem and
    ``t<TAB>stem<TAB>reliability`` per target stem."""
    forward: dict[str, set[str]] = {}
    backward: dict[str, set[str]] = {}
    heads: dict[str, str] = {}
    rel: dict[str, dict[str, float]] = {"s": {}, "t": {}}
    for line in lines:
        fields = line.split("\t")
        if line.startswith("#") and len(fields) == 2:
            heads[fields[0][1:]] = fields[1]
        elif fields[0] in rel and len(fields) >= 3:
            if fields[2]:
                rel[fields[0]][fields[1]] = float(fields[2])
            for t in fields[3].split() if len(fields) > 3 else ():
                forward.setdefault(fields[1], set()).add(t)
                backward.setdefault(t, set()).add(fields[1])
    return Lexicon(
        {k: frozenset(v) for k, v in forward.items()},
        {k: frozenset(v) for k, v in backward.items()},
        frozenset(heads.get("src-function", "").split()),
        frozenset(heads.get("tgt-function", "").split()),
        rel["s"],
        rel["t"],
        _pair(heads.get("src-unseen")),
        _pair(heads.get("tgt-unseen")),
    )


def _pair(value: str | None) -> tuple[float, float]:
    parts = (value or "").split()
    return (float(parts[0]), float(parts[1])) if len(parts) == 2 else UNSEEN


@lru_cache(maxsize=8)
def lexicon(src_lang: str, tgt_lang: str) -> Lexicon:
    """The shipped lexicon for a language pair (either direction), empty when none ships."""
    src, tgt = (x.lower().replace("_", "-").split("-")[0] for x in (src_lang, tgt_lang))
    for a, b, flip in ((src, tgt, False), (tgt, src, True)):
        try:
            raw = resources.files("tqcheck").joinpath("data", f"lexicon-{a}-{b}.tsv.gz").read_bytes()
        except (FileNotFoundError, OSError):
            continue
        lex = parse(gzip.decompress(raw).decode("utf-8").splitlines())
        return lex.reverse() if flip else lex
    return Lexicon()
