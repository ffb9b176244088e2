"""Train small fr->en and en->fr Marian models on the WMT development years, for the scorer.

Why: the back-translation scorer has only ever run on tiny memorising test models and the hub is
unreachable, so the evidence that its scores mean something must come from a real (if small) model
trained here. Training uses the WMT news development years only (news-test2008, newssyscomb2009,
newstest2009..newstest2012, ~13.5k pairs from ``../shared/data/wmt-news-fr-en``); newstest2013,
newstest2014, newsdiscusstest2015 and NTREX are never read for training or tuning (newstest2014 is
only translated at the end to print BLEU/chrF).

    nice -n 10 python benchmarks/train_marian.py --minutes 25 --threads 2   # en-fr first, then fr-en
    nice -n 10 python benchmarks/train_marian.py --directions en-fr --resume --minutes 20  # more steps

Each direction gets a ``save_pretrained`` folder (safetensors + MarianTokenizer files) under
``<cache>/models/`` (``--out``), loadable by ``tqcheck score --model FOLDER``; one joint
sentencepiece model is shared by both. The model is saved every ``--save-every`` minutes and at
the end. The loop is plain AdamW with linear warmup, inverse-square-root decay, label smoothing
and batches of about ``--batch-tokens`` target tokens (length-sorted buckets, shuffled). The default
size (d_model 128, 3+3 layers, 2.5M parameters) is what a shared 2-core machine trains to a usable
loss in under an hour; ``--d-model 256`` (4x FFN) when there is CPU or a GPU to spare. On a
contended machine prefer ``--threads 1``: two OpenMP threads fighting other processes for two
cores ran 10x slower here.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsdata import DEV_SETS  # benchmarks/newsdata.py: the development years

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "wmt-news-fr-en"
#: The only sets trained on (development years); the later years are report sets.
TRAIN_SETS = DEV_SETS
#: Lines of the last development set held out to watch the validation loss (never trained on).
VALID_LINES = 300
#: The calibration's name in score signatures (``cal:wmtdev-heldout-HASH``).
CALIBRATION_NAME = "wmtdev-heldout"
REPORT_SET = "newstest2014"
MAX_LEN = 128  # subword tokens; longer training pairs are dropped


def read_set(name: str, data: Path = DATA) -> list[tuple[str, str]]:
    """(French, English) pairs of one WMT set, line-aligned."""
    fr = (data / f"{name}.fra").read_text(encoding="utf-8").splitlines()
    en = (data / f"{name}.eng").read_text(encoding="utf-8").splitlines()
    if len(fr) != len(en):
        raise SystemExit(f"{name}: {len(fr)} French lines but {len(en)} English ones")
    return [(f.strip(), e.strip()) for f, e in zip(fr, en, strict=True) if f.strip() and e.strip()]


def dev_pairs(data: Path = DATA) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(train, valid): every development year, the last ``VALID_LINES`` of the last one held out."""
    train: list[tuple[str, str]] = []
    valid: list[tuple[str, str]] = []
    for name in TRAIN_SETS:
        pairs = read_set(name, data)
        if name == TRAIN_SETS[-1]:
            train += pairs[:-VALID_LINES]
            valid = pairs[-VALID_LINES:]
        else:
            train += pairs
    return train, valid


def train_spm(pairs: list[tuple[str, str]], out: Path, vocab_size: int) -> Path:
    """A joint French+English unigram sentencepiece model (reused when already there)."""
    import sentencepiece as spm

    model = out / "joint.model"
    if model.is_file():
        return model
    out.mkdir(parents=True, exist_ok=True)
    corpus = out / "corpus.txt"
    corpus.write_text("\n".join(s for p in pairs for s in p) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(out / "joint"),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        bos_id=-1,
        minloglevel=2,
    )
    corpus.unlink()
    return model


def make_tokenizer(spm_model: Path, work: Path, src: str, tgt: str) -> Any:
    """A MarianTokenizer over the joint model (Marian ids: </s>=0, <unk>=1, <pad> last)."""
    import sentencepiece as spm
    from transformers import MarianTokenizer

    sp = spm.SentencePieceProcessor(model_file=str(spm_model))
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for i in range(sp.get_piece_size()):
        piece = sp.id_to_piece(i)
        if piece not in ("<unk>", "<s>", "</s>") and piece not in vocab:
            vocab[piece] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (work / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    with warnings.catch_warnings():  # "Recommended: pip install sacremoses."
        warnings.simplefilter("ignore")
        return MarianTokenizer(
            source_spm=str(spm_model),
            target_spm=str(spm_model),
            vocab=str(work / "vocab.json"),
            source_lang=src,
            target_lang=tgt,
            model_max_length=512,
        )


def encode(tok: Any, pairs: list[tuple[str, str]], src: str) -> list[tuple[list[int], list[int]]]:
    """Token ids of (source, target) for one direction; over-long pairs dropped."""
    sources = [fr if src == "fr" else en for fr, en in pairs]
    targets = [en if src == "fr" else fr for fr, en in pairs]
    enc = tok(sources, text_target=targets)
    return [
        (s, t)
        for s, t in zip(enc["input_ids"], enc["labels"], strict=True)
        if len(s) <= MAX_LEN and len(t) <= MAX_LEN
    ]


def batches(data: list[tuple[list[int], list[int]]], max_tokens: int, rng: random.Random) -> list[list[int]]:
    """Indices grouped by length so each batch holds about ``max_tokens`` padded target tokens."""
    order = sorted(range(len(data)), key=lambda i: (len(data[i][1]), len(data[i][0]), rng.random()))
    out: list[list[int]] = []
    cur: list[int] = []
    longest = 0
    for i in order:
        longest2 = max(longest, len(data[i][1]), len(data[i][0]))
        if cur and longest2 * (len(cur) + 1) > max_tokens:
            out.append(cur)
            cur, longest2 = [], max(len(data[i][1]), len(data[i][0]))
        cur.append(i)
        longest = longest2
    if cur:
        out.append(cur)
    rng.shuffle(out)
    return out


def collate(data: list[tuple[list[int], list[int]]], idx: list[int], pad: int) -> dict[str, Any]:
    import torch

    src = [data[i][0] for i in idx]
    tgt = [data[i][1] for i in idx]
    s_len = max(map(len, src))
    t_len = max(map(len, tgt))
    input_ids = torch.full((len(idx), s_len), pad, dtype=torch.long)
    labels = torch.full((len(idx), t_len), -100, dtype=torch.long)
    for row, (s, t) in enumerate(zip(src, tgt, strict=True)):
        input_ids[row, : len(s)] = torch.tensor(s)
        labels[row, : len(t)] = torch.tensor(t)
    return {"input_ids": input_ids, "attention_mask": input_ids.ne(pad).long(), "labels": labels}


def valid_loss(model: Any, data: list[tuple[list[int], list[int]]], pad: int) -> float:
    """Mean token cross-entropy (nats, no smoothing) on the held-out development lines."""
    import torch

    model.eval()
    total, count = 0.0, 0
    with torch.inference_mode():
        for idx in batches(data, 4000, random.Random(0)):
            b = collate(data, idx, pad)
            logits = model(**b).logits
            mask = b["labels"].ne(-100)
            total += float(
                torch.nn.functional.cross_entropy(logits[mask], b["labels"][mask], reduction="sum")
            )
            count += int(mask.sum())
    model.train()
    return total / max(count, 1)


def build_model(tok: Any, args: argparse.Namespace) -> Any:
    from transformers import MarianConfig, MarianMTModel

    pad = tok.pad_token_id
    config = MarianConfig(
        vocab_size=len(tok.get_vocab()),
        d_model=args.d_model,
        encoder_layers=args.layers,
        decoder_layers=args.layers,
        encoder_attention_heads=args.heads,
        decoder_attention_heads=args.heads,
        encoder_ffn_dim=args.ffn,
        decoder_ffn_dim=args.ffn,
        max_position_embeddings=512,
        activation_function="swish",
        pad_token_id=pad,
        eos_token_id=0,
        decoder_start_token_id=pad,
        forced_eos_token_id=0,
        dropout=args.dropout,
        attention_dropout=0.0,
        activation_dropout=0.0,
        scale_embedding=True,
    )
    return MarianMTModel(config)


def save(model: Any, tok: Any, out: Path, meta: dict[str, Any]) -> None:
    """``save_pretrained`` (safetensors) plus the tokenizer files and a note of how it was trained."""
    model.eval()
    model.generation_config.num_beams = 1
    model.generation_config.max_length = 256
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out, safe_serialization=True)
    tok.save_pretrained(out)
    (out / "training.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    model.train()


def translate(model: Any, tok: Any, sources: list[str], batch: int = 32) -> list[str]:
    """Greedy translations (length-sorted batches)."""
    import torch

    model.eval()
    order = sorted(range(len(sources)), key=lambda i: len(sources[i]))
    out = [""] * len(sources)
    with torch.inference_mode():
        for k in range(0, len(order), batch):
            idx = order[k : k + batch]
            enc = tok([sources[i] for i in idx], return_tensors="pt", padding=True, truncation=True)
            n = enc["input_ids"].shape[1]
            gen = model.generate(**enc, num_beams=1, do_sample=False, max_new_tokens=int(n * 1.5) + 10)
            for i, text in zip(idx, tok.batch_decode(gen, skip_special_tokens=True), strict=True):
                out[i] = text
    return out


def report(model: Any, tok: Any, src: str, n: int) -> dict[str, float]:
    """BLEU and chrF of greedy output on the first ``n`` lines of newstest2014 (aggregates only)."""
    import sacrebleu

    pairs = read_set(REPORT_SET)[:n]
    sources = [fr if src == "fr" else en for fr, en in pairs]
    refs = [en if src == "fr" else fr for fr, en in pairs]
    t0 = time.time()
    hyps = translate(model, tok, sources)
    bleu = sacrebleu.corpus_bleu(hyps, [refs])
    chrf = sacrebleu.corpus_chrf(hyps, [refs])
    chrfpp = sacrebleu.corpus_chrf(hyps, [refs], word_order=2)
    return {
        "bleu": round(bleu.score, 2),
        "chrf": round(chrf.score, 2),
        "chrf++": round(chrfpp.score, 2),
        "sentences": len(pairs),
        "seconds": round(time.time() - t0, 1),
    }


def train_direction(direction: str, args: argparse.Namespace, spm_model: Path, log: Any) -> Path:
    """Train one direction within ``--minutes`` of wall clock and save it."""
    import torch

    src, tgt = direction.split("-")
    out: Path = args.out / f"{args.name}-{src}-{tgt}"
    work: Path = args.out / f"{args.name}-work-{src}-{tgt}"
    work.mkdir(parents=True, exist_ok=True)
    tok = make_tokenizer(spm_model, work, src, tgt)
    train_pairs, valid_pairs = dev_pairs()
    train = encode(tok, train_pairs, src)
    valid = encode(tok, valid_pairs, src)
    pad = tok.pad_token_id
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    if args.eval_only:
        from transformers import MarianMTModel

        model = MarianMTModel.from_pretrained(out)
        log(
            f"{direction}: newstest2014 first {args.report_n} lines, greedy: {report(model, tok, src, args.report_n)}"
        )
        return out
    step = 0
    if args.resume and (out / "model.safetensors").is_file():
        from transformers import MarianMTModel

        model = MarianMTModel.from_pretrained(out)
        step = int(json.loads((out / "training.json").read_text(encoding="utf-8")).get("steps", 0))
        log(f"{direction}: resuming {out} after {step} steps")
    else:
        model = build_model(tok, args)
    model.train()
    params = sum(p.numel() for p in model.parameters()) / 1e6
    n_tokens = sum(len(t) for _, t in train)
    log(
        f"{direction}: {len(train)} training pairs ({n_tokens} target tokens), {len(valid)} valid, {params:.1f}M parameters"
    )
    optim = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-9, weight_decay=0.01)

    first = step
    peak: float = args.lr
    warmup: int = args.warmup

    def lr_at(step: int) -> float:
        step = max(step, 1)
        rewarm = min(1.0, (step - first) / 50) if first else 1.0  # fresh AdamW moments after a resume
        return peak * min(step / warmup, math.sqrt(warmup / step)) * rewarm

    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100, label_smoothing=args.label_smoothing)
    start = last_save = last_log = time.time()
    deadline = start + args.minutes * 60
    epoch = seen = 0
    run_loss, run_tok = 0.0, 0
    meta: dict[str, Any] = {
        "direction": direction,
        "train_sets": list(TRAIN_SETS),
        "held_out": f"last {VALID_LINES} lines of {TRAIN_SETS[-1]}",
        "args": {k: str(v) for k, v in vars(args).items()},
    }
    done = False
    while not done:
        epoch += 1
        for idx in batches(train, args.batch_tokens, rng):
            b = collate(train, idx, pad)
            for g in optim.param_groups:
                g["lr"] = lr_at(step + 1)
            logits = model(**b).logits
            loss = loss_fn(logits.view(-1, logits.size(-1)), b["labels"].view(-1))
            optim.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            step += 1
            ntok = int(b["labels"].ne(-100).sum())
            seen += ntok
            run_loss += loss.item() * ntok
            run_tok += ntok
            now = time.time()
            if now - last_log >= 60:
                log(
                    f"{direction} {(now - start) / 60:5.1f} min epoch {epoch} step {step} "
                    f"train loss {run_loss / run_tok:.3f} lr {lr_at(step):.2e} {seen / (now - start):.0f} tok/s"
                )
                run_loss, run_tok, last_log = 0.0, 0, now
            if now - last_save >= args.save_every * 60:
                vl = valid_loss(model, valid, pad)
                meta.update(
                    steps=step, epochs=epoch, minutes=round((now - start) / 60, 1), valid_loss=round(vl, 3)
                )
                save(model, tok, out, meta)
                log(f"{direction} checkpoint: valid loss {vl:.3f} nats/token -> {out}")
                last_save = time.time()
            if now >= deadline:
                done = True
                break
    vl = valid_loss(model, valid, pad)
    meta.update(
        steps=step, epochs=epoch, minutes=round((time.time() - start) / 60, 1), valid_loss=round(vl, 3)
    )
    save(model, tok, out, meta)
    log(
        f"{direction}: done after {step} steps ({step - first} in this run, {epoch} epochs): valid loss {vl:.3f} nats/token -> {out}"
    )
    if args.report_n > 0:
        res = report(model, tok, src, args.report_n)
        meta["newstest2014"] = res
        (out / "training.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
        log(f"{direction}: newstest2014 first {args.report_n} lines, greedy: {res}")
    return out


def main() -> None:
    from tqcheck.cachedir import cache_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--directions", default="en-fr,fr-en", help="in training order (en-fr is the back model)"
    )
    parser.add_argument(
        "--minutes", type=float, default=25.0, help="wall-clock training budget per direction"
    )
    parser.add_argument("--d-model", type=int, default=128, help="256 when there is CPU (or a GPU) to spare")
    parser.add_argument("--layers", type=int, default=3, help="encoder and decoder layers each")
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--ffn", type=int, default=None, help="feed-forward width (default: 4 x d-model)")
    parser.add_argument("--vocab", type=int, default=8000, help="joint sentencepiece vocabulary size")
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--lr", type=float, default=1.5e-3, help="peak learning rate")
    parser.add_argument("--warmup", type=int, default=200, help="warmup steps")
    parser.add_argument("--label-smoothing", type=float, default=0.1)
    parser.add_argument("--batch-tokens", type=int, default=1200, help="padded target tokens per batch")
    parser.add_argument("--save-every", type=float, default=5.0, help="minutes between checkpoints")
    parser.add_argument("--threads", type=int, default=2, help="torch threads")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--report-n", type=int, default=500, help="newstest2014 lines for BLEU/chrF (0: none)"
    )
    parser.add_argument("--name", default="tqcheck-marian-wmtdev", help="folder name prefix")
    parser.add_argument("--out", type=Path, default=None, help="parent folder (default: <cache>/models)")
    parser.add_argument("--resume", action="store_true", help="continue training a saved model")
    parser.add_argument("--eval-only", action="store_true", help="only print BLEU/chrF of saved models")
    parser.add_argument(
        "--calibrate",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="after training, store the models' calibration fitted on the held-out lines",
    )
    parser.add_argument("--calibrate-only", action="store_true", help="only calibrate the saved models")
    args = parser.parse_args()
    args.out = (args.out or cache_dir() / "models").expanduser()
    args.ffn = args.ffn or 4 * args.d_model

    import torch
    import transformers

    transformers.logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    torch.set_num_threads(args.threads)

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)

    train_pairs, _ = dev_pairs()
    spm_model = train_spm(train_pairs, args.out / f"{args.name}-spm{args.vocab}", args.vocab)
    log(f"sentencepiece: {spm_model}")
    for direction in args.directions.split(","):
        if direction not in ("en-fr", "fr-en"):
            sys.exit(f"unknown direction {direction!r} (en-fr or fr-en)")
        if not args.calibrate_only:
            train_direction(direction, args, spm_model, log)
    if args.calibrate or args.calibrate_only:
        calibrate_models(args, log)


def calibrate_models(args: argparse.Namespace, log: Callable[[str], None]) -> None:
    """The trained models' default thresholds, measured: fit and store their calibration on the
    held-out development lines (never trained on), back model alone and with the source model, so
    ``tqcheck score --model <folder>`` flags by this model's own distribution of faithful scores."""
    from tqcheck.scoring.api import calibrate
    from tqcheck.scoring.options import ScoreOptions

    back, fwd = (args.out / f"{args.name}-{d}" for d in ("en-fr", "fr-en"))
    if not (back / "config.json").is_file():
        log(f"no back model at {back}: nothing to calibrate")
        return
    _, valid = dev_pairs()
    for source_model in [None] + ([fwd] if (fwd / "config.json").is_file() else []):
        options = ScoreOptions(
            model=str(back),
            source_model=None if source_model is None else str(source_model),
            src_lang="fr",
            tgt_lang="en",
            threads=args.threads,
            device="cpu",
        )
        cal, path = calibrate(valid, options, CALIBRATION_NAME)
        with_fwd = "with the source model" if source_model else "back model alone"
        log(
            f"calibration ({with_fwd}) on the {len(valid)} held-out lines: floor {cal.floor:.2f} "
            f"bits/token (percentile {cal.percentile:g}), median {cal.median:.2f}, spread {cal.scale:.2f} -> {path}"
        )


if __name__ == "__main__":
    main()
