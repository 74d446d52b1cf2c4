"""Step 3, model: what the archive's data can say, as typed records.

These classes are the one source of truth for the data's shape: ``fields.py``
reads them once, and the validator (``shape.py``), the editor-facing JSON Schema
and the field reference page work from what it read. ``doc`` in a field's
metadata is the text that editors see; ``eg`` an example value as it is written
in YAML; ``min`` is the least number of items in a list; ``derived`` marks a
field filled from the file name or mapping key rather than typed by editors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

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

# What readers see for each allowed value, by the name of its type above, in the type's order; every
# type of allowed values has its labels here (fields.py refuses to load the model otherwise).
LABELS: dict[str, dict[str, str]] = {
    "Tier": {"primary": "primary source", "secondary": "secondary source", "weak": "weak source"},
    "DocumentKind": {
        "memorandum-of-conversation": "Memorandum of conversation",
        "telephone-conversation": "Memorandum of telephone conversation",
        "transcript": "Transcript",
        "notes": "Notes",
    },
    "ExcerptKind": {"quote": "Quotation", "paraphrase": "Paraphrase", "summary": "Editor's summary"},
    "CaveatKind": {"quote": "Quotation", "paraphrase": "Paraphrase"},
    "Assessment": {
        "supported": "Supported",
        "partly-supported": "Partly supported",
        "contradicted": "Contradicted",
        "disputed": "Disputed",
        "unverifiable": "Unverifiable",
        "opinion": "Opinion",
    },
}


def doc(text: str, **more: Any) -> dict[str, Any]:
    """Field metadata: the editor-facing description plus any extra rules."""
    return {"doc": text, **more}


def required(text: str, eg: str) -> Any:
    """A field the editor must write; ``eg`` is an example as written in YAML."""
    return field(metadata=doc(text, eg=eg))


def optional(text: str, eg: str) -> Any:
    """A field that may be left out (None when absent)."""
    return field(default=None, metadata=doc(text, eg=eg))


def listing(text: str, eg: str, minimum: int = 0) -> Any:
    """A list field; empty when absent unless ``minimum`` says otherwise."""
    return field(default_factory=list, metadata=doc(text, eg=eg, min=minimum))


def derived(text: str) -> Any:
    """A field filled from the file name or mapping key, never written by editors."""
    return field(default="", metadata=doc(text, derived=True))


# --- corrections ------------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class Correction:
    """A dated change to a published entry: what changed and why."""

    date: PartialDate = required("The day the change was published, YYYY-MM-DD (not before the entry was added, not in the future).", '2026-11-29')
    text: Markup = required("What was changed and why, in the editor's words; *emphasis* and [links](https://...) are allowed.", 'The claim was marked disputed; the reports agree, so it is now marked supported.')
    sources: list[Citation] = listing("Sources that show why the change was needed.", '[{source: rbc-ukraine-report}]')


def corrections_field() -> Any:
    """The same ``corrections`` field on every kind of entry."""
    return listing("Dated corrections of this entry, oldest first.", '[{date: 2026-11-29, text: ..., sources: [{source: ...}]}]')


# --- registries -------------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class Names:
    """A name as written in Russian and in Ukrainian, so readers can search in either."""

    ru: Line | None = optional("In Russian.", 'Украина')
    uk: Line | None = optional("In Ukrainian.", 'Україна')



@dataclass(slots=True, kw_only=True)
class Role:
    """An office a person held, with when."""

    title: Line = required("The office, e.g. 'President of Russia'.", 'President of Russia')
    start: PartialDate | None = optional("When the person took it up.", '2000-05-07')
    end: PartialDate | None = optional("When the person left it; leave out while still held.", '2008-05-07')


@dataclass(slots=True, kw_only=True)
class Person:
    """Someone who speaks or takes part in a conversation."""

    id: str = derived("The person's id: the key in people.yaml.")
    name: Line = required("Name as usually written in English.", 'Vladimir Putin')
    name_original: Line | None = optional("Name in the person's own script, e.g. 'Владимир Путин'.", 'Владимир Путин')
    names: Names | None = optional("The name in Russian and Ukrainian.", '{ru: Владимир Путин, uk: Володимир Путін}')
    description: Line = required("One line saying who the person is.", 'President of Russia 2000–2008 and from 2012.')
    roles: list[Role] = listing("Offices held, oldest first.", '[{title: President of Russia, start: 2000-05-07, end: 2008-05-07}]')
    corrections: list[Correction] = corrections_field()


@dataclass(slots=True, kw_only=True)
class Source:
    """One entry of the bibliography, cited by id everywhere."""

    id: str = derived("The source's id: the key in sources.yaml.")
    tier: Tier = required("primary: the document itself or an official text; secondary: a reputable outlet or archive describing it; weak: a lead only.", 'secondary')
    title: Line = required("Title or headline of the source.", 'Archive Lawsuit Opens Vladimir Putin Memcons/Telcons')
    publisher: Line = required("Outlet, archive or publisher.", 'National Security Archive')
    author: Line | None = optional("Author, when named.", 'A. N. Author')
    date: PartialDate | None = optional("Publication date.", '2025-12-23')
    url: Url | None = optional("Link to the source (http or https).", 'https://nsarchive.gwu.edu/media/33711/ocr')
    note: Text | None = optional("How it was read and how far it can be trusted.", 'Read through a copy of the page; the document itself was not read.')
    corrections: list[Correction] = corrections_field()


@dataclass(slots=True, kw_only=True)
class Topic:
    """One entry of the controlled list of topics."""

    id: str = derived("The topic's id: the key in topics.yaml.")
    title: Line = required("Topic name as shown to readers.", 'NATO enlargement')
    description: Line | None = optional("What the topic covers.", 'Admission of new members to the alliance.')
    names: Names | None = optional("The topic's name in Russian and Ukrainian.", '{ru: Расширение НАТО, uk: Розширення НАТО}')
    corrections: list[Correction] = corrections_field()


# --- transcripts ------------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class Citation:
    """A pointer into the bibliography, with an optional place inside the source."""

    source: SourceRef = required("Id of a source in sources.yaml.", 'nsa-2008-sochi-memcon-ocr')
    at: Line | None = optional("Where in the source: page, paragraph, document number.", 'para. 23')


@dataclass(slots=True, kw_only=True)
class Note:
    """An editor's note, in the editor's own words, with its sources."""

    text: Markup = required("The note; *emphasis*, **strong** and [links](https://...) are allowed.", 'The posting misspells the place as *Brno*.')
    sources: list[Citation] = listing("Sources the note relies on.", '[{source: nsa-2025-12-23-putin-memcons}]', minimum=1)


@dataclass(slots=True, kw_only=True)
class Caveat:
    """The warning a document prints about itself (e.g. a memcon is not verbatim)."""

    kind: CaveatKind = required("quote if the text is the document's wording; paraphrase otherwise.", 'paraphrase')
    text: Text = required("The caveat.", 'The memorandum says it is not a verbatim transcript.')
    source: Citation = required("Where the caveat was read.", '{source: nsa-2008-sochi-memcon-ocr}')


@dataclass(slots=True, kw_only=True)
class Participant:
    """A person present, with the role the document gives them."""

    person: PersonRef = required("Id of a person in people.yaml.", 'rice')
    role: Line | None = optional("Role at the time, as the document gives it; from people.yaml when left out.", 'Secretary of State')


@dataclass(slots=True, kw_only=True)
class Side:
    """One delegation."""

    side: Line = required("Name of the side, e.g. 'United States'.", 'United States')
    people: list[Participant] = listing("Who was there for this side.", '[{person: bush, role: The President}, {person: rice}]', minimum=1)


@dataclass(slots=True, kw_only=True)
class Declassification:
    """When and under which case the document was released."""

    date: PartialDate | None = optional("Date of declassification.", '2025-08-25')
    case: Line | None = optional("Case or review number, e.g. 'NW# 78134'.", '"NW# 78134"')


@dataclass(slots=True, kw_only=True)
class Document:
    """The source citation of the transcript: which document, where it is held, how it came out."""

    archive: Line = required("Archive or library that holds the document.", 'George W. Bush Presidential Library')
    collection: Line | None = optional("Collection, series or lawsuit it was released through.", 'National Security Archive FOIA lawsuit')
    document_id: Line | None = optional("The archive's document number.", '"34685227"')
    subject: Line | None = optional("The subject line printed on the document.", 'Meeting with President of Russia')
    url: Url | None = optional("Link to the document or its scan.", 'https://nsarchive.gwu.edu/media/33711/ocr')
    release: SourceRef | None = optional("Id of the source (in sources.yaml) that announced the release.", 'nsa-2025-12-23-putin-memcons')
    markings: list[Line] = listing("Classification and handling markings printed on the document.", '[EYES ONLY, LIMITED ACCESS]')
    declassified: Declassification | None = optional("Declassification details.", '{date: 2025-08-25, case: "NW# 78134"}')


@dataclass(slots=True, kw_only=True)
class Wording:
    """The same passage as another source prints it, word for word."""

    source: Citation = required("The source printing this wording, and where in it.", '{source: liga-net-2008-report, at: para. 4}')
    text: Text = required("The passage exactly as that source prints it: spelling, punctuation and slips included.", 'In 1956, the Crimean peninsula was transferred to Ukraine.')


@dataclass(slots=True, kw_only=True)
class Excerpt:
    """A speaker's turn: the words, or a paraphrase of them, with where they were read."""

    id: Id = required("Stable id, unique in the file; the page anchor.", 'ukraine-artificial')
    former_ids: list[Id] = listing("Ids this excerpt had before, or of excerpts merged into it, so that old links still land on it.", '[totalitarian-grip]')
    speaker: PersonRef = required("Id of the person speaking.", 'putin')
    kind: ExcerptKind = required("quote: the document's words as printed by the source; paraphrase: a source's rewording; summary: an editor's summary.", 'paraphrase')
    text: Text = required("The words or the paraphrase; shown exactly as typed.", 'Putin called Ukraine an artificial state.')
    source: Citation = required("Where this wording was read: the document itself, or a source quoting or paraphrasing it.", '{source: seed-2025-12-25, at: para. 6}')
    original: Text | None = optional("The same passage in the original language.", 'Текст на языке оригинала.')
    original_lang: Line | None = optional("Language code of the original, e.g. 'ru'.", 'ru')
    redacted: bool = field(default=False, metadata=doc("true when part of the passage is withheld in the released document.", eg="true"))
    wordings: list[Wording] = listing("Other sources' wordings of the same passage; the page marks where each differs from the text above.", '[{source: {source: tass-2025-12-23}, text: ...}]')
    notes: list[Note] = listing("Editor's notes on this excerpt.", '[{text: ..., sources: [{source: ...}]}]')


@dataclass(slots=True, kw_only=True)
class Claim:
    """Something a speaker asserted, with an assessment and the evidence for it."""

    id: Id = required("Stable id, unique in the file; the page anchor.", 'ukraine-artificial')
    speaker: PersonRef = required("Id of the person who made the claim.", 'putin')
    excerpts: list[ExcerptRef] = listing("Ids of the excerpts the claim comes from.", '[ethnic-russians]', minimum=1)
    statement: Line = required("The claim as one plain sentence (a paraphrase, not a quote).", 'About 17 million ethnic Russians lived in Ukraine.')
    topics: list[TopicRef] = listing("Topic ids.", '[ukraine, nato-enlargement]')
    assessment: Assessment = required("How the claim stands against the evidence.", 'contradicted')
    annotation: Markup = required("Context and facts that bear on the claim, short, in the editor's words.", 'The 2001 census counted 8,334,100 ethnic Russians, 17.3% of the population.')
    sources: list[Citation] = listing("Sources for the annotation and assessment.", '[{source: ukraine-census-2001}]', minimum=1)


@dataclass(slots=True, kw_only=True)
class PublicRemark:
    """Something a participant said in public on the day of the conversation (a press conference, a statement)."""

    id: Id = required("Stable id, unique in the file; the page anchor.", 'soul')
    speaker: PersonRef = required("Id of the person speaking; must be a participant.", 'bush')
    occasion: Line = required("Where it was said.", 'Joint press conference, Brdo Castle')
    kind: CaveatKind = required("quote if the text is the words as the source prints them; paraphrase otherwise.", 'quote')
    text: Text = required("The words, or a paraphrase of them.", 'I was able to get a sense of his soul.')
    source: Citation = required("Where the words were read.", '{source: white-house-2001-06-16-press-conference}')
    wordings: list[Wording] = listing("Other sources' wordings of the same words; the page marks where each differs.", '[{source: {source: bbc-2008-04-06}, text: ...}]')


@dataclass(slots=True, kw_only=True)
class Transcript:
    """One conversation: one YAML file in data/transcripts/."""

    id: str = derived("The transcript's id: its file name without .yaml.")
    draft: bool = field(default=False, metadata=doc("true while the entry is being written: shown by make serve, left out of the published site.", eg="true"))
    title: Line = required("Title shown to readers.", 'Bush and Putin at Sochi')
    added: PartialDate | None = optional("When the entry was added to the archive; the feed of additions lists newest first.", '2026-11-28')
    date: PartialDate = required("Date of the conversation: YYYY-MM-DD, YYYY-MM or YYYY, optionally with ~ or ?.", '2008-04-06')
    time: TimeSpan | None = optional("Local time, HH:MM or HH:MM-HH:MM.", '"10:00-11:00"')
    place: Line | None = optional("Where the conversation took place.", 'Bocharov Ruchey, Sochi')
    place_names: Names | None = optional("The place in Russian and Ukrainian.", '{ru: Бочаров Ручей, Сочи, uk: Бочаров Струмок, Сочі}')
    kind: DocumentKind = required("Kind of document.", 'memorandum-of-conversation')
    summary: Line = required("One line for the timeline.", 'Putin argues against NATO membership for Ukraine.')
    topics: list[TopicRef] = listing("Topic ids.", '[ukraine, nato-enlargement]', minimum=1)
    caveat: Caveat | None = optional("The document's own caveat, where it prints one.", '{kind: paraphrase, text: ..., source: {source: ...}}')
    participants: list[Side] = listing("Delegations, one entry per side.", '[{side: United States, people: [{person: bush}]}]', minimum=1)
    document: Document = required("The source citation.", '{archive: George W. Bush Presidential Library, ...}')
    notes: list[Note] = listing("Editor's notes on the conversation as a whole.", '[{text: ..., sources: [{source: ...}]}]')
    excerpts: list[Excerpt] = listing("The speaker turns, in document order.", '[{id: opening, speaker: putin, kind: summary, text: ..., source: {source: ...}}]', minimum=1)
    claims: list[Claim] = listing("Claims made in the conversation.", '[{id: ..., speaker: putin, excerpts: [...], ...}]')
    public_remarks: list[PublicRemark] = listing("What participants said in public the same day, kept apart from the private record.", '[{id: soul, speaker: bush, occasion: ..., kind: quote, text: ..., source: {source: ...}}]')
    corrections: list[Correction] = corrections_field()

    def attendees(self) -> list[str]:
        """The ids of everyone taking part, side by side, each once."""
        return list(dict.fromkeys(p.person for side in self.participants for p in side.people))


# --- context events ---------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class Event:
    """Something that happened outside the conversations, shown beside them on the timeline for context."""

    id: str = derived("The event's id: the key in events.yaml.")
    date: PartialDate = required("When it happened: YYYY-MM-DD, YYYY-MM or YYYY, optionally with ~ or ?.", '2008-04-03')
    title: Line = required("Short name shown on the timeline.", 'NATO summit declaration, Bucharest')
    summary: Line = required("One line saying what happened, no more than the source states.", 'NATO agrees that Ukraine and Georgia will become members.')
    place: Line | None = optional("Where it happened.", 'Bucharest')
    source: Citation = required("The source that states these facts.", '{source: nato-bucharest-declaration-2008}')
    url: Url | None = optional("A link for more about the event (http or https).", 'https://www.nato.int/cps/en/natolive/official_texts_8443.htm')
    corrections: list[Correction] = corrections_field()


NO_EVENTS: dict[str, Event] = {}  # shared by every archive without data/events.yaml; never changed


class Registries(NamedTuple):
    """The shared registries every page may read. A tuple: two are the same when each registry is the same object,
    which is what lets an unchanged page be reused after an edit elsewhere."""

    people: dict[str, Person]
    sources: dict[str, Source]
    topics: dict[str, Topic]
    events: dict[str, Event]

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


@dataclass(slots=True)
class Archive:
    """Everything the site is built from, after validation."""

    people: dict[str, Person]
    sources: dict[str, Source]
    topics: dict[str, Topic]
    transcripts: list[Transcript]  # in date order
    events: dict[str, Event] = field(default_factory=lambda: NO_EVENTS)  # context events, from the optional events.yaml

    @property
    def registries(self) -> Registries:
        """People, sources, topics and events together."""
        return Registries(self.people, self.sources, self.topics, self.events)

    def published(self) -> Archive:
        """The archive without draft transcripts, as the public site shows it."""
        kept = [t for t in self.transcripts if not t.draft]
        return Archive(self.people, self.sources, self.topics, kept, self.events)
