"""Pieces every listing page shares: a conversation entry, a table of claims, year grouping."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import groupby
from typing import TypeVar

from ..model import Archive, Claim, Transcript
from . import paths
from .text import front_matter, h, link
from .transcript import ASSESSMENTS

T = TypeVar("T")


def by_year(items: Iterable[T], year: Callable[[T], int]) -> list[tuple[int, list[T]]]:
    """Items (already in date order) grouped by year."""
    return [(y, list(group)) for y, group in groupby(items, key=year)]


def transcript_entry(here: str, t: Transcript, archive: Archive, extra: str = "") -> str:
    """One conversation in a list: date, linked title, participants, summary."""
    url = link(here, paths.transcript(t.id))
    when = h(t.date.human()) + (f", {h(t.time.human())}" if t.time else "")
    names = ", ".join(h(archive.people[p.person].name) for side in t.participants for p in side.people)
    return (
        f'<li class="timeline-entry"><p class="timeline-date"><time datetime="{h(t.date.iso().rstrip("~?%"))}">{when}</time></p>'
        f'<p class="timeline-title"><a href="{h(url)}">{h(t.title)}</a>{" (draft)" if t.draft else ""}</p>'
        f'<p class="timeline-who">{names}</p>'
        f'<p class="timeline-summary">{h(t.summary)}</p>{extra}</li>'
    )


def transcript_list(here: str, transcripts: Iterable[Transcript], archive: Archive) -> str:
    """A list of conversations."""
    return f'<ol class="timeline" data-search-exclude>{"".join(transcript_entry(here, t, archive) for t in transcripts)}</ol>'


def claims_table(here: str, claims: Iterable[tuple[Transcript, Claim]], archive: Archive, speaker: bool = True) -> str:
    """Claims as a table a reader can sort by eye and a script can filter (data-* attributes)."""
    rows = []
    for t, c in claims:
        url = link(here, paths.transcript(t.id), c.id)
        who = f'<td><a href="{link(here, paths.person(c.speaker))}">{h(archive.people[c.speaker].name)}</a></td>' if speaker else ""
        rows.append(
            f'<tr data-speaker="{h(c.speaker)}" data-assessment="{h(c.assessment)}" data-topics="{h(" ".join(c.topics))}">'
            f'<td><time datetime="{h(t.date.iso().rstrip("~?%"))}">{h(t.date.human())}</time></td>{who}'
            f'<td><a href="{h(url)}">{h(c.statement)}</a></td>'
            f'<td><span class="assessment assessment-{c.assessment}">{ASSESSMENTS[c.assessment]}</span></td></tr>'
        )
    head = "<th>Date</th>" + ("<th>Speaker</th>" if speaker else "") + "<th>Claim</th><th>Assessment</th>"
    return f'<table class="claims-table" data-search-exclude><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def index_page(here: str, title: str, description: str, css_class: str, entries: Iterable[tuple[str, str, str]]) -> str:
    """A page listing registry entries: each a linked label (escaped here) followed by extra HTML."""
    items = "".join(f'<li><a href="{link(here, target)}">{h(label)}</a>{extra}</li>' for target, label, extra in entries)
    return "\n\n".join([
        front_matter({"title": title, "description": description}),
        f"# {title} {{#title}}",
        f'<ul class="{css_class}">{items}</ul>',
    ]) + "\n"
