"""``new``: write the skeleton of a new transcript from a few facts, as a draft that passes the check."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .json_schema import SCHEMA_DIR
from .pipeline import TRANSCRIPTS_DIR, read_transcript, registry_ids
from .text_rules import check_text
from .values import PLACEHOLDER, PartialDate, ValueProblem


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


def _check(answers: Answers, known: dict[str, set[str]]) -> None:
    problems = []
    if check_text("id", answers.id):
        problems.append(f"id: {check_text('id', answers.id)}")
    try:
        PartialDate.parse(answers.date)
    except ValueProblem as err:
        problems.append(f"date: {err}")
    for field, value in (("title", answers.title), ("archive", answers.archive)):
        if check_text("line", value):
            problems.append(f"{field}: {check_text('line', value)}")
    wanted = [("people", p) for _, people in answers.sides for p in people]
    wanted += [("topics", t) for t in answers.topics] + [("sources", answers.source)]
    for registry, value in wanted:
        if value not in known[registry]:
            problems.append(f"unknown {registry[:-1] if registry != 'people' else 'person'} '{value}': add it to data/{registry}.yaml first")
    if not answers.sides:
        problems.append("name at least one side with --side 'Side name: person-id'")
    if not answers.topics:
        problems.append("name at least one topic with --topic")
    if problems:
        raise ScaffoldError("; ".join(problems))


def render(answers: Answers) -> str:
    """The YAML text of the new draft transcript."""
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
        "    kind: summary",
        f"    text: {_q(PLACEHOLDER + 'replace with the first speaker turn.')}",
        f"    source: {{source: {answers.source}}}",
        "claims: []",
    ]
    return "\n".join(lines) + "\n"


def new_transcript(project: Path, answers: Answers) -> Path:
    """Write ``data/transcripts/<id>.yaml``; never overwrite; the result passes the check."""
    data = project / "data"
    path = data / TRANSCRIPTS_DIR / f"{answers.id}.yaml"
    if path.exists() or path.is_symlink():
        raise ScaffoldError(f"{path.relative_to(project)} already exists; choose another id")
    _check(answers, registry_ids(data))
    with path.open("x", encoding="utf-8") as out:
        out.write(render(answers))
    _, problems = read_transcript(path, project, registry_ids(data))
    if problems:  # pragma: no cover - would be a bug in render(); keep nothing half-valid
        path.unlink()
        raise ScaffoldError("; ".join(p.format() for p in problems))
    return path
