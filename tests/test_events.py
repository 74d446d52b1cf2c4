"""Context events (data/events.yaml): loaded and checked like the other registries, each rule with its exact message."""

from __future__ import annotations

from pathlib import Path

from archive.pipeline import read_archive
from archive.render import corrections
from archive.values import PartialDate
from conftest import REPO, edit, problems_in
from positions import at

E = "data/events.yaml"


def test_events_are_read_into_the_archive(project: Path) -> None:
    events = read_archive(project / "data").events
    assert list(events) == ["border-commission", "trade-fair"]
    commission = events["border-commission"]
    assert commission.id == "border-commission" and commission.date == PartialDate(2001, 9, 3)
    assert commission.source.source == "report-1" and commission.source.at == "p. 2"
    assert events["trade-fair"].date.approximate and events["trade-fair"].place is None


def test_events_file_is_optional(project: Path) -> None:
    (project / E).unlink()
    assert problems_in(project) == []
    assert read_archive(project / "data").events == {}


def test_an_event_cites_a_known_source(project: Path) -> None:
    edit(project, E, "source: {source: memo-1}", "source: {source: memo-2}")
    assert problems_in(project) == [f"{E}:{at(project / E, 'memo-2')}: trade-fair.source.source: unknown source 'memo-2' (known: memo-1, blog-1, report-1)"]


def test_an_event_date_is_a_real_date(project: Path) -> None:
    edit(project, E, "date: 2001-09-03", "date: 2001-09-31")
    where = at(project / E, "2001-09-31")
    assert problems_in(project) == [f"{E}:{where}: border-commission.date: day 31 does not exist in September 2001 ('2001-09-31')"]


def test_an_event_date_is_written_as_a_date(project: Path) -> None:
    edit(project, E, "date: 2001-09-03", "date: 3 September 2001")
    where = at(project / E, "3 September 2001")
    assert problems_in(project) == [
        f"{E}:{where}: border-commission.date: expected a date as YYYY, YYYY-MM or YYYY-MM-DD (optionally followed by ~ or ?), got '3 September 2001'"
    ]


def test_an_event_needs_its_summary(project: Path) -> None:
    edit(project, E, "  summary: Firms from Alpha exhibit at a trade fair in Beta for the first time.\n", "")
    where = at(project / E, "", after="trade-fair:\n  ")  # where the event's fields begin
    assert problems_in(project) == [f"{E}:{where}: trade-fair.summary: missing required field"]


def test_an_event_summary_is_one_line(project: Path) -> None:
    edit(project, E, "  summary: Firms from Alpha", '  summary: "Firms\\nfrom Alpha')
    edit(project, E, "for the first time.\n", 'for the first time."\n')
    where = at(project / E, '"Firms')
    assert problems_in(project) == [f"{E}:{where}: trade-fair.summary: must be a single line"]


def test_an_unknown_event_field_is_named(project: Path) -> None:
    edit(project, E, "  place: Lakeside Castle", "  plase: Lakeside Castle")
    assert problems_in(project) == [f"{E}:{at(project / E, 'plase')}: border-commission.plase: unknown field 'plase'; did you mean 'place'?"]


def test_an_event_id_is_an_id(project: Path) -> None:
    edit(project, E, "trade-fair:", "Trade Fair:")
    assert problems_in(project) == [
        f"{E}:{at(project / E, 'Trade Fair:')}: Trade Fair: 'Trade Fair' is not a valid id: use at most 64 lower-case letters, digits and single hyphens, "
        "e.g. '2008-04-06-sochi' or 'putin'"
    ]


def test_an_event_correction_cites_known_sources_and_is_listed_with_the_others(project: Path) -> None:
    corrected = "  source: {source: memo-1}\n  corrections:\n    - date: 2024-05-04\n      text: Year corrected.\n      sources: [{source: memo-9}]\n"
    edit(project, E, "  source: {source: memo-1}\n", corrected)
    where = at(project / E, "memo-9")
    assert problems_in(project) == [f"{E}:{where}: trade-fair.corrections[0].sources[0].source: unknown source 'memo-9' (known: memo-1, blog-1, report-1)"]
    edit(project, E, "[{source: memo-9}]", "[{source: memo-1}]")
    archive = read_archive(project / "data")
    [item] = [c for c in corrections.all_corrections(tuple(archive.transcripts), archive.registries) if c.kind == "context event"]
    assert (item.title, item.page, item.anchor) == ("Trade fair in Beta", "timeline.md", "event-trade-fair")


def test_real_events_cite_only_sources_in_the_bibliography_and_stay_in_the_conversations_years() -> None:
    archive = read_archive(REPO / "data")
    assert archive.events, "data/events.yaml holds the context events"
    years = {t.date.year for t in archive.transcripts}
    for event in archive.events.values():
        assert event.source.source in archive.sources
        assert min(years) <= event.date.year <= max(years), event.id
