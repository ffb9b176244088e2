"""Which files of a run translate which: originals found beside their translations by name.

A desk keeps ``story.fr.txt`` beside ``story.en.txt`` (or beside ``story.txt``); the pattern
``{stem}.{lang}{ext}`` (config ``pair-pattern``) says how a language is written into a file
name, so one command checks a whole folder of stories against their originals. The pattern is
relative to the translation's folder and may name folders (``{lang}/{stem}{ext}``: ``fr/story.txt``
beside ``en/story.txt``). A translation's name is the pattern with the target language, or the
pattern without its language (``{stem}{ext}``). Only names are read here; the files themselves
are loaded by :mod:`tqcheck.runner`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

DEFAULT_PATTERN = "{stem}.{lang}{ext}"
_FIELDS = {
    "stem": r"(?P<stem>[^/]+?)",
    "lang": r"(?P<lang>[A-Za-z]{2}(?:[-_][A-Za-z]{2,4})?)",
    "ext": r"(?P<ext>\.[^./]+)",
}
_FIELD = re.compile(r"\{([^{}]*)\}")
_SEPARATORS = "._-/"


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` is no usable pair pattern, or None ("" is fine: it turns pairing off)."""
    if pattern == "":
        return None
    names = _FIELD.findall(pattern)
    if any(n not in _FIELDS for n in names):
        return "its only fields are {stem}, {lang} and {ext}"
    if names.count("stem") != 1 or names.count("lang") != 1 or names.count("ext") > 1:
        return "it needs {stem} and {lang} once each (and {ext} at most once)"
    if "{" in _FIELD.sub("", pattern) or "}" in _FIELD.sub("", pattern):
        return "it has an unmatched brace"
    parts = pattern.split("/")
    if pattern.startswith("/") or "\\" in pattern or any(p in ("", ".", "..") for p in parts):
        return "it must be a relative name (folders separated by '/', no '..')"
    if re.search(r"\{\w+\}\{(?:stem|lang)\}|\{(?:stem|lang)\}\{(?:stem|lang)\}", pattern):
        return "{stem} and {lang} need a separator between them (only {ext} may follow directly)"
    return None


def lang_base(code: str) -> str:
    """``en-GB`` -> ``en``: file names and settings compare by the base language."""
    return code.lower().replace("_", "-").split("-")[0]


@dataclass(frozen=True)
class PairPattern:
    """A validated pair pattern: reads a language out of a path and writes one into it."""

    pattern: str = DEFAULT_PATTERN

    @cached_property
    def bare(self) -> str:
        """The pattern without its language: ``{stem}.{lang}{ext}`` -> ``{stem}{ext}``."""
        before, _, after = self.pattern.partition("{lang}")
        if before[-1:] and before[-1] in _SEPARATORS:
            before = before[:-1]
        elif after[:1] and after[0] in _SEPARATORS:
            after = after[1:]
        return before + after

    def _read(self, template: str, path: str) -> tuple[tuple[str, ...], dict[str, str]] | None:
        """(folder parts before the pattern, its fields) of ``path`` read with ``template``."""
        depth = template.count("/") + 1
        parts = Path(path).parts
        if len(parts) < depth:
            return None
        m = _rx(template).fullmatch("/".join(parts[len(parts) - depth :]))
        if m is None:
            return None
        return parts[: len(parts) - depth], {k: v for k, v in m.groupdict().items() if v is not None}

    def _write(self, template: str, base: tuple[str, ...], fields: dict[str, str]) -> str:
        name = _FIELD.sub(lambda m: fields.get(m.group(1), ""), template)
        return str(Path(*base, *name.split("/")))

    def language(self, path: str) -> str | None:
        """The language written in ``path``'s name (``story.fr.txt`` -> ``fr``), if any."""
        read = self._read(self.pattern, path)
        return lang_base(read[1]["lang"]) if read else None

    def source_of(self, path: str, lang: str, source_lang: str) -> str | None:
        """Where the original of the translation ``path`` is (whether or not it exists): the name
        with the source language instead of the target one, or added to a name without one."""
        read = self._read(self.pattern, path)
        if read is not None and lang_base(read[1]["lang"]) == lang_base(lang):
            return self._write(self.pattern, read[0], {**read[1], "lang": source_lang})
        if read is not None and lang_base(read[1]["lang"]) == lang_base(source_lang):
            return None  # an original has no original
        plain = self._read(self.bare, path)
        if plain is None:
            return None
        return self._write(self.pattern, plain[0], {**plain[1], "lang": source_lang})

    def translations_of(self, path: str, lang: str, source_lang: str) -> list[str]:
        """Where a translation of the original ``path`` may be: with the target language in its
        name, then with no language (``story.fr.txt`` -> ``story.en.txt``, ``story.txt``)."""
        read = self._read(self.pattern, path)
        if read is None or lang_base(read[1]["lang"]) != lang_base(source_lang):
            return []
        base, fields = read
        return [
            self._write(self.pattern, base, {**fields, "lang": lang}),
            self._write(self.bare, base, fields),
        ]


@lru_cache(maxsize=16)
def _rx(template: str) -> re.Pattern[str]:
    """A name template as a regex (asked of every file of a run: built once)."""
    out, pos = [], 0
    for m in _FIELD.finditer(template):
        out += [re.escape(template[pos : m.start()]), _FIELDS[m.group(1)]]
        pos = m.end()
    return re.compile("".join([*out, re.escape(template[pos:])]))


@dataclass(frozen=True)
class Pairing:
    """The originals found for a run's files: translation path -> its original's path."""

    sources: dict[str, str]

    @cached_property
    def _translations(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for target, source in self.sources.items():
            out.setdefault(os.path.normpath(source), target)
        return out

    def translation(self, source: str) -> str | None:
        """The file of the run that ``source`` is the original of (the first, if several)."""
        return self._translations.get(os.path.normpath(source))


def find_pairs(paths: list[str], pattern: PairPattern | None, lang: str, source_lang: str) -> Pairing:
    """Each of ``paths`` whose original exists beside it (a regular file, by ``pattern``)."""
    sources: dict[str, str] = {}
    if pattern is None or lang_base(lang) == lang_base(source_lang):
        return Pairing(sources)
    for path in paths:
        if path == "-":
            continue
        source = pattern.source_of(path, lang, source_lang)
        if (
            source is not None
            and os.path.normpath(source) != os.path.normpath(path)
            and os.path.isfile(source)
        ):
            sources[path] = source
    return Pairing(sources)
