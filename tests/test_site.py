"""End to end: the real ``mkdocs build --strict`` of the real data and of the small archive."""

from __future__ import annotations

import filecmp
import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from archive.pipeline import read_archive
from conftest import LAKESIDE, REPO, build, edit, page


def test_timeline_lists_every_conversation_in_date_order(real_site: Path) -> None:
    links = [a["href"] for a in page(real_site, "timeline").select("ol.timeline .timeline-title a")]
    # File names begin with the conversation's date, so date order is their order.
    assert links == [f"../transcripts/{p.stem}/" for p in sorted((REPO / "data" / "transcripts").glob("*.yaml"))]
    assert links[:3] == ["../transcripts/2001-06-16-brdo/", "../transcripts/2001-07-06-call/", "../transcripts/2001-09-12-call/"]
    years = [h2.get_text(strip=True).rstrip("¶") for h2 in page(real_site, "timeline").select("h2")]
    assert years == ["2001", "2002", "2003", "2005", "2008", "Context events"]


def test_every_excerpt_and_claim_has_its_anchor(real_site: Path) -> None:
    archive = read_archive(REPO / "data")
    for transcript in archive.transcripts:
        soup = page(real_site, f"transcripts/{transcript.id}")
        ids = {tag["id"] for tag in soup.find_all(id=True)}
        wanted = {e.id for e in transcript.excerpts} | {c.id for c in transcript.claims}
        assert wanted <= ids, transcript.id
        for claim in transcript.claims:
            for excerpt in claim.excerpts:
                assert soup.select_one(f'#{claim.id} ~ div.claim a[href="#{excerpt}"]') is not None


def test_caveat_comes_from_the_data(real_site: Path) -> None:
    archive = read_archive(REPO / "data")
    for transcript in archive.transcripts:
        box = page(real_site, f"transcripts/{transcript.id}").select_one("div.caveat")
        if transcript.caveat is None:
            assert box is None
        else:
            text = " ".join(box.get_text(" ").split())
            assert " ".join(transcript.caveat.text.split()) in text


def test_sochi_page_shows_the_memcon_facts(real_site: Path) -> None:
    soup = page(real_site, "transcripts/2008-04-06-sochi")
    facts = " ".join(soup.select_one("dl.facts").get_text(" ").split())
    assert "6 April 2008, 10:00–11:00 local time" in facts
    assert "Sochi" in facts
    document = " ".join(soup.select_one("dl.document").get_text(" ").split())
    assert "NW# 78134" in document and "25 August 2025" in document and "34685227" in document
    people = soup.select_one("div.participants").get_text(" ")
    for name in ("George W. Bush", "Condoleezza Rice", "Vladimir Putin", "Sergey Lavrov"):
        assert name in people


def test_navigation_does_not_list_transcripts(real_site: Path) -> None:
    for path in ("", "timeline", "transcripts/2008-04-06-sochi"):
        nav = page(real_site, path).select_one("nav.md-nav--primary")
        assert nav is not None
        assert not [a for a in nav.select("a[href]") if "transcripts/" in a["href"]]


def test_no_request_leaves_the_site(real_site: Path) -> None:
    for html in real_site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("script[src], link[href], img[src], iframe, source[src]"):
            url = tag.get("src") or tag.get("href")
            if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"]):
                continue
            assert not re.match(r"^(https?:)?//", url), f"{html}: {tag}"


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small archive (with markup-like text in an excerpt) built as a site."""
    from conftest import make_project

    project = make_project(tmp_path_factory.mktemp("small") / "project")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_markup_in_an_excerpt_stays_literal_text(small_site: Path) -> None:
    turn = page(small_site, "transcripts/2001-06-16-lakeside").select_one("#borders-1").parent
    assert turn.find("b") is None and turn.find("em") is None
    assert '“The border is <b>fixed</b> & *final* {: #x} [x](y) --8<-- "/etc/passwd"”' in turn.get_text()
    assert turn.select_one("#x") is None


def test_annotation_markup_subset_is_rendered(small_site: Path) -> None:
    claim = page(small_site, "transcripts/2001-06-16-lakeside").select_one("#border-final + div.claim")
    assert claim.select_one(".annotation strong").get_text() == "most"
    assert claim.select_one(".annotation a")["href"] == "https://archive.example/treaty"


def test_failed_build_leaves_site_and_docs_untouched(tmp_path: Path) -> None:
    from conftest import make_project

    project = make_project(tmp_path / "project")
    assert build(project).returncode == 0
    before = tmp_path / "before"
    subprocess.run(["cp", "-a", str(project / "site"), str(before)], check=True)
    docs_before = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    edit(project, LAKESIDE, "    speaker: beta\n    kind: paraphrase", "    speaker: putn\n    kind: paraphrase")
    result = build(project)
    assert result.returncode == 1
    assert "excerpts[1].speaker: unknown person 'putn'" in result.stderr
    assert "Traceback" not in result.stderr
    comparison = filecmp.dircmp(before, project / "site")
    assert not comparison.diff_files and not comparison.left_only and not comparison.right_only
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()} == docs_before


def test_generated_page_may_not_replace_a_hand_written_one(tmp_path: Path) -> None:
    from conftest import make_project

    project = make_project(tmp_path / "project")
    (project / "docs" / "timeline.md").write_text("# Mine\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    assert "docs/timeline.md is hand-written, but the archive generates a page at that path" in result.stderr
    assert (project / "docs" / "timeline.md").read_text(encoding="utf-8") == "# Mine\n"
    assert not (project / "site").exists()


def test_title_and_summary_cannot_break_out_of_the_page_head(tmp_path: Path) -> None:
    from conftest import make_project

    project = make_project(tmp_path / "project")
    payload = '</title><script>alert(1)</script>" onmouseover="x'
    edit(project, LAKESIDE, "title: Lakeside meeting", f"title: '{payload}'")
    edit(project, LAKESIDE, "summary: Alpha and Beta discuss borders and trade.", f"summary: '{payload}'")
    assert build(project).returncode == 0
    for path in ("transcripts/2001-06-16-lakeside", "timeline"):
        soup = page(project / "site", path)
        assert not [s for s in soup.find_all("script") if "alert(1)" in s.get_text() and s.get("type") != "application/ld+json"]
        assert not soup.find_all(attrs={"onmouseover": True})
    soup = page(project / "site", "transcripts/2001-06-16-lakeside")
    assert soup.title.get_text() == f"{payload} - Leaders' Conversations Archive"
    assert soup.find("meta", attrs={"name": "description"})["content"] == payload
    assert soup.h1.get_text().rstrip("¶") == payload
    linked_data = json.loads(soup.find("script", type="application/ld+json").string)
    assert linked_data[0]["name"] == payload and linked_data[0]["description"] == payload
