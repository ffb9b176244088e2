"""Segment checks of translation files (TQ409-TQ414): what a localisation QA tool checks per unit.

A translation file (XLIFF, TMX, PO, JSONL) pairs its segments itself, so these checks compare
each pair as given, the way Xbench, Okapi CheckMate and translate-toolkit's pofilter do: inline
codes (``<g>``, ``<x/>``, ``<ph>``) and placeholders (``{name}``, ``%s``, ``%1$d``,
``{{var}}``) lost, added or reordered; an empty target; a target that copies its source; and
leading or trailing whitespace and final punctuation that differ. Every finding points into the
target.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from tqcheck.bilingual.rules import (
    EMPTY_TARGET,
    END_PUNCTUATION,
    INLINE_CODE_MISMATCH,
    PLACEHOLDER_MISMATCH,
    SAME_AS_SOURCE,
    SEGMENT_WHITESPACE,
)
from tqcheck.locale import common_words
from tqcheck.mapped import InlineCode, SegmentPair
from tqcheck.model import Hit, RelatedHit, Rule, Severity, Span
from tqcheck.tokens import LETTERS

#: Placeholders of the usual programming formats: Mustache/Jinja ``{{var}}``; Python, ICU and
#: .NET ``{name}``, ``{0}``, ``{}``; printf ``%s``, ``%1$d``, ``%(name)s``, ``%.2f``. No space
#: flag: "50 % des" is French, not printf.
PLACEHOLDER = re.compile(
    r"\{\{\s*[\w.-]+\s*\}\}"
    r"|\{[\w.-]*(?:[:!][^{}\s]*)?\}"
    r"|%(?:\d+\$)?(?:\(\w+\))?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcrsaAp@]"
)
#: an unnumbered printf placeholder: its place in the list says which value it takes
_POSITIONAL = re.compile(r"%(?!\d+\$|\()")

#: final punctuation as one class whatever the script (full stop, question, exclamation...)
_END_CLASS = {
    ".": ".",
    "。": ".",
    "।": ".",
    "۔": ".",
    "?": "?",
    "？": "?",
    "؟": "?",
    ";": ";",  # also the Greek question mark, which Unicode folds into ";"
    "!": "!",
    "！": "!",
    ":": ":",
    "：": ":",
    "…": "…",
    "；": ";",
}
#: closing marks looked through to find a segment's final punctuation ('dit-il.»', 'said.")')
_CLOSERS = "\"'»”’)]}›"
_STRONG = frozenset(".?!")


def _uid(pair: SegmentPair) -> tuple[tuple[str, str], ...]:
    return (("unit", pair.id),)


def empty_hits(pair: SegmentPair, path: str) -> Iterator[Hit]:
    """An empty target (no text and no inline code) of a source that has text."""
    if pair.target.text.strip() or pair.target_codes or not pair.source.text.strip():
        return
    source = pair.source.text.strip()
    shown = source if len(source) <= 80 else source[:77] + "..."
    yield Hit(
        EMPTY_TARGET,
        pair.target_span,
        f"the translation of unit '{pair.id}' is empty; the source says: «{shown}»",
        related=(RelatedHit(path, pair.source.file_span, "the source segment"),),
        path=path,
        data=_uid(pair),
    )


def _counted(items: list[tuple[str, Span]], other: Counter[str]) -> list[tuple[str, Span]]:
    """The items of one side beyond what the other side has of each (the last ones)."""
    left = Counter(k for k, _ in items) - other
    out: list[tuple[str, Span]] = []
    for k, span in reversed(items):
        if left[k] > 0:
            left[k] -= 1
            out.append((k, span))
    return out[::-1]


def _compare(
    pair: SegmentPair,
    path: str,
    rule: Rule,
    what: str,
    sides: tuple[list[tuple[str, Span]], list[tuple[str, Span]]],
) -> Iterator[Hit]:
    src, tgt = sides
    added = _counted(tgt, Counter(k for k, _ in src))
    missing = _counted(src, Counter(k for k, _ in tgt))
    for k, span in added:
        yield Hit(rule, span, f"{what} {k} is not in the source", path=path, data=_uid(pair))
    if missing:
        listing = ", ".join(k for k, _ in missing)
        yield Hit(
            rule,
            pair.target_span,
            f"the source's {what}{'s' if len(missing) > 1 else ''} {listing} "
            f"{'is' if len(missing) == 1 else 'are'} missing from the translation",
            related=tuple(RelatedHit(path, span, f"{k} in the source") for k, span in missing),
            path=path,
            data=_uid(pair),
        )


def _code_key(code: InlineCode) -> str:
    return f'<{code.name} id="{code.id}">' if code.id else f"<{code.name}>"


#: a markup tag written in the text (PO and JSONL strings, escaped HTML in XLIFF): ``<a href="%s">``
#: is compared as ``<a>``, attributes left out (a translated title is no lost tag)
TEXT_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)(?:\s[^<>]*?)?\s*(/?)>")


def _codes(pair: SegmentPair, target: bool) -> list[tuple[str, Span]]:
    """The side's inline codes and the tags written in its text, in order."""
    side = pair.target if target else pair.source
    found = [(c.at, _code_key(c), c.span) for c in (pair.target_codes if target else pair.source_codes)]
    for m in TEXT_TAG.finditer(side.text):
        key = f"<{m.group(1)}{m.group(2).lower()}{m.group(3)}>"
        found.append((m.start(), key, side.span(m.start(), m.end())))
    return [(k, span) for _, k, span in sorted(found, key=lambda x: (x[0], x[2]))]


def code_hits(pair: SegmentPair, path: str) -> Iterator[Hit]:
    """Inline codes lost or added (errors), or kept in another order (info)."""
    src, tgt = _codes(pair, False), _codes(pair, True)
    found = list(_compare(pair, path, INLINE_CODE_MISMATCH, "inline code", (src, tgt)))
    yield from found
    if not found and [k for k, _ in src] != [k for k, _ in tgt]:
        first = next(i for i, (a, b) in enumerate(zip(src, tgt, strict=True)) if a[0] != b[0])
        yield Hit(
            INLINE_CODE_MISMATCH,
            tgt[first][1],
            f"inline codes in another order than the source's: {' '.join(k for k, _ in tgt)} "
            f"(source: {' '.join(k for k, _ in src)})",
            path=path,
            severity=Severity.INFO,
            data=_uid(pair),
        )


def placeholders(pair: SegmentPair, target: bool) -> list[tuple[str, Span]]:
    side = pair.target if target else pair.source
    return [
        (re.sub(r"\s+", "", m.group()), side.span(m.start(), m.end()))
        for m in PLACEHOLDER.finditer(side.text)
    ]


def placeholder_hits(pair: SegmentPair, path: str) -> Iterator[Hit]:
    """Placeholders lost or added, and unnumbered printf ones that swap their values."""
    src, tgt = placeholders(pair, False), placeholders(pair, True)
    found = list(_compare(pair, path, PLACEHOLDER_MISMATCH, "placeholder", (src, tgt)))
    yield from found
    if found:
        return
    order_s = [k for k, _ in src if _POSITIONAL.match(k)]
    order_t = [(k, span) for k, span in tgt if _POSITIONAL.match(k)]
    if order_s != [k for k, _ in order_t]:
        first = next(i for i, (a, b) in enumerate(zip(order_s, order_t, strict=True)) if a != b[0])
        yield Hit(
            PLACEHOLDER_MISMATCH,
            order_t[first][1],
            f"unnumbered placeholders in another order than the source's ({' '.join(order_s)}): "
            "they take their values in order, so the values are swapped (number them: %1$s)",
            path=path,
            data=_uid(pair),
        )


def _translatable(text: str, tgt_lang: str) -> bool:
    """Whether a copied segment should have been translated: it has a lower-case word of three
    letters or more that is no everyday word of the target language (names, acronyms, figures
    and shared words such as "Transport" are written the same in both)."""
    everyday = common_words(tgt_lang)
    for w in LETTERS.findall(text):
        if len(w) >= 3 and w.islower() and (not everyday or w not in everyday):
            return True
    return False


def same_hits(pair: SegmentPair, path: str, tgt_lang: str) -> Iterator[Hit]:
    """A target identical to its source, unless only names, figures or shared words."""
    text = pair.target.text.strip()
    if not text or text != pair.source.text.strip() or not _translatable(text, tgt_lang):
        return
    yield Hit(
        SAME_AS_SOURCE,
        pair.target_span,
        f"the translation of unit '{pair.id}' is a copy of the source: not translated",
        related=(RelatedHit(path, pair.source.file_span, "the source segment"),),
        path=path,
        data=_uid(pair),
    )


def _ends(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


def _shown(ws: str) -> str:
    return repr(ws) if ws else "none"


def whitespace_hits(pair: SegmentPair, path: str) -> Iterator[Hit]:
    """Leading or trailing whitespace that differs (a missing one at the target's edge, an added
    one on the whitespace itself)."""
    src, tgt = pair.source.text, pair.target.text
    if not tgt.strip():
        return
    (s_lead, s_trail), (t_lead, t_trail) = _ends(src), _ends(tgt)
    for where, s_ws, t_ws, start, end in (
        ("leading", s_lead, t_lead, 0, len(t_lead) or 1),
        ("trailing", s_trail, t_trail, len(tgt) - (len(t_trail) or 1), len(tgt)),
    ):
        if s_ws != t_ws:
            yield Hit(
                SEGMENT_WHITESPACE,
                pair.target.span(start, end),
                f"{where} whitespace differs: the source has {_shown(s_ws)}, the translation {_shown(t_ws)}",
                path=path,
                data=_uid(pair),
            )


def _final(text: str) -> tuple[str, int]:
    """The class of the final punctuation mark ('' when none) and its offset in ``text``."""
    end = len(text.rstrip())
    while end and text[end - 1] in _CLOSERS:
        end = len(text[: end - 1].rstrip())
    if end >= 3 and text[end - 3 : end] == "...":
        return "…", end - 3
    if end and text[end - 1] in _END_CLASS:
        return _END_CLASS[text[end - 1]], end - 1
    return "", end


def _mark(text: str, cls: str, at: int) -> str:
    return ("'...'" if text[at : at + 3] == "..." else repr(text[at])) if cls else "no punctuation"


def punctuation_hits(pair: SegmentPair, path: str) -> Iterator[Hit]:
    """Final punctuation of another class than the source's: a full stop, question or exclamation
    mark against another or none is a warning; colons, semicolons and ellipses are info."""
    src, tgt = pair.source.text, pair.target.text
    if not LETTERS.search(src) or not LETTERS.search(tgt):
        return
    (s_cls, s_at), (t_cls, t_at) = _final(src), _final(tgt)
    if s_cls == t_cls:
        return
    strong = (s_cls in _STRONG or not s_cls) and (t_cls in _STRONG or not t_cls)
    if t_cls:  # the mark itself
        span = pair.target.span(t_at, t_at + (3 if tgt[t_at : t_at + 3] == "..." else 1))
    else:  # the last character, where the mark should be
        span = pair.target.span(max(0, t_at - 1), t_at)
    yield Hit(
        END_PUNCTUATION,
        span,
        f"the translation ends with {_mark(tgt, t_cls, t_at)}, the source with {_mark(src, s_cls, s_at)}",
        path=path,
        severity=None if strong else Severity.INFO,
        data=_uid(pair),
    )
