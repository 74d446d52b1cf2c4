"""How to cite a conversation: a Chicago-style note, BibTeX and CSL-JSON, all from the same facts."""

from __future__ import annotations

import json
import re

from ..model import LABELS, Transcript
from ..values import PartialDate
from . import paths

DOCUMENT_KINDS = LABELS["DocumentKind"]


def chicago_date(date: PartialDate) -> str:
    """``April 6, 2008``, ``April 2008`` or ``2008``, with ``ca.`` for approximate dates."""
    return ("ca. " if date.approximate else "") + date.words(day_first=False) + ("?" if date.uncertain else "")


def document_title(t: Transcript) -> str:
    """The document's title for citations: its own subject line, or, when it has none, a description
    in square brackets (the archive's page title is the archive's, not the document's)."""
    if t.document.subject:
        return t.document.subject
    return f"[{DOCUMENT_KINDS[t.kind]}, {t.date.human()}]"


def chicago_note(t: Transcript, site: paths.Site) -> str:
    """A full first note in Chicago style, as plain text; an untitled document is cited by its description alone."""
    d = t.document
    parts = [DOCUMENT_KINDS[t.kind] + ","]
    parts.append(f"“{d.subject},”" if d.subject else "")
    where = f"{t.place}, " if t.place else ""
    parts.append(f"{where}{chicago_date(t.date)},")
    if d.document_id:
        parts.append(f"document {d.document_id},")
    if d.collection:
        parts.append(f"{d.collection},")
    parts.append(f"{d.archive}.")
    parts.append(f"In {site.name}, {site.absolute(paths.transcript(t.id))}.")
    return " ".join(p for p in parts if p)


# Characters BibTeX or LaTeX read specially, written as the LaTeX text commands that print them.
# Braces are written as commands, never as ``\\{``: BibTeX counts every brace, escaped or not, so a
# lone brace would end a field early or swallow the rest of the file.
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    '"': '{"}',
    "\u00a0": "~",
}
# Pairs LaTeX joins into one character (dashes, quotes, inverted marks, guillemets); ``{}`` keeps them apart.
_LIGATURES = frozenset({("-", "-"), ("`", "`"), ("'", "'"), (",", ","), ("!", "`"), ("?", "`"), ("<", "<"), (">", ">")})
_BIBTEX_SPACE = re.compile(r"[ \t\r\n]+")


def _bibtex_text(text: str) -> str:
    """A BibTeX field value that reads back as ``text``: balanced braces, LaTeX's specials and ligatures escaped.

    One pass over the text; runs of ASCII white space become one space, as BibTeX reads them anyway.
    """
    out: list[str] = []
    previous = ""
    for char in text:
        if (previous, char) in _LIGATURES:
            out.append("{}")
        out.append(_LATEX_SPECIAL.get(char, char))
        previous = char
    return _BIBTEX_SPACE.sub(" ", "".join(out)).strip(" ")


def bibtex(t: Transcript, site: paths.Site) -> str:
    """A BibTeX @misc entry for the conversation."""
    d = t.document
    fields = [
        ("title", document_title(t)),
        ("date", t.date.iso().rstrip("~?%")),
        ("year", str(t.date.year)),
        ("howpublished", DOCUMENT_KINDS[t.kind]),
        ("organization", d.archive),
        ("note", "; ".join(x for x in (d.collection, f"document {d.document_id}" if d.document_id else None) if x)),
        ("url", site.absolute(paths.transcript(t.id))),
    ]
    body = ",\n".join(f"  {name} = {{{_bibtex_text(value)}}}" for name, value in fields if value)
    return f"@misc{{{t.id},\n{body}\n}}\n"


def csl_json(t: Transcript, site: paths.Site) -> str:
    """A CSL-JSON item (as a one-item list) for reference managers."""
    d = t.document
    parts = [p for p in (t.date.year, t.date.month, t.date.day) if p]
    item: dict[str, object] = {
        "id": t.id,
        "type": "document",
        "title": document_title(t),
        "genre": DOCUMENT_KINDS[t.kind],
        "issued": {"date-parts": [parts]} | ({"circa": True} if t.date.approximate else {}),
        "archive": d.archive,
        "URL": site.absolute(paths.transcript(t.id)),
        "container-title": site.name,
    }
    if d.collection:
        item["archive_collection"] = d.collection
    if d.document_id:
        item["archive_location"] = d.document_id
    if t.place:
        item["event-place"] = t.place
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"
