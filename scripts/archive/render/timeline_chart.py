"""The timeline chart: conversations and context events on a time axis, as inline SVG made at build time.

No script is needed to see or use it. Each mark is a link with an accessible name (date and
title); its label shows on hover and keyboard focus (``docs/stylesheets/timeline.css``). Lanes
differ by shape as well as colour. Above ``MARK_LIMIT`` marks, or where marks would pile up,
conversations are grouped by month, year, decade or century, each group one larger mark with its
count, so the chart's size stays bounded however large the archive grows. Every step is linear
in the number of conversations.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from ..model import Event, Transcript
from ..values import MONTHS, PartialDate
from .text import h

WIDTH = 720  # the drawing's width in its own units; the stylesheet scales it to the column
PAD = 16  # room at each end for half a mark
CAPTION = 26  # the row at the top where the label of the mark under the pointer or focus shows
LANE_TITLE = 20  # room for a lane's name
ROW = 26  # one row of marks, and the least distance between two marks in a row (their targets are 24 wide)
AXIS = 34  # the axis line, its ticks and its labels
MARK_LIMIT = 120  # more conversations than this in a chart and they are grouped
MAX_ROWS = 3  # rows a lane may stack marks in before they are grouped more coarsely
LABEL_CHARS = 90  # longest visible label; the accessible name is never shortened
CHAR_WIDTH = 7.2  # a generous average width of one character of a label, to keep it inside the drawing
HIT = 24  # the side of each mark's target, in the drawing's units (never drawn smaller than CSS pixels)
CALL_KINDS = {"telephone-conversation"}


@dataclass(frozen=True, slots=True)
class Lane:
    """One horizontal band of the chart: what it holds and how its marks are drawn."""

    key: str
    name: str
    noun: str  # one of its items, for counts: "3 meetings"
    shape: str  # circle, diamond or square: lanes differ by shape, not colour alone
    plural: str = ""

    def count(self, n: int) -> str:
        """``1 meeting``, ``3 meetings``."""
        return f"{n} {self.noun if n == 1 else (self.plural or self.noun + 's')}"


MEETINGS = Lane("meetings", "Meetings", "meeting", "circle")
CALLS = Lane("calls", "Telephone calls", "telephone call", "diamond")
EVENTS = Lane("events", "Context events", "context event", "square")
SHAPE_WORDS = {"circle": "circles", "diamond": "diamonds", "square": "squares"}


@dataclass(frozen=True, slots=True)
class Item:
    """One conversation or event to place: its date, its name for readers and where its mark leads."""

    date: PartialDate
    title: str  # unescaped
    href: str  # relative link, unescaped
    section: str  # where a group holding it leads (the year's section or page), unescaped

    @property
    def name(self) -> str:
        """Its accessible name and label: date and title (made only for items drawn one by one)."""
        return f"{self.date.human()}: {self.title}"


@dataclass(slots=True)
class Mark:
    """A drawn mark: one item, or a group of items with their count."""

    x: float
    name: str
    href: str
    count: int = 0  # 0 for a single item
    hollow: bool = False
    row: int = 0


@dataclass(frozen=True, slots=True)
class Level:
    """How finely marks are grouped: by item, month, year, decade or century."""

    word: str  # "" for single items
    key: Callable[[PartialDate], tuple[int, int]]
    span: Callable[[tuple[int, int]], tuple[float, float]]  # the period a group covers, in years
    label: Callable[[tuple[int, int]], str]


def _month_span(key: tuple[int, int]) -> tuple[float, float]:
    """The period of a month (of a whole year for dates without a month), as years and fractions."""
    year, month = key
    if not month:
        return year, year + 1.0
    start = _month_start(year, month)
    return start, start + _month_length(year, month)


def _month_label(key: tuple[int, int]) -> str:
    """A month group's name: ``March 1975``."""
    year, month = key
    return f"{MONTHS[month - 1]} {year}" if month else f"{year}, month not known"


LEVELS = (
    Level("", lambda d: (0, 0), lambda k: (0.0, 0.0), lambda k: ""),
    Level("month", lambda d: (d.year, d.month), _month_span, _month_label),
    Level("year", lambda d: (d.year, 0), lambda k: (k[0], k[0] + 1.0), lambda k: str(k[0])),
    Level("decade", lambda d: (d.year // 10, 0), lambda k: (k[0] * 10, k[0] * 10 + 10.0), lambda k: f"{k[0] * 10}s"),
    Level("century", lambda d: (d.year // 100, 0), lambda k: (k[0] * 100, k[0] * 100 + 100.0), lambda k: f"{k[0] * 100}–{k[0] * 100 + 99}"),
)


# --- time to position ---------------------------------------------------------------------


def _days(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def _month_start(year: int, month: int) -> float:
    """The first moment of a month, as a year and fraction."""
    return year + (datetime.date(year, month, 1) - datetime.date(year, 1, 1)).days / _days(year)


def _month_length(year: int, month: int) -> float:
    """A month's share of its year."""
    return calendar.monthrange(year, month)[1] / _days(year)


def _when(date: PartialDate) -> float:
    """The date as a year and fraction: a day at its middle, a month or a year known only at its middle."""
    if not date.month:
        return date.year + 0.5
    start = _month_start(date.year, date.month)
    if not date.day:
        return start + _month_length(date.year, date.month) / 2
    return start + (date.day - 0.5) / _days(date.year)


@dataclass(frozen=True, slots=True)
class Axis:
    """The years the chart spans, whole years from the first item's to the last item's."""

    start: int
    end: int

    def x(self, when: float) -> float:
        """Horizontal position of a moment, in proportion to time."""
        return PAD + (when - self.start) / (self.end - self.start) * (WIDTH - 2 * PAD)

    def ticks(self) -> list[tuple[float, str]]:
        """Where the ticks go and their labels: months for a single year, else years at a round step."""
        if self.end - self.start == 1:
            return [(self.x(_month_start(self.start, m)), MONTHS[m - 1][:3]) for m in range(1, 13)]
        span = self.end - self.start
        step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if span / s <= 12), 2000)
        first = -(-self.start // step) * step
        return [(self.x(year), str(year)) for year in range(first, self.end + 1, step)]


def axis_for(dates: Iterable[PartialDate]) -> Axis | None:
    """The axis that holds every date, or None when there are none."""
    years = [d.year for d in dates]
    return Axis(min(years), max(years) + 1) if years else None


# --- grouping and stacking -------------------------------------------------------------------


def _marks(items: Sequence[Item], level: Level, lane: Lane, axis: Axis) -> list[Mark]:
    """The marks of one lane at one level of grouping, left to right."""
    if not level.word:
        marks = [Mark(axis.x(_when(i.date)), i.name, i.href, hollow=i.date.approximate or i.date.uncertain) for i in items]
    else:
        keyed = sorted(((level.key(i.date), i) for i in items), key=lambda pair: pair[0])
        marks = []
        for key, group in groupby(keyed, key=lambda pair: pair[0]):
            members = [i for _, i in group]
            low, high = level.span(key)
            low, high = max(low, axis.start), min(high, axis.end)
            marks.append(Mark(axis.x((low + high) / 2), f"{level.label(key)}: {lane.count(len(members))}", members[0].section, len(members)))
    marks.sort(key=lambda m: m.x)
    return marks


def _stack(marks: list[Mark], limit: int) -> int:
    """Put each mark in the first row where it stands at least ``ROW`` from the one before; the rows used,
    or ``limit + 1`` as soon as more than ``limit`` would be needed."""
    ends: list[float] = []
    for mark in marks:
        for row, end in enumerate(ends):
            if mark.x - end >= ROW:
                mark.row, ends[row] = row, mark.x
                break
        else:
            if len(ends) == limit:
                return limit + 1
            mark.row = len(ends)
            ends.append(mark.x)
    return len(ends)


def group(lanes: Sequence[tuple[Lane, Sequence[Item]]], axis: Axis, one_by_one: bool = True) -> tuple[str, list[list[Mark]]]:
    """The finest grouping at which each lane stacks its marks in at most ``MAX_ROWS`` rows, items being
    drawn one by one only up to ``MARK_LIMIT`` of them and if ``one_by_one`` (the coarsest, centuries, is
    taken whatever it needs); its word and marks. Stacking bounds the marks a lane can hold, so the chart's
    size is bounded too."""
    total = sum(len(items) for _, items in lanes)
    for level in LEVELS:
        if not level.word and (total > MARK_LIMIT or not one_by_one):
            continue  # too many to draw one by one, or not wanted; do not build them
        marks = [_marks(items, level, lane, axis) for lane, items in lanes]
        last = level is LEVELS[-1]
        if last or all(_stack(m, MAX_ROWS) <= MAX_ROWS for m in marks):
            if last:
                for m in marks:
                    _stack(m, len(m))
            return level.word, marks
    raise AssertionError("unreachable: the last level is always taken")  # pragma: no cover


# --- items from the archive --------------------------------------------------------------------


def conversation_items(transcripts: Iterable[Transcript], link_to: Callable[[Transcript], str], section: Callable[[PartialDate], str]) -> tuple[list[Item], list[Item]]:
    """Meetings and telephone calls as items: named by date and title, linked to their pages."""
    meetings: list[Item] = []
    calls: list[Item] = []
    for t in transcripts:
        title = t.title + (" (draft)" if t.draft else "")
        (calls if t.kind in CALL_KINDS else meetings).append(Item(t.date, title, link_to(t), section(t.date)))
    return meetings, calls


def event_items(events: Iterable[Event], link_to: Callable[[Event], str], section: str) -> list[Item]:
    """Context events as items, linked to their entries in the list of events."""
    return [Item(e.date, e.title, link_to(e), section) for e in events]


# --- drawing ------------------------------------------------------------------------------------


def _n(value: float) -> str:
    """A coordinate, short: one decimal at most."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _shape(shape: str, x: float, y: float, r: float, hollow: bool) -> str:
    """A lane's mark shape centred on (x, y); hollow for an approximate or uncertain date."""
    cls = ' class="tl-s tl-hollow"' if hollow else ' class="tl-s"'
    if shape == "circle":
        return f'<circle{cls} cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"/>'
    if shape == "diamond":
        r *= 1.25
        return f'<path{cls} d="M{_n(x)} {_n(y - r)}l{_n(r)} {_n(r)}l-{_n(r)} {_n(r)}l-{_n(r)}-{_n(r)}z"/>'
    return f'<rect{cls} x="{_n(x - r)}" y="{_n(y - r)}" width="{_n(2 * r)}" height="{_n(2 * r)}"/>'


def _short(text: str) -> str:
    """A label that fits the caption row: cut at a word, with an ellipsis, when too long."""
    if len(text) <= LABEL_CHARS:
        return text
    cut = text[: LABEL_CHARS - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[LABEL_CHARS // 2 :] else cut) + "…"


def _label_place(x: float, width: float) -> tuple[float, str]:
    """Where a label of about ``width`` starts, ends or is centred so that it stays inside the drawing."""
    if x + width <= WIDTH - 2:
        return x, "start"
    if x - width >= 2:
        return x, "end"
    return min(max(x, width / 2 + 2), WIDTH - width / 2 - 2), "middle"


def _mark(mark: Mark, shape: str, y: float) -> str:
    """One mark: a link named by its date and title, its target, its shape, and its label and guide line
    (hidden by the stylesheet until the mark has the pointer or the focus)."""
    r = 11 if mark.count else 6
    label = _short(mark.name)
    x, side = _label_place(mark.x, len(label) * CHAR_WIDTH)
    anchor = "" if side == "start" else f' text-anchor="{side}"'
    count = f'<text class="tl-count" x="{_n(mark.x)}" y="{_n(y + 4)}">{mark.count}</text>' if mark.count else ""
    if mark.count >= 1000:
        count = count.replace('class="tl-count"', 'class="tl-count tl-small"')
    return (
        f'<a href="{h(mark.href)}" aria-label="{h(mark.name)}">'
        f'<rect class="tl-hit" x="{_n(mark.x - HIT / 2)}" y="{_n(y - HIT / 2)}" width="{HIT}" height="{HIT}"/>'
        f"{_shape(shape, mark.x, y, r, mark.hollow)}{count}"
        f'<line class="tl-guide" x1="{_n(mark.x)}" y1="{CAPTION - 4}" x2="{_n(mark.x)}" y2="{_n(y - r - 3)}"/>'
        f'<text class="tl-label" x="{_n(x)}" y="{CAPTION - 9}"{anchor}>{h(label)}</text></a>'
    )


def _lane(lane: Lane, marks: list[Mark], top: float) -> tuple[str, float]:
    """A lane's name, its rule and its marks; the markup and the lane's height."""
    rows = max((m.row for m in marks), default=0) + 1
    height = LANE_TITLE + rows * ROW
    first = top + LANE_TITLE + ROW / 2
    body = "".join(_mark(m, lane.shape, first + m.row * ROW) for m in marks)
    return (
        f'<g class="tl-lane tl-{lane.key}" role="group" aria-label="{lane.name}">'
        f'<text class="tl-name" x="{PAD + 12}" y="{_n(top + 13)}" aria-hidden="true">{lane.name}</text>'
        f'<g aria-hidden="true">{_shape(lane.shape, PAD + 4, top + 9, 4, False)}</g>'
        f'<line class="tl-rule" x1="{PAD}" y1="{_n(first)}" x2="{WIDTH - PAD}" y2="{_n(first)}"/>'
        f"{body}</g>",
        height,
    )


def _axis(axis: Axis, top: float, bottom: float) -> str:
    """Grid lines through the lanes, and the axis with its ticks and labels below them."""
    ticks = axis.ticks()
    grid = "".join(f'<line x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(bottom)}"/>' for x, _ in ticks)
    labels = "".join(
        f'<line x1="{_n(x)}" y1="{_n(bottom)}" x2="{_n(x)}" y2="{_n(bottom + 5)}"/><text x="{_n(x)}" y="{_n(bottom + 19)}">{label}</text>'
        for x, label in ticks
    )
    return (
        f'<g class="tl-grid" aria-hidden="true">{grid}</g>'
        f'<g class="tl-axis" aria-hidden="true"><line x1="{PAD}" y1="{_n(bottom)}" x2="{WIDTH - PAD}" y2="{_n(bottom)}"/>{labels}</g>'
    )


def _caption(lanes: Sequence[tuple[Lane, list[Mark]]], grouped: dict[str, str]) -> str:
    """What the chart shows, in words: lanes and their shapes, hollow marks, grouping, and where the text is."""
    names = [f"{lane.name.lower()} ({SHAPE_WORDS[lane.shape]})" for lane, _ in lanes]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    parts = [f"The conversations by date, in lanes: {listed}; gaps in time are drawn to scale."]
    if any(m.hollow for _, marks in lanes for m in marks):
        parts.append("Hollow marks have approximate or uncertain dates.")
    for what, word in grouped.items():
        if word:
            parts.append(f"{what} are grouped by {word}, each mark showing how many it holds.")
    parts.append("Point at a mark or move to it with the Tab key to see its date and title; it links to its entry. The list below gives the same in text.")
    return " ".join(parts)


def chart(conversations: tuple[list[Item], list[Item]], events: list[Item], one_by_one: bool = True, chart_id: str = "timeline-chart") -> str:
    """The chart as one line of HTML (a figure holding the SVG and its caption); empty with nothing to show.

    Without ``one_by_one`` (the overview of an archive split into pages by year), conversations are
    always grouped, each group leading to the page that lists them."""
    meetings, calls = conversations
    axis = axis_for(i.date for i in (*meetings, *calls, *events))
    if axis is None:
        return ""
    wanted = [(lane, items) for lane, items in ((MEETINGS, meetings), (CALLS, calls)) if items]
    word, marks = group(wanted, axis, one_by_one) if wanted else ("", [])
    lanes = [(lane, m) for (lane, _), m in zip(wanted, marks)]
    event_word = ""
    if events:
        event_word, (event_marks,) = group([(EVENTS, events)], axis)
        lanes.append((EVENTS, event_marks))
    top, drawn = CAPTION, []
    for lane, lane_marks in lanes:
        markup, height = _lane(lane, lane_marks, top)
        drawn.append(markup)
        top += height
    height = top + AXIS
    caption = _caption(lanes, {"Conversations": word, "Context events": event_word})
    return (
        f'<figure class="tl-figure"><div class="tl-scroll">'
        f'<svg class="tl-chart" viewBox="0 0 {WIDTH} {_n(height)}" width="{WIDTH}" height="{_n(height)}" aria-labelledby="{chart_id}-caption">'
        f"{_axis(axis, CAPTION, top)}{''.join(drawn)}</svg></div>"
        f'<figcaption id="{chart_id}-caption">{h(caption)}</figcaption></figure>'
    )


def events_in_order(events: Mapping[str, Event]) -> list[Event]:
    """Context events by date, then id."""
    return sorted(events.values(), key=lambda e: (e.date.sort_key(), e.id))
