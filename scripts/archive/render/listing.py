"""Pieces every listing page shares: a conversation entry, a table of claims, year grouping."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from itertools import groupby
from typing import TypeVar

from ..model import LABELS, Claim, Registries, Transcript
from . import paths
from .text import front_matter, h, link

T = TypeVar("T")


def by_year(items: Iterable[T], year: Callable[[T], int]) -> list[tuple[int, list[T]]]:
    """Items (already in date order) grouped by year."""
    return [(y, list(group)) for y, group in groupby(items, key=year)]


def transcripts_of(pairs: Iterable[tuple[Transcript, object]]) -> tuple[Transcript, ...]:
    """The conversations of (conversation, item) pairs in date order, each once."""
    found: list[Transcript] = []
    for t, _ in pairs:
        if not found or found[-1] is not t:
            found.append(t)
    return tuple(found)


def transcript_entry(here: str, t: Transcript, registries: Registries, extra: str = "") -> str:
    """One conversation in a list: date, linked title, participants, summary."""
    url = link(here, paths.transcript(t.id))
    when = h(t.date.human()) + (f", {h(t.time.human())}" if t.time else "")
    names = ", ".join(h(registries.people[p.person].name) for side in t.participants for p in side.people)
    return (
        f'<li class="timeline-entry"><p class="timeline-date"><time datetime="{h(t.date.iso().rstrip("~?%"))}">{when}</time></p>'
        f'<p class="timeline-title"><a href="{h(url)}">{h(t.title)}</a>{" (draft)" if t.draft else ""}</p>'
        f'<p class="timeline-who">{names}</p>'
        f'<p class="timeline-summary">{h(t.summary)}</p>{extra}</li>'
    )


def transcript_list(here: str, transcripts: Iterable[Transcript], registries: Registries) -> str:
    """A list of conversations."""
    return f'<ol class="timeline" data-search-exclude>{"".join(transcript_entry(here, t, registries) for t in transcripts)}</ol>'


# A claims table's columns: the key a script finds a column by, and the heading readers see
# (also each cell's label where the table is shown as cards, on narrow screens).
CLAIM_COLUMNS = {"date": "Date", "speaker": "Speaker", "claim": "Claim", "assessment": "Assessment"}


def claims_table(
    here: str, claims: Iterable[tuple[Transcript, Claim]], registries: Registries, speaker: bool = True, scope: str = ""
) -> str:
    """Claims as a table: in date order, each row carrying what a script filters and sorts it by (data-* attributes).

    The table also carries the words its filters show (topic titles, assessments in their
    order) and, where it is one page of a split list, ``scope``: which claims the page holds.
    Explicit ARIA roles keep it a table for screen readers where narrow screens show rows as cards.
    """
    claims = list(claims)
    rows = []
    for t, c in claims:
        url = link(here, paths.transcript(t.id), c.id)
        who = f'<a href="{link(here, paths.person(c.speaker))}">{h(registries.people[c.speaker].name)}</a>'
        cells = [
            ("date", f'<time datetime="{h(t.date.iso().rstrip("~?%"))}">{h(t.date.human())}</time>'),
            *([("speaker", who)] if speaker else []),
            ("claim", f'<a href="{h(url)}">{h(c.statement)}</a>'),
            ("assessment", f'<span class="assessment assessment-{c.assessment}">{LABELS["Assessment"][c.assessment]}</span>'),
        ]
        rows.append(
            f'<tr role="row" data-year="{t.date.year}" data-speaker="{h(c.speaker)}" data-assessment="{h(c.assessment)}" data-topics="{h(" ".join(c.topics))}">'
            + "".join(f'<td role="cell" data-label="{CLAIM_COLUMNS[key]}">{content}</td>' for key, content in cells)
            + "</tr>"
        )
    head = "".join(
        f'<th role="columnheader" scope="col" data-key="{key}">{label}</th>'
        for key, label in CLAIM_COLUMNS.items() if speaker or key != "speaker"
    )
    topics = sorted({topic for _, c in claims for topic in c.topics}, key=lambda topic: registries.topics[topic].title.lower())
    vocabulary = (
        f' data-topic-titles="{h(json.dumps({topic: registries.topics[topic].title for topic in topics}, ensure_ascii=False))}"'
        f' data-assessment-labels="{h(json.dumps(list(LABELS["Assessment"].items()), ensure_ascii=False))}"'
        + (f' data-scope="{h(scope)}"' if scope else "")
    )
    return (
        f'<table class="claims-table" role="table" data-search-exclude{vocabulary}>'
        f'<thead role="rowgroup"><tr role="row">{head}</tr></thead><tbody role="rowgroup">{"".join(rows)}</tbody></table>'
    )


def index_page(here: str, title: str, description: str, css_class: str, entries: Iterable[tuple[str, str, str]]) -> str:
    """A page listing registry entries: each a linked label (escaped here) followed by extra HTML."""
    items = "".join(f'<li><a href="{link(here, target)}">{h(label)}</a>{extra}</li>' for target, label, extra in entries)
    return "\n\n".join([
        front_matter({"title": title, "description": description}),
        f"# {title} {{#title}}",
        f'<ul class="{css_class}">{items}</ul>',
    ]) + "\n"
