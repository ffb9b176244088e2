"""Rule codes of the neural scorer (TQ9xx), declared here so the catalogue needs no torch."""

from __future__ import annotations

from tqcheck.model import Severity
from tqcheck.rules import Rule

RULES = (
    Rule(
        "TQ901",
        "low-adequacy-segment",
        Severity.WARNING,
        "Segment scores low under the back-translation model",
        "The translation model finds the source unlikely given this target sentence (forced decoding) "
        "and its back-translation differs from the source; read the back-translation in the message.",
    ),
    Rule(
        "TQ902",
        "unaligned-segment",
        Severity.WARNING,
        "Sentence has no counterpart on the other side (possible omission or addition)",
        "Sentence alignment left this sentence without a partner in the source or target.",
    ),
    Rule(
        "TQ903",
        "low-probability-span",
        Severity.INFO,
        "Run of tokens the model finds unlikely",
        "A run of target tokens with low probability under the source->target model.",
    ),
)
