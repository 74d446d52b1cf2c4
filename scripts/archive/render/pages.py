"""Every generated page and file of the site, with the file it comes from and its extra <head>."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..crossref import CrossReference, build
from ..json_schema import SCHEMA_DIR, all_schemas
from ..model import Archive, Transcript
from ..pipeline import no_cyclic_gc
from . import claims, cite, corrections, downloads, field_reference, head, paths, people, timeline, topics, transcript
from . import quotation_check
from .memo import NOTHING, Memo


def _no_head() -> str:
    return ""


@dataclass(frozen=True, slots=True)
class Generated:
    """A generated file: how to make its text, the repository file editors change to change it,
    and how to make the tags it adds to <head>.

    The text and head of a conversation's page are made when MkDocs needs them, so
    a large archive never holds every page's Markdown or metadata at once.
    """

    make: Callable[[], str]
    source: str | None = None
    make_head: Callable[[], str] = _no_head
    make_pieces: Callable[[], Iterable[str]] | None = None

    @property
    def text(self) -> str:
        """The file's text (made now)."""
        return self.make()

    @property
    def head(self) -> str:
        """The tags for <head> (made now)."""
        return self.make_head()

    def pieces(self) -> Iterable[str]:
        """The text in pieces, so a large download is written without being held whole."""
        return self.make_pieces() if self.make_pieces is not None else (self.make(),)

    @classmethod
    def streamed(cls, make_pieces: Callable[[], Iterable[str]]) -> Generated:
        """A file made in pieces."""
        return cls(lambda: "".join(make_pieces()), make_pieces=make_pieces)

    @classmethod
    def of(cls, text: str, source: str | None = None, head: str = "") -> Generated:
        """A file whose text and head are already made."""
        return cls(lambda: text, source, (lambda: head) if head else _no_head)


def _transcript_files(t: Transcript, archive: Archive, xref: CrossReference, site: paths.Site) -> dict[str, Generated]:
    source = f"data/transcripts/{t.id}.yaml"
    return {
        paths.transcript(t.id): Generated(
            lambda: transcript.render(t, archive, xref, site), source, lambda: head.transcript_head(t, archive, site)
        ),
        paths.cite(t.id, "bib"): Generated(lambda: cite.bibtex(t, site), source),
        paths.cite(t.id, "json"): Generated(lambda: cite.csl_json(t, site), source),
    }


def _made(files: dict[str, Generated]) -> dict[str, Generated]:
    """The same files with their text made now (what the preview remembers)."""
    return {path: Generated.of(g.text, g.source, g.head) for path, g in files.items()}


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
    pages: dict[str, Generated] = {paths.REFERENCE: Generated.of(field_reference.render(), "scripts/archive/model.py")}
    for path, make in timeline.render(archive, memo).items():
        pages[path] = Generated(make)
    for path, make in claims.render(archive, xref, memo).items():
        pages[path] = Generated(make)
    for path, make in people.render(archive, xref, memo).items():
        pages[path] = Generated(make, "data/people.yaml")
    for path, make in topics.render(archive, xref, memo).items():
        pages[path] = Generated(make, "data/topics.yaml")
    for t in archive.transcripts:
        # A transcript's files depend on it, its neighbours in date order, the registries and the site.
        inputs = (t, xref.previous.get(t.id), xref.next.get(t.id), archive.people, archive.sources, archive.topics, site)
        if memo is NOTHING:
            pages.update(_transcript_files(t, archive, xref, site))
        else:
            pages.update(memo.get(f"transcript:{t.id}", inputs, lambda t=t: _made(_transcript_files(t, archive, xref, site))))
    pages[paths.DATA] = Generated.of(downloads.data_page(archive, xref))
    pages[paths.ARCHIVE_JSON] = Generated.streamed(lambda: downloads.archive_json(archive, site, memo))
    pages[paths.CLAIMS_CSV] = Generated.streamed(lambda: downloads.claims_csv(archive, site, memo))
    pages[paths.TRANSCRIPTS_CSV] = Generated.streamed(lambda: downloads.transcripts_csv(archive, site, memo))
    pages[paths.FEED] = Generated.streamed(lambda: downloads.atom_feed(archive, site, memo))
    pages[paths.CORRECTIONS] = Generated(lambda: corrections.page(archive))
    pages[paths.CORRECTIONS_FEED] = Generated.streamed(lambda: corrections.feed(archive, site))
    pages[paths.CHECK] = Generated.of(quotation_check.page())
    pages[paths.PASSAGES_JSON] = Generated.streamed(lambda: quotation_check.index_json(archive, site, memo))
    for name, text in all_schemas().items():
        pages[f"{SCHEMA_DIR}/{name}"] = Generated.of(text, "scripts/archive/model.py")
    return pages
