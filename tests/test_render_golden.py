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
from conftest import FIXTURE

GOLDEN = Path(__file__).parent / "golden"
PAGES = {
    "timeline.md": "timeline.md",
    "transcripts/2001-06-16-lakeside.md": "transcript-2001-06-16-lakeside.md",
    "transcripts/2003-02-lakeside-call.md": "transcript-2003-02-lakeside-call.md",
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_rendered_page_matches_golden_file(page: str) -> None:
    rendered = render_site(read_archive(FIXTURE / "data"))
    golden = GOLDEN / PAGES[page]
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered[page].text, encoding="utf-8")
    assert rendered[page].text == golden.read_text(encoding="utf-8")


def test_generated_pages_are_exactly_these() -> None:
    generated = render_site(read_archive(FIXTURE / "data"))
    assert sorted(generated) == sorted(
        [*PAGES, "reference.md", "schema/people.schema.json", "schema/sources.schema.json",
         "schema/topics.schema.json", "schema/transcript.schema.json"]
    )
    assert generated["transcripts/2001-06-16-lakeside.md"].source == "data/transcripts/2001-06-16-lakeside.yaml"
    assert generated["timeline.md"].source is None
