"""essaycheck as an LTI 1.3 tool, end to end against a real platform (tests/lti_platform.py) over HTTP.

Both run in this process on loopback ports: the "browser" is a requests session that follows the
redirects and posts the forms the pages hold, as a browser would. Nothing of essaycheck is mocked:
the platform checks the tool's signatures against the key set the tool publishes, and the tool
checks the platform's against the platform's.
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from sqlalchemy import func, select

from lti_platform import Platform, form_of, serve_tool

pytestmark = pytest.mark.integration
ESSAY = ("On 18 October 1962 President Kennedy was informed about the missile bases on Cuba. "
         "In 1959 Castro took power in Cuba.")


@pytest.fixture(scope="module")
def platform():
    p = Platform().start()
    yield p
    p.stop()


@pytest.fixture(scope="module")
def tool(nlp, platform):
    """essaycheck under a real WSGI server, with the test platform registered by the admin command."""
    with serve_tool(platform, TESTING=True, SECRET_KEY="lti-test") as app:
        yield app


def log_in(browser: requests.Session, platform: Platform, hint: str) -> tuple[str, dict]:
    """Open the platform's link: login initiation at the tool, then the platform's auth page; the form it
    holds (the id_token and state, for the tool's launch URL)."""
    page = browser.get(platform.start_url(hint), timeout=30)
    assert page.status_code == 200, page.text[:500]
    action, fields = form_of(page.text)
    assert set(fields) == {"id_token", "state"}
    return action, fields


def launch(browser: requests.Session, platform: Platform, hint: str) -> requests.Response:
    """The whole launch: log-in, then the form post to the tool (as the platform's page does by itself)."""
    action, fields = log_in(browser, platform, hint)
    return browser.post(action, data=fields, allow_redirects=False, timeout=60)


def refused_launch(tool, platform, hint: str) -> requests.Response:
    """A launch expected to be refused: every table is as it was just before the id_token was posted."""
    browser = requests.Session()
    action, fields = log_in(browser, platform, hint)
    before = counts(tool)
    r = browser.post(action, data=fields, allow_redirects=False, timeout=60)
    assert counts(tool) == before, r.text[:300]
    assert "<h1>" in r.text and "Nothing was opened or stored" in r.text
    return r


def counts(app) -> dict[str, int]:
    """Rows in every table: a refused launch changes none of them."""
    from webapp.db import db

    with app.app_context():
        return {t.name: db.session.scalar(select(func.count()).select_from(t)) for t in db.metadata.sorted_tables}


def add_activity(tool, platform, title="Cuban crisis homework") -> str:
    """The teacher adds an essaycheck activity from the platform's dialog; the platform's new link id."""
    browser = requests.Session()
    r = launch(browser, platform, platform.prepare("t1", kind="deep"))
    assert r.status_code == 303 and "/lti/pick?launch=lti1p3-launch-" in r.headers["Location"]
    page = requests.get(tool.config["TOOL_URL"] + r.headers["Location"], timeout=30)  # framed: no cookie needed
    assert page.status_code == 200 and "Choose the essaycheck assignment" in page.text
    assert f"frame-ancestors 'self' {platform.url}" in page.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in page.headers
    _, hidden = form_of(page.text)
    r = requests.post(tool.config["TOOL_URL"] + "/lti/pick", timeout=60, data=dict(
        hidden, assignment="new", title=title, pack="cuban-missile-crisis"))
    assert r.status_code == 200, r.text[:800]
    assert f"form-action 'self' {platform.url}" in r.headers["Content-Security-Policy"]
    action, fields = form_of(r.text)
    assert action == f"{platform.url}/deep-link-return" and set(fields) == {"JWT"}
    before = set(platform.links)
    done = browser.post(action, data=fields, timeout=30)  # what the page's script does in a browser
    assert done.status_code == 200, (done.text, platform.refusals)
    (link_id,) = set(platform.links) - before
    return link_id


def test_login_initiation_redirects_to_the_platform_with_state_and_nonce(tool, platform):
    hint = platform.prepare("s1")
    r = requests.get(platform.start_url(hint), allow_redirects=False, timeout=10)
    browser = requests.Session()
    to_tool = browser.get(r.headers["Location"], allow_redirects=False, timeout=10)
    assert to_tool.status_code == 302
    target = urlsplit(to_tool.headers["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{platform.url}/auth"
    q = {k: v[0] for k, v in parse_qs(target.query).items()}
    assert q["client_id"] == platform.client_id and q["redirect_uri"] == tool.config["TOOL_URL"] + "/lti/launch"
    assert q["response_type"] == "id_token" and q["response_mode"] == "form_post" and q["scope"] == "openid"
    assert q["login_hint"] == "s1" and q["lti_message_hint"] == hint and q["prompt"] == "none"
    assert len(q["nonce"]) >= 32 and q["state"].startswith("state-")
    assert browser.cookies.get(f"lti1p3-{q['state']}") == q["state"]  # the browser's tie to its launch


def test_a_login_from_an_unregistered_platform_is_refused(tool, platform):
    before = counts(tool)
    r = requests.get(tool.config["TOOL_URL"] + "/lti/login", params={"iss": "https://lms.elsewhere.example",
                                                                     "login_hint": "x", "client_id": "y"}, timeout=10)
    assert r.status_code == 403 and "not registered" in r.text
    assert counts(tool) == before


def test_the_tool_publishes_its_key_set(tool):
    keys = requests.get(tool.config["TOOL_URL"] + "/lti/jwks", timeout=10).json()["keys"]
    assert keys and all(k["kty"] == "RSA" and k["alg"] == "RS256" and k["use"] == "sig" and "d" not in k
                        for k in keys)


def test_deep_linking_returns_a_signed_resource_link_with_the_assignment_and_a_gradebook_column(tool, platform):
    link_id = add_activity(tool, platform)
    item = platform.deep_link_items[-1]  # the platform verified the tool's signature to get this far
    assert item["type"] == "ltiResourceLink" and item["title"] == "Cuban crisis homework"
    assert item["url"] == tool.config["TOOL_URL"] + "/lti/launch"
    assert item["custom"]["essaycheck_assignment"]
    assert item["lineItem"]["scoreMaximum"] > 0 and item["lineItem"]["label"] == "Cuban crisis homework"
    assert platform.links[link_id]["lineitem"] in platform.lineitems


def test_a_teacher_lands_on_the_workspace_and_the_whole_class_is_listed(tool, platform):
    link_id = add_activity(tool, platform, "Roster homework")
    teacher = requests.Session()
    r = launch(teacher, platform, platform.prepare("t1", link=link_id))
    assert r.status_code == 303 and "/teacher/assignments/" in r.headers["Location"], r.text[:500]
    page = teacher.get(tool.config["TOOL_URL"] + r.headers["Location"], timeout=30)
    assert page.status_code == 200 and "Roster homework" in page.text
    assert "3 student(s) on the class list" in page.text
    assert platform.roster_reads and platform.roster_reads[-1] in platform.tokens  # NRPS with its own token
    batch = _batch_of(tool, link_id)
    results = teacher.get(f"{tool.config['TOOL_URL']}/teacher/batches/{batch}", timeout=30).text
    for name in ("Sam Student", "Ria Reader", "Noor Nosubmit"):
        assert name in results
    assert results.count("<td>not handed in</td>") == 3


def test_a_students_work_is_marked_and_the_released_score_reaches_the_gradebook(tool, platform):
    from webapp.db import db
    from webapp.jobs import drain
    from webapp.models import Essay

    link_id = add_activity(tool, platform, "Graded homework")
    teacher = requests.Session()
    assert launch(teacher, platform, platform.prepare("t1", link=link_id)).status_code == 303
    student = requests.Session()
    r = launch(student, platform, platform.prepare("s1", link=link_id))
    assert r.status_code == 303 and "/lti/work?t=" in r.headers["Location"]
    work_url = tool.config["TOOL_URL"] + r.headers["Location"]
    work = student.get(work_url, timeout=30)
    assert f"frame-ancestors 'self' {platform.url}" in work.headers["Content-Security-Policy"]
    assert work.status_code == 200 and "Graded homework" in work.text and "Nothing handed in yet" in work.text
    _, hidden = form_of(work.text)

    before = counts(tool)  # checking a draft stores nothing
    checked = student.post(work_url, data=dict(hidden, essay=ESSAY, check="Check"),
                           timeout=60)
    assert checked.status_code == 200 and "Does not match the sources" in checked.text
    assert counts(tool) == before

    handed = student.post(work_url, timeout=60,
                          data=dict(hidden, essay=ESSAY, hand_in="Hand in"))
    assert handed.status_code == 200 and "Handed in" in handed.text and "You handed in an essay" in handed.text
    with tool.app_context():
        assert drain() == 1
        essay = db.session.scalar(select(Essay).where(Essay.student == "Sam Student").order_by(Essay.id.desc()))
        scores, code = essay.scores(), essay.access_code
    batch = _batch_of(tool, link_id)
    results = teacher.get(f"{tool.config['TOOL_URL']}/teacher/batches/{batch}", timeout=30).text
    assert "Sam Student" in results and results.count("<td>not handed in</td>") == 2

    released = teacher.post(f"{tool.config['TOOL_URL']}/teacher/batches/{batch}/release", timeout=60,
                            data={"csrf_token": _csrf(results)})
    assert released.status_code == 200 and "1 score(s) sent to the course&#39;s gradebook" in released.text
    sent = platform.scores[-1]
    assert sent["token"] in platform.tokens and sent["content_type"] == "application/vnd.ims.lis.v1.score+json"
    assert sent["lineitem"] == platform.links[link_id]["lineitem"]
    body = sent["body"]
    assert body["userId"] == "s1" and body["scoreGiven"] == scores["total"] and body["scoreMaximum"] == scores["max"]
    assert body["activityProgress"] == "Completed" and body["gradingProgress"] == "FullyGraded"
    assert f"/r/{code}" in body["comment"]
    assert "read your feedback" in requests.get(work_url, timeout=30).text  # the address alone, as in a frame

    # The teacher overrides a score: the new total goes to the gradebook too.
    page = teacher.get(f"{tool.config['TOOL_URL']}/teacher/essays/{essay.id}", timeout=30).text
    fields = {name: "" for name in _score_fields(page)}
    first = next(iter(fields))
    fields[first] = "0"
    changed = teacher.post(f"{tool.config['TOOL_URL']}/teacher/essays/{essay.id}", timeout=60,
                           data=dict(fields, csrf_token=_csrf(page), comment="See me."))
    assert changed.status_code == 200 and "1 score(s) sent" in changed.text
    assert len([s for s in platform.scores if s["body"]["userId"] == "s1"]) >= 2
    assert platform.scores[-1]["body"]["scoreGiven"] < scores["total"] or scores["total"] == 0


@pytest.mark.parametrize("tamper, status, words", [
    ("signature", 401, "signature is not valid"),
    ("expired", 401, "expired"),
    ("deployment", 403, "deployment of essaycheck is not registered"),
])
def test_a_tampered_launch_is_refused_and_nothing_is_stored(tool, platform, tamper, status, words):
    link_id = add_activity(tool, platform, f"Refused {tamper}")
    r = refused_launch(tool, platform, platform.prepare("s2", link=link_id, tamper=tamper))
    assert r.status_code == status and words in r.text, r.text[:800]


def test_a_replayed_launch_is_refused_and_nothing_is_stored(tool, platform):
    link_id = add_activity(tool, platform, "Replayed")
    browser = requests.Session()
    assert launch(browser, platform, platform.prepare("s2", link=link_id)).status_code == 303
    form = dict(platform.last_form)
    before = counts(tool)
    again = browser.post(form.pop("action"), data=form, allow_redirects=False, timeout=30)
    assert again.status_code == 401 and "already been used" in again.text
    assert counts(tool) == before


def test_a_student_cannot_add_an_activity_and_an_unset_activity_says_so(tool, platform):
    r = refused_launch(tool, platform, platform.prepare("s1", kind="deep"))
    assert r.status_code == 403 and "Only a teacher" in r.text
    r = refused_launch(tool, platform, platform.prepare("s1", link="link-not-set-up"))
    assert r.status_code == 404 and "has not chosen" in r.text


def test_the_pages_a_platform_frames_refuse_a_wrong_address(tool, platform):
    before = counts(tool)
    for path in ("/lti/pick?launch=lti1p3-launch-00000000", "/lti/pick", "/lti/work?t=not-a-token", "/lti/work"):
        r = requests.post(tool.config["TOOL_URL"] + path, data={"assignment": "new", "essay": ESSAY,
                                                                "hand_in": "Hand in"}, timeout=30)
        assert r.status_code in (400, 403) and "<h1>" in r.text, (path, r.status_code)
    assert counts(tool) == before


def test_an_edited_custom_parameter_is_refused(tool, platform):
    r = refused_launch(tool, platform, platform.prepare(
        "t1", link="link-edited", custom={"essaycheck_assignment": "eyJhIjoxLCJ0IjoxfQ.forged"}))
    assert r.status_code == 400 and "not valid" in r.text


def test_the_admin_commands_list_remove_and_print_the_urls(tool, platform):
    cli = tool.test_cli_runner()
    listed = cli.invoke(args=["lti", "list"])
    assert listed.exit_code == 0 and platform.issuer in listed.output and platform.deployment_id in listed.output
    urls = cli.invoke(args=["lti", "urls", "https://essaycheck.school.example"])
    assert "https://essaycheck.school.example/lti/login" in urls.output
    assert "https://essaycheck.school.example/lti/jwks" in urls.output
    bad = cli.invoke(args=["lti", "add-platform", "--name", "x", "--issuer", "i", "--client-id", "c",
                           "--deployment-id", "d", "--auth-url", "not a url", "--token-url", "https://a/t",
                           "--jwks-url", "https://a/j"])
    assert bad.exit_code != 0 and "https://" in bad.output
    other = cli.invoke(args=["lti", "add-platform", "--name", "Gone", "--issuer", "https://gone.example",
                             "--client-id", "c", "--deployment-id", "d", "--auth-url", "https://gone.example/a",
                             "--token-url", "https://gone.example/t", "--jwks-url", "https://gone.example/j"])
    assert other.exit_code == 0, other.output
    pid = other.output.split()[2].rstrip(":")
    assert cli.invoke(args=["lti", "remove", pid, "--yes"]).exit_code == 0
    r = requests.get(tool.config["TOOL_URL"] + "/lti/login", params={"iss": "https://gone.example",
                                                                     "login_hint": "x", "client_id": "c"}, timeout=10)
    assert r.status_code == 403


def _batch_of(tool, link_id: str) -> int:
    from webapp.db import db
    from webapp.lti.models import LtiLink

    with tool.app_context():
        return db.session.scalar(select(LtiLink.batch_id).where(LtiLink.resource_link_id == link_id))


def _csrf(page: str) -> str:
    import re

    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def _score_fields(page: str) -> list[str]:
    import re

    return re.findall(r'name="(score_[a-z_]+)"', page)
