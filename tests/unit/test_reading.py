"""Bad files end in a one-line error naming the file, never a traceback."""
from __future__ import annotations

import io
import zipfile

import pytest

from essaycheck.errors import InputError
from essaycheck.reading import extract_text, read_file

LIMIT = 1_000_000


@pytest.mark.parametrize(("name", "data", "code"), [
    ("e.txt", "caf\xe9".encode("latin-1"), "not_utf8"),
    ("e.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "unreadable"),
    ("e.docx", b"PK\x03\x04 not really a zip", "unreadable"),
    ("e.pdf", b"%PDF-1.4 broken", "unreadable"),
    ("e.exe", b"MZ", "unsupported_type"),
    ("e.txt", b"x" * (LIMIT + 1), "too_large"),
])
def test_bad_bytes_get_a_clear_error(name, data, code):
    with pytest.raises(InputError) as err:
        extract_text(data, name, LIMIT)
    assert err.value.code == code and name in str(err.value) and "\n" not in str(err.value)


def test_text_is_normalised():
    assert extract_text("\ufeffa\r\nb\rc".encode(), "e.txt", LIMIT) == "a\nb\nc"


def test_docx_text_is_read():
    docx = pytest.importorskip("docx")
    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("On 16 October 1962 Kennedy was told.")
    d.save(buf)
    assert "16 October 1962" in extract_text(buf.getvalue(), "e.docx", LIMIT)


def test_a_docx_with_broken_xml_inside_is_unreadable():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<not xml")
    with pytest.raises(InputError, match="not a readable .docx"):
        extract_text(buf.getvalue(), "e.docx", LIMIT)


@pytest.mark.parametrize(("content", "message"), [(None, "no such"), (b"   \n", "is empty")])
def test_missing_and_empty_files(tmp_path, content, message):
    p = tmp_path / "essay.txt"
    if content is not None:
        p.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_file(p, LIMIT)
