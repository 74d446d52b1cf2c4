"""The timeline: every conversation in date order, grouped by year."""

from __future__ import annotations

from itertools import groupby

from ..model import Archive, Transcript
from . import transcript as transcript_page
from .text import front_matter, h, link

SRC_PATH = "timeline.md"


def _participants(t: Transcript, archive: Archive) -> str:
    names = [archive.people[p.person].name for side in t.participants for p in side.people]
    return ", ".join(h(n) for n in names)


def _entry(t: Transcript, archive: Archive) -> str:
    url = link(SRC_PATH, transcript_page.src_path(t.id))
    when = h(t.date.human()) + (f", {h(t.time.human())}" if t.time else "")
    return (
        f'<li class="timeline-entry"><p class="timeline-date"><time datetime="{h(t.date.iso().rstrip("~?%"))}">{when}</time></p>'
        f'<p class="timeline-title"><a href="{h(url)}">{h(t.title)}</a>{" (draft)" if t.draft else ""}</p>'
        f'<p class="timeline-who">{_participants(t, archive)}</p>'
        f'<p class="timeline-summary">{h(t.summary)}</p></li>'
    )


def render(archive: Archive) -> str:
    """The Markdown page of the timeline; transcripts must already be in date order."""
    count = len(archive.transcripts)
    parts = [
        front_matter({"title": "Timeline", "description": f"All {count} conversations in the archive, in date order."}),
        "# Timeline {#title}",
        f'<p class="timeline-intro">{count} conversation{"s" if count != 1 else ""}, oldest first.</p>',
    ]
    for year, entries in groupby(archive.transcripts, key=lambda t: t.date.year):
        parts.append(f"## {year} {{#y{year}}}")
        parts.append(f'<ol class="timeline">{"".join(_entry(t, archive) for t in entries)}</ol>')
    return "\n\n".join(parts) + "\n"
