"""Headless Chromium for the browser tests: whether it can run here, a driver, and an axe-core check."""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

AXE = Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--window-size=1280,1000")


def _missing() -> str | None:
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        return "Debian's chromium and chromium-driver are not installed (.ci/run installs them)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed"
    return None


def require_browser() -> None:
    """Skip the calling test module when there is no browser here; in CI (ESSAYCHECK_REQUIRE_BROWSER) fail."""
    why = _missing()
    if why:
        if os.environ.get("ESSAYCHECK_REQUIRE_BROWSER"):
            pytest.fail(why, pytrace=False)
        pytest.skip(why, allow_module_level=True)


@contextmanager
def chromium(profile_prefix: str):
    """A headless Chromium driver with a throwaway profile; its console is kept (CSP violations go there)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for flag in _FLAGS:
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    profile = tempfile.mkdtemp(prefix=profile_prefix)
    opts.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def axe_violations(driver) -> list:
    """axe-core's WCAG 2.1 A/AA and best-practice violations on the current page: [id, impact, nodes, first]."""
    if not AXE.is_file():
        pytest.fail("axe-core is not installed: npm install --prefix tests/browser", pytrace=False)
    driver.execute_script(AXE.read_text())
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
        ".then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length, v.nodes[0].target.join(' ')])))"
        ".catch(e => done([['axe-error', String(e), 0, '']]));")


def click_and_wait_for_new_page(driver, click, timeout: float = 60) -> None:
    """Run ``click`` and wait until the browser shows a new, fully loaded page.

    The old page is marked with a script variable the new one does not have. Watching the old page's
    ``<html>`` element for staleness is not enough: while Chromium tears the old document down it can
    answer with "Node with given id does not belong to the document" instead of "stale element", so
    every WebDriver error during the switch means "not there yet".
    """
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("window.__essaycheckOldPage = true")
    click()
    WebDriverWait(driver, timeout, poll_frequency=0.1, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(
            "return window.__essaycheckOldPage !== true && document.readyState === 'complete'"))
