"""Problems found in the data: one record per mistake, with where it is."""

from __future__ import annotations

from dataclasses import dataclass

from .characters import visible


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in one file, at a line and column (both 1-based)."""

    file: str
    line: int
    col: int
    field: str
    message: str

    def shown(self) -> Problem:
        """The same problem with control, formatting and separator characters written as escapes."""
        return Problem(visible(self.file), self.line, self.col, visible(self.field), visible(self.message))

    def format(self) -> str:
        """Render as ``path:line:col: field: message``, the form editors and tools read (escapes made visible)."""
        shown = self.shown()
        where = f"{shown.file}:{self.line}:{self.col}"
        return f"{where}: {shown.field}: {shown.message}" if shown.field else f"{where}: {shown.message}"


class DataError(Exception):
    """Raised when the data cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the data")
        self.problems = problems

    def report(self) -> str:
        """All problems, one per line, in file order."""
        return "\n".join(p.format() for p in sort_problems(self.problems))


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order problems by file, then position, so reports read top to bottom."""
    return sorted(problems, key=lambda p: (p.file, p.line, p.col, p.field, p.message))
