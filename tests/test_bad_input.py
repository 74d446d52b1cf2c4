"""The bad-input corpus: every case fails the real build with a precise message and writes nothing."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, LAKESIDE, REPO, make_project

CORPUS = REPO / "tests" / "bad_input"
EXPECTED = {
    name: message
    for name, message in (line.split("\t", 1) for line in (CORPUS / "expected.tsv").read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
}
REGISTRIES = ("people", "sources", "topics")


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under a folder with a hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build_fails(project: Path, first_line: str) -> None:
    """The build exits 1, reports ``first_line`` first, shows no traceback, and changes neither site/ nor docs/."""
    site = project / "site"
    site.mkdir(exist_ok=True)
    (site / "index.html").write_text("previous build\n", encoding="utf-8")
    before = _snapshot(site), _snapshot(project / "docs")
    result = subprocess.run(
        [sys.executable, "-m", "archive", "--project", str(project), "build"], capture_output=True, text=True, env=ENV, check=False
    )
    assert result.returncode == 1, result.stdout
    assert result.stderr.splitlines()[0] == first_line
    assert "Traceback" not in result.stderr + result.stdout
    assert (_snapshot(site), _snapshot(project / "docs")) == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site-")]


def test_the_corpus_has_at_least_forty_cases_and_each_is_small() -> None:
    files = sorted(p.name for p in CORPUS.glob("*.yaml"))
    assert files == sorted(EXPECTED) and len(files) >= 40
    assert max((CORPUS / f).stat().st_size for f in files) <= 64 * 1024


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file(tmp_path: Path, name: str) -> None:
    project = make_project(tmp_path / "project")
    registry = name.split("-", 1)[0]
    target = f"data/{registry}.yaml" if registry in REGISTRIES else LAKESIDE
    (project / target).write_bytes((CORPUS / name).read_bytes())
    _build_fails(project, f"{target}:{EXPECTED[name]}")


def test_ten_megabyte_excerpt(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    text = (project / LAKESIDE).read_text(encoding="utf-8")
    (project / LAKESIDE).write_text(text.replace("Beta said trade should grow.", "x" * 10_000_000), encoding="utf-8")
    size = (project / LAKESIDE).stat().st_size
    assert size > 10_000_000
    _build_fails(project, f"{LAKESIDE}:1:1: file is {size:,} bytes; the limit is 1,048,576 bytes (1 MiB)")


def test_symlink_pointing_outside_data(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (tmp_path / "secret.yaml").write_text("title: outside\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.yaml", project / "data/transcripts/2001-06-17-link.yaml")
    _build_fails(project, "data/transcripts/2001-06-17-link.yaml: is a link; the archive reads and writes no file through a link; remove it (or put the file itself there)")


@pytest.mark.parametrize("name", ["lakeside meeting.yaml", "été-2001.yaml"])
def test_file_names_that_are_not_ids(tmp_path: Path, name: str) -> None:
    project = make_project(tmp_path / "project")
    (project / LAKESIDE).rename(project / "data/transcripts" / name)
    stem = name[: -len(".yaml")]
    _build_fails(
        project,
        f"data/transcripts/{name}:1:1: file name: '{stem}' is not a valid id: use at most 64 lower-case letters, "
        "digits and single hyphens, e.g. '2008-04-06-sochi' or 'putin'",
    )


def test_file_name_with_a_newline_is_reported_on_one_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / LAKESIDE).rename(project / "data/transcripts/lake\nside.yaml")
    _build_fails(project, "data/transcripts/lake\\x0aside.yaml: the name holds U+000A, which Windows does not allow in a file name; choose another name")


def test_two_files_for_one_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "data/transcripts/2001-06-16-lakeside.YAML").write_bytes((project / LAKESIDE).read_bytes())
    _build_fails(project, "data/transcripts/2001-06-16-lakeside.yaml: '2001-06-16-lakeside.yaml' differs from '2001-06-16-lakeside.YAML' only by case or accents, which macOS and Windows take for one file")


def test_a_data_file_cannot_take_the_page_of_a_list(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / LAKESIDE).rename(project / "data/transcripts/index.yaml")
    _build_fails(project, "data/transcripts/index.yaml:1:1: file name: 'index' is reserved for the page that lists the others; choose another id")


@pytest.mark.parametrize("variant", ["bom", "crlf", "comments"])
def test_legitimate_yaml_is_accepted(tmp_path: Path, variant: str) -> None:
    project = make_project(tmp_path / "project")
    text = (project / LAKESIDE).read_text(encoding="utf-8")
    data = {
        "bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "comments": ("# A comment line\n" + text.replace("place: Lakeside Castle", "place: Lakeside Castle  # the castle")).encode("utf-8"),
    }[variant]
    (project / LAKESIDE).write_bytes(data)
    result = subprocess.run([sys.executable, "-m", "archive", "--project", str(project), "check"], capture_output=True, text=True, env=ENV, check=False)
    assert result.returncode == 0, result.stderr
