"""A check run without the command line: inputs loaded under the settings, the context built.

The CLI and the Python API (:mod:`tqcheck.api`) share it, so both read files, refuse bad ones,
pair translations with the originals beside them, leave originals out, and build the glossary
matcher the same way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from tqcheck.checks.base import Context
from tqcheck.document import Document, blank, check_input, expand_inputs, load_stdin
from tqcheck.engine import Engine, ScoreHook
from tqcheck.errors import InputError
from tqcheck.formats import load_document, load_source
from tqcheck.glossary.compiled import compiled_matcher
from tqcheck.glossary.matcher import Matcher
from tqcheck.langid import function_word_lead, identify, written_in
from tqcheck.locale.names import language_name
from tqcheck.locale.words import known_languages
from tqcheck.model import Hit, Report, Severity
from tqcheck.pairing import Pairing, PairPattern, find_pairs, lang_base
from tqcheck.parallel import check_parallel
from tqcheck.pathfilter import PathFilter
from tqcheck.settings import RunSettings

#: Where a bad input goes when the run goes on without it (the CLI prints it and exits 2 later).
ErrorSink = Callable[[InputError], None]

SOURCE_LANGUAGE = "source-language"
#: Less text than this (characters, all files together) is checked in this process whatever
#: ``--jobs`` says: each worker loads its word lists and models on its first file (about 0.7 s of
#: CPU, what 200 KB of news take to check), so a smaller run would spend more than it saves.
PARALLEL_FROM = 400_000


@dataclass(frozen=True)
class Skipped:
    """A file the run leaves out, and why: data, so every report format can render it.

    ``reason`` is a stable code (``source-language``: an original, never checked as a
    translation nor fixed); ``lang`` the language it is written in; ``source_of`` the checked
    translation it is the original of, and ``translation`` one beside it that this run does not
    check."""

    path: str
    reason: str
    lang: str
    source_of: str | None = None
    translation: str | None = None

    @property
    def message(self) -> str:
        """``written in French, the source language (checked as the source of X)``."""
        if self.source_of is not None:
            why = f"checked as the source of {self.source_of}"
        elif self.translation is not None:
            why = f"the source of {self.translation}, not checked in this run"
        else:
            why = "no translation beside it"
        name = "English" if self.lang == "en" else language_name(self.lang)
        return f"written in {name}, the source language ({why})"


#: Where a skipped file goes (the CLI prints a note).
SkipSink = Callable[[Skipped], None]


def load_documents(
    inputs: list[str],
    settings: RunSettings,
    *,
    stdin_name: str = "-",
    input_format: str | None = None,
    encoding: str | None = None,
    on_error: ErrorSink | None = None,
    on_skip: SkipSink | None = None,
) -> list[Document]:
    """Load every input (directories walked); a bad one goes to ``on_error`` and the others go on.

    Without ``on_error`` the first bad input raises, as for a single named file. ``encoding``
    (``--encoding``) forces the inputs' encoding instead of detecting it. A file written in the
    source language goes to ``on_skip`` instead (see :func:`plan`); a translation whose original
    lies beside it (``settings.pair_pattern``) gets it as ``Document.source``.
    """
    items = _expand(inputs, settings, on_error)
    docs = _load_all(items, settings, stdin_name, input_format, encoding, on_error)
    kept, skipped = plan(docs, settings, encoding=encoding, on_error=on_error)
    for note in skipped:
        if on_skip is not None:
            on_skip(note)
    return kept


def identify_language(doc: Document, settings: RunSettings) -> None:
    """Without ``--lang``, each file is checked in the language it is written in: its function
    words, confirmed by the language model, among the languages with locale data. A file too
    short or mixed to tell, one in the source language (an original that :func:`plan` kept as
    short or mixed) and a bilingual file keep ``settings.lang``."""
    if doc.pairs or doc.lang != settings.lang:
        return
    text = doc.prose.text if doc.prose is not None else doc.content
    found = identify(text, known_languages(), lang_base(settings.lang))
    if found is not None and found != lang_base(settings.source_lang):
        doc.lang = found


def plan(
    docs: list[Document],
    settings: RunSettings,
    *,
    encoding: str | None = None,
    on_error: ErrorSink | None = None,
) -> tuple[list[Document], list[Skipped]]:
    """The loaded ``docs`` a run checks, with their originals attached, and the ones it skips.

    A file confidently written in the source language (a short or mixed file is not: it is
    checked) is an original: checking French as English gives only false findings, and
    ``--fix`` would "correct" it into English, so it is skipped even when named alone. The
    others get the original that ``settings.pair_pattern`` finds beside them (``story.fr.txt``
    for ``story.en.txt``), as ``--source`` would give it; an original that cannot be read goes
    to ``on_error`` and its translation is checked alone. Without ``--lang`` each kept file's
    language is told on the way (:func:`identify_language`).
    """
    pattern = PairPattern(settings.pair_pattern) if settings.pair_pattern else None
    pairing = find_pairs([d.path for d in docs], pattern, settings.lang, settings.source_lang)
    kept: list[Document] = []
    originals: list[Document] = []
    for doc in docs:
        if _is_original(doc, settings):
            originals.append(doc)
            continue
        kept.append(doc)
        if settings.detect_lang:  # now, while the words this file was judged on are counted
            identify_language(doc, settings)
    checked: dict[str, str] = {}
    for doc in kept:
        source = pairing.sources.get(doc.path)
        if source is None or doc.source is not None or doc.pairs:
            continue
        try:
            check_input(Path(source), settings.max_bytes)
            load_source(Path(source), doc, settings.source_lang, encoding=encoding)
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)
            continue
        checked.setdefault(_norm(source), doc.path)
    return kept, [_skipped(doc.path, settings, pattern, pairing, checked) for doc in originals]


def _is_original(doc: Document, settings: RunSettings) -> bool:
    """Written in the source language (stdin and bilingual files never count: stdin is the text
    the user asked to check, and with ``--fix`` it must come back whole)."""
    if doc.stdin or doc.pairs or lang_base(settings.lang) == lang_base(settings.source_lang):
        return False
    text = doc.prose.text if doc.prose is not None else doc.content
    if not function_word_lead(text, settings.source_lang, settings.lang):
        return False  # plainly not an original: the language model is not even loaded
    return written_in(text, (settings.lang, settings.source_lang)) == settings.source_lang


def _skipped(
    path: str, settings: RunSettings, pattern: PairPattern | None, pairing: Pairing, checked: dict[str, str]
) -> Skipped:
    source_of = checked.get(_norm(path))
    beside = None
    if source_of is None and pattern is not None:
        candidates = pattern.translations_of(path, settings.lang, settings.source_lang)
        beside = next((c for c in candidates if Path(c).is_file()), None)
    return Skipped(path, SOURCE_LANGUAGE, settings.source_lang, source_of=source_of, translation=beside)


def _norm(path: str) -> str:
    return os.path.normpath(path)


def _load_all(
    items: list[str],
    settings: RunSettings,
    stdin_name: str,
    input_format: str | None,
    encoding: str | None,
    on_error: ErrorSink | None,
) -> list[Document]:
    docs = []
    for item in items:
        try:
            if item == "-":
                doc = load_stdin(settings.lang, stdin_name, settings.max_bytes, encoding=encoding)
            else:
                check_input(Path(item), settings.max_bytes)
                doc = load_document(
                    Path(item),
                    input_format,
                    settings.lang,
                    encoding=encoding,
                    source_lang=settings.source_lang,
                )
            if blank(doc.text):
                raise InputError("empty file", doc.path)
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)
            continue
        docs.append(doc)
    return docs


def _expand(inputs: list[str], settings: RunSettings, on_error: ErrorSink | None) -> list[str]:
    """Files as given and directories walked; a directory with nothing to check is one error."""
    out: list[str] = []
    for raw in inputs:
        try:
            out += expand_inputs([raw], settings.extensions, PathFilter(settings.exclude, settings.root))
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)
    return out


def build_context(settings: RunSettings) -> Context:
    """The shared analysis of a run: the glossaries compiled into one matcher for the run's
    language (files in other languages get the concepts seen from theirs), the languages.

    Compiled glossaries come from the user cache when it holds them (:mod:`tqcheck.glossary.compiled`).
    """
    paths = tuple(settings.glossaries)
    lang = lang_base(settings.lang)
    matcher = compiled_matcher(paths, settings.source_lang, lang)
    views = partial(compiled_view, paths, settings.source_lang, lang)
    return Context(matcher=matcher, lang=settings.lang, source_lang=settings.source_lang, views=views)


def compiled_view(paths: tuple[Path, ...], source_lang: str | None, lang: str, view: str) -> Matcher:
    """The run's glossaries (read for ``lang``) seen from ``view``, compiled (a picklable callable
    for :attr:`Context.views`)."""
    return compiled_matcher(paths, source_lang, lang, view)


def fails(report: Report, fail_on: str) -> bool:
    """Whether a finding reaches the ``--fail-on`` severity (``never``: nothing fails)."""
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in report.findings)


def usable_jobs(
    settings: RunSettings, docs: Sequence[Document], *, fix: bool = False, score: bool = False
) -> int:
    """The processes a run of ``docs`` uses: ``settings.jobs``, or one.

    One where a pool cannot pay or cannot be exact: one file, or less text than
    :data:`PARALLEL_FROM` (a one-article check never waits for a pool);
    ``--fix``, which rewrites each file under a lock and checks it again in the process that
    holds the report; ``--score``, whose neural model would be loaded once per worker (its
    memory times the cores, while torch already spreads one model's work over them); stdin, a
    single stream.
    """
    if fix or score or len(docs) < 2 or any(d.stdin for d in docs):
        return 1
    if sum(len(d.text) for d in docs) < PARALLEL_FROM:
        return 1
    return max(1, min(settings.jobs, len(docs)))


def worker_engine(settings: RunSettings, score_hook: ScoreHook | None = None) -> Engine:
    """A worker process's engine: its own context, the compiled glossaries read from the cache
    (and a Ray actor's scorer, with ``--score``)."""
    return Engine(build_context(settings), settings.engine, score_hook)


def check_documents(
    engine: Engine,
    docs: Sequence[Document],
    settings: RunSettings,
    jobs: int,
    on_file: Callable[[int, list[Hit]], None] | None = None,
) -> Report:
    """``engine.run(docs)``, on ``jobs`` processes when more than one (:mod:`tqcheck.parallel`):
    the same report byte for byte; ``on_file`` hears of each file once checked."""
    if jobs <= 1:
        return engine.run(docs, on_file)
    return check_parallel(engine, docs, jobs, partial(worker_engine, settings), on_file)
