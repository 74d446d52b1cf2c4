"""Golden files: the Markdown rendered for the small archive, compared byte for byte.

After an intended change to a page, regenerate with ``UPDATE_GOLDEN=1 make test``
and read the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archive.pipeline import read_archive
from archive.render.pages import render_site
from archive.render.paths import Site
from conftest import FIXTURE

SITE = Site("Leaders' Conversations Archive", "https://archive.example/")

GOLDEN = Path(__file__).parent / "golden"
PAGES = {
    "timeline.md": "timeline.md",
    "people/alpha.md": "person-alpha.md",
    "topics/borders.md": "topic-borders.md",
    "claims.md": "claims.md",
    "cite/2001-06-16-lakeside.bib": "cite-2001-06-16-lakeside.bib",
    "cite/2001-06-16-lakeside.json": "cite-2001-06-16-lakeside.json",
    "downloads/claims.csv": "claims.csv",
    "feed.xml": "feed.xml",
    "transcripts/2001-06-16-lakeside.md": "transcript-2001-06-16-lakeside.md",
    "transcripts/2003-02-lakeside-call.md": "transcript-2003-02-lakeside-call.md",
    "corrections.md": "corrections.md",
    "corrections.xml": "corrections.xml",
    "check.md": "check.md",
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_rendered_page_matches_golden_file(page: str) -> None:
    rendered = render_site(read_archive(FIXTURE / "data"), SITE)
    golden = GOLDEN / PAGES[page]
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(rendered[page].text.encode("utf-8"))
    assert rendered[page].text == golden.read_bytes().decode("utf-8")


def test_generated_pages_are_exactly_these() -> None:
    generated = render_site(read_archive(FIXTURE / "data"), SITE)
    transcripts = ["2001-06-16-lakeside", "2003-02-lakeside-call"]
    assessments = ["contradicted", "disputed", "opinion", "partly-supported", "supported", "unverifiable"]
    assert set(generated) == set(
        [*PAGES, "reference.md", "claims.md", "data.md", "feed.xml", "corrections.md", "corrections.xml", "people/index.md", "topics/index.md",
         "downloads/archive.json", "downloads/claims.csv", "downloads/transcripts.csv", "downloads/passages.json",
         *(f"claims/{a}.md" for a in assessments),
         *(f"people/{p}.md" for p in ("alpha", "beta", "gamma")),
         *(f"topics/{t}.md" for t in ("borders", "trade")),
         *(f"cite/{t}.{ext}" for t in transcripts for ext in ("bib", "json")),
         *(f"schema/{n}.schema.json" for n in ("events", "people", "sources", "topics", "transcript"))]
    )
    assert generated["transcripts/2001-06-16-lakeside.md"].source == "data/transcripts/2001-06-16-lakeside.yaml"
    assert generated["people/alpha.md"].source == "data/people.yaml"
    assert generated["timeline.md"].source is None
