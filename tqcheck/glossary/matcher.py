"""One pass over the text for every glossary form (:mod:`tqcheck.glossary.scanner`).

Keys are folded forms (case, diacritics, apostrophes, hyphen/space), so ``al-Sham``,
``al Sham`` and ``al‑Sham`` are one key. Matches must sit on word boundaries, the longest match
at a position wins and overlapped shorter matches are dropped, acronyms must match case-exactly,
and an all-lowercase occurrence of a capitalised form is ignored (``turkey`` is a bird).
"""

from __future__ import annotations

import pickle
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from tqcheck.gcpause import gc_paused
from tqcheck.glossary import scanner
from tqcheck.glossary.model import Entry, Form, Glossary, Role, check_form, is_acronym
from tqcheck.model import Span
from tqcheck.textfold import fold, fold_char, key

#: When one entry lists the same key under two roles, the first role here wins.
ROLE_ORDER = (Role.CANONICAL, Role.ACRONYM, Role.ADMITTED, Role.ALSO, Role.VARIANT, Role.SOURCE)


class Match:
    """One glossary match. A slotted plain class: millions are made on large archives.

    A match from :meth:`Matcher.find` knows its entry and form by number and makes the
    :class:`Entry` and :class:`Form` objects only when asked (``entry``, ``form``): a loaded
    matcher rebuilds an entry from its record, and a check that reads only ``accepted``,
    ``key`` and ``number`` (most matches of a glossary-only run) never needs it.
    """

    __slots__ = ("_at", "_entry", "_form", "_matcher", "accepted", "end", "key", "number", "start", "text")

    def __init__(
        self, start: int, end: int, text: str, entry: Entry, form: Form, key: str, number: int
    ) -> None:
        self.start = start
        self.end = end
        self.text = text  # as written in the document
        self._entry: Entry | None = entry
        self._form: Form | None = form
        self._matcher: Matcher | None = None
        self._at = -1
        self.key = key  # folded matching key of ``text``
        #: the entry's number in its glossary: the same number is the same entry (one matcher)
        self.number = number
        self.accepted = form.accepted  # correct in target text (the form's ``accepted``)

    @property
    def entry(self) -> Entry:
        entry = self._entry
        if entry is None:
            assert self._matcher is not None
            entry = self._entry = self._matcher._entry(self.number)
        return entry

    @property
    def form(self) -> Form:
        form = self._form
        if form is None:
            assert self._matcher is not None
            form = self._form = self._matcher._form(self.number, self._at)
        return form

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def __reduce__(self) -> tuple[type[Match], tuple[int, int, str, Entry, Form, str, int]]:
        # whole, never with the matcher (a worker sends its matches to the parent)
        return Match, (self.start, self.end, self.text, self.entry, self.form, self.key, self.number)

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


#: Bump when :meth:`Matcher.dumps` writes something else.
FORMAT = "tqcheck-matcher-3"
#: Characters folded and scanned at a time (:meth:`Matcher.find`).
PIECE = 1 << 20
_CUT = re.compile(r"\s")


def _pieces(text: str, size: int) -> list[tuple[int, int]]:
    """``text`` cut into ``(start, end)`` runs of about ``size`` characters, each cut after a
    white-space character (a run without any stays whole)."""
    out = []
    start = 0
    while len(text) - start > size:
        m = _CUT.search(text, start + size)
        if m is None:
            break
        out.append((start, m.start() + 1))
        start = m.start() + 1
    out.append((start, len(text)))
    return out


#: What the acronym check reads of a glossary (:meth:`Matcher.acronyms`, :meth:`Matcher.source_acronyms`).
_Acronyms = tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str, str, str], ...]]


class Matcher:
    """Compiled glossary: build once, then ``find(text)`` in one pass per document.

    The scanner's values are plain (entry and form numbers), so a compiled matcher is stored
    and loaded whole (:meth:`dumps`, :meth:`loads`: the user cache of
    :mod:`tqcheck.glossary.compiled`); a loaded one turns an entry number back into its
    :class:`Entry` only when a match or a check asks for it, so a 200,000-entry glossary costs
    one read, not 200,000 objects.
    """

    def __init__(self, glossary: Glossary, engine: str | None = None) -> None:
        """``engine``: the scanner's kind (:func:`tqcheck.glossary.scanner.build`)."""
        self._glossary: Glossary | None = glossary
        self._lang = glossary.lang
        self._meta = (glossary.name, glossary.lang, glossary.source_lang, tuple(glossary.paths))
        self.conflicts: list[Conflict] = []
        table: dict[str, tuple[Entry, Form]] = {}
        keyed: list[tuple[Entry, dict[str, Form]]] = []
        forms_of: list[list[Form]] = []
        number: dict[int, int] = {}  # id(entry) -> its position in glossary.entries
        for entry in glossary.entries:
            own: dict[str, Form] = {}
            forms = entry.forms()
            number[id(entry)] = len(forms_of)
            forms_of.append(forms)
            # within a role, a form matched in any case wins over an all-caps one of the same key
            # (French "Otan" and Spanish "OTAN": both must be found)
            for form in sorted(forms, key=lambda f: (ROLE_ORDER.index(f.role), f.is_acronym)):
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
        self._entries: list[Entry | None] = list(glossary.entries)
        self._forms: list[list[Form] | None] = list(forms_of)
        self._records: list[bytes] = []
        self._keys = len(table)
        # the scanner's value per key: key, its length, entry and form numbers, the case-exact
        # form (acronyms) or None, whether the form has capitals and whether it is accepted; all
        # a match needs, in one tuple
        values = []
        for k, (e, f) in table.items():
            exact = fold(f.text, lower=False) if f.is_acronym else None
            n = number[id(e)]
            at = next(i for i, g in enumerate(forms_of[n]) if g is f)
            values.append((k, (k, len(k), n, at, exact, not f.text.islower(), f.accepted)))
        self._scanner = scanner.build(values, engine)
        self._reach = max((len(k) for k in table), default=0) + 1  # the longest key, and one more
        self._acronyms: _Acronyms | None = None

    def __len__(self) -> int:
        return self._keys

    @property
    def lang(self) -> str:
        """The language the glossary is seen from."""
        return self._lang

    @property
    def glossary(self) -> Glossary:
        """The glossary compiled (a loaded matcher rebuilds every entry on first use)."""
        if self._glossary is None:
            entries = [self._entry(n) for n in range(len(self._entries))]
            name, lang, source_lang, paths = self._meta
            self._glossary = Glossary(name, lang, source_lang, entries, list(paths))
        return self._glossary

    def acronyms(self) -> tuple[tuple[str, str], ...]:
        """``(acronym, canonical form)`` of every entry that has an acronym, in glossary order."""
        return self._acronym_lists()[0]

    def source_acronyms(self) -> tuple[tuple[str, str, str, str], ...]:
        """``(acronym, its language, the fix, canonical form)`` of every source-language form
        that is an acronym (``OSDH``, ``ONU``), in glossary order."""
        return self._acronym_lists()[1]

    def _acronym_lists(self) -> _Acronyms:
        """What the acronym check reads of every entry, gathered once (and stored compiled)."""
        if self._acronyms is None:
            entries = range(len(self._entries))
            own = tuple((e.acronym, e.canonical) for e in map(self._entry, entries) if e.acronym)
            source = tuple(
                (f.text, f.lang, self._entry(n).preferred_for(f.text), self._entry(n).canonical)
                for n in entries
                for f in self._all_forms(n)
                if f.role is Role.SOURCE and is_acronym(f.text)
            )
            self._acronyms = (own, source)
        return self._acronyms

    def _all_forms(self, n: int) -> list[Form]:
        forms = self._forms[n]
        if forms is None:
            forms = self._forms[n] = self._entry(n).forms()
        return forms

    def _entry(self, n: int) -> Entry:
        entry = self._entries[n]
        if entry is None:
            entry = self._entries[n] = pickle.loads(self._records[n])
        return entry

    def _form(self, n: int, at: int) -> Form:
        return self._all_forms(n)[at]

    def dumps(self) -> bytes:
        """The compiled matcher as bytes (:meth:`loads` reads them back): plain data, the
        automaton whole, each entry in its own small record so a load rebuilds none of them."""
        glossary = self.glossary
        records = [pickle.dumps(self._entry(n), pickle.HIGHEST_PROTOCOL) for n in range(len(self._entries))]
        meta = (glossary.name, glossary.lang, glossary.source_lang, tuple(glossary.paths))
        engine = (self._scanner.kind, self._scanner.state(), self._reach)
        data = (FORMAT, meta, self._keys, engine, records, self._acronym_lists())
        return pickle.dumps(data, pickle.HIGHEST_PROTOCOL)

    @classmethod
    def loads(cls, blob: bytes) -> Matcher:
        """A matcher from :meth:`dumps`'s bytes (``ValueError`` if they are not one)."""
        data = pickle.loads(blob)
        if not isinstance(data, tuple) or len(data) != 6 or data[0] != FORMAT:
            raise ValueError("not a compiled glossary of this version")
        _, meta, keys, (kind, state, reach), records, acronyms = data
        self = cls.__new__(cls)
        self._glossary = None
        self._meta = meta
        self._lang = meta[1]
        self.conflicts = []  # ``glossary validate`` compiles afresh; checks never read them
        self._entries = [None] * len(records)
        self._forms = [None] * len(records)
        self._records = records
        self._keys = keys
        self._scanner = scanner.restore(kind, state)
        self._reach = reach
        self._acronyms = acronyms
        return self

    def find(self, text: str) -> list[Match]:
        """All glossary matches in ``text``: leftmost-longest, non-overlapping, in order.

        The text is folded and scanned a piece (about :data:`PIECE` characters) at a time, cut
        after a white-space character; each piece is read on past its cut by the longest key
        and one character more, and keeps the matches that start before the cut: so a match
        across a cut (a name wrapped over a line break) is found whole and its right neighbour
        seen, as in one pass. A 100 MB file never has a folded copy of itself beside it (news
        with one paragraph per line has no two white-space characters in a row to cut at).
        """
        if not self._keys or not text:
            return []
        out: list[Match] = []
        with gc_paused():  # only acyclic objects are made here; collections would cost ~30%
            for a, b in _pieces(text, PIECE):
                end = min(len(text), b + self._reach)
                piece = text if (a, end) == (0, len(text)) else text[a:end]
                self._scan(text, piece, a, out, b)
        return out

    def _scan(self, text: str, piece: str, offset: int, out: list[Match], cut: int) -> None:
        n = len(piece)
        entries, forms = self._entries, self._forms
        new_match = object.__new__
        last_start = last_end = -1  # the last kept match
        for last, (k, length, number, at, exact, capitalised, accepted) in self._scanner.scan(piece):
            start = last - length + 1
            end = last + 1
            if start + offset >= cut:
                continue  # the next piece's: read here only to finish the ones before the cut
            # the neighbours as folded (fold_char of the character is the folded text's)
            if (start and fold_char(piece[start - 1]).isalnum()) or (
                end < n and fold_char(piece[end]).isalnum()
            ):
                continue
            start += offset
            end += offset
            if start > last_start and start < last_end:
                continue  # starts inside the last kept match: leftmost wins
            written = text[start:end]
            if exact is not None:
                # folding is character by character: the written form folded alone, not the piece
                if fold(written, lower=False) != exact:
                    continue
            elif capitalised and written.islower():
                continue
            # candidates arrive by end offset: a longer one starting at or before the kept
            # ones replaces them
            while out and out[-1].start >= start:
                out.pop()
            if out and start < out[-1].end:
                continue
            m = new_match(Match)
            m.start = start
            m.end = end
            m.text = written
            m._entry = entries[number]
            form_list = forms[number]
            m._form = form_list[at] if form_list is not None else None
            m._matcher = self
            m._at = at
            m.key = k
            m.number = number
            m.accepted = accepted
            out.append(m)
            last_start, last_end = start, end
