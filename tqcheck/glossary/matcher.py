"""One pass over the text for every glossary form: an Aho-Corasick automaton.

Keys are folded forms (case, diacritics, apostrophes, hyphen/space), so ``al-Sham``,
``al Sham`` and ``al‑Sham`` are one key. Matches must sit on word boundaries, the longest match
at a position wins and overlapped shorter matches are dropped, acronyms must match case-exactly,
and an all-lowercase occurrence of a capitalised form is ignored (``turkey`` is a bird).
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from tqcheck.glossary.model import ACCEPTED, Entry, Form, Glossary, Role
from tqcheck.model import Span
from tqcheck.textfold import fold, key

#: When one entry lists the same key under two roles, the first role here wins.
ROLE_ORDER = (Role.CANONICAL, Role.ACRONYM, Role.ADMITTED, Role.VARIANT, Role.SOURCE)


@dataclass(frozen=True, slots=True)
class Match:
    span: Span
    text: str  # as written in the document
    entry: Entry
    form: Form

    @property
    def accepted(self) -> bool:
        return self.form.role in ACCEPTED


@dataclass(frozen=True, slots=True)
class Conflict:
    """One key claimed by two entries (reported by ``glossary validate``)."""

    key: str
    first: tuple[Entry, Form]
    second: tuple[Entry, Form]


class Matcher:
    """Compiled glossary: build once, then ``find(text)`` in one pass per document."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.conflicts: list[Conflict] = []
        table: dict[str, tuple[Entry, Form]] = {}
        for entry in glossary.entries:
            own: dict[str, Form] = {}
            for form in sorted(entry.forms(), key=lambda f: ROLE_ORDER.index(f.role)):
                k = key(form.text)
                if k and k not in own:
                    own[k] = form
            for k, form in own.items():
                if k in table and table[k][0] is not entry:
                    self.conflicts.append(Conflict(k, table[k], (entry, form)))
                    continue
                table[k] = (entry, form)
        self._table = table
        self._automaton = ahocorasick.Automaton()
        for k in table:
            self._automaton.add_word(k, k)
        self._empty = not table
        if table:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._table)

    def find(self, text: str) -> list[Match]:
        """All non-overlapping glossary matches in ``text``, in order."""
        if self._empty or not text:
            return []
        folded = fold(text)
        n = len(folded)
        candidates: list[tuple[int, int, str]] = []
        for end, k in self._automaton.iter(folded):
            start = end - len(k) + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            if end + 1 < n and folded[end + 1].isalnum():
                continue
            candidates.append((start, end + 1, k))
        if not candidates:
            return []
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        out: list[Match] = []
        last_end = -1
        for start, end, k in candidates:
            if start < last_end:
                continue
            entry, form = self._table[k]
            written = text[start:end]
            if form.is_acronym:
                if fold(written, lower=False) != fold(form.text, lower=False):
                    continue
            elif written.islower() and not form.text.islower():
                continue
            out.append(Match(Span(start, end), written, entry, form))
            last_end = end
        return out
