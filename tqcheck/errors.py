"""Errors that mean "bad input or usage": the CLI prints them on one line and exits 2."""

from __future__ import annotations


class InputError(Exception):
    """A problem with something the user gave us (file, glossary, option), never a bug.

    ``where`` is ``path`` or ``path:line`` and is printed first, like a compiler would.
    """

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message
