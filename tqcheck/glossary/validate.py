"""Glossary validation: conflicts between entries and self-test examples, with file:line."""

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
    for e in glossary.entries:
        if e.id in seen_ids:
            problems.append(Problem(e.origin, f"duplicate id {e.id!r} (first at {seen_ids[e.id]})"))
        else:
            seen_ids[e.id] = e.origin
        accepted = {key(f.text) for f in e.forms() if f.role in ACCEPTED}
        for f in e.forms():
            if f.role is Role.VARIANT and key(f.text) in accepted:
                problems.append(
                    Problem(f.origin, f"{e.id}: variant {f.text!r} equals an accepted form of the entry")
                )
    matcher = Matcher(glossary)
    for c in matcher.conflicts:
        (e1, f1), (e2, f2) = c.first, c.second
        problems.append(
            Problem(
                f2.origin,
                f"{e2.id}: {f2.role.value} {f2.text!r} is already the {f1.role.value} {f1.text!r} of "
                f"{e1.id} ({f1.origin})",
            )
        )
    problems += _examples(glossary, matcher)
    return sorted(problems, key=lambda p: (p.origin.path, p.origin.line or 0))


def _examples(glossary: Glossary, matcher: Matcher) -> list[Problem]:
    out: list[Problem] = []
    for e in glossary.entries:
        for bad in e.examples.bad:
            flagged = [
                m for m in matcher.find(bad) if m.entry is e and m.form.role in (Role.VARIANT, Role.SOURCE)
            ]
            if not flagged:
                out.append(Problem(e.origin, f"{e.id}: bad example {bad!r} is not flagged"))
        for good in e.examples.good:
            flagged = [
                m for m in matcher.find(good) if m.entry is e and m.form.role in (Role.VARIANT, Role.SOURCE)
            ]
            if flagged:
                out.append(
                    Problem(e.origin, f"{e.id}: good example {good!r} is flagged ({flagged[0].text!r})")
                )
    return out
