"""The live preview (``make serve``): what it keeps from one rebuild to the next, so an edit costs about a second.

- Each page part's output, reused while its declared inputs are the same objects
  (:class:`Memo`; its :class:`~archive.pipeline.Reader` hands back the same objects for files that did not change).
- The generated pages on disk, rewritten only when their text changes, so
  ``mkdocs serve --dirty`` rebuilds just the pages an edit touched. The folder is
  ``.cache/preview/`` beside mkdocs.yml: never ``docs/``, never committed.
- The theme's compiled templates, each page's search entries, and the data's
  problems, which every page of the preview lists until they are fixed.
- A file watcher that notices a save sooner than MkDocs' own.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from watchdog.observers.polling import PollingObserverVFS
from watchdog.utils.dirsnapshot import DirectorySnapshot

from ..model import Archive
from ..pipeline import Reader
from ..problems import DataError
from ..render.page import Derived, Page, Part, text
from ..render.pages import render_site
from ..render.paths import Site
from ..safe_write import make_folders, read_bytes, write_bytes, write_text
from .finish import finished

log = logging.getLogger("mkdocs.archive")
FOLDER = Path(".cache") / "preview"
PROBLEMS_FILE = "archive-problems.json"
SCRIPT = "archive-preview.js"
_VALUES = (str, int, float, bool, type(None))


def same(a: Any, b: Any) -> bool:
    """Whether two inputs are the same: the very same object; an equal plain value (text, number, yes/no, none);
    a tuple of the same inputs; or the same derivation from the same inputs."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, _VALUES):
        return a == b
    if isinstance(a, tuple):
        return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, Derived):
        return a.render is b.render and same(a.inputs, b.inputs)
    return False


class Memo:
    """Each part's last output with the inputs it was made from."""

    def __init__(self) -> None:
        self._store: dict[tuple[str, int], tuple[Part, str]] = {}

    def made(self, key: tuple[str, int], part: Part) -> str:
        """The remembered output if ``part`` renders with the same function from the same inputs, else a new one."""
        hit = self._store.get(key)
        if hit is not None and hit[0].render is part.render and same(hit[0].inputs, part.inputs):
            return hit[1]
        value = part.made()
        self._store[key] = (part, value)
        return value

    def forget_all_but(self, paths: set[str]) -> None:
        """Drop what was remembered for pages that no longer exist."""
        for key in [k for k in self._store if k[0] not in paths]:
            del self._store[key]


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


# Saves are noticed by polling; polling never takes more than this share of one core.
POLLING_SHARE = 0.05
FASTEST_POLL, SLOWEST_POLL = 0.1, 0.5


def polling_observer(folders: list[Path]) -> PollingObserverVFS:
    """A file observer that polls as often as the folders' size allows, between 0.1 and 0.5 s.

    It looks at links, never through them (``os.lstat``): a link to a folder is not walked, so the
    watcher stays inside the folders it is given.
    """
    started = time.perf_counter()
    for folder in folders:
        DirectorySnapshot(str(folder), recursive=True, stat=os.lstat)
    scan = time.perf_counter() - started
    return PollingObserverVFS(os.lstat, os.scandir, polling_interval=min(SLOWEST_POLL, max(FASTEST_POLL, scan / POLLING_SHARE)))


class Preview:
    """The preview's state across rebuilds; one per process (:data:`PREVIEW`)."""

    live = True

    def __init__(self) -> None:
        self.reader = Reader()  # reads again only the files an editor saved
        self.memo = Memo()
        self.templates = TemplateCache()
        self.problems: list[str] = []
        self._last_good: dict[str, Page] = {}  # the pages of the last build whose data was valid
        self._written: dict[str, str] = {}
        self._entries: dict[str, str] = {}  # each page's search entries, as JSON list items
        self._builds = 0

    def first_build(self) -> bool:
        """Whether this is the preview's first build (each call counts one)."""
        self._builds += 1
        return self._builds == 1

    def generate(self, data_dir: Path, site: Site, drafts: bool) -> dict[str, Page]:
        """Every page, drafts included if asked; with problems in the data, the last good pages and the problems."""
        try:
            archive: Archive = self.reader.archive(data_dir)
        except DataError as err:
            self.problems = err.report().splitlines()
            log.error("The archive's data has problems; the preview shows them on every page:\n%s", err.report())
            pages = self._last_good
        else:
            self.problems = []
            pages = self._last_good = render_site(archive, site, include_drafts=drafts)
        self.memo.forget_all_but(set(pages) | {SCRIPT})
        return {**pages, SCRIPT: Page.of(SCRIPT, text, PREVIEW_SCRIPT)}

    def listed(self, pages: set[str]) -> None:
        """The site's pages are known: drop the search entries of pages that no longer exist."""
        for gone in self._entries.keys() - pages:
            del self._entries[gone]

    def converted(self, page: str, html: str) -> str:
        """The preview keeps converted pages where MkDocs keeps them."""
        return html

    def restored(self, page: str) -> str | None:
        """Nothing was moved away."""
        return None

    def text(self, page: Page) -> str:
        """A page's text, each part reused while its inputs are unchanged."""
        return "".join(self.memo.made((page.path, n), part) for n, part in enumerate(page.parts))

    def pieces(self, page: Page) -> Iterator[str]:
        """The text as one piece."""
        yield self.text(page)

    def head(self, page: Page) -> str:
        """A page's <head> tags, reused likewise."""
        return self.memo.made((page.path, -1), page.tags) if page.tags is not None else ""

    def write(self, project: Path, path: str, content: str) -> Path:
        """Keep ``PROJECT/.cache/preview/PATH`` equal to ``content``; returns the preview folder.

        Nothing is read or written through a link: one planted at the file, or at any folder from the
        project down, raises :class:`~archive.safe_write.LinkRefused` naming it.
        """
        folder = project / FOLDER
        key = f"{folder}/{path}"
        if self._written.get(key) == content:  # an unchanged page is usually the very same string, which compares at once
            return folder
        data = content.encode("utf-8")
        make_folders(project, str(FOLDER))
        if read_bytes(folder, path) != data:
            write_bytes(folder, path, data)
        self._written[key] = content
        return folder

    def page_written(self, page: str, html: str, extra_head: str, site_url: str | None, site_dir: str, dest: str) -> str:
        """The finished page, for MkDocs to write (the live-reload script allowed)."""
        return finished(html, extra_head, site_url, live=True)

    def keep_entries(self, page: str, items: str) -> None:
        """The search entries just made for ``page``, as JSON list items; the others' entries stay."""
        self._entries[page] = items

    def entries(self) -> Iterable[str]:
        """Every page's latest entries, in the order pages were first indexed, comma-separated, in pieces."""
        first = True
        for item in self._entries.values():
            if item:
                yield item if first else "," + item
                first = False

    def finish(self, site_dir: Path) -> None:
        """Write the current problems (an empty list when there are none) where every page's script reads them."""
        write_text(site_dir, PROBLEMS_FILE, json.dumps(self.problems, ensure_ascii=False))

    def clear(self) -> None:
        """Nothing to clear between rebuilds: what the preview keeps, it keeps on purpose."""


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
""".replace("%(script)s", SCRIPT).replace("%(file)s", PROBLEMS_FILE)


PREVIEW = Preview()
