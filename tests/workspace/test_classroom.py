"""The classroom loop through the test client: class codes, review flag by flag, one total everywhere,
re-marking, the class report."""
from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import select

from support import CMC_PACK, SECOND_TOPIC, login, make_teacher, pack_assignment, upload_batch
from webapp.db import db
from webapp.jobs import drain
from webapp.models import Change, Essay

pytestmark = pytest.mark.integration
GP_WRONG = "On 26 October 1604 Lord Monteagle received an anonymous letter warning him to stay away from Parliament."
GP_RIGHT = GP_WRONG.replace("1604", "1605")
SAMPLE = (CMC_PACK / "examples" / "sample-essay.txt").read_text()  # "April 1960" contradicted
WRONG = "On 18 October 1962 President Kennedy was informed about the missile bases on Cuba."


def _id(response) -> int:
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def gunpowder_assignment(client, title="Gunpowder Plot", mode="point") -> int:
    sources = [(io.BytesIO(p.read_bytes()), p.name) for p in sorted((SECOND_TOPIC / "sources").glob("*.txt"))]
    r = client.post("/teacher/assignments/new", data={"title": title, "pack": "", "mode": mode,
                                                      "date_order": "day-first", "sources": sources},
                    content_type="multipart/form-data")
    assert r.status_code == 302, r.get_data(as_text=True)[:800]
    return _id(r)


def publish(client, aid: int) -> str:
    assert client.post(f"/teacher/assignments/{aid}/publish").status_code == 302
    page = client.get(f"/teacher/assignments/{aid}").get_data(as_text=True)
    return re.search(r'id="class-code-value">(\w+)<', page).group(1)


def test_a_published_assignment_reaches_students_by_its_code_and_only_while_published(workspace):
    make_teacher(workspace, "ann@school.org")
    ann = login(workspace, "ann@school.org")
    aid = gunpowder_assignment(ann)
    student = workspace.test_client()
    assert "Gunpowder" not in student.get("/api/v1/assignments").get_data(as_text=True)  # unpublished: nowhere

    code = publish(ann, aid)
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{6}", code)
    page = student.get(f"/c/{code}").get_data(as_text=True)
    assert "Check your essay: Gunpowder Plot" in page and 'name="assignment"' in page
    typed = student.get(f"/c?code={code[:3].lower()}-{code[3:].lower()}")  # as a student types it
    assert typed.status_code == 302 and typed.headers["Location"].endswith(f"/c/{code}")

    # The class checks against the teacher's own sources, at the teacher's level (point: no answer).
    html = student.post(f"/c/{code}", data={"assignment": code, "essay": GP_WRONG, "mode": "reveal"}).get_data(
        as_text=True)
    assert 'class="mark wrong"' in html and "Check this date: reread" in html and "26 October 1605" not in html

    listed = student.get(f"/api/v1/assignments?code={code.lower()}").json["assignments"]
    assert {"id": code, "title": "Gunpowder Plot", "mode": "point", "modes": ["point"]} in listed
    assert any(a["id"] == "cuban-missile-crisis" for a in listed)  # the default pack stays
    r = student.post("/api/v1/check", json={"assignment": code, "essay": GP_WRONG})
    assert r.status_code == 200 and r.json["assignment"] == code
    assert [f["expected"] for f in r.json["findings"] if f["verdict"] == "contradicted"] == [None]
    assert student.post("/api/v1/check", json={"assignment": code, "essay": GP_WRONG, "mode": "reveal"}).json[
        "error"]["code"] == "mode_not_allowed"

    # Closing it takes it away at once, from the page and the API.
    assert ann.post(f"/teacher/assignments/{aid}/publish").status_code == 302
    assert student.get(f"/c/{code}").status_code == 404
    assert student.get(f"/api/v1/assignments?code={code}").status_code == 404
    assert student.post("/api/v1/check", json={"assignment": code, "essay": GP_WRONG}).status_code == 404
    r = student.get("/c?code=ZZZZZZ")
    assert r.status_code == 404 and "No class assignment has that code" in r.get_data(as_text=True)


def test_two_unsaved_assignments_built_in_one_request_get_their_own_checkers(nlp):
    from webapp.models import Assignment, Source
    from webapp.workspace import checker_for

    def unsaved(folder):
        return Assignment(title="T", mode="point", day_first=True, overrides_json="{}", version=1,
                          sources=[Source(name=p.name, text=p.read_text()) for p in sorted(folder.glob("*.txt"))])

    cuba, plot = checker_for(unsaved(CMC_PACK / "sources")), checker_for(unsaved(SECOND_TOPIC / "sources"))
    assert cuba is not plot
    assert "Monteagle" in " ".join(f.text for f in plot.factbase.facts)
    assert "Monteagle" not in " ".join(f.text for f in cuba.factbase.facts)


@pytest.fixture
def marked(sqlite_workspace):
    """A CMC assignment and a marked batch of three essays: (app, teacher client, assignment id, batch id)."""
    make_teacher(sqlite_workspace, "ann@school.org")
    ann = login(sqlite_workspace, "ann@school.org")
    aid = pack_assignment(ann)
    bid = _id(upload_batch(ann, aid, "10A", [(SAMPLE.encode(), "amy.txt"), (WRONG.encode(), "ben.txt"),
                                             ((SAMPLE + "\n" + WRONG).encode(), "cal.txt")]))
    with sqlite_workspace.app_context():
        assert drain() == 3
    return sqlite_workspace, ann, aid, bid


def essay_id(app, student: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Essay.id).where(Essay.student == student))


def totals_everywhere(app, ann, bid: int, eid: int, student: str) -> dict[str, str]:
    """The student's total as each page and export shows it."""
    essay = ann.get(f"/teacher/essays/{eid}").get_data(as_text=True)
    table = ann.get(f"/teacher/batches/{bid}").get_data(as_text=True)
    row = re.search(rf">{student}</a></th>(.*?)</tr>", table, re.S).group(1)
    rows = {r["student"]: r for r in csv.DictReader(io.StringIO(ann.get(f"/teacher/batches/{bid}/export.csv")
                                                                  .get_data(as_text=True)))}
    report = ann.get(f"/teacher/batches/{bid}/report").get_data(as_text=True)
    released = app.test_client().get(rows[student]["link"].split("localhost", 1)[1]).get_data(as_text=True)
    return {"essay page": re.search(r'id="teacher-total">([\d.]+) /', essay).group(1),
            "essay marks table": re.search(r'class="total">([\d.]+) /', essay).group(1),
            "results table": re.findall(r"<td>([\d.]+) / 12</td>", row)[0],
            "csv": rows[student]["total"],
            "class report": re.search(rf"<th scope=\"row\">{student}</th><td>([\d.]+) /", report).group(1),
            "released page": re.search(r'id="your-mark">([\d.]+) /', released).group(1),
            "released marks table": re.search(r'class="total">([\d.]+) /', released).group(1)}


def _mark(x: float) -> str:
    return f"{x:g}"


def test_a_dismissed_flag_and_an_override_give_one_total_on_every_page(marked):
    app, ann, aid, bid = marked
    assert ann.post(f"/teacher/batches/{bid}/release").status_code == 302
    eid = essay_id(app, "Amy")
    scores = {c["name"]: c["score"] for c in ann.post("/api/v1/check", json={
        "assignment": "cuban-missile-crisis", "essay": SAMPLE}).json["rubric"]["criteria"]}
    total = sum(scores.values())
    assert scores["accuracy"] == 3  # one wrong date
    assert set(totals_everywhere(app, ann, bid, eid, "Amy").values()) == {_mark(total)}

    # Dismiss the flag on "April 1960": accuracy is scored again without it.
    page = ann.get(f"/teacher/essays/{eid}").get_data(as_text=True)
    key = next(k for k in re.findall(r'/findings/([^/"]+)/dismiss', page) if k.endswith(":date"))
    r = ann.post(f"/teacher/essays/{eid}/findings/{key}/dismiss", data={"reason": "other", "note": ""})
    assert r.status_code == 422 and "Say why you dismiss it." in r.get_data(as_text=True)  # beside its field
    r = ann.post(f"/teacher/essays/{eid}/findings/{key}/dismiss", data={"reason": "sources-slip", "note": "see p. 2"})
    assert r.status_code == 302
    assert set(totals_everywhere(app, ann, bid, eid, "Amy").values()) == {_mark(total + 1)}
    released = app.test_client().get(re.search(r'href="(/r/[^"]+)"', ann.get(f"/teacher/batches/{bid}").get_data(
        as_text=True)).group(1))
    assert "April 1960" in SAMPLE and "does not match" in released.get_data(as_text=True)

    # An override on top: one total again, everywhere, and both changes in the history with who and when.
    assert ann.post(f"/teacher/essays/{eid}", data={"score_coverage": "2.5", "comment": ""}).status_code == 302
    assert set(totals_everywhere(app, ann, bid, eid, "Amy").values()) == {_mark(total + 1 - scores["coverage"] + 2.5)}
    with app.app_context():
        changes = {(c.field, c.new, c.teacher.name) for c in db.session.scalars(select(Change)
                                                                                .where(Change.essay_id == eid))}
    assert ("flag dismissed", "The sources are wrong or unclear here: see p. 2", "Ann") in changes
    assert ("coverage", "2.5", "Ann") in changes
    history = ann.get(f"/teacher/essays/{eid}").get_data(as_text=True)
    assert "flag dismissed: “April 1960” (date) → The sources are wrong or unclear here: see p. 2" in history

    # Restoring the flag brings the mark back down.
    assert ann.post(f"/teacher/essays/{eid}/findings/{key}/restore").status_code == 302
    assert set(totals_everywhere(app, ann, bid, eid, "Amy").values()) == {_mark(total - scores["coverage"] + 2.5)}


def test_the_released_feedback_is_the_teachers_version_at_the_assignments_level(marked):
    app, ann, aid, bid = marked
    eid = essay_id(app, "Cal")
    page = ann.get(f"/teacher/essays/{eid}").get_data(as_text=True)
    key = next(k for k in re.findall(r'/findings/([^/"]+)/dismiss', page)
               if (SAMPLE + "\n" + WRONG)[int(k.split(":")[0]):int(k.split(":")[1])] == "18 October 1962")
    ann.post(f"/teacher/essays/{eid}/findings/{key}/dismiss", data={"reason": "claim-right"})
    sentence = next(v for v in re.findall(r'<option value="(\d+-\d+)"', page)
                    if (SAMPLE + "\n" + WRONG)[int(v.split("-")[0]):int(v.split("-")[1])].startswith("On 18 October"))
    assert ann.post(f"/teacher/essays/{eid}/comments", data={"comment-sentence": sentence,
                                                             "comment-text": "Which source says so?"}).status_code == 302
    ann.post(f"/teacher/batches/{bid}/release")
    link = re.search(rf'/teacher/essays/{eid}">Cal</a>.*?href="(/r/[^"]+)"', ann.get(f"/teacher/batches/{bid}")
                     .get_data(as_text=True), re.S).group(1)
    html = app.test_client().get(link).get_data(as_text=True)
    marks = re.findall(r'<span class="mark wrong"[^>]*>.*?</span></span>', html, re.S)
    assert not any("18 October 1962" in m for m in marks)  # the dismissed flag is gone
    assert any("April 1960" in m for m in marks)
    assert "Which source says so?" in html and 'href="#comment-1"' in html
    # The assignment is at "point": the released page gives no answer either.
    assert "April 1961" not in html and "Check this date" in html


def test_next_and_previous_follow_the_batch_in_table_order(marked):
    app, ann, aid, bid = marked
    ids = {s: essay_id(app, s) for s in ("Amy", "Ben", "Cal")}
    page = ann.get(f"/teacher/essays/{ids['Ben']}").get_data(as_text=True)
    assert f'href="/teacher/essays/{ids["Amy"]}" rel="prev"' in page and f'href="/teacher/essays/{ids["Cal"]}" rel="next"' in page
    assert "Essay 2 of 3" in page
    first = ann.get(f"/teacher/essays/{ids['Amy']}").get_data(as_text=True)
    assert 'rel="prev"' not in first and 'rel="next"' in first


def test_a_batch_is_re_marked_after_a_fact_base_correction_keeping_the_teachers_review(marked):
    app, ann, aid, bid = marked
    ben = essay_id(app, "Ben")
    ann.post(f"/teacher/essays/{ben}", data={"comment": "Look again at the date."})
    assert "changed since" not in ann.get(f"/teacher/batches/{bid}").get_data(as_text=True)
    page = ann.get(f"/teacher/assignments/{aid}").get_data(as_text=True)
    informed = re.search(r'<li id="(f\w+)" class="fact[^"]*">\s*<p class="fact-text">(?:<span[^>]*>Key</span> )?'
                         r'On the 16th of October, 1962, President Kennedy was informed', page).group(1)
    assert ann.post(f"/teacher/assignments/{aid}/facts", data={f"{informed}-shown": "1", f"{informed}-key": "y",
                                                               f"{informed}-date": "1962-10-18"}).status_code == 302
    batch = ann.get(f"/teacher/batches/{bid}").get_data(as_text=True)
    assert "has changed since 3 of these essays were marked" in batch
    assert ann.post(f"/teacher/batches/{bid}/remark").status_code == 302
    assert ann.get(f"/teacher/batches/{bid}/progress.json").json["waiting"] == 3  # jobs, with progress
    with app.app_context():
        assert drain() == 3
        e = db.session.get(Essay, ben)
        assert not [f for f in e.report["findings"] if f["verdict"] == "contradicted"]  # 18 October is now right
        assert e.comment == "Look again at the date." and e.writes == 2
    assert "changed since" not in ann.get(f"/teacher/batches/{bid}").get_data(as_text=True)


def test_the_class_report_leads_with_the_mistakes_and_its_csv_says_the_same(marked):
    app, ann, aid, bid = marked
    html = ann.get(f"/teacher/batches/{bid}/report").get_data(as_text=True)
    assert html.index("The mistakes most students made") < html.index("Key facts most often left out")
    mistakes = re.search(r'<table class="data" id="mistakes">(.*?)</table>', html, re.S).group(1)
    rows = re.findall(r'<tr><th scope="row">(.*?) <span.*?<td>(\d+)</td>\s*<td>(.*?)</td></tr>', mistakes, re.S)
    assert rows and [int(n) for _, n, _ in rows] == sorted((int(n) for _, n, _ in rows), reverse=True)
    assert ("“18 October 1962” (2)" in mistakes) and ("“April 1960” (2)" in mistakes)
    table = list(csv.reader(io.StringIO(ann.get(f"/teacher/batches/{bid}/report.csv").get_data(as_text=True))))
    assert table[0][:4] == ["section", "fact", "summary", "essays"]
    assert [r[3] for r in table[1:] if r[0] == "mistake"] == [n for _, n, _ in rows]
    assert any("18 October 1962 (2)" in r[4] for r in table if r[0] == "mistake")
    assert any(r[0] == "missed key fact" for r in table)
    # Chart labels are wrapped onto lines, never cut short: each label reads as the whole summary.
    from html import unescape

    chart = re.search(r'<svg class="chart".*?</svg>', html, re.S).group(0)
    labels = [unescape(" ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", t)))
              for t in re.findall(r'<text class="bar-label">(.*?)</text>', chart)]
    assert labels == [unescape(" ".join(s.split())) for s, _, _ in rows][:10]
    assert any(len(s) > 40 for s in labels) and all(
        len(line) <= 40 for line in re.findall(r"<tspan[^>]*>([^<]*)</tspan>", chart))
