"""What a page module says about a generated file: where it goes, what renders it, and every input it reads.

A page module describes; it does not cache or write. A :class:`Part` is a plain
module-level function and the inputs it is called with, and nothing else: a
function that closes over other objects, or hides them in default arguments, is
refused when the part is made. Whatever the function reads therefore arrives as
an input, so an engine may reuse an output while its inputs are the same objects
(see ``archive.engine.preview``) without ever serving a stale page.

Module-level constants are the one thing a render may read besides its inputs;
they do not change while the archive is served.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any


class UndeclaredInput(TypeError):
    """A render function reads something it was not given as an input."""


def check_declared(render: Callable[..., Any], where: str) -> None:
    """Refuse a render that can read objects other than its arguments (a closure, default arguments, a bound method)."""
    if not inspect.isfunction(render):
        raise UndeclaredInput(f"{where}: render with a plain module-level function, not {render!r}")
    hidden = list(render.__code__.co_freevars)
    if render.__defaults__ or render.__kwdefaults__:
        hidden.append("its default arguments")
    if hidden:
        raise UndeclaredInput(
            f"{where}: {render.__qualname__} reads {', '.join(hidden)} without declaring it; pass it as an input"
        )


@dataclass(slots=True, eq=False)
class Derived:
    """An input computed from other inputs, once per build however many parts share it (e.g. lookup tables)."""

    render: Callable[..., Any]
    inputs: tuple[Any, ...] = ()
    _value: Any = field(default=None, init=False, repr=False)
    _made: bool = field(default=False, init=False, repr=False)

    def __post_init__(self) -> None:
        check_declared(self.render, "derived input")

    def value(self) -> Any:
        """The computed value (made on first use)."""
        if not self._made:
            self._value, self._made = self.render(*resolved(self.inputs)), True
        return self._value


def resolved(inputs: tuple[Any, ...]) -> tuple[Any, ...]:
    """The inputs with every derived one replaced by its value."""
    return tuple(i.value() if isinstance(i, Derived) else i for i in inputs)


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of a generated file: ``render(*inputs)``."""

    render: Callable[..., str]
    inputs: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        check_declared(self.render, "page part")

    def made(self) -> str:
        """The piece's text, made now."""
        return self.render(*resolved(self.inputs))


@dataclass(frozen=True, slots=True)
class Page:
    """A generated page or download: its path in the site, its parts in order, the repository file editors change
    to change it, and the tags it adds to <head>.

    Large downloads have a part per conversation, so they can be written piece by piece.
    """

    path: str
    parts: tuple[Part, ...]
    source: str | None = None
    tags: Part | None = None

    @classmethod
    def of(cls, path: str, render: Callable[..., str], *inputs: Any, source: str | None = None) -> Page:
        """A page of one part."""
        return cls(path, (Part(render, inputs),), source)

    @property
    def text(self) -> str:
        """The whole text, made now."""
        return "".join(self.pieces())

    def pieces(self) -> Iterator[str]:
        """The text in pieces, made one at a time."""
        return (part.made() for part in self.parts)

    @property
    def head(self) -> str:
        """The tags for <head>, made now."""
        return self.tags.made() if self.tags is not None else ""


def text(value: str) -> str:
    """A part whose text is already made (for fixed pages)."""
    return value
