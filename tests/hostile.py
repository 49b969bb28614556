"""Hostile and broken files, made in memory: bombs, lies and corruptions of .docx, .pdf, .zip and .csv.

Shared by the reader's unit tests and the fuzz suite (a plain module, imported like support.py).
Every maker is deterministic for its arguments, so a failure names the file that caused it.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

MB = 1024 * 1024
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ESSAY = "On 16 October 1962 President Kennedy was informed about the missile bases on Cuba."

_CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                  b'<Default Extension="xml" ContentType="application/xml"/>'
                  b'<Default Extension="png" ContentType="image/png"/>'
                  b'<Override PartName="/word/document.xml" ContentType="application/'
                  b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         b'officeDocument" Target="word/document.xml"/></Relationships>')


def document_xml(paragraphs: list[str]) -> bytes:
    body = b"".join(b"<w:p><w:r><w:t>" + p.encode() + b"</w:t></w:r></w:p>" for p in paragraphs)
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ' + W + b"><w:body>" + body + \
        b"</w:body></w:document>"


def docx_of(document: bytes, method: int = zipfile.ZIP_DEFLATED, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx (what python-docx needs) around the given word/document.xml."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", document, compress_type=method)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def docx_bomb(megabytes: int, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A .docx whose document.xml is ``megabytes`` of small paragraphs (a few hundred KB zipped)."""
    para = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    head = b'<?xml version="1.0"?><w:document ' + W + b"><w:body>"
    body = head + para * (megabytes * MB // len(para)) + b"</w:body></w:document>"
    return docx_of(body, method)


def docx_deep(depth: int) -> bytes:
    """A .docx whose XML nests ``depth`` elements inside one another."""
    inner = b"<w:p>" * depth + b"</w:p>" * depth
    return docx_of(b'<?xml version="1.0"?><w:document ' + W + b"><w:body>" + inner + b"</w:body></w:document>")


def docx_laughs(levels: int = 9) -> bytes:
    """The billion-laughs entity expansion inside document.xml."""
    ents = [b'<!ENTITY l0 "ha">'] + [b"<!ENTITY l%d \"%s\">" % (i, b"".join(b"&l%d;" % (i - 1) for _ in range(10)))
                                     for i in range(1, levels + 1)]
    dtd = b"<!DOCTYPE w:document [" + b"".join(ents) + b"]>"
    return docx_of(b'<?xml version="1.0"?>' + dtd + b"<w:document " + W + b"><w:body><w:p><w:r><w:t>&l%d;"
                   % levels + b"</w:t></w:r></w:p></w:body></w:document>")


def lie_about_size(data: bytes, member: str, size: int) -> bytes:
    """The zip with ``member``'s uncompressed size in both headers replaced by ``size`` (a lie)."""
    out = bytearray(data)
    name = member.encode()
    for sig, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        pos = out.find(sig)
        while pos != -1:
            n = struct.unpack_from("<H", out, pos + name_len_at)[0]
            if bytes(out[pos + name_at:pos + name_at + n]) == name:
                struct.pack_into("<I", out, pos + size_at, size)
            pos = out.find(sig, pos + 4)
    return bytes(out)


def pdf_of(streams: list[bytes], compress: bool = True) -> bytes:
    """A PDF with one page per content stream, Helvetica for text, an honest cross-reference table."""
    objs: list[bytes] = []
    n_pages = len(streams)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages)).encode()
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n_pages)
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, content in enumerate(streams):
        body = zlib.compress(content, 9) if compress else content
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                    b"/Contents %d 0 R >>" % (5 + 2 * i))
        filt = b" /Filter /FlateDecode" if compress else b""
        objs.append(b"<< /Length %d%s >>\nstream\n" % (len(body), filt) + body + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def text_stream(text: str, repeat: int = 1) -> bytes:
    line = b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1").replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj ET\n"
    return line * repeat


def pdf_bomb(megabytes: int) -> bytes:
    """One page whose content stream inflates to ``megabytes`` of text operators."""
    return pdf_of([text_stream("x", megabytes * MB // 40)])


def zip_bomb(megabytes: int, name: str = "bomb.txt") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, b"0" * (megabytes * MB))
    return buf.getvalue()


def zip_with_method(method: int, megabytes: int, name: str = "e.txt") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(name, ESSAY.encode() + b" " * (megabytes * MB), compress_type=method)
    return buf.getvalue()


def csv_of(rows: list[tuple[str, str]], header: tuple[str, str] = ("student", "essay")) -> bytes:
    import csv

    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue().encode()
