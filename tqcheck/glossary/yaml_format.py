"""YAML glossary loader that keeps line numbers for every form (for ``glossary validate``).

Parsed with PyYAML's safe composer; aliases are refused outright, which rules out
"billion laughs" expansion, and unknown keys are errors so a typo cannot silently drop a form.
"""

from __future__ import annotations

from typing import Any

import yaml

from tqcheck.errors import InputError
from tqcheck.glossary.model import Entry, Examples, Glossary, Origin, Role

TOP_KEYS = {"name", "language", "source_language", "sources", "description", "entries"}
ENTRY_KEYS = {"id", "canonical", "kind", "variants", "admitted", "source", "acronym", "notes", "examples"}
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
    entries = [_entry(n, where, name, lang, source_lang) for n in entries_node.value]
    return Glossary(name=name, lang=lang, source_lang=source_lang, entries=entries, paths=[where])


def _entry(node: yaml.Node, where: str, gname: str, lang: str, source_lang: str | None) -> Entry:
    line = _line(node)
    fields = _mapping(node, where, "entry")
    keys = [k for k, _ in fields]
    unknown = set(keys) - ENTRY_KEYS
    if unknown:
        raise InputError(f"unknown entry key(s) {', '.join(sorted(unknown))}", f"{where}:{line}")
    f = dict(fields)
    if "canonical" not in f:
        raise InputError("entry has no 'canonical'", f"{where}:{line}")
    lines: dict[str, int] = {}
    role_lines: dict[tuple[Role, str], int] = {}
    canonical = _scalar(f["canonical"], where, "canonical")
    lines[canonical] = role_lines[(Role.CANONICAL, canonical)] = _line(f["canonical"])
    entry_id = _scalar(f["id"], where, "id") if "id" in f else _slug(canonical)
    kind = _scalar(f["kind"], where, "kind") if "kind" in f else "other"
    if kind not in KINDS:
        raise InputError(
            f"unknown kind {kind!r} (one of {', '.join(sorted(KINDS))})", f"{where}:{_line(f['kind'])}"
        )
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
    acronym = None
    if "acronym" in f:
        acronym = _scalar(f["acronym"], where, "acronym")
        lines[acronym] = role_lines[(Role.ACRONYM, acronym)] = _line(f["acronym"])
    examples = Examples()
    if "examples" in f:
        ex = dict(_mapping(f["examples"], where, "examples"))
        bad_unknown = set(ex) - {"bad", "good"}
        if bad_unknown:
            raise InputError("examples take 'bad' and 'good' only", f"{where}:{_line(f['examples'])}")
        scratch: dict[str, int] = {}
        examples = Examples(
            tuple(_strings(ex["bad"], where, "examples.bad", scratch)) if "bad" in ex else (),
            tuple(_strings(ex["good"], where, "examples.good", scratch)) if "good" in ex else (),
        )
    return Entry(
        id=entry_id,
        canonical=canonical,
        origin=Origin(where, line),
        lang=lang,
        kind="organisation" if kind == "organization" else kind,
        variants=(
            _strings(f["variants"], where, "variants", lines, Role.VARIANT, role_lines)
            if "variants" in f
            else []
        ),
        admitted=(
            _strings(f["admitted"], where, "admitted", lines, Role.ADMITTED, role_lines)
            if "admitted" in f
            else []
        ),
        source=source,
        acronym=acronym,
        notes=_scalar(f["notes"], where, "notes") if "notes" in f else None,
        examples=examples,
        glossary=gname,
        form_lines=lines,
        role_lines=role_lines,
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
