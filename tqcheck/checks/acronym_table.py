"""The shipped table of organisation acronyms (``tqcheck/data/acronyms.yaml``), parsed once.

Package data rather than a glossary, so TQ301/TQ302 know ``OTAN`` -> ``NATO`` even with
``--no-default-glossaries``; kept apart from the check so the check reads as rules, not loading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from tqcheck.cachedir import parsed_yaml


@dataclass(frozen=True)
class Entity:
    """One organisation (or term): its English acronym and expansion, and its source-language acronyms."""

    english: str
    expansion: str
    forms: tuple[str, ...]
    source: tuple[tuple[str, str], ...]  # (lang, acronym)
    risky: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AcronymTable:
    entities: tuple[Entity, ...]
    by_source: dict[str, list[tuple[str, Entity]]] = field(default_factory=dict)
    english: frozenset[str] = frozenset()
    kept: frozenset[str] = frozenset()


def parse_table(data: Any) -> AcronymTable:
    """Build the lookup table from the YAML structure of ``tqcheck/data/acronyms.yaml``."""
    entities = []
    by_source: dict[str, list[tuple[str, Entity]]] = {}
    for item in data.get("entities", []):
        english_form = str(item["english"])
        src = tuple((str(lang), str(a)) for lang, forms in (item.get("source") or {}).items() for a in forms)
        forms = tuple(str(f) for f in item.get("forms", [english_form]))
        risky = frozenset(map(str, item.get("risky", [])))
        ent = Entity(english_form, str(item["expansion"]), forms, src, risky)
        entities.append(ent)
    english = frozenset(f for e in entities for f in (e.english, *e.forms))
    for ent in entities:
        for lang, acr in ent.source:
            if acr not in ent.risky and acr not in english:
                by_source.setdefault(acr, []).append((lang, ent))
    kept = frozenset(map(str, data.get("kept", [])))
    return AcronymTable(tuple(entities), by_source, english, kept)


@cache
def load_table() -> AcronymTable:
    """The shipped table (package data: works with ``--no-default-glossaries``)."""
    text = resources.files("tqcheck").joinpath("data", "acronyms.yaml").read_text(encoding="utf-8")
    return parse_table(parsed_yaml(text, "acronyms"))
