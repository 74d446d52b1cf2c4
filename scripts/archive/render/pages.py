"""Every generated page and file of the site, with the file it comes from and its extra <head>."""

from __future__ import annotations

from dataclasses import dataclass

from ..crossref import CrossReference, build
from ..json_schema import SCHEMA_DIR, all_schemas
from ..model import Archive, Transcript
from . import claims, cite, downloads, field_reference, head, paths, people, timeline, topics, transcript


@dataclass(frozen=True, slots=True)
class Generated:
    """A generated file: its text, the repository file editors change to change it, and tags for <head>."""

    text: str
    source: str | None = None
    head: str = ""


# A transcript's files depend only on the transcript, its neighbours in date order, the registries
# and the site; while none of those objects changes (the loader keeps unchanged files), they are reused.
_RENDERED: dict[str, tuple[tuple[object, ...], dict[str, Generated]]] = {}


def _transcript_files(t: Transcript, archive: Archive, xref: CrossReference, site: paths.Site) -> dict[str, Generated]:
    inputs = (t, xref.previous.get(t.id), xref.next.get(t.id), archive.people, archive.sources, archive.topics, site)
    cached = _RENDERED.get(t.id)
    if cached is not None and all(a is b for a, b in zip(cached[0][:-1], inputs[:-1])) and cached[0][-1] == site:
        return cached[1]
    source = f"data/transcripts/{t.id}.yaml"
    files = {
        paths.transcript(t.id): Generated(transcript.render(t, archive, xref, site), source, head.transcript_head(t, archive, site)),
        paths.cite(t.id, "bib"): Generated(cite.bibtex(t, site), source),
        paths.cite(t.id, "json"): Generated(cite.csl_json(t, site), source),
    }
    _RENDERED[t.id] = (inputs, files)
    return files


def render_site(archive: Archive, site: paths.Site, include_drafts: bool = False) -> dict[str, Generated]:
    """All generated pages and files, keyed by their path in the site.

    Drafts are left out unless ``include_drafts`` (the local preview) asks for them.
    """
    if not include_drafts:
        archive = archive.published()
    xref = build(archive)
    pages: dict[str, Generated] = {paths.REFERENCE: Generated(field_reference.render(), "scripts/archive/model.py")}
    for path, text in timeline.render(archive).items():
        pages[path] = Generated(text)
    for path, text in claims.render(archive, xref).items():
        pages[path] = Generated(text)
    for path, text in people.render(archive, xref).items():
        pages[path] = Generated(text, "data/people.yaml")
    for path, text in topics.render(archive, xref).items():
        pages[path] = Generated(text, "data/topics.yaml")
    for t in archive.transcripts:
        pages.update(_transcript_files(t, archive, xref, site))
    pages[paths.DATA] = Generated(downloads.data_page(archive, xref))
    pages[paths.ARCHIVE_JSON] = Generated(downloads.archive_json(archive, site))
    pages[paths.CLAIMS_CSV] = Generated(downloads.claims_csv(archive, xref, site))
    pages[paths.TRANSCRIPTS_CSV] = Generated(downloads.transcripts_csv(archive, site))
    pages[paths.FEED] = Generated(downloads.atom_feed(archive, site))
    for name, text in all_schemas().items():
        pages[f"{SCHEMA_DIR}/{name}"] = Generated(text, "scripts/archive/model.py")
    return pages
