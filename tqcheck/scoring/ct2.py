"""The CTranslate2 backend: the same forced decoding and generation, several times faster on CPU.

A Marian model is converted once, with CTranslate2's own converter, into the tqcheck cache
(``ct2/<model>-<revision>-<quantization>``: int8 for CPU, float16 for CUDA) and reused from
there; converting needs torch, running does not. Scores come from ``score_batch`` (natural-log
probabilities of every target token and the end of sentence, converted here to bits) and
translations from ``translate_batch``, so both backends give the same numbers in the same
units, token for token, and the scorer caches and signs them the same way.

The converter is told to keep Marian's ``<pad>`` token and to start the decoder from its
embedding, as transformers does. Its stock Marian loader drops ``<pad>`` and starts from a zero
vector instead, which is the same thing only when the pad embedding is exactly zero (models
converted from Marian C++, such as opus-mt); a model trained with transformers and tied
embeddings learns a non-zero pad row through its output layer, and would score differently.
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import os
import shutil
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tqcheck.errors import InputError
from tqcheck.scoring.forced import (
    MAX_TOKENS,
    ForcedResult,
    Progress,
    encode_inputs,
    encode_targets,
    length_batches,
)
from tqcheck.scoring.generate import max_output_tokens
from tqcheck.scoring.models import NEURAL_HINT, STATS, LoadedModel, ModelRef, require_neural

LN2 = math.log(2.0)
#: Quantization (and compute type) per device: int8 on CPU, float16 on CUDA.
QUANTIZATION = {"cpu": "int8", "cuda": "float16"}

_LOADED: dict[tuple[str, str, str, int], LoadedModel] = {}
#: Model folders whose generation config forces an end-of-sentence token at the length limit.
_FORCED_EOS: set[str] = set()
_CONVERT_LOCK = threading.Lock()


def available() -> bool:
    """Whether ctranslate2 is importable (checked without importing it)."""
    return importlib.util.find_spec("ctranslate2") is not None


def require() -> None:
    if not available():
        raise InputError(f"--backend ct2 needs ctranslate2: {NEURAL_HINT}")


def plan(device: str) -> tuple[str, str]:
    """(device, quantization) for a ``--device`` value; ``auto`` is CUDA when CTranslate2 sees a GPU."""
    d = device.strip().lower()
    if d == "auto":
        import ctranslate2

        d = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    if d != "cpu" and not d.startswith("cuda"):
        raise InputError(f"unknown device {device!r} (use auto, cpu, cuda or cuda:N)")
    return d, QUANTIZATION["cpu" if d == "cpu" else "cuda"]


def converted_path(ref: ModelRef, root: Path, quantization: str) -> Path:
    """Where the converted model lives: one folder per model revision and quantization."""
    digest = hashlib.sha256(ref.cache_id.encode("utf-8")).hexdigest()[:16]
    return root / "ct2" / f"{ref.path.name}-{digest}-{quantization}"


def _exact_marian_loader() -> Any:
    """CTranslate2's Marian loader, keeping ``<pad>`` and starting the decoder from it (see above)."""
    from ctranslate2.converters import transformers as ct2t

    class ExactMarianLoader(ct2t.MarianMTLoader):  # type: ignore[misc]
        def get_model_spec(self, model: Any) -> Any:
            model.config.normalize_before = False
            model.config.normalize_embedding = False
            return ct2t.BartLoader.get_model_spec(self, model)

        def set_config(self, config: Any, model: Any, tokenizer: Any) -> None:
            super().set_config(config, model, tokenizer)
            config.decoder_start_token = tokenizer.convert_ids_to_tokens(model.config.decoder_start_token_id)

        def set_decoder(self, spec: Any, decoder: Any) -> None:
            ct2t.BartLoader.set_decoder(self, spec, decoder)

        def get_vocabulary(self, model: Any, tokenizer: Any) -> Any:
            return ct2t.BartLoader.get_vocabulary(self, model, tokenizer)

    return ExactMarianLoader()


def convert(ref: ModelRef, root: Path, quantization: str) -> Path:
    """The converted model's folder, converting on first use (atomically: concurrent runs are safe)."""
    out = converted_path(ref, root, quantization)
    if (out / "model.bin").is_file():
        return out
    require_neural()  # the converter loads the model with transformers and torch
    import json

    config = json.loads((ref.path / "config.json").read_text(encoding="utf-8"))
    if config.get("model_type") != "marian":
        raise InputError(
            f"{ref.name}: --backend ct2 drives Marian (opus-mt) models; use --backend transformers for "
            f"{config.get('model_type', 'this model')}"
        )
    from ctranslate2.converters import transformers as ct2t

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tqcheck-convert-", dir=out.parent))
    try:
        with _CONVERT_LOCK:  # the loader table is module state
            table = ct2t._MODEL_LOADERS
            stock = table["MarianConfig"]
            table["MarianConfig"] = _exact_marian_loader()
            try:
                ct2t.TransformersConverter(str(ref.path), load_as_float16=False).convert(
                    str(tmp / "model"), quantization=quantization, force=True
                )
            except (ValueError, RuntimeError, NotImplementedError) as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise InputError(f"{ref.name}: CTranslate2 cannot convert this model ({first})") from None
            finally:
                table["MarianConfig"] = stock
        try:
            os.rename(tmp / "model", out)
        except OSError:
            if not (out / "model.bin").is_file():  # not another run's finished copy: a real failure
                raise
    except OSError as exc:
        raise InputError(f"{ref.name}: cannot write the converted model in {out.parent} ({exc})") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def load(
    ref: ModelRef, root: Path, device: str, quantization: str, threads: int | None = None
) -> LoadedModel:
    """The converted model and the original tokenizer, loaded once per process."""
    require()
    path = convert(ref, root, quantization)
    key = (str(path), device, quantization, threads or 0)
    hit = _LOADED.get(key)
    if hit is not None:
        return hit
    import warnings

    import ctranslate2
    import transformers
    from transformers import AutoTokenizer

    transformers.logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    dev, _, index = device.partition(":")
    try:
        translator = ctranslate2.Translator(
            str(path),
            device=dev,
            device_index=int(index or 0),
            compute_type=quantization,
            intra_threads=threads or 0,
        )
    except (RuntimeError, ValueError) as exc:
        raise InputError(f"{ref.name}: CTranslate2 cannot load the converted model ({exc})") from None
    with warnings.catch_warnings():  # MarianTokenizer nags about sacremoses on every load
        warnings.simplefilter("ignore")
        tokenizer = AutoTokenizer.from_pretrained(
            str(ref.path), local_files_only=True, trust_remote_code=False
        )
    if _forces_eos(ref.path):
        _FORCED_EOS.add(str(ref.path))
    pad = int(tokenizer.pad_token_id)
    eos = int(tokenizer.eos_token_id)
    loaded = LoadedModel(ref, translator, tokenizer, "marian", device, quantization, pad, pad, eos, "ct2")
    STATS["loads"] += 1
    _LOADED[key] = loaded
    return loaded


def _forces_eos(path: Path) -> bool:
    """Whether transformers' ``generate`` ends a translation cut at its length limit with EOS."""
    import json

    for name in ("generation_config.json", "config.json"):
        try:
            config = json.loads((path / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        return config.get("forced_eos_token_id") is not None
    return False


def forced_decode(
    lm: LoadedModel,
    pairs: Sequence[tuple[str, str]],
    src_lang: str,
    tgt_lang: str,
    batch_tokens: int = 2048,
    progress: Progress | None = None,
) -> list[ForcedResult]:
    """:func:`tqcheck.scoring.forced.forced_decode` on CTranslate2 (``score_batch``), same results."""
    unique = list(dict.fromkeys(pairs))
    if not unique:
        return []
    tok = lm.tokenizer
    inputs = encode_inputs(lm, [p[0] for p in unique], src_lang, tgt_lang)
    labels, offsets = encode_targets(lm, [p[1] for p in unique], src_lang, tgt_lang)
    special = set(tok.all_special_ids) - {lm.eos_token_id, tok.unk_token_id}
    lengths = [max(len(x), len(y)) for x, y in zip(inputs, labels, strict=True)]
    raw: list[list[float]] = [[] for _ in unique]
    for batch in length_batches(lengths, batch_tokens):
        source = [tok.convert_ids_to_tokens(inputs[i]) for i in batch]
        # CTranslate2 appends the end-of-sentence token itself, and scores it
        target = [
            tok.convert_ids_to_tokens(labels[i][:-1] if labels[i][-1:] == [lm.eos_token_id] else labels[i])
            for i in batch
        ]
        results = lm.model.score_batch(source, target, max_input_length=MAX_TOKENS)
        STATS["forward_batches"] += 1
        for i, r in zip(batch, results, strict=True):
            lp = [x / LN2 for x in r.log_probs]
            if len(lp) != len(labels[i]):
                raise RuntimeError(f"CTranslate2 scored {len(lp)} tokens of {len(labels[i])}")
            raw[i] = lp
        if progress:
            progress(len(batch))
    results_by_pair: dict[tuple[str, str], ForcedResult] = {}
    for i, pair in enumerate(unique):
        keep = [t for t, tid in enumerate(labels[i]) if tid not in special]
        tokens = tok.convert_ids_to_tokens([labels[i][t] for t in keep])
        results_by_pair[pair] = ForcedResult(
            tuple(raw[i][t] for t in keep),
            tuple(str(x) for x in tokens),
            tuple(offsets[i][t] for t in keep),
        )
    return [results_by_pair[p] for p in pairs]


def translate(
    lm: LoadedModel,
    texts: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    beam: int = 1,
    batch_tokens: int = 2048,
    progress: Progress | None = None,
) -> list[str]:
    """:func:`tqcheck.scoring.generate.translate` on CTranslate2 (``translate_batch``)."""
    unique = list(dict.fromkeys(texts))
    if not unique:
        return []
    tok = lm.tokenizer
    ids = encode_inputs(lm, unique, src_lang, tgt_lang)
    out: list[str] = [""] * len(unique)
    pad = tok.convert_ids_to_tokens(lm.pad_token_id)
    # transformers counts the decoder's start token in its max_length, and a forced EOS takes another
    room = 2 if str(lm.ref.path) in _FORCED_EOS else 1
    for batch in length_batches([len(x) for x in ids], batch_tokens, factor=max(beam, 1)):
        longest = max(len(ids[i]) for i in batch)
        results = lm.model.translate_batch(
            [tok.convert_ids_to_tokens(ids[i]) for i in batch],
            beam_size=beam,
            max_input_length=MAX_TOKENS,
            max_decoding_length=max_output_tokens(longest) - room,
            min_decoding_length=0,
            suppress_sequences=[[pad]],  # a pad is never a word (opus-mt's generation config bans it too)
        )
        STATS["generate_batches"] += 1
        for i, r in zip(batch, results, strict=True):
            hyp = tok.convert_tokens_to_ids(r.hypotheses[0])
            out[i] = str(tok.decode(hyp, skip_special_tokens=True)).strip()
        if progress:
            progress(len(batch))
    by_text = dict(zip(unique, out, strict=True))
    return [by_text[t] for t in texts]


def unload_all() -> None:
    """Forget every loaded CTranslate2 model (tests use it to prove a cached run loads nothing)."""
    _LOADED.clear()
