"""What the README and the contributing page state about the project's files and exit statuses is what the
project has and does: every path they name exists (or is made when a command runs, and then never committed),
and every exit status they give is the one the command returns."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CLEAN_ENV, ENV, LAKESIDE, REPO, edit, make_project

PAGES = [REPO / "README.md", REPO / "docs" / "contributing.md"]
# A path named in `code`: folders from the project's root (data/people.yaml, .cache/), or a file at the root by kind.
PATH = re.compile(r"`((?:\.?[\w-]+/)+(?:[\w.*<>-]+)?|[\w-]+\.(?:lock|toml|yml))`")
# Where a name in a table of one folder's contents is read from, besides the root.
BASES = ["", "data/", "scripts/", "scripts/archive/", "tests/", "bench/"]
# Made when a command runs: each must be ignored by Git (it is never committed).
MADE_WHEN_RUN = {".venv/", ".cache/", "site/", "bench/results.json", "test-artifacts/", "tests/.schemas/"}
# Names an editor would choose, given as examples: their folder must exist.
EXAMPLES = {"data/transcripts/2002-05-24-moscow.yaml", "data/transcripts/2001-07-06-practice.yaml"}
# Files of another engine, named where the README says what a move to it would take.
OTHER_ENGINES = {"properdocs.yml"}
NOT_PATHS = ("DIR/", "PROJECT/", "path/")


def _named() -> set[str]:
    names = set()
    for page in PAGES:
        names |= {m for m in PATH.findall(page.read_text(encoding="utf-8")) if not m.startswith(NOT_PATHS)}
    return names


def _ignored(path: str) -> bool:
    return subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=REPO, check=False).returncode == 0  # "x/": a folder


def test_the_pages_name_the_files_that_matter() -> None:
    named = _named()
    assert {"requirements-serve.lock", "requirements.lock", "data/people.yaml", ".venv/", "data/transcripts/<id>.yaml"} <= named


@pytest.mark.parametrize("name", sorted(_named()))
def test_every_path_the_pages_name_exists_or_is_made_and_ignored(name: str) -> None:
    if name in MADE_WHEN_RUN:
        assert _ignored(name), f"{name} is made when a command runs but Git does not ignore it"
        return
    if name in OTHER_ENGINES:
        assert not (REPO / name).exists()
        return
    if name in EXAMPLES:
        assert (REPO / name).parent.is_dir()
        return
    pattern = re.sub(r"<[^>]+>", "*", name.rstrip("/"))
    assert any(list(REPO.glob(base + pattern)) for base in BASES), f"the docs name {name}, which the project does not have"


def test_the_contributing_page_names_the_lock_file_make_serve_installs() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    serve_stamp = re.search(r"^\$\(SERVE_STAMP\): (\S+)", makefile, re.M)
    assert serve_stamp is not None
    page = (REPO / "docs" / "contributing.md").read_text(encoding="utf-8")
    said = re.search(r"`make serve` creates a private Python environment in `\.venv/` from the pinned\s+`([^`]+)`", page)
    assert said is not None and said.group(1) == serve_stamp.group(1)


# Every sentence that gives an exit status, by the words that identify it; a new one must be added here, with its check.
STATUSES = {
    "`make check` | validate every data file": "make check",
    "problems (all files) --> report, exit 1": "archive check",
    "`path: is a link; ...`, exit 1": "a link",
    "check's report, exit 1, nothing written": "archive export",
}


def test_every_exit_status_the_pages_give_is_checked_here() -> None:
    stated = [line for page in PAGES for line in page.read_text(encoding="utf-8").splitlines() if re.search(r"\bexits? \d\b", line)]
    assert stated and all(any(words in line for words in STATUSES) for line in stated), stated


def test_the_exit_statuses_are_the_ones_stated(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    for name in ("Makefile", "requirements.lock", "requirements-serve.lock", "pyproject.toml"):
        shutil.copy2(REPO / name, project / name)
    (project / ".venv").symlink_to(REPO / ".venv")

    def run(*command: str) -> int:
        environment = CLEAN_ENV if command[0] == "make" else ENV
        return subprocess.run(list(command), cwd=project, capture_output=True, text=True, env=environment, check=False).returncode

    archive = [sys.executable, "-m", "archive", "--project", str(project)]
    assert (run("make", "check"), run(*archive, "check")) == (0, 0)
    edit(project, LAKESIDE, "title: Lakeside meeting", "title: ''")
    assert (run("make", "check"), run(*archive, "check")) == (2, 1)  # make check: exits 2, after the check's 1
    assert run(*archive, "export", str(tmp_path / "exported")) == 1 and not (tmp_path / "exported").exists()
    edit(project, LAKESIDE, "title: ''", "title: Lakeside meeting")
    (project / "docs" / "linked.md").symlink_to(project / "docs" / "index.md")
    assert run(*archive, "check") == 1
