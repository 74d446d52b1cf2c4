"""The claims index in a real browser: filters and sorting kept in the address, cards on a phone, the theme's table look."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from archive.crossref import cross_reference as crossref
from archive.pipeline import read_archive
from archive.render.transcript import ASSESSMENTS
from conftest import REPO, build, make_project
from test_browser import ARTIFACTS, AXE, _no_transitions, _serve, browser, real_url, site_url  # noqa: F401 - fixtures

ARCHIVE = read_archive(REPO / "data")
CLAIMS = [
    {"statement": c.statement, "speaker": c.speaker, "year": t.date.year, "assessment": c.assessment,
     "topics": c.topics, "date": t.date.iso().rstrip("~?%"), "rank": list(ASSESSMENTS).index(c.assessment)}
    for t, c in crossref(ARCHIVE).claims
]
SHOWN = """return Array.from(document.querySelectorAll('table.claims-table tbody tr'))
    .filter(r => r.getClientRects().length > 0)
    .map(r => r.querySelector('td[data-label="Claim"] a').textContent);"""


def _statements(rows: list[dict]) -> list[str]:
    return [r["statement"] for r in rows]


def _open(browser: webdriver.Chrome, url: str, width: int = 1280, scheme: str = "light") -> None:
    """Load a page at a width in a colour scheme (the reader's system setting; no choice remembered)."""
    browser.set_window_size(width, 1000)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    browser.get(url)
    browser.execute_script("localStorage.clear()")  # the theme remembers the scheme it picked; start afresh
    browser.refresh()
    wanted = "slate" if scheme == "dark" else "default"
    WebDriverWait(browser, 10).until(lambda b: b.execute_script("return document.body.getAttribute('data-md-color-scheme')") == wanted)
    _no_transitions(browser)
    browser.execute_async_script("requestAnimationFrame(() => requestAnimationFrame(arguments[0]));")


@pytest.fixture(autouse=True)
def _light_afterwards(browser: webdriver.Chrome) -> Iterator[None]:
    yield
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def _choose(browser: webdriver.Chrome, name: str, value: str) -> None:
    Select(browser.find_element(By.CSS_SELECTOR, f'form.claims-controls select[name="{name}"]')).select_by_value(value)


def _chosen(browser: webdriver.Chrome) -> dict[str, str]:
    return browser.execute_script(
        "const v = {}; document.querySelectorAll('form.claims-controls select').forEach(s => { v[s.name] = s.value; }); return v;"
    )


def _status(browser: webdriver.Chrome) -> str:
    return browser.find_element(By.CSS_SELECTOR, "form.claims-controls [role=status]").text


def test_filters_show_their_rows_and_live_in_the_address_through_back_forward_and_reload(real_url: str, browser: webdriver.Chrome) -> None:
    putin = [c for c in CLAIMS if c["speaker"] == "putin"]
    putin_2008 = [c for c in putin if c["year"] == 2008]
    assert 0 < len(putin_2008) < len(putin) < len(CLAIMS)
    _open(browser, f"{real_url}/claims/")
    assert browser.execute_script(SHOWN) == _statements(CLAIMS)
    assert _status(browser) == f"{len(CLAIMS)} of {len(CLAIMS)} claims shown"
    labels = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "form.claims-controls label > span")]
    assert labels == ["Speaker", "Topic", "Assessment", "Year", "Sort"]
    topics = [o.text for o in Select(browser.find_element(By.NAME, "topic")).options]
    assert "NATO enlargement" in topics and "nato-enlargement" not in topics  # titles, not ids
    browser.execute_script("window.sameDocument = true")

    _choose(browser, "speaker", "putin")
    assert browser.current_url == f"{real_url}/claims/?speaker=putin"
    assert browser.execute_script(SHOWN) == _statements(putin)
    _choose(browser, "year", "2008")
    assert browser.current_url == f"{real_url}/claims/?speaker=putin&year=2008"
    assert browser.execute_script(SHOWN) == _statements(putin_2008)
    assert _status(browser) == f"{len(putin_2008)} of {len(CLAIMS)} claims shown"

    browser.back()  # within the page: the previous view comes back from the address
    assert browser.current_url == f"{real_url}/claims/?speaker=putin"
    assert browser.execute_script("return window.sameDocument") is True
    assert browser.execute_script(SHOWN) == _statements(putin)
    assert _chosen(browser)["year"] == ""
    browser.forward()
    assert browser.execute_script(SHOWN) == _statements(putin_2008)

    browser.refresh()  # a new page load of the shared address opens the same view
    assert browser.execute_script("return window.sameDocument") is None
    assert _chosen(browser) == {"speaker": "putin", "topic": "", "assessment": "", "year": "2008", "sort": ""}
    assert browser.execute_script(SHOWN) == _statements(putin_2008)
    browser.back()
    assert browser.current_url == f"{real_url}/claims/?speaker=putin"
    assert browser.execute_script(SHOWN) == _statements(putin)

    browser.find_element(By.CSS_SELECTOR, "button.claims-clear").click()
    assert browser.current_url == f"{real_url}/claims/"
    assert browser.execute_script(SHOWN) == _statements(CLAIMS)


def test_a_shared_address_opens_its_view_and_ignores_values_the_page_does_not_have(real_url: str, browser: webdriver.Chrome) -> None:
    opinions_on_nato = [c for c in CLAIMS if c["assessment"] == "opinion" and "nato-enlargement" in c["topics"]]
    assert 0 < len(opinions_on_nato) < len(CLAIMS)
    _open(browser, f"{real_url}/claims/?topic=nato-enlargement&assessment=opinion&speaker=nobody")
    assert _chosen(browser) == {"speaker": "", "topic": "nato-enlargement", "assessment": "opinion", "year": "", "sort": ""}
    assert browser.execute_script(SHOWN) == _statements(opinions_on_nato)


def test_sorting_by_assessment_and_by_date(real_url: str, browser: webdriver.Chrome) -> None:
    _open(browser, f"{real_url}/claims/")
    by_assessment = sorted(CLAIMS, key=lambda c: c["rank"])  # stable: date order within an assessment
    assert by_assessment != CLAIMS
    _choose(browser, "sort", "assessment")
    assert browser.current_url == f"{real_url}/claims/?sort=assessment"
    assert browser.execute_script(SHOWN) == _statements(by_assessment)
    assert browser.find_element(By.CSS_SELECTOR, 'th[data-key="assessment"]').get_attribute("aria-sort") == "ascending"
    assert browser.find_element(By.CSS_SELECTOR, 'th[data-key="date"]').get_attribute("aria-sort") is None
    _choose(browser, "sort", "assessment-desc")
    assert browser.execute_script(SHOWN) == _statements(sorted(CLAIMS, key=lambda c: -c["rank"]))
    _choose(browser, "sort", "date-desc")
    assert browser.execute_script(SHOWN) == _statements(sorted(CLAIMS, key=lambda c: c["date"], reverse=True))
    assert browser.find_element(By.CSS_SELECTOR, 'th[data-key="date"]').get_attribute("aria-sort") == "descending"
    _choose(browser, "assessment", "opinion")  # sorting and filtering together, both in the address
    assert browser.current_url == f"{real_url}/claims/?sort=date-desc&assessment=opinion"
    opinions = [c for c in sorted(CLAIMS, key=lambda c: c["date"], reverse=True) if c["assessment"] == "opinion"]
    assert browser.execute_script(SHOWN) == _statements(opinions)
    browser.back()
    browser.back()
    assert browser.current_url == f"{real_url}/claims/?sort=assessment-desc"
    assert browser.execute_script(SHOWN) == _statements(sorted(CLAIMS, key=lambda c: -c["rank"]))
    _choose(browser, "sort", "")
    assert browser.execute_script(SHOWN) == _statements(CLAIMS)


def test_without_javascript_the_whole_table_is_shown_and_no_controls(real_url: str, browser: webdriver.Chrome) -> None:
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.set_window_size(1280, 1000)
    browser.get(f"{real_url}/claims/?speaker=putin")
    assert browser.find_elements(By.CSS_SELECTOR, "form.claims-controls") == []
    assert browser.execute_script(SHOWN) == _statements(CLAIMS)


def _cells(browser: webdriver.Chrome) -> list[dict]:
    return browser.execute_script(
        """const row = document.querySelector('table.claims-table tbody tr');
        return Array.from(row.cells).map(td => {
          const box = td.getBoundingClientRect(), value = td.firstElementChild.getBoundingClientRect();
          return {top: box.top, bottom: box.bottom, left: box.left, width: box.width, valueLeft: value.left,
                  label: getComputedStyle(td, '::before').content, row: row.getBoundingClientRect().width};
        });"""
    )


def _accessible_roles(browser: webdriver.Chrome) -> tuple[list[str], list[str]]:
    """Column headers and the first row's cells as the browser exposes them to screen readers."""
    nodes = browser.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]

    def named(role: str) -> list[str]:
        return [(n.get("name") or {}).get("value", "") for n in nodes if (n.get("role") or {}).get("value") == role]

    return named("columnheader"), named("cell")[:4]


def test_on_a_phone_each_claim_is_a_card_with_labelled_values_still_a_table_for_screen_readers(real_url: str, browser: webdriver.Chrome) -> None:
    _open(browser, f"{real_url}/claims/", width=390)
    cells = _cells(browser)
    assert [c["label"] for c in cells] == ['"Date" / ""', '"Speaker" / ""', '"Claim" / ""', '"Assessment" / ""']
    for above, below in zip(cells, cells[1:]):
        assert below["top"] >= above["bottom"] - 1  # stacked, one value under the other
    for cell in cells:
        assert cell["width"] > 0.85 * cell["row"]
        assert cell["valueLeft"] - cell["left"] > 60  # room kept for the visible label
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    headers, first_row = _accessible_roles(browser)
    assert headers == ["Date", "Speaker", "Claim", "Assessment"]
    assert first_row[2] == CLAIMS[0]["statement"]  # the cell's own words: the visible label is not read twice
    assert not any(name.startswith(("Date", "Speaker", "Claim", "Assessment")) for name in first_row)

    _open(browser, f"{real_url}/claims/", width=1280)
    cells = _cells(browser)
    assert len({round(c["top"]) for c in cells}) == 1  # a table row again
    assert all(c["label"] == "none" for c in cells)


STYLE = """const [el, props] = arguments; const s = getComputedStyle(el);
return Object.fromEntries(props.map(p => [p, s.getPropertyValue(p)]));"""
TABLE = ["border-top-width", "border-top-style", "border-top-color", "border-left-color", "border-top-left-radius",
         "background-color", "font-size"]
HEAD = ["padding-top", "padding-left", "font-weight", "text-align", "vertical-align", "font-size"]
CELL = ["padding-top", "padding-left", "border-top-width", "border-top-style", "border-top-color", "vertical-align"]


def _table_look(browser: webdriver.Chrome, url: str, selector: str, scheme: str) -> dict:
    _open(browser, url, scheme=scheme)
    table = browser.find_element(By.CSS_SELECTOR, selector)
    row = table.find_element(By.CSS_SELECTOR, "tbody tr")
    look = {
        "table": browser.execute_script(STYLE, table, TABLE),
        "th": browser.execute_script(STYLE, table.find_element(By.CSS_SELECTOR, "th"), HEAD),
        "td": browser.execute_script(STYLE, row.find_element(By.CSS_SELECTOR, "td"), CELL),
    }
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    ActionChains(browser).move_to_element(row).perform()
    time.sleep(0.3)  # the theme fades the row in over 125 ms
    look["hovered row"] = browser.execute_script(STYLE, row, ["background-color"])
    return look


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_claims_and_offices_tables_have_the_themes_table_look(real_url: str, browser: webdriver.Chrome, scheme: str) -> None:
    theme = _table_look(browser, f"{real_url}/performance/", "article table:not([class])", scheme)
    assert theme["table"]["border-top-style"] == "solid" and theme["td"]["border-top-style"] == "solid"
    assert theme["hovered row"]["background-color"] != "rgba(0, 0, 0, 0)"
    assert _table_look(browser, f"{real_url}/claims/", "table.claims-table", scheme) == theme
    assert _table_look(browser, f"{real_url}/people/putin/", "table.roles", scheme) == theme


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("path", "width"), [("claims/", 1280), ("claims/", 390), ("people/putin/", 1280), ("people/putin/", 390)])
def test_no_serious_accessibility_violations_in_either_scheme(real_url: str, browser: webdriver.Chrome, path: str, width: int, scheme: str) -> None:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: 'make test' installs it with npm into tests/node")
        pytest.skip("SKIPPED axe-core check: run 'make test' (it installs axe-core with npm)")
    _open(browser, f"{real_url}/{path}", width=width, scheme=scheme)
    if path == "claims/":
        _choose(browser, "speaker", "putin")  # a filtered view, with the controls in use
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script("const done = arguments[0]; axe.run(document).then(r => done(r.violations));")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result if v["impact"] in ("serious", "critical")]
    assert serious == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("phone", 390)])
def test_screenshots_of_the_claims_index_and_a_person_page(real_url: str, browser: webdriver.Chrome, name: str, width: int, scheme: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for page, path in [("claims", "claims/"), ("person", "people/putin/")]:
        _open(browser, f"{real_url}/{path}", width=width, scheme=scheme)
        browser.set_window_size(width, 2400)
        target = ARTIFACTS / f"{page}-{name}-{scheme}.png"
        assert browser.save_screenshot(str(target))
        assert target.stat().st_size > 10_000


@pytest.fixture(scope="module")
def split_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A synthetic archive with more claims than one page holds, so the index is one page per year."""
    from benchmarks import synthetic

    root = tmp_path_factory.mktemp("split")
    project = make_project(root / "project", synthetic.generate(root / "generated", 50, seed=3))
    result = build(project)
    assert result.returncode == 0, result.stderr
    yield from _serve(project / "site")


def test_a_years_page_of_a_large_index_says_its_filters_cover_that_year_only(split_url: str, browser: webdriver.Chrome) -> None:
    _open(browser, f"{split_url}/claims/")
    assert browser.find_elements(By.CSS_SELECTOR, "table.claims-table, form.claims-controls") == []
    assert "one page per year" in browser.find_element(By.TAG_NAME, "article").text
    browser.find_element(By.CSS_SELECTOR, "ul.years a").click()
    year = browser.current_url.rstrip("/").rsplit("/", 1)[1]
    rows = len(browser.execute_script(SHOWN))
    assert browser.find_element(By.CSS_SELECTOR, ".claims-scope").text == f"Filters and sorting work on this page only: the claims of {year}."
    assert _status(browser) == f"{rows} of {rows} claims shown"
    assert "year" not in _chosen(browser)  # one year on the page: nothing to choose
    speaker = Select(browser.find_element(By.NAME, "speaker")).options[1].get_attribute("value")
    _choose(browser, "speaker", speaker)
    wanted = browser.execute_script(f"return document.querySelectorAll('tbody tr[data-speaker=\"{speaker}\"]').length")
    assert len(browser.execute_script(SHOWN)) == wanted and _status(browser) == f"{wanted} of {rows} claims shown"
