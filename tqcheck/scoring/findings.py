"""Turning neural scores into ordinary hits (TQ901, TQ902, TQ903) for the normal reporters.

Messages are written for an editor who cannot read the target language: each says what is
wrong in plain words and quotes the back-translation (what the sentence says) and, where it
helps, the source sentence it was aligned with.
"""

from __future__ import annotations

from typing import NamedTuple

from tqcheck.model import Hit, Severity, Span
from tqcheck.scoring_rules import LOW_ADEQUACY, LOW_PROBABILITY_SPAN, UNALIGNED_SEGMENT
from tqcheck.tokens import WORD_CHAR


def _quote(text: str, limit: int = 300) -> str:
    """One-line quotation (messages are one line in every reporter)."""
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= limit else flat[: limit - 1] + '…'}”"


class Judged(NamedTuple):
    """A segment's score and what it was judged against (its article, the floor, the z cut)."""

    adequacy: float
    median: float  # of the article's segments
    z: float | None  # robust z in the article; None when it is too short for one
    floor: float
    z_cut: float

    def reason(self) -> str:
        """Why it is flagged, in the score's own units."""
        if self.adequacy < self.floor:
            why = f"under the floor {self.floor:g}"
        elif self.z is not None and self.z <= -self.z_cut:
            why = f"far below the article's median {self.median:.2f}, robust z {self.z:.1f}"
        else:
            return f"{self.adequacy:.2f} bits/token, article median {self.median:.2f}"
        return f"{self.adequacy:.2f} bits/token, {why}"


def low_adequacy(
    span: Span,
    judged: Judged,
    back_translation: str,
    source: str | None,
    chrf: float | None,
    roundtrip: bool = False,
) -> Hit:
    """TQ901: the segment scores under the floor or far below the rest of its article.

    The message says why and what the sentence says (its back-translation); the source, the score
    and the article's median travel in ``data`` for the reporters that show them side by side.
    """
    if roundtrip:
        msg = (
            f"round trip scores low ({judged.reason()}; no source given, low confidence); "
            f"the model reads it as {_quote(back_translation)}"
        )
        severity: Severity | None = Severity.INFO
    else:
        extra = f"; back-translation chrF++ {chrf:.1f}" if chrf is not None else ""
        msg = (
            f"translation may not say what the source says ({judged.reason()}{extra}); "
            f"back-translation: {_quote(back_translation)}"
        )
        severity = None
    data: list[tuple[str, float | str | None]] = [
        ("adequacy", round(judged.adequacy, 6)),
        ("article_median", round(judged.median, 6)),
        ("z", None if judged.z is None else round(judged.z, 3)),
        ("floor", judged.floor),
        ("back_translation", back_translation),
    ]
    if source is not None:
        data.append(("source", source))
    if chrf is not None:
        data.append(("chrf", chrf))
    return Hit(LOW_ADEQUACY, span, msg, severity=severity, data=tuple(data))


def unaligned_target(span: Span, back_translation: str | None) -> Hit:
    """TQ902 on a target sentence with no source counterpart (possible addition)."""
    msg = "sentence has no counterpart in the source (possible addition or misalignment)"
    if back_translation:
        msg += f"; back-translation: {_quote(back_translation)}"
    data: tuple[tuple[str, str], ...] = (("side", "target"),)
    if back_translation:
        data += (("back_translation", back_translation),)
    return Hit(UNALIGNED_SEGMENT, span, msg, data=data)


def omitted_source(at: int, source_path: str, source_line: int, source_text: str, number: int) -> Hit:
    """TQ902 for a source sentence with no counterpart: a zero-width hit where it would belong.

    The source place is named in the message (``path:line``) rather than as a related span,
    because the engine locates related spans only in the documents it checks.
    """
    msg = (
        f"source sentence {number} ({source_path}:{source_line}) has no counterpart in the translation "
        f"(possible omission): {_quote(source_text)}"
    )
    return Hit(UNALIGNED_SEGMENT, Span(at, at), msg, data=(("side", "source"), ("source", source_text)))


def word_span(text: str, start: int, end: int) -> Span:
    """Grow ``[start, end)`` to whole words: a wrong word is reported whole, not its first piece."""
    while start > 0 and WORD_CHAR.match(text[start - 1]) and WORD_CHAR.match(text[start]):
        start -= 1
    while end < len(text) and WORD_CHAR.match(text[end]) and WORD_CHAR.match(text[end - 1]):
        end += 1
    return Span(start, end)


def low_probability(span: Span, min_logprob: float, threshold: float, direction: str) -> Hit:
    """TQ903: a run of target tokens the model finds unlikely given the source (or pivot)."""
    msg = (
        f"unlikely wording given the {direction} ({min_logprob:.1f} bits < {threshold:g}); "
        "check it says what the source says"
    )
    return Hit(LOW_PROBABILITY_SPAN, span, msg, data=(("min_logprob", min_logprob),))
