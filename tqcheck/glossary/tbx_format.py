"""TBX (ISO 30042) import: TBX-Basic/TBX v2 (``martif``) and TBX v3 (``tbx``) dialects.

Every language section becomes the concept's section in that language (the glossary model is
TBX's): term status maps onto roles, preferred -> preferred (the first; further preferred terms
become admitted), admitted -> admitted, deprecated/superseded -> deprecated; an acronym or
abbreviation term type -> acronym, a short or full form -> also. The checked language selects the
forms (:meth:`Entry.view`). Parsed with defusedxml: DTDs, external entities and entity
expansion are refused.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from tqcheck.errors import InputError
from tqcheck.glossary.model import Entry, Glossary, Origin, Role, Terms
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
ACRONYM_TYPES = {"acronym", "abbreviation", "initialism"}
SHORT_TYPES = {"shortform", "short form", "fullform", "full form"}
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


class _LangSet:
    """One language section's terms while they are read."""

    def __init__(self) -> None:
        self.preferred: list[str] = []
        self.admitted: list[str] = []
        self.also: list[str] = []
        self.deprecated: list[str] = []
        self.acronym: str | None = None
        self.lines: dict[tuple[Role, str], int] = {}

    def add(self, term: str, status: str | None, ttype: str | None, line: int | None) -> None:
        if status == "deprecated":
            self.deprecated.append(term)
            role = Role.VARIANT
        elif ttype in ACRONYM_TYPES and self.acronym is None:
            self.acronym = term
            role = Role.ACRONYM
        elif ttype in SHORT_TYPES:
            self.also.append(term)
            role = Role.ALSO
        elif status == "admitted":
            self.admitted.append(term)
            role = Role.ADMITTED
        else:
            self.preferred.append(term)
            role = Role.CANONICAL
        if line:
            self.lines.setdefault((role, term), line)

    def terms(self) -> Terms | None:
        pool = self.preferred or self.admitted or self.also or ([self.acronym] if self.acronym else [])
        if not pool:
            return None
        preferred = pool[0]
        admitted = [a for a in self.preferred[1:] + self.admitted if a != preferred]
        also = [a for a in self.also if a != preferred]
        acronym = None if self.acronym == preferred else self.acronym
        lines = dict(self.lines)
        for role in (Role.ADMITTED, Role.ALSO, Role.ACRONYM):
            if (role, preferred) in lines:
                lines.setdefault((Role.CANONICAL, preferred), lines[(role, preferred)])
        return Terms(preferred, acronym, tuple(admitted), tuple(also), tuple(self.deprecated), lines=lines)


def _term(term_group: Element) -> tuple[str | None, str | None, str | None, int | None]:
    """A term's text, status, type and line."""
    term = status = ttype = None
    line = None
    for el in term_group.iter():
        local = _local(el.tag)
        if local == "term":
            term = "".join(el.itertext()).strip()
            line = _line(el)
        elif local == "termNote" and el.get("type") in {"administrativeStatus", "normativeAuthorization"}:
            status = STATUS.get((el.text or "").strip().lower())
        elif local == "termNote" and el.get("type") == "termType":
            ttype = (el.text or "").strip().lower()
    return term, status, ttype, line


def _concept(concept: Element, where: str, lang: str) -> Entry | None:
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
    sets: dict[str, _LangSet] = {}
    for lang_set in concept:
        if _local(lang_set.tag) not in {"langSet", "langSec"}:
            continue
        set_lang = (lang_set.get(XML_LANG) or lang_set.get("lang") or "").split("-")[0].lower()
        for term_group in lang_set.iter():
            if _local(term_group.tag) in {"tig", "ntig", "termSec"}:
                term, status, ttype, line = _term(term_group)
                if term:
                    sets.setdefault(set_lang, _LangSet()).add(term, status, ttype, line)
    sections = {code: t for code, ls in sets.items() if (t := ls.terms()) is not None}
    if not sections:
        return None
    base = lang if lang in sections else next(iter(sections))
    own = sections.pop(base)
    lines: dict[str, int] = {}
    for (_, text), at in own.lines.items():
        lines.setdefault(text, at)
    cid = concept.get("id") or _slug(own.preferred)
    return Entry(
        id=cid,
        canonical=own.preferred,
        origin=Origin(where, _line(concept)),
        lang=base,
        kind=kind,
        variants=list(own.deprecated),
        admitted=list(own.admitted),
        also=list(own.also),
        acronym=own.acronym,
        notes=notes,
        glossary=where,
        form_lines=lines,
        role_lines=dict(own.lines),
        others=sections,
    )


def load(text: str, where: str, source_lang: str | None, lang: str) -> Glossary:
    """A TBX termbase (the registry's loader signature)."""
    return load_tbx(text, where, lang)
