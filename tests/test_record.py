"""The built site shows the record's corrections, other wordings and public remarks."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import build, make_project, page

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("record") / "project")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_a_conversation_page_lists_its_corrections_newest_first(site: Path) -> None:
    soup = page(site, "transcripts/2003-02-lakeside-call")
    heading = soup.find(id="corrections")
    assert heading is not None and heading.name == "h2"
    dates = [t["datetime"] for t in soup.select("ol.corrections time")]
    assert dates == ["2024-04-02", "2024-03-01"]
    assert "the report says it was short" in soup.select("ol.corrections li")[1].get_text(" ", strip=True)
    assert page(site, "transcripts/2001-06-16-lakeside").select_one("p.no-corrections") is not None


def test_the_corrections_page_lists_every_correction_newest_first_with_links(site: Path) -> None:
    soup = page(site, "corrections")
    items = soup.select("ol.corrections > li")
    assert [li.select_one("time")["datetime"] for li in items] == ["2024-05-03", "2024-04-02", "2024-03-01"]
    assert items[0].select_one("a")["href"] == "../people/gamma/"
    assert items[1].select_one("a")["href"] == "../transcripts/2003-02-lakeside-call/#corrections"
    assert soup.select_one('a[href="../corrections.xml"]') is not None


def test_the_corrections_feed_is_atom_newest_first(site: Path) -> None:
    feed = ET.fromstring((site / "corrections.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}updated") for e in entries] == ["2024-05-03T00:00:00Z", "2024-04-02T00:00:00Z", "2024-03-01T00:00:00Z"]
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 3
    assert entries[0].find(f"{ATOM}link").get("href").endswith("/people/gamma/")


def test_a_wording_is_marked_where_it_differs(site: Path) -> None:
    soup = page(site, "transcripts/2003-02-lakeside-call")
    wordings = soup.select("div.wordings li")
    assert wordings[0].select_one("p.wording-same") is not None
    marked = wordings[1].select_one("p.wording")
    assert [d.get_text() for d in marked.find_all("del")] == ["[missing: the]"]
    assert [i.get_text() for i in marked.find_all("ins")] == ["[added: warmly]", "[changed to: his]", "[added: of 1956]"]
    assert "Memorandum of conversation, Alpha and Beta" in wordings[1].select_one("p.provenance").get_text()


def test_public_remarks_have_their_own_section_apart_from_the_excerpts(site: Path) -> None:
    soup = page(site, "transcripts/2003-02-lakeside-call")
    section = soup.find(id="public-remarks")
    assert section is not None and section.name == "h2"
    remark = soup.select_one("div.remark#press-statement")
    assert remark.find_parent("div", class_="turn") is None
    assert "We spoke about trade & <b>nothing</b> else." in remark.get_text()
    assert remark.find("b") is None


def test_wordings_remarks_and_corrections_are_searchable_and_downloadable(site: Path) -> None:
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    excerpt = next(d["text"] for d in docs if d["location"] == "transcripts/2003-02-lakeside-call/#call-1")
    assert all(word in excerpt for word in ("warmly", "his", "1956"))
    assert any("We spoke about trade" in d["text"] for d in docs)
    assert any("Her name was misspelt" in d["text"] for d in docs)
    whole = json.loads((site / "downloads/archive.json").read_text(encoding="utf-8"))
    call = next(t for t in whole["transcripts"] if t["id"] == "2003-02-lakeside-call")
    assert call["excerpts"][0]["wordings"][1]["text"] == "Beta thanked Alpha warmly for his call of 1956."
    assert call["public_remarks"][0]["speaker"] == "alpha"
    assert [c["date"] for c in call["corrections"]] == ["2024-03-01", "2024-04-02"]


def test_a_former_excerpt_id_still_lands_on_the_excerpt(tmp_path: Path) -> None:
    from conftest import LAKESIDE, edit

    project = make_project(tmp_path / "project")
    edit(project, LAKESIDE, "  - id: trade-1\n", "  - id: trade-1\n    former_ids: [commerce-1]\n")
    assert build(project).returncode == 0
    soup = page(project / "site", "transcripts/2001-06-16-lakeside")
    old = soup.find(id="commerce-1")
    assert old is not None and old.find_next("h3")["id"] == "trade-1"
