"""No file is written or read through a link: links planted at every place the archive writes (the preview's
folder, the site, the export, a new transcript, the schemas) and at every place it reads sources (data/, its
dot-named entries included, docs/, the theme's override folder, mkdocs.yml and the files it inherits)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from archive.engine.preview import FOLDER, Preview, polling_observer
from archive.safe_write import LINK_ADVICE, LinkRefused, make_folders, read_bytes, write_bytes
from conftest import CLEAN_ENV, ENV, make_project, tree_hashes

REFUSED = f"is a link; {LINK_ADVICE}"


@pytest.fixture
def world(tmp_path: Path) -> tuple[Path, Path]:
    """A project, and a folder outside it holding a file and a folder that links may point at."""
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.txt").write_text("ssh-ed25519 AAAA not to be overwritten\n", encoding="utf-8")
    return make_project(tmp_path / "project"), outside


# How a planted link points: (name, target given the project and the outside folder, whether it names a folder)
KINDS = [
    ("relative, to a data file", lambda project, outside, at: os.path.relpath(project / "data" / "people.yaml", at.parent), False),
    ("absolute, outside the project", lambda project, outside, at: str(outside / "secret.txt"), False),
    ("dangling", lambda project, outside, at: str(outside / "nothing-here"), False),
    ("relative, to the data folder", lambda project, outside, at: os.path.relpath(project / "data", at.parent), True),
    ("absolute, to a folder outside", lambda project, outside, at: str(outside / "folder"), True),
]


def _plant(project: Path, outside: Path, relative: str, kind: tuple) -> Path:
    at = project / relative
    at.parent.mkdir(parents=True, exist_ok=True)
    at.symlink_to(kind[1](project, outside, at), target_is_directory=kind[2])
    return at


def _both(project: Path, outside: Path) -> dict[str, str]:
    return {**{f"project/{k}": v for k, v in tree_hashes(project).items()}, **{f"outside/{k}": v for k, v in tree_hashes(outside).items()}}


def _archive(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "archive", "--project", str(project), *args], capture_output=True, text=True, env=ENV, check=False)


# -- writing ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS, ids=[k[0] for k in KINDS])
@pytest.mark.parametrize("relative", ["a.md", "people/a.md", "people"])
def test_the_safe_writer_refuses_a_link_at_the_file_or_any_folder_on_the_way(world: tuple[Path, Path], kind: tuple, relative: str) -> None:
    project, outside = world
    root = project / "cache"
    root.mkdir()
    link = _plant(project, outside, f"cache/{relative}", kind)
    target = "people/a.md" if relative != "a.md" else "a.md"
    before = _both(project, outside)
    with pytest.raises(LinkRefused) as refused:
        write_bytes(root, target, b"written through a link\n")
    assert str(refused.value) == f"{link}: {REFUSED}"
    with pytest.raises(LinkRefused):
        read_bytes(root, target)
    assert _both(project, outside) == before


@pytest.mark.parametrize("kind", KINDS, ids=[k[0] for k in KINDS])
def test_a_link_planted_in_the_running_previews_folder_is_refused_at_the_next_write(world: tuple[Path, Path], kind: tuple) -> None:
    project, outside = world
    preview = Preview()
    preview.write(project, "people/bush.md", "# first\n")
    (project / FOLDER / "people" / "bush.md").unlink()
    link = _plant(project, outside, f"{FOLDER}/people/bush.md", kind)
    before = _both(project, outside)
    with pytest.raises(LinkRefused) as refused:
        preview.write(project, "people/bush.md", "# second\n")
    assert str(refused.value) == f"{link}: {REFUSED}"
    assert _both(project, outside) == before


PREVIEW_PLACES = [f"{FOLDER}/people/alpha.md", f"{FOLDER}/people", str(FOLDER), FOLDER.parts[0]]


@pytest.mark.parametrize("kind", KINDS, ids=[k[0] for k in KINDS])
@pytest.mark.parametrize("place", PREVIEW_PLACES)
def test_the_preview_refuses_to_start_over_a_planted_link(world: tuple[Path, Path], kind: tuple, place: str) -> None:
    """The preview's build (``mkdocs serve --dirty`` builds the same way) stops before writing anything, naming the link."""
    project, outside = world
    link = _plant(project, outside, place, kind)
    before = _both(project, outside)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "--no-strict", "-d", str(project.parent / "served")],
        cwd=project, capture_output=True, text=True, env={**ENV, "ARCHIVE_PREVIEW": "1", "ARCHIVE_DRAFTS": "1"}, check=False,
    )
    assert result.returncode == 1
    assert f"{link.relative_to(project).as_posix()}: {REFUSED}" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert _both(project, outside) == before


@pytest.mark.parametrize("kind", KINDS[3:], ids=[k[0] for k in KINDS[3:]])
@pytest.mark.parametrize("command", ["build", "export"])
def test_the_site_and_the_export_are_never_written_through_a_link(world: tuple[Path, Path], kind: tuple, command: str) -> None:
    project, outside = world
    for relative in ("out", "parent/out"):
        at = project / relative
        link = _plant(project, outside, "parent" if relative == "parent/out" else relative, kind)
        before = _both(project, outside)
        result = _archive(project, *(["build", "--site-dir", str(at)] if command == "build" else ["export", str(at)]))
        assert result.returncode == 1
        flag = "--site-dir" if command == "build" else "DIR"
        assert f"Error: {flag} {at}: {link.relative_to(project).as_posix()}: {REFUSED}" in result.stderr.splitlines()
        assert _both(project, outside) == before
        link.unlink()


def test_make_new_and_the_schemas_write_through_no_link(world: tuple[Path, Path]) -> None:
    project, outside = world
    link = _plant(project, outside, "schema/transcript.schema.json", KINDS[1])
    before = _both(project, outside)
    result = _archive(project, "schema")
    assert result.returncode == 1 and result.stderr == f"Error: {link}: {REFUSED}\n"
    assert _both(project, outside) == before
    planted = _plant(project, outside, "data/transcripts/2002-05-24-moscow.yaml", KINDS[2])
    result = _archive(project, "new", "--id", "2002-05-24-moscow", "--date", "2002-05-24", "--title", "Moscow",
                      "--side", "Alpha: alpha", "--topic", "borders", "--source", "memo-1")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"data/transcripts/2002-05-24-moscow.yaml: {REFUSED}"
    assert not Path(os.readlink(planted)).exists()


def test_folders_are_made_only_where_no_link_stands(world: tuple[Path, Path]) -> None:
    project, outside = world
    _plant(project, outside, ".cache", KINDS[4])
    with pytest.raises(LinkRefused):
        make_folders(project, str(FOLDER))
    assert list((outside / "folder").iterdir()) == []


# -- reading ------------------------------------------------------------------------------------------------

READ_PLACES = [
    "data/transcripts/.x", "data/.hidden", "data/transcripts/2001-06-17-extra.yaml", "docs/stylesheets/print.css",
    "docs/more", "overrides/main.html", "overrides/partials",
]


@pytest.mark.parametrize("kind", [KINDS[1], KINDS[2], KINDS[4]], ids=[KINDS[1][0], KINDS[2][0], KINDS[4][0]])
@pytest.mark.parametrize("place", READ_PLACES)
def test_a_link_where_sources_are_read_stops_the_check_and_the_build(world: tuple[Path, Path], kind: tuple, place: str) -> None:
    project, outside = world
    (project / "overrides").mkdir()
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"), encoding="utf-8")
    _plant(project, outside, place, kind)
    before = _both(project, outside)
    for command in (["check"], ["build"], ["export", str(project.parent / "exported")]):
        result = _archive(project, *command)
        assert result.returncode == 1, command
        assert result.stderr.splitlines()[0] == f"{place}: {REFUSED}", command
        assert "Traceback" not in result.stderr
    assert _both(project, outside) == before
    assert not (project / "site").exists() and not (project.parent / "exported").exists()


def test_mkdocs_alone_with_the_archives_hooks_refuses_a_link_in_docs(world: tuple[Path, Path]) -> None:
    project, outside = world
    _plant(project, outside, "docs/stylesheets/print.css", KINDS[1])
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True, env=ENV, check=False)
    assert result.returncode == 1 and f"docs/stylesheets/print.css: {REFUSED}" in result.stderr.splitlines()
    assert not (project / "site").exists()


@pytest.mark.parametrize("link_to_config", [True, False], ids=["mkdocs.yml", "the file it inherits"])
def test_the_configuration_is_not_read_through_a_link(world: tuple[Path, Path], link_to_config: bool) -> None:
    project, outside = world
    config = project / "mkdocs.yml"
    (outside / "base.yml").write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
    config.unlink()
    if link_to_config:
        config.symlink_to(outside / "base.yml")
        expected = f"mkdocs.yml: {REFUSED}"
    else:
        (project / "base.yml").symlink_to(outside / "base.yml")
        config.write_text("INHERIT: base.yml\n", encoding="utf-8")
        expected = f"base.yml: {REFUSED}"
    result = _archive(project, "check")
    assert result.returncode == 1 and result.stderr.splitlines()[0] == expected


def test_the_previews_watcher_does_not_walk_through_a_link(world: tuple[Path, Path]) -> None:
    """A folder link in data/ (here to a folder outside) is looked at, not into: a change behind it is no event."""
    from watchdog.events import FileSystemEventHandler

    project, outside = world
    (project / "data" / "transcripts" / ".x").symlink_to(outside / "folder", target_is_directory=True)
    seen: list[str] = []

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:  # type: ignore[no-untyped-def]
            seen.append(str(event.src_path))

    observer = polling_observer([project / "data"])
    observer.schedule(Handler(), str(project / "data"), recursive=True)
    observer.start()
    try:
        time.sleep(1.5)
        (outside / "folder" / "new.yaml").write_text("title: behind the link\n", encoding="utf-8")
        time.sleep(1.5)
        assert not [path for path in seen if "new.yaml" in path]
        (project / "data" / "topics.yaml").write_text((project / "data" / "topics.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
        deadline = time.monotonic() + 5
        while not [p for p in seen if p.endswith("topics.yaml")] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [p for p in seen if p.endswith("topics.yaml")]  # the watcher works: a change in the folder is seen
    finally:
        observer.stop()
        observer.join()


SERVE_PLANTS = [
    (f"{FOLDER}/people/bush.md", lambda project, outside: "../../../data/people.yaml"),
    (f"{FOLDER}/transcripts", lambda project, outside: str(outside / "folder")),
    ("docs/stylesheets/print.css", lambda project, outside: str(outside / "secret.txt")),
    ("data/transcripts/.x", lambda project, outside: "/"),
]


@pytest.mark.parametrize(("place", "target"), SERVE_PLANTS, ids=[p[0] for p in SERVE_PLANTS])
def test_make_serve_over_planted_links_changes_no_file_outside_its_cache(tmp_path: Path, place: str, target: Callable) -> None:
    from test_contributing_walkthrough import _copy_repository
    from test_serve import free_port

    project = (tmp_path / "copy")
    project.mkdir()
    _copy_repository(project)
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.txt").write_text("ssh-ed25519 AAAA not to be overwritten\n", encoding="utf-8")
    link = project / place
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target(project, outside))
    before = _both(project, outside)
    result = subprocess.run(["make", "serve", f"HOST=127.0.0.1:{free_port()}"], cwd=project, capture_output=True, text=True,
                            env={**CLEAN_ENV, "NO_MKDOCS_2_WARNING": "1"}, timeout=120, check=False)
    assert result.returncode != 0
    assert f"{place}: {REFUSED}" in result.stderr.splitlines()
    after = _both(project, outside)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert not [k for k in changed if not k.startswith(f"project/{FOLDER}/") or k == f"project/{place}"]


@pytest.mark.parametrize(("setting", "key"), [
    ("docs_dir: /\n", "docs_dir"), ("docs_dir: ../..\n", "docs_dir"), ("watch: [/]\n", "watch"),
    ("theme:\n  name: material\n  custom_dir: /etc\n", "theme.custom_dir"), ("INHERIT: ../outside/base.yml\n", "INHERIT"),
])
def test_mkdocs_yml_cannot_point_the_archive_outside_the_project(world: tuple[Path, Path], setting: str, key: str) -> None:
    """Nothing outside the project is walked, watched or read as a source, so a changed mkdocs.yml cannot make the
    check or the preview walk the whole file system."""
    project, outside = world
    config = project / "mkdocs.yml"
    (outside / "base.yml").write_text("site_name: Elsewhere\n", encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    if key == "theme.custom_dir":
        text = text.replace("theme:\n  name: material\n", setting)
    else:
        text = setting + "\n".join(line for line in text.splitlines() if not line.startswith(setting.split(":")[0] + ":")) + "\n"
    config.write_text(text, encoding="utf-8")
    result = _archive(project, "check")
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"mkdocs.yml: {key}: ") and first.endswith(" lies outside the project; the archive reads sources from the project's own folder only")


def test_the_benchmark_and_the_set_up_write_through_no_link(world: tuple[Path, Path]) -> None:
    project, outside = world
    (project / "bench").mkdir()
    (project / "bench" / "results.json").symlink_to(outside / "secret.txt")
    before = _both(project, outside)
    result = subprocess.run([sys.executable, "-m", "benchmarks", "--only", "bad-input", "--json", str(project / "bench" / "results.json")],
                            capture_output=True, text=True, env=ENV, check=False)
    assert result.returncode != 0 and f"{project / 'bench' / 'results.json'}: {REFUSED}" in result.stderr
    assert _both(project, outside) == before
    from test_contributing_walkthrough import _copy_repository

    copy = tmp = project.parent / "copy"
    tmp.mkdir()
    _copy_repository(copy)
    (copy / ".venv").unlink()
    (copy / ".venv").symlink_to(outside / "folder", target_is_directory=True)
    made = subprocess.run(["make", "check"], cwd=copy, capture_output=True, text=True, env=CLEAN_ENV, check=False)
    assert made.returncode != 0 and ".venv: is a link; the set-up writes no file through a link; remove it" in made.stderr
    assert list((outside / "folder").iterdir()) == []
