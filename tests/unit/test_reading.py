"""Bad files end in a one-line error naming the file, never a traceback."""
from __future__ import annotations

import io
import zipfile

import pytest

from essaycheck.errors import InputError
from essaycheck.reading import extract_text, read_file

import hostile

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


# -- bounded reading: every cap applies before or while parsing, never after ---------------------

def _refused(data: bytes, name: str, limits=None) -> InputError:
    from essaycheck.reading import DEFAULT_LIMITS

    with pytest.raises(InputError) as err:
        extract_text(data, name, LIMIT, limits or DEFAULT_LIMITS)
    assert name in str(err.value) and "\n" not in str(err.value)
    return err.value


@pytest.mark.parametrize(("case", "make", "code", "message"), [
    ("deflated 20 MB of XML", lambda: hostile.docx_bomb(20), "too_large", "expands to 20 MB of XML"),
    ("LZMA 20 MB of XML", lambda: hostile.docx_bomb(20, zipfile.ZIP_LZMA), "unreadable", "compressed in a way"),
    ("bzip2 20 MB of XML", lambda: hostile.docx_bomb(20, zipfile.ZIP_BZIP2), "unreadable", "compressed in a way"),
    ("a size that lies", lambda: hostile.lie_about_size(hostile.docx_bomb(20), "word/document.xml", 1000),
     "unreadable", "not a readable .docx"),
    ("7 MB of tiny paragraphs", lambda: hostile.docx_bomb(7), "too_large", "XML elements"),
    ("XML 5,000 deep", lambda: hostile.docx_deep(5000), "too_large", "nests XML over 100 deep"),
    ("billion laughs", hostile.docx_laughs, "unreadable", "DTDForbidden"),
])
def test_docx_bombs_are_refused_before_they_are_expanded(case, make, code, message):
    err = _refused(make(), "e.docx")
    assert err.code == code and message in str(err), str(err)


def test_a_docx_is_read_from_its_xml_parts_only():
    data = hostile.docx_of(hostile.document_xml(["First line.", "Second line."]),
                           extra={"word/media/photo.png": b"\x89PNG" + bytes(range(256)) * 100})
    assert extract_text(data, "e.docx", LIMIT) == "First line.\nSecond line."


@pytest.mark.parametrize(("case", "make", "code", "message"), [
    ("a 60 MB content stream", lambda: hostile.pdf_bomb(60), "unreadable", "LimitReachedError"),
    ("400 pages", lambda: hostile.pdf_of([hostile.text_stream("A page.")] * 400), "too_large", "400 pages"),
    ("more text than the limit", lambda: hostile.pdf_of([hostile.text_stream("y" * 200, 60)] * 90), "too_large",
     "characters of text"),
    ("garbage after the header", lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40, "unreadable",
     "not a readable .pdf"),
])
def test_pdf_bombs_are_refused_while_they_are_read(case, make, code, message):
    err = _refused(make(), "e.pdf")
    assert err.code == code and message in str(err), str(err)


def test_a_pdf_is_read():
    assert extract_text(hostile.pdf_of([hostile.text_stream("On 16 October 1962 Kennedy was told.")]), "e.pdf",
                        LIMIT).strip() == "On 16 October 1962 Kennedy was told."


@pytest.mark.parametrize("name", ["e.docx", "e.pdf"])
def test_reading_stops_when_the_time_budget_is_spent(name):
    from essaycheck.reading import ReadLimits

    data = hostile.docx_bomb(1) if name == "e.docx" else hostile.pdf_of([hostile.text_stream("x", 2000)] * 3)
    err = _refused(data, name, ReadLimits(seconds=0))
    assert err.code == "too_large" and "took over 0 seconds" in str(err)


@pytest.mark.parametrize(("raw", "clean"), [
    ("a\ud800b", "a\ufffdb"),                  # a lone surrogate, as JSON can send it
    ("a\x00b\x07c\x1bd\x7fe\x85f", "a b c d e f"),  # NUL and other control characters, one for one
    ("tab\tand\r\nnewline", "tab\tand\nnewline"),
])
def test_text_is_normalised_at_the_door_without_moving_offsets(raw, clean):
    from essaycheck.reading import normalise

    assert normalise(raw) == clean


def test_names_are_cleaned_to_one_line():
    from essaycheck.reading import clean_line

    assert clean_line(" Ann\x00\r\n Smith\ud800 ", 10) == "Ann Smith\ufffd"
    assert clean_line("x" * 300, 200) == "x" * 200
