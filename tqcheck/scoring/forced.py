"""Forced decoding: the log-probability a translation model gives a known output (Prism-style).

``P(output | input)`` is read off one forward pass with the output as decoder input (shifted
right, starting from the model's decoder start token: the pad token for Marian), so it costs a
fraction of generating a translation and sees every token, including the ones a generated
back-translation would silently drop. Scores are log2 per token (bits), the end-of-sentence
token included (it catches truncated and padded-out translations), language-code tokens excluded.

Padding: sequences are padded here, never by the tokenizer, and every score is cut back to
its sequence's true length, so a padded batch gives the same numbers as one-by-one runs.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tqcheck.scoring.models import STATS, LoadedModel

Progress = Callable[[int], None]
LN2 = math.log(2.0)
#: Longest input or output fed to a model (Marian's position limit); news sentences are far shorter.
MAX_TOKENS = 512


@dataclass(frozen=True, slots=True)
class ForcedResult:
    """Per-token log2 probabilities of one forced output, with each token's characters in it."""

    logprobs: tuple[float, ...]
    tokens: tuple[str, ...]
    offsets: tuple[tuple[int, int], ...]  # into the output text; (-1, -1) when a token has none (EOS)

    @property
    def mean(self) -> float:
        """Mean log2 probability per token (Prism's segment score)."""
        return sum(self.logprobs) / len(self.logprobs) if self.logprobs else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"lp": list(self.logprobs), "tok": list(self.tokens), "off": [list(o) for o in self.offsets]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ForcedResult:
        return cls(
            tuple(float(x) for x in data["lp"]),
            tuple(str(t) for t in data["tok"]),
            tuple((int(o[0]), int(o[1])) for o in data["off"]),
        )


def model_lang(lm: LoadedModel, lang: str) -> str:
    """The language code the tokenizer's ``src_lang``/``tgt_lang`` expects."""
    token = lm.lang_token(lang)
    if lm.family == "m2m100" and token:
        return token.strip("_")
    return token or lang


def encode_inputs(lm: LoadedModel, texts: Sequence[str], src_lang: str, tgt_lang: str) -> list[list[int]]:
    """Encoder token ids (language codes and EOS added as the model family expects)."""
    tok = lm.tokenizer
    if lm.family in ("nllb", "m2m100"):
        tok.src_lang = model_lang(lm, src_lang)
        tok.tgt_lang = model_lang(lm, tgt_lang)
        batch = list(texts)
    else:
        prefix = lm.lang_token(tgt_lang)
        batch = [f"{prefix} {t}" for t in texts] if prefix else list(texts)
    ids = tok(batch, truncation=True, max_length=MAX_TOKENS)["input_ids"]
    return [list(map(int, x)) for x in ids]


def encode_targets(
    lm: LoadedModel, texts: Sequence[str], src_lang: str, tgt_lang: str
) -> tuple[list[list[int]], list[list[tuple[int, int]]]]:
    """Decoder label ids of ``texts`` and each token's character offsets into its text."""
    tok = lm.tokenizer
    if lm.family in ("nllb", "m2m100"):
        tok.src_lang = model_lang(lm, src_lang)
        tok.tgt_lang = model_lang(lm, tgt_lang)
    if getattr(tok, "is_fast", False):
        enc = tok(
            text_target=list(texts), truncation=True, max_length=MAX_TOKENS, return_offsets_mapping=True
        )
        ids = [list(map(int, x)) for x in enc["input_ids"]]
        special = set(tok.all_special_ids)
        offsets = [
            [
                _trim(text, s, e) if i not in special and e > s else (-1, -1)
                for i, (s, e) in zip(row, offs, strict=True)
            ]
            for text, row, offs in zip(texts, ids, enc["offset_mapping"], strict=True)
        ]
        return ids, offsets
    ids = [
        list(map(int, x))
        for x in tok(text_target=list(texts), truncation=True, max_length=MAX_TOKENS)["input_ids"]
    ]
    special_tokens = set(tok.all_special_tokens) - {tok.unk_token}
    offsets = [
        piece_offsets(text, tok.convert_ids_to_tokens(row), special_tokens, tok.unk_token)
        for text, row in zip(texts, ids, strict=True)
    ]
    return ids, offsets


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else (-1, -1)


def piece_offsets(
    text: str, tokens: Sequence[str], special: set[str], unk: str | None = "<unk>", lookahead: int = 12
) -> list[tuple[int, int]]:
    """Character span of each sentencepiece token in ``text`` (for slow tokenizers without offsets).

    Pieces are matched left to right against an NFKC-normalised, whitespace-free view of the
    text that remembers where each character came from, so sentencepiece's normalisation
    (NFKC, "▁" for spaces) does not break the mapping. An unknown token takes the characters
    up to the next matched piece; a piece that cannot be found gets ``(-1, -1)``.
    """
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if not c.isspace():
                chars.append(c)
                origin.append(i)
    norm = "".join(chars)
    out: list[tuple[int, int]] = []
    pos = 0
    pending_unk: int | None = None
    for token in tokens:
        if token in special:
            out.append((-1, -1))
            continue
        if token == unk:
            out.append((-1, -1))
            pending_unk = len(out) - 1
            continue
        piece = "".join(
            c for c in unicodedata.normalize("NFKC", token.replace("\u2581", " ")) if not c.isspace()
        )
        if not piece:
            out.append((-1, -1))
            continue
        k = norm.find(piece, pos, pos + len(piece) + lookahead)
        if k < 0:
            out.append((-1, -1))
            continue
        if pending_unk is not None and k > pos:
            out[pending_unk] = (origin[pos], origin[k - 1] + 1)
        pending_unk = None
        out.append((origin[k], origin[k + len(piece) - 1] + 1))
        pos = k + len(piece)
    if pending_unk is not None and pos < len(norm):
        out[pending_unk] = (origin[pos], origin[-1] + 1)
    return out


def length_batches(lengths: Sequence[int], budget: int, factor: int = 1) -> list[list[int]]:
    """Indices grouped into batches of similar length with ``size * longest * factor <= budget``.

    Longest first, so an out-of-memory error shows up on the first batch, not after minutes.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    out: list[list[int]] = []
    cur: list[int] = []
    longest = 0
    for i in order:
        n = max(lengths[i], 1)
        if cur and (len(cur) + 1) * max(longest, n) * factor > budget:
            out.append(cur)
            cur, longest = [], 0
        cur.append(i)
        longest = max(longest, n)
    if cur:
        out.append(cur)
    return out


def _forward(lm: LoadedModel, inputs: Sequence[list[int]], labels: Sequence[list[int]]) -> list[list[float]]:
    """log2 P(label_t | label_<t, input) for each label token of each pair (one padded batch)."""
    import torch

    b = len(inputs)
    li, ll = max(len(x) for x in inputs), max(len(y) for y in labels)
    pad = lm.pad_token_id
    input_ids = torch.full((b, li), pad, dtype=torch.long)
    attention = torch.zeros((b, li), dtype=torch.long)
    label_ids = torch.full((b, ll), pad, dtype=torch.long)
    decoder_ids = torch.full((b, ll), pad, dtype=torch.long)
    for r, (x, y) in enumerate(zip(inputs, labels, strict=True)):
        input_ids[r, : len(x)] = torch.tensor(x)
        attention[r, : len(x)] = 1
        label_ids[r, : len(y)] = torch.tensor(y)
        decoder_ids[r, 0] = lm.decoder_start_token_id
        decoder_ids[r, 1 : len(y)] = torch.tensor(y[:-1], dtype=torch.long)
    dev = lm.device
    with torch.inference_mode():
        out = lm.model(
            input_ids=input_ids.to(dev),
            attention_mask=attention.to(dev),
            decoder_input_ids=decoder_ids.to(dev),
            use_cache=False,
        )
        logits = out.logits.float()
        picked = logits.gather(-1, label_ids.to(dev).unsqueeze(-1)).squeeze(-1)
        lp = ((picked - torch.logsumexp(logits, dim=-1)) / LN2).cpu()
    STATS["forward_batches"] += 1
    # cut every row back to its own length: padded positions never reach a score
    return [lp[r, : len(y)].tolist() for r, y in enumerate(labels)]


def forced_decode(
    lm: LoadedModel,
    pairs: Sequence[tuple[str, str]],
    src_lang: str,
    tgt_lang: str,
    batch_tokens: int = 2048,
    progress: Progress | None = None,
) -> list[ForcedResult]:
    """Score each ``(input, output)`` pair as P(output | input) under ``lm`` (src_lang -> tgt_lang).

    Identical pairs are scored once; batches are formed by length under a token budget and
    results come back in input order.
    """
    unique = list(dict.fromkeys(pairs))
    if not unique:
        return []
    inputs = encode_inputs(lm, [p[0] for p in unique], src_lang, tgt_lang)
    labels, offsets = encode_targets(lm, [p[1] for p in unique], src_lang, tgt_lang)
    special = set(lm.tokenizer.all_special_ids) - {lm.eos_token_id, lm.tokenizer.unk_token_id}
    lengths = [max(len(x), len(y)) for x, y in zip(inputs, labels, strict=True)]
    raw: list[list[float]] = [[] for _ in unique]
    for batch in length_batches(lengths, batch_tokens):
        scores = _forward(lm, [inputs[i] for i in batch], [labels[i] for i in batch])
        for i, s in zip(batch, scores, strict=True):
            raw[i] = s
        if progress:
            progress(len(batch))
    results: dict[tuple[str, str], ForcedResult] = {}
    for i, pair in enumerate(unique):
        keep = [t for t, tid in enumerate(labels[i]) if tid not in special]
        tokens = lm.tokenizer.convert_ids_to_tokens([labels[i][t] for t in keep])
        results[pair] = ForcedResult(
            tuple(raw[i][t] for t in keep),
            tuple(str(x) for x in tokens),
            tuple(offsets[i][t] for t in keep),
        )
    return [results[p] for p in pairs]


def low_runs(result: ForcedResult, threshold: float, max_gap: int = 0) -> list[tuple[int, int, float]]:
    """Character spans ``(start, end, min log2 p)`` of runs of tokens below ``threshold``.

    Tokens without characters (EOS) never start a run; runs separated by at most
    ``max_gap`` tokens are merged so one wrong word split into pieces is one span.
    """
    runs: list[tuple[int, int, float]] = []
    last_tok = -10
    for t, (lp, (s, e)) in enumerate(zip(result.logprobs, result.offsets, strict=True)):
        if lp >= threshold or s < 0:
            continue
        if runs and t - last_tok - 1 <= max_gap:
            ps, _pe, pm = runs[-1]
            runs[-1] = (ps, e, min(pm, lp))
        else:
            runs.append((s, e, lp))
        last_tok = t
    return runs
