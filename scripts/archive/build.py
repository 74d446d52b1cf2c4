"""Step 5, build: run MkDocs into a fresh folder, then swap it in, so a failed build changes nothing.

MkDocs runs in this process, so the data the check has just read is reused by the
hooks (``pipeline`` keeps unchanged files) instead of being read a second time.
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

from .characters import visible


def _show_warnings() -> None:
    """Print MkDocs' warnings and errors to standard error, as the mkdocs command does."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_archive", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        handler._archive = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


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


PROGRESS = PageProgress()


def _swap_in(staging: Path, site: Path) -> None:
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


def build_site(project: Path, site: Path) -> bool:
    """Build the site as ``mkdocs build --strict`` does; replace ``site`` only if the build succeeds."""
    _show_warnings()
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site.parent))
    try:
        try:
            config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(staging), strict=True)
            config.plugins.on_startup(command="build", dirty=False)
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
        _swap_in(staging, site)
        return True
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
