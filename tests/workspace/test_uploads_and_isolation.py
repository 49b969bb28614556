"""Malicious or broken uploads change nothing; two teachers never see each other's work."""
from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from support import login, make_teacher, pack_assignment, upload_batch, zip_of
from webapp.db import db
from webapp.models import Batch, Essay
from webapp.uploads import read_upload

pytestmark = pytest.mark.integration
ESSAY = b"On 16 October 1962 President Kennedy was informed about the missile bases on Cuba."


def symlink_entry(name: str, target: str) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target.encode()


BAD_UPLOADS = [
    ("parent path", [(zip_of([("ok.txt", ESSAY), ("../../evil.txt", ESSAY)]), "a.zip")], "outside its own folder"),
    ("absolute path", [(zip_of([("/etc/evil.txt", ESSAY)]), "a.zip")], "outside its own folder"),
    ("drive path", [(zip_of([("C:/evil.txt", ESSAY)]), "a.zip")], "outside its own folder"),
    ("symlink", [(zip_of([symlink_entry("link.txt", "/etc/passwd")]), "a.zip")], "symbolic link"),
    ("zip bomb", [(zip_of([("bomb.txt", b"0" * 30_000_000)]), "a.zip")], "expands to"),
    ("too many files", [(zip_of([(f"e{i}.txt", ESSAY) for i in range(501)]), "a.zip")], "the limit is 500"),
    ("not a zip", [(b"PK\x03\x04 garbage", "a.zip")], "not a readable .zip"),
    ("csv without essay column", [(b"Student,Mark\nAnn,4\n", "a.csv")], "needs an essay column"),
    ("csv in the wrong encoding", [("Student,Essay\nZo\xeb,Caf\xe9\n".encode("latin-1"), "a.csv")], "not UTF-8"),
]


@pytest.mark.parametrize(("case", "files", "message"), BAD_UPLOADS, ids=[c[0] for c in BAD_UPLOADS])
def test_bad_uploads_are_refused_whole_and_change_nothing(workspace, tmp_path, case, files, message):
    make_teacher(workspace, "ann@school.org")
    c = login(workspace, "ann@school.org")
    aid = pack_assignment(c)
    with workspace.app_context():
        before = (db.session.scalar(select(func.count()).select_from(Batch)),
                  db.session.scalar(select(func.count()).select_from(Essay)))
    cwd_before = set(os.listdir("."))
    r = upload_batch(c, aid, "x", files, follow_redirects=True)
    page = r.get_data(as_text=True)
    assert "Nothing was uploaded" in page and message in page
    with workspace.app_context():
        assert (db.session.scalar(select(func.count()).select_from(Batch)),
                db.session.scalar(select(func.count()).select_from(Essay))) == before
    assert set(os.listdir(".")) == cwd_before and not Path("/etc/evil.txt").exists()


def test_nested_zips_and_unsupported_files_are_listed_and_the_rest_marked():
    data = zip_of([("anna.txt", ESSAY), ("inner.zip", zip_of([("x.txt", ESSAY)])), ("photo.png", b"\x89PNG"),
                   ("__MACOSX/._anna.txt", b"junk"), ("bad.txt", b"\xff\xfe\x00\x01")])
    essays, problems = read_upload([("class.zip", data)])
    assert [e.student for e in essays] == ["Anna"]
    assert {p.filename: p.reason.split(";")[0] for p in problems} == {
        "inner.zip": "a zip inside a zip is not opened",
        "photo.png": "files of type .png cannot be checked",
        "bad.txt": "looks like a binary file, not text"}


def test_two_teachers_never_see_each_others_work(workspace):
    make_teacher(workspace, "ann@school.org")
    make_teacher(workspace, "bob@school.org")
    ann, bob = login(workspace, "ann@school.org"), login(workspace, "bob@school.org")
    aid = pack_assignment(ann, "Ann's class")
    r = upload_batch(ann, aid, "Ann 10A", [(ESSAY, "s.txt")])
    bid = int(r.headers["Location"].rstrip("/").split("/")[-1])
    with workspace.app_context():
        eid = db.session.scalar(select(Essay.id))
        from webapp.jobs import drain
        drain()
    assert "Ann&#39;s class" not in bob.get("/teacher/").get_data(as_text=True)
    for url in (f"/teacher/assignments/{aid}", f"/teacher/assignments/{aid}/settings", f"/teacher/batches/{bid}",
                f"/teacher/batches/{bid}/progress.json", f"/teacher/batches/{bid}/export.csv",
                f"/teacher/batches/{bid}/report", f"/teacher/essays/{eid}"):
        assert bob.get(url).status_code == 404, url
        assert ann.get(url).status_code == 200, url
    for url, data in ((f"/teacher/batches/{bid}/release", {}), (f"/teacher/essays/{eid}", {"score_accuracy": "0"}),
                      (f"/teacher/assignments/{aid}/aliases", {"entity": "x", "forms": "y"}),
                      (f"/teacher/assignments/{aid}/batches", {"name": "steal"})):
        assert bob.post(url, data=data).status_code == 404, url
    with workspace.app_context():
        assert not db.session.get(Batch, bid).released
        assert db.session.get(Essay, eid).score_overrides == {}


def test_teacher_pages_need_a_login(workspace):
    c = workspace.test_client()
    for url in ("/teacher/", "/teacher/assignments/new", "/teacher/batches/1"):
        r = c.get(url)
        assert r.status_code == 302 and "/teacher/login" in r.headers["Location"]


def test_login_rejects_a_wrong_password_and_an_outside_redirect(workspace):
    make_teacher(workspace, "ann@school.org")
    c = workspace.test_client()
    r = c.post("/teacher/login", data={"email": "ann@school.org", "password": "nope"})
    assert r.status_code == 401 and "do not match" in r.get_data(as_text=True)
    r = c.post("/teacher/login?next=https://evil.example/", data={"email": "ann@school.org",
                                                                  "password": "correct horse battery"})
    assert r.headers["Location"] == "/teacher/"
    cookie = r.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_create_teacher_command_refuses_bad_input(workspace):
    runner = workspace.test_cli_runner()
    assert "not an email" in runner.invoke(args=["create-teacher", "nobody", "--password", "longenough"]).output
    assert "at least 8" in runner.invoke(args=["create-teacher", "a@b.org", "--password", "short"]).output
    assert runner.invoke(args=["create-teacher", "a@b.org", "--password", "longenough"]).exit_code == 0
    assert "already exists" in runner.invoke(args=["create-teacher", "A@b.org", "--password", "longenough"]).output
