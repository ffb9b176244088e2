"""YAML glossary loader that keeps line numbers for every form (for ``glossary validate``).

An entry is a concept with a section per language (``en: {preferred: Idlib, deprecated:
[Idleb]}``, ``fr: Idleb``), or, in the one-language form, ``canonical``/``variants``/``admitted``/
``acronym`` for the file's ``language`` plus ``source`` forms of other languages; both may be
mixed. ``territory: SY`` takes each language's name of a country or territory from CLDR.
Parsed with PyYAML's safe composer; aliases are refused outright, which rules out "billion
laughs" expansion, and unknown keys are errors so a typo cannot silently drop a form.
"""

from __future__ import annotations

from typing import Any

import yaml

from tqcheck.errors import InputError
from tqcheck.glossary.model import ANY, Entry, Examples, Glossary, Origin, Role, Terms
from tqcheck.glossary.territories import is_language, territory_name

TOP_KEYS = {"name", "language", "languages", "source_language", "sources", "description", "entries"}
ENTRY_KEYS = {
    "id",
    "canonical",
    "kind",
    "variants",
    "admitted",
    "also",
    "source",
    "acronym",
    "notes",
    "examples",
    "territory",
    "homographs",
}
#: The keys of a language section (TBX's preferred, admitted and deprecated terms; acronyms;
#: short forms) and its self-test examples.
SECTION_KEYS = {"preferred", "acronym", "admitted", "also", "deprecated", "examples"}
#: Keys of the one-language form, which describe the file's ``language``.
LEGACY_KEYS = {"canonical", "variants", "admitted", "also", "acronym", "examples"}
KINDS = {"place", "group", "person", "organisation", "organization", "event", "other"}

try:  # libyaml is ~10x faster on large glossaries; same safe semantics
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _scalar(node: yaml.Node, where: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise InputError(f"{what} must be a string", f"{where}:{_line(node)}")
    value = str(node.value).strip()
    if not value:
        raise InputError(f"{what} is empty", f"{where}:{_line(node)}")
    return value


def _strings(
    node: yaml.Node,
    where: str,
    what: str,
    lines: dict[str, int],
    role: Role | None = None,
    role_lines: dict[tuple[Role, str], int] | None = None,
) -> list[str]:
    """A string or a list of strings; each one's line goes into ``lines`` (first wins) and,
    with a ``role``, into ``role_lines`` (so the same text in two roles keeps both lines)."""
    if isinstance(node, yaml.ScalarNode):
        if node.value in ("", None) or node.tag.endswith(":null"):
            return []
        items = [node]
    elif isinstance(node, yaml.SequenceNode):
        items = list(node.value)
    else:
        raise InputError(f"{what} must be a string or a list of strings", f"{where}:{_line(node)}")
    out = []
    for item in items:
        value = _scalar(item, where, what)
        lines.setdefault(value, _line(item))
        if role is not None and role_lines is not None:
            role_lines.setdefault((role, value), _line(item))
        out.append(value)
    return out


def _mapping(node: yaml.Node, where: str, what: str) -> list[tuple[str, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise InputError(f"{what} must be a mapping", f"{where}:{_line(node)}")
    return [(_scalar(k, where, "key"), v) for k, v in node.value]


def _compose(text: str, where: str) -> yaml.Node | None:
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                line = getattr(event.start_mark, "line", 0) + 1
                raise InputError("YAML aliases are not allowed in glossaries", f"{where}:{line}")
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{getattr(mark, 'line', 0) + 1}" if mark is not None else ""
        raise InputError(f"malformed YAML: {exc.problem or exc.context}", f"{where}{line}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"malformed YAML: {exc}", where) from None


def load_yaml(text: str, where: str) -> Glossary:
    root = _compose(text, where)
    if root is None:
        raise InputError("empty glossary", where)
    top = dict(_mapping(root, where, "glossary"))
    unknown = set(top) - TOP_KEYS
    if unknown:
        raise InputError(f"unknown key(s) {', '.join(sorted(unknown))}", f"{where}:{_line(root)}")
    name = _scalar(top["name"], where, "name") if "name" in top else where
    lang = _scalar(top["language"], where, "language") if "language" in top else "en"
    source_lang = (
        _scalar(top["source_language"], where, "source_language") if "source_language" in top else None
    )
    if "entries" not in top:
        raise InputError("no 'entries' list", f"{where}:{_line(root)}")
    entries_node = top["entries"]
    if not isinstance(entries_node, yaml.SequenceNode):
        raise InputError("'entries' must be a list", f"{where}:{_line(entries_node)}")
    languages = (
        [_scalar(n, where, "languages") for n in _items(top["languages"], where, "languages")]
        if "languages" in top
        else []
    )
    for code in languages:
        if not is_language(code):
            raise InputError(
                f"unknown language code {code!r} in 'languages'", f"{where}:{_line(top['languages'])}"
            )
    entries = [_entry(n, where, name, lang, source_lang, languages) for n in entries_node.value]
    return Glossary(name=name, lang=lang, source_lang=source_lang, entries=entries, paths=[where])


def _items(node: yaml.Node, where: str, what: str) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        raise InputError(f"{what} must be a list", f"{where}:{_line(node)}")
    return list(node.value)


def _examples(node: yaml.Node, where: str) -> Examples:
    ex = dict(_mapping(node, where, "examples"))
    if set(ex) - {"bad", "good"}:
        raise InputError("examples take 'bad' and 'good' only", f"{where}:{_line(node)}")
    scratch: dict[str, int] = {}
    return Examples(
        tuple(_strings(ex["bad"], where, "examples.bad", scratch)) if "bad" in ex else (),
        tuple(_strings(ex["good"], where, "examples.good", scratch)) if "good" in ex else (),
    )


class _Section:
    """A language section while it is read: its forms, their lines and its examples."""

    def __init__(self) -> None:
        self.preferred: str | None = None
        self.acronym: str | None = None
        self.admitted: list[str] = []
        self.also: list[str] = []
        self.deprecated: list[str] = []
        self.examples = Examples()
        self.lines: dict[tuple[Role, str], int] = {}

    def read(self, f: dict[str, yaml.Node], where: str, lang: str, deprecated: str = "deprecated") -> None:
        """The section's fields from ``f`` (``deprecated`` names the wrong forms' key)."""
        scratch: dict[str, int] = {}
        for name, role in (("preferred", Role.CANONICAL), ("acronym", Role.ACRONYM)):
            if name in f:
                value = _scalar(f[name], where, f"{lang}.{name}")
                self.lines[(role, value)] = _line(f[name])
                setattr(self, name, value)
        for name, role, attr in (
            ("admitted", Role.ADMITTED, "admitted"),
            ("also", Role.ALSO, "also"),
            (deprecated, Role.VARIANT, "deprecated"),
        ):
            if name in f:
                forms = _strings(f[name], where, f"{lang}.{name}", scratch, role, self.lines)
                setattr(self, attr, forms)
        if "examples" in f:
            self.examples = _examples(f["examples"], where)

    def terms(self, code: str | None, where: str, line: int, lang: str) -> Terms:
        """The finished section; a territory's CLDR name is its preferred form or admitted."""
        cldr = territory_name(code, lang) if code else None
        preferred = self.preferred or cldr
        if preferred is None:
            raise InputError(f"the {lang!r} section has no 'preferred' form", f"{where}:{line}")
        admitted = list(self.admitted)
        known = {preferred, self.acronym, *admitted, *self.also, *self.deprecated}
        if cldr is not None and cldr not in known:
            admitted.append(cldr)  # CLDR's name is right even where house style differs (Türkiye)
        return Terms(
            preferred,
            self.acronym,
            tuple(admitted),
            tuple(self.also),
            tuple(self.deprecated),
            self.examples,
            self.lines,
        )


def _section(snode: yaml.Node, where: str, code: str) -> _Section:
    """One language section: a string (its preferred form) or a mapping of its forms."""
    section = _Section()
    if isinstance(snode, yaml.ScalarNode):
        section.preferred = _scalar(snode, where, code)
        section.lines[(Role.CANONICAL, section.preferred)] = _line(snode)
        return section
    sf = dict(_mapping(snode, where, f"the {code!r} section"))
    bad = set(sf) - SECTION_KEYS
    if bad:
        raise InputError(
            f"unknown key(s) {', '.join(sorted(bad))} in the {code!r} section", f"{where}:{_line(snode)}"
        )
    section.read(sf, where, code)
    return section


def _homographs(hnode: yaml.Node, where: str) -> dict[str, list[str]]:
    """Forms never flagged in some languages' text: a list (every other language) or a mapping."""
    if not isinstance(hnode, yaml.MappingNode):
        return {ANY: _strings(hnode, where, "homographs", {})}
    return {
        hlang: _strings(forms, where, f"homographs.{hlang}", {})
        for hlang, forms in _mapping(hnode, where, "homographs")
    }


def _entry(
    node: yaml.Node,
    where: str,
    gname: str,
    lang: str,
    source_lang: str | None,
    languages: list[str],
) -> Entry:
    line = _line(node)
    fields = _mapping(node, where, "entry")
    f = dict(fields)
    codes = [k for k, _ in fields if k not in ENTRY_KEYS]
    unknown = [k for k in codes if not is_language(k)]
    if unknown:
        raise InputError(f"unknown entry key(s) {', '.join(sorted(unknown))}", f"{where}:{line}")
    territory = _scalar(f["territory"], where, "territory").upper() if "territory" in f else None
    if territory is not None and territory_name(territory, "en") is None:
        raise InputError(f"unknown territory code {territory!r} (CLDR)", f"{where}:{_line(f['territory'])}")
    sections: dict[str, _Section] = {}
    if "canonical" in f or LEGACY_KEYS & set(f):
        if lang in codes:
            raise InputError(
                f"the {lang!r} forms are given twice (as 'canonical' and as a section)", f"{where}:{line}"
            )
        legacy = sections[lang] = _Section()
        if "canonical" in f:
            f["preferred"] = f["canonical"]
        legacy.read(f, where, lang, deprecated="variants")
        if legacy.preferred is None and territory is None:
            raise InputError("entry has no 'canonical'", f"{where}:{line}")
    for code in codes:
        sections[code] = _section(f[code], where, code)
    if territory is not None:
        for code in languages or list(sections):
            sections.setdefault(code, _Section())
    if not sections:
        raise InputError("entry has no 'canonical' (nor a language section)", f"{where}:{line}")
    terms = {code: s.terms(territory, where, line, code) for code, s in sections.items()}
    base = lang if lang in terms else next(iter(terms))
    own = terms.pop(base)
    lines: dict[str, int] = {}
    role_lines = dict(own.lines)
    for (_, text), at in role_lines.items():
        lines.setdefault(text, at)
    source: dict[str, list[str]] = {}
    if "source" in f:
        snode = f["source"]
        if isinstance(snode, yaml.MappingNode):
            for slang, forms in _mapping(snode, where, "source"):
                source[slang] = _strings(forms, where, f"source.{slang}", lines, Role.SOURCE, role_lines)
        else:
            if not source_lang:
                raise InputError(
                    "a 'source' list needs 'source_language' at the top", f"{where}:{_line(snode)}"
                )
            source[source_lang] = _strings(snode, where, "source", lines, Role.SOURCE, role_lines)
    homographs = _homographs(f["homographs"], where) if "homographs" in f else {}
    entry_id = _scalar(f["id"], where, "id") if "id" in f else _slug(own.preferred)
    kind = _scalar(f["kind"], where, "kind") if "kind" in f else "other"
    if kind not in KINDS:
        raise InputError(
            f"unknown kind {kind!r} (one of {', '.join(sorted(KINDS))})", f"{where}:{_line(f['kind'])}"
        )
    return Entry(
        id=entry_id,
        canonical=own.preferred,
        origin=Origin(where, line),
        lang=base,
        kind="organisation" if kind == "organization" else kind,
        variants=list(own.deprecated),
        admitted=list(own.admitted),
        also=list(own.also),
        source=source,
        acronym=own.acronym,
        notes=_scalar(f["notes"], where, "notes") if "notes" in f else None,
        examples=own.examples,
        glossary=gname,
        form_lines=lines,
        role_lines=role_lines,
        others=terms,
        homographs=homographs,
    )


def _slug(text: str) -> str:
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in text).split())


def dump_yaml(glossary: Glossary, header: dict[str, Any] | None = None) -> str:
    """Write a glossary back as YAML (used by ``tqcheck variants`` to bootstrap one)."""
    data: dict[str, Any] = {"name": glossary.name, "language": glossary.lang}
    if glossary.source_lang:
        data["source_language"] = glossary.source_lang
    data.update(header or {})
    entries = []
    for e in glossary.entries:
        item: dict[str, Any] = {"id": e.id, "canonical": e.canonical, "kind": e.kind}
        if e.acronym:
            item["acronym"] = e.acronym
        if e.variants:
            item["variants"] = list(e.variants)
        if e.admitted:
            item["admitted"] = list(e.admitted)
        if e.source:
            item["source"] = {k: list(v) for k, v in e.source.items()}
        if e.notes:
            item["notes"] = e.notes
        entries.append(item)
    data["entries"] = entries
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110))


def load(text: str, where: str, source_lang: str | None, lang: str) -> Glossary:
    """A house YAML glossary (the registry's loader signature; its languages are in the file)."""
    return load_yaml(text, where)
