"""Throughput of the scorer's model calls on an opus-mt-sized random Marian model.

No tokenizer and no download: a ``MarianConfig`` with opus-mt's sizes (d_model 512, 6+6
layers, 8 heads, FFN 2048, vocabulary 58 101; set explicitly, as ``MarianConfig()`` defaults to
the 1024-wide 12+12-layer "big" size) gets random weights, and sentences are random token ids
of a fixed length (30 by default, a typical news sentence). Random weights run exactly the
same arithmetic as trained ones, so the timings are those of a real opus-mt model. Generation is
forced to produce exactly ``--length`` tokens so greedy and beam runs do the same work.

    python benchmarks/scorer_throughput.py [--threads 2] [--batches 1,8,32] [--sentences 64]
        [--backends transformers,ct2]

Each figure is the best of ``--repeats`` passes over the sentences, after one warm-up batch.
Prints sentences/s and tokens/s (target tokens) for forced decoding (the primary score),
greedy and beam-4 back-translation, per batch size and backend (``ct2``: CTranslate2 int8 on
CPU, float16 on CUDA, converted by ``tqcheck.scoring.ct2`` into a temporary folder).

With ``--model FOLDER`` the backends are compared on a real Marian model and real sentences
instead, through the scorer's own functions and batching (``--batch-tokens``): sentences/s for
forced decoding and greedy translation, and how far CTranslate2's scores are from the float32
transformers path (max and mean |difference| of sentence means, in bits/token):

    python benchmarks/scorer_throughput.py --model ~/.cache/tqcheck/models/NAME-en-fr \
        --data ../shared/data/wmt-news-fr-en/newstest2014 --direction en-fr --sentences 200
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: ISO 639-1 -> the WMT files' extensions (``newstest2014.eng``).
WMT_EXT = {"en": "eng", "fr": "fra"}


def best_of(fn: Callable[[], object], repeats: int) -> float:
    """Best wall time of ``repeats`` runs (like timeit: other processes only ever add time)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def compare_on_model(args: argparse.Namespace) -> None:
    """Both backends on a real model and real sentences, through the scorer's own functions."""
    import torch

    from tqcheck.scoring import ct2
    from tqcheck.scoring.forced import forced_decode
    from tqcheck.scoring.generate import translate
    from tqcheck.scoring.models import load, resolve

    if args.threads:
        torch.set_num_threads(args.threads)
    src, tgt = args.direction.split("-")
    prefix = Path(args.data).expanduser()
    sources = prefix.with_suffix("." + WMT_EXT[src]).read_text(encoding="utf-8").splitlines()
    targets = prefix.with_suffix("." + WMT_EXT[tgt]).read_text(encoding="utf-8").splitlines()
    pairs = [(a.strip(), b.strip()) for a, b in zip(sources, targets, strict=True) if a.strip() and b.strip()]
    pairs = pairs[: args.sentences]
    texts = [a for a, _ in pairs]
    ref = resolve(str(Path(args.model).expanduser()))
    lm = load(ref, "cpu", "float32")
    config = lm.model.config
    n_tok = sum(len(x) for x in lm.tokenizer(text_target=[b for _, b in pairs])["input_ids"]) / len(pairs)
    print(
        f"{ref.path.name}: d_model {config.d_model}, {config.encoder_layers}+{config.decoder_layers} layers, "
        f"vocab {config.vocab_size}; {len(pairs)} sentence pairs of {prefix.name} ({args.direction}, "
        f"{n_tok:.1f} target tokens on average); batches of {args.batch_tokens} tokens; "
        f"{args.threads or torch.get_num_threads()} threads; torch {torch.__version__}"
    )
    bt = args.batch_tokens
    runs: list[tuple[str, str, Any]] = [("transformers", "float32", lm)]
    with tempfile.TemporaryDirectory(prefix="tqcheck-ct2-") as tmp:
        for quant in args.ct2_precisions.split(","):
            runs.append(("ct2", quant, ct2.load(ref, Path(tmp), "cpu", quant, args.threads)))
        scored: dict[str, list[float]] = {}
        greedy: dict[str, list[str]] = {}
        speed: dict[str, tuple[float, float]] = {}
        for backend, quant, model in runs:
            decode = ct2.forced_decode if backend == "ct2" else forced_decode
            generate = ct2.translate if backend == "ct2" else translate
            label = f"{backend} {quant}"
            decode(model, pairs[:8], src, tgt, bt)  # warm-up
            scored[label] = [r.mean for r in decode(model, pairs, src, tgt, bt)]
            f_secs = best_of(lambda: decode(model, pairs, src, tgt, bt), args.repeats)  # noqa: B023
            greedy[label] = generate(model, texts, src, tgt, 1, bt)
            g_secs = best_of(lambda: generate(model, texts, src, tgt, 1, bt), args.repeats)  # noqa: B023
            speed[label] = (len(pairs) / f_secs, len(pairs) / g_secs)
        base = "transformers float32"
        print(f"{'backend':<22} {'forced sent/s':>14} {'greedy sent/s':>14} {'max |d| bits/tok':>17} "
              f"{'mean |d|':>9} {'same greedy':>12}")  # fmt: skip
        for label, (fs, gs) in speed.items():
            diffs = [abs(a - b) for a, b in zip(scored[label], scored[base], strict=True)]
            same = sum(a == b for a, b in zip(greedy[label], greedy[base], strict=True))
            ratio = "" if label == base else f" x{fs / speed[base][0]:.1f} / x{gs / speed[base][1]:.1f}"
            print(
                f"{label:<22} {fs:>14.1f} {gs:>14.1f} {max(diffs):>17.4f} {sum(diffs) / len(diffs):>9.4f} "
                f"{same:>5}/{len(pairs):<6}{ratio}",
                flush=True,
            )


def random_ct2_model(model: Any, work: Path, quant: str, threads: int | None) -> Any:
    """The random model saved with a vocabulary of made-up tokens, converted by the scorer's converter."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/neural_model.py
    from transformers import MarianTokenizer

    from tests.neural_model import train_spm
    from tqcheck.scoring import ct2
    from tqcheck.scoring.models import ModelRef

    folder = work / "random-opus-mt"
    if not (folder / "model.safetensors").is_file():
        spm = train_spm(work / "spm")  # any sentencepiece model: the benchmark feeds token strings
        vocab = {"</s>": 0, "<unk>": 1, **{f"t{i}": i for i in range(2, model.config.vocab_size - 1)}}
        vocab["<pad>"] = model.config.vocab_size - 1
        (work / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
        tok = MarianTokenizer(source_spm=str(spm), target_spm=str(spm), vocab=str(work / "vocab.json"))
        model.save_pretrained(folder, safe_serialization=True)
        tok.save_pretrained(folder)
    ref = ModelRef("random", folder, "random", True)
    return ct2.load(ref, work, "cpu", quant, threads).model


def names(rows: Sequence[Sequence[int]]) -> list[list[str]]:
    """Token ids as the made-up token strings of :func:`random_ct2_model`."""
    return [["</s>" if i == 0 else f"t{i}" for i in row] for row in rows]


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
    parser.add_argument("--backends", default="transformers", help="transformers and/or ct2, comma-separated")
    parser.add_argument("--model", default=None, help="compare the backends on this Marian model folder")
    parser.add_argument("--data", default=None, help="--model: WMT file prefix (PREFIX.eng, PREFIX.fra)")
    parser.add_argument("--direction", default="en-fr", help="--model: the model's direction")
    parser.add_argument("--batch-tokens", type=int, default=2048, help="--model: the scorer's batch budget")
    parser.add_argument("--ct2-precisions", default="int8,float32", help="--model: CTranslate2 precisions")
    args = parser.parse_args()
    if args.model:
        compare_on_model(args)
        return

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

    backends = args.backends.split(",")
    methods: list[tuple[str, str, Callable[[list[list[int]]], None]]] = []
    if "transformers" in backends:
        methods += [
            ("transformers", "forced decoding", forced),
            ("transformers", "greedy generation", generator(1)),
        ]
        if not args.skip_beam:
            methods.append(("transformers", "beam-4 generation", generator(4)))
    work = tempfile.TemporaryDirectory(prefix="tqcheck-ct2-")
    if "ct2" in backends:
        if args.device != "cpu":
            raise SystemExit("the ct2 rows of this benchmark run on cpu (int8)")
        translator = random_ct2_model(model, Path(work.name), "int8", args.threads)
        float32 = _forward(cpu_lm, sents, sents)
        int8 = translator.score_batch(names(sents), names([s[:-1] for s in sents]))
        worst = max(
            abs(sum(r) / len(r) - sum(c.log_probs) / len(c.log_probs) / 0.6931471805599453)
            for r, c in zip(float32, int8, strict=True)
        )
        print(f"ct2 int8 vs transformers float32 on these random sentences: max |d| {worst:.4f} bits/token")

        def ct2_forced(rows: list[list[int]]) -> None:
            translator.score_batch(names(rows), names([r[:-1] for r in rows]))

        def ct2_generator(beam: int) -> Callable[[list[list[int]]], None]:
            def run(rows: list[list[int]]) -> None:
                translator.translate_batch(
                    names(rows), beam_size=beam, min_decoding_length=length, max_decoding_length=length
                )

            return run

        methods += [
            ("ct2 int8", "forced decoding", ct2_forced),
            ("ct2 int8", "greedy generation", ct2_generator(1)),
        ]
        if not args.skip_beam:
            methods.append(("ct2 int8", "beam-4 generation", ct2_generator(4)))
    print(f"{'backend':<13} {'method':<20} {'batch':>5} {'sent/s':>8} {'tok/s':>9}")
    for backend, name, fn in methods:
        for batch in (int(b) for b in args.batches.split(",")):
            secs = timed(fn, batch)
            print(
                f"{backend:<13} {name:<20} {batch:>5} {n / secs:>8.1f} {n * length / secs:>9.0f}", flush=True
            )
    work.cleanup()


if __name__ == "__main__":
    main()
