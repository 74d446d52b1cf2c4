"""Pathological inputs: how long the check and the full build take on 100 KB of hostile text.

Each case puts about 100, 200 and 300 KB of one kind of hostile text into one field
of the small test archive and runs the real check and the real build
(``python -m archive build``), beside a normal file of the same size (plain words in
the same field). Times are the CPU time of the command, the least of five runs. A step
that is not linear in its input shows as a growth figure near 1.67 instead of near 1.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "small" / "data"
TRANSCRIPT = "transcripts/2001-06-16-lakeside.yaml"
SIZE = 100_000
_NOTE = "  - text: The memorandum was read in a *scan*; see [the archive](https://archive.example/).\n"
_TEXT = "      He added a second point.\n"


def _repeat(unit: str, size: int = SIZE) -> str:
    return unit * (size // len(unit))


def _single_quoted(text: str) -> str:
    """A YAML single-quoted scalar (quotes doubled), so any printable text can stand in one line."""
    return "'" + text.replace("'", "''") + "'"


def _in_note(text: str) -> Callable[[str], str]:
    return lambda yaml: yaml.replace(_NOTE, f"  - text: {_single_quoted(text)}\n", 1)


def _in_excerpt(text: str) -> Callable[[str], str]:
    indented = "\n".join("      " + line if line else "" for line in text.split("\n"))
    return lambda yaml: yaml.replace(_TEXT, indented + "\n", 1)


def _unknown_excerpts(count: int) -> Callable[[str], str]:
    ids = ", ".join(f"no-such-excerpt-{i}" for i in range(count))
    return lambda yaml: yaml.replace("excerpts: [borders-1]", f"excerpts: [{ids}]", 1)


_TRADE_SOURCE = "    source: {source: report-1}\n"


def _wordings(size: int, words: int = 900) -> Callable[[str], str]:
    """One excerpt of ``words`` words, and as many other wordings of it (each with every seventh word changed)
    as fill ``size`` bytes."""
    passage = [f"word{(i * 7919) % 1009}" for i in range(words)]
    variant = " ".join(f"other{w}" if i % 7 == 0 else w for i, w in enumerate(passage))
    line = f"      - {{source: {{source: memo-1}}, text: {variant}}}\n"
    count = max(1, size // len(line))
    return lambda yaml: yaml.replace(
        "      Beta said trade should grow.\n", "      " + " ".join(passage) + "\n", 1
    ).replace(_TRADE_SOURCE, _TRADE_SOURCE + "    wordings:\n" + line * count, 1)


def _excerpts_and_claims(size: int, words: int = 2) -> Callable[[str], str]:
    """Three excerpts of ``words`` words to each claim, as many as fill ``size`` bytes; each claim cites its three."""
    said = " ".join(["Alpha spoke of the border and the trade between them"] * max(1, words // 10)) if words > 2 else "Alpha spoke."

    def excerpt(n: int, part: str) -> str:
        return f"  - {{id: e-{n}-{part}, speaker: alpha, kind: summary, text: {said}, source: {{source: memo-1}}}}\n"

    def claim(n: int) -> str:
        return (f"  - {{id: c-{n}, speaker: alpha, excerpts: [e-{n}-a, e-{n}-b, e-{n}-c], statement: A claim., topics: [borders], "
                "assessment: opinion, annotation: A note., sources: [{source: memo-1}]}\n")

    count = max(1, size // (3 * len(excerpt(0, "a")) + len(claim(0))))
    excerpts = "".join(excerpt(n, part) for n in range(count) for part in "abc")
    claims = "".join(claim(n) for n in range(count))
    return lambda yaml: yaml.replace("excerpts:\n", "excerpts:\n" + excerpts, 1).replace("claims:\n", "claims:\n" + claims, 1)


def _in_title(text: str) -> Callable[[str], str]:
    return lambda yaml: yaml.replace("title: Lakeside meeting", f"title: {_single_quoted(text)}", 1)


Change = Callable[[str], str]
# (case, how the transcript is changed for an input of a given size, whether the check must accept it)
CASES: list[tuple[str, Callable[[int], Change], bool]] = [
    ("normal: plain words in an excerpt", lambda n: _in_excerpt(_repeat("the border is fixed and final ", n)), True),
    ("normal: plain words in a note", lambda n: _in_note(_repeat("the border is fixed and final ", n)), True),
    ("normal: excerpts of 60 words, a claim to every three", lambda n: _excerpts_and_claims(n, words=60), True),
    ("note of unclosed `**a `", lambda n: _in_note(_repeat("**a ", n)), True),
    ("note of `*` and `_` runs", lambda n: _in_note(_repeat("*_*a_ ", n)), True),
    ("note of valid links", lambda n: _in_note(_repeat("[a](https://a.example/) ", n)), True),
    ("note of `[x](` without a close (refused)", lambda n: _in_note(_repeat("[x](", n)), False),
    ("excerpt of ASCII punctuation", lambda n: _in_excerpt(_repeat("!#$%&()*+,-./:;<=>?@[\\]^_`{|}~", n)), True),
    ("excerpt of HTML-like text", lambda n: _in_excerpt(_repeat("<b x='&amp;'>&lt;</b><!-- ", n)), True),
    ("excerpt of blank-line paragraphs", lambda n: _in_excerpt(_repeat("a\n\n", n)), True),
    ("title of punctuation (refused: too long)", lambda n: _in_title(_repeat("!#$%&()*+,-./:;<=>?@[]^_`{|}~", n)), False),
    ("claim citing unknown excerpts (refused)", lambda n: _unknown_excerpts(n // 20), False),
    ("excerpt of 900 words with other wordings of it", _wordings, True),
    ("many excerpts and claims in one file", _excerpts_and_claims, True),
]
# The normal file each case is measured against: plain words in the same field, or, for a case of many
# entries, ordinary entries of the same total size. Cases not named here are excerpts'.
NORMAL_EXCERPT, NORMAL_NOTE, NORMAL_ENTRIES = (CASES[0][0], CASES[1][0], CASES[2][0])
COMPARED_WITH = {
    **{name: NORMAL_NOTE for name, _, _ in CASES if name.startswith("note")},
    "excerpt of 900 words with other wordings of it": NORMAL_ENTRIES,
    "many excerpts and claims in one file": NORMAL_ENTRIES,
    NORMAL_NOTE: NORMAL_NOTE, NORMAL_ENTRIES: NORMAL_ENTRIES,
}
LIMIT = 10  # no case may cost more than this many times its normal file, per further 100 KB
SIZES = (SIZE, 2 * SIZE, 3 * SIZE)  # the largest stays under the 1 MiB file limit


def _run(project: Path, command: str) -> tuple[float, int]:
    """(CPU seconds the command used, its exit code): CPU time, not wall time, so other work on the machine barely counts."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [sys.executable, "-m", "archive", "--project", str(project), command],
        capture_output=True, env={**os.environ, "PYTHONPATH": str(REPO / "scripts")}, check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), result.returncode


def _project(folder: Path, transcript: str) -> Path:
    """A copy of the small archive whose first transcript is ``transcript``."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(REPO / "docs", folder / "docs")
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "scripts").symlink_to(REPO / "scripts")
    shutil.copytree(FIXTURE, folder / "data")
    (folder / "data" / TRANSCRIPT).write_text(transcript, encoding="utf-8")
    return folder


REPEATS = 5


def _measure(folder: Path, transcript: str, name: str, accepted: bool) -> tuple[float, float]:
    """(check seconds, check-and-build seconds) for one input, each the fastest of a few runs."""
    project = _project(folder, transcript)
    checks, builds = [], []
    for _ in range(REPEATS):
        check_s, check_exit = _run(project, "check")
        if (check_exit == 0) != accepted:
            raise RuntimeError(f"case {name!r}: check exited {check_exit}")
        checks.append(check_s)
        build_s, build_exit = _run(project, "build") if accepted else (check_s, 1)
        if accepted and build_exit != 0:
            raise RuntimeError(f"case {name!r}: build exited {build_exit}")
        builds.append(build_s)
    return min(checks), min(builds)


NOISE = 0.15  # CPU seconds: differences below this are the machine's noise, not growth


def run(cases: list[tuple[str, Callable[[int], Change], bool]] = CASES, sizes: tuple[int, ...] = SIZES) -> list[dict[str, object]]:
    """Each case at three sizes, after a warm-up run of the unchanged archive.

    ``s_per_100kb`` is what each further 100 KB adds (from the smallest to the largest
    input, so start-up does not count). ``growth`` divides what the last step of input
    adds by what the step before it added: about 1 for a step linear in its input, about
    5/3 for a quadratic one (None when the input's whole cost is below the noise).
    """
    rows: list[dict[str, object]] = []
    original = (FIXTURE / TRANSCRIPT).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "project"
        _measure(folder, original, "warm-up", True)
        for number, (name, make, accepted) in enumerate(cases, 1):
            print(f"... pathological inputs, case {number} of {len(cases)}: {name}", file=sys.stderr, flush=True)
            grown: list[int] = []
            checks: list[float] = []
            builds: list[float] = []
            for n in sizes:
                changed = make(n)(original)
                if changed == original:
                    raise ValueError(f"case {name!r} changed nothing")
                grown.append(len(changed.encode("utf-8")) - len(original.encode("utf-8")))
                check_s, build_s = _measure(folder, changed, name, accepted)
                checks.append(check_s)
                builds.append(build_s)
            whole = builds[-1] - builds[0]
            steps = [builds[i + 1] - builds[i] for i in range(len(builds) - 1)]
            growth = steps[-1] / steps[-2] if whole > NOISE and steps[-2] > 0 else None
            rows.append({
                "case": name, "bytes": grown, "check_s": [round(c, 3) for c in checks], "build_s": [round(b, 3) for b in builds],
                "s_per_100kb": round(max(whole, 0.0) * SIZE / (grown[-1] - grown[0]), 3),
                "growth": None if growth is None else round(growth, 2),
            })
    return rows


def compared(rows: list[dict[str, object]]) -> list[tuple[dict[str, object], dict[str, object], float | None]]:
    """Each row with its normal row and how many times that row's cost per further 100 KB it costs (None for a
    refused input, or when both are below the noise)."""
    by_name = {str(r["case"]): r for r in rows}
    out = []
    for r in rows:
        normal = by_name.get(COMPARED_WITH.get(str(r["case"]), NORMAL_EXCERPT), by_name.get(NORMAL_EXCERPT, r))
        base = float(normal["s_per_100kb"])  # type: ignore[arg-type]
        ratio = float(r["s_per_100kb"]) / max(base, NOISE * SIZE / 200_000)  # type: ignore[arg-type]
        out.append((r, normal, round(ratio, 1)))
    return out


def table(rows: list[dict[str, object]]) -> str:
    """For each case: CPU seconds at each size, seconds per further 100 KB beside its normal file's, the ratio, and growth."""
    lines = [
        "| input in one file | check and build, CPU s at 100 / 200 / 300 KB | s per further 100 KB | normal file, s per 100 KB | times normal (limit 10) | growth (1 linear, 1.67 quadratic) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r, normal, ratio in compared(rows):
        shown = " / ".join(f"{b:.2f}" for b in r["build_s"])  # type: ignore[union-attr]
        growth = "below noise" if r["growth"] is None else f"{r['growth']:.2f}"
        lines.append(f"| {r['case']} | {shown} | {r['s_per_100kb']:.3f} | {normal['s_per_100kb']:.3f} ({str(normal['case'])[len('normal: '):]}) | {ratio} | {growth} |")
    return "\n".join(lines)
