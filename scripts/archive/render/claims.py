"""The index of every claim in the archive, narrowed by speaker, topic or assessment."""

from __future__ import annotations

from ..crossref import CrossReference
from ..model import Archive
from . import paths
from .listing import by_year, claims_table
from .memo import NOTHING, Memo
from .text import count, front_matter, h, link
from .transcript import ASSESSMENTS


def assessment_page(assessment: str) -> str:
    """Where the claims with one assessment are listed."""
    return f"claims/{assessment}.md"


def _narrowing(here: str, archive: Archive, xref: CrossReference) -> str:
    """Links that narrow the list without a script: by assessment, speaker and topic pages."""
    assessments = " · ".join(
        f'<a href="{link(here, assessment_page(a))}">{label}</a>' for a, label in ASSESSMENTS.items()
    )
    speakers = " · ".join(
        f'<a href="{link(here, paths.person(p), "claims")}">{h(archive.people[p].name)}</a>'
        for p in sorted(xref.claims_by, key=lambda p: archive.people[p].name)
    )
    topics = " · ".join(
        f'<a href="{link(here, paths.topic(t), "claims")}">{h(archive.topics[t].title)}</a>'
        for t in sorted(xref.claims_on, key=lambda t: archive.topics[t].title)
    )
    return (
        f'<div class="narrow"><p><strong>By assessment:</strong> {assessments}</p>'
        f"<p><strong>By speaker:</strong> {speakers}</p><p><strong>By topic:</strong> {topics}</p></div>"
    )


def render(archive: Archive, xref: CrossReference, memo: Memo = NOTHING) -> dict[str, str]:
    """The claims index (split by year when large) and one page per assessment."""
    total = len(xref.claims)
    here = paths.CLAIMS
    parts = [
        front_matter({"title": "Claims", "description": f"All {count(total, 'claim')} made in the archive's conversations, with their assessments."}, searchable=False),
        "# Claims {#title}",
        f"<p>{count(total, 'claim')} made in the conversations, each with the editors' assessment against the sources. "
        f'<a href="{link(here, "method.md")}">What the assessments mean</a>.</p>',
        _narrowing(here, archive, xref),
    ]
    pages: dict[str, str] = {}
    if total > paths.PAGE_LIMIT:
        years = by_year(xref.claims, lambda tc: tc[0].date.year)
        items = []
        for year, claims in years:
            page = paths.claims_year(year)
            items.append(f'<li><a href="{link(here, page)}">{year}</a> ({len(claims)})</li>')
            inputs = (archive.people, *{id(t): t for t, _ in claims}.values())
            pages[page] = memo.get(page, inputs, lambda year=year, page=page, claims=claims: "\n\n".join([
                front_matter({"title": f"Claims: {year}", "description": f"The {count(len(claims), 'claim')} of {year}."}, searchable=False),
                f"# Claims made in {year} {{#title}}",
                f'<p><a href="{link(page, here)}">All claims</a></p>',
                claims_table(page, claims, archive),
            ]) + "\n")
        parts.append(f'<ul class="years">{"".join(items)}</ul>')
    else:
        parts.append(claims_table(here, xref.claims, archive))
    pages[here] = "\n\n".join(parts) + "\n"
    for assessment, label in ASSESSMENTS.items():
        pages.update(_assessment_pages(assessment, label, archive, xref, memo, split=total > paths.PAGE_LIMIT))
    return pages


def _assessment_pages(assessment: str, label: str, archive: Archive, xref: CrossReference, memo: Memo, split: bool) -> dict[str, str]:
    """The claims with one assessment; once the archive is large, one page per year under a list of years."""
    page = assessment_page(assessment)
    chosen = [(t, c) for t, c in xref.claims if c.assessment == assessment]
    intro = [
        front_matter({"title": f"Claims: {label}", "description": f"Claims the editors assessed as {label.lower()}."}, searchable=False),
        f"# Claims assessed as {label.lower()} {{#title}}",
        f'<p>{count(len(chosen), "claim")}. <a href="{link(page, paths.CLAIMS)}">All claims</a></p>',
    ]
    if not split:
        return {page: "\n\n".join([*intro, claims_table(page, chosen, archive) if chosen else "<p>None.</p>"]) + "\n"}
    pages, years = {}, []
    for year, claims in by_year(chosen, lambda tc: tc[0].date.year):
        year_page = f"claims/{assessment}/{year}.md"
        years.append(f'<li><a href="{link(page, year_page)}">{year}</a> ({len(claims)})</li>')
        inputs = (archive.people, *{id(t): t for t, _ in claims}.values())
        pages[year_page] = memo.get(year_page, inputs, lambda year=year, year_page=year_page, claims=claims: "\n\n".join([
            front_matter({"title": f"Claims: {label}, {year}", "description": f"Claims of {year} assessed as {label.lower()}."}, searchable=False),
            f"# Claims of {year} assessed as {label.lower()} {{#title}}",
            f'<p><a href="{link(year_page, page)}">All years</a></p>',
            claims_table(year_page, claims, archive),
        ]) + "\n")
    pages[page] = "\n\n".join([*intro, f'<ul class="years">{"".join(years)}</ul>']) + "\n"
    return pages
