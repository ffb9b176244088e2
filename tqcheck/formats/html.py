"""HTML: only human-readable text is checked (no tags, attributes, comments, scripts, styles, code).

Python's ``html.parser`` (tolerant, no network, no entity expansion beyond HTML's own named
references) reports every event with its line and column; those become file offsets, and the
view shows text nodes in place. ``translate="no"`` and ``class="notranslate"`` subtrees are
skipped too, as translation tools do.

The prose (``Document.prose``) joins text across inline elements (``Id<b>le</b>b`` reads
``Idleb``, as a browser renders it) and breaks it at every other tag.
"""

from __future__ import annotations

import html
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from tqcheck.document import Document, read_text
from tqcheck.formats.base import ViewBuilder, line_starts
from tqcheck.mapped import MappedBuilder, MappedText

#: Elements whose content is never prose to check.
SKIP = frozenset(
    {"script", "style", "code", "pre", "kbd", "samp", "var", "noscript", "template", "svg", "math"}
)
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
#: Phrasing elements a browser renders inside the running text: they do not separate words.
INLINE = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "label",
        "mark",
        "nobr",
        "q",
        "s",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "wbr",
    ]
)


class _Viewer(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.starts = line_starts(text)
        self.view = ViewBuilder(text)
        self.prose = MappedBuilder()
        self.stack: list[tuple[str, bool]] = []  # (tag, skipping)
        self.open: Counter[str] = Counter()  # tags on the stack, so a stray end tag costs O(1)

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE:
            self.prose.brk()
        if tag in VOID:
            return
        a = dict(attrs)
        skip = (
            self.skipping
            or tag in SKIP
            or (a.get("translate") or "").lower() == "no"
            or "notranslate" in (a.get("class") or "").split()
        )
        self.stack.append((tag, skip))
        self.open[tag] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE:
            self.prose.brk()
        if not self.open[tag]:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                self.open.subtract(t for t, _ in self.stack[i:])
                del self.stack[i:]
                return

    def handle_decl(self, decl: str) -> None:
        self.prose.brk()

    def handle_pi(self, data: str) -> None:
        self.prose.brk()

    def handle_data(self, data: str) -> None:
        if self.skipping or not data:
            return
        start = self._offset()
        if self.text.startswith(data, start):
            self.view.keep(start, start + len(data))
            self.prose.add(data, start)
        else:
            self.prose.brk()

    def _ref(self, raw: str) -> None:
        if self.skipping:
            return
        start = self._offset()
        if self.text.startswith(raw, start):
            out = MappedBuilder()
            out.add(html.unescape(raw), start, start + len(raw))
            self.view.put(out.build())
            self.prose.add(html.unescape(raw), start, start + len(raw))

    def handle_entityref(self, name: str) -> None:
        end = self.text.find(";", self._offset())
        semi = end != -1 and end - self._offset() == len(name) + 1
        self._ref(f"&{name};" if semi else f"&{name}")

    def handle_charref(self, name: str) -> None:
        self._ref(f"&#{name};")


def _read(text: str) -> _Viewer:
    viewer = _Viewer(text)
    viewer.feed(text)
    viewer.close()
    return viewer


def view_of(text: str) -> str:
    """The HTML text with everything but prose blanked (same length)."""
    return _read(text).view.build()


def prose_of(text: str) -> MappedText:
    """The HTML's readable text, compact, with each character's file span."""
    return _read(text).prose.build()


def load(
    path: Path, lang: str | None = None, *, encoding: str | None = None, source_lang: str | None = None
) -> Document:
    text, encoding, bom, notes = read_text(path, encoding=encoding, langs=(lang,))
    viewer = _read(text)
    return Document(
        str(path), text, encoding, bom, lang, notes, view=viewer.view.build(), prose=viewer.prose.build()
    )
