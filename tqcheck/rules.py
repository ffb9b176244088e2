"""The rule registry: every rule the checks (and the optional scorer) declare, by code.

Rules are module-level constants of the check that reports them (``checks/glossary.py``'s
``GLOSSARY_VARIANT``...); this module only collects them from the check table, so adding a
check adds its rules here without another edit.
"""

from __future__ import annotations

from tqcheck.checks import CHECKS
from tqcheck.errors import InputError
from tqcheck.model import Rule
from tqcheck.scoring_rules import RULES as SCORING_RULES
from tqcheck.suppression import RULES as SUPPRESSION_RULES


def _registry() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for rule in (*SUPPRESSION_RULES, *(r for check in CHECKS for r in check.RULES), *SCORING_RULES):
        if rule.code in rules:
            raise RuntimeError(f"duplicate rule code {rule.code}")
        rules[rule.code] = rule
    return dict(sorted(rules.items()))


RULES: dict[str, Rule] = _registry()
#: Rule codes in the order their checks run: an earlier rule wins a span two rules report.
ORDER: dict[str, int] = {r.code: i for i, r in enumerate(r for check in CHECKS for r in check.RULES)}


def all_rules() -> dict[str, Rule]:
    """Every known rule by code."""
    return dict(RULES)


def get(code: str) -> Rule:
    """The rule with this code; an unknown code is a usage error."""
    rule = RULES.get(code.upper())
    if rule is None:
        raise InputError(f"unknown rule {code!r} (see `tqcheck rules`)")
    return rule


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
