"""Glossary checks (TQ1xx): wrong variants, source-language forms, mixed accepted forms.

All four rules read the same per-document matches from :class:`Context`, so the text is
scanned once however many of them are selected.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import ClassVar

from tqcheck.checks.base import Context
from tqcheck.document import Document
from tqcheck.glossary.matcher import Match
from tqcheck.glossary.model import Entry, Role, is_acronym
from tqcheck.locale.names import language_name
from tqcheck.model import FixSafety, Hit, RelatedHit, Rule, Severity
from tqcheck.names.usage import in_source_language
from tqcheck.textfold import key

#: Accepted forms whose mixing in one article (or a set) is an inconsistency; acronyms are not
#: (writing "SOHR" after "Syrian Observatory for Human Rights (SOHR)" is house style).
MIXABLE = frozenset({Role.CANONICAL, Role.ADMITTED})

#: Locations of the accepted spelling attached to each variant finding (the message gives counts).
MAX_RELATED = 1


def match_case(replacement: str, written: str, sentence_start: bool = False) -> str:
    """Keep an all-caps headline all-caps, and a capital at the start of a sentence."""
    if written.isupper() and len(written) > 1 and not is_acronym(written):
        return replacement.upper()
    if sentence_start and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def at_sentence_start(text: str, start: int) -> bool:
    """True when only opening quotes/brackets separate ``start`` from a sentence or line start."""
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0\"“‘'«(":
        i -= 1
    return i < 0 or text[i] in ".!?\n\r:"


@lru_cache(maxsize=100_000)
def _source_langs(entry: Entry, form_text: str) -> tuple[str, ...]:
    """Languages whose source forms include ``form_text`` (memoised: called per finding)."""
    k = key(form_text)
    return tuple(lang for lang, forms in entry.source.items() if any(key(f) == k for f in forms))


def _language_of(entry: Entry, form_text: str, source_lang: str | None) -> str | None:
    """The language a leftover is written in: the run's source language where it writes it so
    (French and Spanish both write ``OSDH``), else the first that does."""
    langs = _source_langs(entry, form_text)
    if source_lang and source_lang in langs:
        return source_lang
    return langs[0] if langs else None


#: Share of capitals among the letters around an acronym-shaped match that makes its line an
#: all-caps headline; and the fewest other letters that can tell.
CAPS_SHARE = 0.8
CAPS_LETTERS = 4


def _in_caps_run(text: str, start: int, end: int) -> bool:
    """Inside an all-caps headline ("UN MORT À IDLEB", "AU LIBAN", "UNO DE LOS HERIDOS"), a word
    shaped like another language's acronym is an ordinary word of the text: the letters around
    it on its line are (nearly) all capitals."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    stop = min(end + 60, len(text) if line_end < 0 else line_end)
    around = text[max(line_start, start - 60) : start] + text[end:stop]
    letters = [c for c in around if c.isalpha()]
    if len(letters) < CAPS_LETTERS:
        return False
    return sum(c.isupper() for c in letters) >= CAPS_SHARE * len(letters)


def _plural(n: int) -> str:
    return f"{n}×"


GLOSSARY_VARIANT = Rule(
    "TQ101",
    "glossary-variant",
    Severity.WARNING,
    "A variant spelling of a glossary term; house style is the canonical form",
    "The glossary lists this spelling as wrong in target-language text (a transliteration or "
    "source-language spelling). Replace it with the canonical form; `tqcheck check --fix` does it.",
    fix=FixSafety.SAFE,
)

MIXED_ACCEPTED_FORMS = Rule(
    "TQ102",
    "mixed-accepted-forms",
    Severity.WARNING,
    "One entity written with several accepted forms in one article",
    "Both forms are allowed by the glossary, but one article should use one. The finding points at "
    "the rarer form and lists every form with its count.",
    fix=FixSafety.UNSAFE,
)

SOURCE_LANGUAGE_FORM = Rule(
    "TQ103",
    "source-language-form",
    Severity.ERROR,
    "A source-language name or acronym left untranslated in the target text",
    "The glossary records this as how the source language writes the entity (e.g. French OSDH for "
    "SOHR). English readers need the English form.",
    fix=FixSafety.SAFE,
)

INCONSISTENT_ACROSS_SET = Rule(
    "TQ104",
    "inconsistent-across-set",
    Severity.WARNING,
    "Articles of one set write the same entity differently",
    "Across the checked set, most articles use one accepted form of the entity; this article uses "
    "another. A series should stay consistent.",
    fix=FixSafety.UNSAFE,
)


class GlossaryCheck:
    RULES: ClassVar[tuple[Rule, ...]] = (
        GLOSSARY_VARIANT,
        MIXED_ACCEPTED_FORMS,
        SOURCE_LANGUAGE_FORM,
        INCONSISTENT_ACROSS_SET,
    )

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        return self._check(doc, ctx)

    def _check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        matches = ctx.matches(doc)
        # Most entities are written one correct way: find the few that need a closer look
        # (a wrong form, or two spellings) in one cheap pass, then group only those.
        # Entries by number (one matcher per document: the same number is the same entry), so
        # that the matches never looked at closer never build their entry (a compiled glossary's).
        first_key: dict[int, str] = {}
        relevant: set[int] = set()
        for m in matches:
            if m.accepted:
                if first_key.setdefault(m.number, m.key) != m.key:
                    relevant.add(m.number)
            else:
                relevant.add(m.number)
        if not relevant:
            return
        by_entry: dict[int, list[Match]] = defaultdict(list)
        for m in matches:
            if m.number in relevant:
                by_entry[m.number].append(m)
        for group in by_entry.values():
            wrong = [
                m
                for m in group
                if (m.form.role is Role.VARIANT or m.form.role is Role.SOURCE)
                and not (m.form.is_acronym and _in_caps_run(doc.content, m.start, m.end))
            ]
            if wrong:
                also = self._also_written(doc, [m for m in group if m.form.accepted])
                for m in wrong:
                    yield (
                        self._variant(doc, m, also, ctx.source_lang)
                        if m.form.role is Role.VARIANT
                        else self._source(doc, ctx, m)
                    )
            if len(group) > 1:
                hit = self._mixed(doc, group)
                if hit is not None:
                    yield hit

    @staticmethod
    def _also_written(doc: Document, good: list[Match]) -> tuple[str, tuple[RelatedHit, ...]]:
        """What the article writes correctly for the entity (once per entity, not per finding)."""
        if not good:
            return "", ()
        counts: dict[str, int] = {}
        for o in good:
            counts[o.text] = counts.get(o.text, 0) + 1
        ranked = sorted(counts.items(), key=lambda tc: -tc[1]) if len(counts) > 1 else counts.items()
        forms = ", ".join(f"'{t}' ({_plural(c)})" for t, c in ranked)
        related = tuple(RelatedHit(doc.path, o.span, f"also written '{o.text}'") for o in good[:MAX_RELATED])
        return f"; this article also writes {forms}", related

    def _variant(
        self, doc: Document, m: Match, also: tuple[str, tuple[RelatedHit, ...]], source_lang: str | None
    ) -> Hit:
        fix = match_case(m.entry.preferred_for(m.text), m.text, at_sentence_start(doc.content, m.start))
        lang = _language_of(m.entry, m.form.text, source_lang)
        why = f" (the {language_name(lang)} spelling)" if lang else ""
        msg = f"'{m.text}' is a variant{why} of '{fix}'; house style is '{fix}'{also[0]}"
        return Hit(GLOSSARY_VARIANT, m.span, msg, fix, also[1])

    def _source(self, doc: Document, ctx: Context, m: Match) -> Hit:
        fix = match_case(m.entry.preferred_for(m.text), m.text)
        written_in = _language_of(m.entry, m.form.text, ctx.source_lang) or m.form.lang
        lang = language_name(written_in)
        what = "acronym" if is_acronym(m.text) else "form"
        full = f" ({m.entry.canonical})" if fix != m.entry.canonical else ""
        # inside a phrase still in the source language ("de l'UE pour vérifier"), the phrase needs
        # translating: replacing this form alone would make it worse ("l'Syrian Observatory")
        if in_source_language(doc.content, m.start, m.end, ctx.lang_of(doc), written_in or ctx.source_lang):
            msg = f"'{m.text}' sits in a passage still in {lang}: the passage needs translating, not this {what} alone"
            return Hit(SOURCE_LANGUAGE_FORM, m.span, msg, None)
        msg = f"'{m.text}' is the {lang} {what} left untranslated; write '{fix}'{full}"
        return Hit(SOURCE_LANGUAGE_FORM, m.span, msg, fix)

    def _mixed(self, doc: Document, group: list[Match]) -> Hit | None:
        accepted = [m for m in group if m.form.role in MIXABLE and not m.form.is_acronym]
        if len({m.key for m in accepted}) < 2:
            return None
        counts = Counter(m.key for m in accepted)
        entry = accepted[0].entry
        canonical_key = key(entry.canonical)
        # majority wins; on a tie the canonical form does
        best = max(counts, key=lambda k: (counts[k], k == canonical_key))
        target = next(m for m in accepted if m.key != best)
        written = {m.key: m.text for m in reversed(accepted)}  # first spelling of each key
        best_text = written[best]
        listing = ", ".join(f"'{written[k]}' {_plural(c)}" for k, c in counts.most_common())
        related = tuple(RelatedHit(doc.path, m.span, f"'{m.text}'") for m in accepted if m is not target)
        msg = f"{entry.canonical} is written several ways in this article: {listing}; use '{best_text}' throughout"
        return Hit(MIXED_ACCEPTED_FORMS, target.span, msg, match_case(best_text, target.text), related)

    def check_set(self, docs: Sequence[Document], ctx: Context) -> Iterable[Hit]:
        if len(docs) < 2:
            return
        # entity -> form key -> list of (doc, first match)
        usage: dict[str, dict[str, list[tuple[Document, Match]]]] = defaultdict(lambda: defaultdict(list))
        for doc in docs:
            seen: set[tuple[str, str]] = set()
            for m in ctx.matches(doc):
                if m.form.role not in MIXABLE or m.form.is_acronym:
                    continue
                k = m.key
                if (m.entry.id, k) not in seen:
                    seen.add((m.entry.id, k))
                    usage[m.entry.id][k].append((doc, m))
        for forms in usage.values():
            if len(forms) < 2:
                continue
            entry = next(iter(forms.values()))[0][1].entry
            canonical_key = key(entry.canonical)
            best = max(forms, key=lambda k: (len(forms[k]), k == canonical_key))
            best_text = forms[best][0][1].text
            for k, users in forms.items():
                if k == best:
                    continue
                for doc, m in users:
                    others = [RelatedHit(d.path, o.span, f"'{o.text}' here") for d, o in forms[best][:5]]
                    msg = (
                        f"'{m.text}' here, but {len(forms[best])} of {len(docs)} articles in this set write "
                        f"'{best_text}'"
                    )
                    yield Hit(
                        INCONSISTENT_ACROSS_SET,
                        m.span,
                        msg,
                        match_case(best_text, m.text),
                        tuple(others),
                        path=doc.path,
                    )
