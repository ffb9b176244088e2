"""Applying suggested fixes, and writing files atomically (never half-written inputs)."""

from __future__ import annotations

import html
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from tqcheck.model import Finding


def _xml(text: str) -> str:
    return html.escape(text, quote=False)


def _json(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _po(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


#: How a replacement is written into a file of each input format (spans are file offsets).
ESCAPES: dict[str, Callable[[str], str]] = {
    "xliff": _xml,
    "tmx": _xml,
    "html": _xml,
    "jsonl": _json,
    "po": _po,
}


def apply_fixes(text: str, findings: Iterable[Finding], fmt: str = "text") -> tuple[str, int]:
    """Replace each fixable finding's span by its suggestion; overlapping fixes are skipped.

    Suggestions are escaped for the file's format (``&`` in XLIFF, quotes in PO and JSONL).
    """
    escape = ESCAPES.get(fmt, str)
    fixes = sorted(
        (f for f in findings if f.suggestion is not None), key=lambda f: (f.span.start, f.span.end)
    )
    out: list[str] = []
    pos = applied = 0
    for f in fixes:
        if f.span.start < pos or text[f.span.start : f.span.end] != f.text:
            continue
        out.append(text[pos : f.span.start])
        out.append(escape(f.suggestion or ""))
        pos = f.span.end
        applied += 1
    out.append(text[pos:])
    return "".join(out), applied


def write_atomic(path: Path, text: str, encoding: str = "utf-8", bom: bool = False) -> None:
    """Write via a temporary file in the same folder and ``os.replace`` (keeps mode bits)."""
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:  # a new file gets the usual permissions, not mkstemp's private 0600
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
