"""Errors that mean "bad input or usage": the CLI prints them on one line and exits 2."""

from __future__ import annotations

import re

_ONE_LINE = re.compile(r"\s*[\r\n]+\s*")


class InputError(Exception):
    """A problem with something the user gave us (file, glossary, option), never a bug.

    ``where`` is ``path`` or ``path:line`` and is printed first, like a compiler would.
    """

    def __init__(self, message: str, where: str | None = None) -> None:
        message = _ONE_LINE.sub(" ", message).strip()  # parsers' messages span lines; ours never do
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def os_reason(exc: OSError) -> str:
    """An OS error in the words of a one-line message (``permission denied``, ``no such file``)."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)
