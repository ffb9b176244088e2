"""CSV/TSV glossary import: one row per entry, list cells separated by ``|`` (or ``;``).

Columns (header required, case-insensitive): ``canonical`` (required), ``id``, ``kind``,
``variants``, ``admitted``, ``acronym``, ``notes``, ``source`` (in the glossary's source
language) and ``source:LANG`` / ``source_LANG`` for other source languages.
"""

from __future__ import annotations

import csv
import io

from tqcheck.errors import InputError
from tqcheck.glossary.model import Entry, Glossary, Origin
from tqcheck.glossary.yaml_format import KINDS, _slug

KNOWN = {"id", "canonical", "kind", "variants", "admitted", "acronym", "notes", "source"}


def _split(cell: str) -> list[str]:
    sep = "|" if "|" in cell else ";"
    return [p.strip() for p in cell.split(sep) if p.strip()]


def parse_delimited(text: str, where: str, delimiter: str, source_lang: str | None = "fr") -> Glossary:
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", where) from None
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise InputError("empty glossary", where)
    header = [h.strip().lower() for h in rows[0]]
    if "canonical" not in header:
        raise InputError("header has no 'canonical' column", f"{where}:1")
    for h in header:
        if h not in KNOWN and not h.startswith(("source:", "source_")):
            raise InputError(f"unknown column {h!r}", f"{where}:1")
    entries = []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) > len(header):
            raise InputError(f"row has {len(row)} cells, header has {len(header)}", f"{where}:{n}")
        cells = dict(zip(header, (c.strip() for c in row), strict=False))
        canonical = cells.get("canonical", "")
        if not canonical:
            raise InputError("row has an empty 'canonical'", f"{where}:{n}")
        kind = cells.get("kind") or "other"
        if kind not in KINDS:
            raise InputError(f"unknown kind {kind!r}", f"{where}:{n}")
        source: dict[str, list[str]] = {}
        for h, value in cells.items():
            if h == "source" and value:
                source.setdefault(source_lang or "fr", []).extend(_split(value))
            elif h.startswith(("source:", "source_")) and value:
                source.setdefault(h[7:], []).extend(_split(value))
        entries.append(
            Entry(
                id=cells.get("id") or _slug(canonical),
                canonical=canonical,
                origin=Origin(where, n),
                kind="organisation" if kind == "organization" else kind,
                variants=_split(cells.get("variants", "")),
                admitted=_split(cells.get("admitted", "")),
                source=source,
                acronym=cells.get("acronym") or None,
                notes=cells.get("notes") or None,
                glossary=where,
            )
        )
    return Glossary(name=where, source_lang=source_lang, entries=entries, paths=[where])


def load_csv(text: str, where: str, source_lang: str | None, lang: str) -> Glossary:
    """A comma-separated glossary (the registry's loader signature)."""
    return parse_delimited(text, where, ",", source_lang or "fr")


def load_tsv(text: str, where: str, source_lang: str | None, lang: str) -> Glossary:
    """A tab-separated glossary."""
    return parse_delimited(text, where, "\t", source_lang or "fr")
