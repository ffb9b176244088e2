"""Proper-name mentions in English news text, with exact spans.

A mention is a run of capitalised words joined by single spaces, with the particles of Arabic,
Persian, Russian/Ukrainian and French names (``al-``, assimilated ``ash-``/``ad-``, ``bin``, ``de``
...). Titles (``President``, ``Foreign Minister``) and dates are split off, and a common English
word is skipped where it is capitalised only because it starts a sentence: what is left is the
part of the text that a transliteration can spell two ways.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tqcheck.gcpause import gc_paused
from tqcheck.glossary.model import MAX_FORM_CHARS
from tqcheck.model import Span
from tqcheck.names.translit import ARTICLES
from tqcheck.tokens import APOSTROPHES, HYPHENS, LETTER

#: A run of more words than this is not one name but a title-case headline, a list, or hostile
#: input (``Abu Abu Abu ...``); the longest real names in news stay well below it (``Muhammad bin
#: Salman bin Abdulaziz Al Saud``: 7). Such a run is dropped whole, so every later pass (blocking
#: keys, comparisons, clustering) sees at most this many words per mention.
MAX_NAME_TOKENS = 10
#: Nor is a run longer than this many characters a name (the glossaries' limit on a form).
MAX_NAME_CHARS = MAX_FORM_CHARS
#: A longer word is not a name word (the longest place names run to ~60 letters): it ends the
#: mention, which also bounds the per-word letter comparisons of the similarity rules.
MAX_WORD_CHARS = 64

#: Lower-case words that may stand between two name words (``Osama bin Laden``, ``Charles de Gaulle``).
CONNECTORS = frozenset(
    [
        "bin",
        "ben",
        "ibn",
        "bint",
        "de",
        "du",
        "des",
        "da",
        "di",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "la",
        "le",
        "al",
        "el",
    ]
)
#: Articles that may stand alone before a name word (``Al Qaeda``); the short assimilated forms only
#: when hyphenated, because ``as``, ``at`` and ``an`` are English words.
LOOSE_ARTICLES = frozenset({"al", "el"})

_HYPHENS = HYPHENS
#: Apostrophes, and the ayn and hamza marks of transliterated Arabic (``ʿAbd``); the marks are
#: letters to the regex engine, so a :data:`~tqcheck.tokens.NAME_WORD` already holds them.
_QUOTES = APOSTROPHES + "ʼʿ"
#: Only words that can be part of a name (:data:`~tqcheck.tokens.NAME_WORD`s): not starting with
#: an ASCII lower-case letter, unless a connector (``bin``) or hyphenated/apostrophised
#: (``al-Assad``, ``ex-Al``). Ordinary lower-case words are skipped by the regex engine; the gap
#: they leave ends a mention anyway.
_CANDIDATE = re.compile(
    r"(?<![^\W_])(?:(?![a-z])|(?=(?:" + "|".join(sorted(CONNECTORS)) + r")\b)"
    rf"|(?=[a-z]+[{_HYPHENS}{_QUOTES}]))"
    # a name word (:data:`~tqcheck.tokens.NAME_WORD`), where an ayn mark may follow a hyphen: al-'Ali
    rf"{LETTER}+(?:[{_HYPHENS}][{APOSTROPHES}]?{LETTER}+|[{APOSTROPHES}]{LETTER}+)*"
)
#: What may stand between two words of one name: a space, or a space and an ayn/hamza mark (``Shaykh 'Abd``).
_JOINERS = frozenset({" ", "\u00a0", " '", " ʿ", " ʾ", "\u00a0'"})
_POSSESSIVE = ("'s", "’s", "ʼs")
_OPENERS = " \t\u00a0“\"‘'«([–—-•*"
_SENTENCE_END = ".!?:;|…\n"


@dataclass(frozen=True, slots=True)
class NameToken:
    """One word of a name: ``al-Cham`` has article ``al`` and core ``Cham``."""

    span: Span
    text: str
    article: str | None
    core: str

    def __reduce__(self) -> tuple[type[NameToken], tuple[Span, str, str | None, str]]:
        # pickled as its fields: a worker sends thousands to the parent (``--jobs``), and the
        # generated state of a frozen slotted class takes half as long again each way
        return NameToken, (self.span, self.text, self.article, self.core)


@dataclass(frozen=True, slots=True)
class Mention:
    """A candidate proper name as written, with its words."""

    span: Span
    text: str
    tokens: tuple[NameToken, ...]

    @property
    def cores(self) -> tuple[str, ...]:
        return tuple(t.core for t in self.tokens)

    def __reduce__(self) -> tuple[type[Mention], tuple[Span, str, tuple[NameToken, ...]]]:
        return Mention, (self.span, self.text, self.tokens)  # as NameToken's


@cache
def wordlist(kind: str, lang: str = "en") -> frozenset[str]:
    """A shipped word list (``stopwords``, ``titles``) for ``lang``; empty when none ships."""
    res = resources.files("tqcheck").joinpath("data", f"{kind}-{lang}.txt")
    try:
        text = res.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return frozenset()
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        if text[i] in "–—-" and text[i - 1 : i] == " ":
            return True  # a dash set off by spaces starts the text after a dateline: "Sanaa (AFP) - The"
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


_CONTRACTION = re.compile(r"['’](?:t|m|re|ll|ve|d)$", re.IGNORECASE)


def _is_name_core(core: str) -> bool:
    """Capitalised, not all capitals (acronyms), not a contraction (``Can't``, ``I'm``)."""
    if not (2 <= len(core) <= MAX_WORD_CHARS and core[0].isupper()):
        return False
    rest = core[1:]
    if not (rest.islower() or any(c.islower() for c in rest)):  # the first test settles most words
        return False
    return not (("'" in core or "’" in core) and _CONTRACTION.search(core))


@dataclass(slots=True)
class _Piece:
    """A word split into name tokens, or a connector/article between name tokens."""

    start: int
    end: int
    tokens: list[NameToken]
    pending_article: tuple[int, str] | None  # a trailing article (``ex-Al``) waiting for the next word
    connector: str | None
    breaks_after: bool  # the word was cut (``Idlib-based``): nothing may follow it in the mention


def _split_word(text: str, start: int, end: int) -> _Piece | None:
    """Name tokens of one word (``Al-Tamanah``, ``al-Cham``, ``ex-Al``, ``Assad's``)."""
    if end - start > MAX_NAME_CHARS:
        return None  # ``Al-Al-Al-...``: a word longer than any name never splits into its parts
    word = text[start:end]
    if word.isalpha():  # the common case, one plain word: what the general path below gives it
        if word.islower() and word in CONNECTORS:
            return _Piece(start, end, [], None, word, False)
        if _is_name_core(word):
            return _Piece(start, end, [NameToken(Span(start, end), word, None, word)], None, None, False)
        return _Piece(start, end, [], (start, word), None, False) if word in ("Al", "El") else None
    if word.endswith(_POSSESSIVE):
        end -= 2
        word = word[:-2]
    if word.lower() in CONNECTORS and word.islower():
        return _Piece(start, end, [], None, word, False)
    parts: list[tuple[int, int]] = []
    pos = start
    for chunk in re.split(f"([{_HYPHENS}])", word):
        if chunk and chunk not in _HYPHENS:
            parts.append((pos, pos + len(chunk)))
        pos += len(chunk)
    tokens: list[NameToken] = []
    article: tuple[int, str] | None = None
    seen_name = False
    cut = False
    for ps, pe in parts:
        marked = False
        while ps < pe and text[ps] in _QUOTES:
            ps += 1  # al-'Adil: the ayn mark before a name is not part of the capitalised word
            marked = True
        part = text[ps:pe]
        low = part.lower()
        if low in ARTICLES and (part.islower() or part[0].isupper()) and len(parts) > 1:
            article = (ps, part)
            continue
        # al-'ali: scholarly romanisations write the word after an article and an ayn in lower case
        ayn_word = marked and article is not None and part.isalpha() and part.islower() and len(part) > 1
        if _is_name_core(part) or ayn_word:
            s = article[0] if article else ps
            tokens.append(NameToken(Span(s, pe), text[s:pe], article[1] if article else None, part))
            article = None
            seen_name = True
            continue
        if seen_name:
            cut = True  # Idlib-based: keep Idlib, stop the mention here
            break
        article = None  # ex-, pro-, anti-: a prefix, not part of the name
    if not tokens and article is None:
        if len(parts) == 1 and word in ("Al", "El"):
            return _Piece(start, end, [], (start, word), None, False)
        return None
    return _Piece(start, end, tokens, article if not tokens or article else None, None, cut)


#: Lower-case parts after a hyphen that are words of their own: English compound words and
#: suffixes (``Obama-era``, ``Hamas-run``, ``Merkel-ish``) and the particles of French place
#: names (``Ile-de-France``, ``Neuilly-sur-Seine``). Participles (``-based``, ``-led``) are told
#: by their ending.
NOT_SYLLABLES = frozenset(
    [
        *("era", "run", "born", "bred", "made", "held", "wide", "like", "type", "free", "rich"),
        *("bound", "style", "only", "size", "zone", "area", "land", "lite", "proof", "class"),
        *("ish", "esque", "ism", "ist", "ists", "ite", "ites", "gate", "mania", "wise", "ward"),
        *("de", "la", "le", "les", "du", "des", "sur", "sous", "en", "et", "au", "aux"),
    ]
)
#: Longest lower-case part read as a syllable of a given name (``Ki-moon``, ``Shui-bian``).
SYLLABLE_MAX = 6
_GIVEN_TAIL = re.compile(f"[{_HYPHENS}]([a-z]{{1,{SYLLABLE_MAX}}})(?:['’]s)?")


def _given_name(text: str, tokens: list[NameToken], end: int, under_way: bool) -> list[NameToken]:
    """``Ban Ki-moon``, ``Kim Jong-un``, ``Tsai Ing-wen``: in a name already under way, a word whose
    hyphen is followed by a short lower-case syllable (the given name of Korean and Chinese names)
    keeps it; the splitter alone ends the word there, as it must for ``Idlib-based``."""
    if not under_way or len(tokens) != 1:
        return tokens
    last = tokens[0]
    m = _GIVEN_TAIL.fullmatch(text, last.span.end, end)
    if m is None or m.group(1) in NOT_SYLLABLES or m.group(1).endswith(("ed", "ing")):
        return tokens
    stop = m.end(1)
    return [
        NameToken(
            Span(last.span.start, stop),
            text[last.span.start : stop],
            last.article,
            f"{last.core}-{m.group(1)}",
        )
    ]


def extract_mentions(text: str, lang: str = "en") -> list[Mention]:
    """Every candidate name mention in ``text``, in order, with exact spans.

    Runs of more than :data:`MAX_NAME_TOKENS` words or :data:`MAX_NAME_CHARS` characters are not
    names and are dropped whole; while one is being read nothing more is collected, so memory
    and time stay linear in the text whatever it holds.
    """
    with gc_paused():
        return _extract(text, lang)


def _extract(text: str, lang: str) -> list[Mention]:
    stop = wordlist("stopwords", lang)
    titles = wordlist("titles", lang)
    out: list[Mention] = []
    current: list[NameToken] = []
    held: list[tuple[int, str, bool]] = []  # connectors/articles seen since the last name token
    last_end = -1
    overflow = False  # the run in progress is too long to be a name: drop it when it ends

    def flush() -> None:
        nonlocal overflow
        if not (current or held or overflow):
            return  # nothing pending: the common case between mentions
        if current and not overflow:
            s, e = current[0].span.start, current[-1].span.end
            out.append(Mention(Span(s, e), text[s:e], tuple(current)))
        current.clear()
        held.clear()
        overflow = False

    def drop_run() -> None:
        """The run is too long to be a name: keep reading it, but hold none of its words."""
        nonlocal overflow
        overflow = True
        current.clear()
        held.clear()

    def grow(tokens: list[NameToken]) -> None:
        if overflow:
            return
        first = current[0].span.start if current else tokens[0].span.start
        if len(current) + len(tokens) > MAX_NAME_TOKENS or tokens[-1].span.end - first > MAX_NAME_CHARS:
            drop_run()
        else:
            current.extend(tokens)

    for m in _CANDIDATE.finditer(text):
        start, end = m.start(), m.end()
        word = m.group()
        if word.islower() and word not in CONNECTORS and not any(h in word for h in _HYPHENS):
            flush()  # the common case: an ordinary lower-case word ends any mention
            last_end = -1
            continue
        joined = last_end >= 0 and text[last_end:start] in _JOINERS
        if not joined:
            flush()
        piece = _split_word(text, start, end)
        if piece is None:
            flush()
            last_end = -1
            continue
        if piece.connector is not None or (piece.pending_article and not piece.tokens):
            at, word = piece.pending_article or (piece.start, piece.connector or "")
            is_article = word.lower() in LOOSE_ARTICLES
            if not current and not overflow and not is_article:
                last_end = -1
                continue
            if len(held) >= MAX_NAME_TOKENS:
                drop_run()  # ``Ahmed al al al ...``
            elif not overflow:
                held.append((at, word, is_article))
            last_end = piece.end
            continue
        tokens = piece.tokens
        lead = tokens[0].core.lower() if tokens else ""
        if lead in titles or (lead in stop and _sentence_initial(text, tokens[0].span.start)):
            flush()
            tokens = tokens[1:]
            if not tokens:
                last_end = piece.end
                continue
        if len(tokens) != 1 or tokens[0].core.lower() in titles:
            tokens = [t for t in tokens if t.core.lower() not in titles]
        if not tokens:
            flush()
            last_end = -1
            continue
        tokens = _given_name(text, tokens, end, bool(current) and not held and not overflow)
        if held:
            # ``Al Qaeda``: a loose article right before the word belongs to it; ``bin`` becomes a token
            joining: list[NameToken] = []
            for hs, word, _ in held[:-1]:
                if current:
                    joining.append(NameToken(Span(hs, hs + len(word)), word, None, word))
            hs, word, is_article = held[-1]
            first_tok = tokens[0]
            if is_article and first_tok.article is None:
                span = Span(hs, first_tok.span.end)
                tokens[0] = NameToken(span, text[span.start : span.end], word, first_tok.core)
            elif current:
                joining.append(NameToken(Span(hs, hs + len(word)), word, None, word))
            held.clear()
            tokens = joining + tokens
        grow(tokens)
        last_end = piece.end
        if piece.breaks_after:
            flush()
            last_end = -1
    flush()
    return out
