"""Check a quotation, in a real browser: typing finds the passage, marks the changed word, links to it."""

from __future__ import annotations

import os
import time

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_browser import ARTIFACTS, AXE, _set_scheme, browser, real_url, site_url  # noqa: F401 - fixtures

# Putin at Sochi: "It's an artificial country created back in Soviet times", with "country" changed to "state".
CHANGED = "“It’s an artificial state created back in Soviet times”"
SOCHI = "/transcripts/2008-04-06-sochi/#ukraine-artificial"


def _problems(browser: webdriver.Chrome) -> list[str]:
    """Console errors since the last call; a Content-Security-Policy violation is one."""
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def _shown(browser: webdriver.Chrome, mark: object) -> str:
    """The text of a mark that takes up room on screen: its label for screen readers is there but one pixel wide."""
    return browser.execute_script(
        "return [...arguments[0].childNodes].filter(n => n.nodeType === 3 || n.getBoundingClientRect().width > 1)"
        ".map(n => n.textContent).join('')", mark)


def _check(browser: webdriver.Chrome, url: str, quotation: str, width: int = 1280) -> list:
    """Open the checker, type the quotation key by key, and wait for its results."""
    browser.set_window_size(width, 1600)
    browser.get(f"{url}/check/")
    box = browser.find_element(By.ID, "qc-quotation")
    assert box.is_displayed() and not browser.find_element(By.ID, "qc-nojs").is_displayed()
    box.click()
    box.send_keys(quotation)
    WebDriverWait(browser, 15).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#qc-results > li"))
    time.sleep(0.4)  # the last keystroke's lookup (debounced) has replaced any earlier one
    return browser.find_elements(By.CSS_SELECTOR, "#qc-results > li")


def test_a_quotation_with_one_changed_word_finds_the_passage_first_and_marks_the_word(real_url: str, browser: webdriver.Chrome) -> None:
    _problems(browser)
    results = _check(browser, real_url, CHANGED)
    first = results[0]
    link = first.find_element(By.CSS_SELECTOR, "a.qc-link")
    assert link.get_attribute("href") == real_url + SOCHI
    assert first.find_element(By.CSS_SELECTOR, ".qc-score").text == "89% similar"
    assert first.find_element(By.CSS_SELECTOR, ".speaker").text.lower() == "vladimir putin"
    deleted, added = first.find_element(By.TAG_NAME, "del"), first.find_element(By.TAG_NAME, "ins")
    assert _shown(browser, deleted) == "state" and _shown(browser, added) == "country"
    assert deleted.get_attribute("textContent") == "[only in your quotation: state]"
    assert added.get_attribute("textContent") == "[only in the passage: country]"
    assert "It's an artificial" in first.find_element(By.CSS_SELECTOR, ".qc-passage").text
    citation = first.find_element(By.CSS_SELECTOR, ".qc-cite-text").text
    assert citation.startswith("Memorandum of conversation") and citation.endswith(f"/conversations{SOCHI}.")
    status = browser.find_element(By.ID, "qc-status").text
    assert status.endswith("The closest is 89% similar.")
    assert browser.find_element(By.ID, "qc-output").get_attribute("aria-live") == "polite"
    link.click()
    assert browser.current_url == real_url + SOCHI
    assert "artificial country" in browser.find_element(By.XPATH, "//*[@id='ukraine-artificial']/parent::div").text
    assert _problems(browser) == []


def test_a_paraphrase_is_marked_as_not_the_documents_words(real_url: str, browser: webdriver.Chrome) -> None:
    first = _check(browser, real_url, "My country is at war against a faceless coward")[0]
    assert first.find_element(By.CSS_SELECTOR, "a.qc-link").get_attribute("href") == real_url + "/transcripts/2001-09-12-call/#new-kind-of-war"
    assert first.find_element(By.CSS_SELECTOR, ".kind").text.lower() == "paraphrase"
    assert "not the document's words" in first.find_element(By.CSS_SELECTOR, ".qc-warning").text
    quotation = _check(browser, real_url, CHANGED)[0]
    assert quotation.find_element(By.CSS_SELECTOR, ".kind").text.lower() == "quotation"
    assert not quotation.find_elements(By.CSS_SELECTOR, ".qc-warning")


def test_copy_button_copies_the_citation(real_url: str, browser: webdriver.Chrome) -> None:
    browser.execute_cdp_cmd("Browser.grantPermissions", {"origin": real_url, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    first = _check(browser, real_url, CHANGED)[0]
    button = first.find_element(By.CSS_SELECTOR, "button.qc-copy")
    button.click()
    WebDriverWait(browser, 5).until(lambda b: button.text == "Copied")
    copied = browser.execute_async_script("const done = arguments[0]; navigator.clipboard.readText().then(done, e => done(String(e)));")
    assert copied == first.find_element(By.CSS_SELECTOR, ".qc-cite-text").text


def test_markup_in_a_passage_is_shown_as_text(site_url: str, browser: webdriver.Chrome) -> None:
    _problems(browser)
    first = _check(browser, site_url, "The border is <b>fixed</b> & *final*")[0]
    passage = first.find_element(By.CSS_SELECTOR, ".qc-passage")
    assert "<b>fixed</b> & *final*" in passage.get_attribute("textContent")
    assert not passage.find_elements(By.TAG_NAME, "b") and not passage.find_elements(By.TAG_NAME, "ins")
    assert _problems(browser) == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_accessibility_violations_with_results_shown(real_url: str, browser: webdriver.Chrome, scheme: str) -> None:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: 'make test' installs it with npm into tests/node")
        pytest.skip("SKIPPED axe-core check: run 'make test' (it installs axe-core with npm)")
    _check(browser, real_url, CHANGED)
    _set_scheme(browser, scheme)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script("const done = arguments[0]; axe.run(document).then(r => done(r.violations));")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("phone", 390)])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_screenshots_of_the_checker_with_results(real_url: str, browser: webdriver.Chrome, name: str, width: int, scheme: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    _check(browser, real_url, CHANGED, width)
    _set_scheme(browser, scheme)
    browser.execute_script("window.scrollTo(0, 0)")
    target = ARTIFACTS / f"check-quotation-{name}-{scheme}.png"
    assert browser.save_screenshot(str(target))
    assert target.stat().st_size > 10_000
