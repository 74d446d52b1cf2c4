"""The command line as editors use it: exit codes, output format, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import LAKESIDE, REPO, edit


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m archive`` with the repository's scripts on the path."""
    return subprocess.run(
        [sys.executable, "-m", "archive", *args],
        capture_output=True, text=True, env={"PYTHONPATH": str(REPO / "scripts")}, check=False,
    )


def test_check_ok(project: Path) -> None:
    result = run("--project", str(project), "check")
    assert result.returncode == 0
    assert result.stdout.startswith("OK: 2 transcripts, 3 people, 2 sources, 2 topics checked in ")


def test_check_reports_every_problem_and_exits_1(project: Path) -> None:
    edit(project, LAKESIDE, "    speaker: beta\n    kind: paraphrase", "    speaker: putn\n    kind: paraphrase")
    (project / "data/transcripts/2003-02-lakeside-call.yaml").write_bytes(b"title: \xff\n")
    result = run("--project", str(project), "check")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "data/transcripts/2001-06-16-lakeside.yaml:44:14: excerpts[1].speaker: unknown person 'putn' (known: alpha, beta, gamma)",
        "data/transcripts/2003-02-lakeside-call.yaml:1:8: file is not valid UTF-8 (byte 0xff); save it as UTF-8",
        "2 problem(s) in 2 file(s); nothing was built.",
    ]


def test_no_traceback_for_hostile_yaml(project: Path) -> None:
    target = project / LAKESIDE
    for content in (b"a: !!python/object/apply:os.system [echo hi]\n", b"[" * 50000, b"\x00\x01", b"- 1\n- 2\n"):
        target.write_bytes(content)
        result = run("--project", str(project), "check")
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith(f"{LAKESIDE}:1:")


def test_usage_error_exits_2() -> None:
    assert run("publish").returncode == 2
