"""Allow ``python -m tqcheck``."""

from tqcheck.entry import run

run()
