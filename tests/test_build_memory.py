"""What keeps a large build's memory flat: pages and search entries wait on disk, downloads are written in pieces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from material.plugins.search.plugin import SearchIndex

from archive.engine.oneoff import Spill
from archive.pipeline import read_archive
from archive.render import downloads
from archive.render.pages import render_site
from archive.render.paths import Site
from conftest import FIXTURE
from mkdocs_hooks import entries_json, fill_index

SITE = Site("Archive", "https://example.org/archive/")


def test_a_parked_page_comes_back_once() -> None:
    spill = Spill()
    try:
        spill.park("transcripts/a.md", "<p>Привет & hello</p>")
        assert spill.unpark("transcripts/a.md") == "<p>Привет & hello</p>"
        assert spill.unpark("transcripts/a.md") is None
        assert spill.unpark("never-parked.md") is None
    finally:
        spill.clear()


def test_the_completed_index_is_what_the_search_plugin_would_have_written(tmp_path: Path) -> None:
    config = {"lang": ["en", "ru"], "separator": r"[\s\-]+", "pipeline": ["stemmer"], "fields": {}}
    entries = [
        {"location": "transcripts/a/#e1", "title": "Путин", "text": "<p>\u201cquoted\u201d & \"plain\"</p>"},
        {"location": "transcripts/a/#e2", "title": "Two", "text": "", "boost": 2},
    ]
    expected = SearchIndex(**config)
    expected.entries = [dict(e) for e in entries]
    index = tmp_path / "search_index.json"
    index.write_text(SearchIndex(**config).generate_search_index(None), encoding="utf-8")  # what the plugin writes, empty
    spill = Spill()
    try:
        spill.add_entries(entries_json([dict(entries[0])]))
        spill.add_entries(entries_json([dict(entries[1])]))
        fill_index(index, spill.entries())
    finally:
        spill.clear()
    assert index.read_text(encoding="utf-8") == expected.generate_search_index(None)


def test_an_index_in_an_unexpected_shape_is_not_rewritten(tmp_path: Path) -> None:
    index = tmp_path / "search_index.json"
    index.write_text('{"docs":[{"location":""}],"config":{}}', encoding="utf-8")
    spill = Spill()
    try:
        spill.add_entries(entries_json([{"location": "a", "title": "", "text": ""}]))
        with pytest.raises(RuntimeError, match="does not end as expected"):
            fill_index(index, spill.entries())
    finally:
        spill.clear()
    assert index.read_text(encoding="utf-8") == '{"docs":[{"location":""}],"config":{}}'


def test_clearing_removes_the_temporary_folder() -> None:
    spill = Spill()
    spill.park("a.md", "x")
    spill.add_entries(entries_json([{"location": "a", "title": "", "text": ""}]))
    folder = Path(spill._dir())
    assert folder.is_dir()
    spill.clear()
    assert not folder.exists()


def test_downloads_written_in_pieces_join_to_the_whole_file() -> None:
    generated = render_site(read_archive(FIXTURE / "data"), SITE)
    for path in ("downloads/archive.json", "downloads/claims.csv", "downloads/transcripts.csv", "feed.xml"):
        pieces = list(generated[path].pieces())
        assert len(pieces) > 2, path  # one piece per conversation, not one string
        assert "".join(pieces) == generated[path].text
    whole = json.loads(generated["downloads/archive.json"].text)
    assert [t["id"] for t in whole["transcripts"]] == [t.id for t in read_archive(FIXTURE / "data").published().transcripts]
    assert downloads.claims_csv(read_archive(FIXTURE / "data"), SITE).text.startswith("transcript,date,claim,")


def test_a_real_build_writes_complete_downloads_and_index(real_site: Path) -> None:
    archive = read_archive(Path(__file__).resolve().parents[1] / "data").published()
    whole = json.loads((real_site / "downloads/archive.json").read_text(encoding="utf-8"))
    assert len(whole["transcripts"]) == len(archive.transcripts) and set(whole) == {"site", "transcripts", "people", "sources", "topics"}
    index = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    excerpts = sum(len(t.excerpts) for t in archive.transcripts)
    assert len([d for d in index["docs"] if d["location"].startswith("transcripts/")]) >= excerpts
