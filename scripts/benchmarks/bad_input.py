"""How long the check takes to refuse each bad input (the corpus in tests/bad_input, plus a 10 MB excerpt)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "bad_input"
FIXTURE = REPO / "tests" / "fixtures" / "small" / "data"
TRANSCRIPT = "transcripts/2001-06-16-lakeside.yaml"


def _time_check(project: Path) -> tuple[float, int]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "archive", "--project", str(project), "check"],
        capture_output=True, env={**os.environ, "PYTHONPATH": str(REPO / "scripts")}, check=False,
    )
    return time.perf_counter() - started, result.returncode


def run() -> list[tuple[str, int, float, int]]:
    """(case, size in bytes, seconds, exit code) for every case, largest last."""
    rows = []
    cases = [(p.name, p.read_bytes()) for p in sorted(CORPUS.glob("*.yaml"))]
    lakeside = (FIXTURE / TRANSCRIPT).read_text(encoding="utf-8")
    cases.append(("10 MB excerpt (generated)", lakeside.replace("Beta said trade should grow.", "x" * 10_000_000).encode()))
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in cases:
            project = Path(tmp) / "p"
            shutil.rmtree(project, ignore_errors=True)
            shutil.copytree(FIXTURE, project / "data")
            registry = name.split("-", 1)[0]
            target = project / "data" / (f"{registry}.yaml" if registry in ("people", "sources", "topics") else TRANSCRIPT)
            target.write_bytes(data)
            seconds, code = _time_check(project)
            rows.append((name, len(data), seconds, code))
    return sorted(rows, key=lambda r: r[1])


def table(rows: list[tuple[str, int, float, int]]) -> str:
    """Summary: count, slowest case, and the largest file."""
    slowest = max(rows, key=lambda r: r[2])
    largest = rows[-1]
    refused = sum(1 for r in rows if r[3] == 1)
    return "\n".join([
        "| figure | value |",
        "| --- | ---: |",
        f"| bad inputs refused with exit code 1 | {refused} of {len(rows)} |",
        f"| slowest refusal (`python -m archive check`, process start included) | {slowest[2]:.2f} s ({slowest[0]}) |",
        f"| largest bad file ({largest[1]:,} bytes: {largest[0]}) | {largest[2]:.2f} s |",
    ])
