"""A page per person (roles, conversations, excerpts, claims) and the list of people."""

from __future__ import annotations

from collections import Counter

from ..crossref import CrossReference
from ..model import LABELS, Archive, Person, Registries, Transcript
from . import paths
from .listing import claims_table, index_page, transcript_list
from .page import Page
from .text import count, front_matter, h, link, md_inline, other_names

EXCERPT_KINDS = LABELS["ExcerptKind"]
SNIPPET_WORDS = 40


def _snippet(text: str) -> str:
    words = text.split()
    return " ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS else "")


def _quoted(kind: str, text: str) -> str:
    """Quotations keep their quotation marks wherever they are shown."""
    return f"“{text}”" if kind == "quote" else text


def _roles(person: Person) -> str:
    if not person.roles:
        return ""
    rows = "".join(
        f"<tr><td>{h(r.title)}</td><td>{h(r.start.human()) if r.start else ''}</td><td>{h(r.end.human()) if r.end else ''}</td></tr>"
        for r in person.roles
    )
    return f'<table class="roles"><thead><tr><th>Office</th><th>From</th><th>To</th></tr></thead><tbody>{rows}</tbody></table>'


def person_page(person: Person, registries: Registries, attended: tuple[Transcript, ...], spoke: tuple[Transcript, ...]) -> str:
    """The Markdown page of one person: ``attended`` the conversations they took part in, ``spoke`` those in which
    an excerpt or claim is theirs."""
    here = paths.person(person.id)
    parts = [
        front_matter({"title": person.name, "description": person.description}),
        f"# {md_inline(person.name)} {{#title}}",
    ]
    if person.name_original:
        parts.append(f'<p class="name-original">{h(person.name_original)}</p>')
    if person.names:
        parts.append(f'<p class="other-names">{other_names(person.names.ru, person.names.uk)}</p>')
    parts.append(f'<p class="summary">{h(person.description)}</p>')
    if person.roles:
        parts += ["## Offices {#roles}", _roles(person)]
    parts += [f"## Conversations ({len(attended)}) {{#conversations}}", transcript_list(here, attended, registries) if attended else "<p>None yet.</p>"]
    excerpts = [(t, number, e) for t in spoke for number, e in enumerate(t.excerpts, start=1) if e.speaker == person.id]
    if excerpts:
        items = []
        for t, number, e in excerpts:
            url = link(here, paths.transcript(t.id), e.id)
            items.append(
                f'<li><a href="{h(url)}">{h(t.date.human())}, excerpt {number}</a> '
                f'<span class="kind kind-{e.kind}">{EXCERPT_KINDS[e.kind]}</span> {h(_quoted(e.kind, _snippet(e.text)))}</li>'
            )
        parts += [f"## Excerpts ({len(excerpts)}) {{#excerpts}}", f'<ul class="excerpt-list" data-search-exclude>{"".join(items)}</ul>']
    claims = [(t, c) for t in spoke for c in t.claims if c.speaker == person.id]
    if claims:
        parts += [f"## Claims ({len(claims)}) {{#claims}}", claims_table(here, claims, registries, speaker=False)]
    return "\n\n".join(parts) + "\n"


def people_index(transcripts: tuple[Transcript, ...], registries: Registries) -> str:
    """The list of everyone in the archive, by name, with how many conversations each took part in."""
    attended = Counter(person for t in transcripts for person in t.attendees())
    people = sorted(registries.people.values(), key=lambda p: p.name.split()[-1] + " " + p.name)
    entries = (
        (paths.person(p.id), p.name, f' — {h(p.description)} <span class="count">({count(attended[p.id], "conversation")})</span>')
        for p in people
    )
    return index_page(paths.PEOPLE, "People", "Everyone who speaks or takes part in the archive's conversations.", "people-list", entries)


def pages(archive: Archive, xref: CrossReference) -> list[Page]:
    """Every person's page and the index of people."""
    registries = archive.registries
    described = []
    for p in archive.people.values():
        attended, spoke = tuple(xref.attended.get(p.id, ())), tuple(xref.speaking.get(p.id, ()))
        described.append(Page.of(paths.person(p.id), person_page, p, registries, attended, spoke, source="data/people.yaml"))
    described.append(Page.of(paths.PEOPLE, people_index, tuple(archive.transcripts), registries, source="data/people.yaml"))
    return described
