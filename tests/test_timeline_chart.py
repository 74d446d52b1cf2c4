"""The timeline chart: inline SVG made at build time from the transcripts and context events.

The golden file holds the chart of the small archive with a line break between tags, so that
a change reads as a diff; regenerate with ``UPDATE_GOLDEN=1`` and read that diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from archive.pipeline import read_archive
from archive.render import paths, timeline, timeline_chart
from archive.render.timeline_chart import MARK_LIMIT, Item, chart
from archive.values import PartialDate
from conftest import FIXTURE, REPO

GOLDEN = Path(__file__).parent / "golden" / "timeline-chart.html"


def _figure(page: str) -> str:
    """The chart's markup in a rendered page."""
    start = page.index('<figure class="tl-figure">')
    return page[start : page.index("</figure>", start) + len("</figure>")]


def _soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def _timeline(data: Path = FIXTURE / "data") -> dict[str, str]:
    return {page.path: page.text for page in timeline.pages(read_archive(data))}


def _items(n: int, dates: list[PartialDate] | None = None) -> list[Item]:
    """``n`` invented conversations spread over 1945-2020 (or on the dates given, in turn)."""
    dates = dates or [PartialDate(1945 + i * 76 // n, 1 + i % 12, 1 + i % 28) for i in range(n)]
    return [Item(dates[i % len(dates)], f"Conversation {i}", f"../transcripts/c{i}/", f"#y{dates[i % len(dates)].year}") for i in range(n)]


def test_chart_of_the_small_archive_matches_golden_file() -> None:
    rendered = _figure(_timeline()[paths.TIMELINE]).replace("><", ">\n<") + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_bytes(rendered.encode("utf-8"))
    assert rendered == GOLDEN.read_bytes().decode("utf-8")


def test_the_timeline_page_opens_with_the_chart_and_keeps_the_list() -> None:
    page = _timeline()[paths.TIMELINE]
    assert page.index('<figure class="tl-figure">') < page.index('<ol class="timeline"') < page.index('<ol class="timeline-events"')
    soup = _soup(page)
    assert [li["id"] for li in soup.select("ol.timeline-events li")] == ["event-border-commission", "event-trade-fair"]


def test_each_conversation_is_a_link_in_its_lane_named_by_date_and_title() -> None:
    svg = _soup(_figure(_timeline()[paths.TIMELINE])).svg
    lanes = {g["aria-label"]: g for g in svg.select("g.tl-lane")}
    assert list(lanes) == ["Meetings", "Telephone calls", "Context events"]
    [meeting] = lanes["Meetings"].find_all("a")
    assert meeting["href"] == "../transcripts/2001-06-16-lakeside/"
    assert meeting["aria-label"] == "16 June 2001: Lakeside meeting"
    assert meeting.select_one("text.tl-label").get_text() == "16 June 2001: Lakeside meeting"
    css = (REPO / "docs/stylesheets/timeline.css").read_text(encoding="utf-8")
    assert ".tl-label, .tl-guide { visibility: hidden; }" in css and ".tl-chart a:focus .tl-label" in css  # shown on hover and focus
    [call] = lanes["Telephone calls"].find_all("a")
    assert call["aria-label"] == "about February 2003: Telephone call"
    # Lanes differ by shape, not colour alone; an approximate date gives a hollow mark.
    assert meeting.select_one(".tl-s").name == "circle" and call.select_one(".tl-s").name == "path"
    assert "tl-hollow" in call.select_one(".tl-s")["class"] and "tl-hollow" not in meeting.select_one(".tl-s")["class"]
    events = lanes["Context events"].find_all("a")
    assert [a["href"] for a in events] == ["#event-border-commission", "#event-trade-fair"]
    assert events[0]["aria-label"] == "3 September 2001: Border commission meets <at the lake> & agrees"
    assert svg["aria-labelledby"] == "timeline-chart-caption" and "role" not in svg.attrs  # not img: its links stay reachable


def _x(a) -> float:
    return float(a.select_one(".tl-hit")["x"])


def test_positions_are_in_proportion_to_time_on_an_axis_of_years() -> None:
    a, b, c = (PartialDate(2001, 1, 1), PartialDate(2001, 7, 2), PartialDate(2003, 1, 1))
    svg = _soup(chart((_items(3, [a, b, c]), []), []))
    marks = svg.find_all("a")
    first, second, third = (_x(m) for m in marks)
    assert (second - first) / (third - first) == pytest.approx(182 / 730, abs=0.01)
    assert [t.get_text() for t in svg.select(".tl-axis text")] == ["2001", "2002", "2003", "2004"]


def test_partial_dates_stand_at_the_middle_of_their_month_or_year() -> None:
    year, june, june_first = PartialDate(2002), PartialDate(2002, 6), PartialDate(2002, 6, 1)
    marks = {a["href"]: a for a in _soup(chart(([], _items(3, [year, june, june_first])), [])).find_all("a")}
    axis = timeline_chart.Axis(2002, 2003)
    centre = [_x(marks[f"../transcripts/c{i}/"]) + timeline_chart.HIT / 2 for i in range(3)]
    assert centre[0] == pytest.approx(axis.x(2002.5), abs=0.1)
    assert centre[1] - centre[2] == pytest.approx(axis.x(2002 + (151 + 15) / 365) - axis.x(2002 + (151 + 0.5) / 365), abs=0.1)


def test_a_single_year_has_month_ticks() -> None:
    svg = _soup(chart((_items(2, [PartialDate(1999, 3, 1), PartialDate(1999, 11, 5)]), []), []))
    assert [t.get_text() for t in svg.select(".tl-axis text")][:3] == ["Jan", "Feb", "Mar"]


def test_close_marks_are_stacked_not_overlapped() -> None:
    same_week = [PartialDate(2008, 4, 3), PartialDate(2008, 4, 6), PartialDate(2008, 4, 9)]
    marks = _soup(chart((_items(3, same_week), []), [])).find_all("a")
    ys = [float(m.select_one(".tl-hit")["y"]) for m in marks]
    assert len(set(ys)) == 3
    for m, n in zip(marks, marks[1:]):
        assert abs(_x(m) - _x(n)) >= timeline_chart.HIT or abs(float(m.select_one(".tl-hit")["y"]) - float(n.select_one(".tl-hit")["y"])) >= timeline_chart.HIT


@pytest.mark.parametrize("n", [MARK_LIMIT + 1, 1_000, 10_000])
def test_many_conversations_are_grouped_with_counts_and_the_chart_stays_small(n: int) -> None:
    markup = chart((_items(n), []), [])
    marks = _soup(markup).find_all("a")
    assert len(marks) <= MARK_LIMIT
    counts = [int(m.select_one("text.tl-count").get_text()) for m in marks]
    assert sum(counts) == n
    assert marks[0]["aria-label"] == f"1945: {counts[0]} meetings" and marks[0]["href"] == "#y1945"
    assert len(markup.encode("utf-8")) < 50_000


def test_the_size_does_not_grow_with_the_archive_once_grouped() -> None:
    assert len(chart((_items(100_000), []), [])) < 1.05 * len(chart((_items(1_000), []), []))


def test_conversations_of_one_year_are_grouped_by_month() -> None:
    dates = [PartialDate(1975, 1 + i % 12, 1 + i % 28) for i in range(MARK_LIMIT + 5)]
    marks = _soup(chart((_items(len(dates), dates), []), [])).find_all("a")
    assert len(marks) == 12 and marks[2]["aria-label"] == "March 1975: 11 meetings"


def test_every_text_from_the_data_is_escaped() -> None:
    hostile = '</text><script>alert(1)</script><a href="javascript:x">" onfocus="alert(2)'
    markup = chart(([Item(PartialDate(2001, 6, 16), hostile, '../transcripts/x/"><script>', "#y2001")], []), [])
    soup = _soup(markup)
    assert not soup.find_all("script") and len(soup.find_all("a")) == 1
    a = soup.a
    assert a["aria-label"] == f"16 June 2001: {hostile}" and a["href"] == '../transcripts/x/"><script>'
    assert not [name for tag in soup.find_all(True) for name in tag.attrs if name.startswith("on")]


def test_no_conversations_and_no_events_draw_nothing() -> None:
    assert chart(([], []), []) == ""


def test_without_events_there_is_no_events_lane_or_list(project: Path) -> None:
    (project / "data/events.yaml").unlink()
    page = _timeline(project / "data")[paths.TIMELINE]
    assert "Context events" not in page and "tl-events" not in page


def test_a_large_archive_links_years_to_their_pages_and_months_on_year_pages(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "PAGE_LIMIT", 1)
    pages = _timeline(project / "data")
    main = _soup(_figure(pages[paths.TIMELINE]))  # split into pages: each mark a group leading to its year's page
    assert [(a["href"], a["aria-label"]) for a in main.select(".tl-meetings a")] == [("../timeline/2001/", "June 2001: 1 meeting")]
    year = pages["timeline/2003.md"]
    assert "## February 2003 {#m2003-02}" in year
    svg = _soup(_figure(year))
    assert [a["href"] for a in svg.find_all("a")] == ["../../transcripts/2003-02-lakeside-call/"]
    assert [t.get_text() for t in svg.select(".tl-axis text")][0] == "Jan"
    assert "tl-events" not in year  # neither invented event falls in 2003
    events_2001 = _soup(_figure(pages["timeline/2001.md"])).select(".tl-events a")
    assert [a["href"] for a in events_2001] == ["../../timeline/#event-border-commission"]


def test_a_large_archive_groups_by_year_linking_to_the_year_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "PAGE_LIMIT", 1)
    monkeypatch.setattr(timeline_chart, "LEVELS", timeline_chart.LEVELS[2:])  # as when there are too many to draw one by one
    svg = _soup(_figure(_timeline()[paths.TIMELINE]))
    assert [(a["href"], a["aria-label"], a.get_text()) for a in svg.select(".tl-meetings a, .tl-calls a")] == [
        ("../timeline/2001/", "2001: 1 meeting", "12001: 1 meeting"), ("../timeline/2003/", "2003: 1 telephone call", "12003: 1 telephone call"),
    ]


def test_the_real_archive_has_a_mark_for_every_conversation_and_event() -> None:
    archive = read_archive(REPO / "data")
    svg = _soup(_figure(timeline.timeline_page(tuple(archive.transcripts), archive.registries)))
    hrefs = [a["href"] for a in svg.find_all("a")]
    assert sorted(h for h in hrefs if h.startswith("../")) == sorted(f"../transcripts/{t.id}/" for t in archive.transcripts)
    assert sorted(h for h in hrefs if h.startswith("#")) == sorted(f"#event-{e}" for e in archive.events)
    calls = [t for t in archive.transcripts if t.kind == "telephone-conversation"]
    assert len(svg.select(".tl-calls a")) == len(calls)
