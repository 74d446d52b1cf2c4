"""What a one-off build of a large archive keeps on disk instead of in memory.

MkDocs converts every page before it writes any, and the search plugin holds
every page's text until the end; with thousands of conversations either one
alone outweighs the rest of the build. Both wait in a temporary folder here.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any


class Spill:
    """A temporary folder holding converted pages and search entries until they are needed."""

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._pages: dict[str, Path] = {}
        self._entries: Any = None  # the open file of search entries
        self._entry_count = 0

    def _dir(self) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="archive-build-"))
        return self._folder

    def park(self, key: str, html: str) -> None:
        """Keep a converted page until :meth:`unpark`."""
        parked = self._dir() / f"{len(self._pages)}.html"
        parked.write_text(html, encoding="utf-8")
        self._pages[key] = parked

    def unpark(self, key: str) -> str | None:
        """The page kept under ``key`` (once), or None if none was."""
        parked = self._pages.pop(key, None)
        if parked is None:
            return None
        html = parked.read_text(encoding="utf-8")
        parked.unlink()
        return html

    def add_entries(self, entries: list[dict[str, Any]]) -> None:
        """Move search entries to disk, written as the search plugin writes them; ``entries`` is emptied."""
        if self._entries is None:
            self._entries = (self._dir() / "search-entries.json").open("w", encoding="utf-8")
        for entry in entries:
            self._entries.write(("," if self._entry_count else "") + json.dumps(entry, separators=(",", ":"), default=str))
            self._entry_count += 1
        entries.clear()

    def complete_index(self, index: Path) -> None:
        """Put the entries kept on disk into the search index file the plugin wrote without them."""
        if self._entries is None:
            return
        self._entries.close()
        written = index.read_text(encoding="utf-8")
        empty = '"docs":[]}'
        if not written.endswith(empty):
            raise RuntimeError(f"{index} does not end as expected; cannot add the search entries")
        with index.open("w", encoding="utf-8") as out, Path(self._entries.name).open(encoding="utf-8") as kept:
            out.write(written[: -len(empty)] + '"docs":[')
            shutil.copyfileobj(kept, out)
            out.write("]}")

    def clear(self) -> None:
        """Remove the folder and forget everything."""
        if self._entries is not None:
            self._entries.close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
        self.__init__()
