"""Rules every kind of text must meet: no hidden characters, ids and links of a safe form."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit

from . import characters, hosts
from .portable_names import WINDOWS_DEVICES
from .values import ID, ID_MAX

_PORT = re.compile(r"[0-9]{1,5}", re.ASCII)
_PROSE = {"text", "markup"}
LINE_MAX = 500  # characters in a one-line field: titles and headings stay short, and so cheap to lay out


def refused_character(value: str, kind: str) -> characters.Refused | None:
    """The first character this kind of text may not hold (see :mod:`characters`), if any."""
    return characters.first_refused(value, one_line=kind not in _PROSE)


def check_url(value: str) -> str | None:
    """Why a link is refused, or None: only http(s) links to a plain host are published.

    A link must go where it appears to go: no user name or password before the host
    (``https://nsarchive.gwu.edu@evil.example/`` leads to ``evil.example``), a host of
    letters, digits and hyphens, and no label of the host mixing alphabets (a Cyrillic
    ``а`` among Latin letters).
    """
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not value.startswith(parts.scheme + "://"):
        return f"expected a link starting with https:// or http://, got '{value}'"
    if any(c.isspace() or c in "<>\"'`\\" for c in value):
        return f"a link cannot contain spaces, quotes, angle brackets or backslashes: '{value}'"
    if "@" in parts.netloc:
        return f"a link cannot hold a user name or password before '@' (the part after '@' is where it really goes): '{value}'"
    if not parts.hostname or not _port_ok(parts):
        return f"a link needs a host name (and a port, if any, of digits 0-9 only): '{value}'"
    problem = hosts.check_host(parts.hostname)
    return f"{problem}: '{value}'" if problem else None


def _port_ok(parts: SplitResult) -> bool:
    """Whether the address's port, if it names one, is 1 to 5 ASCII digits up to 65535."""
    after_host = parts.netloc.rpartition("]")[2] if parts.netloc.startswith("[") else parts.netloc
    if ":" not in after_host:
        return True
    port = after_host.rpartition(":")[2]
    return not port or (_PORT.fullmatch(port) is not None and int(port) <= 65535)


def check_text(kind: str, value: str) -> str | None:
    """Why ``value`` is not acceptable as this kind of text (line, text, markup, url, id, ref), or None."""
    if not value.strip():
        return "is empty; write a value or remove the field"
    refused = refused_character(value, kind)
    if refused is not None:
        return refused.message()
    if kind in ("id", "ref"):
        if not ID.fullmatch(value) or len(value) > ID_MAX:
            return (
                f"'{value}' is not a valid id: use at most {ID_MAX} lower-case letters, digits "
                "and single hyphens, e.g. '2008-04-06-sochi' or 'putin'"
            )
        if kind == "id" and value in WINDOWS_DEVICES:
            return f"'{value}' is a device name on Windows, where no file or folder can be called '{value}'; choose another id"
    elif kind == "url":
        return check_url(value)
    elif kind == "line":
        if value != value.strip():
            return "has spaces at the start or end; remove them"
        if len(value) > LINE_MAX:
            return f"is {len(value):,} characters long; a one-line field holds at most {LINE_MAX}"
    return None
