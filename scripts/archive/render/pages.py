"""Every generated page and file of the site, with the file it comes from and its extra <head>."""

from __future__ import annotations

from dataclasses import dataclass

from ..crossref import CrossReference, build
from ..json_schema import SCHEMA_DIR, all_schemas
from ..model import Archive, Transcript
from ..pipeline import no_cyclic_gc
from . import claims, cite, downloads, field_reference, head, paths, people, timeline, topics, transcript
from .memo import NOTHING, Memo


@dataclass(frozen=True, slots=True)
class Generated:
    """A generated file: its text, the repository file editors change to change it, and tags for <head>."""

    text: str
    source: str | None = None
    head: str = ""


def _transcript_files(t: Transcript, archive: Archive, xref: CrossReference, site: paths.Site) -> dict[str, Generated]:
    source = f"data/transcripts/{t.id}.yaml"
    return {
        paths.transcript(t.id): Generated(transcript.render(t, archive, xref, site), source, head.transcript_head(t, archive, site)),
        paths.cite(t.id, "bib"): Generated(cite.bibtex(t, site), source),
        paths.cite(t.id, "json"): Generated(cite.csl_json(t, site), source),
    }


def render_site(archive: Archive, site: paths.Site, include_drafts: bool = False, memo: Memo = NOTHING) -> dict[str, Generated]:
    """All generated pages and files, keyed by their path in the site.

    Drafts are left out unless ``include_drafts`` (the local preview) asks for them. ``memo``
    (the live preview's) reuses whatever an edit did not change.
    """
    with no_cyclic_gc():
        return _render_site(archive, site, include_drafts, memo)


def _render_site(archive: Archive, site: paths.Site, include_drafts: bool, memo: Memo) -> dict[str, Generated]:
    if not include_drafts:
        archive = archive.published()
    xref = build(archive)
    pages: dict[str, Generated] = {paths.REFERENCE: Generated(field_reference.render(), "scripts/archive/model.py")}
    for path, text in timeline.render(archive, memo).items():
        pages[path] = Generated(text)
    for path, text in claims.render(archive, xref, memo).items():
        pages[path] = Generated(text)
    for path, text in people.render(archive, xref, memo).items():
        pages[path] = Generated(text, "data/people.yaml")
    for path, text in topics.render(archive, xref, memo).items():
        pages[path] = Generated(text, "data/topics.yaml")
    for t in archive.transcripts:
        # A transcript's files depend on it, its neighbours in date order, the registries and the site.
        inputs = (t, xref.previous.get(t.id), xref.next.get(t.id), archive.people, archive.sources, archive.topics, site)
        pages.update(memo.get(f"transcript:{t.id}", inputs, lambda t=t: _transcript_files(t, archive, xref, site)))
    pages[paths.DATA] = Generated(downloads.data_page(archive, xref))
    pages[paths.ARCHIVE_JSON] = Generated(downloads.archive_json(archive, site, memo))
    pages[paths.CLAIMS_CSV] = Generated(downloads.claims_csv(archive, xref, site, memo))
    pages[paths.TRANSCRIPTS_CSV] = Generated(downloads.transcripts_csv(archive, site, memo))
    pages[paths.FEED] = Generated(downloads.atom_feed(archive, site, memo))
    for name, text in all_schemas().items():
        pages[f"{SCHEMA_DIR}/{name}"] = Generated(text, "scripts/archive/model.py")
    return pages
