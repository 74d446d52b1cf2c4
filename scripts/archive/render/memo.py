"""Remembering rendered output between rebuilds of the live preview.

An output is reused while every object it was made from is the very same
object as last time; the loader hands back the same objects for files that have
not changed, so an edit re-renders only what depends on the edited file. A
one-off build passes no memo and keeps nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Memo:
    """Outputs by name, each with the objects it was computed from."""

    def __init__(self) -> None:
        self._store: dict[str, tuple[tuple[object, ...], object]] = {}

    def get(self, name: str, inputs: tuple[object, ...], compute: Callable[[], T]) -> T:
        """The remembered output if ``inputs`` are the same objects as before, else ``compute()``."""
        hit = self._store.get(name)
        if hit is not None and len(hit[0]) == len(inputs) and all(a is b for a, b in zip(hit[0], inputs)):
            return hit[1]  # type: ignore[return-value]
        value = compute()
        self._store[name] = (inputs, value)
        return value

    def later(self, name: str, inputs: tuple[object, ...], compute: Callable[[], T]) -> Callable[[], T]:
        """A maker of the output that, when called, reuses it as :meth:`get` does."""
        return lambda: self.get(name, inputs, compute)


class NoMemo(Memo):
    """Computes every time and keeps nothing (one-off builds)."""

    def get(self, name: str, inputs: tuple[object, ...], compute: Callable[[], T]) -> T:
        """Always ``compute()``."""
        return compute()

    def later(self, name: str, inputs: tuple[object, ...], compute: Callable[[], T]) -> Callable[[], T]:
        """``compute`` itself: the output is made when asked for and not kept."""
        return compute


def ready(text: str) -> Callable[[], str]:
    """A maker of text that is already made."""
    return lambda: text


NOTHING = NoMemo()
