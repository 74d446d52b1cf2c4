"""What the live preview (``make serve``) keeps from one rebuild to the next, so an edit costs about a second.

- The generated pages, on disk so ``mkdocs serve --dirty`` can skip unchanged
  ones: a page's file is rewritten only when its text changes, and MkDocs then
  compares modification times and rebuilds just the pages an edit touched. The
  folder is ``.cache/preview/`` beside mkdocs.yml: never ``docs/``, never committed.
- Rendered outputs (:data:`MEMO`), the theme's compiled templates
  (:data:`TEMPLATES`) and each page's search entries (:data:`SEARCH`).
- A file watcher that notices a save sooner than MkDocs' own.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from watchdog.observers.polling import PollingObserver
from watchdog.utils.dirsnapshot import DirectorySnapshot

from . import search_index
from .render.memo import Memo

# Rendered pages remembered across the preview's rebuilds (the hooks module is reloaded each time).
MEMO = Memo()
PREVIEW_DIR = Path(".cache") / "preview"
_written: dict[str, str] = {}


def write_if_changed(project: Path, path: str, text: str) -> Path:
    """Keep ``PROJECT/.cache/preview/PATH`` equal to ``text``; returns the preview folder."""
    folder = project / PREVIEW_DIR
    key = f"{folder}/{path}"
    if _written.get(key) == text:  # an unchanged page is usually the very same string, which compares at once
        return folder
    target = folder / path
    data = text.encode("utf-8")
    if not target.exists() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    _written[key] = text
    return folder


class TemplateCache(BytecodeCache):
    """The theme's compiled templates, kept in memory across rebuilds.

    Each rebuild gets a fresh Jinja environment; without this it would compile
    every template of the theme again (about a fifth of a second).
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill the bucket from memory when the template's source is unchanged."""
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Remember a freshly compiled template."""
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = TemplateCache()

# Saves are noticed by polling; polling never takes more than this share of one core.
POLLING_SHARE = 0.05
FASTEST_POLL, SLOWEST_POLL = 0.1, 0.5


def polling_observer(folders: list[Path]) -> PollingObserver:
    """A file observer that polls as often as the folders' size allows, between 0.1 and 0.5 s."""
    started = time.perf_counter()
    for folder in folders:
        DirectorySnapshot(str(folder), recursive=True)
    scan = time.perf_counter() - started
    return PollingObserver(timeout=min(SLOWEST_POLL, max(FASTEST_POLL, scan / POLLING_SHARE)))


class SearchEntries:
    """The preview's search index, page by page, so a rebuild of a few pages replaces just their entries.

    MkDocs' dirty rebuild indexes only the pages it rebuilt; the search plugin keeps
    the rest from the last build but refreshes the entries of one page only. Each
    page's entries are kept here as JSON, so writing the whole index is a join.
    """

    def __init__(self) -> None:
        self._by_page: dict[str, str] = {}

    def keep(self, page: str, entries: list[dict]) -> None:
        """Take the entries the search plugin has just made for ``page`` (the list is emptied)."""
        self._by_page[page] = search_index.entries_json(entries)
        entries.clear()

    def forget_all_but(self, pages: set[str]) -> None:
        """Drop the entries of pages that no longer exist."""
        for gone in self._by_page.keys() - pages:
            del self._by_page[gone]

    def fill(self, index: Path) -> None:
        """Put every page's latest entries, in the order pages were first indexed, into the plugin's index file."""
        search_index.fill(index, search_index.joined(self._by_page.values()))


SEARCH = SearchEntries()


class Problems:
    """What the preview shows when the data has problems: every page loads a small script that lists them.

    The preview keeps serving the last good pages; after each rebuild it writes the
    problems (or none) to a file the script reads, and live reload brings the page
    back by itself once the data is fixed.
    """

    FILE = "archive-problems.json"
    SCRIPT = "archive-preview.js"

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.last_good: dict = {}  # the generated pages of the last build whose data was valid

    def write(self, site_dir: Path) -> None:
        """Write the current problems (an empty list when there are none) into the site."""
        (site_dir / self.FILE).write_text(json.dumps(self.lines, ensure_ascii=False), encoding="utf-8")


PROBLEMS = Problems()

# Shows the data's problems on every page of the preview; text only (textContent), so no value can become markup.
PREVIEW_SCRIPT = """(function () {
  var script = document.currentScript;
  var root = script.src.slice(0, script.src.length - "%(script)s".length);
  fetch(root + "%(file)s", {cache: "no-store"}).then(function (r) { return r.ok ? r.json() : []; }).then(function (lines) {
    if (!lines.length) { return; }
    var box = document.createElement("section");
    box.className = "archive-problems";
    box.setAttribute("role", "alert");
    var head = document.createElement("p");
    head.textContent = lines.length + (lines.length === 1 ? " problem" : " problems") +
      " in the data. This preview shows the pages of the last build that had none; save a fix and the page reloads by itself.";
    var list = document.createElement("pre");
    list.textContent = lines.join("\\n");
    box.appendChild(head);
    box.appendChild(list);
    document.body.insertBefore(box, document.body.firstChild);
  }).catch(function () {});
})();
""" % {"script": Problems.SCRIPT, "file": Problems.FILE}
