"""Escaping: every text from the data passes through here before it reaches a page."""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from urllib.parse import urlsplit

from .. import hosts

# Every ASCII punctuation character becomes a character reference, which Python-Markdown
# stashes before any markup pattern runs; letters, digits, spaces and non-ASCII stay.
_MARKDOWN_ESCAPES = {c: f"&#{ord(c)};" for c in "!\"#$%'()*+,-./:;=?@[\\]^_`{|}~"}
_MARKDOWN_ESCAPES.update({"<": "&lt;", ">": "&gt;", "&": "&amp;"})
_MARKDOWN_TABLE = str.maketrans(_MARKDOWN_ESCAPES)
_PARAGRAPHS = re.compile(r"\n[ \t]*\n\s*")


_HTML_SPECIAL = re.compile("[&<>\"']")


def h(text: str) -> str:
    """Escape text for HTML (element content or a quoted attribute): & < > " ' all become references."""
    if _HTML_SPECIAL.search(text) is None:
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")


def shown_url(url: str) -> str:
    """A link's address as text for readers (escaped), an internationalised host shown in both forms."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    shown = hosts.shown_host(host)
    if shown != host:
        url = url.replace(parts.netloc, shown, 1)
    return h(url)


def other_names(ru: str | None, uk: str | None, labelled: bool = True) -> str:
    """A name in Russian and in Ukrainian, each marked with its language (searchable, read out in the right voice).

    The same name in both languages is shown once, marked as Russian."""
    pairs = [("ru", "Russian", ru), ("uk", "Ukrainian", uk if uk != ru else None)]
    shown = [f'<span lang="{lang}">{h(name)}</span>' + (f' <span class="lang-label">({label})</span>' if labelled else "")
             for lang, label, name in pairs if name]
    return (" · " if labelled else " / ").join(shown)


def prose(text: str, tag: str = "p") -> str:
    """Plain text as HTML paragraphs on one line; single line breaks become <br>."""
    paragraphs = _PARAGRAPHS.split(text.strip())
    return "".join(f"<{tag}>{'<br>'.join(h(line) for line in p.split(chr(10)))}</{tag}>" for p in paragraphs)


def md_inline(text: str) -> str:
    """Escape text for a Markdown heading so that it shows literally."""
    return text.translate(_MARKDOWN_TABLE)


def count(number: int, singular: str, plural: str = "") -> str:
    """``1 claim``, ``2 claims``."""
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"


FRONT_MATTER_FENCE = "---"


def front_matter(meta: dict[str, str], searchable: bool = True) -> str:
    """A page's metadata block: one ``key: JSON`` line per value between ``---`` fences.

    The theme prints ``title`` and ``description`` into the HTML unescaped, so
    the values are HTML-escaped here. JSON is written in ASCII, so no character
    of the data can end the block early or make it unreadable. MkDocs never
    parses this block: the build reads it back with :func:`split_front_matter`
    and hands MkDocs the values directly. Listing pages repeat what transcript
    pages say, so they stay out of the search index (``searchable=False``) and a
    search lands on the transcript itself.
    """
    fields: dict[str, object] = {key: h(value) for key, value in meta.items()}
    if not searchable:
        fields["search"] = {"exclude": True}
    lines = [f"{key}: {json.dumps(value)}" for key, value in fields.items()]
    return "\n".join([FRONT_MATTER_FENCE, *lines, FRONT_MATTER_FENCE]) + "\n"


class FrontMatterError(ValueError):
    """A generated page whose metadata block is not what :func:`front_matter` writes."""


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """The metadata and the body of a page made with :func:`front_matter` (its exact inverse).

    A page without the block has no metadata; a block in any other form is an error,
    never silently taken as page text.
    """
    if not text.startswith(FRONT_MATTER_FENCE + "\n"):
        return {}, text
    end = text.find("\n" + FRONT_MATTER_FENCE + "\n", len(FRONT_MATTER_FENCE))
    if end < 0:
        raise FrontMatterError("the metadata block has no closing '---' line")
    meta: dict[str, object] = {}
    for line in text[len(FRONT_MATTER_FENCE) + 1 : end].split("\n"):
        key, sep, value = line.partition(": ")
        if not sep or not key.isidentifier() or key in meta:
            raise FrontMatterError(f"unreadable metadata line {line[:80]!r}")
        try:
            meta[key] = json.loads(value)
        except json.JSONDecodeError as err:
            raise FrontMatterError(f"metadata '{key}' is not JSON: {err}") from None
    return meta, text[end + len(FRONT_MATTER_FENCE) + 2 :]


@cache
def page_url(src_path: str) -> str:
    """The directory URL MkDocs gives a Markdown file: ``a/b.md`` -> ``a/b/``, ``a/index.md`` -> ``a/``."""
    stem = src_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@cache
def _to_root(src_path: str) -> str:
    """The relative path from a page up to the site's root: ``../../`` for ``a/b.md``."""
    return "../" * page_url(src_path).count("/")


def _target(to_src: str) -> str:
    return page_url(to_src) if to_src.endswith(".md") else to_src


def link(from_src: str, to_src: str, anchor: str = "") -> str:
    """Relative URL from a generated page to another page (a ``.md`` path) or to a file.

    Links between pages in the same folder stay short (``../other/``); others go up to the root.
    """
    url = _relative(from_src, to_src)
    return url + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)
def _relative(from_src: str, to_src: str) -> str:
    here, there = page_url(from_src), _target(to_src)
    folder = here.rsplit("/", 2)[0] + "/" if here.count("/") >= 2 else ""
    if there == here:
        return "./"
    if folder and there.startswith(folder) and there.count("/") == here.count("/"):
        return "../" + there[len(folder):]
    return _to_root(from_src) + there
