"""The folders the archive replaces whole (the site, an export) can never swallow the project, its sources or a
Git repository, and are replaced only if empty or written by the archive; a refusal is one line and touches nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from archive.output_folders import EXPORT_MARKER, SITE_MARKER
from conftest import ENV, make_project, tree_hashes

WHOLE = "it holds the whole project (mkdocs.yml, data/, docs/, .git)"


def _archive(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "archive", "--project", str(project), *args], capture_output=True, text=True, env=ENV, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    made = make_project(tmp_path / "project")
    (made / ".git").mkdir()  # the project is a repository, as a checkout is
    (made / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return made


# (folder given, relative to the project, or a name for a folder the test makes; why it is refused)
PLACES = [
    (".", WHOLE),
    ("..", WHOLE),
    ("data", "it is the data folder"),
    ("docs", "it is the docs folder"),
    ("data/transcripts", "it is inside the data folder, data/"),
    ("docs/site", "it is inside the docs folder, docs/"),
    (".git/site", "it is inside a Git repository's own folder (.git)"),
    ("repository", "it is a Git repository (it holds .git)"),
]


def _prepare(project: Path, given: str) -> Path:
    if given == "repository":
        (project.parent / "repository" / ".git").mkdir(parents=True)
        return project.parent / "repository"
    return project / given


@pytest.mark.parametrize(("given", "why"), PLACES, ids=[p[0] for p in PLACES])
@pytest.mark.parametrize("command", ["build", "export"])
def test_a_folder_holding_or_inside_the_sources_is_refused_and_nothing_is_touched(project: Path, given: str, why: str, command: str) -> None:
    folder = _prepare(project, given)
    before = tree_hashes(project.parent)
    flag = "--site-dir" if command == "build" else "DIR"
    result = _archive(project, *(["build", "--site-dir", str(folder)] if command == "build" else ["export", str(folder)]))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: {flag} {folder}: the archive replaces this folder whole, and {why}; name a folder of its own. Nothing was touched"]
    assert "Traceback" not in result.stderr
    assert tree_hashes(project.parent) == before


@pytest.mark.parametrize(("command", "marker"), [("build", SITE_MARKER), ("export", EXPORT_MARKER)])
def test_a_folder_not_written_by_the_archive_is_never_replaced(project: Path, command: str, marker: str) -> None:
    folder = project.parent / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = tree_hashes(project.parent)
    flag = "--site-dir" if command == "build" else "DIR"
    result = _archive(project, *(["build", "--site-dir", str(folder)] if command == "build" else ["export", str(folder)]))
    assert result.returncode == 1
    assert f"Error: {flag} {folder}: is not empty and was not written by the archive (it has no {marker}); " \
           "name a new or empty folder, or remove this one. Nothing was touched" in result.stderr.splitlines()
    assert tree_hashes(project.parent) == before


def test_a_site_the_archive_built_is_replaced_but_not_one_holding_a_repository(project: Path) -> None:
    site = project.parent / "site"
    assert _archive(project, "build", "--site-dir", str(site)).returncode == 0
    assert (site / SITE_MARKER).is_file() and (site / "index.html").is_file()
    (site / "stale.html").write_text("left from before\n", encoding="utf-8")
    assert _archive(project, "build", "--site-dir", str(site)).returncode == 0
    assert not (site / "stale.html").exists()
    (site / "deploy" / ".git").mkdir(parents=True)  # someone made a repository inside the built site
    before = tree_hashes(project.parent)
    result = _archive(project, "build", "--site-dir", str(site))
    assert result.returncode == 1
    assert f"Error: --site-dir {site}: holds a Git repository ({site / 'deploy'}/.git), which replacing it would delete. Nothing was touched" \
        in result.stderr.splitlines()
    assert tree_hashes(project.parent) == before


def test_the_site_folder_named_in_mkdocs_yml_follows_the_same_rule(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_dir: site\n", "site_dir: data\n"), encoding="utf-8")
    before = tree_hashes(project)
    result = _archive(project, "build")
    assert result.returncode == 1
    assert f"Error: site_dir (mkdocs.yml) {project / 'data'}: the archive replaces this folder whole, and it is the data folder; " \
           "name a folder of its own. Nothing was touched" in result.stderr.splitlines()
    mkdocs_alone = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True, env=ENV, check=False)
    assert mkdocs_alone.returncode == 1 and "it is the data folder" in mkdocs_alone.stderr
    assert tree_hashes(project) == before


def test_an_empty_folder_and_a_new_one_are_accepted(project: Path) -> None:
    (project.parent / "empty").mkdir()
    for folder in (project.parent / "empty", project.parent / "new" / "site"):
        result = _archive(project, "build", "--site-dir", str(folder))
        assert result.returncode == 0, result.stderr
        assert (folder / SITE_MARKER).is_file()
