"""Every correction in the archive, newest first: one page and one Atom feed."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from .. import markup
from ..model import Archive, Correction, Registries, Source, Transcript
from . import paths, sources_cited
from .downloads import atom_head, timestamp, xml_text
from .page import Page
from .text import front_matter, h, link


@dataclass(frozen=True, slots=True)
class Corrected:
    """One correction with the entry it belongs to."""

    correction: Correction
    kind: str  # conversation, person, source, topic, context event
    title: str
    page: str | None  # the entry's page, if it has one
    anchor: str
    key: str  # stable: the entry and the correction's place among its own


def all_corrections(transcripts: tuple[Transcript, ...], registries: Registries) -> list[Corrected]:
    """Every correction of every entry, newest first (then by entry, for a stable order)."""
    found: list[Corrected] = []
    for t in transcripts:
        found += [Corrected(c, "conversation", t.title, paths.transcript(t.id), "corrections", f"transcript-{t.id}-{i}") for i, c in enumerate(t.corrections, 1)]
    for person in registries.people.values():
        found += [Corrected(c, "person", person.name, paths.person(person.id), "", f"person-{person.id}-{i}") for i, c in enumerate(person.corrections, 1)]
    for topic in registries.topics.values():
        found += [Corrected(c, "topic", topic.title, paths.topic(topic.id), "", f"topic-{topic.id}-{i}") for i, c in enumerate(topic.corrections, 1)]
    for source in registries.sources.values():
        found += [Corrected(c, "source", source.title, None, "", f"source-{source.id}-{i}") for i, c in enumerate(source.corrections, 1)]
    for event in registries.events.values():
        found += [Corrected(c, "context event", event.title, paths.TIMELINE, f"event-{event.id}", f"event-{event.id}-{i}") for i, c in enumerate(event.corrections, 1)]
    order = sorted(enumerate(found), key=lambda pair: (pair[1].correction.date.sort_key(), -pair[0]), reverse=True)
    return [item for _, item in order]


def _item(here: str, item: Corrected, sources: dict[str, Source]) -> str:
    c = item.correction
    entry = h(item.title)
    if item.page:
        entry = f'<a href="{link(here, item.page, item.anchor)}">{entry}</a>'
    sources = f'<p class="note-sources">Sources: {sources_cited.short_list(c.sources, sources)}</p>' if c.sources else ""
    return (
        f'<li id="{item.key}"><p class="correction-date"><time datetime="{c.date.iso()}">{c.date.human()}</time> · {item.kind}: {entry}</p>'
        f"{markup.to_html(c.text)}{sources}</li>"
    )


def corrections_page(transcripts: tuple[Transcript, ...], registries: Registries) -> str:
    """The site-wide corrections page."""
    here = paths.CORRECTIONS
    items = all_corrections(transcripts, registries)
    cited = {s.source: None for item in items for s in item.correction.sources}
    bibliography = "".join(f'<li id="{sources_cited.anchor(s)}">{sources_cited.full(registries.sources[s])}</li>' for s in cited)
    body = f'<ol class="corrections">{"".join(_item(here, i, registries.sources) for i in items)}</ol>' if items else "<p>No corrections so far.</p>"
    parts = [
        front_matter({"title": "Corrections", "description": "Every change made to a published entry of the archive, newest first, with what changed and why."}),
        "# Corrections {#title}",
        f'<p>When a published entry is found to be wrong, it is corrected and the change is recorded here and on the entry itself, '
        f'newest first. Follow them as a feed: <a href="{link(here, paths.CORRECTIONS_FEED)}">corrections.xml</a> (Atom).</p>',
        body,
    ]
    if bibliography:
        parts += ["## Sources cited {#sources}", f'<ol class="bibliography">{bibliography}</ol>']
    return "\n\n".join(parts) + "\n"


def _entry(item: Corrected, site: paths.Site) -> str:
    c = item.correction
    address = site.absolute(item.page, item.anchor) if item.page else site.absolute(paths.CORRECTIONS)
    when = timestamp(c.date)
    return (
        f"<entry><title>{xml_text(f'Correction to the {item.kind} {item.title!s}')}</title>"
        f"<id>{xml_text(site.absolute(paths.CORRECTIONS, item.key))}</id>"
        f"<link href={quoteattr(address)}/><updated>{when}</updated>"
        f'<content type="html">{xml_text(markup.to_html(c.text))}</content></entry>'
    )


def corrections_feed(transcripts: tuple[Transcript, ...], registries: Registries, site: paths.Site) -> str:
    """An Atom feed of corrections, newest first."""
    items = all_corrections(transcripts, registries)
    opening = atom_head(
        site, "corrections", site.absolute(paths.CORRECTIONS_FEED), paths.CORRECTIONS_FEED,
        site.absolute(paths.CORRECTIONS), items[0].correction.date if items else None,
    )
    return opening + "".join(_entry(item, site) for item in items) + "</feed>\n"


def pages(archive: Archive, site: paths.Site) -> list[Page]:
    """The corrections page and its feed."""
    transcripts, registries = tuple(archive.transcripts), archive.registries
    return [
        Page.of(paths.CORRECTIONS, corrections_page, transcripts, registries),
        Page.of(paths.CORRECTIONS_FEED, corrections_feed, transcripts, registries, site),
    ]
