"""The index of every claim in the archive, narrowed by speaker, topic or assessment."""

from __future__ import annotations

from ..model import LABELS, Archive, Claim, Registries, Transcript
from . import paths
from .listing import by_year, claims_table, transcripts_of
from .page import Page
from .text import count, front_matter, h, link

ASSESSMENTS = LABELS["Assessment"]


def assessment_path(assessment: str) -> str:
    """Where the claims with one assessment are listed."""
    return f"claims/{assessment}.md"


def _assessment_year_path(assessment: str, year: int) -> str:
    return f"claims/{assessment}/{year}.md"


def _claims(transcripts: tuple[Transcript, ...], assessment: str | None) -> list[tuple[Transcript, Claim]]:
    """The claims of these conversations in date order, or only those with ``assessment``."""
    return [(t, c) for t in transcripts for c in t.claims if assessment is None or c.assessment == assessment]


def _split(transcripts: tuple[Transcript, ...]) -> bool:
    """Whether the lists have one page per year (an archive of more than ``PAGE_LIMIT`` claims)."""
    return sum(len(t.claims) for t in transcripts) > paths.PAGE_LIMIT


def _narrowing(here: str, claims: list[tuple[Transcript, Claim]], registries: Registries) -> str:
    """Links that narrow the list without a script: by assessment, speaker and topic pages."""
    assessments = " · ".join(f'<a href="{link(here, assessment_path(a))}">{label}</a>' for a, label in ASSESSMENTS.items())
    speakers = " · ".join(
        f'<a href="{link(here, paths.person(p), "claims")}">{h(registries.people[p].name)}</a>'
        for p in sorted({c.speaker for _, c in claims}, key=lambda p: registries.people[p].name)
    )
    topics = " · ".join(
        f'<a href="{link(here, paths.topic(t), "claims")}">{h(registries.topics[t].title)}</a>'
        for t in sorted({topic for _, c in claims for topic in c.topics}, key=lambda t: registries.topics[t].title)
    )
    return (
        f'<div class="narrow"><p><strong>By assessment:</strong> {assessments}</p>'
        f"<p><strong>By speaker:</strong> {speakers}</p><p><strong>By topic:</strong> {topics}</p></div>"
    )


def _years(parent: str, claims: list[tuple[Transcript, Claim]], path: str | None) -> str:
    """The list of years, each linking its page of claims."""
    items = "".join(
        f'<li><a href="{link(parent, paths.claims_year(y) if path is None else _assessment_year_path(path, y))}">{y}</a> ({len(of_year)})</li>'
        for y, of_year in by_year(claims, lambda tc: tc[0].date.year)
    )
    return f'<ul class="years">{items}</ul>'


def claims_index(transcripts: tuple[Transcript, ...], registries: Registries) -> str:
    """The index of every claim (when large, the list of its year pages)."""
    claims = _claims(transcripts, None)
    here = paths.CLAIMS
    parts = [
        front_matter({"title": "Claims", "description": f"All {count(len(claims), 'claim')} made in the archive's conversations, with their assessments."}, searchable=False),
        "# Claims {#title}",
        f"<p>{count(len(claims), 'claim')} made in the conversations, each with the editors' assessment against the sources. "
        f'<a href="{link(here, "method.md")}">What the assessments mean</a>.</p>',
        _narrowing(here, claims, registries),
    ]
    if _split(transcripts):
        parts += [
            "<p>With this many claims the index has one page per year. Filters and sorting on a year's page work "
            "within that year; the speaker and topic pages linked above list the claims of every year.</p>",
            _years(here, claims, None),
        ]
    else:
        parts.append(claims_table(here, claims, registries))
    return "\n\n".join(parts) + "\n"


def assessment_page(assessment: str, transcripts: tuple[Transcript, ...], registries: Registries, split: bool) -> str:
    """The claims with one assessment; once the archive is large, a list of years linking a page per year."""
    page = assessment_path(assessment)
    label = ASSESSMENTS[assessment]
    chosen = _claims(transcripts, assessment)
    parts = [
        front_matter({"title": f"Claims: {label}", "description": f"Claims the editors assessed as {label.lower()}."}, searchable=False),
        f"# Claims assessed as {label.lower()} {{#title}}",
        f'<p>{count(len(chosen), "claim")}. <a href="{link(page, paths.CLAIMS)}">All claims</a></p>',
    ]
    if split:
        parts.append(_years(page, chosen, assessment))
    else:
        parts.append(claims_table(page, chosen, registries) if chosen else "<p>None.</p>")
    return "\n\n".join(parts) + "\n"


def year_page(year: int, transcripts: tuple[Transcript, ...], registries: Registries, assessment: str | None) -> str:
    """One year's claims (of one assessment, if given); its table says which claims it holds, so its filters can say what they cover."""
    chosen = _claims(transcripts, assessment)
    if assessment is None:
        page, parent, back = paths.claims_year(year), paths.CLAIMS, "All claims"
        title, description, heading = f"Claims: {year}", f"The {count(len(chosen), 'claim')} of {year}.", f"Claims made in {year}"
        scope = f"the claims of {year}"
    else:
        label = ASSESSMENTS[assessment].lower()
        page, parent, back = _assessment_year_path(assessment, year), assessment_path(assessment), "All years"
        title, description = f"Claims: {ASSESSMENTS[assessment]}, {year}", f"Claims of {year} assessed as {label}."
        heading = f"Claims of {year} assessed as {label}"
        scope = f"the claims of {year} assessed as {label}"
    return "\n\n".join([
        front_matter({"title": title, "description": description}, searchable=False),
        f"# {heading} {{#title}}",
        f'<p><a href="{link(page, parent)}">{back}</a></p>',
        claims_table(page, chosen, registries, scope=scope),
    ]) + "\n"


def pages(archive: Archive) -> list[Page]:
    """The claims index, one page per assessment and, once large, one page per year of each."""
    transcripts, registries = tuple(archive.transcripts), archive.registries
    split = _split(transcripts)
    described = [Page.of(paths.CLAIMS, claims_index, transcripts, registries)]
    described += [Page.of(assessment_path(a), assessment_page, a, transcripts, registries, split) for a in ASSESSMENTS]
    if split:
        for assessment in (None, *ASSESSMENTS):
            for year, of_year in by_year(_claims(transcripts, assessment), lambda tc: tc[0].date.year):
                holding = transcripts_of(of_year)
                path = paths.claims_year(year) if assessment is None else _assessment_year_path(assessment, year)
                described.append(Page.of(path, year_page, year, holding, registries, assessment))
    return described
