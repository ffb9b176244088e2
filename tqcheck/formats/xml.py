"""Safe XML reading with exact character offsets, shared by the XLIFF and TMX loaders.

Two passes: defusedxml parses first (no DTD, no external entities, no entity expansion), so
XXE and entity bombs are refused and only well-formed files go on; then a small scanner walks
the original text and builds a light element tree whose every text run knows its file offsets
(expat reports byte offsets only). With no DTD the only references left are the five
predefined entities and character references, which the scanner decodes itself.

Nothing here recurses on the input's depth (expat does not either), and elements nested deeper
than :data:`MAX_DEPTH` are refused: no translation file is, and a hostile one must be an input
error, not a RecursionError.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring

from tqcheck.errors import InputError
from tqcheck.mapped import InlineCode, MappedBuilder, MappedText
from tqcheck.model import Span

PREDEFINED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_TOKEN = re.compile(
    r"""<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<![^>]*>|<(?:[^>"']|"[^"]*"|'[^']*')*>|[^<]+""", re.S
)
_ATTR = re.compile(r"([^\s=/]+)\s*=\s*(\"[^\"]*\"|'[^']*')")
_NAME = re.compile(r"</?\s*([^\s/>]+)")
_REF = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);")
#: Deepest element nesting accepted (XLIFF and TMX files nest a dozen levels).
MAX_DEPTH = 1000


@dataclass
class Element:
    """An element with offsets: ``start``/``end`` of the whole element in the file."""

    name: str  # local name, namespace prefix dropped
    attrs: dict[str, str]
    start: int
    end: int = -1
    #: children and text runs in document order: Element, or (text_start, text_end, is_cdata)
    items: list[Element | tuple[int, int, bool]] = field(default_factory=list)

    def children(self, name: str | None = None) -> Iterator[Element]:
        for it in self.items:
            if isinstance(it, Element) and (name is None or it.name == name):
                yield it

    def iter(self, name: str) -> Iterator[Element]:
        """Descendants named ``name`` in document order (an explicit stack, not recursion)."""
        stack = [iter(self.items)]
        while stack:
            for it in stack[-1]:
                if isinstance(it, Element):
                    if it.name == name:
                        yield it
                    stack.append(iter(it.items))
                    break
            else:
                stack.pop()

    def cdata(self) -> list[tuple[int, int]]:
        """File ranges of the CDATA sections below this element, in document order."""
        out: list[tuple[int, int]] = []
        stack = [iter(self.items)]
        while stack:
            for it in stack[-1]:
                if isinstance(it, Element):
                    stack.append(iter(it.items))
                    break
                if it[2]:
                    out.append((it[0], it[1]))
            else:
                stack.pop()
        return out

    def attr(self, name: str) -> str | None:
        """Attribute by local name (``xml:lang`` is found as ``lang``)."""
        for k, v in self.attrs.items():
            if k == name or k.rsplit(":", 1)[-1] == name:
                return v
        return None


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _unescape_attr(value: str) -> str:
    return _REF.sub(lambda m: _decode_ref(m.group(1)), value)


def _decode_ref(ref: str) -> str:
    if ref.startswith("#x"):
        return chr(int(ref[2:], 16))
    if ref.startswith("#"):
        return chr(int(ref[1:]))
    return PREDEFINED.get(ref, "")


def check_safe(text: str, where: str) -> None:
    """Refuse DTDs, entity declarations and external references; refuse malformed XML."""
    try:
        fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DTDForbidden:
        raise InputError(
            "XML with a DTD (<!DOCTYPE>) refused: a DTD can define entity bombs or read local files (XXE)",
            where,
        ) from None
    except EntitiesForbidden:
        raise InputError("XML entity declarations refused (entity expansion attack)", where) from None
    except ExternalReferenceForbidden:
        raise InputError("XML external reference refused (XXE)", where) from None
    except DefusedXmlException as exc:
        raise InputError(f"unsafe XML refused: {exc}", where) from None
    except ParseError as exc:
        raise InputError(f"malformed XML: {exc}", where) from None


def parse(text: str, where: str) -> Element:
    """Parse safe, well-formed XML into an offset-keeping tree; returns the root element."""
    check_safe(text, where)
    root = Element("#document", {}, 0)
    stack = [root]
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok.startswith("<![CDATA["):
            stack[-1].items.append((m.start() + 9, m.end() - 3, True))
        elif tok.startswith(("<!--", "<?", "<!")):
            continue
        elif tok.startswith("</"):
            el = stack.pop()
            el.end = m.end()
        elif tok.startswith("<"):
            name_m = _NAME.match(tok)
            name = _local(name_m.group(1)) if name_m else ""
            attrs = {k: _unescape_attr(v[1:-1]) for k, v in _ATTR.findall(tok)}
            el = Element(name, attrs, m.start())
            stack[-1].items.append(el)
            if tok.endswith("/>"):
                el.end = m.end()
            else:
                stack.append(el)
                if len(stack) > MAX_DEPTH + 1:
                    raise InputError(f"XML elements nested deeper than {MAX_DEPTH} levels", where)
        else:
            stack[-1].items.append((m.start(), m.end(), False))
    return root


def decode_run(text: str, start: int, end: int, cdata: bool, out: MappedBuilder) -> None:
    """Append a text run's decoded characters with their file offsets."""
    if cdata:
        out.add(text[start:end], start)
        return
    pos = start
    for m in _REF.finditer(text, start, end):
        if m.start() > pos:
            out.add(text[pos : m.start()], pos)
        out.add(_decode_ref(m.group(1)), m.start(), m.end())
        pos = m.end()
    if pos < end:
        out.add(text[pos:end], pos)


def element_text(text: str, el: Element, skip: frozenset[str] = frozenset()) -> MappedText:
    """Text content of ``el`` (inline markup dropped, elements named in ``skip`` left out)."""
    return element_segment(text, el, skip, frozenset())[0]


def element_segment(
    text: str, el: Element, skip: frozenset[str], codes: frozenset[str], ids: tuple[str, ...] = ("id",)
) -> tuple[MappedText, tuple[InlineCode, ...]]:
    """:func:`element_text` plus the inline codes named in ``codes``, each with the decoded offset
    where it stands and its id (the first of the attributes ``ids`` it has): what the bilingual
    checks compare across a pair. A code that holds text (``<g>``) points at its start tag."""
    out = MappedBuilder()
    found: list[InlineCode] = []
    stack = [iter(el.items)]
    while stack:
        for it in stack[-1]:
            if isinstance(it, Element):
                if it.name in codes:
                    tag = _TOKEN.match(text, it.start)
                    end = it.end if it.name in skip or tag is None else tag.end()
                    uid = next((v for a in ids if (v := it.attr(a)) is not None), "")
                    found.append(InlineCode(it.name, uid, Span(it.start, end), len(out.chars)))
                if it.name not in skip:
                    stack.append(iter(it.items))
                    break
            else:
                decode_run(text, it[0], it[1], it[2], out)
        else:
            stack.pop()
    return out.build(), tuple(found)
