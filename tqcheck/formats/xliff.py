"""XLIFF 1.2 and 2.x: each ``<source>``/``<target>`` pair becomes a :class:`SegmentPair`.

XLIFF 1.2 pairs live in ``<trans-unit>``; 2.x in ``<unit><segment>``. Inline codes that stand
for markup (``ph``, ``x``, ``bpt`` ...) are left out of the text; ``g``/``pc``/``mrk`` keep
their content. The codes of each side are kept with the pair (:data:`INLINE_CODES`, not the
``mrk``/``sm``/``em`` annotations, which tools add freely) so the checks can compare them. Units
without a ``<target>`` are skipped (not translated yet); an empty ``<target>`` is a pair, which
a check reports.
"""

from __future__ import annotations

from pathlib import Path

from tqcheck.document import Document, read_text
from tqcheck.errors import InputError
from tqcheck.formats.base import bilingual_document
from tqcheck.formats.xml import Element, element_segment, parse
from tqcheck.mapped import SegmentPair
from tqcheck.model import Span

#: Inline elements whose content is code or markup, not text (both XLIFF versions).
CODE_ELEMENTS = frozenset({"ph", "bpt", "ept", "it", "x", "bx", "ex", "sc", "ec", "sub", "cp"})
#: Inline codes that stand for the document's markup and must survive translation.
INLINE_CODES = frozenset({"g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "pc", "sc", "ec"})


def load(
    path: Path, lang: str | None = None, *, encoding: str | None = None, source_lang: str | None = None
) -> Document:
    text, encoding, bom, notes = read_text(path, encoding=encoding, langs=(lang, source_lang))
    where = str(path)
    root = parse(text, where)
    xliff = next(root.children("xliff"), None)
    if xliff is None:
        raise InputError("not an XLIFF file (no <xliff> root element)", where)
    version = xliff.attr("version") or ""
    pairs: list[SegmentPair] = []
    if version.startswith("1"):
        for file_el in xliff.iter("file"):
            for unit in file_el.iter("trans-unit"):
                pairs += _pairs(text, unit, unit.attr("id") or str(len(pairs) + 1))
        file_lang = next((f.attr("target-language") for f in xliff.iter("file")), None)
    elif version.startswith("2"):
        for unit in xliff.iter("unit"):
            uid = unit.attr("id") or str(len(pairs) + 1)
            segments = list(unit.iter("segment"))
            for n, seg in enumerate(segments):
                seg_id = seg.attr("id") or (uid if len(segments) == 1 else f"{uid}.{n + 1}")
                pairs += _pairs(text, seg, seg_id)
        file_lang = xliff.attr("trgLang")
    else:
        raise InputError(f"unsupported XLIFF version {version!r} (1.2 and 2.x are read)", where)
    return bilingual_document(where, text, pairs, lang or file_lang, (encoding, bom, notes), root.cdata())


def _pairs(text: str, holder: Element, uid: str) -> list[SegmentPair]:
    source = next(holder.children("source"), None)
    target = next(holder.children("target"), None)
    if source is None or target is None:
        return []
    src, src_codes = element_segment(text, source, CODE_ELEMENTS, INLINE_CODES)
    if not src.text.strip() and not src_codes:
        return []  # nothing to translate
    tgt, tgt_codes = element_segment(text, target, CODE_ELEMENTS, INLINE_CODES)
    return [SegmentPair(uid, src, tgt, src_codes, tgt_codes, Span(target.start, target.end))]
