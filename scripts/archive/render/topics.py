"""A page per topic (its conversations and claims) and the list of topics."""

from __future__ import annotations

from collections.abc import Callable

from ..crossref import CrossReference
from ..model import Archive, Topic
from . import paths
from .listing import claims_table, index_page, transcript_list
from .memo import NOTHING, Memo
from .text import count, front_matter, h, link, md_inline, other_names


def render_topic(topic: Topic, archive: Archive, xref: CrossReference) -> str:
    """The Markdown page of one topic."""
    here = paths.topic(topic.id)
    transcripts = xref.transcripts_on.get(topic.id, [])
    claims = xref.claims_on.get(topic.id, [])
    parts = [
        front_matter({"title": topic.title, "description": topic.description or f"Conversations and claims about {topic.title}."}),
        f"# {md_inline(topic.title)} {{#title}}",
    ]
    if topic.names:
        parts.append(f'<p class="other-names">{other_names(topic.names.ru, topic.names.uk)}</p>')
    if topic.description:
        parts.append(f'<p class="summary">{h(topic.description)}</p>')
    parts += [f"## Conversations ({len(transcripts)}) {{#conversations}}", transcript_list(here, transcripts, archive) if transcripts else "<p>None yet.</p>"]
    if claims:
        parts += [f"## Claims ({len(claims)}) {{#claims}}", claims_table(here, claims, archive)]
    return "\n\n".join(parts) + "\n"


def render_index(archive: Archive, xref: CrossReference) -> str:
    """The controlled list of topics."""
    topics = sorted(archive.topics.values(), key=lambda t: t.title.lower())
    entries = (
        (paths.topic(t.id), t.title,
         (f" — {h(t.description)}" if t.description else "")
         + f' <span class="count">({count(len(xref.transcripts_on.get(t.id, [])), "conversation")}, '
         f'{count(len(xref.claims_on.get(t.id, [])), "claim")})</span>')
        for t in topics
    )
    return index_page(paths.TOPICS, "Topics", "The archive's controlled list of topics.", "topic-list", entries)


def render(archive: Archive, xref: CrossReference, memo: Memo = NOTHING) -> dict[str, Callable[[], str]]:
    """Every topic's page and the index of topics, each made when asked for."""
    pages = {}
    for topic in archive.topics.values():
        listed = [*xref.transcripts_on.get(topic.id, []), *{id(t): t for t, _ in xref.claims_on.get(topic.id, [])}.values()]
        inputs = (topic, archive.people, archive.topics, *listed)
        pages[paths.topic(topic.id)] = memo.later(paths.topic(topic.id), inputs, lambda topic=topic: render_topic(topic, archive, xref))
    pages[paths.TOPICS] = lambda: render_index(archive, xref)
    return pages
