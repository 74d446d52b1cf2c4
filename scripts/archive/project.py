"""The project's folders as mkdocs.yml names them: its configuration files, docs, theme overrides and site.

Read without MkDocs' configuration checks, so ``check`` can name the source folders before anything is built,
and without following a link: each configuration file is refused if it is one (see :mod:`.source_tree`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from .safe_write import LinkRefused

CONFIG_FILE = "mkdocs.yml"
OUTSIDE = "lies outside the project; the archive reads sources from the project's own folder only"


class ConfigProblem(Exception):
    """mkdocs.yml (or a file it inherits) cannot be read; the message names it."""


@dataclass(slots=True)
class Project:
    """Where the project's sources and output live."""

    root: Path
    config: dict[str, Any] = field(default_factory=dict)  # mkdocs.yml with its inherited files merged in
    config_files: list[Path] = field(default_factory=list)  # mkdocs.yml, then each file it inherits from

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def docs(self) -> Path:
        return self.root / str(self.config.get("docs_dir") or "docs")

    @property
    def overrides(self) -> Path | None:
        """The theme's override folder (``theme.custom_dir``), if the project has one."""
        theme = self.config.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        return self.root / str(custom) if custom else None

    @property
    def watched(self) -> list[Path]:
        """The paths mkdocs.yml's ``watch`` adds to what the preview watches."""
        listed = self.config.get("watch") or []
        return [self.root / str(w) for w in (listed if isinstance(listed, list) else [listed])]

    @property
    def site(self) -> Path:
        return self.root / str(self.config.get("site_dir") or "site")

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project where it lies inside it."""
        try:
            return Path(os.path.relpath(path, self.root)).as_posix() if path.is_relative_to(self.root) else str(path)
        except ValueError:
            return str(path)


def _inherited(path: Path, project: Project) -> str | None:
    """The file ``path`` inherits from (its ``INHERIT`` key), read without following a link."""
    if path.is_symlink():
        raise LinkRefused(project.shown(path))
    try:
        with path.open("rb") as source:
            raw = yaml.load(source, Loader=get_yaml_loader())
    except yaml.YAMLError as err:
        raise ConfigProblem(f"{project.shown(path)}: {err}") from None
    parent = raw.get("INHERIT") if isinstance(raw, dict) else None
    return str(parent) if parent else None


def read_project(root: Path) -> Project:
    """The project at ``root``; a project without mkdocs.yml has the default folders (data/, docs/, site/).

    Raises :class:`~archive.safe_write.LinkRefused` if a configuration file is a link, and
    :class:`ConfigProblem` if one cannot be read.
    """
    project = Project(root.resolve())
    path = project.root / CONFIG_FILE
    if not path.exists() and not path.is_symlink():
        return project
    while True:
        project.config_files.append(path)
        parent = _inherited(path, project)
        if parent is None:
            break
        path = Path(os.path.normpath(path.parent / parent))
        if not path.is_relative_to(project.root):  # not even read: its text could reach a report
            raise ConfigProblem(f"{CONFIG_FILE}: INHERIT: {path} {OUTSIDE}")
        if path in project.config_files:
            raise ConfigProblem(f"{project.shown(path)}: inherits from itself")
    try:
        with project.config_files[0].open("rb") as source:
            project.config = yaml_load(source)
    except (MkDocsException, OSError) as err:
        raise ConfigProblem(f"{CONFIG_FILE}: {err}") from None
    return project
