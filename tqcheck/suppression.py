"""Inline suppressions (``tqcheck: ignore[...]``) and the two rules that keep them honest.

A suppression that names a code no rule has (``ignore[TQ10l]``) silences nothing while its writer
believes otherwise, and one that no longer hides anything (the name was corrected, the rule
changed) hides the next real problem on that line: ruff's RUF100 idea. Both are reported, but a
directive is only called unused when every rule it names could have reported on that file in
this run (enabled there, in its language, with a source for the bilingual rules and scores for
the neural ones), so a narrower ``--select`` never makes a needed suppression look stale. A bare
``tqcheck: ignore`` silences everything and is never judged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tqcheck.document import Document
from tqcheck.model import Hit, Rule, Severity, Span

#: ``tqcheck: ignore`` / ``tqcheck: ignore[TQ101,TQ5]`` on a line silences findings on that line;
#: ``ignore-next-line`` the next one; ``ignore-file`` the whole file. Works inside any comment syntax.
DIRECTIVE = re.compile(r"tqcheck:\s*(ignore-file|ignore-next-line|ignore)(?:\[([A-Za-z0-9, ]*)\])?")

UNUSED_SUPPRESSION = Rule(
    "TQ001",
    "unused-suppression",
    Severity.INFO,
    "Suppression hides nothing",
    "This `tqcheck: ignore[...]` names rules that found nothing on its line (or file) in this run. "
    "A stale suppression hides the next real problem there: remove it, or the code that is no "
    "longer needed. Judged only when every rule it names ran on the file.",
)

UNKNOWN_SUPPRESSION_CODE = Rule(
    "TQ002",
    "unknown-suppression-code",
    Severity.WARNING,
    "Suppression names a code no rule has",
    "A code in `tqcheck: ignore[...]` that matches no rule (a typo such as TQ10l) silences "
    "nothing. Write an existing code or prefix (see `tqcheck rules`).",
)

RULES: tuple[Rule, ...] = (UNUSED_SUPPRESSION, UNKNOWN_SUPPRESSION_CODE)


@dataclass
class Directive:
    """One ``tqcheck:`` comment: what it covers and which of its codes silenced something."""

    span: Span
    kind: str
    codes: tuple[str, ...]  # upper-cased; () : every rule
    written: tuple[str, ...] = ()  # the codes as written, for messages
    used: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Suppressions:
    """A document's directives, by the lines they cover."""

    directives: tuple[Directive, ...] = ()
    whole_file: tuple[Directive, ...] = ()
    lines: dict[int, list[Directive]] = field(default_factory=dict)

    def hides(self, code: str, line: int) -> bool:
        """Whether a finding of ``code`` on ``line`` is silenced (noting which directive did it)."""
        hidden = False
        for d in (*self.whole_file, *self.lines.get(line, ())):
            if not d.codes:
                hidden = True
                continue
            for prefix in d.codes:
                if code.startswith(prefix):
                    d.used.add(prefix)
                    hidden = True
        return hidden


def parse(doc: Document) -> Suppressions:
    """Every directive of ``doc`` (a quick ``in`` test spares the regular expression)."""
    if "tqcheck:" not in doc.text:
        return Suppressions()
    directives: list[Directive] = []
    whole: list[Directive] = []
    lines: dict[int, list[Directive]] = {}
    for m in DIRECTIVE.finditer(doc.text):
        kind, raw = m.group(1), m.group(2)
        written = tuple(c.strip() for c in raw.split(",") if c.strip()) if raw else ()
        d = Directive(Span(m.start(), m.end()), kind, tuple(c.upper() for c in written), written)
        directives.append(d)
        if kind == "ignore-file":
            whole.append(d)
        else:
            line, _ = doc.index.position(m.start())
            lines.setdefault(line + (1 if kind == "ignore-next-line" else 0), []).append(d)
    return Suppressions(tuple(directives), tuple(whole), lines)


def audit(sup: Suppressions, known: Iterable[str], could_report: Callable[[str], bool]) -> list[Hit]:
    """Hits for unknown codes and unused directives, once :meth:`Suppressions.hides` has seen
    every finding of the document; ``could_report(code)``: that rule ran on this file."""
    codes = tuple(known)
    hits: list[Hit] = []
    for d in sup.directives:
        unknown = [c for c in d.codes if not any(k.startswith(c) for k in codes)]
        for c, as_written in zip(d.codes, d.written, strict=True):
            if c in unknown:
                message = f"'{as_written}' in this suppression is no rule code or prefix"
                hits.append(Hit(UNKNOWN_SUPPRESSION_CODE, d.span, message))
        judged = [c for c in d.codes if c not in unknown]
        idle = [c for c in judged if c not in d.used]
        if not judged or not idle:
            continue
        if all(could_report(k) for c in idle for k in codes if k.startswith(c)):
            where = "this file" if d.kind == "ignore-file" else "its line"
            names = ", ".join(idle)
            hits.append(Hit(UNUSED_SUPPRESSION, d.span, f"suppression of {names} hid nothing on {where}"))
    return hits
