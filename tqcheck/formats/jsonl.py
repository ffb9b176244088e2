"""JSON Lines: one ``{"source": ..., "target": ...}`` object per line (``id`` optional).

Strings are located in the line and decoded by hand, so ``\\"`` or ``\\u00e9`` in the file map
back to their exact columns; ``json`` validates each line first.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tqcheck.document import Document, read_text
from tqcheck.errors import InputError
from tqcheck.formats.base import bilingual_document
from tqcheck.mapped import MappedBuilder, MappedText, SegmentPair
from tqcheck.model import Span

_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_DECODER = json.JSONDecoder()
_HEX = frozenset("0123456789abcdefABCDEF")
#: Deepest nesting of arrays and objects accepted in a line (a record is a flat object with,
#: at most, a little metadata): deeper input is refused before ``json`` recurses into it.
MAX_DEPTH = 100
_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _skip_ws(line: str, i: int) -> int:
    while i < len(line) and line[i] in " \t\r":
        i += 1
    return i


def _too_deep(line: str) -> bool:
    """Whether arrays/objects nest deeper than :data:`MAX_DEPTH` (strings skipped; one pass)."""
    depth = 0
    for m in _STRING_OR_BRACKET.finditer(line):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif c in "]}":
            depth -= 1
    return False


def _hex4(text: str, i: int, stop: int) -> int | None:
    digits = text[i : i + 4]
    if i + 4 > stop or len(digits) != 4 or not _HEX.issuperset(digits):
        return None
    return int(digits, 16)


def _string(text: str, start: int, end: int, where: str = "") -> MappedText:
    """Decode the JSON string literal ``text[start:end]`` keeping offsets.

    ``json`` has validated the line, but a bad escape is still an InputError, never an
    IndexError: this decoder must not trust its input.
    """
    out = MappedBuilder()
    i, stop = start + 1, end - 1
    while i < stop:
        c = text[i]
        if c != "\\":
            out.add(c, i)
            i += 1
            continue
        nxt = text[i + 1] if i + 1 < stop else ""
        if nxt == "u":
            code = _hex4(text, i + 2, stop)
            if code is None:
                raise InputError("malformed JSON string (\\u needs four hex digits)", where)
            j = i + 6
            if 0xD800 <= code < 0xDC00 and text.startswith("\\u", j):
                low = _hex4(text, j + 2, stop)
                if low is not None and 0xDC00 <= low < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    j += 6
            out.add(chr(code), i, j)
            i = j
        elif nxt in _SIMPLE:
            out.add(_SIMPLE[nxt], i, i + 2)
            i += 2
        else:
            raise InputError(f"malformed JSON string (bad escape {text[i : i + 2]!r})", where)
    return out.build()


def _parse(line: str, where: str) -> object:
    """``json.loads`` of one line, every failure an InputError (depth, huge numbers included)."""
    if _too_deep(line):
        raise InputError(f"JSON nested deeper than {MAX_DEPTH} levels", where)
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc.msg} (column {exc.colno})", where) from None
    except ValueError:  # Python refuses to convert integers of more than 4300 digits
        raise InputError("malformed JSON: a number with too many digits", where) from None
    except RecursionError:
        raise InputError("JSON nested too deeply", where) from None


def _string_spans(line: str, base: int) -> dict[str, tuple[int, int]]:
    """File spans of the top-level string values of a validated one-line object, by key."""
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
    return spans


def load(
    path: Path, lang: str | None = None, *, encoding: str | None = None, source_lang: str | None = None
) -> Document:
    text, encoding, bom, notes = read_text(path, encoding=encoding, langs=(lang, source_lang))
    where = str(path)
    pairs: list[SegmentPair] = []
    pos = 0
    for lineno, line in enumerate(text.split("\n"), start=1):
        base = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        here = f"{where}:{lineno}"
        obj = _parse(line, here)
        if not isinstance(obj, dict):
            raise InputError("each line must be a JSON object", here)
        if not isinstance(obj.get("source"), str) or not isinstance(obj.get("target"), str):
            raise InputError('each line needs string "source" and "target" fields', here)
        try:
            spans = _string_spans(line, base)
        except (IndexError, ValueError):  # json accepted what this scanner does not: say so
            raise InputError("malformed JSON: cannot locate the strings of this line", here) from None
        source = _string(text, *spans["source"], here)
        if source.text.strip():  # an empty target is kept: a check reports it
            uid = str(obj.get("id", lineno))
            target = _string(text, *spans["target"], here)
            pairs.append(SegmentPair(uid, source, target, where=Span(*spans["target"])))
    return bilingual_document(where, text, pairs, lang, (encoding, bom, notes))
