"""Scale benchmark: generator speed against the YAML parser, build time against MkDocs' own floor,
page and index sizes, the live preview's edit-to-page time, and peak memory.

Every ratio compares two things measured in the same run on the same files.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from . import synthetic

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(REPO / "scripts"), "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Measured:
    """Wall time and peak resident memory of one child process, and the sum of its own children's peaks."""

    seconds: float
    peak_mb: float
    children_peak_mb: float = 0.0


# Runs a Python module and, as the process exits, reports the high-water mark of its own resident
# memory and of the processes it started (the build's second process). The kernel's figure for a
# child (wait4's ru_maxrss) is not used: it counts the memory of the process that started the child,
# which here holds whole generated archives. A child (found in /proc by its parent's pid) has its own
# high-water mark read twice a second while it runs; that mark only grows, so the last reading is its
# peak to within that interval.
_PEAK_REPORTER = """
import atexit, glob, os, runpy, sys, threading, time
children = {}
def high_water(pid):
    with open(f"/proc/{pid}/status") as status:
        return int(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
def watch():
    me = str(os.getpid())
    while True:
        for stat in glob.glob("/proc/[0-9]*/stat"):
            try:
                with open(stat) as file:
                    if file.read().rpartition(")")[2].split()[1] == me:  # the parent's pid
                        pid = stat.split("/")[2]
                        children[pid] = max(children.get(pid, 0), high_water(pid))
            except (OSError, IndexError, StopIteration):
                pass
        time.sleep(0.5)
threading.Thread(target=watch, daemon=True).start()
def report():
    sys.stderr.write(f"\\npeak-kb {high_water('self')} {sum(children.values())}\\n")
atexit.register(report)
sys.argv = sys.argv[1:]
runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
"""


def run_measured(module: str, args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Measured:
    """Run ``python -m module args`` to completion; its wall time and its own peak resident memory."""
    with tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        code = subprocess.run([sys.executable, "-c", _PEAK_REPORTER, module, *args], cwd=cwd, env=env or ENV,
                              stdout=subprocess.DEVNULL, stderr=stderr, check=False).returncode
        seconds = time.perf_counter() - started
        stderr.seek(0)
        output = stderr.read().decode("utf-8", "replace")
    if code != 0:
        raise RuntimeError(f"python -m {module} {' '.join(args)} failed:\n{output[-3000:]}")
    peak = re.search(r"^peak-kb (\d+) (\d+)$", output, re.M)
    if peak is None:
        raise RuntimeError(f"python -m {module} did not report its memory:\n{output[-3000:]}")
    return Measured(seconds, int(peak.group(1)) / 1024, int(peak.group(2)) / 1024)


def make_project(folder: Path, count: int) -> Path:
    """A project with the archive's configuration and hand-written pages, and ``count`` synthetic transcripts."""
    project = folder / f"archive-{count}"
    if project.exists():
        shutil.rmtree(project)
    for stale in folder.glob(f"archive-{count}-floor"):
        shutil.rmtree(stale)
    project.mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(REPO / "docs", project / "docs")
    (project / "scripts").symlink_to(REPO / "scripts")
    synthetic.generate(project, count)
    return project


# One repetition, in a process of its own: the C parser's pass over every file, then the generator
# making every Markdown page, then every output. Every repetition at every size therefore starts
# from the same state: nothing kept from an earlier repetition (a loader's file caches would hold
# a whole archive, which slows the next parse; each load here has a fresh Reader) and no heap left fragmented by one. Each page is
# made, measured and let go, as a build does (MkDocs asks for a page's Markdown when it converts
# it); holding every page at once would add gigabytes of fresh memory at 10,000 conversations,
# which the build never holds and which costs more per byte the more the process holds.
_GENERATOR = """
import gc, json, sys, time
from pathlib import Path
import yaml
assert yaml.__with_libyaml__, "PyYAML has no libyaml: the C loader is missing"
from archive import pipeline
from archive.crossref import cross_reference
from archive.render import claims, people, timeline, topics, transcript
from archive.render.pages import render_site
from archive.render.paths import Site
data = Path(sys.argv[1])
files = sorted(data.rglob("*.yaml"))
def parse():
    for f in files:
        yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)
SITE = Site("Archive", "https://example.org/")
def load():
    return pipeline.Reader().archive(data)  # a fresh Reader: every load reads every file
def markdown_pages(archive):
    with pipeline.no_cyclic_gc():
        x = cross_reference(archive)
        registries = archive.registries
        described = timeline.pages(archive) + claims.pages(archive) + people.pages(archive, x) + topics.pages(archive, x)
        for t in archive.transcripts:
            transcript.transcript_page(t, x.previous.get(t.id), x.next.get(t.id), registries, SITE)  # made, then let go
        for page in described:
            page.text  # made, then let go
        return len(archive.transcripts) + len(described)
def everything_made():
    outputs = render_site(load(), SITE)
    with pipeline.no_cyclic_gc():
        for page in outputs.values():
            page.text  # made, then let go
    return len(outputs)
def timed(work):
    gc.collect()  # every measurement starts from the same small heap
    t = time.perf_counter(); result = work(); return time.perf_counter() - t, result
base, _ = timed(parse)
md, count_md = timed(lambda: markdown_pages(load()))
everything, count_out = timed(everything_made)
print(json.dumps({"csafe_seconds": base, "generator_seconds": md, "generator_all_outputs_seconds": everything,
                  "files": len(files), "pages_markdown": count_md, "outputs": count_out,
                  "loader": yaml.CSafeLoader.__module__ + "." + yaml.CSafeLoader.__name__}))
"""

TIMES = ("csafe_seconds", "generator_seconds", "generator_all_outputs_seconds")


def generator_speed(project: Path) -> dict[str, float]:
    """Load + validate + render every page and file, against a bare CSafeLoader parse of the same files.

    Three repetitions (one above 2,000 files), each in a fresh process; times are medians.
    """
    transcripts = len(list((project / "data" / "transcripts").glob("*.yaml")))
    runs = []
    for _ in range(3 if transcripts <= 2000 else 1):
        result = subprocess.run([sys.executable, "-c", _GENERATOR, str(project / "data")], env=ENV, capture_output=True, text=True, check=True)
        runs.append(json.loads(result.stdout))
    figures = runs[0] | {key: statistics.median(run[key] for run in runs) for key in TIMES}
    figures["transcripts_per_second"] = transcripts / figures["generator_seconds"]
    figures["ratio_to_csafe"] = figures["generator_seconds"] / figures["csafe_seconds"]
    figures["ratio_all_outputs_to_csafe"] = figures["generator_all_outputs_seconds"] / figures["csafe_seconds"]
    return figures


def _floor_project(project: Path, folder: Path) -> Path:
    """The same generated pages as plain files in docs/, built by MkDocs and Material alone (no hooks):
    exactly what ``python -m archive export`` writes."""
    floor = folder / (project.name + "-floor")
    subprocess.run([sys.executable, "-m", "archive", "--project", str(project), "export", str(floor)],
                   env=ENV, stdout=subprocess.DEVNULL, check=True)
    return floor


def _sizes(site: Path) -> dict[str, float]:
    pages = [p.stat().st_size for p in (site / "transcripts").glob("*/index.html")]
    index = site / "search" / "search_index.json"
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    text = "".join(d["title"] + re.sub(r"<[^>]+>", "", d["text"]) for d in docs)
    import html as html_module

    indexed_bytes = len(html_module.unescape(text).encode("utf-8"))
    return {
        "transcript_page_avg_kb": statistics.mean(pages) / 1024,
        "transcript_page_max_kb": max(pages) / 1024,
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20,
        "search_index_mb": index.stat().st_size / 2**20,
        "search_index_ratio_to_text": index.stat().st_size / indexed_bytes,
        "timeline_chart_kb": _chart_kb(site / "timeline" / "index.html"),
    }


def _chart_kb(page: Path) -> float:
    """Size of the timeline chart (its figure: the inline SVG and its caption) in the built page, KB."""
    html = page.read_bytes()
    start = html.index(b'<figure class="tl-figure">')
    return (html.index(b"</figure>", start) + len(b"</figure>") - start) / 1024


def full_build(project: Path, folder: Path, pairs: int = 1) -> dict[str, float]:
    """Our build (check, generate, MkDocs) against MkDocs + Material building the same pages alone.

    With several ``pairs``, the two builds alternate and the times are medians, which steadies the
    ratio on a noisy machine; the lowest and highest ratio of a pair are reported too.
    """
    floor = _floor_project(project, folder)
    ours, alone = [], []
    for _ in range(pairs):
        ours.append(run_measured("archive", ["--project", str(project), "build"], cwd=project))
        alone.append(run_measured("mkdocs", ["build", "--quiet"], cwd=floor))
    build_seconds = statistics.median(m.seconds for m in ours)
    floor_seconds = statistics.median(m.seconds for m in alone)
    ratios = [o.seconds / f.seconds for o, f in zip(ours, alone)]
    figures = {"build_seconds": build_seconds, "floor_seconds": floor_seconds, "ratio_to_floor": build_seconds / floor_seconds,
               "ratio_to_floor_lowest": min(ratios), "ratio_to_floor_highest": max(ratios), "build_pairs": pairs,
               "build_peak_mb": max(m.peak_mb + m.children_peak_mb for m in ours),
               "build_second_process_peak_mb": max(m.children_peak_mb for m in ours), "floor_peak_mb": max(m.peak_mb for m in alone)}
    figures |= _sizes(project / "site")
    return figures


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def edit_to_page(project: Path, edits: int = 3, startup_timeout: float = 900) -> dict[str, float]:
    """Seconds from saving a one-line change in one YAML file to the served page showing it (make serve's settings)."""
    port = _free_port()
    env = {**ENV, "ARCHIVE_PREVIEW": "1", "ARCHIVE_DRAFTS": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        target = sorted((project / "data" / "transcripts").glob("*.yaml"))[len(list((project / "data" / "transcripts").glob("*.yaml"))) // 2]
        url = f"http://127.0.0.1:{port}/transcripts/{target.stem}/"
        started = time.perf_counter()
        while "<h1" not in _fetch(url):
            if time.perf_counter() - started > startup_timeout:
                raise RuntimeError("the preview server did not start")
            time.sleep(0.5)
        first_build = time.perf_counter() - started
        time.sleep(2)
        timings = []
        for n in range(edits):
            text = target.read_text(encoding="utf-8")
            marker = f"Edited title {n}"
            t0 = time.perf_counter()
            target.write_text(re.sub(r"^title: .*$", f"title: {marker}", text, count=1, flags=re.M), encoding="utf-8")
            while marker not in _fetch(url):
                if time.perf_counter() - t0 > 120:
                    raise RuntimeError("the edit never reached the page")
                time.sleep(0.05)
            timings.append(time.perf_counter() - t0)
            time.sleep(1.5)
        return {"preview_first_build_seconds": first_build, "edit_to_page_median_seconds": statistics.median(timings),
                "edit_to_page_max_seconds": max(timings)}
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def step(message: str) -> None:
    """One line of progress on standard error, so a long benchmark is not silent."""
    print(f"... {message}", file=sys.stderr, flush=True)


def run(folder: Path, counts: list[int], preview_up_to: int = 1000) -> dict[str, dict[str, float]]:
    """All figures for each archive size (for sizes up to ``preview_up_to``, also the preview's edit time,
    and three pairs of builds instead of one)."""
    results: dict[str, dict[str, float]] = {}
    for count in counts:
        step(f"scale, {count:,} transcripts: generating the archive")
        project = make_project(folder, count)
        step(f"scale, {count:,} transcripts: timing the generator against the C YAML parser")
        figures = generator_speed(project)
        pairs = 3 if count <= preview_up_to else 1
        step(f"scale, {count:,} transcripts: {pairs} pair(s) of full builds against MkDocs alone")
        figures |= full_build(project, folder, pairs=pairs)
        if count <= preview_up_to:
            step(f"scale, {count:,} transcripts: the preview's edit-to-page time")
            figures |= edit_to_page(project)
        results[str(count)] = figures
    return results


ROWS = [
    ("generator: load + validate + render Markdown pages, transcripts/s", "transcripts_per_second", "{:.0f}"),
    ("  same, time / bare CSafeLoader parse of the same files", "ratio_to_csafe", "{:.2f}"),
    ("  with every other output too (downloads, citations, feed), / CSafeLoader", "ratio_all_outputs_to_csafe", "{:.2f}"),
    ("full build (check + generate + MkDocs), s, median", "build_seconds", "{:.1f}"),
    ("the export (python -m archive export) built by MkDocs + Material alone, s, median", "floor_seconds", "{:.1f}"),
    ("full build / MkDocs floor (median times)", "ratio_to_floor", "{:.2f}"),
    ("  lowest ratio of one pair of runs", "ratio_to_floor_lowest", "{:.2f}"),
    ("  highest ratio of one pair of runs", "ratio_to_floor_highest", "{:.2f}"),
    ("pairs of builds timed", "build_pairs", "{:d}"),
    ("transcript page HTML, average KB", "transcript_page_avg_kb", "{:.1f}"),
    ("transcript page HTML, largest KB", "transcript_page_max_kb", "{:.1f}"),
    ("site/ total, MB", "site_mb", "{:.1f}"),
    ("search/search_index.json, MB", "search_index_mb", "{:.2f}"),
    ("search index / UTF-8 size of the text it indexes", "search_index_ratio_to_text", "{:.2f}"),
    ("timeline chart (inline SVG at the top of the timeline page), KB", "timeline_chart_kb", "{:.1f}"),
    ("preview: edit saved -> page updated, median s", "edit_to_page_median_seconds", "{:.2f}"),
    ("preview: edit saved -> page updated, max s", "edit_to_page_max_seconds", "{:.2f}"),
    ("peak memory of the full build (both processes, peaks added), MB", "build_peak_mb", "{:.0f}"),
    ("  of which the second process (pages finished and written), MB", "build_second_process_peak_mb", "{:.0f}"),
]


def by_size(rows: list[tuple[str, str, str]], results: dict[str, dict[str, float]], corner: str, noun: str) -> list[str]:
    """The lines of a Markdown table with one row per figure and one column per archive size ("–" where not measured)."""
    sizes = list(results)
    lines = [(f"| {corner} | " if corner else "| | ") + " | ".join(f"{int(c):,} {noun}" for c in sizes) + " |", "| --- |" + " ---: |" * len(sizes)]
    for label, key, fmt in rows:
        lines.append(f"| {label} | " + " | ".join(fmt.format(results[c][key]) if key in results[c] else "–" for c in sizes) + " |")
    return lines


def table(results: dict[str, dict[str, float]]) -> str:
    """A Markdown table with one column per archive size, and the growth ratio when there are two."""
    counts = list(results)
    lines = by_size(ROWS, results, "figure", "transcripts")
    if len(counts) == 2:
        small, large = results[counts[0]], results[counts[1]]
        growth = int(counts[1]) / int(counts[0])
        lines.append("")
        lines.append(f"time({int(counts[1]):,}) / time({int(counts[0]):,}) for the full build: "
                     f"{large['build_seconds'] / small['build_seconds']:.2f} (archive {growth:.0f}x larger); "
                     f"average transcript page size changes by "
                     f"{(large['transcript_page_avg_kb'] / small['transcript_page_avg_kb'] - 1) * 100:+.1f}%")
    return "\n".join(lines)
