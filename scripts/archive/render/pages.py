"""Every generated page and file of the site, described by the page modules: path, parts, inputs, source."""

from __future__ import annotations

from ..crossref import cross_reference
from ..json_schema import SCHEMA_DIR, all_schemas
from ..model import Archive, Registries, Transcript
from . import cite_formats, claims, corrections, downloads, field_reference, head, paths, people, quotation_check, timeline, topics, transcript
from .page import Page, Part, text


def _transcript_files(t: Transcript, previous: Transcript | None, following: Transcript | None, registries: Registries, site: paths.Site) -> list[Page]:
    """A conversation's page (with its <head> tags) and its two citation files."""
    source = f"data/transcripts/{t.id}.yaml"
    page = Part(transcript.transcript_page, (t, previous, following, registries, site))
    return [
        Page(paths.transcript(t.id), (page,), source, Part(head.transcript_head, (t, registries, site))),
        Page.of(paths.cite(t.id, "bib"), cite_formats.bibtex, t, site, source=source),
        Page.of(paths.cite(t.id, "json"), cite_formats.csl_json, t, site, source=source),
    ]


def render_site(archive: Archive, site: paths.Site, include_drafts: bool = False) -> dict[str, Page]:
    """Every generated page and file, by its path in the site; drafts only if ``include_drafts`` (the local preview).

    Nothing is rendered here: each page says what renders it from which inputs, and the engine makes it
    when it needs it (see ``archive.engine``).
    """
    if not include_drafts:
        archive = archive.published()
    xref = cross_reference(archive)
    registries = archive.registries
    described = [Page.of(paths.REFERENCE, field_reference.field_reference_page, source="scripts/archive/model.py")]
    described += timeline.pages(archive) + claims.pages(archive) + people.pages(archive, xref) + topics.pages(archive, xref)
    for t in archive.transcripts:
        described += _transcript_files(t, xref.previous.get(t.id), xref.next.get(t.id), registries, site)
    described += [
        Page.of(paths.DATA, downloads.data_page, len(xref.claims), len(archive.transcripts)),
        downloads.archive_json(archive, site),
        downloads.claims_csv(archive, site),
        downloads.transcripts_csv(archive, site),
        downloads.atom_feed(archive, site),
        *corrections.pages(archive, site),
        Page.of(paths.CHECK, quotation_check.check_page),
        quotation_check.index_json(archive, site),
    ]
    described += [Page.of(f"{SCHEMA_DIR}/{name}", text, schema, source="scripts/archive/model.py") for name, schema in all_schemas().items()]
    return {page.path: page for page in described}
