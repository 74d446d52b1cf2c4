"""Reporting problems to people and tools: human lines, GitHub workflow commands, or JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .problems import Problem, field_text, sort_problems

FORMATS = ("human", "github", "json")


def _escape_data(text: str) -> str:
    """Escape a workflow command's message so no text can end it or start another."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape a workflow command property (file, title) as GitHub's runner expects."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(problem: Problem) -> str:
    """One problem as a GitHub Actions ``::error`` annotation."""
    problem = problem.shown()
    title = _escape_property(field_text(problem.field) or "data")
    return (
        f"::error file={_escape_property(problem.file)},line={problem.line},col={problem.col},"
        f"title={title}::{_escape_data(problem.message)}"
    )


_MARKDOWN_SPECIAL = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]()<>#+-.!|~&\"'$@:"} | {"\n": "<br>", "\r": ""})


def _cell(text: str) -> str:
    """Text for a cell of a Markdown table: every character Markdown or HTML could read as markup becomes a reference."""
    return text.translate(_MARKDOWN_SPECIAL)


def github_summary(problems: list[Problem]) -> str:
    """All problems as a Markdown table for the job summary (GitHub shows only ten annotations)."""
    shown = [p.shown() for p in problems]
    rows = [f"| <code>{_cell(p.file)}:{p.line}:{p.col}</code> | <code>{_cell(field_text(p.field))}</code> | {_cell(p.message)} |" for p in shown]
    header = f"### {len(problems)} problem(s) in the archive's data\n\n| where | field | problem |\n| --- | --- | --- |\n"
    return header + "\n".join(rows) + "\n"


def problems_report(problems: list[Problem], fmt: str) -> str:
    """The problems in the chosen format, ready to print."""
    ordered = sort_problems(problems)
    if fmt == "json":
        return json.dumps(
            [{"file": p.file, "line": p.line, "col": p.col, "field": field_text(p.field), "message": p.message} for p in ordered],
            indent=2, ensure_ascii=True,
        )
    if fmt == "github":
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with Path(summary).open("a", encoding="utf-8") as out:
                out.write(github_summary(ordered))
        return "\n".join(github_line(p) for p in ordered)
    return "\n".join(p.format() for p in ordered)
