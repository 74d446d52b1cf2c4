"""Command line: ``python -m archive check`` validates the data; ``build`` publishes the site.

Exit codes: 0 when all is well, 1 when the data or the build has problems,
2 for a wrong command line. Problems go to standard error, one per line, as
``path:line:col: field: message``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .build import build_site
from .json_schema import write_schemas
from .pipeline import read_archive
from .problems import DataError


def _check(project: Path) -> int:
    started = time.perf_counter()
    try:
        archive = read_archive(project / "data")
    except DataError as err:
        files = len({p.file for p in err.problems})
        print(err.report(), file=sys.stderr)
        print(f"{len(err.problems)} problem(s) in {files} file(s); nothing was built.", file=sys.stderr)
        return 1
    elapsed = (time.perf_counter() - started) * 1000
    print(
        f"OK: {len(archive.transcripts)} transcripts, {len(archive.people)} people, "
        f"{len(archive.sources)} sources, {len(archive.topics)} topics checked in {elapsed:.0f} ms"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command named on the command line."""
    parser = argparse.ArgumentParser(prog="python -m archive", description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path("."), help="folder holding mkdocs.yml, docs/ and data/ (default: .)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate every data file and report all problems")
    commands.add_parser("schema", help="write the editor-facing JSON Schema files into schema/")
    build = commands.add_parser("build", help="validate, then build the site into site/ (replaced only on success)")
    build.add_argument("--site-dir", type=Path, default=None, help="where to put the site (default: PROJECT/site)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    if args.command == "schema":
        for path in write_schemas(project):
            print(f"Wrote {path}")
        return 0
    status = _check(project)
    if status or args.command == "check":
        return status
    site = args.site_dir or project / "site"
    if not build_site(project, site):
        print("The site was not built; the previous site/ is unchanged.", file=sys.stderr)
        return 1
    print(f"Built {site}")
    return 0
