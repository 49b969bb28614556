"""Paths and helpers shared by the tests (a plain module: conftest files are not for importing)."""
from __future__ import annotations

import io
import threading
import zipfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
CMC_PACK = ROOT / "rubric" / "cuban-missile-crisis"
SECOND_TOPIC = DATA / "gunpowder-plot"
TEACHER_PASSWORD = "correct horse battery"


def make_teacher(app, email: str, password: str = TEACHER_PASSWORD) -> None:
    """A teacher account, made with the real command."""
    result = app.test_cli_runner().invoke(args=["create-teacher", email, "--name", email.split("@")[0].title(),
                                                "--password", password])
    assert result.exit_code == 0, result.output


def zip_of(entries) -> bytes:
    """A .zip in memory from (name or ZipInfo, data) pairs, or from a {name: data} dict."""
    if isinstance(entries, dict):
        entries = entries.items()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            z.writestr(info, data)
    return buf.getvalue()


def pack_assignment(client, title: str = "CMC", pack: str = "cuban-missile-crisis") -> int:
    """A new assignment from a ready-made pack, made on the teacher page; its id."""
    r = client.post("/teacher/assignments/new", data={"title": title, "pack": pack, "mode": "hint",
                                                      "date_order": "day-first"})
    assert r.status_code == 302, r.get_data(as_text=True)[:800]
    return int(r.headers["Location"].rstrip("/").split("/")[-1])


def upload_batch(client, assignment_id: int, name: str, files: list[tuple[bytes, str]], **kwargs):
    """Upload (data, filename) files as a batch on the teacher page."""
    return client.post(f"/teacher/assignments/{assignment_id}/batches",
                       data={"name": name, "files": [(io.BytesIO(d), n) for d, n in files]},
                       content_type="multipart/form-data", **kwargs)


def login(app, email: str, password: str = TEACHER_PASSWORD):
    """A test client logged in as that teacher."""
    c = app.test_client()
    r = c.post("/teacher/login", data={"email": email, "password": password})
    assert r.status_code == 302, r.get_data(as_text=True)[:500]
    return c


def form_fields(html: str, form_id: str | None = None, action: str | None = None) -> list[tuple[str, str]]:
    """What a browser would send for a form of the page as it stands: (name, value) pairs of its
    text inputs, hidden inputs, ticked boxes, chosen options and text areas, in page order."""
    from html.parser import HTMLParser

    class Form(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.inside, self.fields, self.select, self.textarea = False, [], None, None
            self.options: list[tuple[str, bool]] = []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "form":
                self.inside = (form_id is None or a.get("id") == form_id) and (action is None or a.get("action") == action)
            elif not self.inside:
                return
            elif tag == "input" and a.get("name") and a.get("type", "text") not in ("submit", "button", "file"):
                if a.get("type") in ("checkbox", "radio"):
                    if "checked" in a:
                        self.fields.append((a["name"], a.get("value", "on")))
                else:
                    self.fields.append((a["name"], a.get("value", "")))
            elif tag == "select":
                self.select, self.options = a.get("name"), []
            elif tag == "option" and self.select:
                self.options.append((a.get("value", ""), "selected" in a))
            elif tag == "textarea":
                self.textarea = [a.get("name"), ""]

        def handle_data(self, data):
            if self.textarea is not None:
                self.textarea[1] += data

        def handle_endtag(self, tag):
            if tag == "form":
                self.inside = False
            elif tag == "select" and self.select:
                chosen = [v for v, s in self.options if s] or [v for v, _ in self.options[:1]]
                self.fields.extend((self.select, v) for v in chosen)
                self.select = None
            elif tag == "textarea" and self.textarea is not None:
                self.fields.append((self.textarea[0], self.textarea[1].removeprefix("\r").removeprefix("\n")))
                self.textarea = None

    parser = Form()
    parser.feed(html)
    return parser.fields


#: Texts whose sentence starts are easy to get wrong: line breaks of every kind, abbreviations,
#: quotes, numbers, leading and trailing space, one token, none.
AWKWARD_TEXTS = (
    "",
    " ",
    "\n",
    "x",
    "\n\nTwo blank lines first. Then a sentence.",
    "No full stops\nat the ends\r\nof these lines\n\n\nthree breaks\t\nand a tab",
    "Mr. Kennedy met Gen. Curtis LeMay on Oct. 16. He said no. Dr. X. Smith agreed!",
    'He said "Go." Then 14 ships sailed. (They stopped.) [Later] 1962 ended.',
    "Ends with a break\n",
    "A.B.C. D.E.F.\nU.S. forces... 3 days later. ?! What?!",
    "  Indented line\n    another  indented\n\t\ttabbed. Then more.  ",
    "Lines:\n- one item\n- another item\n1. numbered\n2. list",
)


def sentence_starts_token_by_token(nlp, text: str) -> list[bool]:
    """Sentence starts as the line sentencizer used to set them: ``Token.is_sent_start`` one token at a time."""
    from essaycheck.pipeline import _ABBREV, _SENT_END

    doc = nlp.make_doc(text)
    starts = {0}
    for m in _SENT_END.finditer(text):
        if m.group().strip() and _ABBREV.search(text[max(0, m.start() - 6):m.start() + 1]):
            continue
        starts.add(m.end())
    after_newline = False
    for t in doc:
        t.is_sent_start = t.i == 0 or after_newline or t.idx in starts
        after_newline = "\n" in t.text
    return [t.is_sent_start for t in doc]


@contextmanager
def served(app):
    """The app under a real WSGI server on a free loopback port, for as long as the block runs; its base URL."""
    from werkzeug.serving import make_server

    srv = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.server_port}"
    finally:
        srv.shutdown()
