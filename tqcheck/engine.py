"""The engine: run checks, turn hits into findings, apply selection and suppression.

Only here do spans become line:column (once, through each document's line index), rule
severities get applied and inline ``tqcheck: ignore`` directives are honoured, so checks stay
simple generators and reporters stay pure formatting.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import Protocol

from tqcheck._version import __version__
from tqcheck.checks import CHECKS
from tqcheck.checks.base import Check, Context
from tqcheck.document import Document
from tqcheck.fix import contradictions, fit_to_context, rewrite_key
from tqcheck.gcpause import gc_paused
from tqcheck.model import FileReport, Finding, FixSafety, Hit, Related, Report, Rule, SegmentScore, Severity
from tqcheck.pathfilter import PathFilter
from tqcheck.rules import ORDER, all_rules, selected
from tqcheck.sidebyside import aligned
from tqcheck.suppression import audit, parse

#: Rule families about names (glossary, discovered variants, acronyms): one name, one finding.
#: A finding of a later family that overlaps one of an earlier family is dropped.
ENTITY_FAMILIES = ("TQ1", "TQ2", "TQ3")


class ScoreOutcome(Protocol):
    """What the optional neural scorer returns for one document (``scoring.api.ScoreResult``)."""

    @property
    def scores(self) -> Sequence[SegmentScore]: ...
    @property
    def hits(self) -> Sequence[Hit]: ...
    @property
    def signature(self) -> str: ...
    @property
    def summary(self) -> dict[str, float]: ...


#: A hook that scores one document (kept abstract so the engine never imports torch).
ScoreHook = Callable[[Document], ScoreOutcome]


@dataclass(frozen=True)
class Settings:
    """What the CLI resolved from flags and config; the engine needs nothing else."""

    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severities: dict[str, Severity] = field(default_factory=dict)
    #: Rules whose fixes may be applied (``fixable``; empty: all) minus ``unfixable`` ones.
    fixable: list[str] = field(default_factory=list)
    unfixable: list[str] = field(default_factory=list)
    #: Where the rules' documentation is published (``docs-url``): SARIF links each rule there.
    docs_url: str | None = None
    #: The config file's folder: ``per-file-ignores`` patterns are relative to it (gitignore-style).
    root: str | None = None


class _NameSpans:
    """Spans of name findings kept so far, per rule family, for overlap tests in O(log n).

    Findings arrive family by family (glossary, then discovery, then acronyms), so the spans of
    the earlier families are frozen into sorted starts with a running maximum of ends.
    """

    def __init__(self) -> None:
        self._family: str | None = None
        self._pending: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._max_end: list[int] = []

    def taken(self, family: str, start: int, end: int) -> bool:
        if family != self._family:
            spans = sorted(self._pending + list(zip(self._starts, self._max_end, strict=True)))
            self._starts = [s for s, _ in spans]
            self._max_end = list(accumulate((e for _, e in spans), max))
            self._family = family
            self._pending = []
        i = bisect_left(self._starts, end) - 1
        if i >= 0 and self._max_end[i] > start:
            return True
        self._pending.append((start, end))
        return False


class Engine:
    def __init__(self, context: Context, settings: Settings, score_hook: ScoreHook | None = None) -> None:
        self.context = context
        self.settings = settings
        self.rules: dict[str, Rule] = all_rules()
        self.score_hook = score_hook
        self._memo: dict[tuple[str, str], bool] = {}
        self._patterns: dict[str, PathFilter] = {}
        self._root = Path(settings.root) if settings.root else None

    def _enabled(self, code: str, path: str) -> bool:
        memo = self._memo.get((code, path))
        if memo is None:
            memo = self._memo[(code, path)] = self._decide(code, path)
        return memo

    def _decide(self, code: str, path: str) -> bool:
        ignore = list(self.settings.ignore)
        for pattern, codes in self.settings.per_file_ignores.items():
            if self._patterns.setdefault(pattern, PathFilter([pattern], self._root)).matches(path):
                ignore += codes
        return selected(code, self.settings.select, ignore)

    def _could_report(self, doc: Document, scored: bool, code: str) -> bool:
        """Whether rule ``code`` ran on ``doc`` in this run (a suppression of it can be judged)."""
        rule = self.rules.get(code)
        if rule is None or not self._enabled(code, doc.path) or not rule.supports(self.context.lang_of(doc)):
            return False
        if code.startswith("TQ4") and doc.source is None and not doc.pairs:
            return False  # bilingual rules need the source
        return scored or not code.startswith("TQ9")

    def _enabled_anywhere(self, code: str) -> bool:
        """Whether a rule can report in some file (per-file ignores only narrow it further)."""
        return selected(code, self.settings.select, self.settings.ignore)

    def _finding(self, hit: Hit, docs: dict[str, Document], default: Document) -> Finding:
        doc = docs.get(hit.path, default) if hit.path else default
        rule = hit.rule
        severity = hit.severity or self.settings.severities.get(rule.code) or rule.severity
        related = tuple(Related(docs.get(r.path, doc).locate(r.span, r.path), r.message) for r in hit.related)
        span, suggestion = hit.span, hit.suggestion
        if suggestion is not None:
            span = fit_to_context(doc.text, span, suggestion)  # never "the UN's UN Office"
            if not doc.replaceable(span):  # never over markup
                span, suggestion = hit.span, None
        return Finding(
            rule=rule.code,
            severity=severity,
            message=hit.message,
            location=doc.locate(span),
            text=doc.text[span.start : span.end],
            suggestion=suggestion,
            related=related,
            data=hit.data,
            fix=self._fix_safety(hit) if suggestion is not None else FixSafety.NONE,
        )

    def _fix_safety(self, hit: Hit) -> FixSafety:
        """The rule's fix safety, lowered by the hit (never raised) and by ``unfixable``."""
        code = hit.rule.code
        if not selected(code, self.settings.fixable, self.settings.unfixable):
            return FixSafety.NONE
        levels = (FixSafety.NONE, FixSafety.UNSAFE, FixSafety.SAFE)
        own = hit.fix if hit.fix is not None else hit.rule.fix
        return min(own, hit.rule.fix, key=levels.index)

    def run(
        self, documents: Sequence[Document], on_file: Callable[[int, list[Hit]], None] | None = None
    ) -> Report:
        """Run every enabled check (and the scorer hook) over the documents and build the report;
        ``on_file(i, hits)`` hears of each document once checked (a progress bar)."""
        with gc_paused():  # hits and findings by the ten thousand, none of them in a cycle
            return self._run(documents, on_file)

    def _run(
        self, documents: Sequence[Document], on_file: Callable[[int, list[Hit]], None] | None = None
    ) -> Report:
        hits: dict[str, list[Hit]] = {d.path: [] for d in documents}
        outcomes: dict[str, ScoreOutcome] = {}
        for i, doc in enumerate(documents):
            found, outcome = self.check_document(doc)
            if on_file is not None:
                on_file(i, found)
            hits[doc.path].extend(found)
            if outcome is not None:
                outcomes[doc.path] = outcome
        return self.finish(documents, hits, outcomes)

    def _active(self) -> list[Check]:
        """The checks with a rule this run may report."""
        return [c for c in CHECKS if any(self._enabled_anywhere(r.code) for r in c.RULES)]

    def check_document(self, doc: Document) -> tuple[list[Hit], ScoreOutcome | None]:
        """Every per-document check on ``doc`` (and its score): what one file needs alone, so
        files can be checked apart (:mod:`tqcheck.parallel`) before :meth:`finish` joins them."""
        found: list[Hit] = []
        lang = self.context.lang_of(doc)
        for check in self._active():
            if any(r.supports(lang) for r in check.RULES):  # never an English rule on French
                found.extend(check.check(doc, self.context))
        return found, self.score_hook(doc) if self.score_hook is not None else None

    def finish(
        self,
        documents: Sequence[Document],
        hits: dict[str, list[Hit]],
        outcomes: dict[str, ScoreOutcome] | None = None,
    ) -> Report:
        """The checks over the whole set (consistency across articles), then :meth:`assemble`;
        ``hits`` holds each document's own hits (:meth:`check_document`) and receives the set's."""
        # a set is compared within one language: a German article writing "Syrien" is no
        # inconsistency with an English one writing "Syria"
        by_lang: dict[str, list[Document]] = {}
        for doc in documents:
            by_lang.setdefault(self.context.lang_of(doc), []).append(doc)
        with gc_paused():
            for check in self._active():
                check_set = getattr(check, "check_set", None)
                if check_set is None:
                    continue
                for lang, group in by_lang.items():
                    if any(r.supports(lang) for r in check.RULES):
                        for hit in check_set(group, self.context):
                            hits[hit.path or group[0].path].append(hit)
            self.context.release("matches")  # the checks are done: not held while the report is built
            return self.assemble(documents, hits, outcomes)

    def assemble(
        self,
        documents: Sequence[Document],
        hits: dict[str, list[Hit]],
        outcomes: dict[str, ScoreOutcome] | None = None,
    ) -> Report:
        """Hits (and scores) -> the report: selection, suppression, one finding per name, line:col."""
        outcomes = outcomes or {}
        for path, scored in outcomes.items():
            hits.setdefault(path, []).extend(scored.hits)
        docs = {d.path: d for d in documents}
        docs.update({d.source.path: d.source for d in documents if d.source and d.source.path not in docs})
        files = []
        for doc in documents:
            sup = parse(doc)
            kept: dict[tuple[str, int, int], Finding] = {}
            names, names_exact = _NameSpans(), set[tuple[int, int]]()
            for hit in sorted(hits.get(doc.path, []), key=lambda h: ORDER.get(h.rule.code, len(ORDER))):
                code = hit.rule.code
                if not self._enabled(code, doc.path) or not hit.rule.supports(self.context.lang_of(doc)):
                    continue
                where = (code, hit.span.start, hit.span.end)
                family = code[:3]
                if family in ENTITY_FAMILIES:
                    # one finding per name: the earlier check (glossary first) wins the span
                    if (hit.span.start, hit.span.end) in names_exact:
                        continue
                    if names.taken(family, hit.span.start, hit.span.end):
                        continue
                    names_exact.add((hit.span.start, hit.span.end))
                elif where in kept:
                    continue
                finding = self._finding(hit, docs, doc)
                if sup.hides(code, finding.location.line):
                    continue
                kept[where] = finding
            outcome = outcomes.get(doc.path)
            for hit in audit(sup, self.rules, partial(self._could_report, doc, outcome is not None)):
                if self._enabled(hit.rule.code, doc.path):
                    kept[(hit.rule.code, hit.span.start, hit.span.end)] = self._finding(hit, docs, doc)
            findings = tuple(sorted(kept.values(), key=Finding.sort_key))
            files.append(
                FileReport(
                    doc.path,
                    doc.text,
                    findings,
                    tuple(outcome.scores) if outcome else (),
                    tuple(doc.notes),
                    doc.encoding,
                    dict(outcome.summary) if outcome else {},
                    doc.source.path if doc.source else None,
                    doc.format,
                    tuple(doc.cdata),
                    aligned(doc, self.context),
                )
            )
        files = _without_contradictions(files)
        checked = {d.path for d in documents}
        sources = {path: d.text for path, d in docs.items() if path not in checked}
        signature = next((o.signature for o in outcomes.values()), None)
        langs = Counter(self.context.lang_of(d) for d in documents)
        return Report(
            tuple(files),
            __version__,
            rules=self.rules,
            signature=signature,
            sources=sources,
            lang=langs.most_common(1)[0][0] if langs else self.context.lang,
            source_lang=self.context.source_lang,
            docs_url=self.settings.docs_url,
        )


def _without_contradictions(files: list[FileReport]) -> list[FileReport]:
    """Two fixes of one run that undo each other (Chávez -> Chavez, Chavez -> Chávez) both lose
    their suggestion: the finding stays, naming the forms, and a person picks the spelling."""
    undone = contradictions(f for fr in files for f in fr.findings)
    if not undone:
        return files
    out = []
    for fr in files:
        kept = tuple(
            replace(f, suggestion=None, fix=FixSafety.NONE)
            if f.suggestion is not None and rewrite_key(f) in undone
            else f
            for f in fr.findings
        )
        out.append(replace(fr, findings=kept))
    return out
