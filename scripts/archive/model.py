"""Step 3, model: what the archive's data can say, as typed records.

These classes are the one source of truth for the data's shape: the validator
(``shape.py``) reads them to check each YAML file, and the editor-facing JSON
Schema is generated from them. ``doc`` in a field's metadata is the text that
editors see; ``min`` is the least number of items in a list; ``derived`` marks
a field filled from the file name or mapping key rather than typed by editors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .values import (
    ExcerptRef,
    Id,
    Line,
    Markup,
    PartialDate,
    PersonRef,
    SourceRef,
    Text,
    TimeSpan,
    TopicRef,
    Url,
)

Tier = Literal["primary", "secondary", "weak"]
DocumentKind = Literal["memorandum-of-conversation", "telephone-conversation", "transcript", "notes"]
ExcerptKind = Literal["quote", "paraphrase", "summary"]
CaveatKind = Literal["quote", "paraphrase"]
Assessment = Literal["supported", "partly-supported", "contradicted", "disputed", "unverifiable", "opinion"]


def doc(text: str, **more: Any) -> dict[str, Any]:
    """Field metadata: the editor-facing description plus any extra rules."""
    return {"doc": text, **more}


def required(text: str, **more: Any) -> Any:
    """A field the editor must write."""
    return field(metadata=doc(text, **more))


def optional(text: str, **more: Any) -> Any:
    """A field that may be left out (None when absent)."""
    return field(default=None, metadata=doc(text, **more))


def listing(text: str, minimum: int = 0) -> Any:
    """A list field; empty when absent unless ``minimum`` says otherwise."""
    return field(default_factory=list, metadata=doc(text, min=minimum))


def derived(text: str) -> Any:
    """A field filled from the file name or mapping key, never written by editors."""
    return field(default="", metadata=doc(text, derived=True))


# --- registries -------------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class Role:
    """An office a person held, with when."""

    title: Line = required("The office, e.g. 'President of Russia'.")
    start: PartialDate | None = optional("When the person took it up.")
    end: PartialDate | None = optional("When the person left it; leave out while still held.")


@dataclass(slots=True, kw_only=True)
class Person:
    """Someone who speaks or takes part in a conversation."""

    id: str = derived("The person's id: the key in people.yaml.")
    name: Line = required("Name as usually written in English.")
    name_original: Line | None = optional("Name in the person's own script, e.g. 'Владимир Путин'.")
    description: Line = required("One line saying who the person is.")
    roles: list[Role] = listing("Offices held, oldest first.")


@dataclass(slots=True, kw_only=True)
class Source:
    """One entry of the bibliography, cited by id everywhere."""

    id: str = derived("The source's id: the key in sources.yaml.")
    tier: Tier = required("primary: the document itself or an official text; secondary: a reputable outlet or archive describing it; weak: a lead only.")
    title: Line = required("Title or headline of the source.")
    publisher: Line = required("Outlet, archive or publisher.")
    author: Line | None = optional("Author, when named.")
    date: PartialDate | None = optional("Publication date.")
    url: Url | None = optional("Link to the source (http or https).")
    note: Text | None = optional("How it was read and how far it can be trusted.")


@dataclass(slots=True, kw_only=True)
class Topic:
    """One entry of the controlled list of topics."""

    id: str = derived("The topic's id: the key in topics.yaml.")
    title: Line = required("Topic name as shown to readers.")
    description: Line | None = optional("What the topic covers.")


# --- transcripts ------------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class Citation:
    """A pointer into the bibliography, with an optional place inside the source."""

    source: SourceRef = required("Id of a source in sources.yaml.")
    at: Line | None = optional("Where in the source: page, paragraph, document number.")


@dataclass(slots=True, kw_only=True)
class Note:
    """An editor's note, in the editor's own words, with its sources."""

    text: Markup = required("The note; *emphasis*, **strong** and [links](https://...) are allowed.")
    sources: list[Citation] = listing("Sources the note relies on.", minimum=1)


@dataclass(slots=True, kw_only=True)
class Caveat:
    """The warning a document prints about itself (e.g. a memcon is not verbatim)."""

    kind: CaveatKind = required("quote if the text is the document's wording; paraphrase otherwise.")
    text: Text = required("The caveat.")
    source: Citation = required("Where the caveat was read.")


@dataclass(slots=True, kw_only=True)
class Participant:
    """A person present, with the role the document gives them."""

    person: PersonRef = required("Id of a person in people.yaml.")
    role: Line | None = optional("Role at the time, as the document gives it; from people.yaml when left out.")


@dataclass(slots=True, kw_only=True)
class Side:
    """One delegation."""

    side: Line = required("Name of the side, e.g. 'United States'.")
    people: list[Participant] = listing("Who was there for this side.", minimum=1)


@dataclass(slots=True, kw_only=True)
class Declassification:
    """When and under which case the document was released."""

    date: PartialDate | None = optional("Date of declassification.")
    case: Line | None = optional("Case or review number, e.g. 'NW# 78134'.")


@dataclass(slots=True, kw_only=True)
class Document:
    """The source citation of the transcript: which document, where it is held, how it came out."""

    archive: Line = required("Archive or library that holds the document.")
    collection: Line | None = optional("Collection, series or lawsuit it was released through.")
    document_id: Line | None = optional("The archive's document number.")
    subject: Line | None = optional("The subject line printed on the document.")
    url: Url | None = optional("Link to the document or its scan.")
    release: SourceRef | None = optional("Id of the source (in sources.yaml) that announced the release.")
    markings: list[Line] = listing("Classification and handling markings printed on the document.")
    declassified: Declassification | None = optional("Declassification details.")


@dataclass(slots=True, kw_only=True)
class Excerpt:
    """A speaker's turn: the words, or a paraphrase of them, with where they were read."""

    id: Id = required("Stable id, unique in the file; the page anchor.")
    speaker: PersonRef = required("Id of the person speaking.")
    kind: ExcerptKind = required("quote: the document's words as printed by the source; paraphrase: a source's rewording; summary: an editor's summary.")
    text: Text = required("The words or the paraphrase; shown exactly as typed.")
    source: Citation = required("Where this wording was read: the document itself, or a source quoting or paraphrasing it.")
    original: Text | None = optional("The same passage in the original language.")
    original_lang: Line | None = optional("Language code of the original, e.g. 'ru'.")
    redacted: bool = field(default=False, metadata=doc("true when part of the passage is withheld in the released document."))
    notes: list[Note] = listing("Editor's notes on this excerpt.")


@dataclass(slots=True, kw_only=True)
class Claim:
    """Something a speaker asserted, with an assessment and the evidence for it."""

    id: Id = required("Stable id, unique in the file; the page anchor.")
    speaker: PersonRef = required("Id of the person who made the claim.")
    excerpts: list[ExcerptRef] = listing("Ids of the excerpts the claim comes from.", minimum=1)
    statement: Line = required("The claim as one plain sentence (a paraphrase, not a quote).")
    topics: list[TopicRef] = listing("Topic ids.")
    assessment: Assessment = required("How the claim stands against the evidence.")
    annotation: Markup = required("Context and facts that bear on the claim, short, in the editor's words.")
    sources: list[Citation] = listing("Sources for the annotation and assessment.", minimum=1)


@dataclass(slots=True, kw_only=True)
class Transcript:
    """One conversation: one YAML file in data/transcripts/."""

    id: str = derived("The transcript's id: its file name without .yaml.")
    title: Line = required("Title shown to readers.")
    date: PartialDate = required("Date of the conversation: YYYY-MM-DD, YYYY-MM or YYYY, optionally with ~ or ?.")
    time: TimeSpan | None = optional("Local time, HH:MM or HH:MM-HH:MM.")
    place: Line | None = optional("Where the conversation took place.")
    kind: DocumentKind = required("Kind of document.")
    summary: Line = required("One line for the timeline.")
    topics: list[TopicRef] = listing("Topic ids.", minimum=1)
    caveat: Caveat | None = optional("The document's own caveat, where it prints one.")
    participants: list[Side] = listing("Delegations, one entry per side.", minimum=1)
    document: Document = required("The source citation.")
    notes: list[Note] = listing("Editor's notes on the conversation as a whole.")
    excerpts: list[Excerpt] = listing("The speaker turns, in document order.", minimum=1)
    claims: list[Claim] = listing("Claims made in the conversation.")


@dataclass(slots=True)
class Archive:
    """Everything the site is built from, after validation."""

    people: dict[str, Person]
    sources: dict[str, Source]
    topics: dict[str, Topic]
    transcripts: list[Transcript]  # in date order

    def role_on(self, person_id: str, when: PartialDate) -> str | None:
        """The role a person held on a date, from the registry, if exactly known."""
        for role in self.people[person_id].roles:
            if role.start and role.start.sort_key() > when.sort_key():
                continue
            if role.end and role.end.sort_key() < when.sort_key():
                continue
            if role.start or role.end:
                return role.title
        return None
