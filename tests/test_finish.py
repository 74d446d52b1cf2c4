"""Pages finished by the one-off build's second process: written exactly as the build would write them in one
process, and a page that cannot be finished fails the build, naming the page."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from archive.engine.finish import Finisher, PageNotFinished, finished
from conftest import ENV

SITE = "https://leaders-archive.github.io/conversations/"
HEAD = '<link rel="alternate" type="application/atom+xml" href="feed.xml">'


def _page(n: int) -> str:
    return (
        f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Page {n}</title>\n'
        f"<script>var n = {n};</script>\n</head>\n<body><p>Путин \ud800 {n}</p>"
        f'<a href="https://example.org/{n}">out</a></body>\n</html>\n'
    )


def test_pages_are_written_finished_as_the_build_writes_them_in_one_process(tmp_path: Path) -> None:
    pages = {f"p{n}/index.html": _page(n) for n in range(60)}  # more than the pipe holds at once
    finisher = Finisher()
    try:
        for name, html in pages.items():
            finisher.write(name, html, HEAD, SITE, str(tmp_path), name)
        finisher.wait()
    finally:
        finisher.close()
    for name, html in pages.items():
        written = (tmp_path / name).read_bytes()
        assert written == finished(html, HEAD, SITE).encode("utf-8", errors="xmlcharrefreplace")
        assert b"Content-Security-Policy" in written and HEAD.encode() in written and b"&#55296;" in written


def test_a_page_that_cannot_be_finished_is_named_and_no_later_page_is_written(tmp_path: Path) -> None:
    finisher = Finisher()
    try:
        finisher.write("good.html", _page(1), "", SITE, str(tmp_path), "good.html")
        finisher.write("bad.html", "<script>x()</script><head></head>", "", SITE, str(tmp_path), "bad.html")
        for n in range(30):
            finisher.write(f"later{n}.html", _page(n), "", SITE, str(tmp_path), f"later{n}.html")
        with pytest.raises(PageNotFinished, match=r"^bad\.html: cannot give the page its Content-Security-Policy: a script at character 0 comes before <head>$"):
            finisher.wait()
    finally:
        finisher.close()
    assert (tmp_path / "good.html").exists() and not (tmp_path / "bad.html").exists()
    assert not list(tmp_path.glob("later*.html"))  # after a failure, pages are read and dropped


def test_a_hand_written_page_the_policy_cannot_cover_stops_the_build_in_one_line(project: Path) -> None:
    (project / "docs" / "widget.md").write_text("# Widget\n\n<script>if (a <!--b) { c('<script>') }</script>\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "archive", "--project", str(project), "build"],
                            capture_output=True, text=True, env=ENV, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"^ERROR - widget\.md: cannot give the page its Content-Security-Policy: "
                     r"an inline script at character \d+ contains '<!--' and '<script'$", result.stderr, re.M), result.stderr
    assert not (project / "site").exists()


def test_a_page_that_cannot_be_written_raises_the_error_writing_it_gave(tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file where a folder should be\n", encoding="utf-8")
    finisher = Finisher()
    try:
        finisher.write("p/index.html", _page(1), "", SITE, str(tmp_path / "blocked"), "p/index.html")
        with pytest.raises(OSError) as raised:
            finisher.wait()
    finally:
        finisher.close()
    assert raised.value.filename == str(tmp_path / "blocked")
