"""Paths and helpers shared by the tests (a plain module: conftest files are not for importing)."""
from __future__ import annotations

import io
import zipfile
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
