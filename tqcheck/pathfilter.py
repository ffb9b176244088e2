"""Path patterns from a config file, read the way ``.gitignore`` reads them (``pathspec``).

``exclude`` and ``per-file-ignores`` are written by someone looking at the folder that holds the
config file, so a pattern is matched against the path relative to that folder: ``drafts/``
skips that folder, ``*.po`` any PO file at any depth, ``/wire/*.txt`` only the top ``wire``
folder's texts, ``!keep.txt`` re-includes, as in git. A file outside the config's folder is
matched by the path it was given as.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pathspec


class PathFilter:
    """Compiled gitignore-style patterns, anchored at ``root`` (the config file's folder).

    Every run makes one (``exclude``), most with no pattern: pathspec, whose import probes its
    optional backends (a tenth of a one-article check's imports), is loaded only for patterns.
    """

    def __init__(self, patterns: Iterable[str], root: Path | None = None) -> None:
        self.patterns = tuple(patterns)
        self._spec: pathspec.GitIgnoreSpec | None = None
        if self.patterns:
            import pathspec

            self._spec = pathspec.GitIgnoreSpec.from_lines(self.patterns)
        self._root = os.path.abspath(root) if root is not None else None

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def relative(self, path: str) -> str:
        """``path`` as the patterns see it: relative to the root when under it, with ``/``."""
        if self._root is not None:
            absolute = os.path.abspath(path)
            if absolute == self._root or absolute.startswith(self._root + os.sep):
                return os.path.relpath(absolute, self._root).replace(os.sep, "/")
        return path.replace(os.sep, "/")

    def matches(self, path: str, is_dir: bool = False) -> bool:
        """Whether the patterns select ``path`` (a folder's patterns end with ``/``)."""
        if self._spec is None:
            return False
        rel = self.relative(path)
        return self._spec.match_file(rel + "/" if is_dir else rel)
