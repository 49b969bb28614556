"""The student pages through Flask's test client: every page, every bad input, no 500."""
from __future__ import annotations

import io
import re

import pytest

from support import CMC_PACK

pytestmark = pytest.mark.integration
CMC = "cuban-missile-crisis"
WRONG = "On 18 October 1962 President Kennedy was informed about the missile bases on Cuba."


def post(client, **data):
    data.setdefault("assignment", CMC)
    return client.post("/", data=data, content_type="multipart/form-data")


def test_the_check_page_has_the_default_assignment_and_labelled_fields(client):
    r = client.get("/")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "The Cuban Missile Crisis" in html
    for field_id in ("assignment", "essay", "upload"):
        assert re.search(rf'<label[^>]+for="{field_id}"', html), field_id
    assert "not stored" in html
    assert "cdn" not in html.lower() and "https://" not in html  # everything served locally


def test_feedback_marks_the_wrong_date_and_says_why(client):
    r = post(client, essay=WRONG, mode="reveal")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    mark = re.search(r'<span class="mark wrong" tabindex="0"[^>]*>(.*?)</span></span>', html, re.S)
    assert mark and "18 October 1962" in mark.group(1)
    assert "Does not match the sources" in mark.group(1)          # a text label, not only a colour
    assert "16 October 1962" in html                              # reveal mode says what the sources say
    assert "On the 16th of October, 1962, President Kennedy was informed" in html  # the evidence, below too
    assert '<table class="rubric">' in html and "Total" in html
    assert "<svg" in html and 'role="img"' in html                # the timeline


def test_coverage_lists_covered_and_missed_key_facts(client):
    html = post(client, essay=(CMC_PACK / "examples" / "sample-essay.txt").read_text(), mode="reveal").get_data(
        as_text=True)
    covered = re.search(r"<h3>Covered \((\d+)\)</h3>", html)
    missed = re.search(r"<h3>Missed \((\d+)\)</h3>", html)
    assert int(covered.group(1)) > 3 and int(missed.group(1)) > 3


def test_script_in_an_essay_is_shown_as_text(client):
    essay = 'In 1959 Castro took power. <script>alert("x")</script> <img src=x onerror=alert(1)> He won.'
    html = post(client, essay=essay).get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html or "&lt;script&gt;" in html


@pytest.mark.parametrize(("data", "status", "message"), [
    ({"essay": ""}, 422, "Your essay is empty"),
    ({"essay": "   \n  "}, 422, "Your essay is empty"),
    ({"essay": "x " * 40_000}, 413, "the limit is 60,000"),
    ({"upload": (io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "essay.txt")}, 422, "binary"),
    ({"upload": (io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "essay.docx")}, 422, "not a readable .docx"),
    ({"upload": (io.BytesIO(b"PK\x03\x04garbage"), "essay.docx")}, 422, "not a readable .docx"),
    ({"upload": (io.BytesIO(b"%PDF-1.4\ngarbage"), "essay.pdf")}, 422, "not a readable .pdf"),
    ({"upload": (io.BytesIO("Caf\xe9".encode("latin-1")), "essay.txt")}, 422, "not UTF-8"),
    ({"upload": (io.BytesIO(b"MZ\x90\x00"), "essay.exe")}, 415, "cannot be checked"),
    ({"upload": (io.BytesIO(b""), "essay.txt")}, 422, "no text"),
    ({"assignment": "no-such-thing", "essay": WRONG}, 422, "Not a valid choice"),
])
def test_bad_input_gets_a_message_next_to_the_field(client, data, status, message):
    r = post(client, **data)
    html = r.get_data(as_text=True)
    assert r.status_code == status
    assert message.replace("'", "&#39;") in html
    assert 'role="alert"' in html and "Traceback" not in html


def test_a_10_mb_upload_is_refused_with_413(client):
    r = post(client, upload=(io.BytesIO(b"a" * (10 * 1024 * 1024)), "essay.txt"))
    assert r.status_code == 413 and "larger than the limit" in r.get_data(as_text=True)


def test_a_form_without_its_csrf_token_is_refused(nlp):
    from webapp import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "test"})
    r = app.test_client().post("/", data={"assignment": CMC, "essay": WRONG})
    assert r.status_code == 400 and "expired" in r.get_data(as_text=True)


def test_a_form_with_its_csrf_token_works(nlp):
    from webapp import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "test"})
    c = app.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', c.get("/").get_data(as_text=True)).group(1)
    assert c.post("/", data={"assignment": CMC, "essay": WRONG, "csrf_token": token}).status_code == 200


def test_docx_and_pdf_uploads_are_checked(client, tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph(WRONG)
    buf = io.BytesIO()
    d.save(buf)
    html = post(client, upload=(io.BytesIO(buf.getvalue()), "essay.docx")).get_data(as_text=True)
    assert 'class="mark wrong"' in html
    pdf = _tiny_pdf(WRONG)
    html = post(client, upload=(io.BytesIO(pdf), "essay.pdf")).get_data(as_text=True)
    assert 'class="mark wrong"' in html


def test_unknown_pages_are_404_pages(client):
    r = client.get("/nowhere")
    assert r.status_code == 404 and "Page not found" in r.get_data(as_text=True)


def _tiny_pdf(text: str) -> bytes:
    """A one-page PDF with the text, written by hand (no PDF writer needed)."""
    stream = f"BT /F1 10 Tf 20 700 Td ({text}) Tj ET".encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_an_order_problem_is_marked_on_the_timeline(client):
    essay = ("The Bay of Pigs invasion took place in April 1961. Before the Bay of Pigs invasion, "
             "a U-2 spy plane found the missile sites on 14 October 1962.")
    html = post(client, essay=essay, mode="reveal").get_data(as_text=True)
    assert "Order problem:" in html and "&#x2717; order" in html or "\u2717 order" in html


def test_threads_share_one_assignment_safely(app):
    """Many requests at once on one process give the same reports as one at a time."""
    from concurrent.futures import ThreadPoolExecutor

    essays = [WRONG, "In 1959 Castro took power in Cuba.", "The CIA trained about 4,000 Cuban exiles."] * 4

    def check(text):
        with app.test_client() as c:
            return c.post("/api/v1/check", json={"assignment": CMC, "essay": text}).get_json()

    alone = [check(e) for e in essays]
    with ThreadPoolExecutor(6) as pool:
        together = list(pool.map(check, essays))
    assert together == alone
