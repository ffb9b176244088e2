"""Scale (issue 16): the fast paths give exactly what the plain definitions give.

Speed itself is measured by ``benchmarks/scaling.py`` and ``benchmarks/glossary_throughput.py``;
here each shortcut (an anchored alignment band, one C scan for cognates, offsets found without a
regular expression per sentence) is compared with the straightforward computation it replaces.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest

from tqcheck.bilingual import alignment, anchors
from tqcheck.bilingual.align import _BEADS, Bead, _length_cost, _rows, align, anchored_rows
from tqcheck.bilingual.anchors import _chain
from tqcheck.bilingual.coverage import bag, content, covered
from tqcheck.bilingual.lexical import (
    COGNATE_MIN,
    COGNATE_SIM,
    NAME_SIM,
    Lexical,
    close,
    cognates,
    shared_weights,
    similar,
)
from tqcheck.bilingual.sentences import sides
from tqcheck.checks.base import Context
from tqcheck.document import Document
from tqcheck.segment import _located, _segmenter, blocks

DATA = Path(__file__).parent / "data" / "tiny_parallel.tsv"


def parallel() -> list[tuple[str, str]]:
    rows = [line.split("\t") for line in DATA.read_text(encoding="utf-8").splitlines() if "\t" in line]
    return [(fr.strip(), en.strip()) for fr, en in rows]


def long_document(repeats: int, drop_every: int) -> Document:
    """The parallel sentences again and again in paragraphs of two or three, every
    ``drop_every``-th translated sentence left out: a long document whose sides drift apart."""
    rng = random.Random(7)
    pairs = parallel() * repeats
    src: list[str] = []
    tgt: list[str] = []
    n = 0
    while n < len(pairs):
        size = rng.randint(2, 3)
        chunk = pairs[n : n + size]
        src.append(" ".join(f for f, _ in chunk))
        tgt.append(" ".join(e for k, (_, e) in enumerate(chunk) if (n + k + 1) % drop_every))
        n += size
    doc = Document("long.en.txt", "\n".join(tgt) + "\n", lang="en")
    doc.source = Document("long.fr.txt", "\n".join(src) + "\n", lang="fr")
    return doc


def plain_shared(a: Lexical, b: Lexical) -> tuple[float, float]:
    """The word part of :func:`shared_weights` as defined: every word against every word."""
    got_a = 0.0
    hit_b: set[str] = set()
    for w, (name, cognate, forms) in a.words.items():
        found = False
        for v, (vname, vcognate, vforms) in b.words.items():
            if w == v or (
                ((cognate and vcognate) or (name and vname))
                and any(cognates(x, y, name and vname) for x in forms for y in vforms)
            ):
                found = True
                hit_b.add(v)
        if found:
            got_a += a.weights[w]
    return got_a, sum(b.weights[v] for v in hit_b)


def test_shared_weights_are_the_word_by_word_definition() -> None:
    doc = long_document(1, drop_every=1000)
    ((src, tgt),) = sides(doc, Context())
    strip = Lexical({}, {}, frozenset())
    for s in src:
        for t in tgt:
            assert s.lex is not None and t.lex is not None
            # numbers and marks are added the same way by both: compare the words alone
            words_s = Lexical(s.lex.words, {}, frozenset(), s.lex.weights)
            words_t = Lexical(t.lex.words, {}, frozenset(), t.lex.weights)
            assert shared_weights(words_s, words_t) == plain_shared(words_s, words_t)
    assert shared_weights(strip, strip) == (0.0, 0.0)


def test_cognate_bar_is_inclusive_as_in_the_definition() -> None:
    """Jaro-Winkler of turquie/turkish is exactly the names' bar (0.8): a C scan rounding it
    below would lose the pair."""
    a = Lexical({"turquie": (True, True, ("turquie",))}, {}, frozenset(), {"turquie": 1.0})
    b = Lexical({"turkish": (True, True, ("turkish",))}, {}, frozenset(), {"turkish": 2.0})
    assert shared_weights(a, b) == plain_shared(a, b) == (1.0, 2.0)


def test_covered_is_the_word_by_word_definition() -> None:
    pairs = parallel()
    functions = frozenset({"le", "la", "de", "the", "of"})
    for (fr, _), (_, en) in zip(pairs, pairs[3:] + pairs[:3], strict=True):
        other = bag(content(en, functions, everything=True))
        for tok in content(fr, functions):
            expected = (
                tok.stem in other.figures
                if tok.figure
                else tok.stem in other.stems
                or (
                    (tok.name or len(tok.folded) >= COGNATE_MIN)
                    and any(
                        (tok.name or len(w) >= COGNATE_MIN) and cognates(tok.folded, w, tok.name and name)
                        for w, name in other.folded
                    )
                )
            )
            assert covered(tok, other, {}) == expected, tok


def test_anchored_alignment_is_the_diagonal_alignment_on_a_long_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = long_document(8, drop_every=23)
    ((src, tgt),) = sides(doc, Context())
    assert len(src) + len(tgt) >= anchors.ANCHORED_FROM
    found = anchors.anchors(src, tgt)
    assert found == sorted(found) and len(found) > len(src) // 4
    assert all(b[0] > a[0] and b[1] > a[1] for a, b in pairwise(found))
    fast = alignment.align_sides(src, tgt)
    monkeypatch.setattr(alignment, "anchors", lambda s, t: [])
    assert alignment.align_sides(src, tgt) == fast


def test_anchored_band_is_narrow_where_anchors_are_dense() -> None:
    rows = anchored_rows(1000, 960, [(i, i - i // 25) for i in range(10, 1000, 10)], slack=5)
    assert max(hi - lo for lo, hi in rows) <= 2 * (5 + 1) + 1
    # and the search finds a path through it
    beads = align([50] * 1000, [50] * 960, anchors=[(i, i - i // 25) for i in range(10, 1000, 10)])
    assert beads and sum(len(b.source) for b in beads) == 1000 and sum(len(b.target) for b in beads) == 960


def test_chain_keeps_the_longest_increasing_run() -> None:
    pairs = [(0, 0), (1, 5), (2, 1), (3, 2), (3, 3), (4, 0), (5, 4)]
    assert _chain(pairs) == [(0, 0), (2, 1), (3, 2), (5, 4)]  # one of the longest, smallest ends first
    assert _chain([]) == []


def test_sentence_offsets_are_pysbds_own() -> None:
    """Offsets found with ``str.find`` are those pysbd's char_span mode finds with a regular
    expression per sentence (repeated sentences, trailing spaces, a sentence it rewrote)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path("fixtures").rglob("*.txt"))]
    texts += [" ".join(en for _, en in parallel()), "Yes. Yes.  Yes. No. Yes.", "A b.  C d. \u00a0E f."]
    for lang, text in [("en", t) for t in texts] + [("fr", " ".join(fr for fr, _ in parallel()))]:
        seg = _segmenter(lang)
        for b in blocks(text):
            chunk = text[b.start : b.end]
            expected = [(p.sent, p.start) for p in seg.segment(chunk)]
            assert _located(chunk, seg.processor(chunk).process()) == expected


def test_matching_piece_by_piece_is_matching_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut after any white space and read on by the longest key, the pieces give the whole
    text's matches: news with one paragraph per line has no two white-space characters in a row
    (a 100 MB file used to be folded whole), and a name may wrap over a cut."""
    from tqcheck.glossary import default_glossary_paths, load_glossaries
    from tqcheck.glossary.matcher import Matcher, _pieces

    matcher = Matcher(load_glossaries(default_glossary_paths(), "fr", "en"))
    seed = Path("fixtures/afp-idleb-2018-01-11.en.txt").read_text(encoding="utf-8")
    text = seed + "\r\n\r\nIdleb\n\nOSDH  Hayat Tahrir al-Cham\t\tIdleb's " + seed.replace("\n", "\r\n")
    text += " Hayat\nTahrir al-Cham, Hayat Tahrir\nal-Sham and the\nSyrian Observatory for Human\nRights."
    whole = [(m.start, m.end, m.text, m.key) for m in matcher.find(text)]
    assert len(whole) > 40
    for size in (1, 7, 50, 333):
        assert len(_pieces(text, size)) > 10
        monkeypatch.setattr("tqcheck.glossary.matcher.PIECE", size)
        assert [(m.start, m.end, m.text, m.key) for m in matcher.find(text)] == whole
    assert _pieces("a b", 1) == [(0, 2), (2, 3)] and _pieces("a  b  c", 1) == [(0, 2), (2, 5), (5, 7)]
    assert _pieces("ab", 1) == [(0, 2)]  # no white space: one piece


def test_the_glossary_matches_are_let_go_before_the_report_is_built() -> None:
    """A 100 MB file's matches are tens of MB: the engine drops them once every check (set
    checks too) is done, and a second run on the same context finds the same again."""
    from tqcheck.document import Document
    from tqcheck.glossary import default_glossary_paths

    from .conftest import glossary_context, rows, run_checks

    seed = Path("fixtures/afp-idleb-2018-01-11.en.txt").read_text(encoding="utf-8")
    docs = [Document("a.txt", seed), Document("b.txt", seed.replace("Idlib", "Idleb"))]
    ctx = glossary_context(default_glossary_paths(), lang="en", source_lang="fr")
    first = rows(run_checks(docs, ["TQ1", "TQ2", "TQ3"], ctx))
    assert len(first) > 20
    assert not [k for k in ctx.memo if k[0] == "matches"]
    assert [k for k in ctx.memo if k[0] == "mentions"]  # the rest of the analysis stays
    assert rows(run_checks(docs, ["TQ1", "TQ2", "TQ3"], ctx)) == first


def plain_align(
    ls: list[int], lt: list[int], similarity: Callable[[tuple[int, ...], tuple[int, ...]], float], width: int
) -> list[Bead]:
    """:func:`align` as first written: each cell pushes every bead to its successors, every
    similarity asked, the first of two equal costs kept."""
    n, m = len(ls), len(lt)
    ratio = sum(lt) / sum(ls)
    rows = _rows(n, m, width)
    cost = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int, float]] = {}
    for i in range(n + 1):
        for j in range(rows[i][0], rows[i][1] + 1):
            if (i, j) not in cost:
                continue
            for di, dj, prior in _BEADS:
                ni, nj = i + di, j + dj
                if ni > n or nj > m or not rows[ni][0] <= nj <= rows[ni][1]:
                    continue
                a, b = sum(ls[i:ni]), sum(lt[j:nj])
                c = prior
                if di and dj:
                    c += _length_cost(a, b, ratio)
                    c += 6.0 * (1.0 - similarity(tuple(range(i, ni)), tuple(range(j, nj))))
                else:
                    c += 1.0 + (a + b) / 200.0
                if cost[i, j] + c < cost.get((ni, nj), float("inf")):
                    cost[ni, nj] = cost[i, j] + c
                    back[ni, nj] = (i, j, c)
    beads, i, j = [], n, m
    while i or j:
        pi, pj, c = back[i, j]
        beads.append(Bead(tuple(range(pi, i)), tuple(range(pj, j)), c))
        i, j = pi, pj
    return beads[::-1]


@pytest.mark.parametrize("seed", range(40))
def test_alignment_asks_fewer_similarities_and_finds_the_same_beads(seed: int) -> None:
    """Judging each cell's likeliest bead first and skipping the similarity of a bead that
    cannot win changes nothing: not the beads, not the costs, not which of two equal costs is
    kept (similarities from a few values and equal lengths make ties common)."""
    rng = random.Random(seed)
    n, m = rng.randint(1, 30), rng.randint(1, 30)
    ls = [rng.choice((40, 60, 80)) for _ in range(n)]
    lt = [rng.choice((40, 60, 80)) for _ in range(m)]
    sim: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}
    for i in range(n):
        for j in range(m):
            for si, ti in (((i,), (j,)), ((i,), (j, j + 1)), ((i, i + 1), (j,))):
                sim[si, ti] = rng.choice((0.0, 0.5, 1.0))
    asked = []

    def similarity(si: tuple[int, ...], ti: tuple[int, ...]) -> float:
        asked.append((si, ti))
        return sim[si, ti]

    width = rng.randint(abs(n - m) + 1, abs(n - m) + 8)
    fast = align(ls, lt, similarity, band=width)
    few = len(asked)
    assert fast == plain_align(ls, lt, similarity, width)
    assert few <= len(asked) - few


def test_close_is_some_similar_word() -> None:
    """:func:`close` answers yes or no from the scan's best word, as :func:`similar` would,
    the bar included (turquie/turkish are exactly 0.8 apart)."""
    words = sorted({tok.folded for fr, en in parallel() for tok in content(fr + " " + en, frozenset())})
    assert close("turquie", ("turkish",), NAME_SIM)
    assert not close("turquie", (), NAME_SIM)
    for least in (NAME_SIM, COGNATE_SIM):
        for k, word in enumerate(words):
            choices = tuple(words[k + 1 : k + 40])
            assert close(word, choices, least) == bool(similar(word, choices, least)), word


def _texts_in_every_script() -> list[str]:
    """The fixtures (French, German, Spanish, English news; markup) and names folded across
    scripts, wrapped over lines and run together, so that keys end at the same character."""
    texts = [
        p.read_text(encoding="utf-8") for p in sorted(Path("fixtures").rglob("*.*")) if p.suffix != ".md"
    ]
    texts.append(
        "Mevlüt Çavuşoğlu’s al‑Sham — İstanbul, Straße; Hayat\nTahrir al-Cham (HTS), OSDH/OCHA, "
        "Москва и Дамаск, دمشق, 北京, Idleb-Idlib Idlebs ÉTAT ISLAMIQUE l'État islamique \ud800 Idleb"
    )
    return texts


@pytest.mark.parametrize(("source_lang", "lang"), [("fr", "en"), (None, "fr"), ("en", "de"), ("en", "es")])
def test_hyperscan_gives_the_automatons_hits_and_matches(
    source_lang: str | None, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hyperscan reads UTF-8 bytes where the automaton reads characters: on every fixture, both
    report the same hits in the same order (by end, longest first), the matcher keeps the same
    matches, piece by piece too, and a stored Hyperscan matcher loads to the same."""
    pytest.importorskip("hyperscan")
    from tqcheck.glossary import default_glossary_paths, load_glossaries, scanner
    from tqcheck.glossary.matcher import Matcher

    glossary = load_glossaries(default_glossary_paths(), source_lang, lang)
    automaton = Matcher(glossary, engine="automaton")
    fast = Matcher(glossary)  # the default where Hyperscan is installed
    assert (automaton._scanner.kind, fast._scanner.kind) == ("automaton", "hyperscan")
    loaded = Matcher.loads(fast.dumps())
    assert isinstance(loaded._scanner, scanner.HyperscanScanner)

    def matches(m: Matcher, text: str) -> list[tuple[int, int, str, str, int]]:
        return [(x.start, x.end, x.text, x.key, x.number) for x in m.find(text)]

    total = 0
    for text in _texts_in_every_script():
        hits = list(automaton._scanner.scan(text))
        assert list(fast._scanner.scan(text)) == hits
        total += len(hits)
        assert matches(fast, text) == matches(loaded, text) == matches(automaton, text)
    assert total > 200
    monkeypatch.setattr("tqcheck.glossary.matcher.PIECE", 40)
    text = "\n".join(_texts_in_every_script())
    assert matches(fast, text) == matches(automaton, text)


def test_without_hyperscan_the_automaton_serves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where Hyperscan is missing, matchers are built with the automaton, a stored Hyperscan
    matcher is refused (so the cache compiles afresh), and forcing Hyperscan says why it fails."""
    from tqcheck.glossary import default_glossary_paths, load_glossaries, scanner
    from tqcheck.glossary.matcher import Matcher

    glossary = load_glossaries(default_glossary_paths(), "fr", "en")
    stored = Matcher(glossary).dumps()
    monkeypatch.setattr(scanner, "hyperscan", None)
    plain = Matcher(glossary)
    assert plain._scanner.kind == "automaton"
    assert scanner.engine().startswith("pyahocorasick")
    assert [m.text for m in plain.find("Idleb, OSDH")] == ["Idleb", "OSDH"]
    if b"hyperscan" in stored:
        with pytest.raises(ValueError, match="no hyperscan scanner here"):
            Matcher.loads(stored)
    with pytest.raises(ImportError, match="hyperscan is not installed"):
        Matcher(glossary, engine="hyperscan")


def test_a_glossary_past_hyperscans_cap_keeps_the_automaton(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hyperscan's compile time grows faster than the key count: past the cap a glossary is
    scanned by the automaton (same matches), unless Hyperscan is asked for by name."""
    pytest.importorskip("hyperscan")
    from tqcheck.glossary import default_glossary_paths, load_glossaries, scanner
    from tqcheck.glossary.matcher import Matcher

    glossary = load_glossaries(default_glossary_paths(), "fr", "en")
    under = Matcher(glossary)
    monkeypatch.setattr(scanner, "HYPERSCAN_MAX_KEYS", len(under) - 1)
    over = Matcher(glossary)
    assert (under._scanner.kind, over._scanner.kind) == ("hyperscan", "automaton")
    assert Matcher(glossary, engine="hyperscan")._scanner.kind == "hyperscan"
    text = Path("fixtures/afp-idleb-2018-01-11.en.txt").read_text(encoding="utf-8")
    assert [(m.start, m.text) for m in over.find(text)] == [(m.start, m.text) for m in under.find(text)]


def test_a_hyperscan_matcher_pickles_and_scans_on_several_threads_at_once() -> None:
    """Hyperscan's database does not pickle and its scratch space serves one scan at a time: a
    matcher still pickles (as its compiled state), and threads scanning together each get their
    own scratch (a shared one raised ScratchInUseError)."""
    pytest.importorskip("hyperscan")
    import pickle
    import threading

    from tqcheck.glossary import default_glossary_paths, load_glossaries
    from tqcheck.glossary.matcher import Matcher

    matcher = Matcher(load_glossaries(default_glossary_paths(), "fr", "en"))
    text = Path("fixtures/afp-idleb-2018-01-11.en.txt").read_text(encoding="utf-8") * 100
    want = [(m.start, m.end, m.key) for m in matcher.find(text)]
    copy = pickle.loads(pickle.dumps(matcher))
    assert copy._scanner.kind == "hyperscan"
    assert [(m.start, m.end, m.key) for m in copy.find(text)] == want
    results: list[bool] = []

    def scan() -> None:
        results.extend([(m.start, m.end, m.key) for m in matcher.find(text)] == want for _ in range(4))

    threads = [threading.Thread(target=scan) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 16
