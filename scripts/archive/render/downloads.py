"""Data downloads made from the same model as the pages: JSON, CSV and an Atom feed."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..model import Archive, Person, Registries, Transcript
from ..values import PartialDate, TimeSpan
from . import paths
from .page import Page, Part, text
from .text import front_matter, h, link

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters a spreadsheet may skip before it looks for a formula: white space and invisible format marks.
_SKIPPED_BEFORE_FORMULA = "\u200b\u200c\u200d\u2060\ufeff"
# Characters XML 1.0 cannot hold at all; the validator refuses them, but a feed must stay well-formed regardless.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _plain(value: Any) -> Any:
    """JSON for what the encoder cannot write itself: records as objects, dates and times as written."""
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, TimeSpan):
        return f"{value.start}-{value.end}" if value.end else value.start
    fields = getattr(type(value), "__dataclass_fields__", None)
    if fields is not None:
        return {name: getattr(value, name) for name in fields}
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_plain)


def _json_opening(site: paths.Site) -> str:
    return f'{{"site":{_json(site.url)},"transcripts":['


def _transcript_json(t: Transcript, site: paths.Site, first: bool) -> str:
    return ("" if first else ",") + _json(_plain(t) | {"url": site.absolute(paths.transcript(t.id))})


def _registries_json(registries: Registries) -> str:
    return f'],"people":{_json(registries.people)},"sources":{_json(registries.sources)},"topics":{_json(registries.topics)}}}\n'


def archive_json(archive: Archive, site: paths.Site) -> Page:
    """The whole published archive as one JSON document, a part per conversation."""
    return Page(paths.ARCHIVE_JSON, (
        Part(_json_opening, (site,)),
        *(Part(_transcript_json, (t, site, n == 0)) for n, t in enumerate(archive.transcripts)),
        Part(_registries_json, (archive.registries,)),
    ))


def _formula_like(value: str) -> bool:
    """Whether a spreadsheet could read the cell as a formula: it starts with = + - @ tab or CR,
    or its first character after white space and invisible marks is one of them."""
    if value.startswith(FORMULA_START):
        return True
    for char in value:
        if not (char.isspace() or char in _SKIPPED_BEFORE_FORMULA):
            return char in FORMULA_START
    return False


def _cell(value: str) -> str:
    """A CSV cell that spreadsheets show as text: an apostrophe before anything formula-like."""
    return "'" + value if _formula_like(value) else value


def _csv_rows(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([[_cell(v) for v in row] for row in rows])
    return out.getvalue()


CLAIMS_HEADER = ["transcript", "date", "claim", "speaker", "speaker_name", "statement", "assessment", "topics", "sources", "url"]
TRANSCRIPTS_HEADER = ["id", "date", "time", "title", "place", "kind", "participants", "topics", "summary",
                      "archive", "document_id", "excerpts", "claims", "url"]


def _claim_rows(t: Transcript, people: dict[str, Person], site: paths.Site) -> str:
    return _csv_rows([
        [t.id, t.date.iso(), c.id, c.speaker, people[c.speaker].name, c.statement, c.assessment,
         " ".join(c.topics), " ".join(s.source for s in c.sources), site.absolute(paths.transcript(t.id), c.id)]
        for c in t.claims
    ])


def claims_csv(archive: Archive, site: paths.Site) -> Page:
    """One row per claim, a part per conversation."""
    rows = (Part(_claim_rows, (t, archive.people, site)) for t in archive.transcripts)
    return Page(paths.CLAIMS_CSV, (Part(_csv_rows, ([CLAIMS_HEADER],)), *rows))


def _transcript_row(t: Transcript, site: paths.Site) -> str:
    return _csv_rows([[
        t.id, t.date.iso(), t.time.human().replace("–", "-") if t.time else "", t.title, t.place or "", t.kind,
        " ".join(t.attendees()), " ".join(t.topics), t.summary,
        t.document.archive, t.document.document_id or "", str(len(t.excerpts)), str(len(t.claims)), site.absolute(paths.transcript(t.id)),
    ]])


def transcripts_csv(archive: Archive, site: paths.Site) -> Page:
    """One row per conversation, a part each."""
    rows = (Part(_transcript_row, (t, site)) for t in archive.transcripts)
    return Page(paths.TRANSCRIPTS_CSV, (Part(_csv_rows, ([TRANSCRIPTS_HEADER],)), *rows))


def xml_text(text: str) -> str:
    """Text for an XML element: markup characters escaped, characters XML cannot hold replaced by U+FFFD."""
    return escape(_NOT_XML.sub("\ufffd", text))


def timestamp(date: PartialDate) -> str:
    """An Atom timestamp for a date (the first day of a month or year known only to the month or year)."""
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"


def atom_head(site: paths.Site, title: str, feed_id: str, feed_path: str, alternate: str, updated: PartialDate | None) -> str:
    """The opening of an Atom feed of this site, up to its first entry."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{xml_text(site.name)}: {xml_text(title)}</title><id>{xml_text(feed_id)}</id>"
        f"<link rel=\"self\" href={quoteattr(site.absolute(feed_path))}/><link href={quoteattr(alternate)}/>"
        f"<updated>{timestamp(updated) if updated else '1970-01-01T00:00:00Z'}</updated>"
        f"<author><name>{xml_text(site.name)}</name></author>"
    )


def _added(t: Transcript) -> PartialDate:
    return t.added or t.date


def _entry(t: Transcript, site: paths.Site) -> str:
    url = site.absolute(paths.transcript(t.id))
    return (
        f"<entry><title>{xml_text(t.title)}</title><id>{xml_text(url)}</id><link href={quoteattr(url)}/>"
        f"<updated>{timestamp(_added(t))}</updated><summary>{xml_text(t.date.human() + ': ' + t.summary)}</summary></entry>"
    )


def _feed_opening(site: paths.Site, newest: Transcript | None) -> str:
    return atom_head(site, "new conversations", site.url, paths.FEED, site.url, _added(newest) if newest else None)


def atom_feed(archive: Archive, site: paths.Site) -> Page:
    """An Atom feed of conversations, newest additions first, a part per entry."""
    newest = sorted(archive.transcripts, key=lambda t: (_added(t).sort_key(), t.id), reverse=True)
    return Page(paths.FEED, (
        Part(_feed_opening, (site, newest[0] if newest else None)),
        *(Part(_entry, (t, site)) for t in newest),
        Part(text, ("</feed>\n",)),
    ))


def data_page(claims: int, conversations: int) -> str:
    """The page that lists the downloads, saying how many claims and conversations they hold."""
    here = paths.DATA
    rows = [
        (paths.ARCHIVE_JSON, "The whole archive: conversations with their excerpts and claims, people, sources and topics (JSON)."),
        (paths.CLAIMS_CSV, f"All {claims} claims, one per row, with date, speaker, assessment and link (CSV)."),
        (paths.TRANSCRIPTS_CSV, f"All {conversations} conversations, one per row (CSV)."),
        (paths.FEED, "New conversations as they are added (Atom feed)."),
        (paths.PASSAGES_JSON, "Every passage (excerpts, other sources' wordings, public remarks) with its speaker, source and permanent link: "
                              "what the quotation checker searches (JSON)."),
    ]
    items = "".join(f'<li><a href="{link(here, path)}">{h(path.rsplit("/", 1)[-1])}</a>: {h(text)}</li>' for path, text in rows)
    return "\n\n".join([
        front_matter({"title": "Data and downloads", "description": "The archive's data as JSON, CSV and an Atom feed, made from the same records as the pages."}),
        "# Data and downloads {#title}",
        "<p>Everything on this site is built from the YAML files in the repository's <code>data/</code> folder. "
        "These downloads are made from the same records in the same build, so they always say what the pages say.</p>",
        f'<ul class="downloads">{items}</ul>',
        "<p>Each conversation page also offers its citation as BibTeX and CSL-JSON. In the CSV files, a cell that "
        "would begin with <code>=</code>, <code>+</code>, <code>-</code> or <code>@</code> starts with an apostrophe, "
        "so that spreadsheets show it as text rather than run it as a formula.</p>",
    ]) + "\n"
