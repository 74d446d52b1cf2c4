"""Where a piece of text sits in a data file, counted as the checker counts: lines and columns from 1.

Tests use these to write the position of an expected problem from the text they edited, so a field added
elsewhere in a shared fixture moves the position and the expectation together.
"""

from __future__ import annotations

from pathlib import Path


def offsets(text: str, needle: str) -> list[int]:
    """Every character offset where ``needle`` begins in ``text``, overlapping ones included."""
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def position(text: str, needle: str, nth: int | None = None, *, after: str = "") -> tuple[int, int]:
    """Line and column of ``needle`` written right after ``after``: its ``nth`` occurrence, or its only one."""
    found = offsets(text, after + needle)
    if nth is None:
        assert len(found) == 1, f"{after + needle!r} occurs {len(found)} times; make it longer or pass nth"
        nth = 1
    assert 1 <= nth <= len(found), f"{after + needle!r} occurs {len(found)} times, not {nth}"
    offset = found[nth - 1] + len(after)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def line_col(file: Path, needle: str, nth: int | None = None, *, after: str = "") -> tuple[int, int]:
    """Line and column in the file where ``needle`` begins (the one right after ``after``, or its ``nth`` occurrence)."""
    return position(file.read_text(encoding="utf-8"), needle, nth, after=after)


def at(file: Path, needle: str, nth: int | None = None, *, after: str = "") -> str:
    """``line:col`` in the file where ``needle`` begins, found as ``line_col`` finds it."""
    line, col = line_col(file, needle, nth, after=after)
    return f"{line}:{col}"


def line_of(file: Path, needle: str, nth: int | None = None, *, after: str = "") -> int:
    """The line in the file where ``needle`` begins, found as ``line_col`` finds it."""
    return line_col(file, needle, nth, after=after)[0]


def top(file: Path) -> str:
    """``line:col`` where the file's top-level mapping begins: its first line that is not blank or a comment."""
    lines = file.read_text(encoding="utf-8").split("\n")
    first = next(n for n, line in enumerate(lines, 1) if line.strip() and not line.lstrip().startswith("#"))
    return f"{first}:1"
