"""How another source's wording of a passage differs from the archive's text, word by word.

Words only in the archive's text are marked ``<del>`` ("missing" from the other
wording), words only in the other wording ``<ins>`` ("added"), and a replaced run is
both. Each mark carries a text label for screen readers and a visible style that is
not colour alone (struck through, underlined), so a slip such as "1956" against
"1954" is plain at a glance and to every reader.
"""

from __future__ import annotations

import difflib
import re

from .text import h

# Words, single punctuation marks and the spaces between them: "call." differs from "call" only by its full stop.
_TOKENS = re.compile(r"\w+|[^\w\s]|\s+")
# Comparing is quadratic in the worst case; passages longer than this are shown without marks.
MAX_TOKENS = 4_000


def tokens(text: str) -> list[str]:
    """The text as words, punctuation marks and single spaces (every run of white space becomes one space)."""
    return [" " if t.isspace() else t for t in _TOKENS.findall(text.strip())]


def _mark(tag: str, label: str, run: list[str]) -> str:
    return f'<{tag}><span class="sr-only">[{label}: </span>{h("".join(run))}<span class="sr-only">]</span></{tag}>'


def word_diff(reference: str, other: str) -> str | None:
    """``other`` as HTML with its differences from ``reference`` marked; None if they are too long to compare."""
    ours, theirs = tokens(reference), tokens(other)
    if len(ours) > MAX_TOKENS or len(theirs) > MAX_TOKENS:
        return None
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(h("".join(theirs[b1:b2])))
            continue
        if op in ("delete", "replace"):
            parts.append(_mark("del", "missing", ours[a1:a2]))
        if op in ("insert", "replace"):
            parts.append(_mark("ins", "added" if op == "insert" else "changed to", theirs[b1:b2]))
    return "".join(parts)


def same_words(reference: str, other: str) -> bool:
    """Whether two wordings have the same words and punctuation (spacing aside)."""
    return tokens(reference) == tokens(other)
