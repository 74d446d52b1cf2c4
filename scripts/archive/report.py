"""Reporting problems to people and tools: human lines, GitHub workflow commands, or JSON."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

from .problems import Problem, sort_problems

FORMATS = ("human", "github", "json")


def _escape_data(text: str) -> str:
    """Escape a workflow command's message so no text can end it or start another."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape a workflow command property (file, title) as GitHub's runner expects."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(problem: Problem) -> str:
    """One problem as a GitHub Actions ``::error`` annotation."""
    title = _escape_property(problem.field or "data")
    return (
        f"::error file={_escape_property(problem.file)},line={problem.line},col={problem.col},"
        f"title={title}::{_escape_data(problem.message)}"
    )


def github_summary(problems: list[Problem]) -> str:
    """All problems as a Markdown table for the job summary (GitHub shows only ten annotations)."""
    rows = [
        f"| <code>{html.escape(p.file)}:{p.line}:{p.col}</code> | <code>{html.escape(p.field)}</code> | "
        f"{html.escape(p.message).replace('|', '&#124;')} |"
        for p in problems
    ]
    header = f"### {len(problems)} problem(s) in the archive's data\n\n| where | field | problem |\n| --- | --- | --- |\n"
    return header + "\n".join(rows) + "\n"


def render(problems: list[Problem], fmt: str) -> str:
    """The problems in the chosen format, ready to print."""
    ordered = sort_problems(problems)
    if fmt == "json":
        return json.dumps(
            [{"file": p.file, "line": p.line, "col": p.col, "field": p.field, "message": p.message} for p in ordered],
            indent=2, ensure_ascii=False,
        )
    if fmt == "github":
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with Path(summary).open("a", encoding="utf-8") as out:
                out.write(github_summary(ordered))
        return "\n".join(github_line(p) for p in ordered)
    return "\n".join(p.format() for p in ordered)
