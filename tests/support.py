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
