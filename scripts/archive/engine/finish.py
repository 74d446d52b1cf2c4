"""The last changes to every written page: the archive's <head> tags, the theme's markup corrected and, as the
very last change, the page's Content-Security-Policy (which hashes its final inline scripts).

A one-off build hands each page to :class:`Finisher`, a second process that finishes and writes it while
MkDocs renders the next page; on a machine with two cores the pass then costs the build almost nothing.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..csp import harden
from .theme_fixes import fix


def finished(html: str, extra_head: str, site_url: str | None, *, live: bool = False) -> str:
    """A page as written: ``extra_head`` added at the end of its <head>, the theme's markup corrected, then its
    policy (``live`` for the preview, whose server adds a live-reload script of its own)."""
    if extra_head:
        html = html.replace("</head>", extra_head + "\n</head>", 1)
    return harden(fix(html), site_url, live_reload=live)


class PageNotFinished(Exception):
    """A page that could not be finished: one that cannot be given its policy (a script before <head>, or one the
    browser would end elsewhere), or one the second process stopped on."""


def _write_finished(html: str, extra_head: str, site_url: str | None, dest: str) -> None:
    """In the second process: finish a page and write it where MkDocs would have (UTF-8, as MkDocs encodes)."""
    try:
        text = finished(html, extra_head, site_url)
    except ValueError as refused:
        raise PageNotFinished(f"cannot give the page its Content-Security-Policy: {refused}") from None
    path = Path(dest)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8", errors="xmlcharrefreplace"))


def _ignore_interrupts() -> None:
    """In the second process: leave Ctrl-C to the build."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Finisher:
    """Pages finished and written by one second process, in the order given.

    At most ``WAITING`` pages wait for it at a time, so a slow machine holds a few pages, never the site.
    :meth:`wait` returns once every page is written, or raises :class:`PageNotFinished` naming the first
    page that was not.
    """

    WAITING = 16

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._waiting: deque[tuple[str, Future[None]]] = deque()
        self._failed: PageNotFinished | None = None

    def start(self) -> None:
        """Start the second process now, so it is ready when the first page comes."""
        if self._pool is None:
            # A fresh interpreter ("spawn"), not a copy of this one: it needs only this module. Ctrl-C in a
            # terminal reaches both processes; this one ignores it and the build stops it as it ends.
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=_ignore_interrupts)

    def write(self, name: str, html: str, extra_head: str, site_url: str | None, dest: str) -> None:
        """Finish the page ``name`` and write it to ``dest``, in the second process (once one page has failed,
        no more are written: the build fails at :meth:`wait`)."""
        if self._failed is not None:
            return
        self.start()
        assert self._pool is not None
        self._waiting.append((name, self._pool.submit(_write_finished, html, extra_head, site_url, dest)))
        while self._waiting and (len(self._waiting) > self.WAITING or self._waiting[0][1].done()):
            self._settle()

    def _settle(self) -> None:
        """Wait for the oldest page; remember the first that was not written."""
        name, written = self._waiting.popleft()
        try:
            written.result()
        except PageNotFinished as failed:
            self._failed = self._failed or PageNotFinished(f"{name}: {failed}")
        except BrokenProcessPool as broken:
            self._failed = self._failed or PageNotFinished(f"{name}: the process writing the pages stopped ({broken})")

    def wait(self) -> None:
        """Return once every page handed over is written; raise :class:`PageNotFinished` if one was not."""
        while self._waiting:
            self._settle()
        if self._failed is not None:
            raise self._failed

    def close(self) -> None:
        """Stop the second process; pages not yet written are dropped."""
        for _, written in self._waiting:
            written.cancel()
        self._waiting.clear()
        self._failed = None
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
