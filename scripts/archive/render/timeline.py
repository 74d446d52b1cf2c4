"""The timeline: a chart of every conversation and context event, then the conversations in date order,
grouped by year (one page per year once large), then the context events."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from ..model import Archive, Event, Registries, Transcript
from ..values import MONTHS, PartialDate
from . import paths, timeline_chart
from .listing import by_year, transcript_list
from .page import Page
from .text import count, front_matter, h, link


def event_anchor(event: Event) -> str:
    """Anchor of a context event's entry in the timeline page's list of events."""
    return f"event-{event.id}"


def month_anchor(date: PartialDate) -> str:
    """Anchor of a month's section on a year's page (``m2001-06``; ``m2001-00`` for dates without a month)."""
    return f"m{date.year}-{date.month:02d}"


def _chart(here: str, transcripts: list[Transcript], events: list[Event], section: Callable[[PartialDate], str], one_by_one: bool = True) -> str:
    """The chart for one page: marks link to conversations and to the events' entries; groups to ``section``."""
    conversations = timeline_chart.conversation_items(transcripts, lambda t: link(here, paths.transcript(t.id)), section)
    def to_timeline(anchor: str) -> str:
        return f"#{anchor}" if here == paths.TIMELINE else link(here, paths.TIMELINE, anchor)

    context = timeline_chart.event_items(events, lambda e: to_timeline(event_anchor(e)), to_timeline("events"))
    return timeline_chart.chart(conversations, context, one_by_one)


def _event_entry(event: Event, registries: Registries) -> str:
    """One context event in the list: date, title, place, summary and the source it rests on."""
    source = registries.sources[event.source.source]
    title = h(event.title)
    if event.url:
        title = f'<a href="{h(event.url)}">{title}</a>'
    cited = f'<a href="{h(source.url)}">{h(source.title)}</a>' if source.url else h(source.title)
    at = f", {h(event.source.at)}" if event.source.at else ""
    place = f", {h(event.place)}" if event.place else ""
    return (
        f'<li class="timeline-entry timeline-event" id="{event_anchor(event)}"><p class="timeline-date">'
        f'<time datetime="{h(event.date.iso().rstrip("~?%"))}">{h(event.date.human())}</time>{place}</p>'
        f'<p class="timeline-title">{title}</p><p class="timeline-summary">{h(event.summary)}</p>'
        f'<p class="timeline-source">Source: {cited} ({h(source.publisher)}){at}</p></li>'
    )


def _events_section(events: list[Event], registries: Registries) -> list[str]:
    """The list of context events, the text alternative of the chart's events lane."""
    if not events:
        return []
    return [
        "## Context events {#events}",
        "<p>What happened around the conversations, as the sources cited state it.</p>",
        f'<ol class="timeline-events" data-search-exclude>{"".join(_event_entry(e, registries) for e in events)}</ol>',
    ]


def year_page(year: int, entries: tuple[Transcript, ...], registries: Registries) -> str:
    """One year's page: its chart, then its conversations by month."""
    here = paths.timeline_year(year)
    events = timeline_chart.events_in_order(registries.events)
    parts = [
        front_matter({"title": f"Timeline: {year}", "description": f"The {count(len(entries), 'conversation')} of {year} in the archive."}, searchable=False),
        f"# Conversations of {year} {{#title}}",
        f'<p><a href="{link(here, paths.TIMELINE)}">All years</a></p>',
        _chart(here, list(entries), [e for e in events if e.date.year == year], lambda d: f"#{month_anchor(d)}"),
    ]
    for month, group in groupby(entries, key=lambda t: t.date.month):
        heading = f"{MONTHS[month - 1]} {year}" if month else "Month not known"
        parts.append(f"## {heading} {{#{month_anchor(PartialDate(year, month))}}}")
        parts.append(transcript_list(here, group, registries))
    return "\n\n".join(parts) + "\n"


def _split(transcripts: tuple[Transcript, ...]) -> bool:
    """Whether the timeline has one page per year (a large archive)."""
    return len(transcripts) > paths.PAGE_LIMIT


def timeline_page(transcripts: tuple[Transcript, ...], registries: Registries) -> str:
    """The timeline: the chart, then every conversation by year (or, when large, the list of year pages), then the events."""
    total = len(transcripts)
    split = _split(transcripts)
    events = timeline_chart.events_in_order(registries.events)
    if split:
        section = lambda d: link(paths.TIMELINE, paths.timeline_year(d.year))  # noqa: E731
    else:
        section = lambda d: f"#y{d.year}"  # noqa: E731
    parts = [
        front_matter({"title": "Timeline", "description": f"All {count(total, 'conversation')} in the archive, in date order."}, searchable=False),
        "# Timeline {#title}",
        _chart(paths.TIMELINE, list(transcripts), events, section, one_by_one=not split),
        f'<p class="timeline-intro">{count(total, "conversation")}, oldest first.</p>',
    ]
    listed = []
    for year, entries in by_year(transcripts, lambda t: t.date.year):
        if split:
            listed.append(f'<li><a href="{link(paths.TIMELINE, paths.timeline_year(year))}">{year}</a> ({len(entries)})</li>')
        else:
            listed.append(f"## {year} {{#y{year}}}")
            listed.append(transcript_list(paths.TIMELINE, entries, registries))
    if split:
        listed = [f'<ul class="years">{"".join(listed)}</ul>']
    parts += listed + _events_section(events, registries)
    return "\n\n".join(p for p in parts if p) + "\n"


def pages(archive: Archive) -> list[Page]:
    """The timeline page, plus one page per year when the archive holds more than ``PAGE_LIMIT`` conversations."""
    transcripts, registries = tuple(archive.transcripts), archive.registries
    described = [Page.of(paths.TIMELINE, timeline_page, transcripts, registries)]
    if _split(transcripts):
        for year, entries in by_year(transcripts, lambda t: t.date.year):
            described.append(Page.of(paths.timeline_year(year), year_page, year, tuple(entries), registries))
    return described
