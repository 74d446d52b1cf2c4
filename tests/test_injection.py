"""Nothing injected: payloads in every free-text field stay text in every place they land."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build, make_project
from hostile import FORMULA, LINE, MARKUP_PAYLOADS, PAYLOADS, marker, write_data

GENERATED = ("transcripts", "people", "topics", "claims", "timeline")
BAD_SCHEMES = re.compile(r"^\s*(javascript|data|vbscript)\s*:", re.I)


def _visible(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "empty").mkdir()
    project = make_project(root / "project", data=root / "empty")
    write_data(project / "data")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_payload_element_attribute_or_scheme_anywhere(site: Path) -> None:
    for path in _pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = str(path.relative_to(site))
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (where, tag.name, tag.attrs)
            for attribute in ("href", "src", "action", "formaction", "xlink:href"):
                assert not BAD_SCHEMES.match(str(tag.get(attribute, ""))), (where, tag)
        assert not soup.find_all(["iframe", "svg", "object", "embed"], src=True)
        assert not soup.find_all("img", src="x")
        assert not soup.find_all("iframe")
        assert not soup.find(id="search")
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.string)
                assert "<" not in script.string
            else:
                assert "alert(" not in (script.string or ""), where
        if where.startswith(GENERATED):
            article = soup.select_one("article")
            assert not article.find_all("hr") and not article.select("table:not([class])"), where
            assert not article.select("div.admonition.note"), where
        assert "root:x:0:0" not in soup.get_text()


def test_every_payload_is_visible_as_typed_on_the_transcript_page(site: Path) -> None:
    soup = BeautifulSoup((site / "transcripts/2001-06-16-hostile/index.html").read_text(encoding="utf-8"), "html.parser")
    text = _visible(soup.select_one("article"))
    for payload in PAYLOADS:
        assert " ".join(payload.split()) in text
    assert soup.title.get_text() == f"{FORMULA} {LINE} - Leaders' Conversations Archive"
    assert soup.find("meta", attrs={"name": "description"})["content"] == f"{marker('transcript.summary')} {LINE}"
    assert soup.find("meta", attrs={"name": "citation_title"})["content"] == f"{marker('transcript.document.subject')} {LINE}"
    toc = [a.get_text(" ", strip=True) for a in soup.select('.md-nav--secondary a[href="#claim"]')]
    assert toc == ["Claim 1: Supported"]  # the table of contents names claims briefly; the heading holds the statement
    assert soup.find(id="claim").get_text().removesuffix("¶") == f"{FORMULA} {LINE}"


def test_annotation_markup_is_sanitized_and_shown(site: Path) -> None:
    soup = BeautifulSoup((site / "transcripts/2001-06-16-hostile/index.html").read_text(encoding="utf-8"), "html.parser")
    annotation = soup.select_one("div.annotation")
    assert {t.name for t in annotation.find_all(True)} <= {"p", "br", "em", "strong", "a"}
    for payload in MARKUP_PAYLOADS:
        assert " ".join(payload.split()) in _visible(annotation)


def test_other_pages_show_the_payloads_as_text(site: Path) -> None:
    for path in ("people/speaker", "topics/topic", "claims", "timeline"):
        soup = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert LINE in _visible(soup.select_one("article")), path


def test_search_index_holds_text_not_markup(site: Path) -> None:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for field in ("title", "text"):
            fragment = BeautifulSoup(doc[field], "html.parser")
            assert not fragment.find_all(["script", "img", "iframe", "svg"]), doc["location"]
            assert not [t for t in fragment.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    texts = " ".join(BeautifulSoup(d["text"], "html.parser").get_text() for d in index["docs"])
    assert "<script>alert(1)</script>" in texts


def test_machine_readable_outputs_keep_payloads_as_data(site: Path) -> None:
    linked = json.loads(BeautifulSoup((site / "transcripts/2001-06-16-hostile/index.html").read_text(encoding="utf-8"), "html.parser")
                        .find("script", type="application/ld+json").string)
    assert linked[0]["name"] == f"{FORMULA} {LINE}" and linked[1]["claimReviewed"] == f"{FORMULA} {LINE}"
    feed = ET.fromstring((site / "feed.xml").read_bytes())
    assert feed.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title").text == f"{FORMULA} {LINE}"
    claims = list(csv.DictReader(io.StringIO((site / "downloads/claims.csv").read_text(encoding="utf-8"))))
    assert claims[0]["statement"] == f"'{FORMULA} {LINE}"
    transcripts = list(csv.DictReader(io.StringIO((site / "downloads/transcripts.csv").read_text(encoding="utf-8"))))
    assert transcripts[0]["title"] == f"'{FORMULA} {LINE}"
    whole = json.loads((site / "downloads/archive.json").read_text(encoding="utf-8"))
    assert whole["transcripts"][0]["title"] == f"{FORMULA} {LINE}"
    bib = (site / "cite/2001-06-16-hostile.bib").read_text(encoding="utf-8")
    assert bib.count("{") == bib.count("}")
    assert "\\textbraceleft{}\\textbraceleft{} config \\textbraceright{}\\textbraceright{}" in bib
    assert json.loads((site / "cite/2001-06-16-hostile.json").read_text(encoding="utf-8"))[0]["title"] == f"{marker('transcript.document.subject')} {LINE}"


def test_every_text_field_of_every_file_reaches_a_page_as_text(site: Path) -> None:
    from hostile import MARKERS

    shown = " ".join(_visible(BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")) for p in _pages(site))
    # A language code is written as the passage's lang attribute, not as text.
    hidden = {path for path, mark in MARKERS.items() if mark not in shown}
    assert hidden == {"transcript.excerpts.original_lang"}
    assert len(MARKERS) >= 25


def test_every_text_field_reaches_the_search_index_and_the_data_download(site: Path) -> None:
    from hostile import MARKERS

    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    whole = (site / "downloads/archive.json").read_text(encoding="utf-8")
    for path, mark in MARKERS.items():
        assert mark in whole, path
        if not path.endswith(("original_lang", "offices.title")):
            assert mark in index, path
