"""Applying suggested fixes to a document's text, and encoding it back as its file was.

A fix carries its safety (ruff's applicability): ``--fix`` applies safe ones, ``--unsafe-fixes``
the inferred ones too. Two guards keep a run's fixes sane: a replacement never repeats the
words around it (:func:`fit_to_context`: "the UN's Office of Humanitarian Affairs" becomes "the
UN Office for the Coordination of Humanitarian Affairs", not "the UN's UN Office ..."), and
two fixes of one run never undo each other (:func:`contradictions`: Chávez -> Chavez in one
place and Chavez -> Chávez in another means nobody knows, so neither is applied).
"""

from __future__ import annotations

import html
import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence

from tqcheck.model import Finding, FixSafety, Span
from tqcheck.textfold import key


def _xml(text: str) -> str:
    return html.escape(text, quote=False)


def _json(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _po(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


#: How a replacement is written into a file of each input format (spans are file offsets).
ESCAPES: dict[str, Callable[[str], str]] = {
    "xliff": _xml,
    "tmx": _xml,
    "html": _xml,
    "jsonl": _json,
    "po": _po,
}


def applicable(finding: Finding, unsafe: bool = False) -> bool:
    """Whether ``--fix`` (``unsafe``: with ``--unsafe-fixes``) applies this finding's fix."""
    if finding.suggestion is None:
        return False
    return finding.fix is FixSafety.SAFE or (unsafe and finding.fix is FixSafety.UNSAFE)


#: Only across spaces on the same line: a fix never joins two lines. The word before a span is
#: ``([^\W_]+)(?:['’]s)?[ \t\u00a0]+\Z`` searched in the text before it; matched on that text
#: reversed instead, from the span back, it costs the word's length, not the window's squared.
_WORD_BEFORE_REVERSED = re.compile(r"[ \t\u00a0]+(?:s['’])?([^\W_]+)")
_WORD_AFTER = re.compile(r"[ \t\u00a0]+([^\W_]+)")
_EDGE_WORD = re.compile(r"[^\W_]+")
#: How far to look for a repeated word on either side of a span.
_LOOK = 40


def fit_to_context(text: str, span: Span, suggestion: str) -> Span:
    """The span widened so that the replacement does not repeat a word written right next to it.

    "the UN's Office of Humanitarian Affairs", fixed to "UN Office for the Coordination of
    Humanitarian Affairs", would read "the UN's UN Office ...": the word before the span (with
    its possessive) is the replacement's first word, so the span takes it in. Same at the end.
    """
    start, end = span
    words = _EDGE_WORD.findall(suggestion)
    if not words:
        return span
    before = _WORD_BEFORE_REVERSED.match(text[max(0, start - _LOOK) : start][::-1])
    if before is not None and key(before.group(1)[::-1]) == key(words[0]):
        start -= before.end()
    after = _WORD_AFTER.match(text, end, min(len(text), end + _LOOK))
    if after is not None and key(after.group(1)) == key(words[-1]):
        end = after.end()
    return Span(start, end)


def rewrite_key(finding: Finding) -> tuple[str, str]:
    """``(from, to)`` of a fix, case-folded only: accents are the very thing a fix may change."""
    return finding.text.casefold(), (finding.suggestion or "").casefold()


def contradictions(findings: Iterable[Finding]) -> set[tuple[str, str]]:
    """Rewrites (:func:`rewrite_key`) that some other fix of the same run undoes."""
    pairs = {rewrite_key(f) for f in findings if f.suggestion}
    return {(a, b) for a, b in pairs if (b, a) in pairs and a != b}


def apply_fixes(
    text: str,
    findings: Iterable[Finding],
    fmt: str = "text",
    cdata: Sequence[tuple[int, int]] = (),
    unsafe: bool = False,
) -> tuple[str, int]:
    """Replace each applicable finding's span by its suggestion; overlapping fixes are skipped.

    Safe fixes only, unless ``unsafe`` (``--unsafe-fixes``).

    Suggestions are escaped for the file's format (``&`` in XLIFF, quotes in PO and JSONL),
    except inside a CDATA section (``cdata``: sorted file ranges of their contents, from
    ``Document.cdata``), where text is literal: there the raw suggestion is written, and one
    containing ``]]>`` (which would end the section) or a span crossing its edge is skipped.
    """
    fixes = sorted((f for f in findings if applicable(f, unsafe)), key=lambda f: (f.span.start, f.span.end))
    out: list[str] = []
    pos = applied = 0
    for f in fixes:
        written = None if f.span.start < pos else written_as(text, f, fmt, cdata)
        if written is None:
            continue
        out.append(text[pos : f.span.start])
        out.append(written)
        pos = f.span.end
        applied += 1
    out.append(text[pos:])
    return "".join(out), applied


def written_as(
    text: str, finding: Finding, fmt: str = "text", cdata: Sequence[tuple[int, int]] = ()
) -> str | None:
    """What :func:`apply_fixes` writes over the finding's span, so a review page patches exactly
    as ``--fix`` would; None when it writes nothing there (no suggestion, the text is no longer
    the finding's, the span touches CDATA markup, or ``]]>`` would end a CDATA section)."""
    suggestion = finding.suggestion
    if suggestion is None or text[finding.span.start : finding.span.end] != finding.text:
        return None
    inside = _in_cdata(cdata, finding.span.start, finding.span.end)
    if inside is None or (inside and "]]>" in suggestion):
        return None
    return suggestion if inside else ESCAPES.get(fmt, str)(suggestion)


def _in_cdata(cdata: Sequence[tuple[int, int]], start: int, end: int) -> bool | None:
    """True inside one CDATA section's content, False clear of every section (``<![CDATA[``
    and ``]]>`` included), None when the span touches a section's markup."""
    i = bisect_right(cdata, (start, end)) - 1  # the last section whose content starts at or before
    for s, e in cdata[max(i, 0) : i + 2]:
        if s <= start and end <= e:
            return True
        if start < e + len("]]>") and end > s - len("<![CDATA["):
            return None
    return False


def encode_text(text: str, encoding: str = "utf-8", bom: bool = False) -> bytes:
    """The bytes a document is written back as: its own encoding, and its BOM if it had one."""
    data = text.encode(encoding)
    if bom:
        data = "\ufeff".encode(encoding) + data  # the BOM in the file's own codec (UTF-8/16/32)
    return data
