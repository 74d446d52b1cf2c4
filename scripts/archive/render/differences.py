"""How another source's wording of a passage differs from the archive's text, word by word.

Words only in the archive's text are marked ``<del>`` ("missing" from the other
wording), words only in the other wording ``<ins>`` ("added"), and a replaced run is
both. Each mark carries a text label for screen readers and a visible style that is
not colour alone (struck through, underlined), so a slip such as "1956" against
"1954" is plain at a glance and to every reader.

Comparing costs more than the text's length; a :class:`Budget` bounds it per page, so no
arrangement of wordings in one file makes its page slow to build. A wording beyond the
budget is shown without marks, with a note saying why.
"""

from __future__ import annotations

import difflib
import re

from .text import h

# Words and single punctuation marks, each with the white space after it: "call." differs from "call" by its full stop.
_TOKENS = re.compile(r"(\w+|[^\w\s])(\s*)")
MAX_TOKENS = 1_000  # the longest passage compared (in words and marks, either side); longer ones are shown without marks
PAGE_TOKENS = 20_000  # the most words and marks one page compares, both sides of every comparison counted


def tokens(text: str) -> list[str]:
    """The text's words and punctuation marks, spacing aside."""
    return [m[1] for m in _TOKENS.finditer(text.strip())]


def _spaced(text: str) -> list[str]:
    """The text's tokens each with one space after it where the text has any space there."""
    return [m[1] + (" " if m[2] else "") for m in _TOKENS.finditer(text.strip())]


def _run(spaced: list[str]) -> tuple[str, str]:
    """A run of tokens as text, and the space that follows it (kept outside a mark)."""
    text = "".join(spaced)
    return (text[:-1], " ") if text.endswith(" ") else (text, "")


def _mark(tag: str, label: str, spaced: list[str], space_after: bool = True) -> str:
    text, after = _run(spaced)
    return f'<{tag}><span class="sr-only">[{label}: </span>{h(text)}<span class="sr-only">]</span></{tag}>{after if space_after else ""}'


def word_diff(reference: str, other: str) -> str | None:
    """``other`` as HTML with its differences from ``reference`` marked; None if either is too long to compare."""
    ours, theirs = _spaced(reference), _spaced(other)
    return _marked(ours, theirs) if max(len(ours), len(theirs)) <= MAX_TOKENS else None


def _marked(ours: list[str], theirs: list[str]) -> str:
    """The other wording's tokens as HTML, marked where they differ from ours."""
    words_ours, words_theirs = [t.rstrip(" ") for t in ours], [t.rstrip(" ") for t in theirs]
    parts: list[str] = []
    # autojunk: in a long passage, tokens that recur everywhere do not start a match, which keeps repetitive text cheap
    matcher = difflib.SequenceMatcher(None, words_ours, words_theirs, autojunk=True)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(h("".join(theirs[b1:b2])))
            continue
        if op in ("delete", "replace"):
            parts.append(_mark("del", "missing", ours[a1:a2], space_after=op == "delete"))  # a replacement follows at once
        if op in ("insert", "replace"):
            parts.append(_mark("ins", "added" if op == "insert" else "changed to", theirs[b1:b2]))
    return "".join(parts).rstrip(" ")


def same_words(reference: str, other: str) -> bool:
    """Whether two wordings have the same words and punctuation (spacing aside)."""
    return tokens(reference) == tokens(other)


class Budget:
    """What one page may still compare: :data:`PAGE_TOKENS` words and marks, counted on both sides."""

    def __init__(self, tokens_left: int = PAGE_TOKENS) -> None:
        self.left = tokens_left

    def marked(self, reference: str, other: str) -> tuple[str | None, str]:
        """``other`` marked against ``reference`` (see :func:`word_diff`), or None and the reason it is not."""
        ours, theirs = _spaced(reference), _spaced(other)
        if max(len(ours), len(theirs)) > MAX_TOKENS:
            return None, f"Not marked word by word: passages longer than {MAX_TOKENS:,} words and marks are not compared."
        if len(ours) + len(theirs) > self.left:
            return None, (f"Not marked word by word: a page compares at most {PAGE_TOKENS:,} words and marks of other wordings, "
                          "and the wordings above have used them.")
        self.left -= len(ours) + len(theirs)
        return _marked(ours, theirs), ""
