"""The small markup allowed in notes and annotations: *emphasis*, **strong**, [links](https://...).

Everything else is shown literally. The HTML made here is built from escaped
text, then passed through an allow-list sanitizer as a second guard.
"""

from __future__ import annotations

import html
import re

import nh3

from .text_rules import check_url

_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
_LINK_START = re.compile(r"\]\(")
# The strong text may not run past the next "**", so each "**" starts one short scan (linear time).
_STRONG = re.compile(r"\*\*(?=\S)((?:(?!\*\*).)+?)(?<=\S)\*\*")
_EM = re.compile(r"\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n\s*")

ALLOWED_TAGS = {"p", "em", "strong", "a", "br"}


def check(text: str) -> str | None:
    """Why the markup is refused, or None: every link must be [text](http or https address)."""
    for match in _LINK.finditer(text):
        problem = check_url(match[2])
        if problem:
            return f"link [{match[1]}]: {problem}"
    unmatched = len(_LINK_START.findall(text)) - len(_LINK.findall(text))
    if unmatched:
        return "a link is not written as [text](https://...) with an address that has no spaces or brackets"
    return None


def _emphasis(escaped: str) -> str:
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    return _EM.sub(r"<em>\1</em>", escaped)


def _inline(text: str) -> str:
    parts: list[str] = []
    position = 0
    for match in _LINK.finditer(text):
        parts.append(_emphasis(html.escape(text[position : match.start()])))
        if check_url(match[2]) is None:
            parts.append(f'<a href="{html.escape(match[2])}">{_emphasis(html.escape(match[1]))}</a>')
        else:
            parts.append(html.escape(match[0]))
        position = match.end()
    parts.append(_emphasis(html.escape(text[position:])))
    return "<br>".join("".join(parts).split("\n"))


def to_html(text: str) -> str:
    """Render markup to sanitized HTML paragraphs on a single line."""
    paragraphs = _PARAGRAPHS.split(text.strip())
    rendered = "".join(f"<p>{_inline(p)}</p>" for p in paragraphs)
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel="noopener",
    )
