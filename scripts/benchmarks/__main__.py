"""``python -m benchmarks``: run the benchmarks and print their figures (``make bench``)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from archive.safe_write import make_folders, write_text

from . import bad_input, lighthouse, pathological, quotation_check, scale

REPO = Path(__file__).resolve().parents[2]
LIGHTHOUSE_PAGES = ["timeline/", "transcripts/2008-04-06-sochi/", "check/"]


def _build_real_site(target: Path) -> Path:
    site = target / "site"
    subprocess.run([sys.executable, "-m", "archive", "--project", str(REPO), "build", "--site-dir", str(site)], check=True)
    return site


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks; print a table each and write the figures as JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--only", choices=["scale", "bad-input", "pathological", "quotation-check", "lighthouse"], action="append", help="run only these")
    parser.add_argument("--sizes", default="1000", help="archive sizes for the scale benchmark, e.g. 1000,10000 (default: 1000)")
    parser.add_argument("--workdir", type=Path, default=None, help="where to put the synthetic archives (default: a temporary folder)")
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results.json", help="where to write the figures")
    args = parser.parse_args(argv)
    wanted = set(args.only or ["scale", "bad-input", "pathological", "quotation-check", "lighthouse"])
    results: dict[str, object] = {}
    if "scale" in wanted:
        sizes = [int(s) for s in args.sizes.split(",")]
        with tempfile.TemporaryDirectory(dir=args.workdir) as work:
            figures = scale.run(Path(work), sizes)
        print(f"\nScale, synthetic archives ({', '.join(f'{n:,}' for n in sizes)} transcripts):\n")
        print(scale.table(figures))
        results["scale"] = figures
    if "bad-input" in wanted:
        rows = bad_input.run()
        print("\nBad input, each refused by the check:\n")
        print(bad_input.table(rows))
        results["bad_input"] = [{"case": r[0], "bytes": r[1], "seconds": round(r[2], 3), "exit": r[3]} for r in rows]
    if "pathological" in wanted:
        rows = pathological.run()
        print("\nPathological inputs, the check and the full build (CPU seconds, least of five runs):\n")
        print(pathological.table(rows))
        results["pathological"] = rows
    if "quotation-check" in wanted:
        with tempfile.TemporaryDirectory(dir=args.workdir) as work:
            figures = quotation_check.run(Path(work))
        print("\nCheck a quotation: the passage index and one lookup by the page's matcher (node), synthetic archives:\n")
        print(quotation_check.table(figures))
        results["quotation_check"] = figures
    with tempfile.TemporaryDirectory() as tmp:
        if "lighthouse" in wanted:
            site = _build_real_site(Path(tmp))
            scores = lighthouse.run(site, LIGHTHOUSE_PAGES)
            print("\nLighthouse, mobile settings, pages served with gzip as GitHub Pages serves them:\n")
            print(lighthouse.table(scores))
            results["lighthouse"] = scores
    target = Path(os.path.abspath(args.json))
    write_text(make_folders(target.parent.parent, target.parent.name), target.name, json.dumps(results, indent=2) + "\n")  # no link followed
    print(f"\nFigures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
