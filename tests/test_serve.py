"""``make serve``: editing a YAML file updates the served page without a restart."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from conftest import CLEAN_ENV, FIXTURE, LAKESIDE, edit
from test_contributing_walkthrough import _copy_repository


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    """The page's text, or None while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, needle: str, seconds: float = 60) -> str:
    """Poll until the page contains ``needle``; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and needle in body:
            return body
        time.sleep(0.2)
    raise AssertionError(f"{url} never contained {needle!r}")


def start_preview(tmp_path: Path) -> tuple[Path, int, subprocess.Popen[str]]:
    """`make serve` on a copy of the repository holding the small test archive: (project, port, server)."""
    project = _copy_repository(tmp_path)
    shutil.rmtree(project / "data")
    shutil.copytree(FIXTURE / "data", project / "data")
    port = free_port()
    server = subprocess.Popen(
        ["make", "serve", f"HOST=127.0.0.1:{port}"], cwd=project, env={**CLEAN_ENV, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    return project, port, server


def stop_preview(server: subprocess.Popen[str]) -> str:
    """Stop the preview and everything it started; what it wrote to standard error."""
    os.killpg(server.pid, signal.SIGTERM)
    return server.communicate(timeout=10)[1]


def test_editing_yaml_updates_the_served_page(tmp_path: Path) -> None:
    project, port, server = start_preview(tmp_path)
    try:
        url = f"http://127.0.0.1:{port}/transcripts/2001-06-16-lakeside/"
        first = wait_for(url, "Lakeside meeting")
        assert "livereload" in first
        edit(project, LAKESIDE, "title: Lakeside meeting", "title: Meeting by the lake")
        wait_for(url, "Meeting by the lake")
        timeline = wait_for(f"http://127.0.0.1:{port}/timeline/", "Meeting by the lake")
        assert "Lakeside meeting" not in timeline
        assert not (project / "docs" / "transcripts").exists()
        assert (project / ".cache" / "preview" / "transcripts" / "2001-06-16-lakeside.md").is_file()
    finally:
        stop_preview(server)


def test_the_preview_keeps_compiled_templates_between_rebuilds(monkeypatch) -> None:
    from jinja2 import DictLoader, Environment

    from archive.engine.preview import TemplateCache

    cache = TemplateCache()
    sources = {"page.html": "<h1>{{ title }}</h1>"}
    first = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    assert first.get_template("page.html").render(title="A") == "<h1>A</h1>"

    second = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    monkeypatch.setattr(second, "compile", lambda *a, **k: (_ for _ in ()).throw(AssertionError("compiled again")))
    assert second.get_template("page.html").render(title="B") == "<h1>B</h1>"

    sources["page.html"] = "<h2>{{ title }}</h2>"  # a changed template is compiled afresh
    third = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    assert third.get_template("page.html").render(title="C") == "<h2>C</h2>"


def test_the_preview_polls_small_folders_often_and_large_ones_less(tmp_path: Path, monkeypatch) -> None:
    from archive.engine import preview

    (tmp_path / "a.yaml").write_text("x", encoding="utf-8")
    assert preview.polling_observer([tmp_path]).timeout == preview.FASTEST_POLL
    monkeypatch.setattr(preview, "POLLING_SHARE", 1e-9)  # as if scanning took far longer than the share allows
    assert preview.polling_observer([tmp_path]).timeout == preview.SLOWEST_POLL


def test_preview_rebuilds_keep_one_search_entry_per_section_and_reuse_templates(project: Path, monkeypatch) -> None:
    import json
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from archive.engine.preview import PREVIEW

    monkeypatch.setenv("ARCHIVE_PREVIEW", "1")
    monkeypatch.setenv("ARCHIVE_DRAFTS", "1")
    monkeypatch.setattr(logging.getLogger("mkdocs"), "level", logging.ERROR)
    site = project / "served"

    def rebuild() -> list[dict]:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)
        return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]

    first = rebuild()
    assert PREVIEW.templates._code  # the theme's compiled templates are kept for the next rebuild
    edit(project, LAKESIDE, "title: Lakeside meeting", "title: Meeting by the lake")
    second = rebuild()
    locations = [d["location"] for d in second]
    assert len(locations) == len(set(locations)), "a rebuilt page's entries are listed twice"
    assert sorted(locations) == sorted(d["location"] for d in first)
    titles = " ".join(d["title"] + d["text"] for d in second)
    assert "Meeting by the lake" in titles and "Lakeside meeting" not in titles
