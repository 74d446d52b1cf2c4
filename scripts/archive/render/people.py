"""A page per person (roles, conversations, excerpts, claims) and the list of people."""

from __future__ import annotations

from collections.abc import Callable

from ..crossref import CrossReference
from ..model import Archive, Person
from . import paths
from .listing import claims_table, index_page, transcript_list
from .memo import NOTHING, Memo
from .transcript import EXCERPT_KINDS
from .text import count, front_matter, h, link, md_inline, other_names

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


def render_person(person: Person, archive: Archive, xref: CrossReference) -> str:
    """The Markdown page of one person."""
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
    attended = xref.attended.get(person.id, [])
    parts += [f"## Conversations ({len(attended)}) {{#conversations}}", transcript_list(here, attended, archive) if attended else "<p>None yet.</p>"]
    excerpts = xref.excerpts_by.get(person.id, [])
    if excerpts:
        items = []
        for t, e in excerpts:
            url = link(here, paths.transcript(t.id), e.id)
            items.append(
                f'<li><a href="{h(url)}">{h(t.date.human())}, excerpt {xref.excerpt_numbers[(t.id, e.id)]}</a> '
                f'<span class="kind kind-{e.kind}">{EXCERPT_KINDS[e.kind]}</span> {h(_quoted(e.kind, _snippet(e.text)))}</li>'
            )
        parts += [f"## Excerpts ({len(excerpts)}) {{#excerpts}}", f'<ul class="excerpt-list" data-search-exclude>{"".join(items)}</ul>']
    claims = xref.claims_by.get(person.id, [])
    if claims:
        parts += [f"## Claims ({len(claims)}) {{#claims}}", claims_table(here, claims, archive, speaker=False)]
    return "\n\n".join(parts) + "\n"


def render_index(archive: Archive, xref: CrossReference) -> str:
    """The list of everyone in the archive, by name."""
    people = sorted(archive.people.values(), key=lambda p: p.name.split()[-1] + " " + p.name)
    entries = (
        (paths.person(p.id), p.name,
         f' — {h(p.description)} <span class="count">({count(len(xref.attended.get(p.id, [])), "conversation")})</span>')
        for p in people
    )
    return index_page(paths.PEOPLE, "People", "Everyone who speaks or takes part in the archive's conversations.", "people-list", entries)


def render(archive: Archive, xref: CrossReference, memo: Memo = NOTHING) -> dict[str, Callable[[], str]]:
    """Every person's page and the index of people, each made when asked for."""
    pages = {}
    for p in archive.people.values():
        spoken = [t for t, _ in xref.excerpts_by.get(p.id, [])] + [t for t, _ in xref.claims_by.get(p.id, [])]
        inputs = (p, archive.people, archive.topics, *xref.attended.get(p.id, []), *{id(t): t for t in spoken}.values())
        pages[paths.person(p.id)] = memo.later(paths.person(p.id), inputs, lambda p=p: render_person(p, archive, xref))
    pages[paths.PEOPLE] = lambda: render_index(archive, xref)
    return pages
