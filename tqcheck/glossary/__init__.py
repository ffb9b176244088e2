"""House glossaries: loading (YAML, CSV/TSV, TBX), merging, matching and validation."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from tqcheck.document import load_path
from tqcheck.errors import InputError
from tqcheck.glossary.model import Entry, Form, Glossary, Role, Terms
from tqcheck.registry import Plugin, Registry

__all__ = [
    "Entry",
    "Form",
    "Glossary",
    "Role",
    "Terms",
    "default_glossary_paths",
    "glossary_files",
    "load_glossaries",
    "load_glossary",
]


class GlossaryLoader(Protocol):
    """``load(text, where, source_lang, lang)``: a glossary file's text into the model."""

    def __call__(self, text: str, where: str, source_lang: str | None, lang: str) -> Glossary: ...


#: Every glossary file format, by extension (``.xml`` is read as TBX).
GLOSSARY_FORMATS: Registry[GlossaryLoader] = Registry(
    "glossary format",
    (
        Plugin("yaml", "tqcheck.glossary.yaml_format:load", (".yaml", ".yml"), "the house YAML"),
        Plugin("csv", "tqcheck.glossary.csv_format:load_csv", (".csv",), "comma-separated"),
        Plugin("tsv", "tqcheck.glossary.csv_format:load_tsv", (".tsv",), "tab-separated"),
        Plugin("tbx", "tqcheck.glossary.tbx_format:load", (".tbx", ".xml"), "TBX (ISO 30042)"),
    ),
)
#: Extensions of the shipped glossaries' folder that are read.
GLOSSARY_EXTENSIONS = tuple(e for e in GLOSSARY_FORMATS.extensions if e != ".xml")


def default_glossary_paths() -> list[Path]:
    """The shipped house glossaries: inside the wheel, or ``glossaries/`` of a source checkout."""
    here = Path(__file__).resolve().parent.parent
    for folder in (here / "_glossaries", here.parent / "glossaries"):
        if folder.is_dir():
            return sorted(p for p in folder.iterdir() if p.suffix in GLOSSARY_EXTENSIONS)
    return []


def load_glossary(path: Path, source_lang: str | None = None, lang: str = "en") -> Glossary:
    """Load one glossary file (the format by extension), seen from ``lang``."""
    return _read(path, source_lang, lang).for_language(lang)


def _read(path: Path, source_lang: str | None, lang: str) -> Glossary:
    """One file's concepts, each in whichever language the file gives it."""
    if path.is_dir():
        raise InputError("is a directory (give glossary files)", str(path))
    name = GLOSSARY_FORMATS.for_path(path)
    if name is None:
        raise InputError(
            f"unknown glossary format {path.suffix.lower()!r} (use .yaml, .csv, .tsv or .tbx)", str(path)
        )
    text = load_path(path).text
    return GLOSSARY_FORMATS.get(name)(text, str(path), source_lang, lang)


def load_glossaries(paths: list[Path], source_lang: str | None = None, lang: str = "en") -> Glossary:
    """Load and merge several glossaries (order kept: earlier files win conflicts), seen from
    ``lang``; :meth:`Glossary.for_language` sees them from another language."""
    merged = Glossary(name="")
    for p in paths:
        merged = merged.merge(_read(p, source_lang, lang))
    return merged.for_language(lang)


def glossary_files(paths: list[Path]) -> list[Path]:
    """Files as given and folders' glossary files (sorted), for ``glossary validate DIR``."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in GLOSSARY_EXTENSIONS)
        else:
            out.append(p)
    return out
