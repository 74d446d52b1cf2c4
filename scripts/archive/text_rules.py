"""Rules every kind of text must meet: no hidden characters, ids and links of a safe form."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from .values import ID_MAX, ID_PATTERN

_ID = re.compile(ID_PATTERN)
# Characters that reorder or hide text; never allowed.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Characters that are invisible; allowed in prose (scripts and emoji need some), not in names or ids.
_INVISIBLE = set("\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u2028\u2029")
_PROSE = {"text", "markup"}
# One pattern per kind finds the first forbidden character without a loop in Python.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_FORBIDDEN_IN_PROSE = re.compile(f"[{_CONTROLS}{''.join(sorted(_BIDI_CONTROLS))}]")
_FORBIDDEN_ELSEWHERE = re.compile(f"[{_CONTROLS}\t\n{''.join(sorted(_BIDI_CONTROLS | _INVISIBLE))}]")


def _hidden(value: str, kind: str) -> str | None:
    """Why the first character that must not appear in this kind of text is refused, if any."""
    found = (_FORBIDDEN_IN_PROSE if kind in _PROSE else _FORBIDDEN_ELSEWHERE).search(value)
    if found is None:
        return None
    char = found.group()
    if char == "\n":
        return "must be a single line"
    name = unicodedata.name(char, "control character")
    return f"contains the hidden character U+{ord(char):04X} ({name}) at position {found.start() + 1}; remove it"


def check_url(value: str) -> str | None:
    """Why a link is refused, or None: only http(s) links with a host are published."""
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or not value.startswith(parts.scheme + "://"):
        return f"expected a link starting with https:// or http://, got '{value}'"
    if any(c.isspace() or c in "<>\"'`\\" for c in value):
        return f"a link cannot contain spaces, quotes, angle brackets or backslashes: '{value}'"
    return None


def check_text(kind: str, value: str) -> str | None:
    """Why ``value`` is not acceptable as this kind of text (line, text, markup, url, id, ref), or None."""
    if not value.strip():
        return "is empty; write a value or remove the field"
    hidden = _hidden(value, kind)
    if hidden:
        return hidden
    if kind in ("id", "ref"):
        if not _ID.match(value) or len(value) > ID_MAX:
            return (
                f"'{value}' is not a valid id: use at most {ID_MAX} lower-case letters, digits "
                "and single hyphens, e.g. 'bush-putin-2001'"
            )
    elif kind == "url":
        return check_url(value)
    elif kind == "line" and value != value.strip():
        return "has spaces at the start or end; remove them"
    return None
