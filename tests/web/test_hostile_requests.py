"""What a stranger can send to the student page and the API: bombs, broken text, deep JSON. Never a 500."""
from __future__ import annotations

import io
import json
import zipfile

import pytest

import hostile

pytestmark = pytest.mark.integration
CMC = "cuban-missile-crisis"
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy")


def upload(client, data: bytes, name: str, path: str = "/api/v1/check"):
    field = "file" if path.startswith("/api/") else "upload"
    return client.post(path, data={"assignment": CMC, field: (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


@pytest.mark.parametrize(("case", "make", "status", "message"), [
    ("20 MB of XML, deflated", lambda: hostile.docx_bomb(20), 413, "expands to 20 MB of XML"),
    ("1 GB of XML, LZMA", lambda: hostile.docx_bomb(20, zipfile.ZIP_LZMA), 422, "compressed in a way"),
    ("PDF of 400 pages", lambda: hostile.pdf_of([hostile.text_stream("A page.")] * 400), 413, "400 pages"),
])
@pytest.mark.parametrize("path", ["/api/v1/check", "/"])
def test_a_small_bomb_is_refused_before_it_is_expanded(client, path, case, make, status, message):
    data = make()
    assert len(data) < 200_000  # small enough to send; what matters is what it expands to
    r = upload(client, data, "essay.docx" if "XML" in case else "essay.pdf", path)
    assert r.status_code == status and message in r.get_data(as_text=True)


@pytest.mark.parametrize("essay", [
    "\ud800",                                                # a lone surrogate, as JSON can send it
    "In 1959 Castro took power.\ud83d Kennedy was told on 16 October 1962.",
    "Kennedy\x00 was told on 16 October 1962.\x1b[31m",     # NUL and a terminal escape
])
def test_broken_text_in_json_is_checked_not_a_500(client, essay):
    body = json.dumps({"assignment": CMC, "essay": essay})  # ensure_ascii keeps "\ud800" as an escape
    r = client.post("/api/v1/check", data=body, content_type="application/json")
    if essay.strip("\ud800"):
        assert r.status_code == 200 and r.json["schema"] == "essaycheck.report/1"
    else:
        assert r.status_code == 200  # one replacement character: checked, and found to say nothing


@pytest.mark.parametrize("essay", ["The Romans arrived in the 1st century.", "It was in the 0th century.",
                                   "In the 1st century they came. Ten years later they left."])
def test_centuries_at_the_edge_of_the_calendar_are_checked(client, essay):
    r = client.post("/api/v1/check", json={"assignment": CMC, "essay": essay})
    assert r.status_code == 200
    r = client.post("/", data={"assignment": CMC, "essay": essay}, content_type="multipart/form-data")
    assert r.status_code == 200


@pytest.mark.parametrize("body", ["[" * 1000 + "]" * 1000, '{"a":' * 1000 + "1" + "}" * 1000,
                                  '{"assignment": "x", "essay": ' + "[" * 50 + "]" * 50 + "}"])
def test_deeply_nested_json_is_a_400(client, body):
    r = client.post("/api/v1/check", data=body, content_type="application/json")
    assert r.status_code == 400 and r.json["error"]["code"] in ("bad_json", "missing_field")


def test_brackets_inside_strings_do_not_count_as_nesting(client):
    r = client.post("/api/v1/check", json={"assignment": CMC, "essay": "[" * 500 + " In 1959 Castro took power."})
    assert r.status_code == 200


@pytest.mark.parametrize("path", ["/", "/api/v1/assignments", "/api/v1/nope", "/teacher/login", "/static/app.js",
                                  "/health"])
def test_every_response_carries_the_security_headers(client, path):
    r = client.get(path)
    for header in SECURITY_HEADERS:
        assert header in r.headers, (path, header)
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff" and r.headers["X-Frame-Options"] == "DENY"


def test_a_nul_in_a_path_is_not_found(client):
    assert client.get("/r/abc%00def").status_code == 404


def test_a_form_part_without_a_name_is_ignored(client):
    body = (b'--b\r\nContent-Disposition: form-data; name=""\r\n\r\ntrue\r\n'
            b'--b\r\nContent-Disposition: form-data; name="assignment"\r\n\r\n' + CMC.encode() + b"\r\n"
            b'--b\r\nContent-Disposition: form-data; name="file"; filename="e.txt"\r\n\r\n'
            b"In 1959 Castro took power.\r\n--b--\r\n")
    r = client.post("/api/v1/check", data=body, content_type="multipart/form-data; boundary=b")
    assert r.status_code == 200 and r.json["essay"] == "e.txt"
