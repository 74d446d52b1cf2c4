"""Which characters a text may hold, decided by Unicode category rather than by a list.

Refused in every kind of text:

- control characters (category Cc), except tab and line feed in multi-line prose;
- format characters (Cf): bidirectional controls, tag characters, U+061C, invisible
  operators, zero-width spaces, soft hyphens, byte order marks, ... with one exception:
  ZERO WIDTH NON-JOINER (U+200C) and ZERO WIDTH JOINER (U+200D) between two visible
  characters, because Persian, Urdu and the Indic scripts need them to spell words
  and emoji sequences are built with the joiner;
- line and paragraph separators (Zl, Zp): YAML counts them as line breaks, editors do not;
- surrogates (Cs), private-use characters (Co), unassigned code points and
  noncharacters (Cn, which includes U+FDD0..U+FDEF and every U+xFFFE / U+xFFFF).

Refused in one-line fields (names, titles, ids, links) as well: characters that show
as a blank or as nothing and so can pass for a space or for no character at all:
every space other than U+0020, NO-BREAK SPACE (U+00A0) and NARROW NO-BREAK SPACE
(U+202F, French and Mongolian typography), the hangul fillers, the braille blank,
the combining grapheme joiner, the Khmer inherent vowels and the variation selectors.

Each text is scanned once: the distinct characters are judged (and the verdict kept),
so checking is linear in the length of the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

JOINERS = "\u200c\u200d"
ONE_LINE_SPACES = {" ", "\u00a0", "\u202f"}
# Default-ignorable or blank-looking characters outside the categories above (Lo, Mn, So).
BLANK_LOOKING = {
    "\u115f", "\u1160", "\u3164", "\uffa0",  # hangul fillers
    "\u2800",  # braille pattern blank
    "\u034f",  # combining grapheme joiner
    "\u17b4", "\u17b5",  # Khmer inherent vowels
    "\u180b", "\u180c", "\u180d", "\u180f",  # Mongolian free variation selectors
}
_VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))
# A joiner with no visible character on one side: at either end, or beside a space or another joiner.
_LONE_JOINER = re.compile(rf"(?<![^\s{JOINERS}])[{JOINERS}]|[{JOINERS}](?![^\s{JOINERS}])")
_ASCII_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_ASCII_CONTROLS_ONE_LINE = re.compile("[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Refused:
    """The first refused character of a text: where it is (0-based offset) and why."""

    offset: int
    char: str
    why: str

    def message(self) -> str:
        """The problem as an editor reads it."""
        if self.char == "\n":
            return "must be a single line"
        return f"contains {describe(self.char)}, {self.why}; remove it"


def describe(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: the code point and, where Unicode gives one, its name."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def is_noncharacter(code: int) -> bool:
    """U+FDD0..U+FDEF and the last two code points of every plane."""
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def why_refused(char: str, one_line: bool) -> str | None:
    """Why this character may not stand in a text (of one line if ``one_line``), or None."""
    category = unicodedata.category(char)
    code = ord(char)
    if category == "Cc":
        if char == "\n" or (char == "\t" and not one_line):
            return None if not one_line else "a line break"
        return "a control character"
    if category == "Cf":
        return None if char in JOINERS else "an invisible formatting character"
    if category in ("Zl", "Zp"):
        return "a line or paragraph separator (YAML counts it as a line break, editors do not)"
    if category == "Cs":
        return "a surrogate, which is not a character"
    if category == "Co":
        return "a private-use character with no agreed meaning"
    if category == "Cn":
        return "a noncharacter" if is_noncharacter(code) else "a code point not assigned in Unicode"
    if one_line:
        if category == "Zs" and char not in ONE_LINE_SPACES:
            return "a space that passes for an ordinary one (type a plain space)"
        if char in BLANK_LOOKING or any(code in r for r in _VARIATION_SELECTORS):
            return "a character that shows as blank or as nothing"
    return None


_VERDICTS: tuple[dict[str, str | None], dict[str, str | None]] = ({}, {})


def first_refused(value: str, one_line: bool) -> Refused | None:
    """The first character of ``value`` that is refused, if any (one pass over the text)."""
    if value.isascii():
        found = (_ASCII_CONTROLS_ONE_LINE if one_line else _ASCII_CONTROLS).search(value)
        if found is None:
            return None
        return Refused(found.start(), found.group(), why_refused(found.group(), one_line) or "")
    verdicts = _VERDICTS[one_line]
    refused: list[tuple[str, str]] = []  # each refused character of the text, with why
    for char in set(value):
        if char not in verdicts:
            verdicts[char] = why_refused(char, one_line)
        why = verdicts[char]
        if why is not None:
            refused.append((char, why))
    candidates = []
    if refused:
        reasons = dict(refused)
        offset = next(i for i, char in enumerate(value) if char in reasons)  # one pass, however many kinds are refused
        candidates.append(Refused(offset, value[offset], reasons[value[offset]]))
    if JOINERS[0] in value or JOINERS[1] in value:
        lone = _LONE_JOINER.search(value)
        if lone is not None:
            candidates.append(Refused(lone.start(), lone.group(), "a joiner with no visible character on one side"))
    return min(candidates, key=lambda r: r.offset) if candidates else None


def visible(text: str) -> str:
    """Text with every control, formatting, separator or unassigned character written as an escape.

    Used for anything from the data that a report prints, so that no value can move
    the cursor, recolour a terminal, reorder a line or hide part of a message.
    """
    if text.isascii() and text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
