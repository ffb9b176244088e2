"""Allow ``python -m tqcheck``."""

from tqcheck.entry import main

main()
