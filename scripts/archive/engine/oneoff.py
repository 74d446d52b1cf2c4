"""A one-off build (``make site``): pages made only when MkDocs asks for them, what a large archive's
build keeps on disk instead of in memory, and pages finished by a second process (:mod:`.finish`).

MkDocs converts every page before it writes any, and the search plugin holds
every page's text until the end; with thousands of conversations either one
alone outweighs the rest of the build. Both wait in a temporary folder here.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..model import Archive
from ..pipeline import read_archive
from ..render.page import Page
from ..render.pages import render_site
from ..render.paths import Site
from .finish import Finisher


class PageProgress:
    """Tells how far a long build has gone, in tenths, so a large archive's build is not minutes of silence.

    Builds of fewer than ``LONG`` pages say nothing; longer ones print at most ten lines.
    """

    LONG = 500

    def __init__(self) -> None:
        self.total = 0
        self.done = 0

    def start(self, total: int) -> None:
        """A build of ``total`` pages begins."""
        self.total, self.done = total, 0
        if total >= self.LONG:
            print(f"Building {total:,} pages with MkDocs", file=sys.stderr, flush=True)

    def page_done(self) -> None:
        """One more page converted; print when a new tenth is reached."""
        self.done += 1
        if self.total >= self.LONG and self.done * 10 // self.total > (self.done - 1) * 10 // self.total:
            print(f"  {self.done * 100 // self.total}% ({self.done:,} of {self.total:,} pages)", file=sys.stderr, flush=True)


class Spill:
    """A temporary folder holding converted pages and search entries until they are needed."""

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._pages_file: IO[bytes] | None = None  # every parked page, one after another
        self._pages: dict[str, tuple[int, int]] = {}  # where each page starts in that file, and its length
        self._entries: IO[str] | None = None  # the search entries, as JSON list items
        self._any_entries = False

    def _dir(self) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="archive-build-"))
            # An interrupted build (Ctrl-C, SIGTERM) unwinds past MkDocs' error event; remove the folder at exit then.
            atexit.register(self.clear)
        return self._folder

    def park(self, key: str, html: str) -> None:
        """Keep a converted page until :meth:`unpark`."""
        if self._pages_file is None:
            self._pages_file = (self._dir() / "pages.html").open("w+b")
        data = html.encode("utf-8")
        self._pages[key] = (self._pages_file.seek(0, os.SEEK_END), len(data))
        self._pages_file.write(data)

    def unpark(self, key: str) -> str | None:
        """The page kept under ``key`` (once), or None if none was."""
        place = self._pages.pop(key, None)
        if place is None or self._pages_file is None:
            return None
        self._pages_file.seek(place[0])
        return self._pages_file.read(place[1]).decode("utf-8")

    def add_entries(self, items: str) -> None:
        """Keep search entries (JSON list items) on disk until :meth:`entries`."""
        if not items:
            return
        if self._entries is None:
            self._entries = (self._dir() / "search-entries.json").open("w", encoding="utf-8")
        self._entries.write(("," if self._any_entries else "") + items)
        self._any_entries = True

    def entries(self) -> Iterator[str]:
        """Every entry kept, comma-separated, read back in pieces of a megabyte."""
        if self._entries is None:
            return
        self._entries.close()
        with Path(self._entries.name).open(encoding="utf-8") as kept:
            yield from iter(lambda: kept.read(1 << 20), "")

    def clear(self) -> None:
        """Remove the folder and forget everything."""
        for file in (self._entries, self._pages_file):
            if file is not None:
                file.close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
        self.__init__()


class OneOffBuild:
    """One build of the whole site; its pages are made when written, and converted pages and search entries wait on disk."""

    live = False

    def __init__(self, archive: Archive | None = None) -> None:
        self.archive = archive  # the archive the check has just read, handed over so it is not read twice
        self.progress = PageProgress()
        self.spill = Spill()
        self.finisher = Finisher()

    def generate(self, data_dir: Path, site: Site, drafts: bool) -> dict[str, Page]:
        """Every page; raises :class:`~archive.problems.DataError` when the data has problems."""
        archive = self.archive if self.archive is not None else read_archive(data_dir)
        return render_site(archive, site, include_drafts=drafts)

    def listed(self, pages: set[str]) -> None:
        """The site's pages are known: count them, to tell how far a long build has gone."""
        self.progress.start(len(pages))
        self.finisher.start()

    def converted(self, page: str, html: str) -> str:
        """Keep a converted page on disk until it is written; MkDocs holds nothing meanwhile."""
        self.progress.page_done()
        self.spill.park(page, html)
        return ""

    def restored(self, page: str) -> str | None:
        """The converted page, back from disk."""
        return self.spill.unpark(page)

    def text(self, page: Page) -> str:
        """A page's text, made now and not kept."""
        return page.text

    def pieces(self, page: Page) -> Iterator[str]:
        """A page's text in pieces, so a large download is written without being held whole."""
        return page.pieces()

    def head(self, page: Page) -> str:
        """A page's <head> tags, made now."""
        return page.head

    def page_written(self, page: str, html: str, extra_head: str, site_url: str | None, site_dir: str, dest: str) -> str:
        """The second process finishes and writes the page; MkDocs gets nothing to write."""
        self.finisher.write(page, html, extra_head, site_url, site_dir, dest)
        return ""

    def keep_entries(self, page: str, items: str) -> None:
        """A page's search entries go to disk until the index is written."""
        self.spill.add_entries(items)

    def entries(self) -> Iterator[str]:
        """Every page's entries, comma-separated, in pieces."""
        return self.spill.entries()

    def finish(self, site_dir: Path) -> None:
        """Wait until every page is written."""
        self.finisher.wait()

    def clear(self) -> None:
        """Remove what was kept on disk, and stop the second process."""
        self.spill.clear()
        self.finisher.close()
