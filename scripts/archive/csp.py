"""A Content-Security-Policy and safe outbound links for every built page.

GitHub Pages sends no security headers, so each page carries its policy in a
``<meta http-equiv="Content-Security-Policy">`` element at the top of
``<head>``, before any script. Scripts may come only from the site itself,
plus the few small scripts the theme writes inline, each allowed by the
SHA-256 hash of its exact text on that page; nothing else inline runs.
Styles likewise: the site's stylesheets, plus the page's own inline styles
by hash (the theme sets its styles from script through the CSSOM, which a
policy does not restrict; Markdown tables align columns with ``style``
attributes, allowed by hash with 'unsafe-hashes').

The page is read with a small tokenizer that follows the HTML standard's
rules for tags, attributes, comments and raw text, in one pass over the text:
every step either consumes characters or jumps ahead with a plain search, and
every pattern is free of backtracking (possessive quantifiers), so a large or
hostile page costs time in proportion to its length. Runs of text and of tags
that matter to nothing here are passed over in one such step, which gives the
same result as reading them token by token (a test compares the two on random
mixes of every kind of token). What it does not model
(the HTML tree builder's rare corrections, scripts inside SVG or MathML) can
only leave a script without a hash, which the browser then refuses to run:
the failure is a blocked script, never an allowed one.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html as html_lib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_WS = "\t\n\f\r "  # HTML's ASCII whitespace
# One attribute, with an optional value, as the HTML tokenizer reads it.
_ATTRIBUTE = (
    rf"(?P<name>[^{_WS}/>][^{_WS}/>=]*+)"
    rf"(?:[{_WS}]*+=[{_WS}]*+(?:\"(?P<dq>[^\"]*+)\"|'(?P<sq>[^']*+)'|(?P<uq>[^{_WS}>\"'][^{_WS}>]*+))?+)?+"
)
# One piece of a tag after its name: whitespace or slashes, or an attribute.
_PIECE = re.compile(rf"[{_WS}/]++|{_ATTRIBUTE}")
_UNNAMED_ATTRIBUTE = re.sub("[?]P<[a-z]+>", "?:", _ATTRIBUTE)
_PIECES = rf"(?:[{_WS}/]++|{_UNNAMED_ATTRIBUTE})*+"  # the same, unnamed, repeated
# What a "<" starts: a comment, a doctype or bogus comment, or a whole tag up to and with its ">".
# Every repetition is possessive and the alternatives begin with different characters, so a
# match never backtracks; a "<" that starts none of these is text, and the search moves on.
_TOKEN = re.compile(
    r"<(?:(?P<comment>!--)|(?P<bogus>[!?]|/(?![A-Za-z]))"
    rf"|(?P<end>/)?(?P<tag>[A-Za-z][^{_WS}/>]*+)(?P<attributes>{_PIECES})>?)"
)
_STYLE = re.compile("style", re.IGNORECASE)
_COMMENT_END = re.compile("--!?>")
# Elements whose content is text up to their end tag, not markup.
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title"})
_FOREIGN = frozenset({"svg", "math"})
_END_TAG = {name: re.compile(rf"</{name}[{_WS}/>]", re.IGNORECASE) for name in _RAW_TEXT}
_DOUBLE_ESCAPE = re.compile("<script", re.IGNORECASE)
# The start tags the policy and the links depend on; any other tag matters only for a style attribute.
_WANTED = frozenset({"head", "meta", "script", "style", "a", "area"})
# What the tokenizer below may pass over in one step, outside SVG and MathML: text, comments,
# doctypes and bogus comments, end tags, and start tags of elements that change nothing here (not
# wanted, not raw text, not foreign) and have no style attribute. Each alternative reads exactly
# what _TOKEN and the loop would read, and the loop would do nothing with any of it; a tag that
# does not fit stops the step at its "<". ASCII case only, as in the HTML tokenizer.
_NOT_STYLE = rf"(?!style(?:[{_WS}/>=]|\Z))"
_SIGNIFICANT = "|".join(sorted(_WANTED | _RAW_TEXT | _FOREIGN | {"plaintext"}))
_SKIP = re.compile(
    rf"(?:[^<]++|<(?![A-Za-z!?/])"
    r"|<!--(?:-?>|(?:[^-]++|-(?!-!?>))*+(?:--!?>|\Z))"
    rf"|<(?:[!?]|/(?![A-Za-z]))[^>]*+(?:>|\Z)"
    rf"|</[A-Za-z][^{_WS}/>]*+{_PIECES}(?:>|\Z)"
    rf"|<(?!(?:{_SIGNIFICANT})(?:[{_WS}/>]|\Z))[A-Za-z][^{_WS}/>]*+"
    rf"(?:[{_WS}/]++|{_NOT_STYLE}{_UNNAMED_ATTRIBUTE})*+(?:>|\Z))*+",
    re.IGNORECASE | re.ASCII,
)
# Script types a browser runs; any other type is a data block (JSON, JSON-LD, templates).
_JAVASCRIPT = frozenset(
    {
        "", "module", "importmap", "speculationrules",
        "application/ecmascript", "application/javascript", "application/x-ecmascript",
        "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
        "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
        "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
    }
)
_OUTBOUND = ("noopener", "noreferrer")
_LINKS = frozenset({"a", "area"})
# Without one of these in a link's tag, no href in it can name a host (see _host), so it is never outbound.
_MAYBE_ABSOLUTE = re.compile(r"[:&\\]|/[\t\n\r]*+/")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))  # what a URL parser strips from both ends


@dataclass
class _Attribute:
    name: str  # lower-cased
    value: str  # as written, character references not yet decoded
    start: int  # where the attribute begins in the page
    end: int  # where it ends


@dataclass
class _Tag:
    page: str
    name: str  # lower-cased
    start: int  # the "<"
    end: int  # just after the ">"
    span: tuple[int, int]  # the attributes' part of the tag
    text: tuple[int, int] | None = None  # a raw-text element's content, as a slice of the page

    @functools.cached_property
    def attributes(self) -> list[_Attribute]:
        """The tag's attributes, in order, read when first asked for."""
        found, pos, stop = [], *self.span
        while pos < stop:
            piece = _PIECE.match(self.page, pos, stop)
            if piece is None:  # pragma: no cover - every character of the span starts a piece
                break
            if piece["name"] is not None:
                value = piece["dq"] if piece["dq"] is not None else piece["sq"] if piece["sq"] is not None else piece["uq"] or ""
                found.append(_Attribute(piece["name"].lower(), value, piece.start(), piece.end()))
            pos = piece.end()
        return found

    @functools.cached_property
    def lowered(self) -> str:
        """The attributes' part of the tag, lower-cased: an attribute whose name is not in it is absent."""
        return self.page[self.span[0] : self.span[1]].lower()

    def get(self, name: str) -> str | None:
        """The first value of an attribute, decoded, or None if it is absent (a browser ignores repeats)."""
        if name not in self.lowered:
            return None
        for attribute in self.attributes:
            if attribute.name == name:
                return html_lib.unescape(attribute.value)
        return None


def _start_tags(page: str) -> Iterator[_Tag]:
    """The page's start tags that matter here, in order: those in _WANTED (links only if they may be
    outbound), any that may have a style attribute, and the first after <head>; a raw-text element
    comes with its content."""
    pos, foreign, after_head = 0, 0, False
    while True:
        if not (foreign or after_head):
            pos = _SKIP.match(page, pos).end()  # type: ignore[union-attr]  # it matches the empty string
        if (token := _TOKEN.search(page, pos)) is None:
            break
        start, pos = token.start(), token.end()
        comment, bogus, end, name, _ = token.groups()
        if comment:
            if page.startswith(("<!-->", "<!--->"), start):
                pos = page.index(">", start) + 1
            else:
                close = _COMMENT_END.search(page, pos)
                pos = close.end() if close else len(page)
        elif bogus:
            if foreign and page.startswith("<![CDATA[", start):
                close = page.find("]]>", start + 9)
                pos = close + 3 if close >= 0 else len(page)
            else:  # a doctype or a bogus comment (</> included)
                close = page.find(">", start + 2)
                pos = close + 1 if close >= 0 else len(page)
        elif end:
            if foreign and name.lower() in _FOREIGN:
                foreign -= 1
        else:
            name, span, tag_end, text = name.lower(), token.span("attributes"), pos, None
            if name in _FOREIGN and page[pos - 2 : pos] != "/>":
                foreign += 1
            elif not foreign and name in _RAW_TEXT:
                close = _END_TAG[name].search(page, pos)
                text = (pos, close.start() if close else len(page))
                pos = text[1]
            elif not foreign and name == "plaintext":
                pos = len(page)
            wanted = name in _WANTED and (name not in _LINKS or _MAYBE_ABSOLUTE.search(page, *span))
            if wanted or after_head or _STYLE.search(page, *span):
                after_head = name == "head"
                yield _Tag(page, name, start, tag_end, span, text)


def _executable(tag: _Tag) -> bool:
    """Whether a script element is one the browser runs, rather than a data block."""
    kind = tag.get("type")
    if kind is None:
        language = tag.get("language")
        kind = f"text/{language}" if language else ""
    return kind.strip(_WS).lower() in _JAVASCRIPT


def _raw_text(page: str, tag: _Tag) -> str:
    """An inline script's or style's text as the browser sees it (newlines normalised, NUL replaced)."""
    assert tag.text is not None
    text = page[tag.text[0] : tag.text[1]]
    if tag.name == "script" and "<!--" in text and _DOUBLE_ESCAPE.search(text):
        # In a script, "<!--" then "<script" changes where the browser ends it; refuse rather than guess.
        raise ValueError(f"an inline script at character {tag.start} contains '<!--' and '<script'")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


def source_hash(text: str) -> str:
    """The CSP source expression allowing one inline script or style with exactly this text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(scripts: Iterable[str] = (), styles: Iterable[str] = (), *, style_attributes: bool = False, live_reload: bool = False) -> str:
    """The site's policy: its own files, plus the inline scripts and styles with these hashes.

    ``style_attributes`` says some of the style hashes are of ``style`` attributes, which
    need 'unsafe-hashes' as well. ``live_reload`` lets every inline script run instead, for
    the preview server, which adds its own changing live-reload script to each page it serves.
    """
    script_src = ["'self'", "'unsafe-inline'"] if live_reload else ["'self'", *dict.fromkeys(scripts)]
    style_src = ["'self'", *(["'unsafe-hashes'"] if style_attributes else []), *dict.fromkeys(styles)]
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {' '.join(script_src)}",
            "worker-src 'self'",  # the search runs in a Web Worker loaded from the site
            f"style-src {' '.join(style_src)}",
            # Material's stylesheets draw their icons as `data:` SVG images (CSS mask-image), which
            # img-src governs: without `data:` the admonition, search and navigation icons vanish.
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def _host(href: str) -> str | None:
    """The host of an absolute http(s) or scheme-relative address, lower-cased; None for any other address."""
    url = href.strip(_C0_AND_SPACE)
    url = url.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")
    if url.lower().startswith(("http:", "https:")):
        rest = url[url.index(":") + 1 :]
    elif url.startswith("//"):
        rest = url
    else:
        return None
    authority = rest.lstrip("/")
    for stop in "/?#":
        authority = authority.split(stop, 1)[0]
    host = authority.rpartition("@")[2]
    host = host.split("]", 1)[0] + "]" if host.startswith("[") else host.split(":", 1)[0]
    return host.lower().rstrip(".")


def _rel(tag: _Tag) -> str:
    """A link's rel attribute with noopener and noreferrer added to what it had."""
    tokens = (tag.get("rel") or "").split()
    have = {token.lower() for token in tokens}
    tokens += [token for token in _OUTBOUND if token not in have]
    return f'rel="{html_lib.escape(" ".join(tokens))}"'


def _indent(page: str, tag: _Tag) -> str:
    """The whitespace a tag's line starts with, when the tag is the first thing on it (to line up a new one)."""
    line = tag.start
    while line > 0 and page[line - 1] in " \t":  # back over this tag's own indentation only, never a whole line
        line -= 1
    return "\n" + page[line : tag.start] if line > 0 and page[line - 1] == "\n" else ""


def harden(page: str, site_url: str | None = None, *, live_reload: bool = False) -> str:
    """The page with its Content-Security-Policy meta element, and outbound links that pass nothing on.

    One pass over the page. Links (``<a>``, ``<area>``) whose href is an absolute
    http(s) address on another host than ``site_url``'s (any host, without one)
    get ``rel="noopener noreferrer"``, merged with any rel they had; relative and
    same-site links are left as they are. Every inline script the browser would
    run is hashed over its text exactly as written (``src`` scripts and data
    blocks such as JSON-LD are not), and so are inline styles; the policy allowing
    exactly those goes at the top of ``<head>``, after ``<meta charset>`` when
    that comes first, replacing any policy the page had. None of the edits
    touches a script's or style's text, so the hashes hold for the page returned.
    Raises ValueError for a page without ``<head>`` or with a script before it.
    """
    own = _host(site_url) if site_url else None
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
    scripts: list[str] = []
    styles: list[str] = []
    style_attributes = False
    head: _Tag | None = None
    insert_at, indent, first_in_head = -1, "", False
    for tag in _start_tags(page):
        if first_in_head:
            first_in_head = False
            if tag.name == "meta" and tag.get("charset") is not None:
                insert_at, indent = tag.end, _indent(page, tag)
        style = tag.get("style")
        if style is not None:
            styles.append(source_hash(style.replace("\r\n", "\n").replace("\r", "\n")))
            style_attributes = True
        if tag.name == "head" and head is None:
            head, insert_at, first_in_head = tag, tag.end, True
        elif tag.name == "script":
            if head is None:
                raise ValueError(f"a script at character {tag.start} comes before <head>")
            if tag.get("src") is None and tag.text is not None and _executable(tag):
                scripts.append(source_hash(_raw_text(page, tag)))
        elif tag.name == "style" and tag.text is not None:
            styles.append(source_hash(_raw_text(page, tag)))
        elif tag.name == "meta" and (tag.get("http-equiv") or "").strip(_WS).lower() == "content-security-policy":
            alone = page.startswith("\n", tag.end)  # on a line of its own, which goes with it
            edits.append((tag.start - (len(_indent(page, tag)) if alone else 0), tag.end, ""))
        elif tag.name in _LINKS:
            href = tag.get("href")
            host = _host(href) if href is not None else None
            if host is not None and host != own:
                rel = next((a for a in tag.attributes if a.name == "rel"), None)
                if rel is not None:
                    edits.append((rel.start, rel.end, _rel(tag)))
                else:
                    last = tag.attributes[-1].end  # the href's end, at least
                    edits.append((last, last, " " + _rel(tag)))
    if head is None:
        raise ValueError("the page has no <head> for its Content-Security-Policy")
    content = policy(scripts, styles, style_attributes=style_attributes, live_reload=live_reload)
    edits.append((insert_at, insert_at, f'{indent}<meta http-equiv="Content-Security-Policy" content="{content}">'))
    edits.sort(key=lambda edit: (edit[0], edit[1]))
    out, pos = [], 0
    for start, end, replacement in edits:
        out += [page[pos:start], replacement]
        pos = end
    out.append(page[pos:])
    return "".join(out)
