"""Build tiny Marian translation models for the scorer tests (no network, no weights in the repo).

A joint sentencepiece model is trained on ``tests/data/tiny_parallel.tsv`` and a small
``MarianMTModel`` is trained for a few hundred steps until it has memorised the pairs, so
the tests can check real behaviour (a faithful sentence scores higher than a wrong one, the
back-translation of a known sentence is its source) in a few seconds on a laptop CPU.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

DATA = Path(__file__).parent / "data" / "tiny_parallel.tsv"


def parallel_pairs() -> list[tuple[str, str]]:
    """(French, English) pairs of the fixture corpus."""
    pairs = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip():
            fr, en = line.split("\t")
            pairs.append((fr, en))
    return pairs


def train_spm(out_dir: Path, vocab_size: int = 400) -> Path:
    """A joint French+English unigram sentencepiece model (the file Marian calls ``*.spm``)."""
    import sentencepiece as spm

    out_dir.mkdir(parents=True, exist_ok=True)
    corpus = out_dir / "corpus.txt"
    lines = [s for pair in parallel_pairs() for s in pair]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    prefix = out_dir / "joint"
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        hard_vocab_limit=False,
        character_coverage=1.0,
        bos_id=-1,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def build_tiny_marian(
    out_dir: Path,
    spm_model: Path,
    direction: str = "en-fr",
    steps: int = 300,
    seed: int = 0,
    d_model: int = 32,
) -> Path:
    """Train a tiny Marian model for ``direction`` ("en-fr" or "fr-en") and save it (safetensors)."""
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out_dir.mkdir(parents=True, exist_ok=True)
    sp = spm.SentencePieceProcessor(model_file=str(spm_model))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for p in pieces:
        if p not in ("<unk>", "<s>", "</s>") and p not in vocab:
            vocab[p] = len(vocab)
    vocab["<pad>"] = len(vocab)
    work = out_dir.parent / f"{out_dir.name}-spm"
    work.mkdir(parents=True, exist_ok=True)
    (work / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    src, tgt = direction.split("-")
    with warnings.catch_warnings():  # "Recommended: pip install sacremoses."
        warnings.simplefilter("ignore")
        tok = MarianTokenizer(
            source_spm=str(spm_model),
            target_spm=str(spm_model),
            vocab=str(work / "vocab.json"),
            source_lang=src,
            target_lang=tgt,
        )
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=d_model,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=2 * d_model,
        decoder_ffn_dim=2 * d_model,
        max_position_embeddings=128,
        pad_token_id=pad,
        eos_token_id=0,
        decoder_start_token_id=pad,
        forced_eos_token_id=0,
        dropout=0.0,
        attention_dropout=0.0,
        activation_dropout=0.0,
        scale_embedding=True,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    pairs = parallel_pairs()
    sources = [fr if src == "fr" else en for fr, en in pairs]
    targets = [en if src == "fr" else fr for fr, en in pairs]
    batch = tok(sources, text_target=targets, padding=True, return_tensors="pt")
    labels = batch["labels"].masked_fill(batch["labels"] == pad, -100)
    optim = torch.optim.Adam(model.parameters(), lr=1e-2)
    model.train()
    for _ in range(steps):
        optim.zero_grad()
        out = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], labels=labels)
        out.loss.backward()
        optim.step()
    model.eval()
    model.generation_config.max_length = 64
    model.generation_config.num_beams = 1
    model.save_pretrained(out_dir, safe_serialization=True)
    tok.save_pretrained(out_dir)
    return out_dir
