"""Step 5, build: run MkDocs into a fresh folder, then swap it in, so a failed build changes nothing.

MkDocs runs in this process, so the archive the check has just read is handed to
the build's adapter instead of being read a second time.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from ..characters import visible
from ..model import Archive
from ..output_folders import SITE_MARKER, OutputRefused, check_output_folder
from ..project import read_project


def _show_warnings() -> None:
    """Print MkDocs' warnings and errors to standard error, as the mkdocs command does."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_archive", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        handler._archive = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


def swap_in(staging: Path, site: Path) -> None:
    """Replace ``site`` with ``staging``; if the second rename fails, the old site is put back."""
    if not site.exists():
        staging.rename(site)
        return
    retired = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site.parent))
    site.rename(retired / "site")
    try:
        staging.rename(site)
    except OSError:
        (retired / "site").rename(site)  # if even this fails, the old site stays whole in the retired folder
        retired.rmdir()
        raise
    shutil.rmtree(retired, ignore_errors=True)


def build_site(project: Path, site: Path | None = None, archive: Archive | None = None) -> bool:
    """Build the site as ``mkdocs build --strict`` does; replace ``site`` (by default mkdocs.yml's ``site_dir``)
    only if the build succeeds, and only if it is empty or a site the archive built (see :mod:`archive.output_folders`).

    ``archive``, if given, is the archive just read from the project's data, handed to the adapter's one-off build.
    """
    _show_warnings()
    where = read_project(project)
    try:
        site = check_output_folder(site or where.site, where, SITE_MARKER, "--site-dir" if site else "site_dir (mkdocs.yml)")
    except OutputRefused as refused:
        print(f"Error: {visible(str(refused))}", file=sys.stderr)
        return False
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site.parent))
    try:
        try:
            config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(staging), strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            for hooks in config.hooks.values():  # the adapter (scripts/mkdocs_hooks.py) takes the archive already read
                getattr(hooks, "hand_over", lambda archive: None)(archive)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except (Abort, ConfigurationError, MkDocsException) as err:
            print("Error: " + "\n".join(visible(line) for line in str(err).split("\n")), file=sys.stderr)
            return False
        except OSError as err:
            where = f" {visible(str(err.filename))}" if err.filename else ""
            print(f"Error: cannot write the site{where}: {err.strerror or err}", file=sys.stderr)
            return False
        swap_in(staging, site)
        return True
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
