"""The one model of a finding that flows from every check to every reporter.

Checks produce :class:`Hit` objects (offsets only); the engine turns them into frozen
:class:`Finding` objects with line:column resolved once, so reporters never compute anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

#: The pair a run checks unless told or shown otherwise: English translated from French.
DEFAULT_PAIR = ("en", "fr")


class Severity(StrEnum):
    """Severity, ordered so that ``rank`` compares like ``--fail-on`` expects."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class FixSafety(StrEnum):
    """What ``--fix`` may do with a rule's suggestion (ruff's ``Applicability``).

    ``safe``: the replacement is certain (a glossary variant with one canonical form, doubled
    punctuation); ``unsafe``: inferred, a person should look (a discovered name variant, an
    acronym read off its expansion); ``none``: the rule never suggests a replacement.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule, declared as a module-level constant by the check that reports it.

    ``code`` is stable (ruff-style prefixes); ``summary`` is one line, ``help`` the explanation
    shown by ``tqcheck rules CODE`` and in SARIF/HTML; ``fix`` says how far a fix can be trusted;
    ``languages`` the target languages the rule knows how to judge (base codes; ``None``: any),
    so the engine never runs an English rule on French text.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    help: str
    fix: FixSafety = FixSafety.NONE
    languages: frozenset[str] | None = None

    @property
    def anchor(self) -> str:
        """The rule's heading anchor in ``docs/rules.md`` (GitHub's slug of ``## CODE name``)."""
        return f"{self.code.lower()}-{self.name}"

    def url(self, docs: str) -> str:
        """The rule's documentation where ``docs`` (``docs-url``) publishes ``docs/rules.md``."""
        return f"{docs.split('#')[0]}#{self.anchor}"

    def supports(self, lang: str | None) -> bool:
        """Whether the rule judges text in ``lang`` (``en-GB`` counts as ``en``)."""
        if self.languages is None or not lang:
            return True
        return lang.lower().replace("_", "-").split("-")[0] in self.languages


class Span(NamedTuple):
    """Half-open ``[start, end)`` range of code-point offsets into a document's decoded text.

    A named tuple rather than a frozen dataclass: large archives make hundreds of thousands.
    """

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


class Location(NamedTuple):
    """A span resolved to 1-based line and column numbers (columns count code points)."""

    path: str
    span: Span
    line: int
    column: int
    end_line: int
    end_column: int


class Related(NamedTuple):
    """Another place that explains a finding (the other spellings of a name, say)."""

    location: Location
    message: str


class RelatedHit(NamedTuple):
    """A related place as a check reports it: a span in some document (by path)."""

    path: str
    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check yields: its rule, a span and the words; the engine adds the rest.

    ``suggestion`` is the replacement text for the span (``""`` deletes it); ``None`` means
    a person has to decide.
    """

    rule: Rule
    span: Span
    message: str
    suggestion: str | None = None
    related: tuple[RelatedHit, ...] = ()
    severity: Severity | None = None  # None: the rule's default
    path: str | None = None  # None: the document the check was run on
    data: tuple[tuple[str, Any], ...] = ()
    #: This hit's fix is less certain than its rule's usual one (never more): ``None`` keeps the rule's.
    fix: FixSafety | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A reported problem; immutable so that every reporter sees exactly the same thing."""

    rule: str
    severity: Severity
    message: str
    location: Location
    text: str
    suggestion: str | None = None
    related: tuple[Related, ...] = ()
    data: tuple[tuple[str, Any], ...] = ()
    #: How far ``--fix`` may trust ``suggestion``: safe fixes are applied by ``--fix``, unsafe ones
    #: only with ``--unsafe-fixes``; ``none`` when there is no suggestion or the rule is unfixable.
    fix: FixSafety = FixSafety.NONE

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def span(self) -> Span:
        return self.location.span

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.start, self.span.end, self.rule)


@dataclass(frozen=True, slots=True)
class SegmentScore:
    """A neural score of one target segment (filled by the optional scorer)."""

    segment: int
    start: int
    end: int
    text: str
    source: str | None
    back_translation: str | None
    metrics: tuple[tuple[str, float], ...]


class Piece(NamedTuple):
    """A run of a segment's readable text and the file ``[start, end)`` it was read from.

    ``text`` is the file's own characters (``end - start`` of them) or, where the file encodes
    them (``&amp;``, ``&#160;``), the decoded characters of the whole reference; a break between
    blocks is an empty span. Reporters show ``text`` and still place findings by file offset.
    """

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Aligned:
    """One aligned pair for a side-by-side view: a translation unit of an XLIFF/TMX/PO/JSONL file
    (``id`` set; both sides in the file itself) or source and target sentences of a ``--source``
    text (``id`` None; the source side in :attr:`FileReport.source`). An empty side is a sentence
    with no counterpart (an omission or an addition) or an empty target, whose ``where`` says
    where the file writes it."""

    source: tuple[Piece, ...]
    target: tuple[Piece, ...]
    id: str | None = None
    where: Span | None = None


@dataclass(frozen=True)
class FileReport:
    """The findings (and scores) of one checked document."""

    path: str
    text: str
    findings: tuple[Finding, ...]
    scores: tuple[SegmentScore, ...] = ()
    notes: tuple[str, ...] = ()
    encoding: str = "utf-8"
    #: Document-level (length-weighted) neural scores, when the scorer ran.
    score_summary: dict[str, float] = field(default_factory=dict)
    #: Path of the ``--source`` text it was checked against (its text is in :attr:`Report.sources`).
    source: str | None = None
    #: The input format (text, xliff, po, ...) and the file ranges of CDATA contents, so a
    #: reporter writes a fix as ``--fix`` would (:func:`tqcheck.fix.written_as`).
    format: str = "text"
    cdata: tuple[tuple[int, int], ...] = ()
    #: Source and target side by side, in file order (empty for a monolingual document).
    aligned: tuple[Aligned, ...] = ()


class ProblemKind(StrEnum):
    """Why a file has no findings: it could not be read, or it was deliberately not checked."""

    ERROR = "error"  # an input error: empty, binary, undecodable, unreadable, too large
    SKIPPED = "skipped"  # not a translation to check (written in the source language)


class Problem(NamedTuple):
    """A file the run did not check, with the one-line reason; every format reports these."""

    path: str
    message: str
    kind: ProblemKind = ProblemKind.ERROR


@dataclass(frozen=True)
class Report:
    """Everything a reporter needs: per-file results plus run metadata."""

    files: tuple[FileReport, ...]
    version: str
    rules: dict[str, Rule] = field(default_factory=dict)  # code -> Rule, for help text
    signature: str | None = None
    #: Texts of other files findings point into (a ``--source`` file), by path.
    sources: dict[str, str] = field(default_factory=dict)
    #: Files not checked (input errors, skipped files): the run went on without them.
    problems: tuple[Problem, ...] = ()
    #: The language pair checked: the target (the language of most files) and the source.
    lang: str | None = None
    source_lang: str | None = None
    #: The published rule documentation (config ``docs-url``; ``docs/rules.md`` of the project).
    docs_url: str | None = None

    @property
    def pair_shown(self) -> bool:
        """Whether reporters name the pair: whenever it is not the default English from French
        (which every report of earlier versions implied, so their output stays as it was)."""
        return self.lang is not None and (self.lang, self.source_lang) != DEFAULT_PAIR

    @property
    def input_errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.kind is ProblemKind.ERROR)

    @property
    def skipped(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.kind is ProblemKind.SKIPPED)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for fr in self.files for f in fr.findings)

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity.value] += 1
        return out
