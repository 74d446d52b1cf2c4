"""Shared test helpers: a small invented archive copied into a temporary project."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from archive.pipeline import read_archive
from archive.problems import DataError, sort_problems

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "small"
LAKESIDE = "data/transcripts/2001-06-16-lakeside.yaml"


def make_project(target: Path, data: Path = FIXTURE / "data") -> Path:
    """A project folder like the repository's, with ``data`` as its data."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "docs", target / "docs")
    (target / "scripts").symlink_to(REPO / "scripts")
    shutil.copytree(data, target / "data")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the small archive as a buildable project."""
    return make_project(tmp_path / "project")


def tree_hashes(folder: Path) -> dict[str, str]:
    """Every file and link below ``folder`` (links not followed): a hash of each file's bytes, each link's target."""
    found: dict[str, str] = {}
    for where, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(where) / name
            key = str(path.relative_to(folder))
            if path.is_symlink():
                found[key] = "link to " + os.readlink(path)
            elif path.is_file():
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def problems_in(project: Path) -> list[str]:
    """Every problem the checker reports for the project, formatted, in order."""
    try:
        read_archive(project / "data")
    except DataError as err:
        return [p.format() for p in sort_problems(err.problems)]
    return []


def edit(project: Path, relative: str, old: str, new: str) -> None:
    """Replace one exact piece of text in a data file (it must occur once)."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# For commands that run `make` themselves: no settings inherited from an outer `make test`.
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")}
ENV = {"PYTHONPATH": str(REPO / "scripts"), "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}


def build(project: Path) -> subprocess.CompletedProcess[str]:
    """Run the archive's build command on a project folder."""
    return subprocess.run(
        [sys.executable, "-m", "archive", "--project", str(project), "build"],
        capture_output=True, text=True, env=ENV, check=False,
    )


def page(site: Path, path: str) -> BeautifulSoup:
    """Parse one built HTML page."""
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own data, built into a temporary folder."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "archive", "--project", str(REPO), "build", "--site-dir", str(site)],
        capture_output=True, text=True, env=ENV, check=False,
    )
    assert result.returncode == 0, result.stderr
    return site
