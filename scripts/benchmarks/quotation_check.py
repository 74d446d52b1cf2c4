"""Check a quotation at scale: the passage index's size against the text it covers, and the time of one
lookup by the page's own matcher (``docs/javascripts/quotation-check.js``, run with node) on synthetic archives.

Each lookup is a 12-word stretch of a passage with its middle word changed, as a reader might misquote it;
the figures say how often the right passage came first, as well as how long the lookup took.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import time
from pathlib import Path

from . import scale, synthetic

REPO = Path(__file__).resolve().parents[2]
MATCHER = REPO / "docs" / "javascripts" / "quotation-check.js"
SIZES = [1_000, 10_000]
SAMPLES = 41

# Loads the index as the page does (JSON.parse, then buildIndex), then times single lookups.
_DRIVER = r"""
const fs = require("fs");
const [matcher, path, samples] = process.argv.slice(1);
const qc = require(matcher);
const now = () => Number(process.hrtime.bigint()) / 1e6;
let t = now();
const data = JSON.parse(fs.readFileSync(path, "utf8"));
const parseMs = now() - t;
t = now();
const index = qc.buildIndex(data);
const buildMs = now() - t;
function misquote(p) {
  const text = index.passages[p].text;
  const spans = qc.words(text);
  const from = Math.max(0, Math.floor(spans.length / 2) - 6);
  const window = spans.slice(from, from + 12);
  const middle = window[Math.floor(window.length / 2)];
  const other = qc.words(index.passages[(p + 1) % index.passages.length].text)
    .map(s => s.word).find(w => qc.normalise(w) !== qc.normalise(middle.word)) || "zebra";
  return text.slice(window[0].start, middle.start) + other + text.slice(middle.end, window[window.length - 1].end);
}
const n = index.passages.length;
const picks = Array.from({length: Number(samples)}, (_, k) => Math.floor((k + 0.5) * n / Number(samples)));
const quotations = picks.map(misquote);
for (let k = 0; k < 5; k++) { qc.lookup(index, quotations[k % quotations.length], 5); }
const times = [];
let first = 0;
picks.forEach((p, k) => {
  const start = now();
  const results = qc.lookup(index, quotations[k], 5);
  times.push(now() - start);
  if (results.length && results[0].number === p) { first += 1; }
});
process.stdout.write(JSON.stringify({parseMs, buildMs, times, first, passages: n, words: index.words,
  heapMb: process.memoryUsage().rss / 2 ** 20}));
"""


def write_index(data: Path, target: Path) -> dict[str, float]:
    """Build the passage index of the archive in ``data`` into ``target``; its size against the text it covers."""
    from archive.pipeline import read_archive
    from archive.render import quotation_check
    from archive.render.paths import Site

    archive = read_archive(data)
    started = time.perf_counter()
    with target.open("w", encoding="utf-8") as out:
        out.writelines(quotation_check.index_json(archive, Site("Leaders' Conversations Archive", "https://example.org/archive/")).pieces())
    seconds = time.perf_counter() - started
    text = sum(len(t.encode("utf-8")) for t in quotation_check.passage_texts(archive))
    size = target.stat().st_size
    return {"index_mb": size / 2**20, "text_mb": text / 2**20, "ratio_to_text": size / text, "index_write_seconds": seconds}


def time_lookups(index: Path, samples: int = SAMPLES) -> dict[str, float]:
    """Load the index with the page's matcher under node and time single lookups of misquoted passages."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("the quotation-check benchmark runs the page's matcher with node, which is not installed")
    result = subprocess.run([node, "--max-old-space-size=8192", "-e", _DRIVER, str(MATCHER), str(index), str(samples)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"node failed:\n{result.stderr[-3000:]}")
    figures = json.loads(result.stdout)
    times = sorted(figures["times"])
    return {
        "passages": figures["passages"], "words": figures["words"],
        "load_seconds": (figures["parseMs"] + figures["buildMs"]) / 1000, "parse_seconds": figures["parseMs"] / 1000,
        "build_seconds": figures["buildMs"] / 1000, "lookup_ms_median": statistics.median(times),
        "lookup_ms_max": times[-1], "found_first": figures["first"] / len(times), "node_rss_mb": figures["heapMb"],
    }


def run(folder: Path, sizes: list[int] = SIZES, samples: int = SAMPLES) -> dict[str, dict[str, float]]:
    """Index size and lookup time for a synthetic archive of each size."""
    results = {}
    for count in sizes:
        project = folder / f"quotation-{count}"
        data = synthetic.generate(project, count)
        figures = write_index(data, project / "passages.json")
        figures |= time_lookups(project / "passages.json", samples)
        shutil.rmtree(project)
        results[str(count)] = figures
    return results


ROWS = [
    ("passages (excerpts, wordings, remarks)", "passages", "{:,.0f}"),
    ("words in them", "words", "{:,.0f}"),
    ("passage text (MB, UTF-8)", "text_mb", "{:.1f}"),
    ("index file (MB)", "index_mb", "{:.1f}"),
    ("index / text", "ratio_to_text", "{:.3f}"),
    ("index loaded: JSON.parse + buildIndex (s, once)", "load_seconds", "{:.2f}"),
    ("one lookup, median of misquotations (ms)", "lookup_ms_median", "{:.2f}"),
    ("one lookup, slowest (ms)", "lookup_ms_max", "{:.2f}"),
    ("right passage first", "found_first", "{:.0%}"),
    ("node's memory after loading (MB)", "node_rss_mb", "{:,.0f}"),
]


def table(results: dict[str, dict[str, float]]) -> str:
    """The figures as a Markdown table, one column per archive size."""
    return "\n".join(scale.by_size(ROWS, results, "", "conversations"))
