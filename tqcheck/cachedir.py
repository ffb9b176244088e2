"""Where tqcheck keeps what it computes once and reuses: scores, the place-name index.

``$TQCHECK_CACHE_DIR`` if set, else the platform's user cache dir (platformdirs). Nothing in it is
needed for correctness: every user of it rebuilds or recomputes what is missing or unreadable.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """The cache folder (not created here)."""
    env = os.environ.get("TQCHECK_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tqcheck", appauthor=False))
