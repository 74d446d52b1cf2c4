"""Step 2b, validate meaning: every reference resolves, ids are unique, speakers were there.

Works on the ids and references a file's conversion recorded (``shape.Mark``),
so it runs even when the file has shape problems, and reports both at once.
The checks find marks by their field paths, named below through the model
(``fields.pattern``), so a renamed field stops the import instead of a check.
"""

from __future__ import annotations

import difflib
import re

from .fields import EACH, generic, pattern
from .model import Transcript
from .problems import FieldPath, Problem
from .shape import DATE, DRAFT_MARK, PLACEHOLDER_MARK, Context, Mark

# Ids the transcript page uses for its own sections; excerpt and claim ids are anchors on the same page.
RESERVED_ANCHORS = {
    "title", "participants", "notes", "excerpts", "claims", "public-remarks", "document", "sources", "corrections", "cite", "cite-text",
}
RESERVED_PREFIX = "cited-"
NOUNS = {"people": "person", "sources": "source", "topics": "topic", "excerpts": "excerpt"}

EXCERPT_ID = pattern(Transcript, "excerpts", EACH, "id")
EXCERPT_SPEAKER = pattern(Transcript, "excerpts", EACH, "speaker")
CLAIM = pattern(Transcript, "claims", EACH)  # a claim's own path, the start of its fields' paths
CLAIM_SPEAKER = pattern(Transcript, "claims", EACH, "speaker")
CLAIM_EXCERPT = pattern(Transcript, "claims", EACH, "excerpts", EACH)
PARTICIPANT = pattern(Transcript, "participants", EACH, "people", EACH, "person")
ANCHORS = {  # ids that are anchors on the transcript's page
    EXCERPT_ID, pattern(Transcript, "excerpts", EACH, "former_ids", EACH),
    pattern(Transcript, "claims", EACH, "id"), pattern(Transcript, "public_remarks", EACH, "id"),
}
SPEAKERS = {EXCERPT_SPEAKER, CLAIM_SPEAKER, pattern(Transcript, "public_remarks", EACH, "speaker")}
CORRECTION_DATE = pattern(Transcript, "corrections", EACH, "date")  # the last steps of the path, in any kind of entry
ADDED = pattern(Transcript, "added")
CONVERSATION_DATE = pattern(Transcript, "date")


# Close matches cost time in proportion to the number of known ids; only this many
# unknown references in one file get them, so a file of thousands of mistakes is still checked in linear time.
SUGGESTION_BUDGET = 20


class Suggestions:
    """Known ids to show beside unknown references in one file: closest first, while the budget lasts."""

    def __init__(self) -> None:
        self.left = SUGGESTION_BUDGET
        self._sorted: dict[int, list[str]] = {}

    def known_list(self, value: str, known: set[str]) -> str:
        """A short list of known ids, closest to the mistyped one first."""
        ordered = self._sorted.get(id(known))
        if ordered is None:
            ordered = self._sorted[id(known)] = sorted(known)
        close: list[str] = []
        if self.left > 0:
            self.left -= 1
            close = difflib.get_close_matches(value, ordered, n=5, cutoff=0.5)
        shown = close + [k for k in ordered[:10] if k not in close]
        shown = shown[:5]
        more = ", ..." if len(known) > len(shown) else ""
        return f"known: {', '.join(shown)}{more}" if shown else "none are defined yet"


def check_registry_references(
    ctx: Context, registries: dict[str, set[str] | None], found: list[Problem], suggestions: Suggestions
) -> set[str]:
    """Every reference to people, sources and topics names an entry; returns the unknown ids."""
    unknown = set()
    for path, mark in ctx.marks.items():
        known = registries.get(mark.registry)
        if known is not None and mark.value not in known:
            noun = NOUNS[mark.registry]
            found.append(Problem(ctx.file, mark.line, mark.col, path, f"unknown {noun} '{mark.value}' ({suggestions.known_list(mark.value, known)})"))
            unknown.add(mark.value)
    return unknown


def check_corrections(ctx: Context, found: list[Problem]) -> None:
    """Each correction is dated to the day, and not before the entry it corrects was added."""
    steps = len(CORRECTION_DATE)
    for path, mark in ctx.marks.items():
        if mark.registry != DATE or generic(path[-steps:]) != CORRECTION_DATE:
            continue
        added = ctx.marks.get((*path[:-steps], *ADDED))
        if len(mark.value) != len("YYYY-MM-DD"):
            found.append(Problem(ctx.file, mark.line, mark.col, path, f"a correction is dated to the day (YYYY-MM-DD), got '{mark.value}'"))
        elif added is not None and added.registry == DATE and mark.value < added.value.rstrip("~?%"):
            found.append(Problem(ctx.file, mark.line, mark.col, path, f"'{mark.value}' is before the entry was added ({added.value}, line {added.line})"))


DATED_NAME = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?=-|\Z)", re.ASCII)  # ASCII digits, as every fixed format


def check_file_name_date(ctx: Context, found: list[Problem]) -> None:
    """A file name that begins with a date agrees with the conversation's ``date``, as far as both go.

    The file name is the page's permanent address; a mismatch is almost always a typing
    slip in one of the two, so it is an error, not a warning.
    """
    date = ctx.marks.get(CONVERSATION_DATE)
    named = DATED_NAME.match(ctx.file.rsplit("/", 1)[-1])
    if date is None or date.registry != DATE or named is None:
        return
    written = [int(g) for g in named.groups() if g is not None]
    actual = [int(part) for part in date.value.rstrip("~?%").split("-")]
    if written != actual[: len(written)] or len(written) > len(actual):
        prefix = named.group(0)
        found.append(Problem(
            ctx.file, date.line, date.col, CONVERSATION_DATE,
            f"'{date.value}' does not match the file name, which begins '{prefix}'; correct whichever is wrong "
            "(the file name is the page's address)",
        ))


def check_placeholders(ctx: Context, found: list[Problem]) -> None:
    """A published entry (not ``draft: true``) keeps none of the values ``make new`` wrote as placeholders."""
    if DRAFT_MARK in {m.registry for m in ctx.marks.values()}:
        return
    for path, mark in ctx.marks.items():
        if mark.registry == PLACEHOLDER_MARK:
            found.append(Problem(
                ctx.file, mark.line, mark.col, path,
                f"still holds the placeholder '{mark.value[:60]}' written by make new; write the real value, or keep draft: true",
            ))


def check_registry(ctx: Context, registries: dict[str, set[str] | None]) -> list[Problem]:
    """Meaning checks for a registry file: the sources its corrections cite, and their dates."""
    problems: list[Problem] = []
    check_registry_references(ctx, registries, problems, Suggestions())
    check_corrections(ctx, problems)
    return problems


def check_transcript(ctx: Context, registries: dict[str, set[str] | None]) -> list[Problem]:
    """All meaning checks for one transcript file; ``ctx`` (the file's marks) is only read."""
    problems: list[Problem] = []

    def report(path: FieldPath, mark: Mark, message: str) -> None:
        problems.append(Problem(ctx.file, mark.line, mark.col, path, message))

    suggestions = Suggestions()
    unknown = check_registry_references(ctx, registries, problems, suggestions)
    check_corrections(ctx, problems)
    check_file_name_date(ctx, problems)
    check_placeholders(ctx, problems)
    marks = ctx.marks
    # Sort the marks once by where they stand in the file.
    ids, people, speakers, cited_excerpts = [], [], [], []
    for path, mark in marks.items():
        where = generic(path)
        if where in ANCHORS:
            ids.append((path, where, mark))
        elif where == PARTICIPANT:
            people.append((path, mark))
        elif where in SPEAKERS:
            speakers.append((path, where, mark))
        elif where == CLAIM_EXCERPT:
            cited_excerpts.append((path, mark))
    anchors: dict[str, tuple[FieldPath, Mark]] = {}
    excerpt_speakers: dict[str, str] = {}
    for path, where, mark in ids:
        if mark.value in RESERVED_ANCHORS or mark.value.startswith(RESERVED_PREFIX):
            report(path, mark, f"'{mark.value}' is reserved for a section of the page; choose another id")
        elif mark.value in anchors:
            first = anchors[mark.value][1]
            report(path, mark, f"duplicate id '{mark.value}' (first used at line {first.line}); excerpt and claim ids must all differ")
        else:
            anchors[mark.value] = (path, mark)
        speaker = marks.get((*path[:-1], EXCERPT_SPEAKER[-1])) if where == EXCERPT_ID else None
        if speaker:
            excerpt_speakers[mark.value] = speaker.value

    participants: dict[str, Mark] = {}
    for path, mark in people:
        if mark.value in participants:
            first = participants[mark.value]
            report(path, mark, f"'{mark.value}' is already listed as a participant at line {first.line}")
        participants[mark.value] = mark
    claim_excerpts: dict[FieldPath, list[str]] = {}  # by the claim's path, e.g. ("claims", 0)
    claim = len(CLAIM)
    excerpt_ids = set(excerpt_speakers)
    for path, mark in cited_excerpts:
        claim_excerpts.setdefault(path[:claim], []).append(mark.value)
        if mark.value not in excerpt_speakers:
            report(path, mark, f"unknown excerpt '{mark.value}' ({suggestions.known_list(mark.value, excerpt_ids)})")

    for path, where, mark in speakers:
        if mark.value in unknown:
            continue
        if participants and mark.value not in participants:
            report(path, mark, f"'{mark.value}' speaks but is not listed in participants")
        if where == CLAIM_SPEAKER:
            cited = [x for x in claim_excerpts.get(path[:claim], []) if x in excerpt_speakers and excerpt_speakers[x] not in unknown]
            if cited and all(excerpt_speakers[x] != mark.value for x in cited):
                listed = ", ".join(f"'{x}'" for x in cited)
                report(path, mark, f"'{mark.value}' is not the speaker of the claim's excerpts ({listed})")
    return problems
