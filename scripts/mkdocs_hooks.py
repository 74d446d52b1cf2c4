"""MkDocs hooks: put the archive's generated pages into the site and rebuild when data changes.

Generated pages live only in memory (``File.generated``); nothing is written
into ``docs/``, and a generated path that a hand-written page already uses
stops the build instead of replacing that page.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archive.csp import harden  # noqa: E402
from archive.build import PROGRESS  # noqa: E402
from archive.pipeline import read_archive  # noqa: E402
from archive.preview import MEMO, PREVIEW_SCRIPT, PROBLEMS, SEARCH, TEMPLATES, polling_observer, write_if_changed  # noqa: E402
from archive.problems import DataError  # noqa: E402
from archive.render.pages import Generated, render_site  # noqa: E402
from archive.render.memo import NOTHING  # noqa: E402
from archive.render.paths import FEED, site  # noqa: E402
from archive.render.text import FrontMatterError, split_front_matter  # noqa: E402
from archive.spill import Spill  # noqa: E402
from archive.theme_fixes import fix  # noqa: E402

log = logging.getLogger("mkdocs.archive")


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns at every preview start that a 'dirty' build may have inaccurate links; the archive's
    preview is built for that (``make serve`` prints its own one-line notice), so the warning is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())
_sources: dict[str, Generated] = {}
_meta: dict[str, dict] = {}
# What MkDocs reads of a generated page: an empty metadata block it cannot misread, then the body.
_NO_METADATA = "---\n{}\n---\n"


class _LazyFile(File):
    """A generated file whose text is made when MkDocs reads or copies it, and not kept afterwards."""

    def __init__(self, config: MkDocsConfig, path: str, generated: Generated) -> None:
        super().__init__(path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
        self.generated_by = "archive"
        self._generated = generated
        self._content = ""  # marks the file as generated (it has no source file)

    @property
    def content_string(self) -> str:  # type: ignore[override]
        return self._generated.text

    @property
    def content_bytes(self) -> bytes:  # type: ignore[override]
        return self._generated.text.encode("utf-8")

    def copy_file(self, dirty: bool = False) -> None:
        """Write the file into the site, piece by piece."""
        target = Path(self.abs_dest_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8", newline="") as out:
            out.writelines(self._generated.pieces())


def data_dir(config: MkDocsConfig) -> Path:
    """The data folder sits beside mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent / "data"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Validate the data, render every generated page and add it to the site's files.

    A one-off build stops on a problem in the data. The preview goes on serving the
    last good pages and lists the problems on every page instead (see ``Problems``).
    """
    preview = not _one_off()
    try:
        archive = read_archive(data_dir(config))
    except DataError as err:
        if not preview:
            raise PluginError(f"the archive's data has problems:\n{err.report()}") from None
        PROBLEMS.lines = err.report().splitlines()
        log.error("The archive's data has problems; the preview shows them on every page:\n%s", err.report())
        generated_files = PROBLEMS.last_good
    else:
        PROBLEMS.lines = []
        drafts = os.environ.get("ARCHIVE_DRAFTS") == "1"
        generated_files = render_site(archive, site(config.site_name, config.site_url or "/"), include_drafts=drafts, memo=MEMO if preview else NOTHING)
        if preview:
            PROBLEMS.last_good = generated_files
    _sources.clear()
    project = Path(config.config_file_path).resolve().parent
    if preview:
        generated_files = {**generated_files, PROBLEMS.SCRIPT: Generated.of(PREVIEW_SCRIPT)}
    taken = set(files.src_uris)
    for path, generated in generated_files.items():
        if path in taken:
            raise PluginError(f"docs/{path} is hand-written, but the archive generates a page at that path; rename one")
        if preview:
            # On disk, rewritten only when changed, so `mkdocs serve --dirty` rebuilds just what an edit touched.
            folder = write_if_changed(project, path, generated.text)
            files.append(File(path, str(folder), config.site_dir, config.use_directory_urls))
        else:
            files.append(_LazyFile(config, path, generated))
        _sources[path] = generated
    if preview:
        SEARCH.forget_all_but({f.src_uri for f in files.documentation_pages()})
    else:
        PROGRESS.start(len(files.documentation_pages()))
    return files


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """Give MkDocs a generated page's body only; its metadata is read here, exactly, not by MkDocs' YAML.

    MkDocs treats a metadata block it cannot parse as page text, silently; the archive's
    own block is split off with the inverse of the function that wrote it, and any
    mismatch stops the build naming the data file.
    """
    generated = _sources.get(page.file.src_uri)
    if generated is None:
        return None
    try:
        meta, body = split_front_matter(page.file.content_string)
    except FrontMatterError as err:
        raise PluginError(f"{generated.source or page.file.src_uri}: page metadata: {err}") from None
    _meta[page.file.src_uri] = meta
    return _NO_METADATA + body


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Set a generated page's metadata; point "Edit this page" at the file a page comes from (its YAML)."""
    generated = _sources.get(page.file.src_uri)
    if generated is None:
        source: str | None = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    else:
        source = generated.source
        if page.meta:
            raise PluginError(f"{source or page.file.src_uri}: page metadata reached MkDocs unexpectedly")
        page.meta = _meta.pop(page.file.src_uri, {})
    page.edit_url = _edit_url(config, source) if source else None
    return markdown


def _edit_url(config: MkDocsConfig, source: str) -> str | None:
    """The repository's edit address for a file on the published branch."""
    repository, branch = config.extra.get("repository"), config.extra.get("branch", "main")
    return f"{repository.rstrip('/')}/edit/{branch}/{source}" if repository else None


# One-off builds keep converted pages and search entries on disk until they are needed (see archive.spill).
_spill = Spill()


def _one_off() -> bool:
    """A one-off build, not the live preview (whose rebuilds need MkDocs' own bookkeeping)."""
    return os.environ.get("ARCHIVE_PREVIEW") != "1"


@event_priority(-100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep the converted page on disk until it is written (one-off builds only)."""
    page.markdown = None
    if not _one_off():
        return html
    PROGRESS.page_done()
    _spill.park(page.file.src_uri, html)
    return ""


@event_priority(100)
def on_page_context(context, page: Page, config: MkDocsConfig, nav):  # noqa: ANN001, ANN201 - MkDocs' own types
    """Bring the page's HTML back just before it is indexed for search and written."""
    html = _spill.unpark(page.file.src_uri)
    if html is not None:
        page.content = html
    return context


def _search_entries(config: MkDocsConfig) -> list | None:
    """The search plugin's list of entries so far, if the site has the search plugin."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(getattr(plugin, "search_index", None), "entries", None)


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    """Complete the search index after the search plugin has written it: with the entries kept on disk
    (one-off builds), or with every page's latest entries (the preview, which rebuilt only some pages)."""
    index = Path(config.site_dir) / "search" / "search_index.json"
    try:
        if _one_off():
            _spill.complete_index(index)
        else:
            PROBLEMS.write(Path(config.site_dir))
            if index.exists():
                SEARCH.fill(index)
    finally:
        _spill.clear()


def on_build_error(error: Exception) -> None:
    """A failed build leaves nothing behind in the temporary folder."""
    _spill.clear()


def on_env(env, config: MkDocsConfig, files: Files):  # noqa: ANN001, ANN201 - Jinja's Environment
    """In the live preview, keep the theme's compiled templates from one rebuild to the next."""
    if not _one_off():
        env.bytecode_cache = TEMPLATES
    return env


def on_serve(server, config: MkDocsConfig, builder):  # noqa: ANN001, ANN201 - MkDocs' own types
    """Rebuild and reload the browser when a data file changes, noticing a save sooner than MkDocs' half-second poll."""
    watched = [config.docs_dir, config.config_file_path, str(data_dir(config))]
    for path in watched[:2]:
        server.unwatch(path)
    server.observer = polling_observer([Path(config.docs_dir), data_dir(config)])
    for path in watched:
        server.watch(path)
    return server


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Add a page's machine-readable tags (citation meta, JSON-LD) and the feed link to <head>;
    then, as the very last change, its Content-Security-Policy (hashing its final inline scripts)."""
    generated = _sources.get(page.file.src_uri)
    # The page is written out next; dropping its source and HTML keeps memory flat as the archive grows.
    page.markdown = None
    page.content = None
    entries = _search_entries(config)
    if entries is not None:
        if _one_off():
            _spill.add_entries(entries)
        else:
            SEARCH.keep(page.file.src_uri, entries)
    up = "../" * page.url.count("/")
    feed = f'<link rel="alternate" type="application/atom+xml" title="New conversations" href="{up}{FEED}">'
    extra = feed + (generated.head if generated is not None else "")
    if not _one_off():
        extra += f'<script src="{up}{PROBLEMS.SCRIPT}" defer></script>'  # the preview lists the data's problems
    page_html = fix(output.replace("</head>", extra + "\n</head>", 1))
    return harden(page_html, config.site_url, live_reload=not _one_off())


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The theme's own pages (404.html) get the same markup corrections and policy."""
    if not template_name.endswith(".html"):
        return output_content
    if not _one_off():
        script = f'<script src="{config.site_url or "/"}{PROBLEMS.SCRIPT}" defer></script>'
        output_content = output_content.replace("</head>", script + "\n</head>", 1)
    return harden(fix(output_content), config.site_url, live_reload=not _one_off())
