"""Every download and machine-readable output stays valid whatever text the validator accepts.

Generated text (Hypothesis) mixes Unicode letters, marks, symbols, punctuation and spaces with the
characters each format treats specially; named cases pin down breakages seen before. Each output is
rendered by the project's own ``render_site`` and read back by a real parser:

* the Atom feed by ``xml.etree`` (an XML parser: it refuses anything not well-formed);
* BibTeX by pybtex, which applies BibTeX's own rules (every brace counts, a backslash escapes nothing);
* CSL-JSON by ``jsonschema`` against the official CSL-JSON schema (``csl-data.json``);
* the JSON-LD in ``<head>`` by the standard library's HTML parser, then ``json``;
* the CSV downloads by the ``csv`` module, checking the formula guard on every cell.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import importlib.metadata
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pybtex.database
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pybtex.richtext import Text as LatexText

from archive import markup
from archive.model import Archive, Correction, Transcript
from archive.pipeline import read_archive
from archive.render.pages import render_site
from archive.render.paths import Site
from archive.text_rules import check_text
from archive.values import PartialDate
from conftest import FIXTURE, REPO
from hostile import write_data

EXAMPLES = int(os.environ.get("OUTPUT_EXAMPLES", "150"))
URL = "https://archive.example/"
ATOM = "{http://www.w3.org/2005/Atom}"
LAKESIDE = "2001-06-16-lakeside"

# Pieces each output format reads specially: XML, LaTeX and BibTeX, HTML's script element, spreadsheets.
MARKUP = [
    "<", ">", "&", '"', "'", "]]>", "<![CDATA[", "&amp;", "&#0;", "{", "}", "\\", "\\}", "{}", "}{", "%", "@",
    "@misc{x,", "#", "$", "^", "_", "~", "--", "---", "``", "''", ",,", "!`", "?`", "<<", ">>", "\\textbf{",
    "</script>", "</SCRIPT ", "<!--", "-->", "<script>", "=", "+", "-", "=1+1", "@SUM(A1)", "\u00a0", "\u2003",
    "\u3000", "e\u0301", "😀", "中文", "שלום", "مرحبا", "Путин",
]
_CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"), blacklist_characters="\ufffe\uffff")
_PIECES = st.one_of(st.text(_CHARS, min_size=1, max_size=6), st.sampled_from(MARKUP), st.just(" "))
# One line as the validator accepts it (titles, names, subjects, statements are all lines).
lines = st.lists(_PIECES, min_size=1, max_size=8).map("".join).map(str.strip).filter(lambda s: check_text("line", s) is None)
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@dataclasses.dataclass(frozen=True)
class Texts:
    """The free text of one hostile archive: every field the machine-readable outputs print."""

    title: str
    summary: str
    place: str
    subject: str
    archive: str
    collection: str
    document_id: str
    statement: str
    name: str
    topic: str
    site: str


texts = st.builds(Texts, *([lines] * len(dataclasses.fields(Texts))))


@functools.cache
def _fixture() -> Archive:
    return read_archive(FIXTURE / "data")


def _hostile(x: Texts) -> Archive:
    """The small archive with ``x`` in every printed field of its first conversation, person and topic."""
    base = _fixture()
    first, *rest = base.transcripts
    document = dataclasses.replace(first.document, subject=x.subject, archive=x.archive, collection=x.collection, document_id=x.document_id)
    claims = [dataclasses.replace(c, statement=x.statement) for c in first.claims]
    text = x.summary if markup.check(x.summary) is None else "Changed."
    corrections = [Correction(date=PartialDate(2024, 6, 1), text=text)]
    t = dataclasses.replace(first, title=x.title, summary=x.summary, place=x.place, document=document, claims=claims, corrections=corrections)
    people = {k: dataclasses.replace(p, name=x.name) for k, p in base.people.items()}
    topics = {k: dataclasses.replace(v, title=x.topic) for k, v in base.topics.items()}
    return Archive(people, base.sources, topics, [t, *rest])


# --- Atom feed ----------------------------------------------------------------------------------


FEEDS = ("feed.xml", "corrections.xml")


def _feed(archive: Archive, site: Site, path: str = "feed.xml") -> ET.Element:
    """A feed, parsed by an XML parser (raises on anything not well-formed)."""
    return ET.fromstring(render_site(archive, site)[path].text.encode("utf-8"))


@SETTINGS
@given(texts)
def test_feed_is_well_formed_and_says_what_the_data_says(x: Texts) -> None:
    archive = _hostile(x)
    feed = _feed(archive, Site(x.site, URL))
    assert feed.findtext(f"{ATOM}title") == f"{x.site}: new conversations"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == x.site
    entry = next(e for e in feed.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id", "").endswith(f"/{LAKESIDE}/"))
    assert entry.findtext(f"{ATOM}title") == x.title
    assert entry.findtext(f"{ATOM}summary") == f"{archive.transcripts[0].date.human()}: {x.summary}"
    corrections = _feed(archive, Site(x.site, URL), "corrections.xml")
    assert corrections.findtext(f"{ATOM}title") == f"{x.site}: corrections"
    assert f"Correction to the conversation {x.title}" in [e.findtext(f"{ATOM}title") for e in corrections.iter(f"{ATOM}entry")]


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x1f", "\ufffe", "\uffff"])
def test_feed_stays_well_formed_with_characters_xml_cannot_hold(char: str) -> None:
    """The validator refuses these; should one arrive anyway, the feed still parses."""
    x = Texts(*(f"a{char}b" for _ in dataclasses.fields(Texts)))
    for path in FEEDS:
        feed = _feed(_hostile(x), Site(x.site, URL), path)
        assert feed.findtext(f"{ATOM}author/{ATOM}name") == "a\ufffdb"


# --- BibTeX -------------------------------------------------------------------------------------

# The LaTeX commands the BibTeX output may use, and the character each prints.
_LATEX_WORDS = {"textbackslash": "\\", "textbraceleft": "{", "textbraceright": "}", "textasciitilde": "~", "textasciicircum": "^"}
_BIBTEX_WHITESPACE = re.compile(r"[^\S\u00a0]+")
_LETTERS = re.compile(r"[A-Za-z]*")


def _read_latex(value: str) -> str:
    """The text LaTeX prints for a BibTeX field value, for the constructs a field may use.

    ``\\`` + one non-letter prints that character (``\\%`` is ``%``); ``\\`` + letters is one of
    ``_LATEX_WORDS`` (any other command fails the test), and the spaces after it are skipped as LaTeX
    skips them; braces only group and print nothing; ``~`` is a no-break space. One pass, left to right.
    """
    out: list[str] = []
    i = 0
    while i < len(value):
        char = value[i]
        if char == "\\":
            word = _LETTERS.match(value, i + 1)[0]
            if word:
                assert word in _LATEX_WORDS, f"unexpected LaTeX command \\{word} in {value!r}"
                out.append(_LATEX_WORDS[word])
                i += 1 + len(word)
                while i < len(value) and value[i] == " ":
                    i += 1
                continue
            assert i + 1 < len(value), f"a field ends in a lone backslash: {value!r}"
            out.append(value[i + 1])
            i += 2
            continue
        if char not in "{}":
            out.append("\u00a0" if char == "~" else char)
        i += 1
    return "".join(out)


def _as_bibtex_reads(text: str) -> str:
    """``text`` as any BibTeX reader keeps it: each run of white space one space (a no-break space is kept)."""
    return _BIBTEX_WHITESPACE.sub(" ", text).strip(" ")


def _bibtex_fields(archive: Archive, site: Site, t: Transcript) -> dict[str, str]:
    """The raw field values of the conversation's BibTeX entry, as pybtex reads them (strictly)."""
    data = pybtex.database.parse_string(render_site(archive, site)[f"cite/{t.id}.bib"].text, "bibtex")
    assert list(data.entries) == [t.id]
    entry = data.entries[t.id]
    assert entry.type == "misc"
    return dict(entry.fields)


def _expected_bibtex(t: Transcript, site: Site) -> dict[str, str]:
    d = t.document
    note = "; ".join(x for x in (d.collection, f"document {d.document_id}" if d.document_id else None) if x)
    return {"title": d.subject or t.title, "organization": d.archive, "note": note,
            "url": f"{site.url}transcripts/{t.id}/", "year": str(t.date.year)}


def _assert_bibtex_round_trip(archive: Archive, site: Site) -> None:
    """Round trip: pybtex parses the entry under BibTeX's rules, and each field, read as LaTeX prints
    it (``_read_latex``), equals the source text up to BibTeX's own white-space folding."""
    t = archive.transcripts[0]
    fields = _bibtex_fields(archive, site, t)
    for name, text in _expected_bibtex(t, site).items():
        if text:
            assert _read_latex(fields[name]) == _as_bibtex_reads(text), name


@SETTINGS
@given(texts)
def test_bibtex_parses_and_gives_back_every_field(x: Texts) -> None:
    _assert_bibtex_round_trip(_hostile(x), Site(x.site, URL))


@SETTINGS
@given(texts)
@example(Texts(*(["a--b ``q'' ,, !` ?` << >> 100% & #1 _x_ \\n ~ \u00a0 \"z\" @misc"] * len(dataclasses.fields(Texts)))))
def test_bibtex_reads_the_same_in_pybtex_own_latex_reading(x: Texts) -> None:
    """Cross-check with a decoder that is not ours: pybtex's LaTeX reading (latexcodec), for every field
    without braces, ``$`` or ``^``, which that reader cannot print back."""
    archive = _hostile(x)
    site = Site(x.site, URL)
    t = archive.transcripts[0]
    fields = _bibtex_fields(archive, site, t)
    for name, text in _expected_bibtex(t, site).items():
        if text and not set(text) & set("{}$^"):
            assert LatexText.from_latex(fields[name]).render_as("text") == _as_bibtex_reads(text), name


BIBTEX_CASES = ["}", "{", "\\", "%", "@", "#", '"', "a } b", "a { b", "\\}", "{\\}", "}{", "{{{", "}}}", "\\\\",
                "50% of #1 @ \"x\" & $y$ ^ _z_ ~", "a--b---c", "``q''", "x\u00a0y", "\\textbf{x}", "@misc{y, title={z}}"]


@pytest.mark.parametrize("case", BIBTEX_CASES)
def test_bibtex_named_cases_read_back(case: str) -> None:
    """Known breakages: a lone brace, a backslash, ``%``, ``@``, ``#`` or ``"`` in a subject or an archive."""
    x = Texts(*([f"Meeting {case} end"] * len(dataclasses.fields(Texts))))
    _assert_bibtex_round_trip(_hostile(x), Site("Archive", URL))


def test_lone_closing_brace_in_subject_keeps_the_entry_whole() -> None:
    base = _fixture()
    t = base.transcripts[0]
    t = dataclasses.replace(t, document=dataclasses.replace(t.document, subject="Borders }"))
    archive = Archive(base.people, base.sources, base.topics, [t, *base.transcripts[1:]])
    fields = _bibtex_fields(archive, Site("Archive", URL), t)
    assert _read_latex(fields["title"]) == "Borders }"
    assert set(fields) == {"title", "date", "year", "howpublished", "organization", "note", "url"}


# --- CSL-JSON -----------------------------------------------------------------------------------


CSL_SCHEMA_ID = re.compile(r"^https://resource\.citationstyles\.org/schema/[^/]+/input/json/csl-data\.json$")


def _shipped_csl_data_files() -> list[Path]:
    """Every ``csl-data.json`` that an installed test package ships: Python distributions, then tests/node's npm packages."""
    found = [REPO / "tests" / ".schemas" / "csl-data.json"]  # fetched by `make test` (tests/schema-packages.txt)
    found += [Path(f.locate()) for dist in importlib.metadata.distributions() for f in dist.files or () if f.name == "csl-data.json"]
    return [p for p in found if p.exists()] + sorted((REPO / "tests" / "node" / "node_modules").rglob("csl-data.json"))


@functools.cache
def _official_csl_schema() -> dict[str, Any] | None:
    """The official CSL-JSON schema (``csl-data.json`` of citation-style-language/schema), recognised by its
    ``$id``, as a test package ships it; None while no installed package ships it."""
    for path in _shipped_csl_data_files():
        schema = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(schema, dict) and CSL_SCHEMA_ID.match(schema.get("$id", "")):
            return schema
    return None


@functools.cache
def _csl_validator() -> Any:
    """A validator for the official CSL-JSON schema, of the JSON Schema draft the schema declares (draft 7)."""
    schema = _official_csl_schema()
    if schema is None:
        if os.environ.get("CI"):
            raise RuntimeError("the CSL-JSON schema is missing; `make test` fetches it into tests/.schemas/")
        pytest.skip("the CSL-JSON schema is not fetched yet: run `make test` (it fetches tests/.schemas/csl-data.json)")
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft7Validator, schema.get("$schema")
    cls.check_schema(schema)
    return cls(schema)


def _csl_items(archive: Archive, site: Site) -> list[dict[str, Any]]:
    items = json.loads(render_site(archive, site)[f"cite/{LAKESIDE}.json"].text)
    assert isinstance(items, list) and len(items) == 1
    return items


@SETTINGS
@given(texts)
def test_csl_json_parses_and_gives_back_every_field(x: Texts) -> None:
    [item] = _csl_items(_hostile(x), Site(x.site, URL))
    assert item["title"] == x.subject
    assert (item["archive"], item["archive_collection"], item["archive_location"]) == (x.archive, x.collection, x.document_id)
    assert (item["event-place"], item["container-title"]) == (x.place, x.site)
    assert all(isinstance(v, str) for k, v in item.items() if k != "issued")


@SETTINGS
@given(texts)
def test_csl_json_is_valid_against_the_official_schema(x: Texts) -> None:
    _csl_validator().validate(_csl_items(_hostile(x), Site(x.site, URL)))


@pytest.mark.parametrize("qualifier", ["~", "%"])
def test_csl_json_of_an_approximate_date_says_circa(qualifier: str) -> None:
    """``~`` (approximate) and ``%`` (approximate and uncertain) both make the date circa."""
    base = _fixture()
    t = dataclasses.replace(base.transcripts[0], date=PartialDate(2001, 6, 16, qualifier))
    [item] = _csl_items(Archive(base.people, base.sources, base.topics, [t, *base.transcripts[1:]]), Site("Archive", URL))
    assert item["issued"] == {"date-parts": [[2001, 6, 16]], "circa": True}


# --- JSON-LD and citation tags in <head> --------------------------------------------------------


class _Head(HTMLParser):
    """What an HTML parser sees in a page's extra <head>: each script's text and each meta tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.meta: list[tuple[str, str]] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        elif tag == "meta":
            found = dict(attrs)
            self.meta.append((found.get("name") or "", found.get("content") or ""))

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def _head(archive: Archive, site: Site) -> _Head:
    parser = _Head()
    parser.feed(render_site(archive, site)[f"transcripts/{LAKESIDE}.md"].head)
    parser.close()
    return parser


def _json_ld(archive: Archive, site: Site) -> list[dict[str, Any]]:
    """The JSON-LD graph: the one script element holds all of it, and nothing in it can end the element."""
    head = _head(archive, site)
    assert len(head.scripts) == 1
    text = head.scripts[0]
    assert not set(text) & set("<>&\u2028\u2029")
    return json.loads(text)


@SETTINGS
@given(texts)
def test_json_ld_parses_and_stays_inside_its_script_element(x: Texts) -> None:
    archive = _hostile(x)
    document, *reviews = _json_ld(archive, Site(x.site, URL))
    assert (document["name"], document["description"]) == (x.title, x.summary)
    assert document["holdingArchive"]["name"] == x.archive
    assert document["about"] == [x.topic] * len(archive.transcripts[0].topics)
    assert {m["name"] for m in document["mentions"]} == {x.name}
    assert [r["claimReviewed"] for r in reviews] == [x.statement] * len(archive.transcripts[0].claims)


@SETTINGS
@given(texts)
def test_citation_meta_tags_give_back_the_text(x: Texts) -> None:
    meta = dict(_head(_hostile(x), Site(x.site, URL)).meta)
    assert (meta["citation_title"], meta["citation_publisher"]) == (x.subject, x.archive)
    assert (meta["citation_series_title"], meta["citation_technical_report_number"]) == (x.collection, x.document_id)


@pytest.mark.parametrize("case", ["</script><script>alert(1)</script>", "</SCRIPT >x", "<!--<script>", "-->", "]]>", "\\u003c", "a\u2028b\u2029c"])
def test_json_ld_named_cases(case: str) -> None:
    x = Texts(*([f"A {case} z"] * len(dataclasses.fields(Texts))))
    document, *_ = _json_ld(_hostile(x), Site(x.site, URL))
    assert document["name"] == f"A {case} z"


# --- CSV downloads ------------------------------------------------------------------------------

# What a spreadsheet may skip before it looks for a formula, and what starts one.
_SKIPPABLE = " \t\r\n\u00a0\u2000\u2003\u3000\u200b\u200c\u200d\u2060\ufeff"
_FORMULA = "=+-@"
_LEADS = ["", " ", "  ", "\t", "\r", "\n", "\u00a0", "\u2003", "\u3000", "\u200b", "\ufeff", " \u200b ", "\u00a0\ufeff\t"]


def _safe_cell(cell: str) -> bool:
    """A spreadsheet shows the cell as text: it starts with an apostrophe, or nothing formula-like leads."""
    visible = cell.lstrip(_SKIPPABLE)
    return cell.startswith("'") or (not cell.startswith(("\t", "\r")) and not (visible and visible[0] in _FORMULA))


def _csv(archive: Archive, path: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(render_site(archive, Site("Archive", URL))[path].text, newline="")))
    for row in rows:
        assert all(_safe_cell(cell) for cell in row.values()), row
    return rows


def _unguarded(cell: str, text: str) -> None:
    """The cell is the text itself, or the text behind the guard's apostrophe."""
    assert cell in (text, "'" + text)


@SETTINGS
@given(texts, st.sampled_from(_LEADS), st.sampled_from(_FORMULA))
def test_csv_cells_never_start_a_formula(x: Texts, lead: str, formula: str) -> None:
    """Any accepted text, and text behind leading white space or invisible marks (which the validator
    refuses in lines, but which must not get past the guard either)."""
    hostile = Texts(**{f.name: lead + formula + getattr(x, f.name) for f in dataclasses.fields(Texts)})
    for y in (x, hostile):
        archive = _hostile(y)
        [claim] = [r for r in _csv(archive, "downloads/claims.csv") if r["transcript"] == LAKESIDE]
        _unguarded(claim["statement"], y.statement)
        _unguarded(claim["speaker_name"], y.name)
        [row] = [r for r in _csv(archive, "downloads/transcripts.csv") if r["id"] == LAKESIDE]
        for column in ("title", "place", "summary", "archive", "document_id"):
            _unguarded(row[column], getattr(y, column))


@pytest.mark.parametrize("lead", _LEADS)
@pytest.mark.parametrize("formula", ["=1+1", "+1", "-1", "@SUM(A1)"])
def test_csv_guard_named_cases(lead: str, formula: str) -> None:
    x = Texts(*([lead + formula] * len(dataclasses.fields(Texts))))
    [claim] = [r for r in _csv(_hostile(x), "downloads/claims.csv") if r["transcript"] == LAKESIDE]
    assert claim["statement"] == "'" + lead + formula


# --- The hostile archive, through the real loader -----------------------------------------------


def test_every_output_of_the_hostile_archive_is_valid(tmp_path: Path) -> None:
    """hostile.py's archive (a payload in every free-text field), read from YAML by the real pipeline."""
    write_data(tmp_path / "data")
    archive = read_archive(tmp_path / "data")
    site = Site("Archive <&> \"x\" {}", URL)
    t = archive.transcripts[0]
    pages = render_site(archive, site)
    for path in FEEDS:
        ET.fromstring(pages[path].text.encode("utf-8"))
    data = pybtex.database.parse_string(pages[f"cite/{t.id}.bib"].text, "bibtex")
    assert _read_latex(data.entries[t.id].fields["title"]) == _as_bibtex_reads(t.document.subject or t.title)
    head = _Head()
    head.feed(pages[f"transcripts/{t.id}.md"].head)
    assert json.loads(head.scripts[0])[0]["name"] == t.title
    for path in ("downloads/claims.csv", "downloads/transcripts.csv"):
        for row in csv.reader(io.StringIO(pages[path].text, newline="")):
            assert all(_safe_cell(cell) for cell in row), row
    if _official_csl_schema() is not None:
        _csl_validator().validate(json.loads(pages[f"cite/{t.id}.json"].text))
