"""The student pages in a real headless Chromium: marks, escaping, and an axe-core accessibility check."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from chrome import axe_violations as _axe, chromium, click_and_wait_for_new_page, require_browser
from support import served

pytestmark = pytest.mark.integration
WRONG = "On 18 October 1962 President Kennedy was informed about the missile bases on Cuba."

require_browser()

from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def server(nlp):
    """The app under a real WSGI server on a free loopback port."""
    from webapp import create_app

    db_file = Path(tempfile.mkdtemp(prefix="essaycheck-browser-")) / "db.sqlite3"
    app = create_app({"SECRET_KEY": "browser-test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_file}"})
    result = app.test_cli_runner().invoke(args=["create-teacher", "ann@school.org", "--password", "correct horse"])
    assert result.exit_code == 0, result.output
    with served(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium("essaycheck-chromium-") as driver:
        yield driver


def submit(browser, server, essay: str, reveal: bool = True) -> None:
    browser.get(server + "/")
    browser.find_element(By.ID, "essay").send_keys(essay)
    if reveal:
        browser.find_element(By.CSS_SELECTOR, "input[name=mode][value=reveal]").click()
    # The form posts back to the same address: wait for the old page to go and the feedback to arrive.
    click_and_wait_for_new_page(browser, lambda: browser.find_element(By.ID, "submit").click())
    WebDriverWait(browser, 60).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".essay")))


def test_a_wrong_date_is_marked_and_its_message_read_by_keyboard(browser, server):
    submit(browser, server, WRONG)
    mark = browser.find_element(By.CSS_SELECTOR, ".essay .mark.wrong")
    assert "18 October 1962" in mark.text
    tip = mark.find_element(By.CSS_SELECTOR, ".tip")
    assert not tip.is_displayed()
    body = browser.find_element(By.TAG_NAME, "body")
    for _ in range(30):  # Tab until the mark has focus, as a keyboard user would
        body.send_keys(Keys.TAB)
        if browser.switch_to.active_element == mark:
            break
        body = browser.switch_to.active_element
    assert browser.switch_to.active_element == mark
    assert tip.is_displayed() and "16 October 1962" in tip.text


def test_html_and_script_in_an_essay_show_as_text_and_never_run(browser, server):
    essay = ('In 1959 Castro took power. <script>window.__pwned = 1</script> '
             '<img src=x onerror="window.__pwned = 2"> Kennedy was informed on 16 October 1962.')
    submit(browser, server, essay)
    text = browser.find_element(By.CSS_SELECTOR, ".essay").text
    assert "<script>window.__pwned = 1</script>" in text and "<img src=x" in text
    assert browser.execute_script("return window.__pwned === undefined")
    assert not browser.find_elements(By.CSS_SELECTOR, ".essay img, .essay script")


def test_a_batch_upload_shows_its_progress_until_every_essay_is_marked(browser, server, tmp_path):
    import zipfile

    essays = tmp_path / "class.zip"
    with zipfile.ZipFile(essays, "w") as z:
        for i in range(24):
            z.writestr(f"student_{i:02d}.txt", f"{WRONG} In 1959 Castro took power in Cuba. Essay number {i}.")
    _log_in(browser, server)
    browser.get(server + "/teacher/assignments/new")
    browser.find_element(By.ID, "title").send_keys("Missile crisis")
    browser.find_element(By.CSS_SELECTOR, "#pack option[value=cuban-missile-crisis]").click()
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 60).until(expected_conditions.presence_of_element_located((By.ID, "upload")))
    browser.find_element(By.ID, "name").send_keys("10A")
    browser.find_element(By.ID, "files").send_keys(str(essays))
    browser.find_element(By.CSS_SELECTOR, "#upload input[type=submit]").click()
    bar = WebDriverWait(browser, 30).until(expected_conditions.presence_of_element_located((By.ID, "batch-progress")))
    assert bar.get_attribute("max") == "24"
    seen = set()

    def finished(driver):
        value = int(float(driver.find_element(By.ID, "batch-progress").get_attribute("value")))
        seen.add(value)
        return value == 24

    # The page reloads itself once marking is done, so an element read just before the reload can go stale
    # (or, in Chromium, belong to a document that is being torn down).
    WebDriverWait(browser, 120, poll_frequency=0.1, ignored_exceptions=(WebDriverException,)).until(finished)
    WebDriverWait(browser, 30, ignored_exceptions=(WebDriverException,)).until(
        lambda d: "24 of 24 marked" in d.find_element(By.ID, "progress-text").text)
    WebDriverWait(browser, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "table.results tbody tr")) == 24)


# Each page's Content-Security-Policy violations, seen by the page itself (the console misses none either).
_WATCH_CSP = ("window.__csp = []; document.addEventListener('securitypolicyviolation', "
              "e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile));")


# Runs after the batch test above, so the teacher pages it visits have an assignment and a batch.
def test_every_page_passes_its_content_security_policy(browser, server):
    import requests

    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _WATCH_CSP})
    browser.get_log("browser")  # start with an empty console
    seen: dict[str, list] = {}

    def record(label: str) -> None:
        WebDriverWait(browser, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
        violations = browser.execute_script("return window.__csp || []")
        console = [e["message"] for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
        seen[label] = violations + console
        if browser.current_url.startswith(server):  # the header itself, on the address the browser shows
            cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
            csp = requests.get(browser.current_url, cookies=cookies, timeout=60).headers.get("Content-Security-Policy")
            assert csp and "script-src 'self'" in csp and "unsafe" not in csp, (label, csp)

    browser.delete_all_cookies()
    for label, path in (("check page", "/"), ("log-in page", "/teacher/login"), ("missing page", "/no-such-page")):
        browser.get(server + path)
        record(label)
    browser.get(server + "/")
    browser.find_element(By.ID, "submit").click()  # nothing pasted: the page with its error summary
    record("check page with an error")
    submit(browser, server, WRONG)
    record("feedback")
    _log_in(browser, server)
    record("dashboard")
    browser.get(server + "/teacher/assignments/new")
    record("new assignment")
    browser.get(server + "/teacher/")
    browser.find_element(By.CSS_SELECTOR, "table.data a[href*='/teacher/assignments/']").click()
    record("assignment")
    assignment = browser.current_url
    browser.find_element(By.PARTIAL_LINK_TEXT, "Settings").click()
    record("settings")
    browser.get(assignment)
    browser.find_element(By.CSS_SELECTOR, "a[href*='/teacher/batches/']").click()
    record("batch")
    batch = browser.current_url
    browser.find_element(By.PARTIAL_LINK_TEXT, "Class report").click()
    record("class report")
    browser.get(batch)
    browser.find_element(By.CSS_SELECTOR, "table.results a[href*='/teacher/essays/']").click()
    record("essay")
    browser.get(batch)
    release = browser.find_element(By.XPATH, "//button[contains(., 'Release feedback')]")
    release.click()
    record("batch, released")
    browser.find_element(By.CSS_SELECTOR, "table.results a[href*='/r/']").click()
    record("a student's released feedback")
    assert len(seen) == 14 and {k: v for k, v in seen.items() if v} == {}


@pytest.mark.parametrize("page", ["check", "feedback", "teacher login", "teacher pages"])
def test_pages_pass_an_axe_core_accessibility_check(browser, server, page):
    if page == "check":
        browser.get(server + "/")
    elif page == "feedback":
        submit(browser, server, (Path(__file__).parents[2] / "rubric" / "cuban-missile-crisis" / "examples"
                                 / "sample-essay.txt").read_text())
    elif page == "teacher login":
        browser.delete_all_cookies()
        browser.get(server + "/teacher/login")
    else:
        _log_in(browser, server)
        for path in ("/teacher/", "/teacher/assignments/new"):
            browser.get(server + path)
            assert _axe(browser) == [], path
        browser.get(server + "/teacher/")
        links = browser.find_elements(By.CSS_SELECTOR, "table.data a[href*='/teacher/']")
        for href in [a.get_attribute("href") for a in links][:3]:  # an assignment, and its batches if any
            browser.get(href)
            assert _axe(browser) == [], href
        return
    assert _axe(browser) == []


def _log_in(browser, server) -> None:
    browser.get(server + "/teacher/login")
    if "/teacher/login" not in browser.current_url:
        return
    browser.find_element(By.ID, "email").send_keys("ann@school.org")
    browser.find_element(By.ID, "password").send_keys("correct horse")
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 30).until(lambda d: "/teacher/login" not in d.current_url)


# -- the classroom loop (runs last: it publishes, re-marks and releases in the shared server) ----------

SOURCES = sorted((Path(__file__).parents[2] / "rubric" / "cuban-missile-crisis" / "sources").glob("*.txt"))
SAMPLE = (Path(__file__).parents[2] / "rubric" / "cuban-missile-crisis" / "examples" / "sample-essay.txt").read_text()


def _clean(browser, label: str) -> None:
    """No accessibility violation (axe-core) and no Content-Security-Policy violation on this page."""
    assert _axe(browser) == [], label
    assert browser.execute_script("return window.__csp || []") == [], label


def _overlapping_labels(browser, selector: str) -> list:
    return browser.execute_script("""
        const boxes = [...document.querySelectorAll(arguments[0])].map(t => [t.textContent, t.getBoundingClientRect()]);
        const out = [];
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
          const [s, a] = boxes[i], [u, b] = boxes[j];
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push([s, u]);
        }
        return out;""", selector)


def test_the_classroom_loop(browser, server, tmp_path):
    import csv
    import io
    import zipfile

    import requests

    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _WATCH_CSP})
    # A teacher makes an assignment from uploaded sources and publishes it.
    _log_in(browser, server)
    browser.get(server + "/teacher/assignments/new")
    browser.find_element(By.ID, "title").send_keys("Cuba 1962, from my sources")
    browser.find_element(By.ID, "sources").send_keys("\n".join(str(p) for p in SOURCES))
    click_and_wait_for_new_page(browser, lambda: browser.find_element(By.ID, "submit").click())
    assignment = browser.current_url
    _clean(browser, "assignment page")
    click_and_wait_for_new_page(browser, lambda: browser.find_element(By.ID, "publish-button").click())
    link = browser.find_element(By.ID, "class-link").get_attribute("href")
    code = browser.find_element(By.ID, "class-code-value").text

    # A student opens the class link, checks a draft with a wrong date, fixes it, checks again.
    browser.delete_all_cookies()
    browser.get(link)
    assert code in browser.find_element(By.TAG_NAME, "main").text
    _clean(browser, "class page")
    browser.find_element(By.ID, "essay").send_keys(WRONG)
    click_and_wait_for_new_page(browser, lambda: browser.find_element(By.ID, "submit").click())
    assert "18 October 1962" in browser.find_element(By.CSS_SELECTOR, ".essay .mark.wrong").text
    assert "16 October 1962" not in browser.find_element(By.TAG_NAME, "main").text  # point: no answer
    draft = browser.find_element(By.ID, "essay")
    assert draft.get_attribute("value") == WRONG  # the draft is kept
    draft.clear()
    draft.send_keys(WRONG.replace("18 October", "16 October"))
    click_and_wait_for_new_page(browser, lambda: browser.find_element(By.ID, "check-again").click())
    changes = browser.find_element(By.CSS_SELECTOR, "section.changes").text
    assert "1 fixed" in changes and "Fixed: 18 October 1962 (a date)" in changes
    assert not browser.find_elements(By.CSS_SELECTOR, ".essay .mark.wrong")
    _clean(browser, "feedback on a second draft")
    assert _overlapping_labels(browser, "svg.timeline text") == []

    # The teacher marks a batch.
    essays = tmp_path / "9C.zip"
    with zipfile.ZipFile(essays, "w") as z:
        z.writestr("amy.txt", SAMPLE)
        z.writestr("ben.txt", WRONG + " In 1959 Castro took power in Cuba. The blockade began on 22 October 1962.")
        z.writestr("cal.txt", SAMPLE + "\n" + WRONG)
    _log_in(browser, server)
    browser.get(assignment)
    browser.find_element(By.ID, "name").send_keys("9C")
    browser.find_element(By.ID, "files").send_keys(str(essays))
    click_and_wait_for_new_page(browser, lambda: browser.find_element(By.CSS_SELECTOR, "#upload input[type=submit]").click())
    batch = browser.current_url
    WebDriverWait(browser, 120).until(lambda d: "3 of 3 marked: done" in d.find_element(By.ID, "progress-text").text)
    WebDriverWait(browser, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "table.results tbody tr")) == 3)

    # ... dismisses one flag on the first essay, and moves to the next.
    browser.find_element(By.LINK_TEXT, "Amy").click()
    _clean(browser, "an essay to review")
    before = float(browser.find_element(By.ID, "teacher-total").text.split("/")[0])
    browser.find_element(By.CSS_SELECTOR, "details.dismiss summary").click()
    form = browser.find_element(By.CSS_SELECTOR, "details.dismiss form")
    form.find_element(By.TAG_NAME, "select").send_keys("The sources are wrong")
    click_and_wait_for_new_page(browser, lambda: form.find_element(By.CSS_SELECTOR, "button[type=submit]").click())
    assert "dismissed" in browser.find_element(By.CSS_SELECTOR, ".flashes").text
    assert float(browser.find_element(By.ID, "teacher-total").text.split("/")[0]) == before + 1
    click_and_wait_for_new_page(browser, lambda: browser.find_element(By.ID, "next-essay").click())
    assert browser.find_element(By.TAG_NAME, "h1").text == "Ben"

    # ... corrects the fact base (the sources' 16 October becomes 18 October) and re-marks the batch.
    browser.get(assignment)
    fact = browser.find_element(By.XPATH, "//li[contains(@class, 'fact')][.//p[contains(., 'On the 16th of October, 1962')]]")
    fact.find_element(By.CSS_SELECTOR, "input[name$='-date']").send_keys("1962-10-18")
    click_and_wait_for_new_page(browser, lambda: browser.find_element(By.ID, "save-facts").click())
    assert "Saved 1 change" in browser.find_element(By.CSS_SELECTOR, ".flashes").text
    browser.get(browser.current_url.split("#")[0] + "/rubric")
    _clean(browser, "rubric form")
    browser.get(batch)
    assert "has changed since 3 of these essays were marked" in browser.find_element(By.TAG_NAME, "main").text
    click_and_wait_for_new_page(browser, lambda: browser.find_element(By.ID, "remark-button").click())
    WebDriverWait(browser, 120).until(lambda d: "3 of 3 marked: done" in d.find_element(By.ID, "progress-text").text
                                      and "changed since" not in d.find_element(By.TAG_NAME, "main").text)
    _clean(browser, "batch page")
    browser.find_element(By.LINK_TEXT, "Amy").click()
    assert "Flags you dismissed" in browser.find_element(By.TAG_NAME, "main").text  # kept through the re-mark
    browser.get(batch)
    browser.find_element(By.LINK_TEXT, "Ben").click()
    assert not browser.find_elements(By.CSS_SELECTOR, ".essay .mark.wrong")  # 18 October is right now
    browser.get(batch)
    browser.find_element(By.PARTIAL_LINK_TEXT, "Class report").click()
    _clean(browser, "class report")

    # ... releases; the student's link and the CSV show the same total.
    browser.get(batch)
    click_and_wait_for_new_page(browser, lambda: browser.find_element(By.XPATH, "//button[contains(., 'Release feedback')]").click())
    row = browser.find_element(By.XPATH, "//table[contains(@class, 'results')]//tr[th//a[text()='Amy']]")
    student_link = row.find_element(By.CSS_SELECTOR, "a[href*='/r/']").get_attribute("href")
    cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
    table = requests.get(batch + "/export.csv", cookies=cookies, timeout=60).text
    amy = next(r for r in csv.DictReader(io.StringIO(table)) if r["student"] == "Amy")
    browser.delete_all_cookies()
    browser.get(student_link)
    assert browser.find_element(By.ID, "your-mark").text == f"{amy['total']} / {amy['max']}"
    _clean(browser, "released feedback")
