"""The built pages in a real browser (Debian's Chromium driven through chromedriver)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, make_project
from test_site import build

CHROMIUM = os.environ.get("ARCHIVE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = os.environ.get("ARCHIVE_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTIFACTS = REPO / "test-artifacts"

if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
    if os.environ.get("CI"):
        raise RuntimeError("browser tests need Debian's chromium and chromium-driver; .ci/run installs them")
    pytest.skip(
        "SKIPPED browser tests: Debian's chromium and chromium-driver are not installed "
        "(apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Keep test output clean."""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The small archive, built and served on 127.0.0.1."""
    project = make_project(tmp_path_factory.mktemp("browser") / "project")
    assert build(project).returncode == 0
    handler = functools.partial(_QuietHandler, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    """Headless Chromium with a fresh profile and no network beyond this machine."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path_factory.mktemp('profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def test_excerpt_markup_is_shown_as_text_and_page_has_no_console_errors(site_url: str, browser: webdriver.Chrome) -> None:
    browser.get(f"{site_url}/transcripts/2001-06-16-lakeside/")
    turn = browser.find_element(By.XPATH, "//*[@id='borders-1']/parent::div")
    assert "<b>fixed</b> & *final*" in turn.text
    assert not turn.find_elements(By.TAG_NAME, "b")
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


def test_timeline_link_leads_to_the_transcript_and_its_anchor(site_url: str, browser: webdriver.Chrome) -> None:
    browser.get(f"{site_url}/timeline/")
    browser.find_element(By.LINK_TEXT, "Lakeside meeting").click()
    assert browser.current_url.endswith("/transcripts/2001-06-16-lakeside/")
    browser.find_element(By.CSS_SELECTOR, '#border-final + div.claim a[href="#borders-1"]').click()
    assert browser.current_url.endswith("#borders-1")


@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("phone", 390)])
def test_screenshot_of_a_transcript_page(site_url: str, browser: webdriver.Chrome, name: str, width: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    browser.set_window_size(width, 2400)
    browser.get(f"{site_url}/transcripts/2001-06-16-lakeside/")
    target = ARTIFACTS / f"transcript-{name}.png"
    assert browser.save_screenshot(str(target))
    assert target.stat().st_size > 10_000
