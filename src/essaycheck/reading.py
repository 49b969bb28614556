"""Reading essays and sources: plain text, .docx and .pdf, with clear errors for bad input.

Every file is read under limits in megabytes and seconds that are checked before or while
it is parsed, never after it has been expanded: a small .docx can hold gigabytes of XML,
and a small PDF streams that inflate without end. The libraries' own safe-parsing options
do the work where they exist: ``zipfile`` reads deflated members in bounded chunks,
``defusedxml`` refuses DTDs and entities, and pypdf's ``apply_configuration`` caps every
decompression. What none of them offers is written here: a wall-clock budget, a cap on XML
nesting and element count (they bound the memory python-docx's lxml tree takes), and
refusing zip members compressed with LZMA or bzip2, whose ``zipfile`` readers expand a
4 KB read into as much output as it holds.
"""
from __future__ import annotations

import io
import re
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

_BINARY_MARKERS = (b"\x00",)
MB = 1024 * 1024

# C0 and C1 control characters other than tab and newline (carriage returns are newlines by
# then), and UTF-16 surrogates, which in a Python str are always unpaired: JSON can carry them
# ("\ud800"), UTF-8 cannot be encoded from them, and PostgreSQL refuses NUL in text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class ReadLimits:
    """How far one file may be read; each bound is checked before or while parsing."""

    seconds: float = 10.0  # wall-clock time to read one file
    members: int = 2_000  # parts of a .docx
    xml_bytes: int = 8 * MB  # one XML part of a .docx, decompressed
    total_xml_bytes: int = 24 * MB  # every XML part of a .docx, decompressed
    xml_depth: int = 100  # nesting of XML elements (Word's own documents stay under 20)
    xml_elements: int = 300_000  # elements in one .docx (bounds the lxml tree python-docx builds)
    pdf_pages: int = 300
    pdf_stream_bytes: int = 8 * MB  # one PDF stream, decompressed


DEFAULT_LIMITS = ReadLimits()


def normalise(text: str) -> str:
    """Newlines as ``\\n``, no byte-order mark, no control characters or lone surrogates.

    Offsets in reports index this text, so a control character becomes a space and a lone
    surrogate U+FFFD, one for one: only ``\\r\\n`` and the byte-order mark change its length.
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATE.sub("\ufffd", _CONTROL.sub(" ", text))


def clean_line(text: str, max_chars: int | None = None) -> str:
    """A name, title or file name as one line: normalised, runs of white space as one space."""
    line = _SPACES.sub(" ", normalise(text)).strip()
    return line[:max_chars] if max_chars is not None else line


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text from bytes, or an InputError saying why not."""
    if any(m in data[:8192] for m in _BINARY_MARKERS):
        raise InputError(f"{name}: looks like a binary file, not text", "unreadable")
    try:
        return normalise(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: is not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again",
                         "not_utf8") from None


def extract_text(data: bytes, name: str, max_bytes: int, limits: ReadLimits = DEFAULT_LIMITS) -> str:
    """Text of an uploaded or given file by its extension: .txt, .md, .docx or .pdf.

    At most ``max_bytes`` are read, and at most as many characters of text come out.
    """
    if len(data) > max_bytes:
        raise InputError(f"{name}: is {len(data) // 1024} KB, over the {max_bytes // 1024} KB limit", "too_large")
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        text = _docx_text(data, name, limits, _Budget(name, limits.seconds))
    elif suffix == ".pdf":
        text = _pdf_text(data, name, max_bytes, limits, _Budget(name, limits.seconds))
    elif suffix in ("", ".txt", ".text", ".md"):
        return decode_text(data, name)
    else:
        raise InputError(f"{name}: unsupported file type {suffix!r}; use .txt, .docx or .pdf", "unsupported_type")
    if len(text) > max_bytes:
        raise InputError(f"{name}: holds over {max_bytes:,} characters of text; the limit is {max_bytes:,}",
                         "too_large")
    return text


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


class _Budget:
    """A deadline for reading one file, checked as the work goes."""

    def __init__(self, name: str, seconds: float):
        self.name, self.seconds = name, seconds
        self.deadline = time.monotonic() + seconds

    def check(self, *_args) -> None:
        if time.monotonic() > self.deadline:
            raise InputError(f"{self.name}: took over {self.seconds:g} seconds to read; it is too large or "
                             f"too complex", "too_large")


def _too_large(name: str, what: str) -> InputError:
    return InputError(f"{name}: refused, {what}", "too_large")


def _unreadable(name: str, kind: str, why: str) -> InputError:
    return InputError(f"{name}: is not a readable {kind} file ({why})", "unreadable")


# -- .docx ----------------------------------------------------------------------------------

def _docx_text(data: bytes, name: str, limits: ReadLimits, budget: _Budget) -> str:
    """Check and read each XML part under the limits, then let python-docx read those parts only."""
    try:
        import docx  # python-docx, optional: only the web app needs it
    except ImportError:  # pragma: no cover - depends on the install
        raise InputError(f"{name}: .docx support is not installed", "unsupported_type") from None
    parts = _docx_parts(data, name, limits, budget)
    # python-docx reads every part of the package it is given in full, so it gets a copy holding
    # only the parts checked above; pictures and other binary parts are left empty (text only).
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_STORED) as out:
        for member, content in parts.items():
            out.writestr(member, content)
    try:
        document = docx.Document(io.BytesIO(rebuilt.getvalue()))
        text = "\n".join(p.text for p in document.paragraphs)
    except Exception as exc:  # python-docx and lxml raise many kinds of error on broken parts
        raise _unreadable(name, ".docx", type(exc).__name__) from None
    return normalise(text)


def _docx_parts(data: bytes, name: str, limits: ReadLimits, budget: _Budget) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _unreadable(name, ".docx", type(exc).__name__) from None
    if len(members) > limits.members:
        raise _too_large(name, f"it has {len(members):,} parts; a .docx may have {limits.members:,}")
    parts: dict[str, bytes] = {}
    left = limits.total_xml_bytes
    counter = _XmlCounter(name, limits, budget)
    for m in members:
        if not m.filename.lower().endswith((".xml", ".rels")):
            parts[m.filename] = b""
            continue
        if m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _unreadable(name, ".docx", f"{m.filename} is compressed in a way Word does not use")
        cap = min(limits.xml_bytes, left)
        if m.file_size > cap:
            raise _too_large(name, f"{m.filename} expands to {m.file_size / MB:.0f} MB of XML")
        content = _read_member(archive, m, cap, name, budget)
        left -= len(content)
        counter.check(content, m.filename)
        parts[m.filename] = content
    return parts


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, cap: int, name: str, budget: _Budget) -> bytes:
    """A member's bytes, decompressed in chunks and never past ``cap`` (its declared size may lie)."""
    chunks, size = [], 0
    try:
        with archive.open(member) as fh:
            while chunk := fh.read(256 * 1024):
                size += len(chunk)
                if size > cap:
                    raise _too_large(name, f"{member.filename} expands past {cap / MB:.0f} MB of XML")
                chunks.append(chunk)
                budget.check()
    except InputError:
        raise
    except Exception as exc:  # a bad CRC, a broken deflate stream, encryption, a truncated file
        raise _unreadable(name, ".docx", type(exc).__name__) from None
    return b"".join(chunks)


class _XmlCounter:
    """Streams each XML part through defusedxml's SAX parser: no DTD, no entities, bounded nesting."""

    def __init__(self, name: str, limits: ReadLimits, budget: _Budget):
        self.name, self.limits, self.budget = name, limits, budget
        self.elements = 0

    def check(self, content: bytes, member: str) -> None:
        from xml.sax import SAXException
        from xml.sax.handler import ContentHandler

        from defusedxml import DefusedXmlException
        from defusedxml.sax import parseString

        counter, limits = self, self.limits

        class Handler(ContentHandler):
            depth = 0

            def startElement(self, tag, attrs):
                self.depth += 1
                counter.elements += 1
                if self.depth > limits.xml_depth:
                    raise _too_large(counter.name, f"{member} nests XML over {limits.xml_depth} deep")
                if counter.elements > limits.xml_elements:
                    raise _too_large(counter.name, f"it has over {limits.xml_elements:,} XML elements")
                if counter.elements % 2048 == 0:
                    counter.budget.check()

            def endElement(self, tag):
                self.depth -= 1

        if not content.strip():
            return  # python-docx says whether an empty part matters
        try:
            parseString(content, Handler(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
        except InputError:
            raise
        except (DefusedXmlException, SAXException, ValueError) as exc:
            raise _unreadable(self.name, ".docx", f"{member}: {type(exc).__name__}") from None


# -- .pdf -----------------------------------------------------------------------------------

def _pdf_text(data: bytes, name: str, max_chars: int, limits: ReadLimits, budget: _Budget) -> str:
    try:
        from pypdf import PdfReader, apply_configuration
    except ImportError:  # pragma: no cover - depends on the install
        raise InputError(f"{name}: .pdf support is not installed", "unsupported_type") from None
    cap = limits.pdf_stream_bytes
    safe = dict(maximum_declared_stream_length=cap, array_based_stream_maximum_output_length=cap,
                jbig2_maximum_output_length=cap, lzw_maximum_output_length=cap, run_length_maximum_output_length=cap,
                zlib_maximum_output_length=cap, brotli_maximum_output_length=cap, image_maximum_buffer_size=cap,
                stream_decoding_work_maximum_length=4 * cap, page_tree_maximum_entries=4 * limits.pdf_pages,
                jbig2dec_binary=None)  # text only: never run an outside program on an upload
    pages: list[str] = []
    chars = 0
    try:
        with apply_configuration(**safe):
            reader = PdfReader(io.BytesIO(data))
            count = len(reader.pages)
            if count > limits.pdf_pages:
                raise _too_large(name, f"it has {count:,} pages; the limit is {limits.pdf_pages:,}")
            for page in reader.pages:
                budget.check()
                text = page.extract_text(visitor_operand_before=budget.check) or ""
                chars += len(text)
                if chars > max_chars:
                    raise _too_large(name, f"it holds over {max_chars:,} characters of text")
                pages.append(text)
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on broken or hostile files
        raise _unreadable(name, ".pdf", type(exc).__name__) from None
    return normalise("\n".join(pages))
