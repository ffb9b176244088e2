"""What a check is: rules as data plus a generator of hits over a document (or a set).

Checks never print and never know about files or formats; the engine turns their hits into
findings. Shared, expensive analysis (the glossary matches of a document) lives in
:class:`Context` so it is computed once per document whichever checks ask for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, TypeVar, cast

from tqcheck.document import Document
from tqcheck.fanout import Fanout
from tqcheck.glossary.matcher import Match, Matcher
from tqcheck.model import Hit, Rule
from tqcheck.pairing import lang_base

T = TypeVar("T")


@dataclass
class Context:
    """Options and shared per-document analysis handed to every check."""

    matcher: Matcher | None = None
    lang: str = "en"
    source_lang: str | None = "fr"
    memo: dict[tuple[str, str, int, int], Any] = field(default_factory=dict)
    #: the run's glossaries compiled for another language's documents (their concepts seen from
    #: it); without it :meth:`matcher_for` compiles ``matcher.glossary`` seen from that language
    views: Callable[[str], Matcher] | None = None
    #: where the checks over the whole set may send independent work (``--jobs``' pool); ``None``:
    #: they do it here
    fanout: Fanout | None = None
    #: matchers of the glossary's concepts seen from other languages, built when first asked
    _matchers: dict[str, Matcher | None] = field(default_factory=dict, init=False, repr=False)

    def lang_of(self, doc: Document) -> str:
        """The language ``doc`` is checked in: its own (given or detected), else the run's."""
        return doc.lang or self.lang

    def matcher_for(self, lang: str) -> Matcher | None:
        """The glossary matcher for text in ``lang``: the run's, or its concepts seen from ``lang``
        (a document detected in another language than the run's)."""
        matcher = self.matcher
        if matcher is None or lang_base(lang) == lang_base(matcher.lang):
            return matcher
        if lang not in self._matchers:
            if self.views is not None:
                self._matchers[lang] = self.views(lang_base(lang))
            else:
                self._matchers[lang] = Matcher(matcher.glossary.for_language(lang_base(lang)))
        return self._matchers[lang]

    def forget(self) -> None:
        """Drop per-document analysis (after ``--fix`` rewrote the documents)."""
        self.memo.clear()

    def release(self, name: str) -> None:
        """Drop one kind of per-document analysis every check is done with (``matches``: a
        100 MB file's are tens of MB); asked again, it is computed again."""
        for k in [k for k in self.memo if k[0] == name]:
            del self.memo[k]

    def export(self, doc: Document) -> list[tuple[str, Any]]:
        """``doc``'s per-document analysis, taken out of the memo (a worker process sends it to
        the parent, whose checks over the whole set read it again: :meth:`adopt`)."""
        mine = [k for k in self.memo if k[1] == doc.path]
        return [(k[0], self.memo.pop(k)) for k in mine]

    def adopt(self, doc: Document, analysis: list[tuple[str, Any]]) -> None:
        """Take ``doc``'s analysis computed by another process (:meth:`export`) as computed here."""
        for name, value in analysis:
            self.memo[(name, doc.path, len(doc.content), hash(doc.content))] = value

    def cached(self, name: str, doc: Document, compute: Callable[[], T]) -> T:
        """Per-document analysis shared between checks (and ``check``/``check_set``)."""
        k = (name, doc.path, len(doc.content), hash(doc.content))
        if k not in self.memo:
            self.memo[k] = compute()
        return cast(T, self.memo[k])

    def matches(self, doc: Document) -> list[Match]:
        """The glossary matches of ``doc``, with spans into the file text.

        Markup formats are matched on their decoded prose, where ``Id&#108;eb`` and
        ``Id<g id="1">le</g>b`` read ``Idleb``; each match's ``start``/``end`` are mapped back to
        the file (the whole written form, references and tags included) while ``text`` stays the
        decoded form the messages quote. A match across a break (two segments or paragraphs) is
        dropped. Whether a fix may rewrite such a span is :meth:`Document.replaceable`.
        """
        matcher = self.matcher_for(self.lang_of(doc))
        if matcher is None:
            return []

        def find() -> list[Match]:
            prose = doc.prose
            if prose is None:  # plain text: the file text is the prose
                return matcher.find(doc.content)
            found = []
            for m in matcher.find(prose.text):
                if not prose.crosses_break(m.start, m.end):
                    m.start, m.end = prose.starts[m.start], prose.ends[m.end - 1]
                    found.append(m)
            return found

        return self.cached("matches", doc, find)


class Check(Protocol):
    RULES: ClassVar[tuple[Rule, ...]]

    def check(self, doc: Document, ctx: Context) -> Iterable[Hit]: ...


class SetCheck(Protocol):
    """A check over a whole set of documents (consistency across a series)."""

    RULES: ClassVar[tuple[Rule, ...]]

    def check_set(self, docs: Sequence[Document], ctx: Context) -> Iterable[Hit]: ...
