"""Reading essays and sources: plain text, .docx and .pdf, with clear errors for bad input."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .errors import InputError

_BINARY_MARKERS = (b"\x00",)


def normalise(text: str) -> str:
    """Newlines as ``\\n`` and no byte-order mark: offsets in reports index this text."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text from bytes, or an InputError saying why not."""
    if any(m in data[:8192] for m in _BINARY_MARKERS):
        raise InputError(f"{name}: looks like a binary file, not text", "unreadable")
    try:
        return normalise(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: is not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again",
                         "not_utf8") from None


def extract_text(data: bytes, name: str, max_bytes: int) -> str:
    """Text of an uploaded or given file by its extension: .txt, .md, .docx or .pdf."""
    if len(data) > max_bytes:
        raise InputError(f"{name}: is {len(data) // 1024} KB, over the {max_bytes // 1024} KB limit", "too_large")
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        return _docx_text(data, name)
    if suffix == ".pdf":
        return _pdf_text(data, name)
    if suffix in ("", ".txt", ".text", ".md"):
        return decode_text(data, name)
    raise InputError(f"{name}: unsupported file type {suffix!r}; use .txt, .docx or .pdf", "unsupported_type")


def read_file(path: str | Path, max_bytes: int, what: str = "file") -> str:
    """Read one essay or source file, with a one-line error naming it when that fails."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such {what}", "missing")
    if not p.is_file():
        raise InputError(f"{p}: is not a file", "missing")
    size = p.stat().st_size
    if size > max_bytes:
        raise InputError(f"{p}: is {size // 1024} KB, over the {max_bytes // 1024} KB limit for a {what}",
                         "too_large")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror})", "unreadable") from None
    text = extract_text(data, str(p), max_bytes)
    if not text.strip():
        raise InputError(f"{p}: is empty", "empty")
    return text


def _docx_text(data: bytes, name: str) -> str:
    try:
        import docx  # python-docx, optional: only the web app needs it
    except ImportError:  # pragma: no cover - depends on the install
        raise InputError(f"{name}: .docx support is not installed", "unsupported_type") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{name}: is not a readable .docx file ({type(exc).__name__})", "unreadable") from None
    except Exception as exc:  # lxml raises its own errors on broken XML inside a valid zip
        raise InputError(f"{name}: is not a readable .docx file ({type(exc).__name__})", "unreadable") from None
    return normalise("\n".join(p.text for p in document.paragraphs))


def _pdf_text(data: bytes, name: str) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:  # pragma: no cover - depends on the install
        raise InputError(f"{name}: .pdf support is not installed", "unsupported_type") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, OSError, TypeError) as exc:
        raise InputError(f"{name}: is not a readable .pdf file ({type(exc).__name__})", "unreadable") from None
    return normalise("\n".join(pages))
