"""The checks, in the order their findings win when two rules report the same span."""

from __future__ import annotations

from tqcheck.bilingual.check import BilingualCheck
from tqcheck.checks.acronyms import AcronymCheck
from tqcheck.checks.base import Check
from tqcheck.checks.glossary import GlossaryCheck
from tqcheck.checks.mechanics import MechanicsCheck
from tqcheck.checks.pronouns import PronounCheck
from tqcheck.checks.variants import VariantCheck

CHECKS: tuple[Check, ...] = (
    GlossaryCheck(),
    PronounCheck(),
    VariantCheck(),
    AcronymCheck(),
    BilingualCheck(),
    MechanicsCheck(),
)
