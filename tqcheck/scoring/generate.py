"""Generating translations (the back-translation an editor reads, and round-trip pivots).

Greedy decoding by default: on CPU it is several times faster than beam search and, for
showing an editor what a sentence says, the difference in quality rarely matters; ``beam``
is configurable. Inputs are single sentences (Marian models drop text from long
multi-sentence inputs), batched by length under a token budget, deduplicated, and returned
in input order.
"""

from __future__ import annotations

from collections.abc import Sequence

from tqcheck.scoring.forced import MAX_TOKENS, Progress, encode_inputs, length_batches
from tqcheck.scoring.models import STATS, LoadedModel


def max_output_tokens(input_tokens: int) -> int:
    """Room for the output: twice the input plus slack (translations rarely double in length)."""
    return min(MAX_TOKENS, 2 * input_tokens + 10)


def translate(
    lm: LoadedModel,
    texts: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    beam: int = 1,
    batch_tokens: int = 2048,
    progress: Progress | None = None,
) -> list[str]:
    """Translate each of ``texts`` from ``src_lang`` to ``tgt_lang`` (deterministic: no sampling)."""
    import torch

    unique = list(dict.fromkeys(texts))
    if not unique:
        return []
    ids = encode_inputs(lm, unique, src_lang, tgt_lang)
    out: list[str] = [""] * len(unique)
    gen_kwargs: dict[str, object] = {"num_beams": beam, "do_sample": False}
    if beam > 1:
        gen_kwargs["early_stopping"] = True
    if lm.family in ("nllb", "m2m100"):
        token = lm.lang_token(tgt_lang)
        gen_kwargs["forced_bos_token_id"] = lm.tokenizer.convert_tokens_to_ids(token)
    # beam search keeps ``beam`` hypotheses per sentence, so it spends the budget faster
    for batch in length_batches([len(x) for x in ids], batch_tokens, factor=max(beam, 1)):
        longest = max(len(ids[i]) for i in batch)
        input_ids = torch.full((len(batch), longest), lm.pad_token_id, dtype=torch.long)
        attention = torch.zeros((len(batch), longest), dtype=torch.long)
        for r, i in enumerate(batch):
            input_ids[r, : len(ids[i])] = torch.tensor(ids[i])
            attention[r, : len(ids[i])] = 1
        with torch.inference_mode():
            generated = lm.model.generate(
                input_ids=input_ids.to(lm.device),
                attention_mask=attention.to(lm.device),
                max_length=max_output_tokens(longest),
                **gen_kwargs,
            )
        STATS["generate_batches"] += 1
        decoded = lm.tokenizer.batch_decode(generated.cpu(), skip_special_tokens=True)
        for i, text in zip(batch, decoded, strict=True):
            out[i] = str(text).strip()
        if progress:
            progress(len(batch))
    by_text = dict(zip(unique, out, strict=True))
    return [by_text[t] for t in texts]
