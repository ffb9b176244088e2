"""Gettext PO: ``msgid`` is the source, ``msgstr`` (or ``msgstr[n]``) the target.

A small reader of its own rather than polib: polib gives decoded strings but no offsets, and a
finding must point at the exact characters inside the quoted, C-escaped, possibly multi-line
strings. The header entry and obsolete (``#~``) entries are skipped; an untranslated entry
(empty ``msgstr``) is a pair with an empty target, which a check reports.

Escapes are C's, as gettext reads them: the named ones, and ``\\ooo`` (octal) and ``\\xHH...``
(hex, as many digits as follow), which stand for *bytes* in the file's charset: a run of them is
decoded together (``\\303\\251`` is ``é`` in a UTF-8 file) and maps back to the whole run.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from tqcheck.document import Document, read_text
from tqcheck.errors import InputError
from tqcheck.formats.base import bilingual_document
from tqcheck.mapped import MappedBuilder, MappedText, SegmentPair
from tqcheck.model import Span

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*(?=\")")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_BYTE_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]+)|([0-7]{1,3}))")


def _string(
    text: str, start: int, end: int, out: MappedBuilder, where: str, line: int, encoding: str = "utf-8"
) -> None:
    """Decode one quoted string ``text[start:end]`` (quotes included) into ``out``."""
    if end - start < 2 or text[start] != '"' or text[end - 1] != '"':
        raise InputError("malformed PO string (expected a quoted string)", f"{where}:{line}")
    i = start + 1
    stop = end - 1
    while i < stop:
        c = text[i]
        if c == "\\":
            if i + 1 >= stop:
                raise InputError("malformed PO string (dangling backslash)", f"{where}:{line}")
            nxt = text[i + 1]
            if nxt in _ESCAPES:
                out.add(_ESCAPES[nxt], i, i + 2)
                i += 2
            elif nxt == "x" or nxt in "01234567":
                i = _byte_escapes(text, i, stop, out, encoding, f"{where}:{line}")
            else:
                raise InputError(f"malformed PO string (unknown escape \\{nxt})", f"{where}:{line}")
        elif c == '"':
            raise InputError("malformed PO string (unescaped quote)", f"{where}:{line}")
        else:
            out.add(c, i)
            i += 1


def _byte_escapes(text: str, i: int, stop: int, out: MappedBuilder, encoding: str, where: str) -> int:
    """Decode the run of octal/hex escapes at ``text[i]`` as bytes; returns where it ends."""
    if encoding.startswith(("utf-16", "utf-32")):
        encoding = "latin-1"  # no byte escapes in a wide-character file: take them as code points
    decoder = codecs.getincrementaldecoder(encoding)()
    pending = i  # file start of the bytes not yet decoded into characters
    m = _BYTE_ESCAPE.match(text, i, stop)
    if m is None:
        raise InputError("malformed PO string (\\x without hex digits)", where)
    try:
        while m is not None:
            value = int(m.group(1), 16) if m.group(1) is not None else int(m.group(2), 8)
            if value > 0xFF:
                raise InputError(f"malformed PO string (escape {m.group()} is not a byte)", where)
            i = m.end()
            chars = decoder.decode(bytes([value]))
            if chars:
                out.add(chars, pending, i)
                pending = i
            m = _BYTE_ESCAPE.match(text, i, stop)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise InputError(f"malformed PO string (escaped bytes are not valid {encoding})", where) from None
    return i


def load(
    path: Path, lang: str | None = None, *, encoding: str | None = None, source_lang: str | None = None
) -> Document:
    text, encoding, bom, notes = read_text(path, encoding=encoding, langs=(lang, source_lang))
    path_name = str(path)
    entries: list[dict[str, MappedText]] = []
    wheres: list[dict[str, Span]] = []  # file span of each key and its strings
    current: dict[str, MappedBuilder] = {}
    where: dict[str, Span] = {}
    last_key: str | None = None
    pos = 0

    def flush() -> None:
        if current:
            entries.append({k: b.build() for k, b in current.items()})
            wheres.append(dict(where))
            current.clear()
            where.clear()

    for lineno, raw in enumerate(text.split("\n"), start=1):
        line_start = pos
        pos += len(raw) + 1
        line = raw.rstrip("\r")
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        if not stripped or stripped.startswith("#"):
            if not stripped or (last_key and last_key.startswith("msgstr")):
                flush()
                last_key = None
            continue
        m = _KEYWORD.match(stripped)
        if m:
            key = m.group(1)
            if key in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in current):
                flush()
            current[key] = MappedBuilder()
            last_key = key
            s = line_start + lead + m.end()
        elif stripped.startswith('"') and last_key is not None:
            s = line_start + lead
        else:
            raise InputError(f"malformed PO line: {stripped[:40]!r}", f"{path_name}:{lineno}")
        e = line_start + len(line.rstrip())
        _string(text, s, e, current[last_key], path_name, lineno, encoding)
        where[last_key] = Span(where[last_key].start if m is None else line_start + lead, e)
    flush()
    pairs: list[SegmentPair] = []
    for n, entry in enumerate(entries):
        msgid = entry.get("msgid")
        if msgid is None:
            raise InputError(f"PO entry {n + 1} has no msgid", path_name)
        if not msgid.text:
            continue  # the header
        for key, target in entry.items():
            if not key.startswith("msgstr"):
                continue
            source = entry.get("msgid_plural", msgid) if key not in ("msgstr", "msgstr[0]") else msgid
            ctx = entry.get("msgctxt")
            uid = f"{ctx.text}|{msgid.text}" if ctx else msgid.text
            uid = uid[:80] + ("" if key in ("msgstr", "msgstr[0]") else key[6:])
            pairs.append(SegmentPair(uid, source, target, where=wheres[n][key]))
    return bilingual_document(path_name, text, pairs, lang, (encoding, bom, notes))
