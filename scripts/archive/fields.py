"""The model's fields, read once from its type hints into small frozen descriptions.

Everything that needs to know what a field holds reads these descriptions, never
the type hints: the validator (``shape.py``), the JSON Schema (``json_schema.py``),
the field reference page and the hostile-input tests. Code that looks for a field
by its place in a file names it with :func:`pattern`, which checks the path
against the model at import, so renaming a field breaks loudly, not silently.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, Union

from . import model
from .values import PartialDate, TextRule, TimeSpan


@dataclass(frozen=True, slots=True)
class Text:
    """Text checked by its rule: ``line`` (one line), ``text`` (prose), ``markup`` (prose with links), ``url`` or ``id``."""

    rule: str


@dataclass(frozen=True, slots=True)
class Reference:
    """The id of an entry of a registry (``people``, ``sources``, ``topics``) or, for ``excerpts``, of the same file."""

    registry: str


@dataclass(frozen=True, slots=True)
class Choice:
    """One of a fixed set of words (``name`` is the model's type); ``labels`` are what readers see, in the same order."""

    name: str
    options: tuple[str, ...]
    labels: tuple[str, ...]

    def labelled(self) -> dict[str, str]:
        """Each allowed value with its label."""
        return dict(zip(self.options, self.labels))


@dataclass(frozen=True, slots=True)
class Date:
    """A date as historians write it: YYYY, YYYY-MM or YYYY-MM-DD, optionally ~ or ?, not in the future."""


@dataclass(frozen=True, slots=True)
class Time:
    """A local time or span of time: HH:MM or HH:MM-HH:MM."""


@dataclass(frozen=True, slots=True)
class YesNo:
    """true or false."""


@dataclass(frozen=True, slots=True)
class ListOf:
    """A list of values of one kind, with at least ``minimum`` items."""

    item: Kind
    minimum: int = 0


@dataclass(frozen=True, slots=True)
class Field:
    """One field editors write: its name, what it holds, whether it must be written, its description and an example."""

    name: str
    kind: Kind
    required: bool
    doc: str
    example: str


@dataclass(frozen=True, slots=True, eq=False)  # one per model class, compared by identity
class Record:
    """A model class: the fields editors write, in the model's order (derived fields, such as ids from keys, left out)."""

    cls: type
    fields: tuple[Field, ...]

    @property
    def name(self) -> str:
        """The model class's name, e.g. ``Excerpt``."""
        return self.cls.__name__

    @property
    def doc(self) -> str:
        """The model class's one-line description."""
        return (self.cls.__doc__ or "").strip()

    def field(self, name: str) -> Field:
        """The field of this name; a KeyError naming the record if there is none."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field '{name}'")


Kind = Text | Reference | Choice | Date | Time | YesNo | ListOf | Record
EACH = int  # in a pattern: any item of a list
_SIMPLE: dict[Any, Kind] = {bool: YesNo(), PartialDate: Date(), TimeSpan: Time()}
_CHOICES = {getattr(model, name): name for name in model.LABELS}  # each allowed-values type, by its name in the model


@functools.cache
def record(cls: type) -> Record:
    """The description of a model class (read once, then shared)."""
    hints = typing.get_type_hints(cls, include_extras=True)
    return Record(cls, tuple(
        Field(f.name, _kind(hints[f.name], f.metadata.get("min", 0), f"{cls.__name__}.{f.name}"),
              _required(f), f.metadata["doc"], f.metadata["eg"])
        for f in dataclasses.fields(cls) if not f.metadata.get("derived")
    ))


def _required(f: dataclasses.Field) -> bool:
    """Whether editors must write a field: it has no default, or it is a list that needs items."""
    has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
    return not has_default or bool(f.metadata.get("min"))


def _kind(hint: Any, minimum: int, where: str) -> Kind:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, types.UnionType):  # ``X | None``: an optional field, which Field.required tells
        return _kind(next(a for a in args if a is not type(None)), minimum, where)
    if origin is typing.Annotated and isinstance(args[1], TextRule):
        return Reference(args[1].registry) if args[1].kind == "ref" else Text(args[1].kind)
    if origin is list:
        return ListOf(_kind(args[0], 0, where), minimum)
    if origin is Literal:
        return _choice(hint, where)
    if hint in _SIMPLE:
        return _SIMPLE[hint]
    if dataclasses.is_dataclass(hint):
        return record(hint)
    raise TypeError(f"{where}: no kind of field for {hint!r}; use a type from values.py or the model")


def _choice(hint: Any, where: str) -> Choice:
    options = typing.get_args(hint)
    name = _CHOICES.get(hint)
    if name is None:
        raise TypeError(f"{where}: the allowed values {options} have no labels in model.LABELS")
    labels = model.LABELS[name]
    if tuple(labels) != options:
        raise TypeError(f"model.LABELS['{name}'] labels {tuple(labels)}, but {name} allows {options}, in that order")
    return Choice(name, options, tuple(labels.values()))


def records(kind: Kind) -> Iterator[Record]:
    """Every record a kind holds, itself included, each once, depth first."""
    seen: set[int] = set()

    def walk(k: Kind) -> Iterator[Record]:
        if isinstance(k, ListOf):
            yield from walk(k.item)
        elif isinstance(k, Record) and id(k) not in seen:
            seen.add(id(k))
            yield k
            for f in k.fields:
                yield from walk(f.kind)

    return walk(kind)


def kind_at(cls: type, *steps: str | type[int]) -> Kind:
    """The kind of field a path through the model ends at (``EACH`` for any item of a list); an error if there is none."""
    kind: Kind = record(cls)
    for step in steps:
        if step is EACH and isinstance(kind, ListOf):
            kind = kind.item
        elif isinstance(step, str) and isinstance(kind, Record):
            kind = kind.field(step).kind
        else:
            raise TypeError(f"{cls.__name__} {steps}: {step!r} cannot follow {kind!r}")
    return kind


def pattern(cls: type, *steps: str | type[int]) -> tuple[str | type[int], ...]:
    """A path through the model's fields, ``EACH`` for any item of a list, checked now against the model."""
    kind_at(cls, *steps)
    return steps


def generic(path: tuple[str | int, ...]) -> tuple[str | type[int], ...]:
    """A field path with each list index written as ``EACH``, to compare with a :func:`pattern`."""
    return tuple(EACH if type(step) is int else step for step in path)
