"""Each rule's example, checked live: what ``tqcheck rules CODE`` and ``docs/rules.md`` show.

An example is data (``data/rule-examples.yaml``): a text that breaks the rule and one that does
not, with its source where the rule is bilingual. Showing what tqcheck says of it *now*, rather
than a pasted output, means the documentation cannot drift from the code, and a test checks that
every example still gives its rule's finding (and the good text none).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from tqcheck.api import check_files
from tqcheck.config import Config
from tqcheck.model import Finding
from tqcheck.settings import Flags, resolve


@dataclass(frozen=True)
class Example:
    """A rule's example: ``bad`` breaks it, ``good`` is the same text done right."""

    code: str
    bad: str
    good: str
    source: str | None = None
    lang: str = "en"
    source_lang: str | None = None
    name: str = "article.en.txt"
    #: other articles checked with it (rules that compare the articles of a set)
    others: dict[str, str] = field(default_factory=dict)
    #: needs a neural model (``--score``): shown, not run
    neural: bool = False
    #: rules run with it (a suppression is judged only where the rules it names ran)
    select: tuple[str, ...] = ()
    #: checked with the shipped glossaries (off where a glossary finding would take its place)
    glossaries: bool = True


@cache
def examples() -> dict[str, Example]:
    """Every shipped example by rule code."""
    import yaml  # here, not at the top: every command imports this module, only ``rules`` reads it

    text = resources.files("tqcheck").joinpath("data/rule-examples.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    out = {}
    for code, ex in raw.items():
        out[code] = Example(
            code,
            ex["bad"],
            ex["good"],
            ex.get("source"),
            ex.get("lang", "en"),
            ex.get("source_lang"),
            ex.get("name", "article.en.txt"),
            dict(ex.get("set", {})),
            bool(ex.get("neural", False)),
            tuple(ex.get("select", ())),
            bool(ex.get("glossaries", True)),
        )
    return out


def run(example: Example, text: str) -> list[Finding]:
    """The findings of ``example``'s rule on ``text`` (its ``bad`` or ``good``), with the default
    glossaries and no config file, as ``tqcheck check --select CODE`` gives them."""
    flags = Flags(
        select=[example.code, *example.select],
        lang=example.lang,
        source_lang=example.source_lang,
        no_default_glossaries=not example.glossaries,
    )
    settings = resolve(flags, Config())
    with tempfile.TemporaryDirectory(prefix="tqcheck-example-") as tmp:
        folder = Path(tmp)
        target = folder / example.name
        target.write_text(text, encoding="utf-8")
        for name, other in example.others.items():
            (folder / name).write_text(other, encoding="utf-8")
        source = None
        if example.source is not None:
            source = folder / f"source-of-{example.name}"
            source.write_text(example.source, encoding="utf-8")
        paths = [target, *(folder / n for n in example.others)]
        report = check_files(paths, settings, source=source)
    mine = {str(target), str(source)}  # a source sentence left out is reported in the source
    return [f for f in report.findings if f.location.path in mine and f.rule == example.code]


def shown(example: Example, findings: list[Finding]) -> list[str]:
    """The example as ``tqcheck rules CODE`` prints it: the text(s), then what tqcheck says."""
    lines: list[str] = []
    if example.source is not None:
        lines += ["Source:", *_indented(example.source)]
    lines += ["Example:", *_indented(example.bad)]
    if example.neural:
        lines.append("  (reported with `tqcheck check --score` and a translation model)")
    for f in findings:
        fix = f" (fix: {f.suggestion!r})" if f.suggestion is not None else ""
        where = (
            "source"
            if example.source is not None and f.location.path.endswith(f"source-of-{example.name}")
            else "text"
        )
        lines.append(f"  -> {where} {f.location.line}:{f.location.column} {f.rule} {f.message}{fix}")
    lines += ["Better:", *_indented(example.good)]
    return lines


def _indented(text: str) -> list[str]:
    return ["  " + line for line in text.rstrip("\n").split("\n")]
