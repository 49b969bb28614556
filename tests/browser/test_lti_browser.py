"""LTI launches in a real headless Chromium: the platform's page posts the id_token to essaycheck by
itself, as Moodle's and Canvas's do, and the teacher and the student land where they should."""
from __future__ import annotations

import pytest

from chrome import axe_violations as _axe, chromium, click_and_wait_for_new_page, require_browser

pytestmark = pytest.mark.integration

require_browser()

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from lti_platform import Platform, serve_tool  # noqa: E402


@pytest.fixture(scope="module")
def platform():
    p = Platform().start()
    yield p
    p.stop()


@pytest.fixture(scope="module")
def tool(nlp, platform):
    with serve_tool(platform, SECRET_KEY="lti-browser", ESSAYCHECK_START_WORKER=False) as app:
        yield app


@pytest.fixture(scope="module")
def browser():
    with chromium("essaycheck-chromium-lti-") as driver:
        yield driver


def _open(browser, platform, hint: str, lands_on: str) -> None:
    browser.get(platform.start_url(hint))
    WebDriverWait(browser, 60).until(lambda d: lands_on in d.current_url
                                     and d.execute_script("return document.readyState") == "complete")


def test_teacher_adds_the_activity_and_teacher_and_student_land_where_they_should(browser, tool, platform):
    # The teacher's "add an activity" dialog: choose a new assignment; the answer goes back by itself.
    _open(browser, platform, platform.prepare("t1", kind="deep"), "/lti/pick")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Choose the essaycheck assignment"
    assert _axe(browser) == []
    browser.find_element(By.CSS_SELECTOR, "input[name=assignment][value=new]").click()
    browser.find_element(By.ID, "title").send_keys("Missiles homework")
    browser.find_element(By.CSS_SELECTOR, "#pack option[value=cuban-missile-crisis]").click()
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 60).until(lambda d: d.current_url.startswith(platform.url + "/deep-link-return"))
    assert "1 activity added" in browser.page_source
    (link_id,) = platform.links

    # The teacher opens the activity: the assignment's workspace, logged in, with the class list read.
    _open(browser, platform, platform.prepare("t1", link=link_id), "/teacher/assignments/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Missiles homework"
    assert "3 student(s) on the class list" in browser.find_element(By.CSS_SELECTOR, ".flashes").text

    # A student opens it: the assignment's self-check page, no log-in, as themselves.
    browser.delete_all_cookies()
    _open(browser, platform, platform.prepare("s1", link=link_id), "/lti/work?t=")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Missiles homework"
    assert "Sam Student" in browser.find_element(By.CSS_SELECTOR, ".lead").text
    assert _axe(browser) == []
    browser.find_element(By.ID, "essay").send_keys("On 18 October 1962 Kennedy was informed about the missiles.")
    click_and_wait_for_new_page(browser, lambda: browser.find_element(By.ID, "check").click())
    WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".essay .mark"))
    assert "Nothing handed in yet" in browser.page_source  # checking a draft hands nothing in
    assert _axe(browser) == []
