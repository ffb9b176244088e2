"""Markdown: check the prose, not the markup, code, links or front matter.

A line scanner rather than a full CommonMark parser (markdown-it-py maps tokens to lines but not
to columns, and every finding needs its column). Blanked: YAML/TOML front matter, fenced and
indented code, inline code, HTML tags and comments, images, link destinations and reference
definitions, bare URLs, heading/list/quote markers (so ``1.`` list numbers are not numbers),
emphasis markers, table pipes and backslash escapes. Entities show their decoded character.

The prose (``Document.prose``) drops the markup that sits inside a word (emphasis markers,
backslashes of escapes, inline HTML tags of phrasing elements: ``Id**le**b`` and ``Id<b>le</b>b``
read ``Idleb``), decodes entities, and breaks the text at every other piece of markup.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from tqcheck.document import Document, read_text
from tqcheck.formats.base import ViewBuilder
from tqcheck.formats.html import INLINE
from tqcheck.mapped import MappedBuilder, MappedText

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.M)

_HTML_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
_EMPHASIS = re.compile(r"(\*{1,3}|~~)")
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])(_{1,3})|(_{1,3})(?![A-Za-z0-9])")
_BACKSLASH = re.compile(r"(\\)[!-/:-@\[-`{-~]")

#: Inline patterns blanked entirely.
_BLANK_ALL = [
    re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S),  # inline code
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"),  # images
    re.compile(r"!\[[^\]\n]*\]\[[^\]\n]*\]"),
    _HTML_TAG,  # inline html tags
    re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>"),  # autolinks
    re.compile(r"\bhttps?://[^\s<>()\]]+"),
    re.compile(r"\[\^[^\]\n]+\]"),  # footnote references
    _REF_DEF,
    re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$", re.M),  # setext underlines
    re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$", re.M),  # thematic breaks
    re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$", re.M),  # table rule
]
#: Patterns whose group 1 (markup) is blanked, keeping the rest.
_BLANK_GROUP = [
    re.compile(r"^( {0,3}#{1,6})(?:[ \t]|$)", re.M),  # ATX heading marker
    re.compile(r"[ \t](#+)[ \t]*$", re.M),  # closing heading hashes
    re.compile(r"^((?:[ \t]{0,3}>[ \t]?)+)", re.M),  # block quotes
    re.compile(r"^[ \t>]*((?:[-*+]|\d{1,9}[.)]))[ \t]", re.M),  # list markers
    re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+(\[[ xX]\])[ \t]", re.M),  # task boxes
    re.compile(r"(\]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?\))"),  # link destination
    re.compile(r"(\]\[[^\]\n]*\])"),  # reference link label
    re.compile(r"(\[)(?=[^\]\n]*\](?:\(|\[))"),  # link text opening bracket
    _EMPHASIS,  # emphasis / strikethrough
    _UNDERSCORE,
    re.compile(r"(\|)"),  # table pipes
    _BACKSLASH,  # backslash escapes
]
#: Markup that can sit inside a word: dropped from the prose rather than breaking it.
_IN_WORD = (_EMPHASIS, _UNDERSCORE, _BACKSLASH)
#: What each character of the file is to the prose.
_PROSE, _JOIN, _BREAK, _REF = 0, 1, 2, 3
_RUNS = re.compile(rb"\x00+|\x01+|\x02+|\x03+")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _code_lines(lines: list[str]) -> set[int]:
    """Indices of lines that are front matter or code (fenced or indented)."""
    out: set[int] = set()
    i = 0
    if lines and lines[0].rstrip("\r") in ("---", "+++"):
        close = lines[0].rstrip("\r")
        for j in range(1, len(lines)):
            if lines[j].rstrip("\r") in (close, "..."):
                out.update(range(0, j + 1))
                i = j + 1
                break
    fence: str | None = None
    prev_blank = True
    in_list = False
    while i < len(lines):
        line = lines[i].rstrip("\r")
        m = _FENCE.match(line)
        if fence is not None:
            out.add(i)
            if (
                m
                and m.group(1)[0] == fence[0]
                and len(m.group(1)) >= len(fence)
                and not line[m.end() :].strip()
            ):
                fence = None
        elif m and not (m.group(1)[0] == "`" and "`" in line[m.end() :]):
            fence = m.group(1)
            in_list = False
            out.add(i)
        elif line.strip():
            indented = line.startswith(("    ", "\t"))
            if (indented and prev_blank and not in_list) or (indented and (i - 1) in out and not in_list):
                out.add(i)
            elif _LIST_ITEM.match(line):
                in_list = True
            elif not indented and prev_blank:
                in_list = False
        prev_blank = not line.strip()
        i += 1
    return out


def _read(text: str) -> tuple[str, MappedText]:
    """The view (markup blanked, same length) and the compact prose of a Markdown text."""
    lines = text.split("\n")
    code = _code_lines(lines)
    view = ViewBuilder(text)
    kind = bytearray([_BREAK]) * len(text)
    pos = 0
    for n, line in enumerate(lines):
        if n not in code:
            view.keep(pos, pos + len(line))
            end = min(pos + len(line) + 1, len(text))  # the line and its newline
            kind[pos:end] = bytes([_PROSE]) * (end - pos)
        pos += len(line) + 1
    chars = view.chars
    for rx in _BLANK_ALL:
        for m in rx.finditer(text):
            joins = rx is _HTML_TAG and m.group(1).lower() in INLINE
            _mark(kind, m.start(), m.end(), _JOIN if joins else _BREAK)
            for k in range(m.start(), m.end()):
                if chars[k] not in "\r\n":
                    chars[k] = " "
    for rx in _BLANK_GROUP:
        for m in rx.finditer(text):
            for g in range(1, (rx.groups or 0) + 1):
                if m.group(g) is not None:
                    _mark(kind, m.start(g), m.end(g), _JOIN if rx in _IN_WORD else _BREAK)
                    for k in range(m.start(g), m.end(g)):
                        if chars[k] not in "\r\n":
                            chars[k] = " "
    refs: dict[int, tuple[int, str]] = {}
    for m in _ENTITY.finditer(text):
        if chars[m.start()] == "&":
            for k in range(m.start(), m.end()):
                chars[k] = " "
            out = MappedBuilder()
            out.add(html.unescape(m.group()), m.start(), m.end())
            view.put(out.build())
            kind[m.start() : m.end()] = bytes([_REF]) * (m.end() - m.start())
            refs[m.start()] = (m.end(), html.unescape(m.group()))
    prose = MappedBuilder()
    for run in _RUNS.finditer(bytes(kind)):
        start, end, what = run.start(), run.end(), kind[run.start()]
        if what == _PROSE:
            prose.add(text[start:end], start)
        elif what == _BREAK:
            prose.brk()
        elif what == _REF:
            while start < end:  # adjacent entities form one run
                stop, decoded = refs[start]
                prose.add(decoded, start, stop)
                start = stop
    return view.build(), prose.build()


def _mark(kind: bytearray, start: int, end: int, what: int) -> None:
    """Mark markup: a break anywhere; in-word markup only over text still taken for prose."""
    for k in range(start, end):
        if what == _BREAK or kind[k] == _PROSE:
            kind[k] = what


def view_of(text: str) -> str:
    """The Markdown text with everything but prose blanked (same length)."""
    return _read(text)[0]


def load(
    path: Path, lang: str | None = None, *, encoding: str | None = None, source_lang: str | None = None
) -> Document:
    text, encoding, bom, notes = read_text(path, encoding=encoding, langs=(lang,))
    view, prose = _read(text)
    return Document(str(path), text, encoding, bom, lang, notes, view=view, prose=prose)
