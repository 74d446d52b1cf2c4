"""Check a quotation: the page, and the index of every passage it searches in the reader's browser.

The index (``downloads/passages.json``) lists every passage a reader might quote: each
excerpt's text (quotation, paraphrase or editor's summary), each other source's wording
of an excerpt, each public remark and each wording of a remark. It is compact: the
people, the sources and the conversations are tables that passages refer to by number,
so no name, title or citation is written twice. Its shape (version 1)::

    {"v": 1, "n": site name, "u": site address,
     "k": [label of kind 0 (quote), 1 (paraphrase), 2 (summary)],
     "p": [person's name, ...],                      # in people.yaml order
     "s": [source as a citation, ...],               # in sources.yaml order
     "c": [[page path, title, date, document note, [passage, ...]], ...]}

    excerpt:  [person, kind, anchor, source, locator, text]
    remark:   [person, kind, anchor, source, locator, text, occasion]
    wording:  [passage, source, locator, text]      # "passage": the number, in this
                                                     # conversation's list, of the excerpt
                                                     # or remark it is a wording of

Text from the data is data here: JSON strings, never HTML. The page shows it with
``textContent``; the matcher is ``docs/javascripts/quotation-check.js``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import LABELS, Archive, Citation, Excerpt, Person, PublicRemark, Registries, Source, Transcript
from . import cite_formats, paths
from .page import Derived, Page, Part, text
from .text import front_matter, link, page_url

PAGE = paths.CHECK
INDEX = paths.PASSAGES_JSON
SCRIPT = "javascripts/quotation-check.js"
STYLESHEET = "stylesheets/quotation-check.css"
KINDS = ("quote", "paraphrase", "summary")
VERSION = 1


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class Tables:
    """The numbers passages use for people and sources."""

    people: dict[str, int]
    sources: dict[str, int]



def numbered(people: dict[str, Person], sources: dict[str, Source]) -> Tables:
    """People and sources numbered in their registries' order."""
    return Tables({p: n for n, p in enumerate(people)}, {s: n for n, s in enumerate(sources)})


def source_text(source: Source) -> str:
    """A source as a Chicago-style reference in plain text: author, “title,” publisher, date."""
    supplied = source.title.startswith("[") and source.title.endswith("]")
    parts = [f"{source.author}," if source.author else "", f"{source.title}," if supplied else f"“{source.title},”", source.publisher]
    text = " ".join(p for p in parts if p)
    return text + (f", {cite_formats.chicago_date(source.date)}" if source.date else "")


def document_note(t: Transcript, site: paths.Site) -> str:
    """The Chicago note's description of the document, without the archive's name and address that end it."""
    note = cite_formats.chicago_note(t, site)
    ending = f" In {site.name}, {site.absolute(paths.transcript(t.id))}."
    return note[: -len(ending)] if note.endswith(ending) else note


def _where(citation: Citation, tables: Tables) -> list[object]:
    return [tables.sources[citation.source], citation.at or ""]


def _excerpt(e: Excerpt, tables: Tables) -> list[object]:
    return [tables.people[e.speaker], KINDS.index(e.kind), e.id, *_where(e.source, tables), e.text]


def _remark(r: PublicRemark, tables: Tables) -> list[object]:
    return [tables.people[r.speaker], KINDS.index(r.kind), r.id, *_where(r.source, tables), r.text, r.occasion]


def passages(t: Transcript, tables: Tables) -> list[list[object]]:
    """A conversation's passages: each excerpt or remark, followed by its other wordings."""
    rows: list[list[object]] = []
    for item, row in [(e, _excerpt(e, tables)) for e in t.excerpts] + [(r, _remark(r, tables)) for r in t.public_remarks]:
        parent = len(rows)
        rows.append(row)
        rows += [[parent, *_where(w.source, tables), w.text] for w in item.wordings]
    return rows


def conversation(t: Transcript, tables: Tables, site: paths.Site) -> str:
    """One conversation's entry of the index, as JSON."""
    return _json([page_url(paths.transcript(t.id)), t.title, t.date.human(), document_note(t, site), passages(t, tables)])


def _index_opening(registries: Registries, site: paths.Site) -> str:
    head = {
        "v": VERSION, "n": site.name, "u": site.url, "k": [LABELS["ExcerptKind"][k] for k in KINDS],
        "p": [p.name for p in registries.people.values()], "s": [source_text(s) for s in registries.sources.values()],
    }
    return _json(head)[:-1] + ',"c":['


def _index_item(t: Transcript, tables: Tables, site: paths.Site, first: bool) -> str:
    return ("" if first else ",") + conversation(t, tables, site)


def index_json(archive: Archive, site: paths.Site) -> Page:
    """The index of every passage, a part per conversation; the numbering tables are made once and shared."""
    tables = Derived(numbered, (archive.people, archive.sources))
    return Page(INDEX, (
        Part(_index_opening, (archive.registries, site)),
        *(Part(_index_item, (t, tables, site, n == 0)) for n, t in enumerate(archive.transcripts)),
        Part(text, ("]}\n",)),
    ))


def passage_texts(archive: Archive) -> Iterator[str]:
    """Every text the index covers, in its order (what its size is measured against)."""
    for t in archive.transcripts:
        for item in [*t.excerpts, *t.public_remarks]:
            yield item.text
            yield from (w.text for w in item.wordings)


_KEY = (
    '<p class="qc-key" id="qc-key" hidden>Marked against your quotation: <del>struck through</del> = only in your quotation, '
    "<ins>underlined</ins> = only in the passage. Grey text around a passage is the rest of it, for context.</p>"
)


def _no_script(here: str) -> str:
    return (
        '<div class="admonition note qc-nojs" id="qc-nojs"><p class="admonition-title">This checker needs JavaScript</p>'
        "<p>It compares your quotation with every passage of the archive inside your browser, so it cannot work "
        "while JavaScript is off or blocked. Without it, you can look the words up with the search box at the top "
        f'of the page (where JavaScript is allowed), follow the conversations on the <a href="{link(here, paths.TIMELINE)}">timeline</a>, '
        f'or download <a href="{link(here, INDEX)}">every passage</a> (JSON) and search it yourself.</p></div>'
    )


def _form() -> str:
    return (
        '<div class="qc-form" id="qc-form" hidden><label class="qc-label" for="qc-quotation">Your quotation</label>'
        '<textarea id="qc-quotation" name="quotation" rows="4" spellcheck="false" autocomplete="off" '
        'aria-describedby="qc-help"></textarea>'
        '<p class="qc-help" id="qc-help">Type or paste at least three words; the closest passages appear as you type. '
        "Capitals, punctuation, accents and straight or curly quotation marks are ignored; Latin and Cyrillic "
        "letters both work. What you type stays in your browser: the archive's passages are loaded once and compared here.</p></div>"
    )


def check_page() -> str:
    """The Markdown page of the checker; the passages come from the index, never from the page itself."""
    here = PAGE
    intro = (
        "<p>Found a quotation attributed to a leader? Paste it below. The checker finds the passages of the archive "
        "closest to it: excerpts of the conversations (quotations, paraphrases and summaries), other sources' wordings "
        "of them, and what the same leaders said in public that day. Each comes with how similar it is to your "
        "quotation, the words that differ, its permanent link and a citation.</p>"
    )
    tool = (
        f'<div class="quotation-check" id="quotation-check" data-index="{link(here, INDEX)}" data-root="{link(here, "index.md")}">'
        f'<link rel="stylesheet" href="{link(here, STYLESHEET)}">{_no_script(here)}{_form()}'
        '<div class="qc-output" id="qc-output" aria-live="polite"><p class="qc-status" id="qc-status"></p>'
        f'{_KEY}<ol class="qc-results" id="qc-results"></ol></div></div>'
    )
    caution = (
        '<p class="qc-caution">A close match is not proof that the words were said: most excerpts are read in a '
        "secondary source, memoranda of conversation are not verbatim, and a paraphrase or a summary is not the "
        f"speaker's words. Each result says which it is; <a href=\"{link(here, 'method.md')}\">the method page</a> says how they are marked.</p>"
    )
    return "\n\n".join([
        front_matter({
            "title": "Check a quotation",
            "description": "Paste a quotation and find the closest passages in the archive's conversations, with the words that differ marked.",
        }),
        "# Check a quotation {#title}",
        intro,
        tool,
        caution,
        f'<script src="{link(here, SCRIPT)}"></script>',
    ]) + "\n"
