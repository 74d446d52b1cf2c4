"""How a source is cited: one short form for inline citations, one full form for the bibliography."""

from __future__ import annotations

from ..model import LABELS, Citation, Source
from .text import h, shown_url

TIER_LABELS = LABELS["Tier"]


def anchor(source_id: str) -> str:
    """Anchor of a source's entry in a page's list of sources."""
    return f"cited-{source_id}"


def short(citation: Citation, sources: dict[str, Source]) -> str:
    """Inline citation: the source's title linked to its full entry, with the locator."""
    source = sources[citation.source]
    at = f", {h(citation.at)}" if citation.at else ""
    return f'<a class="cite" href="#{anchor(source.id)}">{h(source.title)}</a>{at}'


def short_list(citations: list[Citation], sources: dict[str, Source]) -> str:
    """Several inline citations separated by semicolons."""
    return "; ".join(short(c, sources) for c in citations)


_FULL: dict[int, tuple[Source, str]] = {}


def full(source: Source) -> str:
    """Bibliography entry (see :func:`_full`), made once per source object."""
    cached = _FULL.get(id(source))
    if cached is None or cached[0] is not source:
        cached = _FULL[id(source)] = (source, _full(source))
    return cached[1]


def _full(source: Source) -> str:
    """Bibliography entry: author, title, publisher, date, link, tier and note.

    A title in square brackets is one the editors supplied for an untitled source;
    it is shown without quotation marks, as bibliographies do.
    """
    parts = []
    if source.author:
        parts.append(f"{h(source.author)}.")
    supplied = source.title.startswith("[") and source.title.endswith("]")
    parts.append(f"{h(source.title)}." if supplied else f"“{h(source.title)}.”")
    published = h(source.publisher)
    if source.date:
        published += f", {h(source.date.human())}"
    parts.append(published + ".")
    if source.url:
        parts.append(f'<a href="{h(source.url)}">{shown_url(source.url)}</a>.')
    parts.append(f'<span class="tier tier-{source.tier}">{TIER_LABELS[source.tier]}</span>')
    entry = " ".join(parts)
    if source.note:
        entry += f' <span class="source-note">{h(source.note)}</span>'
    return entry
