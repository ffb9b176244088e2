"""The CTranslate2 backend against the transformers one, on the tiny models (skipped without ctranslate2)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from tqcheck.errors import InputError
from tqcheck.scoring import models
from tqcheck.scoring.api import score_document
from tqcheck.scoring.forced import forced_decode
from tqcheck.scoring.generate import translate

from .conftest import invoke
from .test_scoring import PAIRS, WRONG, article, options


@pytest.fixture
def ct2() -> ModuleType:
    pytest.importorskip("ctranslate2")
    from tqcheck.scoring import ct2

    return ct2


def test_ct2_scores_and_translates_like_transformers(
    ct2: ModuleType, tiny_models: dict[str, Path], tmp_path: Path
) -> None:
    ref = models.resolve(str(tiny_models["en-fr"]))
    lm = models.load(ref)
    pairs = [(en, fr) for fr, en in PAIRS] + [(PAIRS[0][1], PAIRS[30][0]), (PAIRS[1][1], PAIRS[2][0])]
    expected = forced_decode(lm, pairs, "en", "fr", batch_tokens=256)
    # float32: the same model, token for token (the converter keeps <pad> as the decoder's start)
    exact = ct2.load(ref, tmp_path, "cpu", "float32", threads=2)
    assert exact.backend == "ct2"
    got = ct2.forced_decode(exact, pairs, "en", "fr", batch_tokens=256)
    for e, g in zip(expected, got, strict=True):
        assert g.tokens == e.tokens and g.offsets == e.offsets
        assert g.logprobs == pytest.approx(e.logprobs, abs=1e-3)
    # int8 (what the CPU runs): sentence means stay close (0.035 bits/token at most, measured)
    quick = ct2.load(ref, tmp_path, "cpu", "int8", threads=2)
    got = ct2.forced_decode(quick, pairs, "en", "fr", batch_tokens=256)
    assert max(abs(e.mean - g.mean) for e, g in zip(expected, got, strict=True)) < 0.1
    # greedy back-translations: the same text, batch for batch
    texts = [p[0] for p in pairs]
    assert ct2.translate(exact, texts, "en", "fr", 1, 256) == translate(lm, texts, "en", "fr", 1, 256)
    assert ct2.translate(quick, texts[:8], "en", "fr", 1, 256) == [fr for fr, _ in PAIRS[:8]]


def test_ct2_backend_end_to_end_converts_once(
    ct2: ModuleType, tiny_models: dict[str, Path], cache_dir: Path
) -> None:
    target, source = article()
    slow = score_document(target, source, options(tiny_models))
    fast = score_document(target, source, options(tiny_models, backend="ct2", device="cpu"))
    assert "|backend:transformers|dtype:float32|" in slow.signature
    assert "|backend:ct2|dtype:int8|" in fast.signature
    assert [h.rule.code for h in fast.hits if h.rule.code != "TQ903"] == [
        h.rule.code for h in slow.hits if h.rule.code != "TQ903"
    ]
    assert [(s.start, s.end, s.back_translation) for s in fast.scores] == [
        (s.start, s.end, s.back_translation) for s in slow.scores
    ]
    for f, s in zip(fast.scores, slow.scores, strict=True):
        if s.metrics:
            assert dict(f.metrics)["adequacy"] == pytest.approx(dict(s.metrics)["adequacy"], abs=0.1)
    (wrong,) = [h for h in fast.hits if h.rule.code == "TQ901"]
    assert (wrong.span.start, wrong.span.end) == (fast.scores[WRONG].start, fast.scores[WRONG].end)
    converted = sorted((cache_dir / "ct2").iterdir())
    assert [p.name.split("-")[:3] for p in converted] == [["opus", "mt", "en"], ["opus", "mt", "fr"]]
    assert all(p.name.endswith("-int8") and (p / "model.bin").is_file() for p in converted)
    stamps = [(p / "model.bin").stat().st_mtime_ns for p in converted]
    # a second run: every output from the cache, no model loaded
    ct2.unload_all()
    models.STATS.clear()
    assert score_document(target, source, options(tiny_models, backend="ct2", device="cpu")) == fast
    assert models.STATS["loads"] == 0
    # a changed sentence runs the converted models again, without converting them again
    changed = type(target)(target.path, target.text.replace("school", "college"), lang="en")
    score_document(changed, source, options(tiny_models, backend="ct2", device="cpu"))
    assert models.STATS["loads"] >= 1 and models.STATS["forward_batches"] >= 1
    assert [(p / "model.bin").stat().st_mtime_ns for p in converted] == stamps


def test_score_cli_backend_option(
    ct2: ModuleType, tiny_models: dict[str, Path], cache_dir: Path, tmp_path: Path
) -> None:
    target, source = article()
    t, s = tmp_path / "a.en.txt", tmp_path / "a.fr.txt"
    t.write_text(target.text, encoding="utf-8")
    s.write_text(source.text, encoding="utf-8")
    args = ["score", str(t), "--source", str(s), "--model", str(tiny_models["en-fr"]), "--device", "cpu"]
    code, out, err = invoke(*args, "--backend", "ct2", "--threads", "2")
    assert code == 0, err
    assert "|backend:ct2|dtype:int8|" in out and PAIRS[0][0] in out
    check = ["check", str(t), "--source", str(s), "--score", "--model", str(tiny_models["en-fr"])]
    code, out, err = invoke(*check, "--backend", "ct2", "--select", "TQ9", "-f", "json", "--fail-on", "never")
    assert code == 0, err
    assert "|backend:ct2|" in json.loads(out)["signature"]
    code, _, err = invoke(*args, "--backend", "onnx")
    assert code == 2 and err == "tqcheck: error: unknown backend 'onnx' (use transformers or ct2)\n"


def test_ct2_backend_without_ctranslate2_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda n, *a: None if n == "ctranslate2" else real(n, *a)
    )
    from tqcheck.scoring import ct2

    with pytest.raises(InputError, match=r"--backend ct2 needs ctranslate2: pip install 'tqcheck\[neural\]'"):
        ct2.require()
