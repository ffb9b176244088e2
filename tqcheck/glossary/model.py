"""The glossary model shared by the YAML, CSV and TBX loaders: concepts seen from one language.

A glossary entry is one concept (TBX's ``conceptEntry``) with a section per language: a preferred
form, admitted spellings, short forms, deprecated forms and an acronym. The language being
checked selects the forms: :meth:`Entry.view` gives the concept as that language sees it, where
the language's own preferred, admitted, acronym and other right forms (``also``) are right, its deprecated forms
are variants, and every other language's forms are source-language leftovers. A one-language
entry (the house YAML's ``canonical`` + ``source`` lists) is the special case of a concept with
one section plus unrated forms of other languages. Every form remembers the file and line it
came from so ``glossary validate`` can point at conflicts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from tqcheck.errors import InputError
from tqcheck.textfold import key


class Role(StrEnum):
    """What a form means when it appears in target-language text."""

    CANONICAL = "canonical"
    ACRONYM = "acronym"
    ADMITTED = "admitted"
    #: also right, never counted as mixing: a short form ("the Security Council" after "the UN
    #: Security Council"), a full name ("Mouvement de la résistance islamique" for Hamas)
    ALSO = "also"
    VARIANT = "variant"
    SOURCE = "source"


#: Roles that are correct in target text.
ACCEPTED = frozenset({Role.CANONICAL, Role.ACRONYM, Role.ADMITTED, Role.ALSO})

#: The longest form a glossary may hold, in characters. No name or term is longer ("Office for
#: the Coordination of Humanitarian Affairs" is 52), and far longer keys crash the matcher's
#: automaton library (a 600,000-character form: SIGSEGV), so longer forms are refused on loading.
MAX_FORM_CHARS = 200


#: The ``homographs`` key for forms that mean something else in every other language.
ANY = "*"


@dataclass(frozen=True, slots=True)
class Origin:
    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __reduce__(self) -> tuple[type[Origin], tuple[str, int | None]]:
        # rebuilt by the constructor: a slotted dataclass's default unpickling walks its fields
        # in Python, most of the cost of reading a compiled glossary's entry back
        return Origin, (self.path, self.line)


@dataclass(frozen=True, slots=True)
class Form:
    """One written form of an entry, with its role and (for source forms) its language."""

    text: str
    role: Role
    lang: str
    origin: Origin
    is_acronym: bool = field(init=False)
    #: Correct in target text (canonical, acronym, admitted, also): precomputed, as enum hashing
    #: is slow and this is asked once per match.
    accepted: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "is_acronym", is_acronym(self.text))
        object.__setattr__(self, "accepted", self.role in ACCEPTED)


def check_form(entry_id: str, form: Form) -> None:
    """Refuse a form longer than :data:`MAX_FORM_CHARS`, naming its file:line and entry.

    Called when an entry is made (so every loader refuses it before anything is built from it)
    and again by the matcher, for entries changed after they were made.
    """
    if len(form.text) > MAX_FORM_CHARS:
        shown = entry_id if len(entry_id) <= 40 else entry_id[:40] + "…"
        raise InputError(
            f"entry {shown!r}: {form.role.value} form of {len(form.text):,} characters "
            f"(at most {MAX_FORM_CHARS}: a glossary form is a name or a term)",
            str(form.origin),
        )


def is_acronym(text: str) -> bool:
    """All-caps short tokens are matched case-exactly (``OCH`` must not match ``och``)."""
    if " " in text.strip():  # first: most forms of several words stop here, cheaply
        return False
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 10 and all(c.isupper() for c in letters)


@dataclass(frozen=True, slots=True)
class Examples:
    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[type[Examples], tuple[tuple[str, ...], tuple[str, ...]]]:
        return Examples, (self.bad, self.good)  # as Origin's


@dataclass(frozen=True)
class Terms:
    """One language's section of a concept (a TBX ``langSec``).

    ``preferred`` is the form to write; ``admitted`` spellings are right too (only mixing them in
    one article is flagged); ``also`` forms (short forms, full names) are right and never count
    as mixing; ``deprecated``
    forms are wrong in this language and fixed to ``preferred`` (or to ``acronym``, for an
    acronym). ``lines`` maps (role, form) to the line it was written on, where known.
    """

    preferred: str
    acronym: str | None = None
    admitted: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    deprecated: tuple[str, ...] = ()
    examples: Examples = Examples()
    lines: Mapping[tuple[Role, str], int] = field(default_factory=dict, compare=False, hash=False)

    def distinctive(self) -> list[str]:
        """The forms that mark text as this language's, preferred first (no repeats): leftovers
        in another language's text. Admitted spellings are not among them: they are the
        transliterations other languages share (Mohammed Morsi, Daesh, Türkiye)."""
        out: list[str] = []
        for f in (self.preferred, self.acronym, *self.also):
            if f and f not in out:
                out.append(f)
        return out


@dataclass(eq=False)
class Entry:
    """One concept seen from ``lang``; compared and hashed by identity (two entries may share a form).

    ``canonical``, ``acronym``, ``admitted``, ``also`` and ``variants`` are the ``lang`` section;
    ``others`` the sections of the other languages; ``source`` what each other language writes
    (their distinctive forms, then the unrated forms a one-language file lists), the leftovers
    to flag;
    ``homographs`` the forms each language (or every one, under :data:`ANY`) reads as something
    else, never flagged in its text (Spanish ``CPI`` is the ICC, English ``CPI`` the consumer
    price index; Spanish ``Saná`` is a first name elsewhere).
    """

    id: str
    canonical: str
    origin: Origin
    lang: str = "en"
    kind: str = "other"
    variants: list[str] = field(default_factory=list)
    admitted: list[str] = field(default_factory=list)
    source: dict[str, list[str]] = field(default_factory=dict)  # lang -> forms
    acronym: str | None = None
    notes: str | None = None
    examples: Examples = field(default_factory=Examples)
    glossary: str = ""  # name of the glossary it came from
    form_lines: dict[str, int] = field(default_factory=dict)  # form text -> line, where known
    #: (role, form text) -> line, where known: wins over ``form_lines``, so a variant spelled
    #: like the canonical form is reported at its own line.
    role_lines: dict[tuple[Role, str], int] = field(default_factory=dict)
    also: list[str] = field(default_factory=list)
    others: dict[str, Terms] = field(default_factory=dict)
    homographs: dict[str, list[str]] = field(default_factory=dict)
    #: the unrated forms by language as the file gave them (``source`` adds the other sections')
    unrated: dict[str, list[str]] | None = None
    _views: dict[str, Entry | None] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.unrated is None:
            self.unrated = {lang: list(forms) for lang, forms in self.source.items()}
            if self.others or self.homographs:
                self.source = _leftovers(self.lang, self.others, self.unrated, self.homographs)
        for form in self.forms():
            check_form(self.id, form)

    def forms(self) -> list[Form]:
        """Every form of the entry with its role; target forms first."""

        def origin(text: str, role: Role) -> Origin:
            line = self.role_lines.get((role, text)) or self.form_lines.get(text, self.origin.line)
            return Origin(self.origin.path, line)

        out = [Form(self.canonical, Role.CANONICAL, self.lang, origin(self.canonical, Role.CANONICAL))]
        if self.acronym:
            out.append(Form(self.acronym, Role.ACRONYM, self.lang, origin(self.acronym, Role.ACRONYM)))
        out += [Form(a, Role.ADMITTED, self.lang, origin(a, Role.ADMITTED)) for a in self.admitted]
        out += [Form(s, Role.ALSO, self.lang, origin(s, Role.ALSO)) for s in self.also]
        out += [Form(v, Role.VARIANT, self.lang, origin(v, Role.VARIANT)) for v in self.variants]
        for lang, forms in self.source.items():
            out += [Form(s, Role.SOURCE, lang, origin(s, Role.SOURCE)) for s in forms]
        return out

    def preferred_for(self, form: str) -> str:
        """The fix for a wrong form: the acronym for an acronym, else the canonical form."""
        if self.acronym and form.isupper() and is_acronym(form):
            return self.acronym
        return self.canonical

    def languages(self) -> list[str]:
        """The languages the concept has a section in, its own first."""
        return [self.lang, *(lang for lang in self.others if lang != self.lang)]

    def terms(self) -> Terms:
        """This entry's own section."""
        return Terms(
            self.canonical,
            self.acronym,
            tuple(self.admitted),
            tuple(self.also),
            tuple(self.variants),
            self.examples,
            dict(self.role_lines),
        )

    def view(self, lang: str) -> Entry | None:
        """The concept as ``lang`` sees it, or ``None`` where it has no section in ``lang``
        (nothing to write instead of a leftover, so the concept is not checked there)."""
        if lang == self.lang:
            return self
        if lang not in self.others:  # en-GB, de_CH: the base language's section
            base = lang.lower().replace("_", "-").split("-")[0]
            if base != lang:
                return self.view(base)
        if lang not in self._views:
            self._views[lang] = self._make_view(lang)
        return self._views[lang]

    def _make_view(self, lang: str) -> Entry | None:
        terms = self.others.get(lang)
        if terms is None:
            return None
        others = {self.lang: self.terms(), **{k: v for k, v in self.others.items() if k != lang}}
        lines = dict(self.form_lines)
        for section in others.values():
            for (_, text), line in section.lines.items():
                lines.setdefault(text, line)
        for (_, text), line in terms.lines.items():
            lines[text] = line
        return Entry(
            id=self.id,
            canonical=terms.preferred,
            origin=self.origin,
            lang=lang,
            kind=self.kind,
            variants=list(terms.deprecated),
            admitted=list(terms.admitted),
            acronym=terms.acronym,
            notes=self.notes,
            examples=terms.examples,
            glossary=self.glossary,
            form_lines=lines,
            role_lines=dict(terms.lines),
            also=list(terms.also),
            others=others,
            homographs=self.homographs,
            source=dict(self.unrated or {}),
        )


def _leftovers(
    lang: str,
    others: Mapping[str, Terms],
    unrated: Mapping[str, list[str]],
    homographs: Mapping[str, list[str]],
) -> dict[str, list[str]]:
    """What each other language writes for the concept, as ``lang`` text must not: the other
    sections' distinctive forms, then the unrated ones; never a homograph of ``lang``."""
    blocked = {key(f) for f in (*homographs.get(lang, ()), *homographs.get(ANY, ()))}
    out: dict[str, list[str]] = {}
    for other, terms in others.items():
        if other != lang:
            out[other] = [f for f in terms.distinctive() if key(f) not in blocked]
    for other, forms in unrated.items():
        known = out.setdefault(other, [])
        known += [f for f in forms if f not in known and key(f) not in blocked]
    return {other: forms for other, forms in out.items() if forms}


@dataclass
class Glossary:
    """A merged set of entries from one or more files, seen from ``lang``.

    ``entries`` are the concepts as ``lang`` sees them; :meth:`for_language` sees the same
    concepts from another language (the loaded files keep every section).
    """

    name: str
    lang: str = "en"
    source_lang: str | None = None
    entries: list[Entry] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    #: every concept of the files, in whichever language each was read (``None``: ``entries``)
    whole: list[Entry] | None = None

    def concepts(self) -> list[Entry]:
        """Every concept, including those without a section in ``lang``."""
        return self.entries if self.whole is None else self.whole

    def merge(self, other: Glossary) -> Glossary:
        return Glossary(
            name=f"{self.name} + {other.name}" if self.name else other.name,
            lang=self.lang,
            source_lang=self.source_lang or other.source_lang,
            entries=self.entries + other.entries,
            paths=self.paths + other.paths,
            whole=self.concepts() + other.concepts() if self.whole or other.whole else None,
        )

    def languages(self) -> list[str]:
        """Every language some concept has a section in, in order of first appearance."""
        seen: dict[str, None] = {}
        for e in self.concepts():
            for lang in e.languages():
                seen.setdefault(lang, None)
        return list(seen)

    def for_language(self, lang: str) -> Glossary:
        """The same concepts as ``lang`` sees them (those without a ``lang`` section left out)."""
        concepts = self.concepts()
        views = [v for e in concepts if (v := e.view(lang)) is not None]
        return Glossary(self.name, lang, self.source_lang, views, list(self.paths), concepts)

    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}
