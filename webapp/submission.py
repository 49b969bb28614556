"""Turning what a request carries (pasted text or an uploaded file) into essay text, or a clear refusal.

Shared by the student page and the JSON API so both say the same thing about bad input.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request

from essaycheck.errors import InputError

from .uploads import read_essay_file


@dataclass
class Refusal(Exception):
    """Input we cannot check: an HTTP status, a short code and a message for people."""

    status: int
    code: str
    message: str


_STATUS = {"too_large": 413, "essay_too_large": 413, "unsupported_type": 415, "not_utf8": 422,
           "unreadable": 422, "empty": 422, "essay_empty": 422}


def refusal_from(exc: InputError | Refusal) -> Refusal:
    """The refusal to send for a core input error (a refusal stays as it is)."""
    if isinstance(exc, Refusal):
        return exc
    code = {"empty": "essay_empty"}.get(exc.code, exc.code)
    return Refusal(_STATUS.get(exc.code, 422), code, str(exc))


def text_of_upload(filename: str, data: bytes, max_bytes: int) -> str:
    """The text of an uploaded essay file."""
    try:
        return read_essay_file(filename, data, max_bytes)
    except InputError as exc:
        raise refusal_from(exc) from None


def one_essay_at_a_time() -> None:
    """Before each request of the student page and the API: one essay, so a far smaller upload
    limit than a teacher's zip of a whole class."""
    request.max_content_length = current_app.config.get("ESSAYCHECK_MAX_UPLOAD", 2 * 1024 * 1024)
