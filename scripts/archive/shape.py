"""Step 2a, validate shape: turn a YAML tree into model records, or say precisely why not.

The rules are built from the model's fields as ``fields.py`` reads them, so the
data's shape is declared once. Every problem is collected; a field that fails is
left out of the result, and the record that holds it is dropped, so the
caller never sees a half-valid record. References are only gathered here
(with where they were written, by field path); ``references.py`` checks what
they point at.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import fields, markup
from .characters import Refused
from .model import Transcript
from .problems import FieldPath, Problem
from .strict_yaml import Map, Node, Scalar, Seq
from .text_rules import check_text, refused_character
from .values import PLACEHOLDER, TimeSpan, ValueProblem, past_date

INVALID: Any = object()
DATE = "date"  # the registry name of a date's mark: dates point at nothing, their order is checked
PLACEHOLDER_MARK = "placeholder"  # a value `make new` wrote for the editor to replace
DRAFT_MARK = "draft"
DRAFT = fields.pattern(Transcript, "draft")
_NEWLINE = re.compile("\n")


@dataclass(slots=True)
class Mark:
    """An id or a reference as written in a file: its value and where it stands."""

    registry: str  # "" for an id, else the registry a reference points into
    value: str
    line: int
    col: int


@dataclass(slots=True)
class Context:
    """What converting one file collects: its problems, and every id and reference by field path."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    marks: dict[FieldPath, Mark] = field(default_factory=dict)
    text: str = ""  # the file's text, to point at a character inside a value
    _line_starts: list[int] | None = None

    def problem(self, node: Node, path: FieldPath, message: str) -> Any:
        """Record a problem at a node; return INVALID for the caller to pass up."""
        self.problems.append(Problem(self.file, node.line, node.col, path, message))
        return INVALID

    def character_problem(self, node: Scalar, path: FieldPath, refused: Refused) -> Any:
        """Record a refused character at the line and column where it is written.

        A character written as an escape (``"\\uFFFE"``) is not in the file's text;
        the problem then points at the start of the value.
        """
        found = self.text.find(refused.char, node.start, node.end) if self.text else -1
        if found < 0:
            return self.problem(node, path, refused.message())
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in _NEWLINE.finditer(self.text))]
        line = bisect.bisect_right(self._line_starts, found)
        col = found - self._line_starts[line - 1] + 1
        self.problems.append(Problem(self.file, line, col, path, refused.message()))
        return INVALID


Convert = Callable[[Node, FieldPath, Context], Any]


def _describe(node: Node) -> str:
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    return f"'{node.value}'" if node.value else "nothing"


def _close(value: str, options: list[str] | tuple[str, ...]) -> list[str]:
    """The allowed word closest to a mistyped one; long values are not compared (that costs time, and helps no one)."""
    return difflib.get_close_matches(value, options, n=1) if len(value) <= 64 else []


def _scalar(node: Node, path: FieldPath, ctx: Context, expected: str) -> str | None:
    """The node's text, or None after recording why it is not usable text."""
    if not isinstance(node, Scalar):
        ctx.problem(node, path, f"expected {expected}, got {_describe(node)}")
        return None
    if node.plain and not node.value.strip():
        ctx.problem(node, path, "is empty; write a value or remove the field")
        return None
    return node.value


def _text(kind: str, registry: str = "") -> Convert:
    """Converter for a kind of text (line, text, markup, url, id; ref for a reference into ``registry``)."""
    expected = {"url": "a link", "id": "an id", "ref": "an id"}.get(kind, "text")
    strip, is_markup, is_id = kind in ("text", "markup"), kind == "markup", kind in ("id", "ref")

    def convert(node: Node, path: FieldPath, ctx: Context) -> Any:
        if type(node) is not Scalar:
            return ctx.problem(node, path, f"expected {expected}, got {_describe(node)}")
        value = node.value.strip() if strip else node.value
        refused = refused_character(value, kind)
        if refused is not None:
            return ctx.character_problem(node, path, refused)
        message = check_text(kind, value)
        if message is None and is_markup:
            message = markup.check(value)
        if message:
            return ctx.problem(node, path, message)
        if is_id:
            ctx.marks[path] = Mark(registry, value, node.line, node.col)
        elif value.startswith(PLACEHOLDER):
            ctx.marks[path] = Mark(PLACEHOLDER_MARK, value, node.line, node.col)
        return value

    return convert


def _bool(node: Node, path: FieldPath, ctx: Context) -> Any:
    value = _scalar(node, path, ctx, "true or false")
    if value is None:
        return INVALID
    if not isinstance(node, Scalar) or not node.plain or value not in ("true", "false"):
        return ctx.problem(node, path, f"expected true or false, got '{value}'")
    if path == DRAFT and value == "true":
        ctx.marks[path] = Mark(DRAFT_MARK, value, node.line, node.col)
    return value == "true"


def _choice(choice: fields.Choice) -> Convert:
    options, labels = choice.options, choice.labelled()
    # Beside each value, the word readers see for it, where that is not just the value itself.
    shown = {o: labels[o] for o in labels if labels[o].lower() != o.replace("-", " ")}
    listed = ", ".join(f"{o} ({shown[o]})" if o in shown else o for o in options)

    def convert(node: Node, path: FieldPath, ctx: Context) -> Any:
        value = _scalar(node, path, ctx, f"one of {listed}")
        if value is None:
            return INVALID
        if value not in options:
            hint = _close(value, options)
            more = f" (did you mean '{hint[0]}'?)" if hint else ""
            return ctx.problem(node, path, f"expected one of {listed}; got '{value}'{more}")
        return value

    return convert


def _parsed(parse: Callable[[str], Any], expected: str) -> Convert:
    def convert(node: Node, path: FieldPath, ctx: Context) -> Any:
        value = _scalar(node, path, ctx, expected)
        if value is None:
            return INVALID
        try:
            return parse(value)
        except ValueProblem as err:
            return ctx.problem(node, path, str(err))

    return convert


def _dated(convert: Convert) -> Convert:
    """A date converter that also records where the date stands, for the checks of date order."""

    def dated(node: Node, path: FieldPath, ctx: Context) -> Any:
        value = convert(node, path, ctx)
        if value is not INVALID:
            ctx.marks[path] = Mark(DATE, value.iso(), node.line, node.col)
        return value

    return dated


def _list(item: Convert, minimum: int) -> Convert:
    def convert(node: Node, path: FieldPath, ctx: Context) -> Any:
        if not isinstance(node, Seq):
            return ctx.problem(node, path, f"expected a list, got {_describe(node)}")
        if len(node.items) < minimum:
            return ctx.problem(node, path, f"needs at least {minimum} item{'s' if minimum > 1 else ''}")
        values = [item(child, (*path, i), ctx) for i, child in enumerate(node.items)]
        return INVALID if any(v is INVALID for v in values) else values

    return convert


def _record(record: fields.Record) -> Convert:
    """Converter for a model record: known keys only, required ones present."""
    cls, names = record.cls, [f.name for f in record.fields]
    plan = [(f.name, converter(f.kind), not f.required) for f in record.fields]

    def convert(node: Node, path: FieldPath, ctx: Context, derived: dict[str, Any] | None = None) -> Any:
        if not isinstance(node, Map):
            return ctx.problem(node, path, f"expected a mapping of fields, got {_describe(node)}")
        ok = True
        misspelt: set[str] = set()  # fields an unknown key was probably meant to be
        for key, key_node in node.keys.items():
            if key not in names:
                hint = _close(key, [n for n in names if n not in node.values])
                if hint:
                    misspelt.add(hint[0])
                    message = f"unknown field '{key}'; did you mean '{hint[0]}'?"
                else:
                    message = f"unknown field '{key}' (allowed: {', '.join(names)})"
                ctx.problem(key_node, (*path, key), message)
                ok = False
        values: dict[str, Any] = dict(derived or {})
        for name, convert_field, optional in plan:
            child = node.values.get(name)
            if child is None:
                if not optional and name not in misspelt:  # a misspelt field is reported once, as unknown
                    ctx.problem(node, (*path, name), "missing required field")
                ok = ok and optional
                continue
            value = convert_field(child, (*path, name), ctx)
            if value is INVALID:
                ok = False
            else:
                values[name] = value
        return cls(**values) if ok else INVALID

    return convert


def registry(cls: type) -> Callable[[Node, Context], dict[str, Any]]:
    """Converter for a registry file: a mapping from ids to records of ``cls``."""
    record = _record(fields.record(cls))
    check_id = _text("id")

    def convert(node: Node, ctx: Context) -> dict[str, Any]:
        if not isinstance(node, Map):
            ctx.problem(node, (), f"the top level must be a mapping from ids to entries, got {_describe(node)}")
            return {}
        result = {}
        for key, value_node in node.values.items():
            if check_id(node.keys[key], (key,), ctx) is INVALID:
                continue
            value = record(value_node, (key,), ctx, {"id": key})
            if value is not INVALID:
                result[key] = value
        return result

    return convert


def document(cls: type) -> Callable[[Node, Context, dict[str, Any]], Any]:
    """Converter for a file that holds one record of ``cls`` (e.g. a transcript)."""
    record = _record(fields.record(cls))

    def convert(node: Node, ctx: Context, derived: dict[str, Any]) -> Any:
        if isinstance(node, Scalar) and node.plain and not node.value:
            return ctx.problem(node, (), "file has no fields; expected a mapping of fields")
        if not isinstance(node, Map):
            return ctx.problem(node, (), f"the top level must be a mapping of fields, got {_describe(node)}")
        return record(node, (), ctx, derived)

    return convert


_CACHE: dict[fields.Kind, Convert] = {}


def converter(kind: fields.Kind) -> Convert:
    """Build (once) the converter for a kind of field."""
    if kind not in _CACHE:
        _CACHE[kind] = _build(kind)
    return _CACHE[kind]


def _build(kind: fields.Kind) -> Convert:
    match kind:
        case fields.Text(rule):
            return _text(rule)
        case fields.Reference(into):
            return _text("ref", into)
        case fields.ListOf(item, minimum):
            return _list(converter(item), minimum)
        case fields.Choice():
            return _choice(kind)
        case fields.YesNo():
            return _bool
        case fields.Date():
            return _dated(_parsed(past_date, "a date"))
        case fields.Time():
            return _parsed(TimeSpan.parse, "a time")
        case fields.Record():
            return _record(kind)
    raise TypeError(f"no converter for {kind!r}")  # pragma: no cover - fields.py describes no other kind
