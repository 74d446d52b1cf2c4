"""What a transcript page says to machines: citation meta tags for reference managers, and JSON-LD."""

from __future__ import annotations

import json
from typing import Any

from ..model import LABELS, Registries, Transcript
from . import cite_formats, paths
from .text import h


def _meta(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{h(content)}">'


def citation_meta(t: Transcript, registries: Registries, site: paths.Site) -> str:
    """Highwire-style ``citation_*`` tags, which Zotero and other tools read."""
    d = t.document
    date = "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate((t.date.year, t.date.month, t.date.day)) if p)
    tags = [
        _meta("citation_title", cite_formats.document_title(t)),
        _meta("citation_date", date),
        _meta("citation_publication_date", date),
        _meta("citation_publisher", d.archive),
        _meta("citation_public_url", site.absolute(paths.transcript(t.id))),
    ]
    if d.collection:
        tags.append(_meta("citation_series_title", d.collection))
    if d.document_id:
        tags.append(_meta("citation_technical_report_number", d.document_id))
    tags += [_meta("citation_keywords", registries.topics[topic].title) for topic in t.topics]
    return "\n".join(tags)


# Inside <script>, '<' could start "</script" or "<!--"; '>' and '&' are escaped with it, and the two
# line separators too, which older JavaScript parsers refuse in strings. Each stays the same JSON value.
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _script_json(data: Any) -> str:
    """JSON for a <script> element: no text can close the element or open a comment in it."""
    return json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":")).translate(_SCRIPT_ESCAPES)


def json_ld(t: Transcript, registries: Registries, site: paths.Site) -> str:
    """schema.org ArchiveComponent for the document, and a ClaimReview for each assessed claim."""
    url = site.absolute(paths.transcript(t.id))
    people = [p.person for side in t.participants for p in side.people]
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": ["ArchiveComponent", "CreativeWork"],
        "@id": url,
        "url": url,
        "name": t.title,
        "description": t.summary,
        "dateCreated": t.date.iso().rstrip("~?%"),
        "holdingArchive": {"@type": "ArchiveOrganization", "name": t.document.archive},
        "about": [registries.topics[topic].title for topic in t.topics],
        "mentions": [{"@type": "Person", "name": registries.people[p].name, "url": site.absolute(paths.person(p))} for p in people],
        "isPartOf": {"@type": "WebSite", "name": site.name, "url": site.url},
    }
    if t.document.collection:
        document["isPartOf"] = [document["isPartOf"], {"@type": "Collection", "name": t.document.collection}]
    graph = [document]
    for c in t.claims:
        graph.append({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": site.absolute(paths.transcript(t.id), c.id),
            "claimReviewed": c.statement,
            "itemReviewed": {
                "@type": "Claim",
                "author": {"@type": "Person", "name": registries.people[c.speaker].name},
                "appearance": {"@type": "CreativeWork", "url": url},
            },
            "reviewRating": {"@type": "Rating", "alternateName": LABELS["Assessment"][c.assessment]},
            "author": {"@type": "Organization", "name": site.name, "url": site.url},
        })
    return f'<script type="application/ld+json">{_script_json(graph)}</script>'


def transcript_head(t: Transcript, registries: Registries, site: paths.Site) -> str:
    """Everything a transcript page adds to <head>."""
    return citation_meta(t, registries, site) + "\n" + json_ld(t, registries, site)
