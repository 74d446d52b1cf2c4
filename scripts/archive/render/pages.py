"""Every generated page of the site, as a mapping from Markdown path to text."""

from __future__ import annotations

from ..model import Archive
from . import timeline, transcript


def render_site(archive: Archive) -> dict[str, str]:
    """All generated Markdown pages, keyed by their path in the site."""
    pages = {timeline.SRC_PATH: timeline.render(archive)}
    for t in archive.transcripts:
        pages[transcript.src_path(t.id)] = transcript.render(t, archive)
    return pages
