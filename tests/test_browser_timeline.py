"""The timeline chart in a real browser: marks, their names, keyboard focus, clicks, axe-core, screenshots.

Importing test_browser brings its fixtures and its module-level skip when Chromium is missing.
"""

from __future__ import annotations

import os
from urllib.parse import urljoin

import pytest
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from archive.pipeline import read_archive
from conftest import REPO
from test_browser import ARTIFACTS, AXE, _set_scheme, browser, real_url, site_url  # noqa: F401 - fixtures

MARKS = ".tl-chart a"


def _open(browser: webdriver.Chrome, url: str, width: int = 1280, scheme: str = "default") -> None:
    browser.set_window_size(width, 1000)
    browser.get(url)
    _set_scheme(browser, scheme)


def _href(browser: webdriver.Chrome, mark) -> str:
    """Where a mark leads, as an absolute address (an SVG link's href is not a plain string)."""
    return urljoin(browser.current_url, mark.get_dom_attribute("href"))


def _label(browser: webdriver.Chrome, mark) -> str:
    """The mark's label as drawn: its text, or '' while the stylesheet hides it."""
    label = mark.find_element(By.CSS_SELECTOR, ".tl-label")
    return label.get_attribute("textContent") if label.is_displayed() else ""


def test_every_conversation_and_event_has_a_mark_named_by_date_and_title(real_url: str, browser: webdriver.Chrome) -> None:
    archive = read_archive(REPO / "data")
    _open(browser, f"{real_url}/timeline/")
    marks = browser.find_elements(By.CSS_SELECTOR, MARKS)
    names = {_href(browser, m).removeprefix(real_url): m.accessible_name for m in marks}
    expected = {f"/transcripts/{t.id}/": f"{t.date.human()}: {t.title}" for t in archive.transcripts}
    expected |= {f"/timeline/#event-{e.id}": f"{e.date.human()}: {e.title}" for e in archive.events.values()}
    assert names == expected
    assert all(m.get_attribute("role") in (None, "link") and m.aria_role == "link" for m in marks)
    lanes = [g.accessible_name for g in browser.find_elements(By.CSS_SELECTOR, ".tl-lane")]
    assert lanes == ["Meetings", "Telephone calls", "Context events"]
    assert browser.find_element(By.CSS_SELECTOR, ".tl-chart").accessible_name.startswith("The conversations by date")


def test_the_label_shows_on_keyboard_focus_and_on_hover(real_url: str, browser: webdriver.Chrome) -> None:
    _open(browser, f"{real_url}/timeline/")
    marks = browser.find_elements(By.CSS_SELECTOR, MARKS)
    assert [_label(browser, m) for m in marks] == [""] * len(marks)  # nothing shown until asked for
    body = browser.find_element(By.TAG_NAME, "body")
    body.click()
    for _ in range(60):  # Tab through the page's header and menu to the first mark
        ActionChains(browser).send_keys(Keys.TAB).perform()
        if browser.execute_script("return document.activeElement.closest('.tl-chart') !== null"):
            break
    first = browser.switch_to.active_element
    assert _href(browser, first) == f"{real_url}/transcripts/2001-06-16-brdo/"
    assert _label(browser, first) == "16 June 2001: First Bush–Putin meeting, Brdo Castle"
    ActionChains(browser).send_keys(Keys.TAB).perform()
    second = browser.switch_to.active_element
    assert _label(browser, second).startswith("21 October 2001: ") and _label(browser, first) == ""
    # The focus ring is drawn: the mark's target gets a visible outline.
    assert second.find_element(By.CSS_SELECTOR, ".tl-hit").value_of_css_property("stroke") not in ("none", "")
    last = marks[-1]
    ActionChains(browser).move_to_element(last.find_element(By.CSS_SELECTOR, ".tl-s")).perform()
    assert _label(browser, last) == last.accessible_name
    assert _label(browser, second) == ""  # the focused mark's label gives way to the one under the pointer


def test_clicking_a_mark_goes_to_the_conversation_and_an_event_mark_to_its_entry(real_url: str, browser: webdriver.Chrome) -> None:
    _open(browser, f"{real_url}/timeline/")
    browser.find_element(By.CSS_SELECTOR, '.tl-chart a[href="../transcripts/2008-04-06-sochi/"] .tl-s').click()
    assert browser.current_url == f"{real_url}/transcripts/2008-04-06-sochi/"
    browser.back()
    browser.find_element(By.CSS_SELECTOR, '.tl-chart a[href="#event-nato-bucharest-summit-2008"] .tl-s').click()
    assert browser.current_url == f"{real_url}/timeline/#event-nato-bucharest-summit-2008"
    entry = browser.find_element(By.ID, "event-nato-bucharest-summit-2008")
    assert entry.is_displayed() and "Bucharest" in entry.text


def test_on_a_phone_the_chart_scrolls_to_the_mark_that_has_the_focus(real_url: str, browser: webdriver.Chrome) -> None:
    _open(browser, f"{real_url}/timeline/", width=390)
    before = browser.find_element(By.CSS_SELECTOR, '.tl-chart a[href="../transcripts/2005-09-16-oval-office/"]')
    browser.execute_script("arguments[0].focus()", before)
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.get_dom_attribute("href") == "../transcripts/2008-04-06-sochi/"
    inside = browser.execute_script(
        "const box = document.querySelector('.tl-scroll').getBoundingClientRect();"
        "const mark = document.activeElement.querySelector('.tl-s').getBoundingClientRect();"
        "return box.left <= mark.left && mark.right <= box.right;"
    )
    assert inside


def test_pressing_enter_on_a_focused_mark_follows_it(site_url: str, browser: webdriver.Chrome) -> None:
    _open(browser, f"{site_url}/timeline/")
    call = browser.find_element(By.CSS_SELECTOR, ".tl-calls a")
    browser.execute_script("arguments[0].focus()", call)
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.current_url == f"{site_url}/transcripts/2003-02-lakeside-call/"


def test_marks_of_approximate_dates_are_hollow_and_lanes_differ_in_colour_and_shape(site_url: str, browser: webdriver.Chrome) -> None:
    _open(browser, f"{site_url}/timeline/")
    meeting = browser.find_element(By.CSS_SELECTOR, ".tl-meetings a .tl-s")
    call = browser.find_element(By.CSS_SELECTOR, ".tl-calls a .tl-s")
    page = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
    assert call.value_of_css_property("fill") == page  # hollow: about February 2003
    assert meeting.value_of_css_property("fill") not in (page, call.value_of_css_property("stroke"))
    assert (meeting.tag_name, call.tag_name) == ("circle", "path")


def _axe(browser: webdriver.Chrome, context: str = "document", rules: str = "{}") -> list[tuple]:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: 'make test' installs it with npm into tests/node")
        pytest.skip("SKIPPED axe-core check: run 'make test' (it installs axe-core with npm)")
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    script = f"const done = arguments[0]; axe.run({context}, {{rules: {rules}}}).then(r => done(r.violations));"
    result = browser.execute_async_script(script)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_accessibility_violations_on_the_timeline(real_url: str, browser: webdriver.Chrome, scheme: str) -> None:
    _open(browser, f"{real_url}/timeline/", scheme=scheme)
    assert browser.execute_script("return document.body.getAttribute('data-md-color-scheme')") == scheme
    assert _axe(browser) == []
    # WCAG 2.2's target size, which axe leaves off by default, for the chart's marks.
    assert _axe(browser, "document.querySelector('.tl-figure')", "{'target-size': {enabled: true}}") == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_lane_colours_have_enough_contrast_with_the_page(real_url: str, browser: webdriver.Chrome, scheme: str) -> None:
    _open(browser, f"{real_url}/timeline/", scheme=scheme)
    ratios = browser.execute_script(
        """
        const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                           return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const page = lum(getComputedStyle(document.body).backgroundColor);
        return [...document.querySelectorAll('.tl-lane')].map(g => {
          const l = lum(getComputedStyle(g.querySelector('a .tl-s')).fill);
          return (Math.max(l, page) + 0.05) / (Math.min(l, page) + 0.05);
        });"""
    )
    assert len(ratios) == 3 and min(ratios) >= 4.5, ratios


@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("phone", 390)])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_screenshot_of_the_timeline(real_url: str, browser: webdriver.Chrome, name: str, width: int, scheme: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    _open(browser, f"{real_url}/timeline/", width=width, scheme=scheme)
    mark = browser.find_element(By.CSS_SELECTOR, '.tl-chart a[href="../transcripts/2008-04-06-sochi/"]')
    browser.execute_script("arguments[0].focus()", mark)
    assert _label(browser, mark) == "6 April 2008: Bush and Putin at Sochi"
    figure = browser.find_element(By.CSS_SELECTOR, ".tl-figure")
    assert figure.size["width"] <= width  # the chart scrolls inside the column instead of widening the page
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    target = ARTIFACTS / f"timeline-{name}{'-dark' if scheme == 'slate' else ''}.png"
    assert browser.save_screenshot(str(target))
    assert target.stat().st_size > 10_000
