"""The checks, in the order their findings win when two rules report the same span."""

from __future__ import annotations

from tqcheck.checks.glossary import GlossaryCheck
from tqcheck.checks.mechanics import MechanicsCheck

CHECKS: tuple[GlossaryCheck | MechanicsCheck, ...] = (GlossaryCheck(), MechanicsCheck())
