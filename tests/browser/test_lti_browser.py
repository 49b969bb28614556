"""LTI launches in a real headless Chromium: the platform's page posts the id_token to essaycheck by
itself, as Moodle's and Canvas's do, and the teacher and the student land where they should."""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


def _missing() -> str | None:
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        return "Debian's chromium and chromium-driver are not installed (.ci/run installs them)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed"
    return None


if _missing():
    if os.environ.get("ESSAYCHECK_REQUIRE_BROWSER"):
        pytest.fail(_missing(), pytrace=False)
    pytest.skip(_missing(), allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from lti_platform import Platform, register  # noqa: E402


@pytest.fixture(scope="module")
def platform():
    p = Platform().start()
    yield p
    p.stop()


@pytest.fixture(scope="module")
def tool(nlp, platform):
    from werkzeug.serving import make_server

    from webapp import create_app

    db_file = Path(tempfile.mkdtemp(prefix="essaycheck-lti-browser-")) / "db.sqlite3"
    app = create_app({"SECRET_KEY": "lti-browser", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_file}",
                      "ESSAYCHECK_START_WORKER": False})
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    platform.tool = f"http://127.0.0.1:{srv.server_port}"
    register(app, platform)
    yield app
    srv.shutdown()


@pytest.fixture(scope="module")
def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1280,1000"):
        opts.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="essaycheck-chromium-lti-")
    opts.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


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
    browser.find_element(By.ID, "check").click()
    WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".essay .mark"))
    assert "Nothing handed in yet" in browser.page_source  # checking a draft hands nothing in
    assert _axe(browser) == []


def _axe(browser) -> list:
    if not AXE.is_file():
        pytest.fail("axe-core is not installed: npm install --prefix tests/browser", pytrace=False)
    browser.execute_script(AXE.read_text())
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
        ".then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length, v.nodes[0].target.join(' ')])))"
        ".catch(e => done([['axe-error', String(e), 0, '']]));")
