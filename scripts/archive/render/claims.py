"""The index of every claim in the archive, narrowed by speaker, topic or assessment."""

from __future__ import annotations

from collections.abc import Callable

from ..crossref import CrossReference
from ..model import Archive, Claim, Transcript
from . import paths
from .listing import by_year, claims_table
from .memo import NOTHING, Memo, ready
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


def render(archive: Archive, xref: CrossReference, memo: Memo = NOTHING) -> dict[str, Callable[[], str]]:
    """The claims index (split by year when large) and one page per assessment, each made when asked for."""
    total = len(xref.claims)
    here = paths.CLAIMS
    parts = [
        front_matter({"title": "Claims", "description": f"All {count(total, 'claim')} made in the archive's conversations, with their assessments."}, searchable=False),
        "# Claims {#title}",
        f"<p>{count(total, 'claim')} made in the conversations, each with the editors' assessment against the sources. "
        f'<a href="{link(here, "method.md")}">What the assessments mean</a>.</p>',
        _narrowing(here, archive, xref),
    ]
    pages: dict[str, Callable[[], str]] = {}
    if total > paths.PAGE_LIMIT:
        years, year_pages = _year_pages(
            here, xref.claims, archive, memo, path=paths.claims_year, back="All claims",
            title=lambda y, n: (f"Claims: {y}", f"The {count(n, 'claim')} of {y}.", f"Claims made in {y}"),
            scope=lambda y: f"the claims of {y}",
        )
        pages.update(year_pages)
        parts += [
            "<p>With this many claims the index has one page per year. Filters and sorting on a year's page work "
            "within that year; the speaker and topic pages linked above list the claims of every year.</p>",
            years,
        ]
    else:
        parts.append(claims_table(here, xref.claims, archive))
    pages[here] = ready("\n\n".join(parts) + "\n")
    for assessment, label in ASSESSMENTS.items():
        pages.update(_assessment_pages(assessment, label, archive, xref, memo, split=total > paths.PAGE_LIMIT))
    return pages


def _assessment_pages(
    assessment: str, label: str, archive: Archive, xref: CrossReference, memo: Memo, split: bool
) -> dict[str, Callable[[], str]]:
    """The claims with one assessment; once the archive is large, one page per year under a list of years."""
    page = assessment_page(assessment)
    chosen = [(t, c) for t, c in xref.claims if c.assessment == assessment]
    intro = [
        front_matter({"title": f"Claims: {label}", "description": f"Claims the editors assessed as {label.lower()}."}, searchable=False),
        f"# Claims assessed as {label.lower()} {{#title}}",
        f'<p>{count(len(chosen), "claim")}. <a href="{link(page, paths.CLAIMS)}">All claims</a></p>',
    ]
    if not split:
        return {page: lambda: "\n\n".join([*intro, claims_table(page, chosen, archive) if chosen else "<p>None.</p>"]) + "\n"}
    years, pages = _year_pages(
        page, chosen, archive, memo, path=lambda y: f"claims/{assessment}/{y}.md", back="All years",
        title=lambda y, n: (f"Claims: {label}, {y}", f"Claims of {y} assessed as {label.lower()}.", f"Claims of {y} assessed as {label.lower()}"),
        scope=lambda y: f"the claims of {y} assessed as {label.lower()}",
    )
    pages[page] = ready("\n\n".join([*intro, years]) + "\n")
    return pages


def _year_pages(
    parent: str, claims: list[tuple[Transcript, Claim]], archive: Archive, memo: Memo, *,
    path: Callable[[int], str], title: Callable[[int, int], tuple[str, str, str]], scope: Callable[[int], str], back: str,
) -> tuple[str, dict[str, Callable[[], str]]]:
    """A list of years linking one page of claims per year; each year's page is remembered by its transcripts.

    Each year's table says which claims it holds (``scope``), so its filters can say what they cover.
    """
    items, pages = [], {}
    for year, of_year in by_year(claims, lambda tc: tc[0].date.year):
        page = path(year)
        items.append(f'<li><a href="{link(parent, page)}">{year}</a> ({len(of_year)})</li>')
        page_title, description, heading = title(year, len(of_year))
        inputs = (archive.people, archive.topics, *{id(t): t for t, _ in of_year}.values())
        pages[page] = memo.later(page, inputs, lambda page=page, of_year=of_year, page_title=page_title, description=description, heading=heading, covers=scope(year): "\n\n".join([
            front_matter({"title": page_title, "description": description}, searchable=False),
            f"# {heading} {{#title}}",
            f'<p><a href="{link(page, parent)}">{back}</a></p>',
            claims_table(page, of_year, archive, scope=covers),
        ]) + "\n")
    return f'<ul class="years">{"".join(items)}</ul>', pages
