"""Run settings: command-line flags over the config file, validated once into typed values.

The CLI hands over what the user typed (:class:`Flags`); everything else (defaults, the config
file, rule-code and format validation) is decided here, so a command is wiring, not policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tqcheck.config import Config, parse_size
from tqcheck.engine import Settings
from tqcheck.errors import InputError
from tqcheck.formats import EXTENSIONS
from tqcheck.glossary import default_glossary_paths
from tqcheck.model import Severity
from tqcheck.pairing import DEFAULT_PATTERN
from tqcheck.parallel import default_jobs
from tqcheck.reporters import FORMATS
from tqcheck.rules import all_rules, validate_prefixes

FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_LANG, DEFAULT_SOURCE_LANG = "en", "fr"


@dataclass(frozen=True)
class Flags:
    """What the command line gave; ``None`` or empty means "not given"."""

    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fmt: str | None = None
    fail_on: str | None = None
    lang: str | None = None
    source_lang: str | None = None
    glossaries: list[Path] = field(default_factory=list)
    no_default_glossaries: bool = False
    max_file_size: str | None = None
    unsafe_fixes: bool | None = None
    jobs: int | None = None


@dataclass(frozen=True)
class RunSettings:
    """Everything a ``check`` run needs to know, resolved and validated."""

    fmt: str
    fail_on: str
    lang: str
    source_lang: str
    glossaries: tuple[Path, ...]
    extensions: tuple[str, ...]
    exclude: tuple[str, ...]
    max_bytes: int
    engine: Settings
    #: ``--fix`` applies unsafe (inferred) fixes too (``--unsafe-fixes`` / ``unsafe-fixes``).
    unsafe_fixes: bool = False
    #: How an original is named beside its translation (config ``pair-pattern``; "" for none).
    pair_pattern: str = DEFAULT_PATTERN
    #: Neither ``--lang`` nor the config named the target language: each file's is identified
    #: (``lang`` is the fallback where a file is too short or mixed to tell).
    detect_lang: bool = False
    #: Processes that check files (``--jobs`` / ``jobs``; default one: on the 2-core machine this
    #: was measured on, two processes gain 1.2x-1.55x when it is quiet but were slower than one
    #: when other work loaded it, as shared CI runners are; see ``benchmarks/scaling.py``;
    #: ``--jobs 0`` takes every core).
    jobs: int = 1
    #: The config file's folder: ``exclude`` and ``per-file-ignores`` are relative to it.
    root: Path | None = None


def split_codes(values: list[str] | None) -> list[str]:
    """``--select TQ1,TQ5 --select TQ201`` -> ``["TQ1", "TQ5", "TQ201"]``."""
    out: list[str] = []
    for v in values or []:
        out += [p.strip().upper() for p in v.split(",") if p.strip()]
    return out


def resolve(flags: Flags, cfg: Config) -> RunSettings:
    """Flags override the config file, which overrides the defaults; every value is checked."""
    rules = all_rules()
    fmt = flags.fmt or cfg.get("format", "text")
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    fail_on = flags.fail_on or cfg.get("fail-on", "warning")
    if fail_on not in FAIL_ON:
        raise InputError(f"unknown --fail-on {fail_on!r} (one of {', '.join(FAIL_ON)})")
    select = split_codes(flags.select) or cfg.codes("select")
    ignore = split_codes(flags.ignore) or cfg.codes("ignore")
    validate_prefixes(select, rules, "--select")
    validate_prefixes(ignore, rules, "--ignore")
    fixable, unfixable = cfg.codes("fixable"), cfg.codes("unfixable")
    validate_prefixes(fixable, rules, f"fixable in {cfg.where}")
    validate_prefixes(unfixable, rules, f"unfixable in {cfg.where}")
    per_file = cfg.per_file_ignores
    for glob, codes in per_file.items():
        validate_prefixes(codes, rules, f"per-file-ignores {glob!r} in {cfg.where}")
    severities: dict[str, Severity] = {}
    for code, level in cfg.severities.items():
        if code not in rules:
            raise InputError(f"[severity] names unknown rule {code!r}", cfg.where)
        severities[code] = Severity(level)
    max_bytes = cfg.max_bytes
    if flags.max_file_size is not None:
        size = parse_size(flags.max_file_size)
        if size is None:
            raise InputError(f"--max-file-size {flags.max_file_size!r} is not a size (like 50MB or 1000000)")
        max_bytes = size
    lang = flags.lang or cfg.get("lang", None)
    detect = lang is None
    lang = lang or DEFAULT_LANG
    glossaries: list[Path] = []
    if cfg.get("default-glossaries", True) and not flags.no_default_glossaries:
        glossaries += default_glossary_paths()
    glossaries += [cfg.resolve_path(p) for p in cfg.strings("glossaries")]
    glossaries += flags.glossaries
    jobs = flags.jobs if flags.jobs is not None else cfg.get("jobs", None) or 1
    if jobs < 0:
        raise InputError(f"--jobs must be 0 (every core) or more, not {jobs}")
    jobs = jobs or default_jobs()
    return RunSettings(
        fmt=fmt,
        fail_on=fail_on,
        lang=lang,
        source_lang=flags.source_lang or cfg.get("source-lang", default_source(lang)),
        glossaries=tuple(glossaries),
        extensions=cfg.strings("extensions") or tuple(EXTENSIONS),
        exclude=cfg.strings("exclude"),
        max_bytes=max_bytes,
        engine=Settings(
            select,
            ignore,
            per_file,
            severities,
            fixable,
            unfixable,
            cfg.get("docs-url"),
            str(cfg.path.parent) if cfg.path else None,
        ),
        unsafe_fixes=flags.unsafe_fixes if flags.unsafe_fixes is not None else cfg.get("unsafe-fixes", False),
        pair_pattern=cfg.get("pair-pattern", DEFAULT_PATTERN),
        detect_lang=detect,
        jobs=jobs,
        root=cfg.path.parent if cfg.path else None,
    )


def default_source(lang: str) -> str:
    """The source language when none is named: French, or English for a French target."""
    return "en" if lang.lower().split("-")[0].split("_")[0] == DEFAULT_SOURCE_LANG else DEFAULT_SOURCE_LANG
