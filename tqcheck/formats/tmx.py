"""TMX: each ``<tu>`` with a source-language and a target-language ``<tuv>`` is one pair.

The source language is the header's ``srclang`` (or the first ``<tuv>``); the target is the
``<tuv>`` in ``lang`` when given, else the first other one. ``bpt``/``ept``/``ph``/``it`` hold
native codes, not text, and are left out of the text; they are kept with the pair (matched
across the pair by their ``x`` attribute, else ``i``) so the checks can compare them. An empty
target ``<seg>`` is a pair, which a check reports.
"""

from __future__ import annotations

from pathlib import Path

from tqcheck.document import Document, read_text
from tqcheck.errors import InputError
from tqcheck.formats.base import bilingual_document
from tqcheck.formats.xml import Element, element_segment, parse
from tqcheck.mapped import SegmentPair
from tqcheck.model import Span

CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "ut"})


def _lang(tuv: Element) -> str:
    return (tuv.attr("lang") or "").lower()


def _matches(tag: str, wanted: str) -> bool:
    """``en-GB`` matches ``en``; ``*all*`` matches nothing in particular."""
    return tag == wanted or tag.split("-")[0] == wanted.split("-")[0]


def load(
    path: Path, lang: str | None = None, source_lang: str | None = None, *, encoding: str | None = None
) -> Document:
    text, encoding, bom, notes = read_text(path, encoding=encoding, langs=(lang, source_lang))
    where = str(path)
    root = parse(text, where)
    tmx = next(root.children("tmx"), None)
    if tmx is None:
        raise InputError("not a TMX file (no <tmx> root element)", where)
    header = next(tmx.children("header"), None)
    src = (header.attr("srclang") if header is not None else None) or source_lang or ""
    src = src.lower()
    pairs: list[SegmentPair] = []
    for n, tu in enumerate(tmx.iter("tu")):
        tuvs = list(tu.children("tuv"))
        if len(tuvs) < 2:
            continue
        if not src or src == "*all*":
            src = _lang(tuvs[0])
        s = next((t for t in tuvs if _matches(_lang(t), src)), None)
        others = [t for t in tuvs if t is not s]
        t = next(
            (t for t in others if lang and _matches(_lang(t), lang.lower())), others[0] if others else None
        )
        if s is None or t is None:
            continue
        s_seg, t_seg = next(s.children("seg"), None), next(t.children("seg"), None)
        if s_seg is None or t_seg is None:
            continue
        src_text, src_codes = element_segment(text, s_seg, CODE_ELEMENTS, CODE_ELEMENTS, ("x", "i"))
        if not src_text.text.strip() and not src_codes:
            continue  # nothing to translate
        tgt, tgt_codes = element_segment(text, t_seg, CODE_ELEMENTS, CODE_ELEMENTS, ("x", "i"))
        uid = tu.attr("tuid") or str(n + 1)
        pairs.append(SegmentPair(uid, src_text, tgt, src_codes, tgt_codes, Span(t_seg.start, t_seg.end)))
    return bilingual_document(where, text, pairs, lang, (encoding, bom, notes), root.cdata())
