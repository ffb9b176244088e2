"""The scorer on a GPU: CUDA half precision against the CPU float32 path, end to end.

Trains the tests' tiny Marian models (tests/neural_model.py), scores a constructed article
(French source, English translation with one wrong sentence and one dropped) on ``cpu`` and on
``cuda`` through ``tqcheck.scoring.api.score_document`` (the path of ``tqcheck score``), and
prints the per-segment adequacy of both, the largest difference, and whether both flag the same
segments. Run it where a CUDA GPU is present:

    python benchmarks/scorer_cuda_check.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.neural_model import build_tiny_marian, parallel_pairs, train_spm
from tqcheck.document import Document
from tqcheck.scoring.api import ScoreOptions, score_document


def main() -> None:
    import torch

    if not torch.cuda.is_available():
        sys.exit("no CUDA device: this check needs a GPU")
    pairs = parallel_pairs()
    src = [fr for fr, _ in pairs[:8]]
    tgt = [en for _, en in pairs[:8]]
    tgt[2] = pairs[30][1]  # a sentence that says something else
    del tgt[5]  # a dropped sentence
    source = Document("article.fr.txt", " ".join(src[:4]) + "\n\n" + " ".join(src[4:]) + "\n", lang="fr")
    target = Document("article.en.txt", " ".join(tgt[:4]) + "\n\n" + " ".join(tgt[4:]) + "\n", lang="en")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        spm = train_spm(root / "spm")
        back = build_tiny_marian(root / "en-fr", spm, "en-fr", steps=90, seed=1)
        fwd = build_tiny_marian(root / "fr-en", spm, "fr-en", steps=90, seed=2)
        results = {}
        for device in ("cpu", "cuda"):
            opts = ScoreOptions(model=str(back), source_model=str(fwd), src_lang="fr", tgt_lang="en",
                                threshold=-1.0, device=device, use_cache=False, progress=False)  # fmt: skip
            start = time.perf_counter()
            results[device] = score_document(target, source, opts)
            print(f"{device}: {time.perf_counter() - start:.2f} s; signature {results[device].signature}")
    cpu, cuda = results["cpu"], results["cuda"]
    worst = 0.0
    for a, b in zip(cpu.scores, cuda.scores, strict=True):
        ma, mb = dict(a.metrics), dict(b.metrics)
        if "adequacy" in ma:
            worst = max(worst, abs(ma["adequacy"] - mb["adequacy"]))
            print(f"segment {a.segment}: adequacy cpu {ma['adequacy']:.4f} cuda {mb['adequacy']:.4f}")
    same = sorted((h.rule.code, h.span) for h in cpu.hits) == sorted((h.rule.code, h.span) for h in cuda.hits)
    print(f"largest adequacy difference {worst:.4f} bits/token; same findings on both devices: {same}")
    print(f"findings: {sorted(h.rule.code for h in cuda.hits)}")


if __name__ == "__main__":
    main()
