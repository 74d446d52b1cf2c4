"""Where every generated page and file sits in the site, and what a page is called."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .text import page_url

TIMELINE = "timeline.md"
CLAIMS = "claims.md"
PEOPLE = "people/index.md"
TOPICS = "topics/index.md"
DATA = "data.md"
REFERENCE = "reference.md"
ARCHIVE_JSON = "downloads/archive.json"
CLAIMS_CSV = "downloads/claims.csv"
TRANSCRIPTS_CSV = "downloads/transcripts.csv"
FEED = "feed.xml"
CORRECTIONS = "corrections.md"
CORRECTIONS_FEED = "corrections.xml"
CHECK = "check.md"
PASSAGES_JSON = "downloads/passages.json"
# Above this many entries a listing is split into one page per year.
PAGE_LIMIT = 300


def transcript(transcript_id: str) -> str:
    """A conversation's page."""
    return f"transcripts/{transcript_id}.md"


def person(person_id: str) -> str:
    """A person's page."""
    return f"people/{person_id}.md"


def topic(topic_id: str) -> str:
    """A topic's page."""
    return f"topics/{topic_id}.md"


def timeline_year(year: int) -> str:
    """One year of the timeline, once the archive is large."""
    return f"timeline/{year}.md"


def claims_year(year: int) -> str:
    """One year of the claims index, once the archive is large."""
    return f"claims/{year}.md"


def cite(transcript_id: str, extension: str) -> str:
    """A transcript's citation download (``bib`` or ``json``)."""
    return f"cite/{transcript_id}.{extension}"


@dataclass(frozen=True, slots=True)
class Site:
    """Facts about the published site that pages print: its name and absolute address."""

    name: str
    url: str  # absolute, ending in /

    def absolute(self, src_path: str, anchor: str = "") -> str:
        """The public address of a generated page or file."""
        target = page_url(src_path) if src_path.endswith(".md") else src_path
        return self.url + target + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=8)
def site(name: str, url: str) -> Site:
    """The same Site object for the same name and address, so outputs remembered for it can be reused."""
    return Site(name, url)
