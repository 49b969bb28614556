"""Turning what a request carries (pasted text or an uploaded file) into essay text, or a clear refusal.

Shared by the student page and the JSON API so both say the same thing about bad input.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from essaycheck.errors import InputError
from essaycheck.reading import extract_text

UPLOAD_TYPES = (".txt", ".docx", ".pdf")


@dataclass
class Refusal(Exception):
    """Input we cannot check: an HTTP status, a short code and a message for people."""

    status: int
    code: str
    message: str


_STATUS = {"too_large": 413, "essay_too_large": 413, "unsupported_type": 415, "not_utf8": 422,
           "unreadable": 422, "empty": 422, "essay_empty": 422}


def refusal_from(exc: InputError) -> Refusal:
    code = {"empty": "essay_empty"}.get(exc.code, exc.code)
    return Refusal(_STATUS.get(exc.code, 422), code, str(exc))


def text_of_upload(filename: str, data: bytes, max_bytes: int) -> str:
    """The text of an uploaded essay file."""
    suffix = Path(filename).suffix.lower()
    if suffix not in UPLOAD_TYPES:
        raise Refusal(415, "unsupported_type",
                      f"{filename}: files of type {suffix or '(none)'} cannot be checked; use .txt, .docx or .pdf")
    try:
        text = extract_text(data, filename, max_bytes)
    except InputError as exc:
        raise refusal_from(exc) from None
    if not text.strip():
        raise Refusal(422, "essay_empty", f"{filename}: the file has no text in it")
    return text
