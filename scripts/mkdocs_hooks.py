"""The adapter between the archive and MkDocs: the one module that knows MkDocs' events, files, search plugin
and server. Each hook delegates to the build under way: a one-off build (``archive.engine.oneoff``) or the
live preview (``archive.engine.preview``), which own their tricks; the pages come from ``archive.render``.

Generated pages are never written into ``docs/``, and a generated path that a hand-written page already
uses stops the build instead of replacing that page.

What this relies on in MkDocs 1.6 and Material 9 (each has a test in tests/test_engine_internals.py):

1. A ``File`` made with ``src_dir=None`` and ``_content`` set counts as generated; MkDocs reads it through
   ``content_string`` and writes it through ``copy_file``, which a subclass may override.
2. ``Files.src_uris`` and ``Files.documentation_pages()`` list the site's files and pages.
3. ``on_page_read_source`` may return a page's Markdown; ``page.meta`` and ``page.edit_url`` set in
   ``on_page_markdown`` are what the theme shows.
4. ``page.content`` may be emptied in ``on_page_content`` and restored in ``on_page_context`` (priority 100,
   before the search plugin reads it); ``page.markdown`` and ``page.content`` are not read after ``on_post_page``.
5. The search plugin (``material/search`` or ``search``) keeps its entries in ``search_index.entries``, a list
   it appends a page's entries to before ``on_post_page``, and writes ``search/search_index.json`` ending in
   ``"docs":[]}`` when that list is empty; it writes entries as ``json.dumps`` with ``separators=(",", ":")``
   and ``default=str``.
6. ``mkdocs serve --dirty`` rebuilds only pages whose source file is newer than the built page.
7. The live-reload server has ``watch``, ``unwatch`` and a replaceable ``observer``; the Jinja environment
   given to ``on_env`` takes a ``bytecode_cache``.
8. ``config.hooks`` maps each hook file to its loaded module (``engine.build`` hands the checked archive over).
9. MkDocs logs "'dirty' build" on logger ``mkdocs.commands.build`` at the start of every ``--dirty`` preview.
10. Material's markup that ``archive.engine.theme_fixes`` corrects (see the patterns there).
11. MkDocs writes no file for a page whose ``on_post_page`` output is empty, and logs "Page skipped: " on
    logger ``mkdocs.commands.build`` instead; a one-off build's second process writes the page.
12. The search plugin finds each section's heading with ``search_index._find_toc_by_id(toc, id)``, a search
    of the page's whole table of contents (the first match, depth first); the adapter gives it a lookup by id,
    so a page of many headings is indexed in time linear in their number.
13. The live-reload server is a ``wsgiref`` server: ``get_app``/``set_app`` and ``server_address`` (host, port).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archive.engine.finish import PageNotFinished, finished
from archive.engine.oneoff import OneOffBuild
from archive.engine.preview import FOLDER, PREVIEW, SCRIPT, Preview, polling_observer
from archive.engine.preview_server import guard
from archive.model import Archive
from archive.output_folders import MARKER_TEXT, SITE_MARKER, OutputRefused, check_output_folder
from archive.problems import DataError
from archive.project import read_project
from archive.render import page as described
from archive.render.paths import FEED, site
from archive.render.text import FrontMatterError, split_front_matter
from archive.safe_write import LinkRefused, open_for_writing, write_text
from archive.source_tree import folded, source_problems, tree_problems

log = logging.getLogger("mkdocs.archive")
# What MkDocs reads of a generated page: an empty metadata block it cannot misread, then the body.
_NO_METADATA = "---\n{}\n---\n"
_EMPTY_DOCS = '"docs":[]}'


class _ExpectedMessages(logging.Filter):
    """Two messages MkDocs logs that say nothing to the archive's editors, dropped:

    - at every preview start, that a 'dirty' build may have inaccurate links (the preview is built for that,
      and ``make serve`` prints its own one-line notice);
    - for every page of a one-off build, "Page skipped": MkDocs writes nothing for a page the archive's
      second process writes (``archive.engine.finish``).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return "'dirty' build" not in message and not message.startswith("Page skipped: ")


logging.getLogger("mkdocs.commands.build").addFilter(_ExpectedMessages())


def previewing() -> bool:
    """Whether this is the live preview (``make serve`` sets ARCHIVE_PREVIEW=1), not a one-off build."""
    return os.environ.get("ARCHIVE_PREVIEW") == "1"


_build: OneOffBuild | Preview = PREVIEW if previewing() else OneOffBuild()
_cleans_site = False
_sources: dict[str, described.Page] = {}  # the generated pages of the build under way, by path
_meta: dict[str, dict] = {}


def on_startup(command: str, dirty: bool) -> None:
    """A new build: the preview's state carries on; a one-off build starts from nothing."""
    global _build, _cleans_site
    _build = PREVIEW if previewing() else OneOffBuild()
    _cleans_site = command in ("build", "gh-deploy") and not dirty  # MkDocs empties the site folder first


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Before anything is read: no link and no unportable name in the sources (nor, at the preview's start, in
    its folder of generated pages), and a site folder that a clean build may empty."""
    if isinstance(_build, OneOffBuild) and _build.archive is not None:
        return config  # `python -m archive build`: its check has just walked the sources and its site folder
    project = _project(config)
    problems = source_problems(project)
    if isinstance(_build, Preview):
        if _build.first_build():  # later writes into the folder follow no link (archive.safe_write)
            problems += tree_problems(project / FOLDER.parts[0], read_project(project))
    elif _cleans_site and not problems:
        try:
            check_output_folder(Path(config.site_dir), read_project(project), SITE_MARKER, "site_dir")
        except OutputRefused as refused:
            problems.append(str(refused))
    if problems:
        raise PluginError("nothing was built:\n" + "\n".join(problems))
    return config


def hand_over(archive: Archive) -> None:
    """Build from an archive the check has just read (``python -m archive build``)."""
    if isinstance(_build, OneOffBuild):
        _build.archive = archive


class _LazyFile(File):
    """A generated file whose text is made when MkDocs reads or copies it, and not kept afterwards."""

    def __init__(self, config: MkDocsConfig, page: described.Page) -> None:
        super().__init__(page.path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
        self.generated_by = "archive"
        self._page = page
        self._content = ""  # marks the file as generated (it has no source file)

    @property
    def content_string(self) -> str:  # type: ignore[override]
        return _build.text(self._page)

    @property
    def content_bytes(self) -> bytes:  # type: ignore[override]
        return self.content_string.encode("utf-8")

    def copy_file(self, dirty: bool = False) -> None:
        """Write the file into the site, piece by piece, following no link."""
        with open_for_writing(Path(self.dest_dir), self.dest_uri) as out:
            out.writelines(_build.pieces(self._page))


def _project(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml, which holds data/."""
    return Path(config.config_file_path).resolve().parent


def _generate(config: MkDocsConfig) -> dict[str, described.Page]:
    """Every generated page of this build; a one-off build stops on a problem in the data."""
    drafts = os.environ.get("ARCHIVE_DRAFTS") == "1"
    try:
        return _build.generate(_project(config) / "data", site(config.site_name, config.site_url or "/"), drafts)
    except DataError as err:
        raise PluginError(f"the archive's data has problems:\n{err.report()}") from None


def _add(files: Files, config: MkDocsConfig, generated: dict[str, described.Page]) -> Files:
    """Add the generated pages to the site's files: made when read (one-off), or on disk for ``--dirty`` (preview)."""
    taken = {folded(uri): uri for uri in files.src_uris}  # a name that differs only by case is the same file on macOS
    _sources.clear()
    for path, page in generated.items():
        if folded(path) in taken:
            written = taken[folded(path)]
            where = "that path" if written == path else f"{path}, which macOS and Windows take for the same file"
            raise PluginError(f"docs/{written} is hand-written, but the archive generates a page at {where}; rename one")
        if isinstance(_build, Preview):
            try:
                folder = _build.write(_project(config), path, _build.text(page))
            except LinkRefused as link:
                raise PluginError(str(link)) from None
            files.append(File(path, str(folder), config.site_dir, config.use_directory_urls))
        else:
            files.append(_LazyFile(config, page))
        _sources[path] = page
    _build.listed({f.src_uri for f in files.documentation_pages()})
    return files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Validate the data, describe every generated page and add it to the site's files."""
    return _add(files, config, _generate(config))


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """Give MkDocs a generated page's body only; its metadata is read here, exactly, not by MkDocs' YAML."""
    generated = _sources.get(page.file.src_uri)
    return None if generated is None else _body(page, generated)


def _body(page: Page, generated: described.Page) -> str:
    """MkDocs treats a metadata block it cannot parse as page text, silently; the archive's own block is split
    off with the inverse of the function that wrote it, and any mismatch stops the build naming the data file."""
    try:
        meta, body = split_front_matter(page.file.content_string)
    except FrontMatterError as err:
        raise PluginError(f"{generated.source or page.file.src_uri}: page metadata: {err}") from None
    _meta[page.file.src_uri] = meta
    return _NO_METADATA + body


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Set a generated page's metadata; point "Edit this page" at the file a page comes from (its YAML)."""
    _set_meta_and_edit_url(page, config, _sources.get(page.file.src_uri))
    return markdown


def _set_meta_and_edit_url(page: Page, config: MkDocsConfig, generated: described.Page | None) -> None:
    if generated is None:
        source: str | None = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    else:
        source = generated.source
        if page.meta:
            raise PluginError(f"{source or page.file.src_uri}: page metadata reached MkDocs unexpectedly")
        page.meta = _meta.pop(page.file.src_uri, {})
    repository, branch = config.extra.get("repository"), config.extra.get("branch", "main")
    page.edit_url = f"{repository.rstrip('/')}/edit/{branch}/{source}" if repository and source else None


@event_priority(-100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A one-off build keeps the converted page on disk until it is written."""
    page.markdown = None
    return _build.converted(page.file.src_uri, html)


@event_priority(100)
def on_page_context(context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
    """Bring the page's HTML back just before it is indexed for search and written; its headings by id for the index."""
    page.content = _build.restored(page.file.src_uri) or page.content
    _look_up_headings_by_id(page, config)
    return context


def _search_plugin(config: MkDocsConfig) -> Any:
    return config.plugins.get("material/search") or config.plugins.get("search")


def _look_up_headings_by_id(page: Page, config: MkDocsConfig) -> None:
    """Let the search index find this page's headings by id at once, as its own search would (first match, depth first)."""
    index = getattr(_search_plugin(config), "search_index", None)
    if index is None or not hasattr(index, "_find_toc_by_id"):
        return
    headings: dict[str, Any] = {}
    waiting = list(reversed(list(page.toc)))
    while waiting:
        item = waiting.pop()
        headings.setdefault(item.id, item)
        waiting += reversed(list(item.children))
    index._find_toc_by_id = lambda toc, anchor: headings.get(anchor)


def _search_entries(config: MkDocsConfig) -> list | None:
    """The search plugin's list of entries so far, if the site has the search plugin."""
    return getattr(getattr(_search_plugin(config), "search_index", None), "entries", None)


def entries_json(entries: list[dict[str, Any]]) -> str:
    """Entries as the items of a JSON list (no brackets), serialised exactly as the search plugin does."""
    return json.dumps(entries, separators=(",", ":"), default=str)[1:-1]


def _take_entries(page: Page, config: MkDocsConfig) -> None:
    """Move the entries the search plugin has just made for a page to the build."""
    entries = _search_entries(config)
    if entries is not None:
        _build.keep_entries(page.file.src_uri, entries_json(entries))
        entries.clear()


def fill_index(index: Path, docs: Iterable[str]) -> None:
    """Put ``docs`` (the text of the list's items, in pieces) into the index the plugin wrote with no entries."""
    written = index.read_text(encoding="utf-8")
    if not written.endswith(_EMPTY_DOCS):
        raise RuntimeError(f"{index} does not end as expected; cannot add the search entries")
    with index.open("w", encoding="utf-8") as out:
        out.write(written[: -len(_EMPTY_DOCS)] + '"docs":[')
        out.writelines(docs)
        out.write("]}")


def _complete_index(config: MkDocsConfig) -> None:
    """Complete the search index after the search plugin has written it, with every page's entries."""
    index = Path(config.site_dir) / "search" / "search_index.json"
    try:
        _build.finish(Path(config.site_dir))
        if index.exists():
            fill_index(index, _build.entries())
    except PageNotFinished as failed:
        raise PluginError(str(failed)) from None
    finally:
        _build.clear()


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    """The build's last step: the complete search index (and, in the preview, the data's problems); a one-off
    build's site gets the marker that lets the next build replace it."""
    _complete_index(config)
    if not _build.live:
        write_text(Path(config.site_dir), SITE_MARKER, MARKER_TEXT.format(what="build"), exclusive=True)


def on_build_error(error: Exception) -> None:
    """A failed build leaves nothing behind in the temporary folder."""
    _build.clear()


def on_shutdown() -> None:
    """Also after an interrupted build (which skips ``on_build_error``): nothing is left running or kept."""
    _build.clear()


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """In the live preview, keep the theme's compiled templates from one rebuild to the next."""
    if isinstance(_build, Preview):
        env.bytecode_cache = _build.templates
    return env


def _watch(server: Any, config: MkDocsConfig) -> Any:
    """Watch the data folder too, with an observer that notices a save sooner than MkDocs' half-second poll."""
    watched = [config.docs_dir, config.config_file_path, str(_project(config) / "data")]
    for path in watched[:2]:
        server.unwatch(path)
    server.observer = polling_observer([Path(config.docs_dir), _project(config) / "data"])
    for path in watched:
        server.watch(path)
    return server


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild and reload the browser when a data file changes; answer only requests for the preview's own address."""
    server.set_app(guard(server.get_app(), *server.server_address[:2]))
    return _watch(server, config)


def _head_tags(page: Page, up: str, config: MkDocsConfig) -> str:
    """What the archive adds to a page's <head>: the feed link, the page's own tags, the preview's problems script."""
    generated = _sources.get(page.file.src_uri)
    tags = f'<link rel="alternate" type="application/atom+xml" title="New conversations" href="{up}{FEED}">'
    tags += _build.head(generated) if generated is not None else ""
    return tags + (f'<script src="{up}{SCRIPT}" defer></script>' if _build.live else "")


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Take the page's search entries, then finish the page; dropping its text keeps memory flat as the archive grows."""
    page.markdown = page.content = None
    _take_entries(page, config)
    head = _head_tags(page, "../" * page.url.count("/"), config)
    return _build.page_written(page.file.src_uri, output, head, config.site_url, config.site_dir, page.file.dest_uri)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The theme's own pages (404.html) get the same markup corrections and policy."""
    script = f'<script src="{config.site_url or "/"}{SCRIPT}" defer></script>' if _build.live else ""
    return finished(output_content, script, config.site_url, live=_build.live) if template_name.endswith(".html") else output_content
