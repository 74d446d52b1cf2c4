"""The contributing page's run-through, executed command by command in a copy of the repository.

Markers in docs/contributing.md drive it: ``<!-- walkthrough: run -->`` before a
shell block runs its commands; ``<!-- walkthrough: output -->`` before a text
block compares it with what the last run printed; ``<!-- walkthrough: edit FILE
"OLD" "NEW" -->`` changes a line, and a YAML block after it must then be in FILE.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

from conftest import CLEAN_ENV, REPO

PAGE = REPO / "docs" / "contributing.md"
STEP = re.compile(r"<!-- walkthrough: (?P<action>run|output|edit)(?P<args>[^>]*?)\s*-->\n(?:```(?P<lang>\w+)\n(?P<block>.*?)```\n)?", re.S)
MAKE_OWN_LINE = re.compile(r"^make(\[\d+\])?: \*\*\* ")


def _copy_repository(target: Path) -> Path:
    """The repository's files, with the already-built .venv linked in (timestamps kept for make)."""
    for name in ("Makefile", "mkdocs.yml", "pyproject.toml", "requirements.lock", "requirements-serve.lock"):
        shutil.copy2(REPO / name, target / name)
    for name in ("data", "docs", "scripts", "schema"):
        shutil.copytree(REPO / name, target / name, copy_function=shutil.copy2)
    (target / ".venv").symlink_to(REPO / ".venv")
    return target


def test_the_contributing_walkthrough_does_what_the_page_says(tmp_path: Path) -> None:
    project = _copy_repository(tmp_path)
    steps = list(STEP.finditer(PAGE.read_text(encoding="utf-8")))
    assert [s["action"] for s in steps] == ["run", "output", "edit", "run", "output", "edit", "run"]
    last: subprocess.CompletedProcess[str] | None = None
    for step in steps:
        if step["action"] == "run":
            assert step["lang"] == "sh"
            last = subprocess.run(["bash", "-c", step["block"]], cwd=project, capture_output=True, text=True, env=CLEAN_ENV, check=False)
        elif step["action"] == "output":
            assert last is not None
            printed = [line for line in (last.stdout + last.stderr).splitlines() if not MAKE_OWN_LINE.match(line)]
            assert printed == step["block"].splitlines()
            if last.returncode:
                assert any(MAKE_OWN_LINE.match(line) for line in last.stderr.splitlines())
        else:
            path, old, new = shlex.split(step["args"])
            text = (project / path).read_text(encoding="utf-8")
            assert text.count(old + "\n") == 1
            text = text.replace(old + "\n", new + "\n")
            (project / path).write_text(text, encoding="utf-8")
            if step["block"]:
                assert step["block"] in text
    assert last is not None and last.returncode == 0
    assert last.stdout.startswith("OK: ")
