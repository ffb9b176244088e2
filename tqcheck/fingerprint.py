"""Stable identities of findings across runs: the same problem keeps its fingerprint when lines
move, so SARIF code scanning and ``--baseline`` recognise it.

A fingerprint hashes the rule, the path (as a URI reference), the flagged text and which
occurrence of that (rule, path, text) it is, never the line.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from tqcheck.model import Finding

#: Bump the suffix if the hashed fields ever change (it names the key in SARIF).
FINGERPRINT_KEY = "tqcheckFindingHash/v1"


def artifact_uri(path: str) -> str:
    """A URI reference for a reported path: relative stays relative (code scanning wants that)."""
    if "\\" in path and PureWindowsPath(path).is_absolute():
        return PureWindowsPath(path).as_uri()
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return PurePosixPath(posix).as_uri()
    return quote(posix, safe="/")


def fingerprint(finding: Finding, occurrence: int) -> str:
    """Stable across runs: rule, path, flagged text and its occurrence number, not its line."""
    parts = (finding.rule, artifact_uri(finding.path), finding.text, str(occurrence))
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:32]


def fingerprinted(findings: Iterable[Finding]) -> Iterator[tuple[Finding, str]]:
    """Each finding (in report order) with its fingerprint."""
    seen: Counter[tuple[str, str, str]] = Counter()
    for f in findings:
        key = (f.rule, f.path, f.text)
        yield f, fingerprint(f, seen[key])
        seen[key] += 1
