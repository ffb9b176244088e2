"""Glossary validation: conflicts between entries and self-test examples, with file:line.

A multilingual glossary is validated from each of its languages in turn: a form claimed by two
concepts in one language (Spanish ``Túnez``, the country and its capital) is a conflict there,
and each language section's examples run against that language's view. Problems of a
one-language glossary read as they always did; others name their language.
"""

from __future__ import annotations

from dataclasses import dataclass

from tqcheck.glossary.matcher import Matcher
from tqcheck.glossary.model import ACCEPTED, Glossary, Origin, Role
from tqcheck.textfold import key


@dataclass(frozen=True, slots=True)
class Problem:
    origin: Origin
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


def validate(glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    seen_ids: dict[str, Origin] = {}
    for e in glossary.concepts():
        if e.id in seen_ids:
            problems.append(Problem(e.origin, f"duplicate id {e.id!r} (first at {seen_ids[e.id]})"))
        else:
            seen_ids[e.id] = e.origin
    languages = glossary.languages() or [glossary.lang]
    seen: set[str] = set()
    for lang in languages:
        tag = f"{lang}: " if len(languages) > 1 else ""
        for p in _one_language(
            glossary.for_language(lang), tag, frozenset(languages) if tag else frozenset()
        ):
            if str(p) not in seen:  # a clash of two leftovers shows in every other language's view
                seen.add(str(p))
                problems.append(p)
    return sorted(problems, key=lambda p: (p.origin.path, p.origin.line or 0))


def _one_language(view: Glossary, tag: str, sections: frozenset[str]) -> list[Problem]:
    """Problems of one language's view; a clash of another language's forms (``sections``) is
    reported from that language's own view, once, not again from every other."""
    problems: list[Problem] = []
    for e in view.entries:
        accepted = {key(f.text) for f in e.forms() if f.role in ACCEPTED}
        for f in e.forms():
            if f.role is Role.VARIANT and key(f.text) in accepted:
                problems.append(
                    Problem(f.origin, f"{tag}{e.id}: variant {f.text!r} equals an accepted form of the entry")
                )
    matcher = Matcher(view)
    for c in matcher.conflicts:
        (e1, f1), (e2, f2) = c.first, c.second
        if any(f.role is Role.SOURCE and f.lang in sections for f in (f1, f2)):
            continue
        where = f" ({f2.lang})" if f2.role is Role.SOURCE and tag else ""
        theirs = f" ({f1.lang})" if f1.role is Role.SOURCE and tag else ""
        problems.append(
            Problem(
                f2.origin,
                f"{tag}{e2.id}: {f2.role.value}{where} {f2.text!r} is already the {f1.role.value}{theirs} "
                f"{f1.text!r} of {e1.id} ({f1.origin})",
            )
        )
    problems += _examples(view, matcher, tag)
    return problems


def _examples(glossary: Glossary, matcher: Matcher, tag: str = "") -> list[Problem]:
    out: list[Problem] = []
    for e in glossary.entries:
        for bad in e.examples.bad:
            flagged = [
                m for m in matcher.find(bad) if m.entry is e and m.form.role in (Role.VARIANT, Role.SOURCE)
            ]
            if not flagged:
                out.append(Problem(e.origin, f"{tag}{e.id}: bad example {bad!r} is not flagged"))
        for good in e.examples.good:
            flagged = [
                m for m in matcher.find(good) if m.entry is e and m.form.role in (Role.VARIANT, Role.SOURCE)
            ]
            if flagged:
                out.append(
                    Problem(e.origin, f"{tag}{e.id}: good example {good!r} is flagged ({flagged[0].text!r})")
                )
    return out
