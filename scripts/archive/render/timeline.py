"""The timeline: every conversation in date order, grouped by year; one page per year once large."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Archive
from . import paths
from .listing import by_year, transcript_list
from .memo import NOTHING, Memo, ready
from .text import count, front_matter, link


def render(archive: Archive, memo: Memo = NOTHING) -> dict[str, Callable[[], str]]:
    """The timeline page, plus one page per year when the archive holds more than ``PAGE_LIMIT`` conversations;
    each is made when asked for."""
    total = len(archive.transcripts)
    years = by_year(archive.transcripts, lambda t: t.date.year)
    split = total > paths.PAGE_LIMIT
    parts = [
        front_matter({"title": "Timeline", "description": f"All {count(total, 'conversation')} in the archive, in date order."}, searchable=False),
        "# Timeline {#title}",
        f'<p class="timeline-intro">{count(total, "conversation")}, oldest first.</p>',
    ]
    pages: dict[str, Callable[[], str]] = {}
    for year, entries in years:
        if split:
            year_page = paths.timeline_year(year)
            parts.append(f'<li><a href="{link(paths.TIMELINE, year_page)}">{year}</a> ({len(entries)})</li>')
            pages[year_page] = memo.later(year_page, (archive.people, *entries), lambda year=year, year_page=year_page, entries=entries: "\n\n".join([
                front_matter({"title": f"Timeline: {year}", "description": f"The {count(len(entries), 'conversation')} of {year} in the archive."}, searchable=False),
                f"# Conversations of {year} {{#title}}",
                f'<p><a href="{link(year_page, paths.TIMELINE)}">All years</a></p>',
                transcript_list(year_page, entries, archive),
            ]) + "\n")
        else:
            parts.append(f"## {year} {{#y{year}}}")
            parts.append(transcript_list(paths.TIMELINE, entries, archive))
    if split:
        years_list = "".join(p for p in parts[3:])
        parts = parts[:3] + [f'<ul class="years">{years_list}</ul>']
    pages[paths.TIMELINE] = ready("\n\n".join(parts) + "\n")
    return pages
