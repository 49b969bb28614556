"""The three feedback levels on every page and response a student sees: in flag and point, the
corrected value and the source sentence appear nowhere."""
from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.integration
CMC = "cuban-missile-crisis"
WRONG = "On 18 October 1962 President Kennedy was informed about the missile bases on Cuba."
# What the sources say about that claim, in every form it could leak in.
ANSWERS = ("16 October 1962", "1962-10-16", "October 16", "16th of October", "16 Oct")
FILE_NAMES = ("000_74b9c72db9b4b575.txt", "001_567c5ee21169e3d1.txt")


def _page(client, level: str) -> str:
    r = client.post("/", data={"assignment": CMC, "essay": WRONG, "mode": level},
                    content_type="multipart/form-data")
    assert r.status_code == 200
    return r.get_data(as_text=True)


def _visible(html: str) -> str:
    """The page without the essay the student wrote (which may of course contain anything)."""
    return html.replace(WRONG, "")


@pytest.mark.parametrize("level", ["flag", "point", "hint"])
def test_flag_and_point_pages_never_show_the_answer_or_a_file_name(client, level):
    html = _visible(_page(client, level))
    assert 'class="mark wrong"' in html
    for answer in ANSWERS + FILE_NAMES:
        assert answer not in html, (level, answer)


def test_each_level_says_what_it_promises(client):
    flag, point, reveal = (_page(client, level) for level in ("flag", "point", "reveal"))
    tip = lambda html: re.search(r'role="tooltip"[^>]*>(.*?)</span></span>', html, re.S).group(1)  # noqa: E731
    assert "Check this date" in tip(flag) and "reread" not in tip(flag)
    assert "Check this date: reread" in tip(point) and re.search(r"(line|paragraph) \d+", tip(point))
    assert "16 October 1962" in tip(reveal) and "On the 16th of October, 1962" in reveal


@pytest.mark.parametrize("level", ["flag", "point"])
def test_the_api_in_flag_and_point_never_sends_the_answer(client, level):
    r = client.post("/api/v1/check", json={"assignment": CMC, "essay": WRONG, "mode": level})
    assert r.status_code == 200
    report = r.json
    (wrong,) = [f for f in report["findings"] if f["verdict"] == "contradicted"]
    assert wrong["expected"] is None and all(e["text"] is None and e["source"] for e in wrong["evidence"])
    assert "messages" not in wrong
    sent = json.dumps(report).replace(json.dumps(WRONG)[1:-1], "")
    for answer in ANSWERS:
        assert answer not in sent, (level, answer)


def test_missed_facts_read_as_questions_below_reveal_and_sources_by_title(app, client):
    """The report's readable fields (a fact's ``prompt``, a source's ``title``) are the ones shown."""
    from flask import render_template

    from webapp import feedback

    report = client.post("/api/v1/check", json={"assignment": CMC, "essay": WRONG, "mode": "reveal"}).json
    for fact in report["coverage"]["facts"]:
        fact["prompt"] = f"What happened ({fact['id']})?"
    for f in report["findings"]:
        for e in f["evidence"]:
            e["title"] = "Notes on the crisis"
    missed = next(f for f in report["coverage"]["facts"] if f["key"] and not f["covered"])

    def page(level: str) -> str:
        shown = feedback.as_mode(report, level)
        with app.test_request_context():
            return render_template("_feedback_body.html", report=shown, view=feedback.build(shown, WRONG),
                                   mode=level, timeline_svg=None, essay_text=WRONG)

    point, reveal = page("point"), page("reveal")
    assert f"What happened ({missed['id']})?" in point and f"What happened ({missed['id']})?" not in reveal
    assert missed["summary"] in reveal
    assert "Source: Notes on the crisis" in reveal and "000_74b9c72db9b4b575.txt" not in reveal
