"""A page per topic (its conversations and claims) and the list of topics."""

from __future__ import annotations

from collections import Counter

from ..crossref import CrossReference
from ..model import Archive, Registries, Topic, Transcript
from . import paths
from .listing import claims_table, index_page, transcript_list, transcripts_of
from .page import Page
from .text import count, front_matter, h, md_inline, other_names


def topic_page(topic: Topic, registries: Registries, transcripts: tuple[Transcript, ...], with_claims: tuple[Transcript, ...]) -> str:
    """The Markdown page of one topic: ``transcripts`` the conversations tagged with it, ``with_claims`` those
    holding a claim tagged with it."""
    here = paths.topic(topic.id)
    claims = [(t, c) for t in with_claims for c in t.claims if topic.id in c.topics]
    parts = [
        front_matter({"title": topic.title, "description": topic.description or f"Conversations and claims about {topic.title}."}),
        f"# {md_inline(topic.title)} {{#title}}",
    ]
    if topic.names:
        parts.append(f'<p class="other-names">{other_names(topic.names.ru, topic.names.uk)}</p>')
    if topic.description:
        parts.append(f'<p class="summary">{h(topic.description)}</p>')
    parts += [f"## Conversations ({len(transcripts)}) {{#conversations}}", transcript_list(here, transcripts, registries) if transcripts else "<p>None yet.</p>"]
    if claims:
        parts += [f"## Claims ({len(claims)}) {{#claims}}", claims_table(here, claims, registries)]
    return "\n\n".join(parts) + "\n"


def topics_index(transcripts: tuple[Transcript, ...], registries: Registries) -> str:
    """The controlled list of topics, with how many conversations and claims each has."""
    conversations = Counter(topic for t in transcripts for topic in t.topics)
    claims = Counter(topic for t in transcripts for c in t.claims for topic in dict.fromkeys(c.topics))
    topics = sorted(registries.topics.values(), key=lambda t: t.title.lower())
    entries = (
        (paths.topic(t.id), t.title,
         (f" — {h(t.description)}" if t.description else "")
         + f' <span class="count">({count(conversations[t.id], "conversation")}, {count(claims[t.id], "claim")})</span>')
        for t in topics
    )
    return index_page(paths.TOPICS, "Topics", "The archive's controlled list of topics.", "topic-list", entries)


def pages(archive: Archive, xref: CrossReference) -> list[Page]:
    """Every topic's page and the index of topics."""
    registries = archive.registries
    described = []
    for topic in archive.topics.values():
        tagged, with_claims = tuple(xref.transcripts_on.get(topic.id, ())), transcripts_of(xref.claims_on.get(topic.id, ()))
        described.append(Page.of(paths.topic(topic.id), topic_page, topic, registries, tagged, with_claims, source="data/topics.yaml"))
    described.append(Page.of(paths.TOPICS, topics_index, tuple(archive.transcripts), registries, source="data/topics.yaml"))
    return described
