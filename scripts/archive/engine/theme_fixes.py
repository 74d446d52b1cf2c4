"""Corrections to the HTML the Material theme writes, applied to every built page.

Each fix removes an HTML error the Nu validator reports or an accessibility
fault axe and Lighthouse report in the theme's own markup (not in the
archive's content). They are exact string edits, so a theme upgrade that
changes the markup shows up as a failing test rather than a silent regression.
"""

from __future__ import annotations

import re

# (pattern, replacement, why)
FIXES: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">'),
        r"\1>",
        "autocomplete is not allowed on a checkbox",
    ),
    (re.compile(r'(<input type="text" class="md-search__input"[^>]*?) autocorrect="off"'), r"\1", "autocorrect is not an HTML attribute"),
    (
        re.compile(r'<div class="md-search" data-md-component="search" role="dialog">'),
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search this site">',
        "a dialog needs an accessible name",
    ),
]
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
# Everything the fixes touch is in the theme's header and sidebars, which come before the page's content.
_CONTENT = '<div class="md-content"'


def fix(html: str) -> str:
    """The page with the theme's markup errors corrected."""
    cut = html.find(_CONTENT)
    frame, content = (html, "") if cut < 0 else (html[:cut], html[cut:])
    for pattern, replacement, _why in FIXES:
        frame = pattern.sub(replacement, frame)
    if 'id="__toc"' not in frame:
        # Pages outside the navigation have no table-of-contents toggle for the label to point at.
        frame = frame.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return frame + content
