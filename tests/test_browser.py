"""The built pages in a real browser (Debian's Chromium driven through chromedriver)."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, build, make_project

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
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

AXE = REPO / "tests" / "node" / "node_modules" / "axe-core" / "axe.min.js"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean."""


def _serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The small archive, built and served on 127.0.0.1."""
    project = make_project(tmp_path_factory.mktemp("browser") / "project")
    assert build(project).returncode == 0
    yield from _serve(project / "site")


@pytest.fixture(scope="module")
def real_url(real_site: Path) -> Iterator[str]:
    """The repository's own archive, built and served on 127.0.0.1."""
    yield from _serve(real_site)


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
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
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


def _requests(browser: webdriver.Chrome) -> list[str]:
    """Every URL the browser asked for since the last call (from the performance log)."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _assert_local_and_quiet(browser: webdriver.Chrome, origin: str) -> None:
    # Chromium's own pages (chrome://...) are the browser's, not requests of the site.
    outside = [u for u in _requests(browser) if not u.startswith((origin, "data:", "blob:", "chrome:"))]
    assert outside == []
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_reader_clicks_from_timeline_to_claim_to_person_and_back(real_url: str, browser: webdriver.Chrome) -> None:
    sochi = f"{real_url}/transcripts/2008-04-06-sochi/"
    browser.set_window_size(1280, 1000)
    _requests(browser)
    browser.get(f"{real_url}/timeline/")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Sochi").click()
    assert browser.current_url == sochi
    browser.find_element(By.CSS_SELECTOR, '.md-sidebar--secondary a[href="#seventeen-million-russians"]').click()
    assert browser.current_url == sochi + "#seventeen-million-russians"
    assert browser.find_element(By.ID, "seventeen-million-russians").is_displayed()
    browser.find_element(By.CSS_SELECTOR, "#seventeen-million-russians + div.claim .claim-meta a[href*='people/putin']").click()
    assert browser.current_url == f"{real_url}/people/putin/"
    assert "Владимир Путин" in browser.find_element(By.TAG_NAME, "article").text
    browser.back()
    assert browser.current_url == sochi + "#seventeen-million-russians"
    browser.get(f"{real_url}/claims/")
    browser.find_element(By.CSS_SELECTOR, 'table.claims-table a[href$="#seventeen-million-russians"]').click()
    assert browser.current_url == sochi + "#seventeen-million-russians"
    _assert_local_and_quiet(browser, real_url)


def _search(browser: webdriver.Chrome, url: str, words: str) -> list[str]:
    """Type into the theme's search box and return the links of the results."""
    browser.set_window_size(1280, 1000)
    browser.get(f"{url}/")
    box = WebDriverWait(browser, 10).until(expected_conditions.element_to_be_clickable((By.CSS_SELECTOR, "input.md-search__input")))
    box.click()
    box.send_keys(words)
    WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, "li.md-search-result__item a"))
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "li.md-search-result__item a")]
    return [re.sub(r"\?h=[^#]*", "", link) for link in links]  # drop the highlight parameter


def test_search_finds_english_and_russian_words(real_url: str, browser: webdriver.Chrome) -> None:
    _requests(browser)  # start from here: earlier requests (the browser's own start page) are not the site's
    browser.get_log("browser")
    results = _search(browser, real_url, "Bocharov")
    assert any("/transcripts/2008-04-06-sochi/" in r for r in results)
    results = _search(browser, real_url, "Путин")
    assert any(r.endswith("/people/putin/") for r in results)
    assert any("/transcripts/2008-04-06-sochi/" in r for r in results)
    _assert_local_and_quiet(browser, real_url)


@pytest.mark.parametrize("word", ["Украина", "Україна"])
def test_search_finds_ukraine_in_russian_and_ukrainian(real_url: str, browser: webdriver.Chrome, word: str) -> None:
    results = _search(browser, real_url, word)
    assert any(r.endswith("/topics/ukraine/") for r in results)
    assert any("/transcripts/2008-04-06-sochi/" in r for r in results)


def test_search_result_lands_on_the_excerpt(real_url: str, browser: webdriver.Chrome) -> None:
    results = _search(browser, real_url, "religious nuts")
    target = next(r for r in results if r.startswith(f"{real_url}/transcripts/2005-09-16-oval-office/#"))
    anchor = target.split("#")[1]
    browser.get(target)
    assert "religious nuts" in browser.find_element(By.XPATH, f"//*[@id='{anchor}']/parent::div").text


def _no_transitions(browser: webdriver.Chrome) -> None:
    """Turn the theme's colour transitions off, so no check sees colours half-way through a change."""
    browser.execute_script(
        "const style = document.createElement('style');"
        "style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';"
        "document.head.appendChild(style);"
    )


def _set_scheme(browser: webdriver.Chrome, scheme: str) -> None:
    """Switch Material's colour scheme at once, and wait until it is painted."""
    _no_transitions(browser)
    browser.execute_script("document.body.setAttribute('data-md-color-scheme', arguments[0]);", scheme)
    browser.execute_async_script("requestAnimationFrame(() => requestAnimationFrame(arguments[0]));")


PAGE_KINDS = [
    "", "timeline/", "transcripts/2008-04-06-sochi/", "transcripts/2001-06-16-brdo/", "people/", "people/putin/", "topics/",
    "topics/nato-enlargement/", "claims/", "claims/contradicted/", "corrections/", "data/", "method/", "contributing/",
    "reference/", "performance/",
]


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", PAGE_KINDS)
def test_no_serious_accessibility_violations(real_url: str, browser: webdriver.Chrome, path: str, scheme: str) -> None:
    """axe-core on every kind of page, in the light scheme and in the dark one (Material's "slate")."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: 'make test' installs it with npm into tests/node")
        pytest.skip("SKIPPED axe-core check: run 'make test' (it installs axe-core with npm)")
    browser.set_window_size(1280, 1000)
    browser.get(f"{real_url}/{path}")
    _set_scheme(browser, scheme)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script("const done = arguments[0]; axe.run(document).then(r => done(r.violations));")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.fixture(scope="module")
def mounted_url(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The repository's own archive served under its published path, /conversations/, as GitHub Pages
    serves it: the theme's 404 page refers to its files from there."""
    root = tmp_path_factory.mktemp("mounted")
    (root / "conversations").symlink_to(real_site, target_is_directory=True)
    for url in _serve(root):
        yield f"{url}/conversations"


def _policy_problems(browser: webdriver.Chrome) -> list[str]:
    """Console errors since the last call; a policy violation is one ("Refused to ...", "violates ...")."""
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


EVERY_KIND_OF_PAGE = [
    "", "timeline/", "transcripts/2008-04-06-sochi/", "people/putin/", "topics/nato-enlargement/", "claims/",
    "claims/contradicted/", "data/", "reference/", "contributing/", "performance/", "404.html",
]


@pytest.mark.parametrize("path", EVERY_KIND_OF_PAGE)
def test_every_kind_of_page_runs_under_its_policy_without_a_violation(mounted_url: str, browser: webdriver.Chrome, path: str) -> None:
    browser.set_window_size(1280, 1000)
    _policy_problems(browser)
    browser.get(f"{mounted_url}/{path}")
    WebDriverWait(browser, 10).until(lambda b: b.execute_script("return document.readyState") == "complete")
    policy = browser.execute_script("return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content")
    assert "script-src 'self' 'sha256-" in policy
    # The theme's inline scripts ran (they define __md_get), and so did its bundle (it drops the no-js class).
    assert browser.execute_script("return typeof __md_get") == "function"
    WebDriverWait(browser, 10).until(lambda b: "no-js" not in b.find_element(By.TAG_NAME, "html").get_attribute("class"))
    # Nothing was refused: not the theme's inline scripts, not the data: images its stylesheet draws icons with.
    assert _policy_problems(browser) == []


def test_the_policy_refuses_a_script_the_page_did_not_ship(mounted_url: str, browser: webdriver.Chrome) -> None:
    browser.get(f"{mounted_url}/transcripts/2008-04-06-sochi/")
    _policy_problems(browser)
    browser.execute_script(
        "window.__injected = 0;"
        "const s = document.createElement('script'); s.textContent = 'window.__injected = 1'; document.head.append(s);"
    )
    assert browser.execute_script("return window.__injected") == 0
    refused = _policy_problems(browser)
    assert refused and all("Content Security Policy" in m for m in refused)


def test_search_works_under_the_policy(mounted_url: str, browser: webdriver.Chrome) -> None:
    _policy_problems(browser)
    results = _search(browser, mounted_url, "Bocharov")
    assert any("/transcripts/2008-04-06-sochi/" in r for r in results)
    results = _search(browser, mounted_url, "Путин")
    assert any(r.endswith("/people/putin/") for r in results)
    assert _policy_problems(browser) == []


def test_the_preview_shows_problems_in_the_data_on_the_open_page_and_recovers(tmp_path: Path, browser: webdriver.Chrome) -> None:
    """A YAML file broken under a running `make serve`: the open page lists the problem, then comes back when fixed."""
    from conftest import LAKESIDE, edit
    from positions import at
    from test_serve import start_preview, stop_preview, wait_for

    project, port, server = start_preview(tmp_path)
    try:
        url = f"http://127.0.0.1:{port}/transcripts/2001-06-16-lakeside/"
        wait_for(url, "Lakeside meeting")
        browser.get(url)
        assert not browser.find_elements(By.CSS_SELECTOR, ".archive-problems")
        edit(project, LAKESIDE, "    speaker: beta\n    kind: paraphrase", "    speaker: putn\n    kind: paraphrase")
        alert = WebDriverWait(browser, 60).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".archive-problems")))
        assert alert.get_attribute("role") == "alert"
        where = at(project / LAKESIDE, "putn")
        assert f"{LAKESIDE}:{where}: excerpts[1].speaker: unknown person 'putn' (known: alpha, beta, gamma)" in alert.text
        assert "Lakeside meeting" in browser.find_element(By.TAG_NAME, "h1").text  # the last good page is still there
        ARTIFACTS.mkdir(exist_ok=True)
        browser.save_screenshot(str(ARTIFACTS / "preview-problems.png"))
        edit(project, LAKESIDE, "    speaker: putn\n    kind: paraphrase", "    speaker: beta\n    kind: paraphrase")
        WebDriverWait(browser, 60).until(lambda b: not b.find_elements(By.CSS_SELECTOR, ".archive-problems"))
        assert "Lakeside meeting" in browser.find_element(By.TAG_NAME, "h1").text
    finally:
        errors = stop_preview(server)
    assert "'dirty' build" not in errors


def test_a_conversation_page_prints_without_the_sites_controls(real_url: str, browser: webdriver.Chrome) -> None:
    browser.set_window_size(1280, 1000)
    browser.get(f"{real_url}/transcripts/2008-04-06-sochi/")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = browser.execute_script(
            "return ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer', '.md-content__button']"
            ".map(s => document.querySelector(s)).filter(e => e).map(e => getComputedStyle(e).display)"
        )
        assert hidden and set(hidden) == {"none"}
        after = browser.execute_script(
            "return getComputedStyle(document.querySelector('ol.bibliography a[href^=\"http\"]'), '::after').content"
        )
        assert after.startswith('" (" attr(href)') or "https://" in after
        ARTIFACTS.mkdir(exist_ok=True)
        pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
        (ARTIFACTS / "sochi-print.pdf").write_bytes(__import__("base64").b64decode(pdf["data"]))
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("phone", 390)])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_screenshots_of_a_conversation_with_its_badges(real_url: str, browser: webdriver.Chrome, name: str, width: int, scheme: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    browser.set_window_size(width, 2000)
    browser.get(f"{real_url}/transcripts/2008-04-06-sochi/#seventeen-million")
    _set_scheme(browser, scheme)
    target = ARTIFACTS / f"sochi-{name}-{scheme}.png"
    assert browser.save_screenshot(str(target))
    badges = browser.find_elements(By.CSS_SELECTOR, "#seventeen-million ~ .excerpt-claims .assessment, .turn-meta .kind")
    assert badges and all(b.text.strip() for b in badges)  # every badge carries its word
