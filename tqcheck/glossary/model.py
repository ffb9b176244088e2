"""The glossary model shared by the YAML, CSV and TBX loaders.

An entry knows its canonical English form, the wrong forms (variants), acceptable alternatives
(admitted), its forms in source languages and an acronym. Every form remembers the file and line
it came from so ``glossary validate`` can point at conflicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from tqcheck.errors import InputError


class Role(StrEnum):
    """What a form means when it appears in target-language text."""

    CANONICAL = "canonical"
    ACRONYM = "acronym"
    ADMITTED = "admitted"
    VARIANT = "variant"
    SOURCE = "source"


#: Roles that are correct in target text.
ACCEPTED = frozenset({Role.CANONICAL, Role.ACRONYM, Role.ADMITTED})

#: The longest form a glossary may hold, in characters. No name or term is longer ("Office for
#: the Coordination of Humanitarian Affairs" is 52), and far longer keys crash the matcher's
#: automaton library (a 600,000-character form: SIGSEGV), so longer forms are refused on loading.
MAX_FORM_CHARS = 200


@dataclass(frozen=True, slots=True)
class Origin:
    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True, slots=True)
class Form:
    """One written form of an entry, with its role and (for source forms) its language."""

    text: str
    role: Role
    lang: str
    origin: Origin
    is_acronym: bool = field(init=False)
    #: Correct in target text (canonical, acronym, admitted): precomputed, as enum hashing is slow
    #: and this is asked once per match.
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
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 10 and all(c.isupper() for c in letters) and " " not in text.strip()


@dataclass(frozen=True, slots=True)
class Examples:
    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()


@dataclass(eq=False)
class Entry:
    """One entity; compared and hashed by identity (two entries may share a canonical form)."""

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

    def __post_init__(self) -> None:
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
        out += [Form(v, Role.VARIANT, self.lang, origin(v, Role.VARIANT)) for v in self.variants]
        for lang, forms in self.source.items():
            out += [Form(s, Role.SOURCE, lang, origin(s, Role.SOURCE)) for s in forms]
        return out

    def preferred_for(self, form: str) -> str:
        """The fix for a wrong form: the acronym for an acronym, else the canonical form."""
        if self.acronym and form.isupper() and is_acronym(form):
            return self.acronym
        return self.canonical


@dataclass
class Glossary:
    """A merged set of entries from one or more files."""

    name: str
    lang: str = "en"
    source_lang: str | None = None
    entries: list[Entry] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    def merge(self, other: Glossary) -> Glossary:
        return Glossary(
            name=f"{self.name} + {other.name}" if self.name else other.name,
            lang=self.lang,
            source_lang=self.source_lang or other.source_lang,
            entries=self.entries + other.entries,
            paths=self.paths + other.paths,
        )

    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}
