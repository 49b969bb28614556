"""The whole teacher flow through the test client, on SQLite and on PostgreSQL."""
from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import select

from support import CMC_PACK, login, make_teacher, upload_batch, zip_of
from webapp.db import db
from webapp.jobs import claim, drain
from webapp.models import Batch, Change, Essay


pytestmark = pytest.mark.integration
WRONG = "On 18 October 1962 President Kennedy was informed about the missile bases on Cuba."
RIGHT = "On 16 October 1962 President Kennedy was informed about the missile bases on Cuba."


def create_assignment(client, title="Cuban Missile Crisis") -> int:
    sources = [(io.BytesIO(p.read_bytes()), p.name) for p in sorted((CMC_PACK / "sources").glob("*.txt"))]
    r = client.post("/teacher/assignments/new", data={"title": title, "pack": "", "mode": "hint",
                                                      "date_order": "day-first", "sources": sources},
                    content_type="multipart/form-data")
    assert r.status_code == 302, r.get_data(as_text=True)[:800]
    return int(r.headers["Location"].rstrip("/").split("/")[-1])


def test_the_whole_flow(workspace):
    make_teacher(workspace, "ann@school.org")
    c = login(workspace, "ann@school.org")

    # An assignment from uploaded sources; its fact base is shown for review.
    aid = create_assignment(c)
    page = c.get(f"/teacher/assignments/{aid}").get_data(as_text=True)
    informed = re.search(r'<li id="(f\w+)" class="fact[^"]*">\s*<p class="fact-text">(?:<span[^>]*>Key</span> )?'
                         r'On the 16th of October, 1962, President Kennedy was informed', page).group(1)

    # The teacher corrects that fact's date: later checks use the correction.
    r = c.post(f"/teacher/assignments/{aid}/facts",
               data={f"{informed}-shown": "1", f"{informed}-date": "1962-10-18", f"{informed}-key": "y"})
    assert r.status_code == 302
    assert "18 October 1962 (corrected)" in c.get(f"/teacher/assignments/{aid}").get_data(as_text=True)

    # A zip of essays: one unreadable file is listed with its reason, the rest are marked.
    r = upload_batch(c, aid, "10A", [(zip_of({"anna_smith.txt": WRONG, "ben_jones.txt": RIGHT,
                                              "carl.docx": b"PK\x03\x04 not a docx"}), "10A.zip")])
    assert r.status_code == 302
    bid = int(r.headers["Location"].rstrip("/").split("/")[-1])
    assert c.get(f"/teacher/batches/{bid}/progress.json").json["waiting"] == 2
    with workspace.app_context():
        assert drain() == 2
    progress = c.get(f"/teacher/batches/{bid}/progress.json").json
    assert progress == {"total": 2, "done": 2, "failed": 0, "waiting": 0, "finished": 2, "complete": True}
    batch_page = c.get(f"/teacher/batches/{bid}").get_data(as_text=True)
    assert "carl.docx" in batch_page and "not a readable .docx" in batch_page

    # With the corrected date, Anna's 18 October is right and Ben's 16 October is wrong.
    with workspace.app_context():
        essays = {e.student: e for e in db.session.scalars(select(Essay)).all()}
        anna, ben = essays["Anna Smith"], essays["Ben Jones"]
        assert not [f for f in anna.report["findings"] if f["verdict"] == "contradicted"]
        assert [f["claim"] for f in ben.report["findings"] if f["verdict"] == "contradicted"] == ["16 October 1962"]
        ben_id, ben_accuracy = ben.id, ben.scores()["accuracy"]

    # The teacher overrides a score and comments; the change is kept with who and when.
    r = c.post(f"/teacher/essays/{ben_id}", data={"score_accuracy": "4", "comment": "Fine: the sources slip here."})
    assert r.status_code == 302
    page = c.get(f"/teacher/essays/{ben_id}").get_data(as_text=True)
    assert "accuracy: — → 4" in page and "Ann" in page
    with workspace.app_context():
        changes = db.session.scalars(select(Change).where(Change.essay_id == ben_id)).all()
        assert {(ch.field, ch.new) for ch in changes} == {("accuracy", "4"), ("comment", "Fine: the sources slip here.")}

    # The CSV export has a row per student with the override and the comment.
    rows = list(csv.DictReader(io.StringIO(c.get(f"/teacher/batches/{bid}/export.csv").get_data(as_text=True))))
    by = {r["student"]: r for r in rows}
    assert set(by) == {"Anna Smith", "Ben Jones", "Carl"}
    assert (by["Carl"]["status"], by["Carl"]["file"]) == ("unreadable", "carl.docx")
    assert "not a readable .docx" in by["Carl"]["reason"] and by["Carl"]["total"] == ""
    assert by["Ben Jones"]["accuracy"] == "4" and by["Ben Jones"]["overridden"] == "yes"
    assert by["Ben Jones"]["comment"] == "Fine: the sources slip here." and float(by["Ben Jones"]["total"]) > 0
    assert ben_accuracy < 4

    # Released feedback reaches the student by their link, and only then.
    link = by["Ben Jones"]["link"].split("localhost", 1)[1]
    anonymous = workspace.test_client()
    assert anonymous.get(link).status_code == 404
    assert c.post(f"/teacher/batches/{bid}/release").status_code == 302
    page = anonymous.get(link).get_data(as_text=True)
    assert "Fine: the sources slip here." in page and "Your mark" in page

    # The class report counts the contradicted fact and its wrong value.
    report = c.get(f"/teacher/batches/{bid}/report").get_data(as_text=True)
    assert "“16 October 1962” (1)" in report and "<svg" in report


def test_the_table_sorts_by_total(workspace):
    make_teacher(workspace, "ann@school.org")
    c = login(workspace, "ann@school.org")
    aid = create_assignment(c)
    upload_batch(c, aid, "9B", [(WRONG.encode(), "zed.txt"),
                                ((CMC_PACK / "examples" / "sample-essay.txt").read_bytes(), "amy.txt")])
    with workspace.app_context():
        drain()
    bid = 1
    page = c.get(f"/teacher/batches/{bid}?sort=total&dir=desc").get_data(as_text=True)
    order = re.findall(r'/teacher/essays/\d+">(\w+)</a>', page)
    assert order == ["Amy", "Zed"]
    assert re.findall(r'/teacher/essays/\d+">(\w+)</a>', c.get(f"/teacher/batches/{bid}?sort=total").get_data(
        as_text=True)) == ["Zed", "Amy"]


def test_a_csv_of_essays_names_students_from_its_column(workspace):
    make_teacher(workspace, "ann@school.org")
    c = login(workspace, "ann@school.org")
    aid = create_assignment(c)
    table = "Student,Essay\nAnna Smith,\"" + WRONG + "\"\nBen Jones,\"" + RIGHT + "\"\nCal,\n"
    r = upload_batch(c, aid, "CSV", [(table.encode(), "class.csv")])
    assert r.status_code == 302
    with workspace.app_context():
        assert drain() == 2
        assert sorted(e.student for e in db.session.scalars(select(Essay))) == ["Anna Smith", "Ben Jones"]
        assert db.session.scalars(select(Batch)).one().problems == [
            {"filename": "class.csv row 4", "reason": "no essay for Cal"}]


def test_a_restart_mid_batch_loses_nothing_and_marks_each_essay_once(workspace):
    make_teacher(workspace, "ann@school.org")
    c = login(workspace, "ann@school.org")
    aid = create_assignment(c)
    upload_batch(c, aid, "10A", [(f"{WRONG} Essay {i}.".encode(), f"s{i}.txt") for i in range(6)])
    with workspace.app_context():
        taken = claim(limit=3, lease=60)  # a worker takes three essays and the server dies
        assert len(taken) == 3
        assert drain(lease=60) == 3  # the live worker leaves a fresh claim alone
        assert drain(lease=0) == 3  # after the lease, the dead worker's essays are taken again
        essays = db.session.scalars(select(Essay)).all()
        assert all(e.status == "done" and e.report_json for e in essays)
        assert sorted(e.attempts for e in essays) == [1, 1, 1, 2, 2, 2]
        assert [e.writes for e in essays] == [1] * 6  # recorded once each
        # The dead worker wakes up late: its claims were taken over, so it records nothing.
        from webapp.jobs import store
        assert not any(store(essay_id, token, report={"stale": "worker"}) for essay_id, token in taken)
        db.session.commit()
        assert all(e.writes == 1 and e.report.get("schema") for e in db.session.scalars(select(Essay)))
