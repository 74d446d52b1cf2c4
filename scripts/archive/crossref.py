"""Cross-references computed once from the model: who spoke where, what each topic covers, and date order."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import Archive, Claim, Excerpt, Transcript


@dataclass(slots=True)
class CrossReference:
    """Indexes the listing pages read; built by :func:`cross_reference` in one pass over the archive."""

    attended: dict[str, list[Transcript]] = field(default_factory=lambda: defaultdict(list))
    excerpts_by: dict[str, list[tuple[Transcript, Excerpt]]] = field(default_factory=lambda: defaultdict(list))
    claims_by: dict[str, list[tuple[Transcript, Claim]]] = field(default_factory=lambda: defaultdict(list))
    speaking: dict[str, list[Transcript]] = field(default_factory=lambda: defaultdict(list))  # an excerpt or claim is theirs
    transcripts_on: dict[str, list[Transcript]] = field(default_factory=lambda: defaultdict(list))
    claims_on: dict[str, list[tuple[Transcript, Claim]]] = field(default_factory=lambda: defaultdict(list))
    claims: list[tuple[Transcript, Claim]] = field(default_factory=list)
    previous: dict[str, Transcript | None] = field(default_factory=dict)
    next: dict[str, Transcript | None] = field(default_factory=dict)
    excerpt_numbers: dict[tuple[str, str], int] = field(default_factory=dict)


def cross_reference(archive: Archive) -> CrossReference:
    """Index the archive; transcripts are taken in the archive's (date) order."""
    x = CrossReference()
    order = archive.transcripts
    for i, t in enumerate(order):
        x.previous[t.id] = order[i - 1] if i > 0 else None
        x.next[t.id] = order[i + 1] if i + 1 < len(order) else None
        for person in t.attendees():
            x.attended[person].append(t)
        for person in dict.fromkeys([*(e.speaker for e in t.excerpts), *(c.speaker for c in t.claims)]):
            x.speaking[person].append(t)
        for topic in t.topics:
            x.transcripts_on[topic].append(t)
        for number, e in enumerate(t.excerpts, start=1):
            x.excerpts_by[e.speaker].append((t, e))
            x.excerpt_numbers[(t.id, e.id)] = number
        for c in t.claims:
            x.claims.append((t, c))
            x.claims_by[c.speaker].append((t, c))
            for topic in dict.fromkeys(c.topics):
                x.claims_on[topic].append((t, c))
    return x
