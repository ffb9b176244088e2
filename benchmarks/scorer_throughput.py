"""Throughput of the scorer's model calls on an opus-mt-sized random Marian model.

No tokenizer and no download: a ``MarianConfig`` with opus-mt's sizes (d_model 512, 6+6
layers, 8 heads, FFN 2048, vocabulary 58 101; set explicitly, as ``MarianConfig()`` defaults to
the 1024-wide 12+12-layer "big" size) gets random weights, and sentences are random token ids
of a fixed length (30 by default, a typical news sentence). Random weights run exactly the
same arithmetic as trained ones, so the timings are those of a real opus-mt model. Generation is
forced to produce exactly ``--length`` tokens so greedy and beam runs do the same work.

    python benchmarks/scorer_throughput.py [--threads 2] [--batches 1,8,32] [--sentences 64]

Each figure is the best of ``--repeats`` passes over the sentences, after one warm-up batch.
Prints sentences/s and tokens/s (target tokens) for forced decoding (the primary score),
greedy and beam-4 back-translation, per batch size.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    parser.add_argument("--batches", default="1,8,32", help="comma-separated batch sizes")
    parser.add_argument("--sentences", type=int, default=64, help="sentences per measurement")
    parser.add_argument("--length", type=int, default=30, help="tokens per sentence")
    parser.add_argument("--repeats", type=int, default=2, help="passes per measurement; the best is kept")
    parser.add_argument("--skip-beam", action="store_true", help="skip the (slow) beam-4 runs")
    parser.add_argument(
        "--device", default="cpu", help="cpu, or cuda (half precision, as the scorer runs it)"
    )
    args = parser.parse_args()

    import torch
    import transformers
    from transformers import MarianConfig, MarianMTModel

    from tqcheck.scoring.forced import _forward
    from tqcheck.scoring.models import LoadedModel, ModelRef

    transformers.logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    # opus-mt-fr-en's config.json (MarianConfig()'s own defaults are the 1024-wide, 12+12 "big" model)
    config = MarianConfig(
        vocab_size=58101,
        d_model=512,
        encoder_layers=6,
        decoder_layers=6,
        encoder_attention_heads=8,
        decoder_attention_heads=8,
        encoder_ffn_dim=2048,
        decoder_ffn_dim=2048,
        max_position_embeddings=512,
        activation_function="swish",
        scale_embedding=True,
        pad_token_id=58100,
        decoder_start_token_id=58100,
        eos_token_id=0,
    )
    model = MarianMTModel(config).eval()  # type: ignore[no-untyped-call]
    params = sum(p.numel() for p in model.parameters()) / 1e6
    ref = ModelRef("random", __import__("pathlib").Path("."), "random", True)
    cpu_lm = LoadedModel(ref, model, None, "marian", "cpu", "float32", 58100, 58100, 0)
    n, length = args.sentences, args.length
    gen = torch.Generator().manual_seed(1)
    sents = [[*torch.randint(2, 58000, (length,), generator=gen).tolist(), 0] for _ in range(n)]
    lm = cpu_lm
    if args.device != "cpu":
        reference = _forward(cpu_lm, sents[:8], sents[:8])
        model = MarianMTModel(config).eval()  # type: ignore[no-untyped-call]
        model.load_state_dict(cpu_lm.model.state_dict())
        model = model.to(args.device, dtype=torch.float16)
        lm = LoadedModel(ref, model, None, "marian", args.device, "float16", 58100, 58100, 0)
        on_device = _forward(lm, sents[:8], sents[:8])
        worst = max(
            abs(a - b) for r, d in zip(reference, on_device, strict=True) for a, b in zip(r, d, strict=True)
        )
        mean_ref = sum(sum(r) / len(r) for r in reference) / len(reference)
        mean_dev = sum(sum(d) / len(d) for d in on_device) / len(on_device)
        print(f"{args.device} float16 vs cpu float32, 8 sentences: worst token log2p difference {worst:.4f} bits, "
              f"mean per sentence {mean_dev:.4f} vs {mean_ref:.4f}")  # fmt: skip
    print(
        f"random Marian: {params:.0f}M parameters, d_model {config.d_model}, "
        f"{config.encoder_layers}+{config.decoder_layers} layers, vocab {config.vocab_size}; "
        f"torch {torch.__version__}, {torch.get_num_threads()} threads, device {args.device}; "
        f"{n} sentences of {length} tokens"
    )

    def sync() -> None:
        if lm.device != "cpu":
            torch.cuda.synchronize()

    def timed(fn: Callable[[list[list[int]]], None], batch: int) -> float:
        """Best of ``--repeats`` passes (like timeit: other processes only ever add time)."""
        fn(sents[:batch])  # warm-up
        best = float("inf")
        for _ in range(args.repeats):
            sync()
            start = time.perf_counter()
            for i in range(0, n, batch):
                fn(sents[i : i + batch])
            sync()
            best = min(best, time.perf_counter() - start)
        return best

    def forced(rows: list[list[int]]) -> None:
        _forward(lm, rows, rows)

    def generator(beam: int) -> Callable[[list[list[int]]], None]:
        def run(rows: list[list[int]]) -> None:
            ids = torch.tensor(rows, device=lm.device)
            with torch.inference_mode():
                model.generate(
                    input_ids=ids,
                    attention_mask=torch.ones_like(ids),
                    num_beams=beam,
                    do_sample=False,
                    min_new_tokens=length,
                    max_new_tokens=length,
                )

        return run

    methods: list[tuple[str, Callable[[list[list[int]]], None]]] = [
        ("forced decoding", forced),
        ("greedy generation", generator(1)),
    ]
    if not args.skip_beam:
        methods.append(("beam-4 generation", generator(4)))
    print(f"{'method':<20} {'batch':>5} {'sent/s':>8} {'tok/s':>9}")
    for name, fn in methods:
        for batch in (int(b) for b in args.batches.split(",")):
            secs = timed(fn, batch)
            print(f"{name:<20} {batch:>5} {n / secs:>8.1f} {n * length / secs:>9.0f}", flush=True)


if __name__ == "__main__":
    main()
