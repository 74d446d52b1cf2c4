"""The command line as editors use it: exit codes, output format, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import LAKESIDE, REPO, edit
from positions import at


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m archive`` with the repository's scripts on the path."""
    return subprocess.run(
        [sys.executable, "-m", "archive", *args],
        capture_output=True, text=True, env={"PYTHONPATH": str(REPO / "scripts")}, check=False,
    )


def test_check_ok(project: Path) -> None:
    result = run("--project", str(project), "check")
    assert result.returncode == 0
    assert result.stdout.startswith("OK: 2 transcripts, 3 people, 3 sources, 2 topics checked in ")


def test_check_reports_every_problem_and_exits_1(project: Path) -> None:
    edit(project, LAKESIDE, "    speaker: beta\n    kind: paraphrase", "    speaker: putn\n    kind: paraphrase")
    (project / "data/transcripts/2003-02-lakeside-call.yaml").write_bytes(b"title: \xff\n")
    result = run("--project", str(project), "check")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{LAKESIDE}:{at(project / LAKESIDE, 'putn')}: excerpts[1].speaker: unknown person 'putn' (known: alpha, beta, gamma)",
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


def test_a_long_build_reports_its_progress_in_tenths(capsys) -> None:
    from archive.engine.oneoff import PageProgress

    progress = PageProgress()
    progress.start(1000)
    for _ in range(1000):
        progress.page_done()
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "Building 1,000 pages with MkDocs"
    assert lines[1:] == [f"  {p}% ({p * 10:,} of 1,000 pages)" for p in range(10, 101, 10)]
    progress.start(20)
    progress.page_done()
    assert capsys.readouterr().err == ""


def test_serving_sets_up_only_what_it_needs_and_says_each_step(tmp_path: Path) -> None:
    """A dry run of make on a copy without .venv: every set-up step announces itself; serve never installs the test tools."""
    import shutil

    from conftest import CLEAN_ENV

    for name in ("Makefile", "requirements.lock", "requirements-serve.lock", "tests/node/package-lock.json", "tests/schema-packages.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, tmp_path / name)
    serve = subprocess.run(["make", "-n", "serve"], cwd=tmp_path, capture_output=True, text=True, env=CLEAN_ENV, check=True).stdout
    assert [line for line in serve.splitlines() if line.startswith("echo \"Set-up")] == [
        'echo "Set-up 1/3: checking for Python 3.11 or newer (python3)"',
        'echo "Set-up 2/3: creating .venv/"',
        'echo "Set-up 3/3: installing what building and serving need, pinned in requirements-serve.lock (about 10 s the first time)"',
    ]
    assert "-r requirements-serve.lock" in serve and "-r requirements.lock" not in serve
    test = subprocess.run(["make", "-n", "test"], cwd=tmp_path, capture_output=True, text=True, env=CLEAN_ENV, check=True).stdout
    assert "-r requirements.lock" in test and 'echo "Set-up: installing the test tools too' in test
