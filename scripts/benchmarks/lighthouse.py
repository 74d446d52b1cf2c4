"""Lighthouse (mobile settings) on built pages, served the way GitHub Pages serves them; prints the four scores.

Needs Node.js, ``npm ci --prefix bench/node`` (``make bench`` runs it) and Debian's Chromium.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .static_server import serve

REPO = Path(__file__).resolve().parents[2]
LIGHTHOUSE = REPO / "bench" / "node" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def audit(url: str) -> dict[str, object]:
    """Run Lighthouse once on ``url``; return the category scores (0-100) and the failing audits."""
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS} --user-data-dir={tmp}/profile"],
            env={**os.environ, "CHROME_PATH": chrome}, check=True, capture_output=True, timeout=300,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
    failing = sorted(
        key for key, a in data["audits"].items()
        if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    )
    return {"scores": scores, "failing": failing}


def run(site: Path, pages: list[str]) -> dict[str, dict[str, object]]:
    """Audit each page of a built site; returns results keyed by page path."""
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run 'npm ci --prefix bench/node' (make bench does)")
    with serve(site) as base:
        return {page: audit(f"{base}/{page}") for page in pages}


def table(results: dict[str, dict[str, object]]) -> str:
    """The scores as a Markdown table."""
    lines = ["| page | performance | accessibility | best practices | SEO |", "| --- | ---: | ---: | ---: | ---: |"]
    for page, result in results.items():
        s = result["scores"]
        lines.append(f"| /{page} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} |")
    return "\n".join(lines)
