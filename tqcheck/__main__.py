"""Allow ``python -m tqcheck``."""

from tqcheck.cli import main

main()
