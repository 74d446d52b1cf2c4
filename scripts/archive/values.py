"""Value types the data uses: dates as written, time spans, and the kinds of text.

Each kind of text is an ``Annotated[str, ...]`` marker read by the validator
(``shape.py``) and by the JSON Schema export, so a rule is declared once.
"""

from __future__ import annotations

import calendar
import datetime
import os
import re
from dataclasses import dataclass
from typing import Annotated

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]

# Every fixed format is matched in ASCII only (re.ASCII: \d is 0-9) and to the very end of the text (fullmatch:
# no "$" that lets a final newline through); the ^...$ forms are for the JSON Schema, whose patterns are unanchored.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID = re.compile(ID_PATTERN[1:-1], re.ASCII)
# How `make new` marks the values an editor still has to write; a published entry may hold none.
PLACEHOLDER = "Draft: "
ID_MAX = 64


@dataclass(frozen=True, slots=True)
class TextRule:
    """How a text field is checked: one line or several; markup allowed or not."""

    kind: str  # "line", "text", "markup", "url", "id", "ref"
    registry: str = ""  # for kind "ref": people, sources, topics, excerpts


Line = Annotated[str, TextRule("line")]
Text = Annotated[str, TextRule("text")]
Markup = Annotated[str, TextRule("markup")]
Url = Annotated[str, TextRule("url")]
Id = Annotated[str, TextRule("id")]
PersonRef = Annotated[str, TextRule("ref", "people")]
SourceRef = Annotated[str, TextRule("ref", "sources")]
TopicRef = Annotated[str, TextRule("ref", "topics")]
ExcerptRef = Annotated[str, TextRule("ref", "excerpts")]


class ValueProblem(ValueError):
    """A value that does not fit its type; the message says what was expected."""


def _digits_hint(text: str) -> str:
    """What to change in a value whose digits are not 0-9 (full-width, Arabic-Indic, ...), or nothing."""
    return "; write its digits as 0-9" if any(c.isdigit() and not c.isascii() for c in text) else ""


_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)", re.ASCII)


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date as historians write it: year, month or day, possibly approximate or uncertain."""

    year: int
    month: int = 0
    day: int = 0
    qualifier: str = ""  # "", "~" approximate, "?" uncertain, "%" both

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` with an optional ``~``, ``?`` or ``%``."""
        match = _DATE.fullmatch(text)
        if not match:
            raise ValueProblem(
                f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD (optionally followed by ~ or ?), got '{text}'{_digits_hint(text)}"
            )
        year, month, day, qualifier = int(match[1]), int(match[2] or 0), int(match[3] or 0), match[4]
        if year < 1000:
            raise ValueProblem(f"year {match[1]} is not a real year in '{text}'")
        if match[2] and not 1 <= month <= 12:
            raise ValueProblem(f"month {match[2]} does not exist in '{text}'")
        if match[3] and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueProblem(f"day {match[3]} does not exist in {MONTHS[month - 1]} {year} ('{text}')")
        return cls(year, month, day, qualifier)

    def iso(self) -> str:
        """The date as written, normalised: ``2001-06-16``, ``2001-06`` or ``2001``, with qualifier."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text + self.qualifier

    def sort_key(self) -> tuple[int, int, int]:
        """Key that sorts partial dates before full dates of the same period."""
        return (self.year, self.month, self.day)

    def words(self, day_first: bool = True) -> str:
        """The date in words without its qualifier: ``16 June 2001`` (or ``June 16, 2001``), ``June 2001``, ``2001``."""
        if self.day:
            return f"{self.day} {MONTHS[self.month - 1]} {self.year}" if day_first else f"{MONTHS[self.month - 1]} {self.day}, {self.year}"
        return f"{MONTHS[self.month - 1]} {self.year}" if self.month else str(self.year)

    @property
    def approximate(self) -> bool:
        """Written with ``~`` or ``%``."""
        return "~" in self.qualifier or "%" in self.qualifier

    @property
    def uncertain(self) -> bool:
        """Written with ``?`` or ``%``."""
        return "?" in self.qualifier or "%" in self.qualifier

    def human(self) -> str:
        """The date in words: ``16 June 2001``, ``June 2001``, ``about 2001``, ``2001 (uncertain)``."""
        return ("about " if self.approximate else "") + self.words() + (" (uncertain)" if self.uncertain else "")


def today() -> datetime.date:
    """Today's date; ``ARCHIVE_TODAY`` (YYYY-MM-DD) sets another, for tests that must not depend on the calendar."""
    fixed = os.environ.get("ARCHIVE_TODAY")
    return datetime.date.fromisoformat(fixed) if fixed else datetime.date.today()


def past_date(text: str) -> PartialDate:
    """Parse a date that must not lie in the future."""
    date = PartialDate.parse(text)
    now = today()
    if date.sort_key() > (now.year, now.month, now.day):
        raise ValueProblem(f"'{text}' is in the future (today is {now.isoformat()})")
    return date


_TIME = re.compile(r"(\d{2}):(\d{2})(?:-(\d{2}):(\d{2}))?", re.ASCII)


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A local time or span of time, ``HH:MM`` or ``HH:MM-HH:MM`` on a 24-hour clock."""

    start: str
    end: str = ""

    @classmethod
    def parse(cls, text: str) -> TimeSpan:
        """Parse and check a time or time span."""
        match = _TIME.fullmatch(text)
        if not match:
            raise ValueProblem(f"expected a time as HH:MM or HH:MM-HH:MM (24-hour clock), got '{text}'{_digits_hint(text)}")
        hours_minutes = [int(g) for g in match.groups() if g is not None]
        if any(h > 23 for h in hours_minutes[0::2]) or any(m > 59 for m in hours_minutes[1::2]):
            raise ValueProblem(f"'{text}' is not a time of day")
        start, end = text.partition("-")[0], text.partition("-")[2]
        if end and end <= start:
            raise ValueProblem(f"the span '{text}' ends before it starts")
        return cls(start, end)

    def human(self) -> str:
        """``10:00–11:00`` with an en dash."""
        return f"{self.start}–{self.end}" if self.end else self.start
