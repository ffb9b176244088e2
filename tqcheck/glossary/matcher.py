"""One pass over the text for every glossary form: an Aho-Corasick automaton.

Keys are folded forms (case, diacritics, apostrophes, hyphen/space), so ``al-Sham``,
``al Sham`` and ``al‑Sham`` are one key. Matches must sit on word boundaries, the longest match
at a position wins and overlapped shorter matches are dropped, acronyms must match case-exactly,
and an all-lowercase occurrence of a capitalised form is ignored (``turkey`` is a bird).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick

from tqcheck.gcpause import gc_paused
from tqcheck.glossary.model import Entry, Form, Glossary, Role, check_form
from tqcheck.model import Span
from tqcheck.textfold import fold, key

#: When one entry lists the same key under two roles, the first role here wins.
ROLE_ORDER = (Role.CANONICAL, Role.ACRONYM, Role.ADMITTED, Role.ALSO, Role.VARIANT, Role.SOURCE)


class Match:
    """One glossary match. A slotted plain class: millions are made on large archives."""

    __slots__ = ("end", "entry", "form", "key", "start", "text")

    def __init__(self, start: int, end: int, text: str, entry: Entry, form: Form, key: str) -> None:
        self.start = start
        self.end = end
        self.text = text  # as written in the document
        self.entry = entry
        self.form = form
        self.key = key  # folded matching key of ``text``

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def accepted(self) -> bool:
        return self.form.accepted

    def __repr__(self) -> str:
        return f"Match({self.start}, {self.end}, {self.text!r}, {self.entry.id!r}, {self.form.role.value})"


class MatchIndex:
    """A document's matches, asked "which match overlaps this span?" in O(log n).

    Checks ask that once per candidate (a name mention, an acronym); a scan of every match per
    question is quadratic on text dense with both. The matches must be as :meth:`Matcher.find`
    returns them: in order and non-overlapping, so their ends are sorted too.
    """

    __slots__ = ("_ends", "_matches")

    def __init__(self, matches: Sequence[Match]) -> None:
        self._matches = matches
        self._ends = [m.end for m in matches]

    def covering(self, span: Span) -> Match | None:
        """The first match that overlaps ``span``, or ``None``."""
        i = bisect_right(self._ends, span.start)
        if i < len(self._matches) and self._matches[i].start < span.end:
            return self._matches[i]
        return None


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
        keyed: list[tuple[Entry, dict[str, Form]]] = []
        for entry in glossary.entries:
            own: dict[str, Form] = {}
            # within a role, a form matched in any case wins over an all-caps one of the same key
            # (French "Otan" and Spanish "OTAN": both must be found)
            for form in sorted(entry.forms(), key=lambda f: (ROLE_ORDER.index(f.role), f.is_acronym)):
                check_form(entry.id, form)  # before the automaton: huge keys crash it
                k = key(form.text)
                if k and k not in own:
                    own[k] = form
            keyed.append((entry, own))
        # the checked language's own forms first, then the other languages' leftovers: a key that
        # is right in this language is never taken by another concept's foreign form
        for leftovers in (False, True):
            for entry, own in keyed:
                for k, form in own.items():
                    if (form.role is Role.SOURCE) is not leftovers:
                        continue
                    if k in table and table[k][0] is not entry:
                        self.conflicts.append(Conflict(k, table[k], (entry, form)))
                        continue
                    table[k] = (entry, form)
        self._table = table
        # the automaton's value per key: key, its length, entry, form, the case-exact form
        # (acronyms) or None, and whether the form has capitals; all a match needs, in one tuple
        self._automaton = ahocorasick.Automaton()
        for k, (e, f) in table.items():
            exact = fold(f.text, lower=False) if f.is_acronym else None
            self._automaton.add_word(k, (k, len(k), e, f, exact, not f.text.islower()))
        self._empty = not table
        if table:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._table)

    def find(self, text: str) -> list[Match]:
        """All glossary matches in ``text``: leftmost-longest, non-overlapping, in order."""
        if self._empty or not text:
            return []
        folded = fold(text)
        out: list[Match] = []
        with gc_paused():  # only acyclic objects are made here; collections would cost ~30%
            self._scan(text, folded, out)
        return out

    def _scan(self, text: str, folded: str, out: list[Match]) -> None:
        n = len(folded)
        cased: str | None = None
        last_start = last_end = -1  # the last kept match
        for last, (k, length, entry, form, exact, capitalised) in self._automaton.iter(folded):
            start = last - length + 1
            end = last + 1
            if (start and folded[start - 1].isalnum()) or (end < n and folded[end].isalnum()):
                continue
            if start > last_start and start < last_end:
                continue  # starts inside the last kept match: leftmost wins
            written = text[start:end]
            if exact is not None:
                if cased is None:
                    cased = fold(text, lower=False)
                if cased[start:end] != exact:
                    continue
            elif capitalised and written.islower():
                continue
            # candidates arrive by end offset: a longer one starting at or before the kept
            # ones replaces them
            while out and out[-1].start >= start:
                out.pop()
            if out and start < out[-1].end:
                continue
            out.append(Match(start, end, written, entry, form, k))
            last_start, last_end = start, end
