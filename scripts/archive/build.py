"""Step 5, build: run MkDocs into a fresh folder, then swap it in, so a failed build changes nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def build_site(project: Path, site: Path) -> bool:
    """Build the site with ``mkdocs build --strict``; replace ``site`` only if the build succeeds."""
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site.parent))
    command = [
        sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
        "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(staging),
    ]
    try:
        if subprocess.run(command, cwd=project, check=False).returncode != 0:
            return False
        if site.exists():
            retired = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site.parent))
            site.rename(retired / "site")
            staging.rename(site)
            shutil.rmtree(retired)
        else:
            staging.rename(site)
        return True
    finally:
        if staging.exists():
            shutil.rmtree(staging)
