"""JSON Lines: one ``{"source": ..., "target": ...}`` object per line (``id`` optional).

Strings are located in the line and decoded by hand, so ``\\"`` or ``\\u00e9`` in the file map
back to their exact columns; ``json`` validates each line first.
"""

from __future__ import annotations

import json
from pathlib import Path

from tqcheck.document import Document, read_text
from tqcheck.errors import InputError
from tqcheck.formats.base import MappedBuilder, MappedText, SegmentPair, bilingual_document

_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_DECODER = json.JSONDecoder()


def _skip_ws(line: str, i: int) -> int:
    while i < len(line) and line[i] in " \t\r":
        i += 1
    return i


def _string(text: str, start: int, end: int) -> MappedText:
    """Decode the JSON string literal ``text[start:end]`` keeping offsets."""
    out = MappedBuilder()
    i, stop = start + 1, end - 1
    while i < stop:
        c = text[i]
        if c != "\\":
            out.add(c, i)
            i += 1
        elif text[i + 1] == "u":
            code = int(text[i + 2 : i + 6], 16)
            j = i + 6
            if 0xD800 <= code < 0xDC00 and text[j : j + 2] == "\\u":
                low = int(text[j + 2 : j + 6], 16)
                if 0xDC00 <= low < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    j += 6
            out.add(chr(code), i, j)
            i = j
        else:
            out.add(_SIMPLE[text[i + 1]], i, i + 2)
            i += 2
    return out.build()


def load(path: Path, lang: str | None = None) -> Document:
    text, encoding, bom, notes = read_text(path)
    where = str(path)
    pairs: list[SegmentPair] = []
    pos = 0
    for lineno, line in enumerate(text.split("\n"), start=1):
        base = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"malformed JSON: {exc.msg} (column {exc.colno})", f"{where}:{lineno}") from None
        if not isinstance(obj, dict):
            raise InputError("each line must be a JSON object", f"{where}:{lineno}")
        if not isinstance(obj.get("source"), str) or not isinstance(obj.get("target"), str):
            raise InputError('each line needs string "source" and "target" fields', f"{where}:{lineno}")
        spans: dict[str, tuple[int, int]] = {}
        i = _skip_ws(line, 0) + 1  # past "{"
        while True:
            i = _skip_ws(line, i)
            if line[i] == "}":
                break
            key, kend = _DECODER.raw_decode(line, i)
            i = _skip_ws(line, _skip_ws(line, kend) + 1)  # past ":"
            value, vend = _DECODER.raw_decode(line, i)
            if isinstance(value, str):
                spans[key] = (base + i, base + vend)  # the last duplicate key wins, like json
            i = _skip_ws(line, vend)
            if line[i] == ",":
                i += 1
        target = _string(text, *spans["target"])
        if target.text.strip():
            uid = str(obj.get("id", lineno))
            pairs.append(SegmentPair(uid, _string(text, *spans["source"]), target))
    return bilingual_document(where, text, pairs, lang, (encoding, bom, notes))
