"""A link checker for a built site: every internal link, script, stylesheet and anchor must resolve."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"))


@cache
def _ids(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(t["id"] for t in soup.find_all(id=True)) | frozenset(t["name"] for t in soup.find_all("a", attrs={"name": True}))


def _target(site: Path, page: Path, url: str, base: str) -> tuple[Path, str] | None:
    """The file and anchor a URL points at, or None for links that leave the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    here = page.parent.relative_to(site).as_posix()
    path = unquote(parts.path)
    if path.startswith("/"):  # absolute: only under the site's own base path (as 404.html uses)
        if not path.startswith(base):
            return site / "__outside_the_site__", ""
        here, path = "", path[len(base):] or "./"
    resolved = posixpath.normpath(posixpath.join(here, path)) if path else page.relative_to(site).as_posix()
    target = site / resolved
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path, base: str = "/") -> list[str]:
    """Every internal link in the site that does not resolve, as 'page: url (why)'.

    ``base`` is the path part of the site's address, which absolute links start with.
    """
    problems = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in ATTRIBUTES:
            for element in soup.find_all(tag, attrs={attribute: True}):
                url = element[attribute]
                if tag == "link" and element.get("rel") in (["canonical"], ["alternate"]) and url.startswith("http"):
                    continue
                found = _target(site, page, url, base)
                if found is None:
                    continue
                target, anchor = found
                where = f"{page.relative_to(site)}: {url}"
                if not target.is_file():
                    problems.append(f"{where} (no such file)")
                elif anchor and target.suffix == ".html" and anchor not in _ids(target):
                    problems.append(f"{where} (no anchor '{anchor}')")
    return problems
