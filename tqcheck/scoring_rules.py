"""Rules of the neural scorer (TQ9xx), declared apart from it so the registry needs no torch."""

from __future__ import annotations

from tqcheck.model import Rule, Severity

LOW_ADEQUACY = Rule(
    "TQ901",
    "low-adequacy-segment",
    Severity.WARNING,
    "Segment scores low under the back-translation model",
    "The translation model finds the source unlikely given this target sentence (forced decoding): "
    "it scores far below its own article's median (a robust z-score against the median and MAD) or "
    "under an absolute floor (`tqcheck models calibrate` fits both for a model). The finding shows "
    "the source sentence, the back-translation and the score beside the article's median.",
)

UNALIGNED_SEGMENT = Rule(
    "TQ902",
    "unaligned-segment",
    Severity.WARNING,
    "Sentence has no counterpart on the other side (possible omission or addition)",
    "Sentence alignment left this sentence without a partner in the source or target.",
)

LOW_PROBABILITY_SPAN = Rule(
    "TQ903",
    "low-probability-span",
    Severity.INFO,
    "Run of tokens the model finds unlikely",
    "A run of target tokens with low probability under the source->target model.",
)

RULES = (LOW_ADEQUACY, UNALIGNED_SEGMENT, LOW_PROBABILITY_SPAN)
