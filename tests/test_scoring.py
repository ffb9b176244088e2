"""The neural back-translation scorer, end to end on tiny Marian models trained in the session.

Model tests skip only when torch/transformers are not importable; alignment, language codes,
piece offsets, offline behaviour and lazy imports are tested everywhere.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tqcheck.bilingual.align import align
from tqcheck.document import Document
from tqcheck.errors import InputError
from tqcheck.scoring import models
from tqcheck.scoring.api import ScoreOptions, score_document
from tqcheck.scoring.forced import ForcedResult, length_batches, low_runs, piece_offsets

from .conftest import ROOT
from .neural_model import parallel_pairs

PAIRS = parallel_pairs()
WRONG = 2  # in the test article, sentence 3 is replaced by an unrelated sentence


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def hf_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Hugging Face cache, offline (the hub is never contacted by tests)."""
    hub = tmp_path / "hf" / "hub"
    hub.mkdir(parents=True)
    monkeypatch.setenv("HF_HUB_CACHE", str(hub))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return hub


def article() -> tuple[Document, Document]:
    """A French source of 8 sentences and an English translation with one wrong sentence and
    sentence 6 left out (two paragraphs each, so segmentation and line numbers matter)."""
    src = [fr for fr, _ in PAIRS[:8]]
    tgt = [en for _, en in PAIRS[:8]]
    tgt[WRONG] = PAIRS[30][1]
    del tgt[5]
    source = " ".join(src[:4]) + "\n\n" + " ".join(src[4:]) + "\n"
    target = " ".join(tgt[:4]) + "\n\n" + " ".join(tgt[4:]) + "\n"
    return Document("article.en.txt", target, lang="en"), Document("article.fr.txt", source, lang="fr")


def options(models_: dict[str, Path], **kw: Any) -> ScoreOptions:
    base = ScoreOptions(
        model=str(models_["en-fr"]),
        source_model=str(models_["fr-en"]),
        src_lang="fr",
        tgt_lang="en",
        threshold=-1.0,  # tiny memorising models: faithful pairs score near -0.1 bits/token
        span_threshold=-6.0,
        progress=False,
    )
    return replace(base, **kw)


# --- scoring end to end --------------------------------------------------------------------------


@pytest.mark.slow
def test_scores_flag_the_wrong_sentence_and_the_omission(
    tiny_models: dict[str, Path], cache_dir: Path
) -> None:
    target, source = article()
    result = score_document(target, source, options(tiny_models))
    expected = [en for _, en in PAIRS[:8]]
    expected[WRONG] = PAIRS[30][1]
    del expected[5]
    assert [s.text for s in result.scores] == expected
    for s in result.scores:
        assert target.text[s.start : s.end] == s.text
        m = dict(s.metrics)
        assert set(m) == {"back_logprob", "fwd_logprob", "adequacy", "bt_chrf"}
        assert m["adequacy"] == pytest.approx((m["back_logprob"] + m["fwd_logprob"]) / 2, abs=1e-5)
    # memorised pairs back-translate to their source and score high; the wrong one does not
    good = [s for s in result.scores if s.text != PAIRS[30][1]]
    assert all(s.back_translation == s.source for s in good)
    assert all(dict(s.metrics)["adequacy"] > -0.5 for s in good)
    assert all(dict(s.metrics)["bt_chrf"] == pytest.approx(100.0) for s in good)
    wrong = result.scores[WRONG]
    assert wrong.source == PAIRS[WRONG][0]
    assert dict(wrong.metrics)["adequacy"] < -1.0

    by_rule: dict[str, list[Any]] = {}
    for h in result.hits:
        by_rule.setdefault(h.rule.code, []).append(h)
    assert [(h.span.start, h.span.end) for h in by_rule["TQ901"]] == [(wrong.start, wrong.end)]
    assert wrong.back_translation in by_rule["TQ901"][0].message
    # TQ903 spans are whole words inside the wrong sentence
    assert by_rule["TQ903"]
    for h in by_rule["TQ903"]:
        assert wrong.start <= h.span.start < h.span.end <= wrong.end
        word = target.text[h.span.start : h.span.end]
        assert word.strip() == word and word.replace("-", "").isalnum()
    # the left-out sentence 6 is a zero-width TQ902 after sentence 5's translation, naming the source line
    (omission,) = by_rule["TQ902"]
    fifth = result.scores[4]
    assert omission.span.start == omission.span.end == fifth.end
    assert "source sentence 6 (article.fr.txt:3)" in omission.message and PAIRS[5][0] in omission.message
    s = result.summary
    assert s["segments"] == 7 and s["scored_segments"] == 7 and s["unaligned_source"] == 1
    assert s["below_threshold"] == 1 and s["coverage"] == 1.0
    lengths = [len(x.text) for x in result.scores]
    adequacy = [dict(x.metrics)["adequacy"] for x in result.scores]
    expected = sum(a * n for a, n in zip(adequacy, lengths, strict=True)) / sum(lengths)
    assert s["adequacy"] == pytest.approx(expected, abs=1e-5)


@pytest.mark.slow
def test_deterministic_and_signature(tiny_models: dict[str, Path], cache_dir: Path) -> None:
    target, source = article()
    a = score_document(target, source, options(tiny_models, use_cache=False))
    b = score_document(target, source, options(tiny_models, use_cache=False))
    assert a == b
    sig = a.signature
    assert "mode:bilingual|pair:fr-en|back:opus-mt-en-fr@sha256-" in sig
    assert "fwd:opus-mt-fr-en@sha256-" in sig
    for part in (
        "method:forced-log2+bt-chrF++",
        "decode:greedy",
        "dtype:float32",
        "chrF2++:nrefs:1",
        "nc:6|nw:2",
    ):
        assert part in sig
    assert sig.endswith("|tqcheck:" + __import__("tqcheck").__version__)
    beam = score_document(target, source, options(tiny_models, use_cache=False, beam=3))
    assert "decode:beam3" in beam.signature


def test_cache_hit_runs_no_model(tiny_models: dict[str, Path], cache_dir: Path) -> None:
    target, source = article()
    first = score_document(target, source, options(tiny_models))
    assert (cache_dir / "scores.sqlite3").is_file()
    models.unload_all()
    models.STATS.clear()
    second = score_document(target, source, options(tiny_models))
    assert second == first
    assert models.STATS["loads"] == 0
    assert models.STATS["forward_batches"] == 0 and models.STATS["generate_batches"] == 0
    # a changed sentence runs the models again, for that sentence only
    changed = Document(target.path, target.text.replace("school", "college"), lang="en")
    score_document(changed, source, options(tiny_models))
    assert models.STATS["loads"] >= 1


@pytest.mark.slow
def test_no_cache_writes_nothing(tiny_models: dict[str, Path], cache_dir: Path) -> None:
    target, source = article()
    score_document(target, source, options(tiny_models, use_cache=False))
    assert not cache_dir.exists()


def test_round_trip_without_source_is_low_confidence(tiny_models: dict[str, Path], cache_dir: Path) -> None:
    target, _ = article()
    opts = options(tiny_models, source_model=None, pivot_model=str(tiny_models["fr-en"]))
    result = score_document(target, None, opts)
    assert "mode:roundtrip|conf:low|pair:en-fr-en" in result.signature
    assert len(result.scores) == 7
    for s in result.scores:
        assert set(dict(s.metrics)) == {"rt_logprob", "adequacy", "rt_chrf"}
        assert s.source is None and s.back_translation
    assert result.scores[0].back_translation == PAIRS[0][0]  # the pivot an editor can read
    for h in result.hits:
        if h.rule.code == "TQ901":
            assert h.severity is not None and h.severity.value == "info"
            assert "low confidence" in h.message


# --- forced decoding: batching, padding, order, dedupe -----------------------------------------


@pytest.fixture
def loaded_back(tiny_models: dict[str, Path]) -> models.LoadedModel:
    ref = models.resolve(str(tiny_models["en-fr"]))
    return models.load(ref, "cpu", "float32")


def test_batched_equals_one_by_one_and_order_is_kept(loaded_back: models.LoadedModel) -> None:
    from tqcheck.scoring.forced import forced_decode

    pairs = [(en, fr) for fr, en in PAIRS[:12]]
    pairs[3] = (
        PAIRS[3][1],
        "Une phrase beaucoup plus longue que les autres, pour forcer beaucoup de remplissage.",
    )
    batched = forced_decode(loaded_back, pairs, "en", "fr", batch_tokens=4096)
    single = [forced_decode(loaded_back, [p], "en", "fr", batch_tokens=4096)[0] for p in pairs]
    for b, s in zip(batched, single, strict=True):
        assert b.tokens == s.tokens and b.offsets == s.offsets
        assert b.logprobs == pytest.approx(s.logprobs, rel=1e-6, abs=1e-5)  # padding changes fp32 sums
    tiny_batches = forced_decode(loaded_back, pairs, "en", "fr", batch_tokens=1)
    for t, b in zip(tiny_batches, batched, strict=True):
        assert t.logprobs == pytest.approx(b.logprobs, rel=1e-6, abs=1e-5)


def test_padding_is_masked(loaded_back: models.LoadedModel) -> None:
    """A short pair batched with a long one (lots of pad in inputs and labels) scores the same."""
    from tqcheck.scoring import forced

    short = ("Five children are among the victims.", "Cinq enfants figurent parmi les victimes.")
    long = (PAIRS[11][1] + " " + PAIRS[8][1], PAIRS[11][0] + " " + PAIRS[8][0])
    inputs = forced.encode_inputs(loaded_back, [short[0], long[0]], "en", "fr")
    labels, _ = forced.encode_targets(loaded_back, [short[1], long[1]], "en", "fr")
    assert len(labels[0]) < len(labels[1]) and len(inputs[0]) < len(inputs[1])
    together = forced._forward(loaded_back, inputs, labels)
    alone = forced._forward(loaded_back, inputs[:1], labels[:1])
    assert len(together[0]) == len(labels[0])  # no score for any pad position
    assert together[0] == pytest.approx(alone[0], rel=1e-6, abs=1e-5)
    assert labels[0][-1] == loaded_back.eos_token_id  # EOS is scored, pad never is
    assert loaded_back.decoder_start_token_id == loaded_back.pad_token_id  # Marian starts from pad


def test_duplicates_are_scored_once(loaded_back: models.LoadedModel, monkeypatch: pytest.MonkeyPatch) -> None:
    from tqcheck.scoring import forced

    rows: list[int] = []
    real = forced._forward

    def counting(lm: Any, inputs: Any, labels: Any) -> Any:
        rows.append(len(inputs))
        return real(lm, inputs, labels)

    monkeypatch.setattr(forced, "_forward", counting)
    pair = (PAIRS[0][1], PAIRS[0][0])
    other = (PAIRS[1][1], PAIRS[1][0])
    out = forced.forced_decode(loaded_back, [pair, other, pair, pair], "en", "fr")
    assert sum(rows) == 2
    assert out[0] == out[2] == out[3] and out[0] != out[1]


def test_generation_dedupes_and_keeps_order(loaded_back: models.LoadedModel) -> None:
    from tqcheck.scoring.generate import translate

    texts = [PAIRS[i][1] for i in (4, 0, 4, 9, 0)]
    before = models.STATS["generate_batches"]
    out = translate(loaded_back, texts, "en", "fr", batch_tokens=4096)
    assert out == [PAIRS[i][0] for i in (4, 0, 4, 9, 0)]
    assert models.STATS["generate_batches"] - before == 1
    assert translate(loaded_back, texts, "en", "fr", beam=2, batch_tokens=8) == out


def test_token_offsets_point_into_the_text(loaded_back: models.LoadedModel) -> None:
    from tqcheck.scoring import forced

    text = "Cinq enfants figurent parmi les victimes."
    _, offsets = forced.encode_targets(loaded_back, [text], "en", "fr")
    spans = [(s, e) for s, e in offsets[0] if s >= 0]
    assert "".join(text[s:e] for s, e in spans) == text.replace(" ", "")
    assert offsets[0][-1] == (-1, -1)  # EOS


# --- pure functions: offsets, runs, batching, alignment, language codes ------------------------


def test_piece_offsets_handle_normalisation_and_unknown_tokens() -> None:
    text = "Le ﬁlm «Idleb» coûte 5 €."
    tokens = ["▁Le", "▁film", "▁«", "<unk>", "»", "▁co", "ûte", "▁5", "▁", "€", ".", "</s>"]
    offs = piece_offsets(text, tokens, {"</s>"}, "<unk>")
    assert text[offs[1][0] : offs[1][1]] == "ﬁlm"  # NFKC: the ligature is two letters of the piece
    assert text[offs[3][0] : offs[3][1]] == "Idleb"  # <unk> takes the gap up to the next piece
    assert text[offs[6][0] : offs[6][1]] == "ûte"
    assert offs[8] == (-1, -1) and offs[-1] == (-1, -1)
    assert text[offs[9][0] : offs[9][1]] == "€"


def test_low_runs_merge_adjacent_tokens_and_skip_eos() -> None:
    r = ForcedResult((-1.0, -9.0, -10.0, -0.5, -12.0, -20.0), ("a", "b", "c", "d", "e", "</s>"),
                     ((0, 1), (2, 4), (4, 6), (7, 8), (9, 11), (-1, -1)))  # fmt: skip
    assert low_runs(r, -8.0) == [(2, 6, -10.0), (9, 11, -12.0)]


def test_length_batches_respect_budget_and_cover_everything() -> None:
    lengths = [5, 30, 7, 30, 12, 1]
    batches = length_batches(lengths, budget=60)
    assert sorted(i for b in batches for i in b) == list(range(6))
    for b in batches:
        assert len(b) == 1 or len(b) * max(lengths[i] for i in b) <= 60
    assert batches[0] == [1, 3]  # longest first


def test_align_one_to_two_and_two_to_one_by_length() -> None:
    beads = align([40, 80, 30], [42, 35, 40, 31])
    assert [(b.source, b.target) for b in beads] == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]
    beads = align([42, 35, 40, 31], [40, 80, 30])
    assert [(b.source, b.target) for b in beads] == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]


def test_align_similarity_decides_where_length_cannot() -> None:
    """Equal lengths everywhere: only the similarity can see that source 1 was dropped."""
    src, tgt = [50, 50, 50, 50], [50, 50, 50]
    same = {(0, 0), (2, 1), (3, 2)}

    def sim(s: tuple[int, ...], t: tuple[int, ...]) -> float:
        return 1.0 if len(s) == len(t) == 1 and (s[0], t[0]) in same else 0.0

    beads = align(src, tgt, similarity=sim)
    assert [(b.source, b.target) for b in beads] == [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]
    without = align(src, tgt)
    assert [(b.source, b.target) for b in without] != [(b.source, b.target) for b in beads]


def test_align_band_matches_full_search() -> None:
    import random

    rnd = random.Random(7)
    src = [rnd.randint(20, 160) for _ in range(40)]
    tgt = [int(x * 1.1) + rnd.randint(-8, 8) for x in src]
    tgt[10:12] = [tgt[10] + tgt[11]]  # a 2-1 merge
    del tgt[25]  # an omission
    assert align(src, tgt) == align(src, tgt, band=10**6)


def test_language_code_maps() -> None:
    assert models.nllb_code("fr") == "fra_Latn" and models.nllb_code("en") == "eng_Latn"
    assert models.nllb_code("zh") == "zho_Hans" and models.nllb_code("ar") == "arb_Arab"
    assert models.nllb_code("pt-BR") == "por_Latn" and models.nllb_code("deu_Latn") == "deu_Latn"
    assert models.m2m_code("fr") == "fr" and models.m2m_code("nb") == "no" and models.m2m_code("iw") == "he"
    with pytest.raises(InputError):
        models.nllb_code("tlh")
    with pytest.raises(InputError):
        models.m2m_code("tlh")
    assert models.default_model("en", "fr") == "Helsinki-NLP/opus-mt-en-fr"


def test_plan_device() -> None:
    assert models.plan_device("cpu") == ("cpu", "float32")
    assert models.plan_device("cuda:1") == ("cuda:1", "float16")
    with pytest.raises(InputError):
        models.plan_device("tpu")


# --- models: resolve, list, pull, offline, optional dependencies -------------------------------


def _fake_hub_copy(hub: Path, model_dir: Path, name: str, commit: str) -> Path:
    repo = hub / ("models--" + name.replace("/", "--"))
    snap = repo / "snapshots" / commit
    shutil.copytree(model_dir, snap)
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit)
    return snap


def test_hub_id_resolves_from_cache_offline_and_is_listed(
    tiny_models: dict[str, Path], hf_home: Path
) -> None:
    commit = "0123456789abcdef0123456789abcdef01234567"
    snap = _fake_hub_copy(hf_home, tiny_models["en-fr"], "Helsinki-NLP/opus-mt-en-fr", commit)
    ref = models.resolve("Helsinki-NLP/opus-mt-en-fr")
    assert ref.path == snap and ref.revision == commit and not ref.local
    assert ref.label == "Helsinki-NLP/opus-mt-en-fr@0123456789ab"
    listed = {m.name: m for m in models.list_models([tiny_models["fr-en"].parent])}
    hub = listed["Helsinki-NLP/opus-mt-en-fr"]
    assert hub.usable and hub.model_type == "marian" and hub.size > 10_000
    assert listed[str(tiny_models["fr-en"])].usable
    result = CliRunner().invoke(_app(), ["models", "list", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["models"][0]["name"] == "Helsinki-NLP/opus-mt-en-fr"


def test_pickle_only_model_is_refused(tiny_models: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "pickled"
    shutil.copytree(tiny_models["en-fr"], folder)
    (folder / "model.safetensors").rename(folder / "pytorch_model.bin")
    with pytest.raises(InputError, match="safetensors only"):
        models.resolve(str(folder))


def _app() -> Any:
    from tqcheck.cli import app

    return app


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every network connection this process attempts, each refused at once (tests are offline)."""
    attempts: list[object] = []

    def refuse(address: object, *args: object, **kwargs: object) -> Any:
        attempts.append(address)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: refuse(address))
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, address: refuse(address))
    return attempts


def test_missing_model_is_one_line_exit_2_without_network_or_loading(
    hf_home: Path, tmp_path: Path, cache_dir: Path, connections: list[object]
) -> None:
    target, source = tmp_path / "t.txt", tmp_path / "s.txt"
    target.write_text(PAIRS[0][1] + "\n")
    source.write_text(PAIRS[0][0] + "\n")
    loads = models.STATS["loads"]
    result = CliRunner().invoke(
        _app(), ["score", str(target), "--source", str(source), "--source-lang", "fr", "--lang", "en"]
    )
    # nothing to wait for: the hub is never contacted and no model is loaded before the answer
    assert connections == [] and models.STATS["loads"] == loads
    if not models.neural_available():
        assert result.exit_code == 2 and "tqcheck[neural]" in result.stderr
        return
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "Helsinki-NLP/opus-mt-en-fr is not downloaded" in lines[0]
    assert "tqcheck models pull Helsinki-NLP/opus-mt-en-fr" in lines[0]


def test_pull_offline_fails_without_a_connection(hf_home: Path, connections: list[object]) -> None:
    result = CliRunner().invoke(_app(), ["models", "pull", "Helsinki-NLP/opus-mt-en-fr"])
    assert connections == []
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "offline" in line and "HF_HUB_OFFLINE" in line


def test_pull_from_an_unreachable_hub_tries_one_bounded_connect(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Online but the hub's host cannot be reached: one connect with a timeout, then one line."""
    pytest.importorskip("huggingface_hub")
    for var in (
        "HF_HUB_OFFLINE",
        "TRANSFORMERS_OFFLINE",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setenv("HF_ENDPOINT", "https://hub.invalid")
    calls: list[tuple[object, object]] = []

    def unreachable(address: object, timeout: object = None, *args: object, **kwargs: object) -> Any:
        calls.append((address, timeout))
        raise TimeoutError("timed out")

    monkeypatch.setattr(socket, "create_connection", unreachable)
    with pytest.raises(
        InputError, match=r"^cannot reach https://hub\.invalid to download models \(timed out\)$"
    ):
        models.pull("Helsinki-NLP/opus-mt-en-fr")
    assert calls == [(("hub.invalid", 443), 5.0)]


def test_missing_folder_and_bad_options(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        models.resolve(str(tmp_path / "nope" / "model"))
    with pytest.raises(InputError, match="beam"):
        ScoreOptions(beam=0).validate()


def test_without_torch_score_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda n, *a: None if n == "torch" else real(n, *a))
    target, source = article()
    with pytest.raises(InputError, match=r"pip install 'tqcheck\[neural\]'"):
        score_document(target, source, ScoreOptions(src_lang="fr", tgt_lang="en"))


def test_importing_cli_and_scoring_api_does_not_import_torch() -> None:
    code = (
        "import sys, tqcheck.cli, tqcheck.cli.score, tqcheck.scoring, tqcheck.scoring.api, "
        "tqcheck.scoring.cache, tqcheck.scoring.findings, tqcheck.scoring.calibration;"
        "bad = [m for m in ('torch', 'transformers', 'ctranslate2') if m in sys.modules]; assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# --- the CLI ---------------------------------------------------------------------------------------


@pytest.fixture
def article_files(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    target, source = article()
    t, s = tmp_path / "article.en.txt", tmp_path / "article.fr.txt"
    t.write_text(target.text, encoding="utf-8")
    s.write_text(source.text, encoding="utf-8")
    yield t, s


def test_cli_score_json_and_text(
    tiny_models: dict[str, Path], article_files: tuple[Path, Path], cache_dir: Path, tmp_path: Path
) -> None:
    t, s = article_files
    common = ["score", str(t), "--source", str(s), "--model", str(tiny_models["en-fr"])]
    common += ["--source-model", str(tiny_models["fr-en"]), "--threshold", "-1", "--threads", "2"]
    out_file = tmp_path / "out.json"
    result = CliRunner().invoke(_app(), [*common, "--format", "json", "--output", str(out_file)])
    assert result.exit_code == 0, result.output
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert set(data) >= {"tool", "scores", "summary", "signature", "findings"}
    assert data["tool"]["name"] == "tqcheck"
    text = t.read_text(encoding="utf-8")
    assert [sc["segment"] for sc in data["scores"]] == sorted(sc["segment"] for sc in data["scores"])
    for sc in data["scores"]:
        assert text[sc["start"] : sc["end"]] == sc["text"]
        assert set(sc) >= {"segment", "start", "end", "text", "source", "back_translation", "metrics"}
    assert [f["rule"] for f in data["findings"] if f["rule"] == "TQ901"] == ["TQ901"]
    assert data["summary"]["scores"][str(t)]["unaligned_source"] == 1
    result = CliRunner().invoke(_app(), [*common, "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "signature: mode:bilingual" in result.stdout
    assert PAIRS[0][0] in result.stdout  # the back-translation an editor reads
    assert "TQ901" in result.stdout and "TQ902" in result.stdout


def test_check_score_reports_tq9_findings(
    tiny_models: dict[str, Path], article_files: tuple[Path, Path], cache_dir: Path
) -> None:
    """``tqcheck check --score`` adds the scores and the scorer's findings to the normal report."""
    t, s = article_files
    args = ["check", str(t), "--source", str(s), "--score", "--model", str(tiny_models["en-fr"])]
    result = CliRunner().invoke(_app(), [*args, "--select", "TQ9", "-f", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["scores"]) == 7 and "mode:bilingual" in data["signature"]
    assert {f["rule"] for f in data["findings"]} >= {"TQ902"}
    assert data["summary"]["scores"][str(t)]["segments"] == 7
    text = t.read_text(encoding="utf-8")
    for f in data["findings"]:
        assert text[f["start"] : f["end"]] == f["text"]
    sarif = CliRunner().invoke(_app(), [*args, "--select", "TQ9", "-f", "sarif", "--fail-on", "never"])
    assert sarif.exit_code == 0 and '"ruleId": "TQ902"' in sarif.stdout


#: ``python -m tqcheck`` with every connection attempt logged (to $TQCHECK_TEST_CONNECTIONS) and refused.
NO_NETWORK_MAIN = """
import os, runpy, socket

def refuse(address, *args, **kwargs):
    with open(os.environ["TQCHECK_TEST_CONNECTIONS"], "a") as log:
        log.write(repr(address) + "\\n")
    raise OSError("network access in a test")

socket.create_connection = refuse
socket.socket.connect = lambda self, address: refuse(address)
socket.socket.connect_ex = lambda self, address: refuse(address)
runpy.run_module("tqcheck", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("env", [{"HF_HUB_OFFLINE": "1"}])
def test_score_subprocess_offline_exit_2(env: dict[str, str], tmp_path: Path) -> None:
    """The real entry point: missing model, offline, no traceback, one line, exit 2, no connection."""
    t = tmp_path / "t.txt"
    t.write_text(PAIRS[0][1] + "\n")
    log = tmp_path / "connections.log"
    full_env = {
        **os.environ,
        **env,
        "HF_HUB_CACHE": str(tmp_path / "hub"),
        "TQCHECK_CACHE_DIR": str(tmp_path / "c"),
        "TQCHECK_TEST_CONNECTIONS": str(log),
    }
    proc = subprocess.run(
        [sys.executable, "-c", NO_NETWORK_MAIN, "score", str(t), "--source-lang", "fr", "--lang", "en"],
        capture_output=True, text=True, env=full_env, cwd=ROOT, check=False,
    )  # fmt: skip
    assert not log.exists(), log.read_text()
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_group_offsets_map_back_to_the_document() -> None:
    """A 1-2 bead joins two sentences from different paragraphs; spans map back exactly."""
    from tqcheck.scoring.scorer import Unit
    from tqcheck.segment import sentences

    text = "Air strikes killed twelve civilians.\n\nFive children are among the victims.\n"
    segs = sentences(text, "en")
    unit = Unit(0, tuple(segs), "source", "back")
    assert unit.joined == "Air strikes killed twelve civilians. Five children are among the victims."
    k = unit.joined.index("children")
    span = unit.to_document(k, k + len("children"))
    assert text[span.start : span.end] == "children"
    assert (unit.span.start, unit.span.end) == (0, len(text) - 1)


def test_alignment_similarity_is_chrf_like() -> None:
    from tqcheck.scoring.scorer import NgramSimilarity

    sim = NgramSimilarity(["the army said", "rain fell"], ["the army said", "zzz qqq"])
    assert sim((0,), (0,)) == pytest.approx(1.0)
    assert sim((1,), (1,)) == 0.0
    assert 0.0 < sim((0,), (0, 1)) < 1.0
