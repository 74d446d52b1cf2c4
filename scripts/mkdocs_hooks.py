"""MkDocs hooks: put the archive's generated pages into the site and rebuild when data changes.

Generated pages live only in memory (``File.generated``); nothing is written
into ``docs/``, and a generated path that a hand-written page already uses
stops the build instead of replacing that page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archive.pipeline import read_archive  # noqa: E402
from archive.problems import DataError  # noqa: E402
from archive.render.pages import render_site  # noqa: E402


def data_dir(config: MkDocsConfig) -> Path:
    """The data folder sits beside mkdocs.yml."""
    return Path(config.config_file_path).resolve().parent / "data"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Validate the data, render every generated page and add it to the site's files."""
    try:
        archive = read_archive(data_dir(config))
    except DataError as err:
        raise PluginError(f"the archive's data has problems:\n{err.report()}") from None
    for path, text in render_site(archive).items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is hand-written, but the archive generates a page at that path; rename one")
        files.append(File.generated(config, path, content=text))
    return files


def on_serve(server, config: MkDocsConfig, builder) -> None:  # noqa: ANN001 - MkDocs' own types
    """Rebuild and reload the browser when a data file changes."""
    server.watch(str(data_dir(config)))
