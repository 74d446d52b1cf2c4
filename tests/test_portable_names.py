"""Names every system can hold: ids and file names that Windows, macOS or Git could not check out are refused
with the reason, in the data and among the hand-written pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from archive.portable_names import unportable_name
from archive.text_rules import check_text
from conftest import ENV, make_project


@pytest.mark.parametrize("name", ["con", "CON", "nul", "aux", "prn", "com1", "COM9", "lpt3", "con.yaml", "Aux.txt", "nul.tar.gz", "com¹.md", "con .md"])
def test_windows_device_names_are_refused_with_or_without_extension(name: str) -> None:
    stem = name.split(".", 1)[0].rstrip(" ")
    assert unportable_name(name) == f"'{stem}' is a device name on Windows, where no file can be called '{name}'; choose another name"


@pytest.mark.parametrize("name", ["notes.", "notes ", "a.md.", "what?.md", "a:b.md", "a|b", "tab\there", ".git", ".GIT", "GIT~1"])
def test_names_windows_or_git_cannot_hold_are_refused(name: str) -> None:
    assert unportable_name(name) is not None


@pytest.mark.parametrize("name", ["console.md", "nullify.yaml", "com10.md", "lpt.md", "index.md", "2008-04-06-sochi.yaml", ".gitignore", "auxiliary"])
def test_ordinary_names_are_accepted(name: str) -> None:
    assert unportable_name(name) is None


@pytest.mark.parametrize("identifier", ["con", "nul", "aux", "prn", "com1", "lpt9"])
def test_device_names_are_refused_as_ids(identifier: str) -> None:
    assert check_text("id", identifier) == (
        f"'{identifier}' is a device name on Windows, where no file or folder can be called '{identifier}'; choose another id"
    )
    assert check_text("id", identifier + "-talks") is None


def _check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "archive", "--project", str(project), "check"], capture_output=True, text=True, env=ENV, check=False)


@pytest.mark.parametrize(("names", "expected"), [
    (["CON.md"], "docs/CON.md: 'CON' is a device name on Windows, where no file can be called 'CON.md'; choose another name"),
    (["notes."], "docs/notes.: 'notes.' ends with a dot or a space, which Windows drops; remove it"),
    (["About.md", "about.md"], "docs/about.md: 'about.md' differs from 'About.md' only by case or accents, which macOS and Windows take for one file"),
    # names are read in code-point order, so the decomposed form (e + U+0301) comes first
    (["caf\u00e9.md", "cafe\u0301.md"], "docs/caf\u00e9.md: 'caf\u00e9.md' differs from 'cafe\u0301.md' only by case or accents, which macOS and Windows take for one file"),
    (["transcripts/aux.yaml"], "data/transcripts/aux.yaml: 'aux' is a device name on Windows, where no file can be called 'aux.yaml'; choose another name"),
])
def test_the_check_refuses_such_names_in_docs_and_data(tmp_path: Path, names: list[str], expected: str) -> None:
    project = make_project(tmp_path / "project")
    for name in names:
        where = project / ("data" if name.startswith("transcripts/") else "docs") / name
        where.write_text("# A page\n", encoding="utf-8")
    result = _check(project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == expected


def test_a_generated_page_that_differs_from_a_hand_written_one_only_by_case_stops_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "docs" / "Timeline.md").write_text("# Mine\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "archive", "--project", str(project), "build"], capture_output=True, text=True, env=ENV, check=False)
    assert result.returncode == 1
    assert ("docs/Timeline.md is hand-written, but the archive generates a page at timeline.md, which macOS and Windows take "
            "for the same file; rename one") in result.stderr
