"""Applying suggested fixes to a document's text, and encoding it back as its file was."""

from __future__ import annotations

import html
import json
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence

from tqcheck.model import Finding


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


def apply_fixes(
    text: str, findings: Iterable[Finding], fmt: str = "text", cdata: Sequence[tuple[int, int]] = ()
) -> tuple[str, int]:
    """Replace each fixable finding's span by its suggestion; overlapping fixes are skipped.

    Suggestions are escaped for the file's format (``&`` in XLIFF, quotes in PO and JSONL),
    except inside a CDATA section (``cdata``: sorted file ranges of their contents, from
    ``Document.cdata``), where text is literal: there the raw suggestion is written, and one
    containing ``]]>`` (which would end the section) or a span crossing its edge is skipped.
    """
    escape = ESCAPES.get(fmt, str)
    fixes = sorted(
        (f for f in findings if f.suggestion is not None), key=lambda f: (f.span.start, f.span.end)
    )
    out: list[str] = []
    pos = applied = 0
    for f in fixes:
        if f.span.start < pos or text[f.span.start : f.span.end] != f.text:
            continue
        suggestion = f.suggestion or ""
        inside = _in_cdata(cdata, f.span.start, f.span.end)
        if inside is None or (inside and "]]>" in suggestion):
            continue
        out.append(text[pos : f.span.start])
        out.append(suggestion if inside else escape(suggestion))
        pos = f.span.end
        applied += 1
    out.append(text[pos:])
    return "".join(out), applied


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
