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

from dataclasses import dataclass, field
from pathlib import Path

import yaml

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
    extra: list[Node] = field(default_factory=list)


def decode(data: bytes) -> str:
    """Decode UTF-8 (a BOM is allowed), refusing other encodings with a position."""
    if len(data) > MAX_BYTES:
        raise YamlError(f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes (1 MiB)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise YamlError("file is not UTF-8 (it looks like UTF-16 or UTF-32); save it as UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise YamlError(f"file is not valid UTF-8 (byte 0x{data[err.start]:02x}); save it as UTF-8", line, col) from None


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


def _attach(stack: list[_Open], node: Node) -> Node | None:
    """Put a finished node into its parent; return it when it is the document root."""
    if not stack:
        return node
    top = stack[-1]
    parent = top.node
    if isinstance(parent, Seq):
        parent.items.append(node)
        return None
    if top.pending_key is None:
        if not isinstance(node, Scalar):
            raise YamlError("a key must be plain text, not a list or mapping", node.line, node.col)
        if node.value in parent.values:
            first = parent.keys[node.value]
            raise YamlError(
                f"duplicate key '{node.value}' (first written at line {first.line}); keep only one",
                node.line,
                node.col,
            )
        top.pending_key = node
        return None
    parent.keys[top.pending_key.value] = top.pending_key
    parent.values[top.pending_key.value] = node
    top.pending_key = None
    return None


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column, or '' past the end."""
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""


def parse(text: str) -> Node:
    """Parse one YAML document into a tree of :class:`Scalar`, :class:`Seq` and :class:`Map`."""
    parser = _Parser(text)
    stack: list[_Open] = []
    root: Node | None = None
    documents = 0
    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                _check_plain(event)
                line, col = _mark(event)
                done = _attach(stack, Scalar(event.value, line, col, event.implicit[0]))
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                _check_plain(event)
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(f"nesting is deeper than {MAX_DEPTH} levels", *_mark(event))
                line, col = _mark(event)
                node: Seq | Map = Map({}, {}, line, col) if kind is yaml.MappingStartEvent else Seq([], line, col)
                stack.append(_Open(node))
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = _attach(stack, stack.pop().node)
            elif kind is yaml.AliasEvent:
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
            if done is not None:
                root = done
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if _char_at(text, mark.line, mark.column) == "\t":
            raise YamlError("tabs are not allowed in YAML indentation; use spaces", mark.line + 1, mark.column + 1) from None
        message = ": ".join(str(part) for part in (err.context, err.problem) if part)
        raise YamlError(f"YAML syntax error: {message}", mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as err:  # pragma: no cover - libyaml always gives marks
        raise YamlError(f"YAML syntax error: {err}") from None
    if root is None:
        raise YamlError("file is empty; expected a mapping of fields")
    return root


def load(path: Path) -> Node:
    """Read and parse one file; raise :class:`YamlError` on anything not accepted."""
    return parse(decode(path.read_bytes()))
