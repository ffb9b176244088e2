"""Sentence segmentation that keeps exact character offsets into the original text.

Lines are blocks (news copy puts one paragraph per line); each block is split into sentences
by pysbd, a maintained rule-based splitter with per-language rules, and every sentence keeps
its ``Span`` so findings and scores point at the right characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tqcheck.model import Span

_BLOCK = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence (or short block) of a document."""

    index: int
    span: Span
    text: str
    block: int  # index of the line/paragraph it belongs to


@lru_cache(maxsize=16)
def _segmenter(lang: str) -> Any:
    import pysbd

    code = lang if lang in pysbd.languages.LANGUAGE_CODES else "en"
    return pysbd.Segmenter(language=code, clean=False, char_span=True)


def blocks(text: str) -> list[Span]:
    """Non-blank lines, with surrounding whitespace trimmed off the span."""
    out = []
    for m in _BLOCK.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Span(s, e))
    return out


def sentences(text: str, lang: str = "en") -> list[Segment]:
    """Split ``text`` into sentences with exact offsets (language-specific rules)."""
    seg = _segmenter(lang)
    out: list[Segment] = []
    for b, block in enumerate(blocks(text)):
        chunk = text[block.start : block.end]
        for sent, start in _quotes_apart(_located(chunk, seg.processor(chunk).process())):
            end = start + len(sent)
            while start < end and chunk[start].isspace():
                start += 1
            while end > start and chunk[end - 1].isspace():
                end -= 1
            if end > start:
                span = Span(block.start + start, block.start + end)
                if out and out[-1].block == b and _continues(text, out[-1].span, span):
                    span = Span(out.pop().span.start, span.end)
                out.append(Segment(len(out), span, text[span.start : span.end], b))
    return out


def _continues(text: str, before: Span, span: Span) -> bool:
    """A split no sentence boundary makes: the next part starts in lower case (``Lubos G. un
    demi million``, ``Arch. Design. a l'obligation``) or with no space after the mark (``l?urgence``,
    a '?' standing for an apostrophe)."""
    head = text[span.start : span.start + 2]
    brand = len(head) == 2 and head[1].isupper()  # iPhone, eBay start sentences in lower case
    return (head[0].islower() and not brand) or before.end == span.start


#: where a sentence ends at a quotation mark and pysbd goes on: a quotation closed after final
#: punctuation and another opened (``that." "My``, ``pas". "Ma``); one closed after a full stop
#: and a capital (``reste. » Il``); a lower-case word's final punctuation and a quotation opened
#: (``he recalls. "We``, kept in one sentence where an earlier quotation mark is unbalanced).
#: Left together, a translation's quoted sentences never aligned one to one.
_QUOTE_BREAK = re.compile(
    r"[.!?…](?:[\"”]|\s?»)\s+(?=[\"“«])"
    r"|\.(?:[\"”]|\s?»)\s+(?=[^\W\d_])"
    r"|(?P<word>[^\W\d_]{3})[.!?…]\s+(?=[\"“«])"
)


def _quotes_apart(found: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Each sentence cut again at :data:`_QUOTE_BREAK` where the next part opens with a capital."""
    out: list[tuple[str, int]] = []
    for sent, start in found:
        cut = 0
        for m in _QUOTE_BREAK.finditer(sent):
            word = m.group("word")
            if word is not None and not word.islower():
                continue  # "Gen. \"Stormin\" Norman", "U.S. \"Freedom\"": an abbreviation, perhaps
            head = sent[m.end() :].lstrip('"“« \u00a0\u202f')
            if head[:1].isupper():
                out.append((sent[cut : m.end()], start + cut))
                cut = m.end()
        out.append((sent[cut:], start + cut))
    return out


def _located(chunk: str, found: list[str]) -> list[tuple[str, int]]:
    """pysbd's sentences of ``chunk`` with their offsets and trailing whitespace, as its
    ``char_span`` mode finds them (each sentence's first occurrence, whitespace after it
    included, that ends past the previous one; one never found is left out), without compiling
    a regular expression per sentence: that was most of the time on a long document."""
    out: list[tuple[str, int]] = []
    prior = 0
    for sent in found:
        k = 0
        while (p := chunk.find(sent, k)) >= 0:
            e = p + len(sent)
            while e < len(chunk) and chunk[e].isspace():
                e += 1
            if e > prior:
                out.append((chunk[p:e], p))
                prior = e
                break
            k = e if e > p else p + 1
    return out
