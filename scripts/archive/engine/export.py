"""Export: the whole docs tree as plain files and a mkdocs.yml without hooks, for any engine to build.

``python -m archive export DIR`` writes ``DIR/docs/`` (the hand-written pages, every
generated page as Markdown with its metadata block, every download) and
``DIR/mkdocs.yml`` (the project's configuration without ``hooks:``, with the site's
address fixed to the one the pages were written for). ``cd DIR && mkdocs build``
then needs no archive code. What the hooks add on top (tags in <head>, the
Content-Security-Policy, corrections to the theme's markup, edit links to the YAML
files, the large-build memory savings) is not in the export.

DIR is written as a whole: into a temporary folder beside it, swapped in on success.
A DIR that is not empty is replaced only if it holds the marker file an earlier
export left (``.archive-export``), so the export never deletes anything else, and
never one that holds or lies in the project's sources (:mod:`archive.output_folders`).
Every file is created new in the temporary folder, following no link.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.meta import get_data

from ..model import Archive
from ..output_folders import EXPORT_MARKER, MARKER_TEXT, OutputRefused, check_output_folder
from ..pipeline import read_archive
from ..project import ConfigProblem, Project, read_project
from ..render.page import Page
from ..render.pages import render_site
from ..render.paths import site
from ..render.text import FRONT_MATTER_FENCE, FrontMatterError, split_front_matter
from ..safe_write import LinkRefused, open_for_writing, write_text
from .build import swap_in

MARKER = EXPORT_MARKER
# Configuration keys that name files outside the exported folder or archive code; none is needed to build it.
_DROPPED = ("hooks", "watch")
# A JSON escape of a character outside the Basic Multilingual Plane is a surrogate pair (\ud83d\ude00), which
# YAML reads as two invalid characters; an escaped backslash is matched first so that "\\ud83d" is left alone.
_SURROGATE_PAIR = re.compile(r"\\\\|\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


class _Dumper(yaml.SafeDumper):
    """YAML for the exported mkdocs.yml: text of several lines as a literal block, as people write it."""


_Dumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)
)


class ExportError(Exception):
    """A folder the export will not replace, or a page it cannot write as MkDocs would read it."""


def generated_pages(archive: Archive, site_name: str, site_url: str, include_drafts: bool) -> Iterable[Page]:
    """Every generated page and file of the site."""
    return render_site(archive, site(site_name, site_url), include_drafts=include_drafts).values()


def _yaml_value(value: object) -> str:
    """A metadata value as one line that YAML reads back as exactly ``value``: JSON (ASCII), with YAML's
    ``\\U`` escape for each character beyond U+FFFF instead of JSON's surrogate pair."""

    def merge(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return match.group(0)
        high, low = int(match.group(1), 16), int(match.group(2), 16)
        return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"

    return _SURROGATE_PAIR.sub(merge, json.dumps(value))


def mkdocs_page(text: str, where: str) -> str:
    """A generated page with its metadata block rewritten in a form MkDocs' YAML reads exactly (checked here).

    A page without metadata gets an empty block, as in the hooks, so that no first line of its
    text can be taken for metadata.
    """
    try:
        meta, body = split_front_matter(text)
    except FrontMatterError as err:
        raise ExportError(f"{where}: page metadata: {err}") from None
    lines = [f"{key}: {_yaml_value(value)}" for key, value in meta.items()] or ["{}"]
    page = "\n".join([FRONT_MATTER_FENCE, *lines, FRONT_MATTER_FENCE]) + "\n" + body
    if get_data(page) != (body.lstrip("\n"), meta):
        raise ExportError(f"{where}: page metadata: MkDocs would not read it exactly")
    return page


def _configuration(project: Project) -> dict:
    """The project's configuration, ready for the exported folder.

    No hooks; docs/ and site/ inside the folder; the environment's values (``!ENV``) resolved,
    so the exported site is built for the address its pages were written for.
    """
    config = dict(project.config)
    for key in _DROPPED:
        config.pop(key, None)
    config["docs_dir"], config["site_dir"] = "docs", "site"
    return config


def _copy_theme_overrides(project: Path, config: dict, staging: Path) -> None:
    """A theme folder of the project's own (``theme.custom_dir``) is copied in beside docs/."""
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        shutil.copytree(project / theme["custom_dir"], staging / "overrides", symlinks=True)  # links were refused before
        theme["custom_dir"] = "overrides"


def _write_output(docs: Path, output: Page) -> None:
    """Write one generated file into docs/; a page gets the metadata block MkDocs reads exactly."""
    try:
        with open_for_writing(docs, output.path, exclusive=True) as out:
            if output.path.endswith(".md"):
                out.write(mkdocs_page("".join(output.pieces()), output.source or f"docs/{output.path}"))
            else:
                out.writelines(output.pieces())
    except FileExistsError:
        raise ExportError(f"docs/{output.path} is hand-written, but the archive generates a page at that path; rename one") from None


def _fill(project: Path, archive: Archive, config: dict, docs: Path, staging: Path, include_drafts: bool) -> int:
    """Write the whole export into ``staging``; the number of generated files."""
    shutil.copytree(docs, staging / "docs", symlinks=True)  # links were refused before; none is followed here
    _copy_theme_overrides(project, config, staging)
    exported = staging / "mkdocs.yml"
    write_text(staging, exported.name, (
        "# Written by 'python -m archive export' from the project's mkdocs.yml: no hooks, every page a file in docs/.\n"
        + yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
    ), exclusive=True)
    try:
        built = load_config(config_file=str(exported))  # read as `mkdocs build` in the folder will read it
    except MkDocsException as err:  # MkDocs has logged each problem; it raises to say how many
        raise ExportError(f"the exported mkdocs.yml is not valid: {err}") from None
    count = 0
    for output in generated_pages(archive, built.site_name, built.site_url or "/", include_drafts):
        _write_output(staging / "docs", output)
        count += 1
    write_text(staging, MARKER, MARKER_TEXT.format(what="export"), exclusive=True)
    return count


def export(project: Path, target: Path, include_drafts: bool = False, archive: Archive | None = None) -> int:
    """Write the complete docs tree and a hook-free mkdocs.yml into ``target``, replacing it only whole;
    the number of generated files written. Raises :class:`ExportError` before touching ``target``.

    ``archive``, if given, is the archive just read from the project's data (the check's), not read again.
    """
    try:
        where = read_project(project)
        target = check_output_folder(target, where, MARKER, "DIR")
    except (OutputRefused, LinkRefused, ConfigProblem) as refused:
        raise ExportError(str(refused)) from None
    config = _configuration(where)
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".export-", dir=target.parent))
    staging = scratch / "export"  # made with the usual permissions (mkdtemp's own folder is private)
    try:
        staging.mkdir()
        checked = archive if archive is not None else read_archive(where.data)
        count = _fill(where.root, checked, config, where.docs, staging, include_drafts)
        swap_in(staging, target)
        return count
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
