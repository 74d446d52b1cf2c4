"""Problems found in the data: one record per mistake, with where it is."""

from __future__ import annotations

from dataclasses import dataclass

from .characters import visible

FieldPath = tuple[str | int, ...]  # field names and list indices, e.g. ("excerpts", 1, "speaker"); () for the whole file


def field_text(path: FieldPath) -> str:
    """A field path as reports print it: ``("excerpts", 1, "speaker")`` is ``excerpts[1].speaker``."""
    text = ""
    for step in path:
        text += f"[{step}]" if type(step) is int else f".{step}" if text else step
    return text


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in one file, at a line and column (both 1-based), in a field given by its path."""

    file: str
    line: int
    col: int
    field: FieldPath
    message: str

    def __post_init__(self) -> None:
        if not isinstance(self.field, tuple):
            raise TypeError(f"a problem's field is a path such as ('excerpts', 1, 'speaker'), got {self.field!r}")

    def shown(self) -> Problem:
        """The same problem with control, formatting and separator characters written as escapes."""
        field = tuple(visible(step) if type(step) is str else step for step in self.field)
        return Problem(visible(self.file), self.line, self.col, field, visible(self.message))

    def format(self) -> str:
        """Render as ``path:line:col: field: message``, the form editors and tools read (escapes made visible)."""
        shown = self.shown()
        where, field = f"{shown.file}:{self.line}:{self.col}", field_text(shown.field)
        return f"{where}: {field}: {shown.message}" if field else f"{where}: {shown.message}"


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
    return sorted(problems, key=lambda p: (p.file, p.line, p.col, field_text(p.field), p.message))
