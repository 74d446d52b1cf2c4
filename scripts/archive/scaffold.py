"""``new``: write the skeleton of a new transcript from a few facts, as a draft that passes the check."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .json_schema import SCHEMA_DIR
from .pipeline import TRANSCRIPTS_DIR, read_transcript, registry_ids, source_tiers
from .references import DATED_NAME
from .text_rules import check_text
from .values import PLACEHOLDER, PartialDate, ValueProblem, past_date


class ScaffoldError(Exception):
    """The answers cannot make a valid transcript; the message says why."""


@dataclass(frozen=True, slots=True)
class Answers:
    """What the editor tells ``new`` about the conversation."""

    id: str
    date: str
    title: str
    sides: list[tuple[str, list[str]]]  # (side name, person ids)
    topics: list[str]
    source: str
    archive: str


def parse_side(text: str) -> tuple[str, list[str]]:
    """``"United States: bush, rice"`` -> ``("United States", ["bush", "rice"])``."""
    name, _, people = text.partition(":")
    ids = [p.strip() for p in people.split(",") if p.strip()]
    if not name.strip() or not ids:
        raise ScaffoldError(f"a side is written 'Side name: person-id, person-id', got '{text}'")
    return name.strip(), ids


def _q(text: str) -> str:
    """A YAML double-quoted string (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


NOUNS = {"people": "person", "topics": "topic", "sources": "source"}


def _close(value: str, known: set[str]) -> list[str]:
    """Known ids near ``value``: spelt alike, or holding it as a whole part (``nato`` in ``nato-enlargement``)."""
    if len(value) > 64:
        return []
    parts = [k for k in sorted(known) if value in k.split("-") or k.startswith(value)]
    alike = difflib.get_close_matches(value, sorted(known), n=3, cutoff=0.6)
    return list(dict.fromkeys(alike + parts))[:3]


def unknown_id(registry: str, value: str, known: set[str]) -> str | None:
    """Why an id is not in a registry, with the closest known ids and the registry's file, or None if it is there."""
    if value in known:
        return None
    close = _close(value, known)
    where = f"data/{registry}.yaml"
    if close:
        return f"unknown {NOUNS[registry]} '{value}'; did you mean {' or '.join(close)}? (or add it to {where} first)"
    listed = ", ".join(sorted(known)[:8]) + (", ..." if len(known) > 8 else "")
    return f"unknown {NOUNS[registry]} '{value}'; add it to {where} first" + (f" (known: {listed})" if known else "")


def check_id(value: str, project: Path) -> str | None:
    """Why an id cannot name the new file (not an id, a date at its start that is no date, taken), or None."""
    problem = check_text("id", value)
    if problem:
        return problem
    named = DATED_NAME.match(value)
    if named and named.group(3):
        try:
            PartialDate.parse(named.group(0))
        except ValueProblem as err:
            return f"the id begins with {named.group(0)}, which is not a date ({err}); start it with the conversation's date"
    path = project / "data" / TRANSCRIPTS_DIR / f"{value}.yaml"
    if path.exists() or path.is_symlink():
        return f"{path.relative_to(project)} already exists; choose another id"
    return None


def check_date(value: str, transcript_id: str = "") -> str | None:
    """Why a date is refused (not a date, in the future, or not the date the id begins with), or None."""
    try:
        past_date(value)
    except ValueProblem as err:
        return str(err)
    named = DATED_NAME.match(transcript_id)
    if named and not value.rstrip("~?%").startswith(named.group(0)):
        return f"the id '{transcript_id}' begins with the date {named.group(0)}; give that date, or start again with another id"
    return None


def check_line(value: str) -> str | None:
    """Why a one-line answer (title, archive) is refused, or None."""
    return check_text("line", value)


def check_answer(check: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """``check`` for an answer typed at a prompt: an empty answer is asked for again in the prompt's words."""
    return lambda value: "an answer is needed" if not value.strip() else check(value)


def check_sides(sides: list[str], known: dict[str, set[str]]) -> str | None:
    """Why the sides are refused (written wrongly, or naming unknown people), or None."""
    if not sides:
        return "name at least one side, e.g. 'United States: bush, rice'"
    try:
        people = [p for side in sides for p in parse_side(side)[1]]
    except ScaffoldError as err:
        return str(err)
    return next((m for m in (unknown_id("people", p, known["people"]) for p in people) if m), None)


def check_ids(registry: str, values: list[str], known: dict[str, set[str]]) -> str | None:
    """Why a list of topic or source ids is refused, or None."""
    if not values:
        return f"name at least one {NOUNS[registry]}"
    return next((m for m in (unknown_id(registry, v, known[registry]) for v in values) if m), None)


def _for_the_command_line(name: str, value: str, message: str) -> str:
    """A problem with one option, in the words of the command line: an empty value is a missing --option."""
    if not name:
        return message
    if not value.strip():
        return f"--{name} is missing; give it, e.g. --{name} {_EXAMPLES[name]}"
    return f"--{name}: {message}"


_EXAMPLES = {"id": "2002-05-24-moscow", "date": "2002-05-24", "title": "'Bush and Putin in Moscow'", "archive": "'George W. Bush Presidential Library'"}


def _check(answers: Answers, project: Path, known: dict[str, set[str]]) -> None:
    problems = [
        _for_the_command_line(name, value, message)
        for name, value, message in (
            ("id", answers.id, check_id(answers.id, project)),
            ("date", answers.date, check_date(answers.date, answers.id)),
            ("title", answers.title, check_line(answers.title)),
            ("", "", check_ids("people", [p for _, people in answers.sides for p in people], known) if answers.sides
             else "name at least one side with --side 'Side name: person-id'"),
            ("", "", check_ids("topics", answers.topics, known) if answers.topics else "name at least one topic with --topic"),
            ("", "", check_ids("sources", [answers.source], known) if answers.source else "name the source with --source"),
            ("archive", answers.archive, check_line(answers.archive)),
        )
        if message
    ]
    if problems:
        raise ScaffoldError("; ".join(problems))


def transcript_yaml(answers: Answers, kind: str = "summary") -> str:
    """The YAML text of the new draft transcript; its first excerpt of ``kind`` (a summary when its source is the
    document itself, a paraphrase otherwise, as the method page has it)."""
    first_speaker = answers.sides[0][1][0]
    lines = [
        f"# yaml-language-server: $schema=../../{SCHEMA_DIR}/transcript.schema.json",
        "# Draft: shown by `make serve`, left out of the published site until `draft: true` is removed.",
        "draft: true",
        f"title: {_q(answers.title)}",
        f"date: {answers.date}",
        "kind: memorandum-of-conversation",
        f"summary: {_q(PLACEHOLDER + 'one line for the timeline, to be written.')}",
        f"topics: [{', '.join(answers.topics)}]",
        "participants:",
    ]
    for side, people in answers.sides:
        lines.append(f"  - side: {_q(side)}")
        lines.append("    people:")
        lines += [f"      - person: {p}" for p in people]
    lines += [
        "document:",
        f"  archive: {_q(answers.archive)}",
        "excerpts:",
        "  - id: opening",
        f"    speaker: {first_speaker}",
        f"    kind: {kind}",
        f"    text: {_q(PLACEHOLDER + 'replace with the first speaker turn.')}",
        f"    source: {{source: {answers.source}}}",
        "claims: []",
    ]
    return "\n".join(lines) + "\n"


def new_transcript(project: Path, answers: Answers) -> Path:
    """Write ``data/transcripts/<id>.yaml``; never overwrite; the result passes the check."""
    data = project / "data"
    path = data / TRANSCRIPTS_DIR / f"{answers.id}.yaml"
    _check(answers, project, registry_ids(data))
    kind = "summary" if source_tiers(data).get(answers.source) == "primary" else "paraphrase"
    with path.open("x", encoding="utf-8") as out:
        out.write(transcript_yaml(answers, kind))
    _, problems = read_transcript(path, project, registry_ids(data))
    if problems:  # pragma: no cover - would be a bug in transcript_yaml(); keep nothing half-valid
        path.unlink()
        raise ScaffoldError("; ".join(p.format() for p in problems))
    return path
