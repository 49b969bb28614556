"""Errors a user can cause and fix: each carries a short code and a one-line message."""
from __future__ import annotations


class EssaycheckError(Exception):
    """A problem with what the user gave us, never a bug: shown as one line."""

    code = "bad_input"

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        if code:
            self.code = code

    @property
    def message(self) -> str:
        return str(self)


class InputError(EssaycheckError):
    """An essay or source that cannot be read or is empty, too large or not text."""


class PackError(EssaycheckError):
    """An assignment pack that is missing parts or has a broken overrides or rubric file."""

    code = "bad_pack"
