"""HTML: only human-readable text is checked (no tags, attributes, comments, scripts, styles, code).

Python's ``html.parser`` (tolerant, no network, no entity expansion beyond HTML's own named
references) reports every event with its line and column; those become file offsets, and the
view shows text nodes in place. ``translate="no"`` and ``class="notranslate"`` subtrees are
skipped too, as translation tools do.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

from tqcheck.document import Document, read_text
from tqcheck.formats.base import MappedBuilder, ViewBuilder, line_starts

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


class _Viewer(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.starts = line_starts(text)
        self.view = ViewBuilder(text)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipping)

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if self.skipping or not data:
            return
        start = self._offset()
        if self.text.startswith(data, start):
            self.view.keep(start, start + len(data))

    def _ref(self, raw: str) -> None:
        if self.skipping:
            return
        start = self._offset()
        if self.text.startswith(raw, start):
            out = MappedBuilder()
            out.add(html.unescape(raw), start, start + len(raw))
            self.view.put(out.build())

    def handle_entityref(self, name: str) -> None:
        end = self.text.find(";", self._offset())
        semi = end != -1 and end - self._offset() == len(name) + 1
        self._ref(f"&{name};" if semi else f"&{name}")

    def handle_charref(self, name: str) -> None:
        self._ref(f"&#{name};")


def view_of(text: str) -> str:
    """The HTML text with everything but prose blanked (same length)."""
    viewer = _Viewer(text)
    viewer.feed(text)
    viewer.close()
    return viewer.view.build()


def load(path: Path, lang: str | None = None) -> Document:
    text, encoding, bom, notes = read_text(path)
    return Document(str(path), text, encoding, bom, lang, notes, view=view_of(text))
