"""Acronym checks (TQ3xx): acronyms that do not fit their expansion, source-language acronyms, mixed forms.

MT translates "l'Observatoire syrien des droits de l'Homme (OSDH)" into "the Syrian Observatory for
Human Rights (OSDH)": the expansion is English, the acronym is still French, and no glossary needs
to list it for the mismatch to show. A shipped table of real organisation acronyms (package data,
loaded whether or not glossaries are) names the English form, so ``OSDH`` gets ``SOHR`` and the
truncated ``OCH`` gets ``OCHA`` rather than the literal initials.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, ClassVar

import yaml

from tqcheck.checks.base import Context
from tqcheck.checks.glossary import language_name
from tqcheck.document import Document
from tqcheck.glossary.model import Role, is_acronym
from tqcheck.model import Hit, RelatedHit, Severity, Span
from tqcheck.rules import Rule

#: Words an expansion may contain that acronyms usually skip.
CONNECTORS = frozenset(
    [
        "of",
        "for",
        "the",
        "and",
        "on",
        "in",
        "to",
        "at",
        "against",
        "with",
        "de",
        "des",
        "du",
        "la",
        "le",
        "les",
        "l",
        "d",
        "pour",
        "et",
        "sur",
        "en",
        "del",
        "y",
        "por",
        "di",
        "per",
        "e",
        "für",
        "und",
        "der",
        "die",
        "das",
    ]
)
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|at|an|ar|az)[-‐‑]", re.IGNORECASE)
_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{0,8}[A-Z](?![\w-])")
_PAREN = re.compile(r"\(\s*([A-Z][A-Za-z]{0,8}[A-Z])(s?)\s*\)")
_WORD = re.compile(r"[^\W\d_]+(?:[-‐‑'’][^\W\d_]+)*")
_CAPS_WORD = re.compile(r"[A-Z]{2,}")


@dataclass(frozen=True)
class Entity:
    """One organisation (or term): its English acronym and expansion, and its source-language acronyms."""

    english: str
    expansion: str
    forms: tuple[str, ...]
    source: tuple[tuple[str, str], ...]  # (lang, acronym)
    risky: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AcronymTable:
    entities: tuple[Entity, ...]
    by_source: dict[str, list[tuple[str, Entity]]] = field(default_factory=dict)
    english: frozenset[str] = frozenset()
    kept: frozenset[str] = frozenset()


def parse_table(data: Any) -> AcronymTable:
    """Build the lookup table from the YAML structure of ``tqcheck/data/acronyms.yaml``."""
    entities = []
    by_source: dict[str, list[tuple[str, Entity]]] = {}
    for item in data.get("entities", []):
        english_form = str(item["english"])
        src = tuple((str(lang), str(a)) for lang, forms in (item.get("source") or {}).items() for a in forms)
        forms = tuple(str(f) for f in item.get("forms", [english_form]))
        risky = frozenset(map(str, item.get("risky", [])))
        ent = Entity(english_form, str(item["expansion"]), forms, src, risky)
        entities.append(ent)
    english = frozenset(f for e in entities for f in (e.english, *e.forms))
    for ent in entities:
        for lang, acr in ent.source:
            if acr not in ent.risky and acr not in english:
                by_source.setdefault(acr, []).append((lang, ent))
    kept = frozenset(map(str, data.get("kept", [])))
    return AcronymTable(tuple(entities), by_source, english, kept)


@cache
def load_table() -> AcronymTable:
    """The shipped table (package data: works with ``--no-default-glossaries``)."""
    text = resources.files("tqcheck").joinpath("data", "acronyms.yaml").read_text(encoding="utf-8")
    return parse_table(yaml.safe_load(text))


def _content(words: list[str]) -> list[str]:
    return [_ARTICLE_PREFIX.sub("", w) for w in words if w.lower() not in CONNECTORS]


def initials(words: list[str]) -> str:
    """``Syrian Observatory for Human Rights`` -> ``SOHR`` (connectors skipped, ``al-`` dropped)."""
    return "".join(w[0].upper() for w in _content(words) if w)


def fits(acronym: str, words: list[str]) -> bool:
    """Can ``acronym`` be read off ``words``? Each word used gives a prefix (``Co-operation`` -> C or CO).

    The acronym may start at any word (``the UN's Office ...``) and leave trailing words unused
    (``UNRWA``); content words in between must each give at least their initial.
    """
    target = acronym.upper()
    options: list[tuple[bool, set[str]]] = []
    for w in words:
        bare = _ARTICLE_PREFIX.sub("", w)
        letters = re.sub(r"[^\w]", "", bare).upper()
        parts = [p for p in re.split(r"[-‐‑'’]", bare) if p]
        opts = {letters[:n] for n in range(1, len(letters) + 1)}
        part_initials = "".join(p[0].upper() for p in parts)
        opts |= {part_initials[:n] for n in range(1, len(part_initials) + 1)}
        options.append((w.lower() in CONNECTORS, opts))

    @cache
    def match(i: int, j: int) -> bool:
        if i == len(target):
            return True
        if j == len(options):
            return False
        connector, opts = options[j]
        if connector and match(i, j + 1):
            return True
        return any(target.startswith(o, i) and match(i + len(o), j + 1) for o in opts)

    return any(match(0, start) for start in range(len(options)) if not options[start][0])


def _expansion_words(text: str, paren_start: int) -> list[tuple[int, int]]:
    """The capitalised run (with connectors) right before ``(``: the written expansion."""
    line_start = text.rfind("\n", 0, paren_start) + 1
    words = list(_WORD.finditer(text, line_start, paren_start))
    run: list[tuple[int, int]] = []
    expected_end = paren_start
    for m in reversed(words):
        gap = text[m.end() : expected_end]
        if gap.strip():
            break
        w = m.group()
        if w.endswith(("'s", "’s")) or _CAPS_WORD.fullmatch(w):
            break  # the UN's Office ...: the owner is not part of the name
        if not (w[0].isupper() or w.lower() in CONNECTORS or _ARTICLE_PREFIX.match(w)):
            break
        run.append((m.start(), m.end()))
        expected_end = m.start()
    run.reverse()
    while run and text[run[0][0] : run[0][1]].lower() in CONNECTORS:
        run.pop(0)
    return run


def _overlap_score(written: list[str], expansion: str) -> float:
    a = {w.lower() for w in _content(written)}
    b = {w.lower() for w in _content(_WORD.findall(expansion))}
    if not a or not b:
        return 0.0
    common = len(a & b)
    if common < len(a):
        return 0.0  # every written word must belong to the known name (SNHR is not SOHR)
    return common / len(b)


def _in_caps_run(text: str, start: int, end: int, known: AcronymTable) -> bool:
    """Inside an all-caps headline or caption (``OMAR HAJ KADOUR``), an acronym is just a word."""
    before = _WORD.findall(text[max(0, start - 20) : start])
    after = _WORD.findall(text[end : end + 20])
    for w in (before[-1:] + after[:1]) if before or after else []:
        if _CAPS_WORD.fullmatch(w) and w not in known.english and w not in known.by_source:
            return True
    return False


class AcronymCheck:
    RULES: ClassVar[tuple[Rule, ...]] = (
        Rule(
            "TQ301",
            "acronym-expansion-mismatch",
            Severity.WARNING,
            "An acronym does not fit the expansion written next to it",
            "'the Syrian Observatory for Human Rights (OSDH)': the expansion was translated, the acronym was "
            "not. The suggestion is the English acronym the shipped table knows for that expansion, else "
            "the initials of the expansion.",
        ),
        Rule(
            "TQ302",
            "source-language-acronym",
            Severity.ERROR,
            "A source-language acronym left in the English text",
            "OTAN, ONU, OMS, OSDH ... are the French (Spanish, German, Italian) acronyms of organisations "
            "English writes NATO, UN, WHO, SOHR. Found from a shipped table of real acronyms and from the "
            "glossaries' source forms; acronyms that are also English words (CPI, BAD) are never flagged.",
        ),
        Rule(
            "TQ303",
            "acronym-multiple-forms",
            Severity.INFO,
            "One organisation named with several acronyms in one article",
            "IS, ISIS, ISIL and Daesh are all in use, but one article should pick one. Listed with counts.",
        ),
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        text = doc.content
        table = load_table()
        matches = ctx.matches(doc)
        taken: list[Span] = [m.span for m in matches]  # the glossary's findings come first
        mismatched: set[Span] = set()
        for hit in self._expansions(doc, text, table):
            if not any(hit.span.overlaps(s) for s in taken):
                mismatched.add(hit.span)
                yield hit
        extra = self._glossary_sources(ctx, table)
        allowed = ctx.source_lang
        for m in _ACRONYM.finditer(text):
            acr = m.group()
            span = Span(m.start(), m.end())
            if span in mismatched or any(span.overlaps(s) for s in taken):
                continue
            candidates = table.by_source.get(acr, []) + extra.get(acr, [])
            if allowed:
                candidates = [c for c in candidates if c[0] == allowed]
            if not candidates or _in_caps_run(text, span.start, span.end, table):
                continue
            lang, ent = candidates[0]
            msg = (
                f"'{acr}' is the {language_name(lang)} acronym of the {ent.expansion}; "
                f"English writes '{ent.english}'"
            )
            yield Hit("TQ302", span, msg, ent.english)
        yield from self._multiple_forms(doc, text, table)

    def _expansions(self, doc: Document, text: str, table: AcronymTable) -> Iterable[Hit]:
        for m in _PAREN.finditer(text):
            acr = m.group(1)
            if acr in table.kept:
                continue
            run = _expansion_words(text, m.start())
            words = [text[s:e] for s, e in run]
            if len([w for w in words if w[0].isupper()]) < 2 or fits(acr, words):
                continue
            written = " ".join(words)
            known = [ent for _, ent in table.by_source.get(acr, [])]
            best: Entity | None = None
            for ent in known:
                if _overlap_score(words, ent.expansion) >= 0.5:
                    best = ent
                    break
            if best is None:
                scored = [(_overlap_score(words, e.expansion), e) for e in table.entities]
                scored = [
                    (s, e) for s, e in scored if s >= 0.6 and fits(e.english, _WORD.findall(e.expansion))
                ]
                if scored:
                    best = max(scored, key=lambda p: p[0])[1]
            ini = initials(words)
            if best is not None:
                fix = best.english
                why = f"the {best.expansion} is '{fix}' in English"
            elif len(ini) >= 2:
                fix, why = ini, f"its initials are {ini}"
            else:
                continue
            if fix == acr:
                continue
            span = Span(m.start(1), m.end(1))
            msg = f"'{acr}' does not fit '{written}' ({why}); write '{fix}'"
            related = (RelatedHit(doc.path, Span(run[0][0], run[-1][1]), f"expansion '{written}'"),)
            yield Hit("TQ301", span, msg, fix, related)

    def _glossary_sources(self, ctx: Context, table: AcronymTable) -> dict[str, list[tuple[str, Entity]]]:
        """Source-role acronyms of the loaded glossaries, as table entries."""
        out: dict[str, list[tuple[str, Entity]]] = {}
        if ctx.matcher is None:
            return out
        for entry in ctx.matcher.glossary.entries:
            for form in entry.forms():
                if form.role is Role.SOURCE and is_acronym(form.text) and form.text not in table.by_source:
                    english = entry.preferred_for(form.text)
                    ent = Entity(english, entry.canonical, (english,), ((form.lang, form.text),))
                    out.setdefault(form.text, []).append((form.lang, ent))
        return out

    def _multiple_forms(self, doc: Document, text: str, table: AcronymTable) -> Iterable[Hit]:
        for ent in table.entities:
            if len(ent.forms) < 2:
                continue
            found: list[tuple[str, Span]] = []
            for form in ent.forms:
                for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                    if is_acronym(form) and _in_caps_run(text, m.start(), m.end(), table):
                        continue
                    found.append((form, Span(m.start(), m.end())))
            counts = Counter(f for f, _ in found)
            if len(counts) < 2:
                continue
            found.sort(key=lambda p: p[1].start)
            top = counts.most_common(1)[0][0]
            target = next(p for p in found if p[0] != top)
            listing = ", ".join(f"'{f}' {c}×" for f, c in counts.most_common())
            msg = f"the {ent.expansion} is named several ways in this article: {listing}; pick one"
            related = tuple(RelatedHit(doc.path, s, f"'{f}'") for f, s in found if s != target[1])
            yield Hit("TQ303", target[1], msg, None, related)
