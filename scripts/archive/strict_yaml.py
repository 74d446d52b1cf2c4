"""Step 1, load: read one YAML file strictly into a tree of text with line marks.

Only the subset of YAML that an editor needs is accepted: mappings, sequences
and scalars. Every scalar stays the text the editor typed (``NO`` is the text
``NO``, ``1:30`` is not 90); the validator decides what a text may be.
Anchors, aliases, tags, duplicate keys, several documents, deep nesting,
huge files and anything that is not UTF-8 are refused with the line they are on.
The tree is built from libyaml's event stream, so no YAML object is ever
constructed and no alias is ever expanded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import characters

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32

if not getattr(yaml, "__with_libyaml__", False):  # pragma: no cover - depends on the install
    raise ImportError("PyYAML was installed without libyaml; reinstall it from the lock file")

_Parser = yaml.CBaseLoader


@dataclass(slots=True)
class Scalar:
    """A text value; ``plain`` is False when the editor quoted it."""

    value: str
    line: int
    col: int
    plain: bool = True
    start: int = 0  # where the scalar is written in the file's text (character offsets)
    end: int = 0


@dataclass(slots=True)
class Seq:
    """A list of nodes."""

    items: list[Node]
    line: int
    col: int


@dataclass(slots=True)
class Map:
    """A mapping from text keys to nodes; ``keys`` keeps where each key was written."""

    values: dict[str, Node]
    keys: dict[str, Scalar]
    line: int
    col: int


Node = Scalar | Seq | Map


@dataclass(slots=True)
class YamlError(Exception):
    """The file is not YAML this archive accepts; ``line``/``col`` are 1-based."""

    message: str
    line: int = 1
    col: int = 1


@dataclass(slots=True)
class _Open:
    """A collection being filled while events stream in."""

    node: Seq | Map
    pending_key: Scalar | None = None


def decode(data: bytes) -> str:
    """Decode UTF-8 (a BOM is allowed), refusing other encodings with a position."""
    if len(data) > MAX_BYTES:
        raise YamlError(f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes (1 MiB)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise YamlError("file is not UTF-8 (it looks like UTF-16 or UTF-32); save it as UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise YamlError(f"file is not valid UTF-8 (byte 0x{data[err.start]:02x}); save it as UTF-8", line, col) from None
    _refuse_odd_line_breaks(text)
    return text


_ODD_BREAKS = re.compile("[\x85\u2028\u2029]|\r(?!\n)")
_ODD_BREAK_CHARACTERS = "\r\x85\u2028\u2029"  # a text without any of these has no odd line break


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, counting line feeds as editors do."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _refuse_odd_line_breaks(text: str) -> None:
    """Refuse line breaks that YAML counts and editors do not, so every line number stays right."""
    if not any(odd in text for odd in _ODD_BREAK_CHARACTERS):  # plain searches, much quicker than the pattern
        return
    found = _ODD_BREAKS.search(text)
    if found is None:
        return
    line, col = _line_col(text, found.start())
    what = characters.describe(found.group()) if found.group() != "\r" else "a carriage return not followed by a line feed"
    raise YamlError(f"the file holds {what}, a line break that editors do not show as one; use ordinary line breaks (LF or CRLF)", line, col)


def _mark(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _check_plain(event: yaml.Event) -> None:
    """Refuse anchors and explicit tags on any node."""
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        raise YamlError(f"anchors (&{anchor}) are not allowed; write the value out in full", *_mark(event))
    tag = getattr(event, "tag", None)
    if tag is not None:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise YamlError(f"tags ({shown}) are not allowed; remove the tag and write plain text", *_mark(event))


def _duplicate(parent: Map, key: Scalar) -> YamlError:
    first = parent.keys[key.value]
    return YamlError(f"duplicate key '{key.value}' (first written at line {first.line}); keep only one", key.line, key.col)


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column, or '' past the end."""
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""


# What to do about the syntax errors editors meet most, keyed by the words libyaml uses.
_ADVICE = [
    ("mapping values are not allowed", "a value holds ': ' (a colon and a space), which YAML reads as a new field; put the whole value in quotes"),
    ("cannot start any token", "the value starts with a character YAML reserves, such as @ or `; put the whole value in quotes"),
    ("found unexpected end of stream", "a quotation mark opened here is never closed; close it"),
    ("did not find expected key", "this line is not indented like the fields around it; line up the fields that belong together"),
    ("did not find expected ',' or ']'", "a list in [ ] is not closed, or an item in it holds a comma or colon; close it with ] or put that item in quotes"),
    ("did not find expected ',' or '}'", "a mapping in { } is not closed, or a value in it holds a comma; close it with } or put that value in quotes"),
    ("could not find expected ':'", "a line has no ':' after its field name; write 'field: value'"),
    ("found unknown escape character", "a backslash in a value in double quotes starts an escape; write \\\\ for a backslash, or use single quotes"),
]


def _advice(problem: str) -> str | None:
    """What to do about a libyaml syntax error, in plain words, if it is a common one."""
    return next((advice for words, advice in _ADVICE if words in problem), None)


def _runaway_quote(scalar: Any, error: Any) -> YamlError | None:
    """A quoted value that ran on over lines and was closed by a later value's quotation mark, just before the
    error on that line: almost always a quotation mark left open where the value starts."""
    if scalar is None or scalar.style not in ('"', "'") or error is None:
        return None
    start, end = scalar.start_mark, scalar.end_mark
    if start.line == end.line or error.line != end.line:
        return None
    return YamlError(
        f"YAML syntax error: a quotation mark ({scalar.style}) opened here is not closed on this line, so the value runs on "
        f"to line {end.line + 1}, where the next {scalar.style} closes it; close it on this line",
        start.line + 1, start.column + 1,
    )


def parse(text: str) -> Node:
    """Parse one YAML document into a tree of :class:`Scalar`, :class:`Seq` and :class:`Map`."""
    get_event = _Parser(text).get_event
    stack: list[_Open] = []
    root: Node | None = None
    documents = 0
    scalar_event, alias_event, end_events = yaml.ScalarEvent, yaml.AliasEvent, (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    start_events = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    last_scalar: Any = None  # the last value read: an error just after a quoted one may be its unclosed quotation mark
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                last_scalar = event
                if event.anchor is not None or event.tag is not None:
                    _check_plain(event)
                mark = event.start_mark
                node: Node = Scalar(event.value, mark.line + 1, mark.column + 1, event.implicit[0], mark.index, event.end_mark.index)
            elif kind in start_events:
                _check_plain(event)
                mark = event.start_mark
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels", mark.line + 1, mark.column + 1)
                opened = Map({}, {}, mark.line + 1, mark.column + 1) if kind is yaml.MappingStartEvent else Seq([], mark.line + 1, mark.column + 1)
                stack.append(_Open(opened))
                continue
            elif kind in end_events:
                node = stack.pop().node
            elif kind is alias_event:
                raise YamlError(f"aliases (*{event.anchor}) are not allowed; write the value out in full", *_mark(event))
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlError("a file holds one YAML document; remove the second '---' and what follows", *_mark(event))
                continue
            elif kind is yaml.StreamEndEvent:
                break
            else:
                continue
            # Put the finished node into its parent (a list, or a mapping as key or value).
            if not stack:
                root = node
                continue
            top = stack[-1]
            parent = top.node
            if type(parent) is Seq:
                parent.items.append(node)
            elif top.pending_key is None:
                if type(node) is not Scalar:
                    raise YamlError("a key must be plain text, not a list or mapping", node.line, node.col)
                if node.value in parent.values:
                    raise _duplicate(parent, node)
                top.pending_key = node
            else:
                key = top.pending_key
                parent.keys[key.value] = key
                parent.values[key.value] = node
                top.pending_key = None
    except yaml.reader.ReaderError as err:
        line, col = _line_col(text, err.position)
        char = chr(err.character) if isinstance(err.character, int) else str(err.character)
        raise YamlError(f"the file holds {characters.describe(char)}, which YAML does not allow; remove it", line, col) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if _char_at(text, mark.line, mark.column) == "\t":
            raise YamlError("tabs are not allowed in YAML indentation; use spaces", mark.line + 1, mark.column + 1) from None
        runaway = _runaway_quote(last_scalar, mark)
        if runaway is not None:
            raise runaway from None
        message = ": ".join(str(part) for part in (err.context, err.problem) if part)
        advice = _advice(str(err.problem or ""))
        if advice and "quoted scalar" in str(err.context or "") and err.context_mark is not None:
            mark = err.context_mark  # an unclosed quotation mark: point at where it opens
        shown = f"{advice} ({message})" if advice else message
        raise YamlError(f"YAML syntax error: {shown}", mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as err:  # pragma: no cover - libyaml always gives marks
        raise YamlError(f"YAML syntax error: {err}") from None
    if root is None:
        raise YamlError("file is empty; expected a mapping of fields")
    return root


def load(path: Path) -> Node:
    """Read and parse one file; raise :class:`YamlError` on anything not accepted."""
    return load_with_text(path)[1]


def load_with_text(path: Path) -> tuple[str, Node]:
    """The file's text and its tree (the text lets a problem point at a character in a value)."""
    text = decode(path.read_bytes())
    return text, parse(text)
