"""The house rules of the package: layers point down (no import cycle anywhere in ``tqcheck/``),
no module grows past 500 lines, and every rule is a typed object with a unique, documented code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tqcheck.checks import CHECKS
from tqcheck.model import FixSafety, Rule, Severity
from tqcheck.rules import RULES, get

from .conftest import ROOT

PACKAGE = ROOT / "tqcheck"
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The tqcheck modules ``name`` imports anywhere in its body (functions and TYPE_CHECKING too)."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, *([node.module] if node.module else [])])
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target.startswith("tqcheck") and target != name:
                found.add(target)
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycle_inside_the_package() -> None:
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert "tqcheck.model" in graph["tqcheck.engine"]  # the parser sees real imports
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_no_module_over_500_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_bilingual_module_over_400_lines() -> None:
    """The bilingual package stays split by rule group (issue 12)."""
    long = {
        p.name: n
        for p in (PACKAGE / "bilingual").glob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def test_rules_are_unique_typed_and_documented() -> None:
    declared = [r for check in CHECKS for r in check.RULES]
    assert len({r.code for r in declared}) == len(declared)
    for code, rule in RULES.items():
        assert isinstance(rule, Rule) and rule.code == code
        assert re.fullmatch(r"TQ\d{3}", code) and re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name)
        assert isinstance(rule.severity, Severity) and isinstance(rule.fix, FixSafety)
        assert rule.summary and not rule.summary.endswith(".") and len(rule.help) > 40
    assert len({r.name for r in RULES.values()}) == len(RULES)


def test_each_rule_is_a_module_constant_of_its_check() -> None:
    """``GLOSSARY_VARIANT = Rule("TQ101", ...)`` in checks/glossary.py, emitted as ``Hit(GLOSSARY_VARIANT, ...)``."""
    import importlib

    for check in CHECKS:
        module = importlib.import_module(type(check).__module__)
        constants = {v for v in vars(module).values() if isinstance(v, Rule)}
        assert set(check.RULES) <= constants, type(check).__name__
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        assert not re.search(r"Hit\(\s*['\"]TQ", source), "a hit names its rule object, not a code string"


def test_registry_lookup() -> None:
    assert get("tq101").name == "glossary-variant"
    with pytest.raises(Exception, match="unknown rule 'TQ000'"):
        get("TQ000")
