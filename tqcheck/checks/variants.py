"""Name-variant discovery (TQ2xx): one name spelt two ways, found without a glossary entry.

No glossary is complete: tomorrow's dispatch brings a name nobody listed, and the MT writes it
``Al-Tamana`` in one paragraph and ``Al-Tamanah`` in the next. Mentions are clustered by the
transliteration-aware decision of :mod:`tqcheck.names`; a cluster with two spellings is one
finding at the rarer spelling, listing every form with its count. Where a glossary knows the
name, its canonical form is the suggestion and forms the glossary already flags are left to TQ1xx.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import ClassVar

from tqcheck.checks.base import Context
from tqcheck.checks.places import PLACE_VARIANT, place_hits
from tqcheck.document import Document
from tqcheck.glossary.matcher import MatchIndex
from tqcheck.model import FixSafety, Hit, RelatedHit, Rule, Severity, Span
from tqcheck.names.clusters import NameCluster, Spelling, cluster_mentions, mention_key, spelling_key
from tqcheck.names.decision import decide
from tqcheck.names.mentions import Mention, extract_mentions
from tqcheck.names.references import is_implied, resolve
from tqcheck.names.translit import strip_accents
from tqcheck.names.usage import accent_only, better_known, preferred


def _fix(mention: Mention, target_cores: Sequence[str]) -> tuple[Span, str]:
    """The span of the words that differ and their replacement, keeping the mention's own articles
    (and a plural's ``s``); words a second reference only implies are never written."""
    if len(target_cores) != len(mention.tokens):
        return mention.span, " ".join(target_cores)
    differ = [
        i
        for i, (t, c) in enumerate(zip(mention.tokens, target_cores, strict=True))
        if not is_implied(t) and spelling_key([t.core]) != spelling_key([c])
    ]
    if not differ:
        return mention.span, mention.text
    i, j = differ[0], differ[-1]
    first, last = mention.tokens[i], mention.tokens[j]
    pieces = []
    text = mention.text
    base = mention.span.start
    for k in range(i, j + 1):
        tok = mention.tokens[k]
        tail = "s" if tok.text.endswith(tok.core + "s") else ""  # a plural read in the singular
        prefix = tok.text[: len(tok.text) - len(tok.core) - len(tail)]  # the article ("Al-", "al ")
        pieces.append(prefix + target_cores[k] + tail)
        if k < j:
            nxt = mention.tokens[k + 1]
            pieces.append(text[tok.span.end - base : nxt.span.start - base])
    return Span(first.span.start, last.span.end), "".join(pieces)


def _rewritable(sp: Spelling, cores: Sequence[str], named: Sequence[bool]) -> bool:
    """Can ``sp`` be rewritten word for word into ``cores``? Not when only articles differ (house
    style, no direction) nor when the words pair only out of order, merged, abbreviated or with an
    article glued on: a fix would have to guess the layout."""
    if spelling_key(sp.cores) == spelling_key(cores):
        return False
    d = decide(sp.cores, cores, sp.named, named)
    al = d.alignment
    return (
        al is not None
        and len(sp.cores) == len(cores)
        and not al.reordered
        and not al.dropped
        and all(u.kind == "word" and not u.article_differs for u in al.units)
    )


def _article_span(mention: Mention, named: Sequence[bool]) -> Span:
    """The written words of ``mention`` whose article differs from ``named`` (else the mention)."""
    flags = list(named) + [False] * (len(mention.tokens) - len(named))
    odd = [
        t
        for t, f in zip(mention.tokens, flags, strict=False)
        if not is_implied(t) and (t.article is not None) != f
    ]
    return Span(odd[0].span.start, odd[-1].span.end) if odd else mention.span


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _first_per_path(sp: Spelling) -> dict[str, Mention]:
    """The first mention of a spelling in each article, articles in order of first use."""
    out: dict[str, Mention] = {}
    for path, m in sp.mentions:
        out.setdefault(path, m)
    return out


def _listing(spellings: Sequence[Spelling]) -> str:
    return ", ".join(f"'{s.text}' {s.count}×" for s in spellings)


def usual(spellings: Sequence[Spelling], lang: str | None, source_lang: str | None) -> Spelling | None:
    """The spelling the target language writes over every other one (:func:`preferred`), if any.

    Never decided by counts, so a run cannot push ``Chávez`` -> ``Chavez`` in one article and the
    reverse in the next.
    """
    for s in spellings:
        if all(
            preferred(s.cores, t.cores, lang, source_lang, s.named, t.named) == 0
            for t in spellings
            if t is not s
        ):
            return s
    return None


def reference(
    spellings: Sequence[Spelling],
    counts: Sequence[int],
    lang: str | None,
    source_lang: str | None,
) -> Spelling:
    """The spelling a finding without a fix keeps; it points at the others.

    A form the language knows well beats one it has never seen (``Netanyahu`` over
    ``Netanyahou``, whatever the counts); then the form written more often (``counts``, one per
    spelling: uses in the article, or articles in the set); then the one the language uses more
    (:func:`tqcheck.names.usage.better_known`: ``Yoshihiko`` over ``Yoshihoko``); else the first
    of ``spellings`` (commoner, fewer French conventions, earlier). Only where the finding points,
    never a fix: so a correct, well-known spelling is not the one underlined.
    """
    best, most = spellings[0], counts[0]
    for s, n in zip(spellings[1:], counts[1:], strict=True):
        lean = better_known(s.cores, best.cores, lang, source_lang, s.named, best.named)
        if lean is not None and lean[1]:
            wins = lean[0] == 0
        elif n != most:
            wins = n > most
        else:
            wins = lean is not None and lean[0] == 0
        if wins:
            best, most = s, n
    return best


def _folded(cores: Sequence[str]) -> tuple[str, ...]:
    return tuple(strip_accents(c).casefold() for c in cores)


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """``short`` is ``long`` with words left out (``Gaudi`` in ``Antoni Gaudi``)."""
    it = iter(long)
    return all(w in it for w in short)


def _diacritics_only(spellings: Sequence[Spelling]) -> bool:
    """Every mention is one name with or without its diacritics, perhaps shortened (``Antoni Gaudí``
    / ``Gaudi``, ``Stéphane Dupont`` / ``Stephane Dupont``): a house-style choice, often a feed that
    drops accents, not a misspelling, so weak evidence of a fault."""
    mentions = [m for sp in spellings for _, m in sp.mentions]
    if all(strip_accents(m.text) == m.text for m in mentions):
        return False
    forms = {_folded(m.cores) for m in mentions}
    longest = max(forms, key=len)
    return all(_within(f, longest) for f in forms)


def _diacritics_partner(target: Mention, spellings: Sequence[Spelling]) -> str | None:
    """The mention written like ``target`` but for diacritics (``Stéphane Dupont``), if any."""
    for sp in spellings:
        for _, m in sp.mentions:
            if m.text != target.text and accent_only(m.text, target.text):
                return m.text
    return None


def _text_listing(spellings: Sequence[Spelling]) -> str:
    """Every written form with its count: diacritics matter here, which spellings may fold away."""
    counts = Counter(m.text for sp in spellings for _, m in sp.mentions)
    return ", ".join(f"'{t}' {n}×" for t, n in counts.most_common())


NAME_VARIANT_IN_ARTICLE = Rule(
    "TQ201",
    "name-variant-in-article",
    Severity.WARNING,
    "One name spelt several ways in one article (found without a glossary)",
    "Two mentions look like one transliterated name written differently (Al-Tamanah / Al-Tamana, "
    "al-Cham / al-Sham); two names the language knows apart (Harris / Haris, Cameron / Cameroon, "
    "Kenya / Kanye) never pair. The finding points at the rarer spelling (on a tie, the one the "
    "language uses less; never a well-known spelling beside a form it has never seen) and lists "
    "every form with its count. It suggests the glossary's canonical form where a glossary knows the name, else the "
    "target language's usual spelling where usage settles it (Netanyahu, never the French "
    "Netanyahou; al-Sham, not al-Cham), else nothing: pick one. A name written with and without "
    "its diacritics (Stéphane / Stephane Dupont, Antoni Gaudí / Gaudi) is info: house style, "
    "often a feed that drops accents, rather than a misspelling.",
    fix=FixSafety.UNSAFE,
)

NAME_VARIANT_ACROSS_SET = Rule(
    "TQ202",
    "name-variant-across-set",
    Severity.WARNING,
    "Articles of one set spell the same name differently (found without a glossary)",
    "Across the checked set, one article spells a name one way and others another. A series should "
    "use one spelling; add it to the house glossary (`tqcheck variants` drafts one). The suggestion "
    "is the usual spelling in the target language where usage settles it, else none; a difference "
    "in diacritics only, or a one-word name, is reported as info (weak evidence across articles).",
    fix=FixSafety.UNSAFE,
)


class VariantCheck:
    RULES: ClassVar[tuple[Rule, ...]] = (NAME_VARIANT_IN_ARTICLE, NAME_VARIANT_ACROSS_SET, PLACE_VARIANT)

    def mentions(self, doc: Document, ctx: Context) -> list[Mention]:
        """Mentions of ``doc``, computed once even when both ``check`` and ``check_set`` ask."""
        lang = doc.lang or "en"
        return ctx.cached(
            "mentions", doc, lambda: resolve(extract_mentions(doc.content, lang), lang, doc.content)
        )

    def places(self, doc: Document, ctx: Context) -> list[Hit]:
        """TQ203 hits of ``doc`` (places in another language's spelling), computed once."""
        lang = doc.lang or ctx.lang or "en"

        def compute() -> list[Hit]:
            matches = MatchIndex(ctx.matches(doc))
            mentions = self.mentions(doc, ctx)
            return list(place_hits(mentions, matches, ctx.matcher_for(lang), lang, ctx.source_lang))

        return ctx.cached("place-hits", doc, compute)

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        return self._check(doc, ctx)

    def _check(self, doc: Document, ctx: Context) -> Iterable[Hit]:
        matches = MatchIndex(ctx.matches(doc))
        lang = doc.lang or ctx.lang or "en"
        places = self.places(doc, ctx)
        yield from places
        taken = {h.span for h in places}  # a place already reported against the gazetteer
        for cl in cluster_mentions(((doc.path, m) for m in self.mentions(doc, ctx)), lang):
            if len(cl.spellings) > 1:
                hit = self._cluster_hit(doc, cl, matches, lang, ctx.source_lang)
                if hit is not None and not any(_overlap(hit.span, s) for s in taken):
                    yield hit

    def _cluster_hit(
        self, doc: Document, cl: NameCluster, matches: MatchIndex, lang: str, source_lang: str | None
    ) -> Hit | None:
        covered = {id(m): matches.covering(m.span) for sp in cl.spellings for _, m in sp.mentions}
        free = [(sp, m) for sp in cl.spellings for _, m in sp.mentions if covered[id(m)] is None]
        if not free:
            return None  # every spelling is a glossary form: TQ101/TQ102 report it
        entries = [g.entry for g in covered.values() if g is not None]
        best_cores: Sequence[str] | None = None
        best_named: Sequence[bool] = ()
        kept = cl.spellings[0]
        if entries:
            counts = Counter(entries)  # in order of first use: a tie goes to the first, as before
            entry = max(counts, key=counts.__getitem__)
            canon = extract_mentions(entry.canonical)
            best_cores = canon[0].cores if len(canon) == 1 else (entry.canonical,)
            best_named = tuple(t.article is not None for t in canon[0].tokens) if len(canon) == 1 else ()
            best_key = mention_key(canon[0]) if len(canon) == 1 else spelling_key(best_cores)
            best_text = entry.canonical
            why = f"the glossary writes '{best_text}'"
        else:
            best = usual(cl.spellings, lang, source_lang)
            if best is not None and any(s.count > best.count for s in cl.spellings):
                best = None  # the article mostly writes another form: usage alone does not settle it
            kept = best or reference(cl.spellings, [s.count for s in cl.spellings], lang, source_lang)
            best_text = kept.text
            best_key = kept.key
            if best is not None:
                best_cores, best_named, why = best.cores, best.named, "the usual spelling in this language"
        wrong = [(sp, m) for sp, m in free if sp.key != best_key]
        if not wrong:
            return None
        wrong.sort(key=lambda pair: pair[1].span.start)
        target = wrong[0][1]
        if best_cores is not None and not _rewritable(wrong[0][0], best_cores, best_named):
            best_cores = None  # only the articles differ, or the words pair out of order: no fix
        related = tuple(
            RelatedHit(doc.path, m.span, f"also written '{m.text}'")
            for s in cl.spellings
            for _, m in s.mentions
            if m is not target
        )
        if not entries and _diacritics_only(cl.spellings):
            return self._diacritics_hit(doc, cl, target, best_cores, kept, best_text, related)
        if best_cores is None:
            msg = (
                f"'{target.text}' and '{best_text}' look like one name spelt two ways: this article "
                f"writes {_listing(cl.spellings)}; pick one spelling"
            )
            span, _ = _fix(target, kept.cores)  # the words that differ, no replacement
            if spelling_key(target.cores) == spelling_key(kept.cores):
                span = _article_span(target, kept.named)  # only an article differs: point at its word
                msg = (
                    f"'{target.text}' and '{best_text}' are one name written with and without an article "
                    f"in this article ({_listing(cl.spellings)}); pick one"
                )
            return Hit(NAME_VARIANT_IN_ARTICLE, span, msg, None, related)
        span, fix = _fix(target, best_cores)
        msg = (
            f"'{target.text}' looks like another spelling of '{best_text}': this article writes "
            f"{_listing(cl.spellings)}; use '{best_text}' throughout ({why})"
        )
        return Hit(NAME_VARIANT_IN_ARTICLE, span, msg, fix, related)

    @staticmethod
    def _diacritics_hit(
        doc: Document,
        cl: NameCluster,
        target: Mention,
        best_cores: Sequence[str] | None,
        kept: Spelling,
        best_text: str,
        related: tuple[RelatedHit, ...],
    ) -> Hit:
        """Info, not a warning: with and without diacritics is house style (and often a feed that
        drops them), so the editor sees it without being stopped; the fix stays where usage settles it."""
        partner = _diacritics_partner(target, cl.spellings) or best_text
        msg = (
            f"'{target.text}' and '{partner}' are one name written with and without diacritics: "
            f"this article writes {_text_listing(cl.spellings)}; pick one"
        )
        if best_cores is None:
            span, _ = _fix(target, kept.cores)
            return Hit(NAME_VARIANT_IN_ARTICLE, span, msg, None, related, Severity.INFO, doc.path)
        span, fix = _fix(target, best_cores)
        return Hit(NAME_VARIANT_IN_ARTICLE, span, msg, fix, related, Severity.INFO, doc.path)

    def check_set(self, docs: Sequence[Document], ctx: Context) -> Iterable[Hit]:
        if len(docs) < 2:
            return
        covered: dict[int, bool] = {}
        pairs: list[tuple[str, Mention]] = []
        lang = next((d.lang for d in docs if d.lang), "en")
        for doc in docs:
            matches = MatchIndex(ctx.matches(doc))
            taken = {h.span for h in self.places(doc, ctx)}
            for m in self.mentions(doc, ctx):
                # a glossary form (TQ104 reports it) or a place TQ203 reported: not TQ202's
                covered[id(m)] = matches.covering(m.span) is not None or m.span in taken
                pairs.append((doc.path, m))
        for cl in cluster_mentions(pairs, lang, across=True, fanout=ctx.fanout):
            if len(cl.spellings) < 2:
                continue
            # each spelling's first mention per article, in article order (one pass over its mentions)
            firsts = {id(sp): _first_per_path(sp) for sp in cl.spellings}
            best = usual(cl.spellings, lang, ctx.source_lang)
            if best is None:
                # most articles, then the form the language knows better, then the commoner overall
                per_docs = [len(firsts[id(s)]) for s in cl.spellings]
                lead = reference(cl.spellings, per_docs, lang, ctx.source_lang)
            else:
                lead = best
            # say less on weak evidence: diacritics are house style, and one word alone in two
            # unrelated articles (Berbr / Berber) may well be two things
            weak = len(lead.cores) == 1 or (best is None and _diacritics_only(cl.spellings))
            severity = Severity.INFO if weak else None
            yield from self._set_hits(cl, lead, best is not None, firsts, covered, len(docs), severity)

    def _set_hits(
        self,
        cl: NameCluster,
        lead: Spelling,
        fixable: bool,
        firsts: dict[int, dict[str, Mention]],
        covered: dict[int, bool],
        n_docs: int,
        severity: Severity | None,
    ) -> Iterable[Hit]:
        """TQ202 at the first mention of each other spelling in each article that never writes ``lead``."""
        lead_paths = firsts[id(lead)].keys()
        for sp in cl.spellings:
            if sp is lead:
                continue
            for path, target in firsts[id(sp)].items():
                if path in lead_paths:
                    continue  # both spellings in one article: TQ201 reports it there
                if covered[id(target)]:
                    continue  # a glossary form: TQ104 reports it
                related = tuple(RelatedHit(p, m.span, f"'{m.text}' here") for p, m in lead.mentions[:5])
                msg = f"'{target.text}' here, but {len(lead_paths)} of {n_docs} articles in this set write '{lead.text}'"
                if fixable and _rewritable(sp, lead.cores, lead.named):
                    span, fix = _fix(target, lead.cores)
                    msg += " (the usual spelling in this language)"
                    yield Hit(NAME_VARIANT_ACROSS_SET, span, msg, fix, related, severity, path)
                else:
                    msg += "; pick one spelling"
                    span, _ = _fix(target, lead.cores)  # the words that differ, no replacement
                    yield Hit(NAME_VARIANT_ACROSS_SET, span, msg, None, related, severity, path)
