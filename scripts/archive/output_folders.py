"""Folders the archive replaces whole (the built site, an export): never one that holds or lies in the project's
sources or a Git repository, never one reached through a link, and only an empty one or one the archive wrote.

Each folder the archive writes holds a marker file; a folder that is not empty is replaced only if it has one.
"""

from __future__ import annotations

import os
from pathlib import Path

from .project import Project
from .safe_write import LINK_ADVICE

SITE_MARKER = ".archive-site"
EXPORT_MARKER = ".archive-export"
MARKER_TEXT = "Written by the archive; the next {what} into this folder replaces the folder whole.\n"


class OutputRefused(Exception):
    """A folder the archive will not replace; the message says why, in one line."""


def _link_on_the_way(given: Path, project: Project) -> Path | None:
    """The folder itself if it is a link, or the first folder above it, inside the project, that is one."""
    path = Path(os.path.abspath(given))
    if path.is_symlink():
        return path
    for above in reversed(path.parents):
        if above.is_relative_to(project.root) and above != project.root and above.is_symlink():
            return above
    return None


def _holds_repository(folder: Path) -> Path | None:
    """A Git repository (a ``.git``) at or below ``folder``, if there is one."""
    for where, folders, files in os.walk(folder):
        if ".git" in folders or ".git" in files:
            return Path(where)
    return None


def _protected(project: Project) -> list[tuple[Path, str]]:
    folders = [(project.data, "the data folder"), (project.docs, "the docs folder")]
    if project.overrides is not None:
        folders.append((project.overrides, "the theme's override folder"))
    return [(f.resolve(), what) for f, what in folders]


def _placement(folder: Path, project: Project) -> str | None:
    """Why a folder at this place may not be replaced, or None."""
    if folder == project.root or folder in project.root.parents:
        return "it holds the whole project (mkdocs.yml, data/, docs/, .git)"
    for source, what in _protected(project):
        if folder == source:
            return f"it is {what}"
        if source.is_relative_to(folder):
            return f"it holds {what}, {project.shown(source)}/"
        if folder.is_relative_to(source):
            return f"it is inside {what}, {project.shown(source)}/"
    if ".git" in folder.parts:
        return "it is inside a Git repository's own folder (.git)"
    if (folder / ".git").exists():
        return "it is a Git repository (it holds .git)"
    return None


def check_output_folder(given: Path, project: Project, marker: str, flag: str) -> Path:
    """The folder ``given`` (named by ``flag``) as an absolute path, if the archive may replace it whole;
    raises :class:`OutputRefused` saying why not. Nothing is touched either way."""
    name = f"{flag} {given}"
    link = _link_on_the_way(given, project)
    if link is not None:
        raise OutputRefused(f"{name}: {project.shown(link)}: is a link; {LINK_ADVICE}")
    folder = given.resolve()
    problem = _placement(folder, project)
    if problem:
        raise OutputRefused(f"{name}: the archive replaces this folder whole, and {problem}; name a folder of its own. Nothing was touched")
    if folder.exists() and not folder.is_dir():
        raise OutputRefused(f"{name}: is a file, not a folder. Nothing was touched")
    if not folder.is_dir() or not any(folder.iterdir()):
        return folder
    stamp = folder / marker
    if stamp.is_symlink() or not stamp.is_file():
        raise OutputRefused(
            f"{name}: is not empty and was not written by the archive (it has no {marker}); "
            "name a new or empty folder, or remove this one. Nothing was touched"
        )
    repository = _holds_repository(folder)
    if repository is not None:
        raise OutputRefused(f"{name}: holds a Git repository ({project.shown(repository)}/.git), which replacing it would delete. Nothing was touched")
    return folder
