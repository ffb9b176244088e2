"""House glossaries: loading (YAML, CSV/TSV, TBX), merging, matching and validation."""

from __future__ import annotations

from pathlib import Path

from tqcheck.document import load_path
from tqcheck.errors import InputError
from tqcheck.glossary.model import Entry, Form, Glossary, Role

__all__ = ["Entry", "Form", "Glossary", "Role", "default_glossary_paths", "load_glossaries", "load_glossary"]

GLOSSARY_EXTENSIONS = (".yaml", ".yml", ".csv", ".tsv", ".tbx")


def default_glossary_paths() -> list[Path]:
    """The shipped house glossaries: inside the wheel, or ``glossaries/`` of a source checkout."""
    here = Path(__file__).resolve().parent.parent
    for folder in (here / "_glossaries", here.parent / "glossaries"):
        if folder.is_dir():
            return sorted(p for p in folder.iterdir() if p.suffix in GLOSSARY_EXTENSIONS)
    return []


def load_glossary(path: Path, source_lang: str | None = None, lang: str = "en") -> Glossary:
    """Load one glossary file, choosing the format by extension."""
    suffix = path.suffix.lower()
    if path.is_dir():
        raise InputError("is a directory (give glossary files)", str(path))
    if suffix not in GLOSSARY_EXTENSIONS and suffix != ".xml":
        raise InputError(f"unknown glossary format {suffix!r} (use .yaml, .csv, .tsv or .tbx)", str(path))
    text = load_path(path).text
    where = str(path)
    if suffix in (".yaml", ".yml"):
        from tqcheck.glossary.yaml_format import load_yaml

        return load_yaml(text, where)
    if suffix in (".csv", ".tsv"):
        from tqcheck.glossary.csv_format import load_csv

        return load_csv(text, where, "\t" if suffix == ".tsv" else ",", source_lang or "fr")
    from tqcheck.glossary.tbx_format import load_tbx

    return load_tbx(text, where, lang)


def load_glossaries(paths: list[Path], source_lang: str | None = None) -> Glossary:
    """Load and merge several glossaries (order kept: earlier files win conflicts)."""
    merged = Glossary(name="")
    for p in paths:
        merged = merged.merge(load_glossary(p, source_lang))
    return merged
