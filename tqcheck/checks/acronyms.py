"""Acronym checks (TQ3xx): acronyms that do not fit their expansion, source-language acronyms, mixed forms.

MT translates "l'Observatoire syrien des droits de l'Homme (OSDH)" into "the Syrian Observatory for
Human Rights (OSDH)": the expansion is English, the acronym is still French. A shipped table of
real organisation acronyms (package data, loaded whether or not glossaries are) names the English
form, so ``OSDH`` gets ``SOHR`` and the truncated ``OCH`` gets ``OCHA``.

Real English news is full of acronyms that are not the initials of the words before them and are
right: party tags (``Angela Merkel (CDU)``), bodies known by their own language's acronym
(``Federal Security Service (FSB)``, ``German Stock Index (DAX)``). So a mismatch is reported only
on evidence that the acronym is wrong (the table or a glossary knows it), never because the
initials differ, and the initials are never proposed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import ClassVar

from tqcheck.checks.acronym_table import AcronymTable, Entity, load_table
from tqcheck.checks.base import Context
from tqcheck.document import Document
from tqcheck.glossary.matcher import Matcher, MatchIndex
from tqcheck.glossary.model import is_acronym
from tqcheck.locale.names import language_name
from tqcheck.locale.words import acronym_connectors
from tqcheck.model import FixSafety, Hit, RelatedHit, Rule, Severity, Span
from tqcheck.names.usage import in_source_language
from tqcheck.tokens import CAPS, NAME_JOINER, NAME_WORD


@cache
def connectors() -> frozenset[str]:
    """Words an expansion may contain that acronyms usually skip ("of", "de", "für"): every shipped
    language's ``acronym_connectors``, so an expansion left in the source language is read too
    (read from the locale files on first use, not when the module is imported)."""
    return acronym_connectors()


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|at|an|ar|az)[-‐‑]", re.IGNORECASE)
_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{0,8}[A-Z](?![\w-])")
_PAREN = re.compile(r"\(\s*([A-Z][A-Za-z]{0,8}[A-Z])(s?)\s*\)")
#: A form made only of these characters can only match a whole run of them, so two such forms
#: never match overlapping text and one combined expression finds them all.
_SIMPLE_FORM = re.compile(r"[\w-]+")

#: How far before ``(`` an expansion is read: at most this many words, within this many characters
#: of the same line. The longest expansions in use (UNRWA's) have 14 words and ~80 characters; a
#: window keeps the work per parenthesis bounded on a megabyte-long line.
EXPANSION_MAX_WORDS = 16
EXPANSION_MAX_CHARS = 320
_NEAR_CHARS = 80
#: A number right before an acronym makes it a unit or an era (``500 BCE``), not an organisation.
_AFTER_NUMBER = re.compile(r"\d[\d,.]*\s*\Z")


def _content(words: list[str]) -> list[str]:
    skip = connectors()
    return [_ARTICLE_PREFIX.sub("", w) for w in words if w.lower() not in skip]


def fits(acronym: str, words: list[str]) -> bool:
    """Can ``acronym`` be read off ``words``? Each word used gives a prefix (``Co-operation`` -> C or CO).

    The acronym may start at any word (``the UN's Office ...``) and leave trailing words unused
    (``UNRWA``); content words in between must each give at least their initial.
    """
    return _fits(acronym, tuple(words))


@lru_cache(maxsize=4096)
def _fits(acronym: str, words: tuple[str, ...]) -> bool:
    """:func:`fits`, remembered: an article names the same body with the same words again and again."""
    target = acronym.upper()
    options: list[tuple[bool, set[str]]] = []
    for w in words:
        bare = _ARTICLE_PREFIX.sub("", w)
        letters = re.sub(r"[^\w]", "", bare).upper()
        parts = [p for p in NAME_JOINER.split(bare) if p]
        opts = {letters[:n] for n in range(1, len(letters) + 1)}
        part_initials = "".join(p[0].upper() for p in parts)
        opts |= {part_initials[:n] for n in range(1, len(part_initials) + 1)}
        options.append((w.lower() in connectors(), opts))

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
    """The capitalised run (with connectors) right before ``(``: the written expansion.

    Read within :data:`EXPANSION_MAX_CHARS` of the parenthesis and at most
    :data:`EXPANSION_MAX_WORDS` words long, so the cost per acronym does not grow with the line.
    A short window is tried first: most runs end well inside it.
    """
    run, settled = _run_before(text, paren_start, _NEAR_CHARS)
    if not settled:
        run, _ = _run_before(text, paren_start, EXPANSION_MAX_CHARS)
    run.reverse()
    while run and text[run[0][0] : run[0][1]].lower() in connectors():
        run.pop(0)
    return run


def _run_before(text: str, paren_start: int, reach: int) -> tuple[list[tuple[int, int]], bool]:
    """The run's words, last first, read within ``reach`` characters; and whether a wider window
    would read the same (the run ended inside this one, or the window starts its line)."""
    lo = max(0, paren_start - reach)
    newline = text.rfind("\n", max(0, lo - 1), paren_start)
    begin = newline + 1 if newline >= 0 else lo
    words = list(NAME_WORD.finditer(text, begin, paren_start))
    cut = begin > 0 and newline < 0
    if cut and words:
        words.pop(0)  # the window may have cut this word
    run: list[tuple[int, int]] = []
    expected_end = paren_start
    for m in reversed(words):
        if len(run) == EXPANSION_MAX_WORDS:
            return run, True
        gap = text[m.end() : expected_end]
        if gap.strip():
            return run, True
        w = m.group()
        if w.endswith(("'s", "’s")) or CAPS.fullmatch(w):
            return run, True  # the UN's Office ...: the owner is not part of the name
        if not (w[0].isupper() or w.lower() in connectors() or _ARTICLE_PREFIX.match(w)):
            return run, True
        run.append((m.start(), m.end()))
        expected_end = m.start()
    return run, not cut


@cache
def _expansion_content(expansion: str) -> frozenset[str]:
    """The content words of a table expansion (asked for every parenthesis: computed once)."""
    return frozenset(w.lower() for w in _content(NAME_WORD.findall(expansion)))


@cache
def _fits_own_expansion(english: str, expansion: str) -> bool:
    return fits(english, NAME_WORD.findall(expansion))


@cache
def _by_content_word(entities: tuple[Entity, ...]) -> dict[str, list[Entity]]:
    """Content word -> the entities (in table order) whose expansion has it."""
    out: dict[str, list[Entity]] = {}
    for ent in entities:
        for w in _expansion_content(ent.expansion):
            out.setdefault(w, []).append(ent)
    return out


@cache
def _forms_finder(forms: frozenset[str]) -> tuple[re.Pattern[str] | None, tuple[re.Pattern[str], ...]]:
    """One expression for every simple form (word characters and hyphens), one per other form."""
    simple = sorted((f for f in forms if _SIMPLE_FORM.fullmatch(f)), key=lambda f: (-len(f), f))
    combined = (
        re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, simple)) + r")(?![\w-])") if simple else None
    )
    others = tuple(
        re.compile(rf"(?<![\w-]){re.escape(f)}(?![\w-])")
        for f in sorted(forms)
        if not _SIMPLE_FORM.fullmatch(f)
    )
    return combined, others


def _overlap_score(written: list[str], expansion: str) -> float:
    a = {w.lower() for w in _content(written)}
    b = _expansion_content(expansion)
    if not a or not b:
        return 0.0
    common = len(a & b)
    if common < len(a):
        return 0.0  # every written word must belong to the known name (SNHR is not SOHR)
    return common / len(b)


@dataclass(frozen=True)
class _Article:
    """One article's TQ301 hits, and the known source acronyms it spells out as some other body."""

    hits: tuple[Hit, ...]
    elsewhere: frozenset[str]


@dataclass(frozen=True)
class _Known:
    """What a run knows about acronyms: source-language ones, English ones, bodies with both."""

    sources: dict[str, list[tuple[str, Entity]]]
    english: frozenset[str]
    bodies: tuple[Entity, ...]


def _named_body(words: list[str], bodies: tuple[Entity, ...]) -> Entity | None:
    """The body (with a known English acronym) that ``words`` plainly name: every written content
    word is in its expansion and they cover most of it (``Office for the Coordination of
    Humanitarian Affairs``), the best such body."""
    content = _content(words)
    if not content:
        return None
    pool = _by_content_word(bodies).get(content[0].lower(), [])
    scored = [(score, e) for e in pool if (score := _overlap_score(words, e.expansion)) >= 0.6]
    return max(scored, key=lambda p: p[0])[1] if scored else None


def _in_caps_run(text: str, start: int, end: int, known: AcronymTable) -> bool:
    """Inside an all-caps headline or caption (``OMAR HAJ KADOUR``), an acronym is just a word."""
    before = NAME_WORD.findall(text[max(0, start - 20) : start])
    after = NAME_WORD.findall(text[end : end + 20])
    for w in (before[-1:] + after[:1]) if before or after else []:
        if CAPS.fullmatch(w) and w not in known.english and w not in known.by_source:
            return True
    return False


#: The shipped acronym table names each body's English acronym: these rules judge English text.
ENGLISH = frozenset({"en"})

ACRONYM_EXPANSION_MISMATCH = Rule(
    "TQ301",
    "acronym-expansion-mismatch",
    Severity.WARNING,
    "An acronym contradicts the expansion written next to it",
    "'the Syrian Observatory for Human Rights (OSDH)': the expansion was translated, the acronym was "
    "not. Reported only on evidence: the acronym is a known source-language acronym of the body the "
    "expansion names (the shipped table, the glossaries' source forms), or the expansion is a body "
    "whose English acronym is known and the written one is not it ('(OCH)' for OCHA). An acronym that "
    "merely differs from the initials of the words before it (a party tag, 'Angela Merkel (CDU)'; a "
    "body's own-language acronym, 'Federal Security Service (FSB)') is never reported, and the "
    "initials are never suggested.",
    fix=FixSafety.UNSAFE,
    languages=ENGLISH,
)

SOURCE_LANGUAGE_ACRONYM = Rule(
    "TQ302",
    "source-language-acronym",
    Severity.ERROR,
    "A source-language acronym left in the English text",
    "OTAN, ONU, OMS, OSDH ... are the French (Spanish, German, Italian) acronyms of organisations "
    "English writes NATO, UN, WHO, SOHR. Found from a shipped table of real acronyms and from the "
    "glossaries' source forms; acronyms that are also English words (CPI, BAD) are never flagged. "
    "Other target languages get their source-language acronyms from the glossaries (TQ103).",
    fix=FixSafety.SAFE,
    languages=ENGLISH,
)

ACRONYM_MULTIPLE_FORMS = Rule(
    "TQ303",
    "acronym-multiple-forms",
    Severity.INFO,
    "One organisation named with several acronyms in one article",
    "IS, ISIS, ISIL and Daesh are all in use, but one article should pick one. Listed with counts.",
    fix=FixSafety.NONE,
    languages=ENGLISH,
)


class AcronymCheck:
    RULES: ClassVar[tuple[Rule, ...]] = (
        ACRONYM_EXPANSION_MISMATCH,
        SOURCE_LANGUAGE_ACRONYM,
        ACRONYM_MULTIPLE_FORMS,
    )

    def __init__(self) -> None:
        self._sources: tuple[Matcher | None, dict[str, list[tuple[str, Entity]]]] | None = None
        self._known_memo: tuple[Matcher | None, _Known] | None = None

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        """TQ301 and TQ303, article by article (TQ302 needs the whole set: :meth:`check_set`)."""
        return self._check(doc, ctx)

    def _check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        yield from self._article(doc, ctx).hits
        yield from self._multiple_forms(doc, doc.content, load_table())

    def _article(self, doc: Document, ctx: Context) -> _Article:
        """TQ301 hits of ``doc`` and what its parentheses say (computed once for both passes)."""

        def compute() -> _Article:
            taken = MatchIndex(ctx.matches(doc))  # the glossary's findings come first
            elsewhere: set[str] = set()
            known = self._known(ctx, load_table())
            hits = [
                h
                for h in self._expansions(doc, doc.content, load_table(), known, elsewhere)
                if taken.covering(h.span) is None
            ]
            return _Article(tuple(hits), frozenset(elsewhere))

        return ctx.cached("acronyms", doc, compute)

    def check_set(self, docs: Sequence[Document], ctx: Context) -> Iterable[Hit]:
        """TQ302 in every article; an acronym any article of the set spells out as another body
        (``National Justice Administration Council (OIT)``) is that body's in the whole set."""
        elsewhere = frozenset().union(*(self._article(d, ctx).elsewhere for d in docs))
        for doc in docs:
            yield from self._source_acronyms(doc, ctx, elsewhere)

    def _source_acronyms(self, doc: Document, ctx: Context, elsewhere: frozenset[str]) -> Iterable[Hit]:
        text = doc.content
        table = load_table()
        known = self._known(ctx, table)
        taken = MatchIndex(ctx.matches(doc))
        mismatched = {h.span for h in self._article(doc, ctx).hits}
        allowed = ctx.source_lang
        for m in _ACRONYM.finditer(text):
            acr = m.group()
            span = Span(m.start(), m.end())
            if span in mismatched or acr in elsewhere or taken.covering(span) is not None:
                continue
            candidates = table.by_source.get(acr, []) + known.sources.get(acr, [])
            if allowed:
                candidates = [c for c in candidates if c[0] == allowed]
            if not candidates or _in_caps_run(text, span.start, span.end, table):
                continue
            if _AFTER_NUMBER.search(text, max(0, span.start - 20), span.start):
                continue
            lang, ent = candidates[0]
            msg = (
                f"'{acr}' is the {language_name(lang)} acronym of the {ent.expansion}; "
                f"English writes '{ent.english}'"
            )
            # inside a phrase still in the source language the sentence needs translating, not this word
            fix = (
                FixSafety.UNSAFE
                if in_source_language(text, span.start, span.end, ctx.lang, allowed)
                else None
            )
            yield Hit(SOURCE_LANGUAGE_ACRONYM, span, msg, ent.english, path=doc.path, fix=fix)

    def _expansions(
        self, doc: Document, text: str, table: AcronymTable, known: _Known, elsewhere: set[str]
    ) -> Iterable[Hit]:
        """TQ301 on evidence only; ``elsewhere`` collects known source acronyms the article spells
        out as some other body (``National Justice Administration Council (OIT)``: not the ILO)."""
        for m in _PAREN.finditer(text):
            acr = m.group(1)
            if acr in table.kept or acr in known.english:
                continue  # OECD, PKK: English writes it so, whatever the words before it say
            run = _expansion_words(text, m.start())
            words = [text[s:e] for s, e in run]
            if len([w for w in words if w[0].isupper()]) < 2 or fits(acr, words):
                continue
            sources = table.by_source.get(acr, []) + known.sources.get(acr, [])
            named = next(((lg, e) for lg, e in sources if _overlap_score(words, e.expansion) >= 0.5), None)
            best: Entity | None
            if named is not None:
                lang, best = named
                evidence = "source-language acronym"
                why = f"'{acr}' is the {language_name(lang)} acronym of the {best.expansion}"
            elif sources:
                elsewhere.add(acr)
                continue
            else:
                best = _named_body(words, known.bodies)
                if best is None:
                    continue  # no evidence: a party tag, a foreign body's own acronym, a new name
                evidence = "known body"
                why = f"the {best.expansion} is '{best.english}' in English"
            fix = best.english
            span = Span(m.start(1), m.end(1))
            written = " ".join(words)
            msg = f"'{acr}' does not fit '{written}' ({why}); write '{fix}'"
            related = (RelatedHit(doc.path, Span(run[0][0], run[-1][1]), f"expansion '{written}'"),)
            yield Hit(ACRONYM_EXPANSION_MISMATCH, span, msg, fix, related, data=(("evidence", evidence),))

    def _known(self, ctx: Context, table: AcronymTable) -> _Known:
        """The table plus the loaded glossaries (computed once per glossary, not per file)."""
        if self._known_memo is not None and self._known_memo[0] is ctx.matcher:
            return self._known_memo[1]
        sources = self._glossary_sources(ctx, table)
        english = set(table.english)
        bodies = [e for e in table.entities if _fits_own_expansion(e.english, e.expansion)]
        if ctx.matcher is not None:
            for acronym, canonical in ctx.matcher.acronyms():
                english.add(acronym)
                if _fits_own_expansion(acronym, canonical):
                    bodies.append(Entity(acronym, canonical, (acronym,), ()))
        known = _Known(sources, frozenset(english), tuple(bodies))
        self._known_memo = (ctx.matcher, known)
        return known

    def _glossary_sources(self, ctx: Context, table: AcronymTable) -> dict[str, list[tuple[str, Entity]]]:
        """Source-role acronyms of the loaded glossaries, as table entries (once per glossary, not per file)."""
        if self._sources is not None and self._sources[0] is ctx.matcher:
            return self._sources[1]
        out: dict[str, list[tuple[str, Entity]]] = {}
        self._sources = (ctx.matcher, out)
        if ctx.matcher is None:
            return out
        for text, lang, english, canonical in ctx.matcher.source_acronyms():
            if text not in table.by_source:
                ent = Entity(english, canonical, (english,), ((lang, text),))
                out.setdefault(text, []).append((lang, ent))
        return out

    def _multiple_forms(self, doc: Document, text: str, table: AcronymTable) -> Iterable[Hit]:
        groups = [ent for ent in table.entities if len(ent.forms) >= 2]
        if not groups:
            return
        # every form of every entity in one pass (not one pass per form)
        combined, others = _forms_finder(frozenset(f for ent in groups for f in ent.forms))
        where: dict[str, list[Span]] = {}
        for pattern in (combined, *others) if combined else others:
            for m in pattern.finditer(text):
                where.setdefault(m.group(), []).append(Span(m.start(), m.end()))
        for ent in groups:
            found: list[tuple[str, Span]] = []
            for form in ent.forms:
                acronym = is_acronym(form)
                for span in where.get(form, ()):
                    if acronym and _in_caps_run(text, span.start, span.end, table):
                        continue
                    found.append((form, span))
            counts = Counter(f for f, _ in found)
            if len(counts) < 2:
                continue
            found.sort(key=lambda p: p[1].start)
            top = counts.most_common(1)[0][0]
            target = next(p for p in found if p[0] != top)
            listing = ", ".join(f"'{f}' {c}×" for f, c in counts.most_common())
            msg = f"the {ent.expansion} is named several ways in this article: {listing}; pick one"
            related = tuple(RelatedHit(doc.path, s, f"'{f}'") for f, s in found if s != target[1])
            yield Hit(ACRONYM_MULTIPLE_FORMS, target[1], msg, None, related)
