"""The last changes to every written page: the archive's <head> tags, the theme's markup corrected and, as the
very last change, the page's Content-Security-Policy (which hashes its final inline scripts).

A one-off build hands each page to :class:`Finisher`, a second process that finishes and writes it while
MkDocs renders the next page; on a machine with two cores the pass then costs the build almost nothing.
The pages go down a pipe to the second process (``python -m archive.engine.finish``), which answers only
once, when the pipe is closed: with nothing, or with the first page it could not finish or write.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import os
import pickle
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO

from ..csp import harden
from ..safe_write import write_bytes
from .theme_fixes import fix

_SCRIPTS = Path(__file__).resolve().parents[2]  # the folder holding the archive package
_PIPE_BYTES = 1 << 20  # the most an unprivileged process may ask for by default (/proc/sys/fs/pipe-max-size)


def finished(html: str, extra_head: str, site_url: str | None, *, live: bool = False) -> str:
    """A page as written: ``extra_head`` added at the end of its <head>, the theme's markup corrected, then its
    policy (``live`` for the preview, whose server adds a live-reload script of its own)."""
    if extra_head:
        html = html.replace("</head>", extra_head + "\n</head>", 1)
    return harden(fix(html), site_url, live_reload=live)


class PageNotFinished(Exception):
    """A page that could not be finished: one that cannot be given its policy (a script before <head>, or one the
    browser would end elsewhere), or one the second process stopped on."""


def _write_finished(name: str, html: str, extra_head: str, site_url: str | None, site_dir: str, dest: str) -> None:
    """Finish a page and write it where MkDocs would have (``dest`` inside ``site_dir``; UTF-8, as MkDocs
    encodes), following no link."""
    try:
        text = finished(html, extra_head, site_url)
    except ValueError as refused:
        raise PageNotFinished(f"{name}: cannot give the page its Content-Security-Policy: {refused}") from None
    write_bytes(Path(site_dir), dest, text.encode("utf-8", errors="xmlcharrefreplace"))


def serve(pages: IO[bytes], answer: IO[bytes]) -> None:
    """The second process: finish and write each page read from ``pages`` until it ends; then write to ``answer``
    the first failure (a :class:`PageNotFinished` or an ``OSError``), if any. After a failure, pages are read
    and dropped, so the build never blocks on a full pipe."""
    failure: Exception | None = None
    while True:
        try:
            page = pickle.load(pages)
        except EOFError:
            break
        if failure is None:
            try:
                _write_finished(*page)
            except (PageNotFinished, OSError) as failed:
                failure = failed
    if failure is not None:
        pickle.dump(failure, answer)
    answer.flush()


class Finisher:
    """Pages finished and written by one second process, in the order given.

    The pipe holds a few pages at most, so a slow machine makes the build wait, never hold the site.
    :meth:`wait` returns once every page is written, or raises the first failure: :class:`PageNotFinished`
    naming the page, or the ``OSError`` of a page that could not be written.
    """

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the second process now, so it is ready when the first page comes."""
        if self._process is None:
            paths = [str(_SCRIPTS), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]  # no empty entry: that would mean the working folder
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
            self._process = subprocess.Popen([sys.executable, "-m", "archive.engine.finish"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
            atexit.register(self.close)  # an interrupted build does not leave it writing
            if hasattr(fcntl, "F_SETPIPE_SZ"):  # Linux: room for several pages, so handing one over seldom waits
                with contextlib.suppress(OSError):
                    fcntl.fcntl(self._process.stdin.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)

    def write(self, name: str, html: str, extra_head: str, site_url: str | None, site_dir: str, dest: str) -> None:
        """Finish the page ``name`` and write it to ``dest`` in ``site_dir``, in the second process."""
        self.start()
        assert self._process is not None and self._process.stdin is not None
        try:
            pickle.dump((name, html, extra_head, site_url, site_dir, dest), self._process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        except BrokenPipeError:
            self.wait()  # the second process has stopped: say why
            raise

    def wait(self) -> None:
        """Return once every page handed over is written; raise the first failure if one was not."""
        process, self._process = self._process, None
        if process is None:
            return
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.close()
        except BrokenPipeError:
            pass
        answer = process.stdout.read()
        process.stdout.close()
        code = process.wait()
        if answer:
            raise pickle.loads(answer)
        if code != 0:
            raise PageNotFinished(f"the process writing the pages stopped (exit code {code}); pages may be missing")

    def close(self) -> None:
        """Stop the second process; pages not yet written may be dropped."""
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.communicate()


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal reaches both processes; the build stops this one
    from archive.engine.finish import serve as serve_here  # failures pickled by the module's own name, not __main__'s

    serve_here(sys.stdin.buffer, sys.stdout.buffer)
