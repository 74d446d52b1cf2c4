"""Check a quotation: the passage index written at build time, the page, the matcher (run with node) and its benchmark."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from archive.pipeline import read_archive
from archive.render import quotation_check
from archive.render.pages import render_site
from archive.render.paths import Site
from conftest import FIXTURE, LAKESIDE, REPO, edit

SITE = Site("Leaders' Conversations Archive", "https://archive.example/")
MATCHER = REPO / "docs" / "javascripts" / "quotation-check.js"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="SKIPPED matcher tests: node is not installed")


def _index(data: Path) -> dict:
    return json.loads(quotation_check.index_json(read_archive(data).published(), SITE).text)


def _rows(index: dict) -> list[tuple[str, str, str, str, str]]:
    """Every passage of the index as (permalink, speaker, source, locator, text), wordings resolved to their passage."""
    rows = []
    for path, _title, _date, _note, passages in index["c"]:
        for row in passages:
            parent = passages[row[0]] if len(row) == 4 else row
            source, at, text = row[1:4] if len(row) == 4 else row[3:6]
            rows.append((f"{path}#{parent[2]}", index["p"][parent[0]], index["s"][source], at, text))
    return rows


def _expected(data: Path) -> list[tuple[str, str, str, str, str]]:
    archive = read_archive(data).published()
    rows = []
    for t in archive.transcripts:
        for item in [*t.excerpts, *t.public_remarks]:
            for source, text in [(item.source, item.text)] + [(w.source, w.text) for w in item.wordings]:
                cited = quotation_check.source_text(archive.sources[source.source])
                rows.append((f"transcripts/{t.id}/#{item.id}", archive.people[item.speaker].name, cited, source.at or "", text))
    return rows


@pytest.mark.parametrize("data", [FIXTURE / "data", REPO / "data"], ids=["small", "real"])
def test_every_excerpt_wording_and_remark_is_in_the_index_once_with_its_permalink(data: Path) -> None:
    expected = _expected(data)
    assert sorted(_rows(_index(data))) == sorted(expected)
    assert len(expected) > 3 and len(set(expected)) == len(expected)


def test_a_source_is_cited_by_author_title_publisher_and_date() -> None:
    sources = read_archive(REPO / "data").sources
    novinite = quotation_check.source_text(sources["seed-2025-12-25"])
    assert novinite.startswith("“US Transcripts Reveal Putin") and novinite.endswith("Novinite (Sofia), December 25, 2025")
    supplied = next(s for s in sources.values() if s.title.startswith("["))
    assert quotation_check.source_text(supplied).startswith(supplied.title + ",")


def test_kinds_remarks_and_wordings_are_told_apart() -> None:
    index = _index(FIXTURE / "data")
    assert index["k"] == ["Quotation", "Paraphrase", "Editor's summary"]
    lakeside, call = index["c"]
    assert [(r[1], r[2]) for r in lakeside[4]] == [(0, "borders-1"), (1, "trade-1")]
    excerpt, wording_1, wording_2, remark = call[4][:4]
    assert excerpt[1] == 2 and wording_1[0] == wording_2[0] == 0 and len(wording_1) == 4
    assert len(remark) == 7 and remark[6] and remark[1] == 0
    assert call[0] == "transcripts/2003-02-lakeside-call/" and call[3].startswith("Memorandum of telephone conversation")
    assert "https://" not in call[3]  # the document alone: the page adds the passage's own link


def test_text_from_the_data_is_json_data_never_html(project: Path) -> None:
    hostile = '</script><script>alert(1)</script> \\ " &amp; <b>'
    edit(project, LAKESIDE, "He added a second point.", hostile)
    text = quotation_check.index_json(read_archive(project / "data"), SITE).text
    texts = [r[4] for r in _rows(json.loads(text))]
    assert 'The border is <b>fixed</b> & *final* {: #x} [x](y) --8<-- "/etc/passwd"' in texts
    assert "Beta said trade should grow.\n\n" + hostile in texts
    assert "&lt;" not in text and "&amp;amp;" not in text


def test_the_page_holds_no_passage_and_works_without_script_only_as_a_notice() -> None:
    page = render_site(read_archive(FIXTURE / "data"), SITE)["check.md"].text
    assert "border is" not in page and "Beta thanked" not in page
    soup = BeautifulSoup(page.split("---\n", 2)[2], "html.parser")
    box = soup.find(id="quotation-check")
    assert box["data-index"] == "../downloads/passages.json" and box["data-root"] == "../"
    assert not soup.find(id="qc-nojs").has_attr("hidden") and soup.find(id="qc-form").has_attr("hidden")
    assert soup.find("label", attrs={"for": "qc-quotation"}) and soup.find("textarea", id="qc-quotation")
    assert soup.find(id="qc-output")["aria-live"] == "polite"
    assert [s.get("src") for s in soup.find_all("script")] == ["../javascripts/quotation-check.js"]
    assert not any(a.startswith("on") for tag in soup.find_all(True) for a in tag.attrs)


def test_the_checker_writes_page_text_only_as_text() -> None:
    script = MATCHER.read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\b|new Function", script)
    assert "textContent" in script and "createTextNode" in script


def _node(script: str, data: dict | Path) -> object:
    """Run a script with the matcher as ``qc`` and the index data as ``data``; its JSON output."""
    source = f"const qc = require({json.dumps(str(MATCHER))});\n"
    if isinstance(data, Path):
        source += f"const data = JSON.parse(require('fs').readFileSync({json.dumps(str(data))}, 'utf8'));\n"
    else:
        source += f"const data = {json.dumps(data)};\n"
    result = subprocess.run([NODE, "-e", source + script], capture_output=True, text=True, check=True)  # type: ignore[list-item]
    return json.loads(result.stdout)


_LOOKUP = """
const index = qc.buildIndex(data);
const results = qc.lookup(index, QUOTATION, 5).map(r => ({
  link: qc.permalink(index, r.passage), similarity: r.similarity, segments: qc.segments(r), citation: qc.citation(index, r.passage),
}));
process.stdout.write(JSON.stringify(results));
"""


def _lookup(data: dict | Path, quotation: str) -> list[dict]:
    return _node(f"const QUOTATION = {json.dumps(quotation)};\n" + _LOOKUP, data)  # type: ignore[return-value]


@pytest.fixture(scope="module")
def real_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real archive's passage index, as the build writes it."""
    target = tmp_path_factory.mktemp("index") / "passages.json"
    target.write_text(quotation_check.index_json(read_archive(REPO / "data").published(), SITE).text, encoding="utf-8")
    return target


def _marks(segments: list[dict]) -> list[tuple[str, str]]:
    return [(s["type"], s["text"]) for s in segments if s["type"] in ("del", "ins")]


@needs_node
def test_one_changed_word_finds_the_passage_first_and_marks_that_word(real_index: Path) -> None:
    results = _lookup(real_index, "It's an artificial state created back in Soviet times")
    first = results[0]
    assert first["link"] == "transcripts/2008-04-06-sochi/#ukraine-artificial"
    assert _marks(first["segments"]) == [("del", "state"), ("ins", "country")]
    assert round(first["similarity"], 3) == round(2 * 8 / 18, 3)
    shown = "".join(s["text"] for s in first["segments"] if s["type"] not in ("del", "gap"))
    assert "It's an artificial country created back in Soviet times." in shown
    assert first["citation"].endswith("https://archive.example/transcripts/2008-04-06-sochi/#ukraine-artificial.")
    assert "Quoted in “US agency declassifies" in first["citation"]


@needs_node
def test_case_punctuation_curly_quotes_and_accents_do_not_count(real_index: Path) -> None:
    results = _lookup(real_index, "“IT’S an artificial country — created back in Soviet times…”")
    assert results[0]["link"] == "transcripts/2008-04-06-sochi/#ukraine-artificial"
    assert results[0]["similarity"] == 1 and _marks(results[0]["segments"]) == []


def _archive(*texts: str) -> dict:
    """A tiny index in the build's format: one conversation, one quotation per text."""
    passages = [[0, 0, f"p{n}", 0, "", text] for n, text in enumerate(texts)]
    return {"v": 1, "n": "Archive", "u": "https://a.example/", "k": ["Quotation", "Paraphrase", "Editor's summary"],
            "p": ["Владимир Путин"], "s": ["“Source,” Publisher"], "c": [["transcripts/x/", "X", "1 May 2001", "Memo.", passages]]}


@needs_node
def test_cyrillic_with_yo_and_accents_matches_and_a_fragment_of_a_long_passage_scores_full() -> None:
    data = _archive(
        "Украина — это даже не государство. Часть её территорий — это Восточная Европа, а часть, и значительная, подарена нами!",
        "Мы ещё вернёмся к этому разговору о безопасности в Европе.",
        "Café society met again, as the café’s owner said.",
    )
    assert _lookup(data, "«часть ЕЕ территории — это восточная Европа»")[0]["link"] == "transcripts/x/#p0"
    fragment = _lookup(data, "мы еще вернемся к этому")
    assert fragment[0]["link"] == "transcripts/x/#p1" and fragment[0]["similarity"] == 1
    assert _marks(_lookup(data, "\"Cafe society met again, as the cafes owner said\"")[0]["segments"]) == []
    assert _lookup(data, "два слова") == [] and _lookup(data, "совсем другие слова здесь") == []


@needs_node
def test_a_paraphrase_says_so_in_its_citation() -> None:
    data = _archive("Putin said Russia would not stand in the way.")
    data["c"][0][4][0][1] = 1
    data["c"][0][4].append([0, 0, "", "Putin said Russia would not stand in the way at all."])
    results = _lookup(data, "Russia would not stand in the way")
    assert [r["citation"].split(" ")[1] for r in results] == ["Paraphrased", "As"]
    assert all(r["link"] == "transcripts/x/#p0" for r in results)


def test_the_benchmark_measures_size_and_lookup_on_a_small_archive(tmp_path: Path) -> None:
    if NODE is None:
        pytest.skip("SKIPPED quotation-check benchmark: node is not installed")
    from benchmarks import quotation_check as bench

    results = bench.run(tmp_path, [20], samples=9)
    figures = results["20"]
    assert figures["passages"] > 100 and figures["words"] > figures["passages"]
    assert 1 < figures["ratio_to_text"] < 1.5
    assert figures["found_first"] == 1 and 0 < figures["lookup_ms_median"] <= figures["lookup_ms_max"]
    table = bench.table(results)
    assert table.count("\n") == len(bench.ROWS) + 1 and "20 conversations" in table
    assert not list(tmp_path.iterdir())
