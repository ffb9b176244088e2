"""Rule catalogue: stable codes (ruff-style), default severities and help text, as data.

Each check module declares its own ``RULES``; this module only collects them, so adding a
check is one import line here.
"""

from __future__ import annotations

from dataclasses import dataclass

from tqcheck.errors import InputError
from tqcheck.model import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    help: str


def all_rules() -> dict[str, Rule]:
    """Every known rule by code (imports the check modules, which are light)."""
    from tqcheck.checks import CHECKS

    rules: dict[str, Rule] = {}
    for check in CHECKS:
        for rule in check.RULES:
            if rule.code in rules:
                raise RuntimeError(f"duplicate rule code {rule.code}")
            rules[rule.code] = rule
    from tqcheck import scoring_rules

    for rule in scoring_rules.RULES:
        rules[rule.code] = rule
    return dict(sorted(rules.items()))


def validate_prefixes(prefixes: list[str], known: dict[str, Rule], option: str) -> None:
    """Reject a ``--select``/``--ignore`` prefix that matches no rule (a typo would silence CI)."""
    for p in prefixes:
        if p.upper() == "ALL":
            continue
        if not any(code.startswith(p.upper()) for code in known):
            raise InputError(f"unknown rule code or prefix {p!r} in {option} (see `tqcheck rules`)")


def selected(code: str, select: list[str], ignore: list[str]) -> bool:
    """ruff semantics: the longest matching prefix wins; ``ALL`` matches everything."""

    def best(prefixes: list[str]) -> int:
        lengths = [
            0 if p.upper() == "ALL" else len(p)
            for p in prefixes
            if p.upper() == "ALL" or code.startswith(p.upper())
        ]
        return max(lengths, default=-1)

    s, i = best(select or ["ALL"]), best(ignore)
    return s >= 0 and s > i
