"""Files and faults: missing folders, a full disk, an interrupted build; nothing half-written, no traceback."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive.output_folders import SITE_MARKER
from conftest import ENV, problems_in


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _old_site(project: Path) -> dict[str, bytes]:
    site = project / "site"
    site.mkdir(exist_ok=True)
    (site / "index.html").write_text("previous build\n", encoding="utf-8")
    (site / SITE_MARKER).write_text("an earlier build\n", encoding="utf-8")  # so the archive may replace it
    return _snapshot(site)


def test_a_missing_transcripts_folder_is_an_error(project: Path) -> None:
    shutil.rmtree(project / "data" / "transcripts")
    assert problems_in(project) == [
        "data/transcripts:1:1: the transcripts folder is missing; transcripts are .yaml files in it"
    ]


def test_a_transcripts_file_instead_of_a_folder_is_an_error(project: Path) -> None:
    shutil.rmtree(project / "data" / "transcripts")
    (project / "data" / "transcripts").write_text("not a folder\n", encoding="utf-8")
    assert problems_in(project) == [
        "data/transcripts:1:1: the transcripts folder is not a folder; transcripts are .yaml files in it"
    ]


def test_a_missing_registry_is_an_error(project: Path) -> None:
    (project / "data" / "sources.yaml").unlink()
    assert "data/sources.yaml:1:1: file is missing" in problems_in(project)


def _limit_file_size() -> None:
    """In the child: writes past 64 KB fail with EFBIG (a full disk, as far as the build can tell)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_a_full_disk_ends_in_one_line_and_keeps_the_old_site(project: Path) -> None:
    before = _old_site(project)
    result = subprocess.run(
        [sys.executable, "-m", "archive", "--project", str(project), "build"],
        capture_output=True, text=True, env=ENV, check=False, preexec_fn=_limit_file_size,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and errors[0].startswith("Error: cannot write the site") and errors[0].endswith("File too large")
    assert _snapshot(project / "site") == before
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site-")]


def test_a_site_folder_that_cannot_be_made_ends_in_one_line(project: Path) -> None:
    (project / "blocked").write_text("a file where a folder should be\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "archive", "--project", str(project), "build", "--site-dir", str(project / "blocked" / "site")],
        capture_output=True, text=True, env=ENV, check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == f"Error: cannot read or write {project / 'blocked'}: File exists"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_build_leaves_no_temporary_folder(project: Path, tmp_path: Path, signum: int) -> None:
    before = _old_site(project)
    temp = tmp_path / "tmp"
    temp.mkdir()
    started = subprocess.Popen(
        [sys.executable, "-m", "archive", "--project", str(project), "build"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**ENV, "TMPDIR": str(temp)},
    )
    # Wait until the build has made its temporary folders, then interrupt it.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (any(temp.iterdir()) and any(p.name.startswith(".site-build-") for p in project.iterdir())):
        time.sleep(0.01)
    assert any(temp.iterdir()), "the build never made its temporary folder"
    os.kill(started.pid, signum)
    _, stderr = started.communicate(timeout=60)
    assert started.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "Interrupted; nothing was changed."
    assert "Traceback" not in stderr
    assert list(temp.iterdir()) == []
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site-")]
    assert _snapshot(project / "site") == before

