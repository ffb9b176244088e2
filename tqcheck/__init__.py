"""tqcheck: translation-quality checks for machine-translated news.

``tqcheck.check_text(text, source=..., lang=...)`` and ``tqcheck.check_paths(paths, ...)`` are the
Python API (:mod:`tqcheck.api`); they load on first use, so ``import tqcheck`` stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tqcheck._version import __version__

if TYPE_CHECKING:
    from tqcheck.api import check_files, check_paths, check_text, load_settings

_API = ("check_files", "check_paths", "check_text", "load_settings")
__all__ = ["__version__", "check_files", "check_paths", "check_text", "load_settings"]


def __getattr__(name: str) -> Any:
    if name in _API:
        from tqcheck import api  # loaded on first use: the CLI's start-up never pays for it

        return getattr(api, name)
    raise AttributeError(f"module 'tqcheck' has no attribute {name!r}")
