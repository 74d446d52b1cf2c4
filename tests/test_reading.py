"""Reader features in the built real site: people, topics, claims, citations, machine-readable data, downloads."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from archive.crossref import cross_reference as crossref
from archive.pipeline import read_archive
from archive.render import paths, timeline
from archive.render.downloads import _cell
from conftest import FIXTURE, REPO, page

ARCHIVE = read_archive(REPO / "data")
SOCHI = "transcripts/2008-04-06-sochi"


def test_participants_link_to_person_pages_that_list_their_conversations_and_claims(real_site: Path) -> None:
    links = {a.get_text(): a["href"] for a in page(real_site, SOCHI).select("div.participants a")}
    assert links["Vladimir Putin"] == "../../people/putin/"
    putin = page(real_site, "people/putin")
    conversations = [a["href"] for a in putin.select("#conversations + ol .timeline-title a")]
    assert conversations == [f"../../transcripts/{t.id}/" for t in ARCHIVE.transcripts]
    claim_links = {a["href"] for a in putin.select("table.claims-table a")}
    expected = {f"../../transcripts/{t.id}/#{c.id}" for t in ARCHIVE.transcripts for c in t.claims if c.speaker == "putin"}
    assert claim_links == expected
    roles = putin.select_one("table.roles").get_text(" ")
    assert "President of Russia" in roles


def test_topic_pages_list_conversations_and_claims(real_site: Path) -> None:
    for topic in ARCHIVE.topics.values():
        soup = page(real_site, f"topics/{topic.id}")
        listed = {a["href"] for a in soup.select("ol.timeline .timeline-title a")}
        assert listed == {f"../../transcripts/{t.id}/" for t in ARCHIVE.transcripts if topic.id in t.topics}
        claims = {a["href"] for a in soup.select("table.claims-table td:nth-child(3) a")}
        assert claims == {f"../../transcripts/{t.id}/#{c.id}" for t in ARCHIVE.transcripts for c in t.claims if topic.id in c.topics}


def test_claims_index_is_a_plain_table_with_every_claim(real_site: Path) -> None:
    soup = page(real_site, "claims")
    rows = soup.select("table.claims-table tbody tr")
    assert len(rows) == sum(len(t.claims) for t in ARCHIVE.transcripts)
    assert {r["data-assessment"] for r in rows} <= {"supported", "partly-supported", "contradicted", "disputed", "unverifiable", "opinion"}
    contradicted = page(real_site, "claims/contradicted").select("table.claims-table tbody tr")
    assert [r.select("a")[-1].get_text() for r in contradicted] == [
        c.statement for t in ARCHIVE.transcripts for c in t.claims if c.assessment == "contradicted"
    ]


def test_previous_and_next_follow_date_order(real_site: Path) -> None:
    soup = page(real_site, "transcripts/2005-09-16-oval-office")
    assert soup.select_one('a[rel="prev"]')["href"] == "../2003-03-18-call/"
    assert soup.select_one('a[rel="next"]')["href"] == "../2008-04-06-sochi/"
    assert page(real_site, "transcripts/2001-06-16-brdo").select_one('a[rel="prev"]') is None


def test_timeline_splits_into_years_when_large(monkeypatch) -> None:
    monkeypatch.setattr(paths, "PAGE_LIMIT", 1)
    pages = {page.path: page.text for page in timeline.pages(read_archive(FIXTURE / "data"))}
    assert sorted(pages) == ["timeline.md", "timeline/2001.md", "timeline/2003.md"]
    assert '<a href="../timeline/2001/">2001</a> (1)' in pages["timeline.md"]
    assert "Lakeside meeting" in pages["timeline/2001.md"] and "Lakeside meeting" not in pages["timeline.md"]


def test_cite_block_and_downloads(real_site: Path) -> None:
    soup = page(real_site, SOCHI)
    note = soup.select_one("#cite-text").get_text()
    assert note.startswith("Memorandum of conversation, “Meeting with President of Russia,” ")
    assert "April 6, 2008, document 34685227, National Security Archive FOIA lawsuit, George W. Bush Presidential Library." in note
    bib = (real_site / "cite/2008-04-06-sochi.bib").read_text(encoding="utf-8")
    assert bib.startswith("@misc{2008-04-06-sochi,\n") and "  year = {2008},\n" in bib
    assert bib.count("{") == bib.count("}")
    item = json.loads((real_site / "cite/2008-04-06-sochi.json").read_text(encoding="utf-8"))[0]
    assert item["issued"] == {"date-parts": [[2008, 4, 6]]} and item["archive_location"] == "34685227"
    hrefs = [a["href"] for a in soup.select(".cite-downloads a")]
    assert hrefs == ["../../cite/2008-04-06-sochi.bib", "../../cite/2008-04-06-sochi.json"]


def test_reference_managers_find_citation_meta_tags(real_site: Path) -> None:
    soup = page(real_site, SOCHI)
    meta = {m["name"]: m["content"] for m in soup.select("meta[name]")}
    assert meta["citation_title"] == "Meeting with President of Russia"
    assert meta["citation_date"] == "2008/04/06"
    assert meta["citation_publisher"] == "George W. Bush Presidential Library"
    assert meta["citation_public_url"].endswith("/transcripts/2008-04-06-sochi/")
    assert meta["description"]
    for path in ("", "timeline", "claims", "people/putin", "topics/ukraine", "method", "contributing", "data"):
        assert page(real_site, path).select_one('meta[name="description"]')["content"], path


def test_json_ld_describes_the_document_and_reviews_each_claim(real_site: Path) -> None:
    data = json.loads(page(real_site, SOCHI).select_one('script[type="application/ld+json"]').string)
    document, reviews = data[0], data[1:]
    assert "ArchiveComponent" in document["@type"]
    assert document["holdingArchive"] == {"@type": "ArchiveOrganization", "name": "George W. Bush Presidential Library"}
    sochi = next(t for t in ARCHIVE.transcripts if t.id == "2008-04-06-sochi")
    assert [r["claimReviewed"] for r in reviews] == [c.statement for c in sochi.claims]
    assert all(r["@type"] == "ClaimReview" and r["reviewRating"]["alternateName"] for r in reviews)


def test_downloads_say_what_the_pages_say(real_site: Path) -> None:
    whole = json.loads((real_site / "downloads/archive.json").read_text(encoding="utf-8"))
    assert [t["id"] for t in whole["transcripts"]] == [t.id for t in ARCHIVE.transcripts]
    assert whole["transcripts"][2]["excerpts"][0]["text"] == ARCHIVE.transcripts[2].excerpts[0].text
    rows = list(csv.DictReader(io.StringIO((real_site / "downloads/claims.csv").read_text(encoding="utf-8"))))
    assert [r["statement"] for r in rows] == [c.statement for t in ARCHIVE.transcripts for c in t.claims]
    conversations = list(csv.DictReader(io.StringIO((real_site / "downloads/transcripts.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in conversations] == [t.id for t in ARCHIVE.transcripts]
    feed = ET.fromstring((real_site / "feed.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert len(feed.findall("a:entry", ns)) == len(ARCHIVE.transcripts)
    links = [a["href"] for a in page(real_site, "data").select("ul.downloads a")]
    assert links == ["../downloads/archive.json", "../downloads/claims.csv", "../downloads/transcripts.csv", "../feed.xml", "../downloads/passages.json"]


def test_csv_cells_cannot_start_a_formula() -> None:
    assert [_cell(v) for v in ("=1+1", "+x", "-x", "@x", "\tx", "plain", "")] == ["'=1+1", "'+x", "'-x", "'@x", "'\tx", "plain", ""]


def test_crossref_counts_match_the_archive() -> None:
    x = crossref(ARCHIVE)
    assert len(x.claims) == sum(len(t.claims) for t in ARCHIVE.transcripts)
    assert x.next["2001-06-16-brdo"].id == "2001-07-06-call"
    assert x.previous["2005-09-16-oval-office"].id == "2003-03-18-call"


def test_search_index_covers_english_and_russian_and_lands_on_excerpts(real_site: Path) -> None:
    index = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en", "ru"]
    locations = {d["location"] for d in index["docs"]}
    oval = next(t for t in ARCHIVE.transcripts if t.id == "2005-09-16-oval-office")
    assert {f"transcripts/{oval.id}/#{e.id}" for e in oval.excerpts} <= locations
    assert any("Путин" in d["text"] or "Путин" in d["title"] for d in index["docs"])


def test_every_page_links_the_feed(real_site: Path) -> None:
    for path in ("", SOCHI, "people/putin"):
        link = page(real_site, path).select_one('link[type="application/atom+xml"]')
        assert (real_site / path / link["href"]).resolve() == (real_site / "feed.xml").resolve()
