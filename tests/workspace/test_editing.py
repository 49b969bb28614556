"""Editing an assignment: the fact base in one form, the rubric as a form and as TOML, the feedback level."""
from __future__ import annotations

import re
import tomllib

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from support import CMC_PACK, form_fields, login, make_teacher, pack_assignment
from webapp.db import db
from webapp.models import Assignment

pytestmark = pytest.mark.integration
DEFAULT = tomllib.loads((CMC_PACK.parent / "default.toml").read_text())


@pytest.fixture
def ann(sqlite_workspace):
    make_teacher(sqlite_workspace, "ann@school.org")
    return login(sqlite_workspace, "ann@school.org")


def overrides(app) -> dict:
    with app.app_context():
        return db.session.scalars(select(Assignment)).one().overrides


def test_the_fact_base_shows_names_and_saves_many_edits_at_once_or_none_with_the_error_beside_its_field(
        sqlite_workspace, ann):
    aid = pack_assignment(ann)
    page = ann.get(f"/teacher/assignments/{aid}").get_data(as_text=True)
    names = " ".join(re.findall(r"Names: ([^<·]+)", page))
    assert "United States" in names and "Soviet Union" in names
    assert not re.search(r"\b(united-states|soviet-union|place:|person:)", page)  # names, never ids
    facts = re.findall(r'<li id="(f\w+)" class="fact', page)
    fields = dict(form_fields(page, form_id="facts-form"))
    first = facts[0]
    second = next(f for f in facts[1:] if f"{f}-key" not in fields)  # not a key fact yet
    third = next(f for f in facts[1:] if f not in (first, second))
    fields.update({f"{first}-date": "1959-01-01"})
    fields[f"{second}-key"] = "y"
    fields.pop(f"{third}-key", None)
    fields[f"{third}-drop"] = "y"

    # One bad date among the edits: nothing is saved, and the message sits beside that date field.
    bad = dict(fields, **{f"{second}-date": "16/10/1962"})
    r = ann.post(f"/teacher/assignments/{aid}/facts", data=bad)
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and overrides(sqlite_workspace) == {}
    error = re.search(rf'<p id="{second}".*?</li>', html, re.S) or re.search(rf'<li id="{second}".*?</li>', html, re.S)
    assert "Use YYYY-MM-DD" in error.group(0) and f'aria-describedby="{second}-date-error"' in error.group(0)
    assert f'href="#{second}-date"' in html and 'value="1959-01-01"' in html  # what was typed is kept

    # All of them at once.
    r = ann.post(f"/teacher/assignments/{aid}/facts", data=fields)
    assert r.status_code == 302
    saved = {o["id"]: o for o in overrides(sqlite_workspace)["fact"]}
    assert saved[first]["date"] == "1959-01-01" and saved[second]["key"] is True and saved[third]["drop"] is True
    page = ann.get(f"/teacher/assignments/{aid}").get_data(as_text=True)
    assert "1 January 1959 (corrected)" in page
    dropped = page.split("<h3>Dropped facts</h3>")[1]
    assert saved[third]["text"][:40] in dropped and third not in re.sub(r'action="[^"]*"', "", dropped)


def test_the_rubric_form_round_trips_and_keeps_kinds_and_the_too_few_band(sqlite_workspace, ann):
    aid = pack_assignment(ann)
    page = ann.get(f"/teacher/assignments/{aid}/rubric").get_data(as_text=True)
    for text in ("Not enough facts to judge", "Mostly accurate", "Renaming the criterion changes nothing"):
        assert text in page
    fields = form_fields(page, action=f"/teacher/assignments/{aid}/rubric")
    assert ("criteria-0-kinds", "date") in fields and ("criteria-2-checked_kinds", "date") in fields
    # Saved unchanged: still the default rubric.
    assert ann.post(f"/teacher/assignments/{aid}/rubric", data=MultiDict(fields)).status_code == 302
    with sqlite_workspace.app_context():
        assert db.session.scalars(select(Assignment)).one().rubric_toml is None

    # Rename accuracy, weigh it double, add a band; kinds, min_checked and too_few survive.
    edited = [(k, {"criteria-0-name": "facts", "criteria-0-title": "Facts", "criteria-0-weight": "2"}.get(k, v))
              for k, v in fields]
    spare = next(k for k, _ in fields if k.startswith("criteria-0-bands-") and k.endswith("-level")
                 and not dict(fields)[k]).rsplit("-", 1)[0]
    edited = [(k, v) for k, v in edited if not k.startswith(spare)] + [
        (f"{spare}-at_most", "2"), (f"{spare}-score", "2.5"), (f"{spare}-level", "A couple of slips"),
        (f"{spare}-descriptor", "Two claims contradict the sources."), (f"{spare}-feedback", "{count} slips.")]
    assert ann.post(f"/teacher/assignments/{aid}/rubric", data=MultiDict(edited)).status_code == 302
    exported = tomllib.loads(ann.get(f"/teacher/assignments/{aid}/rubric.toml").get_data(as_text=True))
    facts = exported["criterion"][0]
    assert (facts["name"], facts["weight"], set(facts["kinds"]), facts["min_checked"]) == (
        "facts", 2, set(DEFAULT["criterion"][0]["kinds"]), 3)
    assert facts["too_few"]["level"] == "Not enough facts to judge"
    assert [b.get("at_most") for b in facts["band"]] == [0, 1, 2, 3, 5, None]  # the new band in its place
    assert set(exported["criterion"][2]["checked_kinds"]) == set(DEFAULT["criterion"][2]["checked_kinds"])

    # A band with a level and no score: nothing saved, the message beside the score field.
    broken = [(k, "" if k == "criteria-1-bands-0-score" else v) for k, v in edited]
    r = ann.post(f"/teacher/assignments/{aid}/rubric", data=MultiDict(broken))
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and "Give this band a score." in html and 'href="#criteria-1-bands-0-score"' in html
    assert 'id="criteria-1-bands-0-score-error"' in html


def test_a_renamed_criterion_still_costs_marks_for_a_wrong_date(sqlite_workspace, ann):
    from support import upload_batch
    from webapp.jobs import drain

    aid = pack_assignment(ann)
    toml = (CMC_PACK.parent / "default.toml").read_text().replace('name = "accuracy"', 'name = "facts"')
    assert ann.post(f"/teacher/assignments/{aid}/rubric/import", data={"toml": toml}).status_code == 302
    essay = (CMC_PACK / "examples" / "sample-essay.txt").read_text()  # "April 1960" for April 1961
    upload_batch(ann, aid, "10A", [(essay.encode(), "amy.txt")])
    with sqlite_workspace.app_context():
        drain()
    rows = ann.get("/teacher/batches/1/export.csv").get_data(as_text=True).splitlines()
    assert rows[0].startswith("student,file,status,facts,") and rows[1].split(",")[3] == "3"


def test_the_teacher_chooses_the_level_students_get(sqlite_workspace, ann):
    aid = pack_assignment(ann)
    assert ann.post(f"/teacher/assignments/{aid}/publish").status_code == 302
    code = re.search(r'id="class-code-value">(\w+)<', ann.get(f"/teacher/assignments/{aid}").get_data(
        as_text=True)).group(1)
    student = sqlite_workspace.test_client()
    essay = "On 18 October 1962 President Kennedy was informed about the missile bases on Cuba."
    for level, shows_answer, says_where in (("flag", False, False), ("point", False, True), ("reveal", True, False)):
        r = ann.post(f"/teacher/assignments/{aid}/settings", data={"title": "CMC", "mode": level,
                                                                  "date_order": "day-first"})
        assert r.status_code == 302
        html = student.post(f"/c/{code}", data={"assignment": code, "essay": essay, "mode": "reveal"}).get_data(
            as_text=True)
        assert ("16 October 1962" in html) is shows_answer, level
        assert ("reread" in html) is says_where, level
        assert student.get(f"/api/v1/assignments?code={code}").json["assignments"][-1]["mode"] == level


def test_teacher_pages_no_longer_say_essays_are_not_stored(sqlite_workspace, ann):
    aid = pack_assignment(ann)
    for url in ("/teacher/", f"/teacher/assignments/{aid}", f"/teacher/assignments/{aid}/rubric"):
        footer = ann.get(url).get_data(as_text=True).split('<footer class="site-footer">')[1]
        assert "not stored" not in footer, url
    assert "not stored" in sqlite_workspace.test_client().get("/").get_data(as_text=True).split(
        '<footer class="site-footer">')[1]
