"""The claims tables as rendered: what a script filters and sorts by, escaped; a large index split per year says what each page holds."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from bs4 import BeautifulSoup

from archive.crossref import cross_reference as crossref
from archive.pipeline import read_archive
from archive.render import claims, paths
from archive.render.listing import claims_table
from archive.render.transcript import ASSESSMENTS
from benchmarks import synthetic
from conftest import FIXTURE


def _table(markup: str) -> BeautifulSoup:
    table = BeautifulSoup(markup, "html.parser").select_one("table.claims-table")
    assert table is not None
    return table


def test_rows_carry_what_the_filters_use_and_the_table_the_words_they_show() -> None:
    loaded = read_archive(FIXTURE / "data")
    # A changed copy: the records read are shared with every later reader of the same files in this process.
    topics = {**loaded.topics, "borders": dataclasses.replace(loaded.topics["borders"], title='Borders "&" <b>lines</b>')}
    archive = dataclasses.replace(loaded, topics=topics)
    table = _table(claims_table(paths.CLAIMS, crossref(archive).claims, archive))
    row = table.select_one("tbody tr")
    assert (row["data-year"], row["data-speaker"], row["data-assessment"], row["data-topics"]) == ("2001", "alpha", "partly-supported", "borders")
    assert json.loads(table["data-topic-titles"]) == {"borders": 'Borders "&" <b>lines</b>'}
    assert table.find("b") is None  # the title stayed text inside the attribute
    assert json.loads(table["data-assessment-labels"]) == [list(pair) for pair in ASSESSMENTS.items()]
    assert [th["data-key"] for th in table.select("th")] == ["date", "speaker", "claim", "assessment"]
    assert [td["data-label"] for td in row.select("td")] == ["Date", "Speaker", "Claim", "Assessment"]
    # Roles stay explicit, so a screen reader still meets a table where narrow screens show cards.
    assert table["role"] == "table" and {tr["role"] for tr in table.select("tr")} == {"row"}
    assert {td["role"] for td in table.select("td")} == {"cell"} and {th["role"] for th in table.select("th")} == {"columnheader"}
    assert not table.has_attr("data-scope")


def test_a_table_without_the_speaker_column_has_no_speaker_header_or_cell() -> None:
    archive = read_archive(FIXTURE / "data")
    table = _table(claims_table(paths.person("alpha"), crossref(archive).claims, archive, speaker=False))
    assert [th["data-key"] for th in table.select("th")] == ["date", "claim", "assessment"]
    assert [td["data-label"] for td in table.select("tbody td")] == ["Date", "Claim", "Assessment"]


def test_a_large_index_is_split_per_year_and_each_year_says_what_it_holds(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(paths, "PAGE_LIMIT", 10)
    archive = read_archive(synthetic.generate(tmp_path, 6, seed=3))
    xref = crossref(archive)
    pages = {page.path: page.text for page in claims.pages(archive)}
    years = sorted({t.date.year for t, _ in xref.claims})
    assert len(years) > 1
    assert "<table" not in pages[paths.CLAIMS] and "one page per year" in pages[paths.CLAIMS]
    for year in years:
        table = _table(pages[paths.claims_year(year)])
        assert table["data-scope"] == f"the claims of {year}"
        assert {tr["data-year"] for tr in table.select("tbody tr")} == {str(year)}
    assessment, label = next((a, name) for a, name in ASSESSMENTS.items() if f"claims/{a}/{years[0]}.md" in pages)
    table = _table(pages[f"claims/{assessment}/{years[0]}.md"])
    assert table["data-scope"] == f"the claims of {years[0]} assessed as {label.lower()}"
