"""The folders the archive and the engine read, walked before anything is built: no link anywhere in them
(dot-named entries included), and no name that Windows, macOS or Git could not check out.

Each problem is one line, ``path: what is wrong``; :func:`source_problems` lists them all.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from .portable_names import folded, unportable_name
from .project import CONFIG_FILE, OUTSIDE, ConfigProblem, Project, read_project
from .safe_write import LINK_ADVICE, LinkRefused


def _walk(folder: Path, project: Project) -> Iterator[str]:
    """Every problem below ``folder``; links are reported, never followed."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        yield f"{project.shown(folder)}: cannot be read: {err.strerror}"
        return
    seen: dict[str, str] = {}
    for entry in entries:
        path = Path(entry.path)
        if entry.is_symlink():
            yield f"{project.shown(path)}: is a link; {LINK_ADVICE}"
            continue
        problem = unportable_name(entry.name)
        twin = seen.setdefault(folded(entry.name), entry.name)
        if problem is None and twin != entry.name:
            problem = f"'{entry.name}' differs from '{twin}' only by case or accents, which macOS and Windows take for one file"
        if problem:
            yield f"{project.shown(path)}: {problem}"
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, project)


def tree_problems(path: Path, project: Project) -> list[str]:
    """The problems of one folder and everything in it (a missing folder is for later steps to report)."""
    if path.is_symlink():
        return [f"{project.shown(path)}: is a link; {LINK_ADVICE}"]
    return list(_walk(path, project)) if path.is_dir() else []


def source_problems(root: Path) -> list[str]:
    """Every link and unportable name where the archive or MkDocs reads sources: mkdocs.yml and the files it
    inherits, data/, docs/ and the theme's override folder."""
    try:
        project = read_project(root)
    except LinkRefused as link:
        return [str(link)]
    except ConfigProblem as err:
        return [str(err)]
    found = outside_the_project(project)
    if found:
        return found  # never walked: a folder outside the project could be the whole file system
    for folder in (project.data, project.docs, project.overrides):
        if folder is not None:
            found += tree_problems(folder, project)
    for watched in project.watched:
        found += tree_problems(watched, project) if watched.is_dir() or watched.is_symlink() else []
    return found


def outside_the_project(project: Project) -> list[str]:
    """mkdocs.yml's folders and watched paths that lie outside the project, one line each (an inherited file
    outside it is refused before it is read, by :func:`~archive.project.read_project`)."""
    named = [("docs_dir", project.docs), ("theme.custom_dir", project.overrides), *(("watch", w) for w in project.watched)]
    return [
        f"{CONFIG_FILE}: {key}: {path} {OUTSIDE}"
        for key, path in named
        if path is not None and not Path(os.path.abspath(path)).is_relative_to(project.root)
    ]
