"""Host names in links: which are accepted, and how an internationalised one is shown."""

from __future__ import annotations

import unicodedata

# Scripts that are written together in one word (Japanese; Korean with Han characters).
_MIXABLE = {"CJK", "HIRAGANA", "KATAKANA", "HANGUL"}


def _to_unicode(label: str) -> str | None:
    """A host label as Unicode (``xn--`` labels decoded), or None when it cannot be decoded."""
    if not label.startswith("xn--"):
        return label
    try:
        return label.encode("ascii").decode("idna")
    except UnicodeError:
        return None


def _script(char: str) -> str:
    """The script a letter belongs to, read from the first word of its Unicode name."""
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def check_host(host: str) -> str | None:
    """Why a host name is refused, or None: labels of letters, digits and hyphens, one alphabet per label."""
    for label in host.split("."):
        decoded = _to_unicode(label)
        if decoded is None:
            return f"the host label '{label}' is not a valid internationalised name"
        if unicodedata.normalize("NFKC", decoded) != decoded:  # browsers read "ｅｘａｍｐｌｅ" or "１２７" as ASCII
            return f"the host label '{decoded}' holds wide or compatibility forms that browsers read as other characters"
        scripts = set()
        for char in decoded:
            if char == "-" or "0" <= char <= "9" or unicodedata.category(char).startswith("M"):
                continue
            if char.isdigit():
                return f"the host holds '{char}' (U+{ord(char):04X}), a digit other than 0-9"
            if not char.isalpha():
                return f"the host holds '{char}' (U+{ord(char):04X}), which is not a letter, digit or hyphen"
            scripts.add(_script(char))
        if len(scripts) > 1 and not scripts <= _MIXABLE:
            return f"the host label '{decoded}' mixes alphabets ({', '.join(sorted(scripts)).lower()}), as look-alike addresses do"
    return None


def shown_host(host: str) -> str:
    """The host as a reader should see it: internationalised names in both forms, ``пример.рф (xn--e1afmkfd.xn--p1ai)``."""
    labels = host.split(".")
    if host.isascii() and not any(label.startswith("xn--") for label in labels):
        return host
    unicode_form = ".".join(_to_unicode(label) or label for label in labels)
    try:
        ascii_form = unicode_form.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_form = host
    return f"{unicode_form} ({ascii_form})"
