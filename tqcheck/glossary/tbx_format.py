"""TBX (ISO 30042) import: TBX-Basic/TBX v2 (``martif``) and TBX v3 (``tbx``) dialects.

Term status maps onto our roles: preferred -> canonical (the first; further preferred terms
become admitted), admitted -> admitted, deprecated/superseded -> variant; an acronym or
abbreviation term type -> acronym. Terms in other languages become source forms. Parsed with
defusedxml: DTDs, external entities and entity expansion are refused.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from tqcheck.errors import InputError
from tqcheck.glossary.model import Entry, Glossary, Origin
from tqcheck.glossary.yaml_format import _slug

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS = {
    "preferredterm-admn-sts": "preferred",
    "admittedterm-admn-sts": "admitted",
    "deprecatedterm-admn-sts": "deprecated",
    "supersededterm-admn-sts": "deprecated",
    "preferred": "preferred",
    "admitted": "admitted",
    "deprecated": "deprecated",
    "superseded": "deprecated",
    "legal": "admitted",
    "regulated": "admitted",
    "standardized": "preferred",
}
ACRONYM_TYPES = {"acronym", "abbreviation", "shortform", "short form", "initialism"}
KIND_WORDS = {
    "place": "place",
    "location": "place",
    "person": "person",
    "organization": "organisation",
    "organisation": "organisation",
    "group": "group",
}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _LineTarget:
    """TreeBuilder that stamps each element with the line it starts on."""

    def __init__(self) -> None:
        from xml.etree.ElementTree import TreeBuilder

        self.builder = TreeBuilder()
        self.parser: Any = None

    def start(self, tag: str, attrib: dict[str, str]) -> Element:
        el = self.builder.start(tag, attrib)
        el.set("__line__", str(self.parser.parser.CurrentLineNumber))
        return el

    def end(self, tag: str) -> Element:
        return self.builder.end(tag)

    def data(self, data: str) -> None:
        self.builder.data(data)

    def close(self) -> Element:
        return self.builder.close()


def parse_xml(text: str, where: str) -> Element:
    """Parse XML safely (no DTD, no entities), with line numbers; InputError on anything bad."""
    target = _LineTarget()
    parser = DET.DefusedXMLParser(target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    target.parser = parser
    try:
        parser.feed(text)
        root: Element = parser.close()
    except DefusedXmlException as exc:
        raise InputError(f"unsafe XML refused ({type(exc).__name__})", where) from None
    except DET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise InputError(
            f"malformed XML: {exc.msg if hasattr(exc, 'msg') else exc}", f"{where}:{line}" if line else where
        ) from None
    return root


def _line(el: Element) -> int | None:
    value = el.get("__line__")
    return int(value) if value else None


def load_tbx(text: str, where: str, lang: str = "en") -> Glossary:
    root = parse_xml(text, where)
    if _local(root.tag) not in {"martif", "tbx"}:
        raise InputError(f"not a TBX file (root element <{_local(root.tag)}>)", where)
    entries = []
    for concept in root.iter():
        if _local(concept.tag) not in {"termEntry", "conceptEntry"}:
            continue
        entries.append(_concept(concept, where, lang))
    if not entries:
        raise InputError("TBX file has no termEntry/conceptEntry", where)
    return Glossary(name=where, lang=lang, entries=[e for e in entries if e is not None], paths=[where])


def _concept(concept: Element, where: str, lang: str) -> Entry | None:
    preferred: list[str] = []
    admitted: list[str] = []
    variants: list[str] = []
    acronym: str | None = None
    source: dict[str, list[str]] = {}
    lines: dict[str, int] = {}
    kind = "other"
    notes = None
    for el in concept.iter():
        name = _local(el.tag)
        described = el.get("type") == "subjectField" or (
            name == "descrip" and el.get("type") in {"definition", None}
        )
        if name in {"descrip", "note"} and (el.text or "").strip() and described:
            notes = notes or (el.text or "").strip()
        if name == "termNote" and el.get("type") == "entityType":
            kind = KIND_WORDS.get((el.text or "").strip().lower(), kind)
    for lang_set in concept:
        if _local(lang_set.tag) not in {"langSet", "langSec"}:
            continue
        set_lang = (lang_set.get(XML_LANG) or lang_set.get("lang") or "").split("-")[0].lower()
        for term_group in lang_set.iter():
            if _local(term_group.tag) not in {"tig", "ntig", "termSec"}:
                continue
            term = status = ttype = None
            for el in term_group.iter():
                local = _local(el.tag)
                if local == "term":
                    term = "".join(el.itertext()).strip()
                    line = _line(el)
                    if term and line:
                        lines.setdefault(term, line)
                elif local == "termNote" and el.get("type") in {
                    "administrativeStatus",
                    "normativeAuthorization",
                }:
                    status = STATUS.get((el.text or "").strip().lower())
                elif local == "termNote" and el.get("type") == "termType":
                    ttype = (el.text or "").strip().lower()
            if not term:
                continue
            if set_lang != lang:
                source.setdefault(set_lang, []).append(term)
            elif ttype in ACRONYM_TYPES and status != "deprecated" and acronym is None:
                acronym = term
            elif status == "deprecated":
                variants.append(term)
            elif status == "admitted":
                admitted.append(term)
            else:
                preferred.append(term)
    canonical_pool = preferred or admitted or ([acronym] if acronym else [])
    if not canonical_pool:
        return None
    canonical = canonical_pool[0]
    admitted = [a for a in preferred[1:] + admitted if a != canonical]
    if acronym == canonical:
        acronym = None
    cid = concept.get("id") or _slug(canonical)
    return Entry(
        id=cid,
        canonical=canonical,
        origin=Origin(where, _line(concept)),
        lang=lang,
        kind=kind,
        variants=variants,
        admitted=admitted,
        source=source,
        acronym=acronym,
        notes=notes,
        glossary=where,
        form_lines=lines,
    )


def load(text: str, where: str, source_lang: str | None, lang: str) -> Glossary:
    """A TBX termbase (the registry's loader signature)."""
    return load_tbx(text, where, lang)
