"""What a one-off build of a large archive keeps on disk instead of in memory.

MkDocs converts every page before it writes any, and the search plugin holds
every page's text until the end; with thousands of conversations either one
alone outweighs the rest of the build. Both wait in a temporary folder here.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Any

from . import search_index


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

    def add_entries(self, entries: list[dict[str, Any]]) -> None:
        """Move search entries to disk, written as the search plugin writes them; ``entries`` is emptied."""
        if not entries:
            return
        if self._entries is None:
            self._entries = (self._dir() / "search-entries.json").open("w", encoding="utf-8")
        self._entries.write(("," if self._any_entries else "") + search_index.entries_json(entries))
        self._any_entries = True
        entries.clear()

    def complete_index(self, index: Path) -> None:
        """Put the entries kept on disk into the search index file the plugin wrote without them."""
        if self._entries is None:
            return
        self._entries.close()
        with Path(self._entries.name).open(encoding="utf-8") as kept:
            search_index.fill(index, iter(lambda: kept.read(1 << 20), ""))

    def clear(self) -> None:
        """Remove the folder and forget everything."""
        for file in (self._entries, self._pages_file):
            if file is not None:
                file.close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
        self.__init__()
