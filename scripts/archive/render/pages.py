"""Every generated page of the site, as a mapping from path to text and the file it comes from."""

from __future__ import annotations

from dataclasses import dataclass

from ..json_schema import SCHEMA_DIR, all_schemas
from ..model import Archive
from . import field_reference, timeline, transcript


@dataclass(frozen=True, slots=True)
class Generated:
    """A generated file: its text, and the repository file editors change to change it."""

    text: str
    source: str | None = None


def render_site(archive: Archive, include_drafts: bool = False) -> dict[str, Generated]:
    """All generated pages and files, keyed by their path in the site.

    Drafts are left out unless ``include_drafts`` (the local preview) asks for them.
    """
    if not include_drafts:
        archive = archive.published()
    pages = {
        timeline.SRC_PATH: Generated(timeline.render(archive)),
        field_reference.SRC_PATH: Generated(field_reference.render(), "scripts/archive/model.py"),
    }
    for t in archive.transcripts:
        pages[transcript.src_path(t.id)] = Generated(transcript.render(t, archive), f"data/transcripts/{t.id}.yaml")
    for name, text in all_schemas().items():
        pages[f"{SCHEMA_DIR}/{name}"] = Generated(text, "scripts/archive/model.py")
    return pages
