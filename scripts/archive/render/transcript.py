"""The page of one conversation: header facts, caveat, participants, excerpts, claims, sources."""

from __future__ import annotations

from .. import markup
from ..model import LABELS, Citation, Claim, Correction, Excerpt, Note, PublicRemark, Registries, Transcript, Wording
from . import cite_formats, paths, sources_cited
from .differences import Budget, same_words
from .text import front_matter, h, link, md_inline, other_names, prose, shown_url

DOCUMENT_KINDS = cite_formats.DOCUMENT_KINDS
ASSESSMENTS = LABELS["Assessment"]
EXCERPT_KINDS = LABELS["ExcerptKind"]


def person_link(here: str, person_id: str, registries: Registries) -> str:
    """A person's name linked to their page."""
    return f'<a href="{link(here, paths.person(person_id))}">{h(registries.people[person_id].name)}</a>'


def topic_links(here: str, topics: list[str], registries: Registries) -> str:
    """Topic titles linked to their pages."""
    return ", ".join(f'<a href="{link(here, paths.topic(t))}">{h(registries.topics[t].title)}</a>' for t in topics)


def _facts(t: Transcript, registries: Registries) -> str:
    rows = [("Date", t.date.human() + (f", {h(t.time.human())} local time" if t.time else ""))]
    if t.place:
        rows.append(("Place", h(t.place)))
    kind = DOCUMENT_KINDS[t.kind]
    if t.document.subject:
        kind += f" — subject: “{h(t.document.subject)}”"
    rows.append(("Document", kind))
    if t.document.markings:
        rows.append(("Markings", " · ".join(h(m) for m in t.document.markings)))
    rows.append(("Topics", topic_links(paths.transcript(t.id), t.topics, registries)))
    names = _names_in_other_languages(t, registries)
    if names:
        rows.append(("In Russian and Ukrainian", names))
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="facts">{items}</dl>'


def _names_in_other_languages(t: Transcript, registries: Registries) -> str:
    """The place, the people and the topics as they are written in Russian and Ukrainian, where the data has them."""
    named = [t.place_names] if t.place_names else []
    named += [registries.people[p.person].names for side in t.participants for p in side.people]
    named += [registries.topics[topic].names for topic in t.topics]
    return "; ".join(other_names(n.ru, n.uk, labelled=False) for n in named if n is not None and (n.ru or n.uk))


def _draft(t: Transcript) -> str:
    if not t.draft:
        return ""
    return (
        '<div class="admonition danger draft"><p class="admonition-title">Draft</p>'
        "<p>This entry is being written and is not part of the published archive.</p></div>"
    )


def _caveat(t: Transcript, registries: Registries) -> str:
    if not t.caveat:
        return ""
    c = t.caveat
    label = "The document's own caveat" + (" (paraphrased)" if c.kind == "paraphrase" else "")
    text = prose(f"“{c.text}”" if c.kind == "quote" else c.text)
    where = f'<p class="provenance">Read in {sources_cited.short(c.source, registries.sources)}.</p>'
    return f'<div class="admonition warning caveat"><p class="admonition-title">{label}</p>{text}{where}</div>'


def _participants(t: Transcript, registries: Registries) -> str:
    sides = []
    for side in t.participants:
        people = []
        for p in side.people:
            role = p.role or registries.role_on(p.person, t.date)
            who = person_link(paths.transcript(t.id), p.person, registries)
            people.append(f"<li>{who}" + (f' <span class="role">— {h(role)}</span>' if role else "") + "</li>")
        sides.append(f'<div class="side"><p class="side-name">{h(side.side)}</p><ul>{"".join(people)}</ul></div>')
    return f'<div class="participants">{"".join(sides)}</div>'


def _notes(notes: list[Note], registries: Registries) -> str:
    return "".join(
        f'<div class="note">{markup.to_html(n.text)}'
        f'<p class="note-sources">Sources: {sources_cited.short_list(n.sources, registries.sources)}</p></div>'
        for n in notes
    )


def _provenance(e: Excerpt, registries: Registries) -> str:
    source = sources_cited.short(e.source, registries.sources)
    tier = sources_cited.TIER_LABELS[registries.sources[e.source.source].tier]
    lead = {
        "quote": "The document's words as printed in",
        "paraphrase": "Paraphrase from",
        "summary": "Summary based on",
    }[e.kind]
    return f'<p class="provenance">{lead} {source} ({tier}).</p>'


def _excerpt(t: Transcript, number: int, e: Excerpt, registries: Registries, claims: list[Claim], budget: Budget) -> str:
    speaker = person_link(paths.transcript(t.id), e.speaker, registries)
    kind = EXCERPT_KINDS[e.kind]
    former = "".join(f'<span id="{old}"></span>' for old in e.former_ids)
    head = (
        former + f'<h3 class="turn-head" id="{e.id}"><span class="turn-number">{number}</span> '
        f'<span class="speaker">{speaker}</span>'
        f' <a class="anchorlink" href="#{e.id}" title="Permanent link to this excerpt">¶</a></h3>'
        f'<p class="turn-meta"><span class="kind kind-{e.kind}">{kind}</span>'
        + (' <span class="redacted">partly withheld</span>' if e.redacted else "")
        + "</p>"
    )
    words = prose(f"“{e.text}”" if e.kind == "quote" else e.text)
    body = f'<blockquote class="words">{words}</blockquote>' if e.kind == "quote" else f'<div class="words">{words}</div>'
    original = ""
    if e.original:
        lang = f' lang="{h(e.original_lang)}"' if e.original_lang else ""
        original = f'<div class="original"{lang}>{prose(e.original)}</div>'
    return (
        f'<div class="turn turn-{e.kind}">{head}{body}{original}'
        f"{_provenance(e, registries)}{_excerpt_claims(e, claims)}{_wordings(e.text, e.wordings, registries, budget)}{_notes(e.notes, registries)}</div>"
    )


def _wording(text: str, w: Wording, registries: Registries, budget: Budget) -> str:
    where = f'<p class="provenance">As printed in {sources_cited.short(w.source, registries.sources)} ({_tier(w.source, registries)}).</p>'
    if same_words(text, w.text):
        return f'<li><p class="wording wording-same">The same words as above.</p>{where}</li>'
    marked, why_not = budget.marked(text, w.text)
    if marked is None:
        return f'<li><p class="wording">{prose(f"“{w.text}”")}</p><p class="wording-unmarked">{h(why_not)}</p>{where}</li>'
    return f'<li><p class="wording">“{marked}”</p>{where}</li>'


def _wordings(text: str, wordings: list[Wording], registries: Registries, budget: Budget) -> str:
    """Other sources' wordings of a passage, each marked where it differs from ``text``."""
    if not wordings:
        return ""
    key = (
        '<p class="wordings-key">How other sources print this passage. Marked against the text above: '
        '<del>struck through</del> = missing from that source, <ins>underlined</ins> = added or changed by it.</p>'
    )
    return f'<div class="wordings">{key}<ul>{"".join(_wording(text, w, registries, budget) for w in wordings)}</ul></div>'


def _tier(citation: Citation, registries: Registries) -> str:
    return sources_cited.TIER_LABELS[registries.sources[citation.source].tier]


def _public_remark(t: Transcript, r: PublicRemark, registries: Registries, budget: Budget) -> str:
    speaker = person_link(paths.transcript(t.id), r.speaker, registries)
    words = prose(f"“{r.text}”" if r.kind == "quote" else r.text)
    body = f'<blockquote class="words">{words}</blockquote>' if r.kind == "quote" else f'<div class="words">{words}</div>'
    lead = "The words as printed in" if r.kind == "quote" else "Paraphrase from"
    return (
        f'<div class="remark" id="{r.id}"><p class="remark-head"><span class="speaker">{speaker}</span>, {h(r.occasion)}'
        f' <span class="kind kind-{"quote" if r.kind == "quote" else "paraphrase"}">{EXCERPT_KINDS[r.kind]}</span>'
        f' <a class="anchorlink" href="#{r.id}" title="Permanent link to this remark">¶</a></p>'
        f'{body}<p class="provenance">{lead} {sources_cited.short(r.source, registries.sources)} ({_tier(r.source, registries)}).</p>'
        f"{_wordings(r.text, r.wordings, registries, budget)}</div>"
    )


def _public_remarks(t: Transcript, registries: Registries, budget: Budget) -> list[str]:
    if not t.public_remarks:
        return []
    intro = (
        '<p class="public-intro">What the same leaders said in public that day. '
        "These are public statements, not part of the record of the private conversation above.</p>"
    )
    return ["## Said in public the same day {#public-remarks}", intro + "".join(_public_remark(t, r, registries, budget) for r in t.public_remarks)]


def corrections_list(corrections: list[Correction], registries: Registries) -> str:
    """Dated corrections, newest first, each saying what changed and why."""
    items = []
    for c in sorted(corrections, key=lambda c: c.date.sort_key(), reverse=True):
        sources = f'<p class="note-sources">Sources: {sources_cited.short_list(c.sources, registries.sources)}</p>' if c.sources else ""
        items.append(f'<li><p class="correction-date"><time datetime="{c.date.iso()}">{c.date.human()}</time></p>{markup.to_html(c.text)}{sources}</li>')
    return f'<ol class="corrections" reversed>{"".join(items)}</ol>'


def _corrections(t: Transcript, registries: Registries) -> list[str]:
    if not t.corrections:
        return ["## Corrections {#corrections}", '<p class="no-corrections">No corrections have been made to this entry since it was added.</p>']
    return ["## Corrections {#corrections}", corrections_list(t.corrections, registries)]


EXTRACT_WORDS = 24


def extract(e: Excerpt) -> str:
    """The first words of an excerpt (escaped), in quotation marks when they are the document's words."""
    words = e.text.split()
    text = " ".join(words[:EXTRACT_WORDS]) + ("…" if len(words) > EXTRACT_WORDS else "")
    return h(f"“{text}”" if e.kind == "quote" else text)


def _claim_sources(c: Claim, numbers: dict[str, int], by_id: dict[str, Excerpt]) -> str:
    """The words each claim comes from: a short extract of each excerpt, linked back to it."""
    items = "".join(
        f'<li><a href="#{x}">Excerpt {numbers[x]}</a>: {extract(by_id[x])}</li>' for x in c.excerpts
    )
    return f'<ul class="claim-words" aria-label="The words this claim comes from">{items}</ul>'


def _excerpt_claims(e: Excerpt, claims: list[Claim]) -> str:
    """The claims drawn from an excerpt, each with its assessment, linked to the claim."""
    if not claims:
        return ""
    items = "".join(
        f'<li><span class="assessment assessment-{c.assessment}">{ASSESSMENTS[c.assessment]}</span> '
        f'<a href="#{c.id}">{h(c.statement)}</a></li>'
        for c in claims
    )
    return f'<div class="excerpt-claims"><p class="excerpt-claims-head">Claims drawn from this passage</p><ul>{items}</ul></div>'


def _claim(t: Transcript, number: int, c: Claim, numbers: dict[str, int], by_id: dict[str, Excerpt], registries: Registries) -> str:
    sources = sources_cited.short_list(c.sources, registries.sources)
    from_excerpts = ", ".join(f'<a href="#{x}">excerpt {numbers[x]}</a>' for x in c.excerpts)
    here = paths.transcript(t.id)
    topics = topic_links(here, c.topics, registries)
    meta = (
        f'<p class="claim-meta"><span class="assessment assessment-{c.assessment}">{ASSESSMENTS[c.assessment]}</span> '
        f"Claimed by {person_link(here, c.speaker, registries)} in {from_excerpts}."
        + (f" Topics: {topics}." if topics else "")
        + "</p>"
    )
    label = f"Claim {number}: {ASSESSMENTS[c.assessment]}"  # short, for the table of contents
    return (
        f'### {md_inline(c.statement)} {{#{c.id} data-toc-label="{label}"}}\n\n'
        f'<div class="claim">{meta}{_claim_sources(c, numbers, by_id)}<div class="annotation">{markup.to_html(c.annotation)}</div>'
        f'<p class="claim-sources">Sources: {sources}</p></div>'
    )


def _document(t: Transcript, registries: Registries) -> str:
    d = t.document
    rows = [("Held by", h(d.archive))]
    if d.collection:
        rows.append(("Collection", h(d.collection)))
    if d.document_id:
        rows.append(("Document id", h(d.document_id)))
    if d.url:
        rows.append(("Link", f'<a href="{h(d.url)}">{shown_url(d.url)}</a>'))
    if d.release:
        rows.append(("Released in", sources_cited.short(Citation(source=d.release), registries.sources)))
    if d.declassified:
        parts = []
        if d.declassified.date:
            parts.append(h(d.declassified.date.human()))
        if d.declassified.case:
            parts.append(f"case {h(d.declassified.case)}")
        rows.append(("Declassified", ", ".join(parts)))
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="facts document">{items}</dl>'


def _cited(t: Transcript) -> list[str]:
    """Ids of every source the page cites, in order of first citation."""
    found: dict[str, None] = {}
    citations_on_page: list[Citation] = []
    if t.caveat:
        citations_on_page.append(t.caveat.source)
    if t.document.release:
        found[t.document.release] = None
    for n in t.notes:
        citations_on_page += n.sources
    for e in t.excerpts:
        citations_on_page.append(e.source)
        for n in e.notes:
            citations_on_page += n.sources
    for c in t.claims:
        citations_on_page += c.sources
    for e in t.excerpts:
        citations_on_page += [w.source for w in e.wordings]
    citations_on_page += [r.source for r in t.public_remarks] + [w.source for r in t.public_remarks for w in r.wordings]
    for correction in t.corrections:
        citations_on_page += correction.sources
    for c in citations_on_page:
        found[c.source] = None
    return list(found)


def _cite(t: Transcript, site: paths.Site) -> str:
    here = paths.transcript(t.id)
    return (
        f'<div class="cite-block"><p class="cite-text" id="cite-text">{h(cite_formats.chicago_note(t, site))}</p>'
        f'<p class="cite-downloads">Download the citation as <a href="{link(here, paths.cite(t.id, "bib"))}" download>BibTeX</a> '
        f'or <a href="{link(here, paths.cite(t.id, "json"))}" download>CSL-JSON</a> (Zotero, Mendeley and most reference managers read both). '
        "Every excerpt and claim has its own permanent link: the ¶ sign beside it.</p></div>"
    )


def _neighbours(t: Transcript, previous: Transcript | None, following: Transcript | None) -> str:
    here = paths.transcript(t.id)
    links = []
    for label, rel, other in (("Previous", "prev", previous), ("Next", "next", following)):
        if other is not None:
            links.append(
                f'<a class="neighbour neighbour-{rel}" rel="{rel}" href="{link(here, paths.transcript(other.id))}">'
                f'<span class="neighbour-label">{label} conversation</span> '
                f'<span class="neighbour-title">{h(other.title)}</span> <span class="neighbour-date">{h(other.date.human())}</span></a>'
            )
    return f'<nav class="neighbours" aria-label="Conversations in date order">{"".join(links)}</nav>' if links else ""


def transcript_page(
    t: Transcript, previous: Transcript | None, following: Transcript | None, registries: Registries, site: paths.Site
) -> str:
    """The Markdown page of one transcript; ``previous`` and ``following`` are its neighbours in date order."""
    numbers = {e.id: i for i, e in enumerate(t.excerpts, start=1)}
    parts = [
        front_matter({"title": t.title, "description": t.summary}),
        f"# {md_inline(t.title)} {{#title}}",
        _draft(t),
        _facts(t, registries),
        f'<p class="summary">{h(t.summary)}</p>',
        _caveat(t, registries),
        "## Participants {#participants}",
        _participants(t, registries),
    ]
    if t.notes:
        parts += ["## Editor's notes {#notes}", _notes(t.notes, registries)]
    parts += ["## Excerpts {#excerpts}"]
    claims_of: dict[str, list[Claim]] = {}
    for c in t.claims:
        for x in c.excerpts:
            claims_of.setdefault(x, []).append(c)
    budget = Budget()  # the page's words compared for other wordings, bounded
    parts += [_excerpt(t, numbers[e.id], e, registries, claims_of.get(e.id, []), budget) for e in t.excerpts]
    if t.claims:
        parts += ["## Claims {#claims}"]
        by_id = {e.id: e for e in t.excerpts}
        parts += [_claim(t, i, c, numbers, by_id, registries) for i, c in enumerate(t.claims, start=1)]
    parts += _public_remarks(t, registries, budget)
    parts += ["## The document {#document}", _document(t, registries)]
    cited = "".join(f'<li id="{sources_cited.anchor(s)}">{sources_cited.full(registries.sources[s])}</li>' for s in _cited(t))
    parts += ["## Sources cited {#sources}", f'<ol class="bibliography">{cited}</ol>']
    parts += _corrections(t, registries)
    parts += ["## Cite this conversation {#cite}", _cite(t, site), _neighbours(t, previous, following)]
    return "\n\n".join(p for p in parts if p) + "\n"
