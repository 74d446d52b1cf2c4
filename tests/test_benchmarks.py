"""The benchmark runs on a tiny archive and produces every figure (the figures themselves are not asserted)."""

from __future__ import annotations

from pathlib import Path

from archive.pipeline import read_archive
from archive.render.pages import render_site
from archive.render.paths import Site
from benchmarks import scale, synthetic
from benchmarks.scale import ROWS


def test_synthetic_archives_are_valid_deterministic_and_shaped_like_transcripts(tmp_path: Path) -> None:
    first = synthetic.generate(tmp_path / "a", 30, seed=7)
    second = synthetic.generate(tmp_path / "b", 30, seed=7)
    files = sorted(p.relative_to(first) for p in first.rglob("*.yaml"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.yaml"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    archive = read_archive(first)
    assert len(archive.transcripts) == 30
    for t in archive.transcripts:
        people = sum(len(side.people) for side in t.participants)
        assert 2 <= people <= 6 and 8 <= len(t.excerpts) <= 40 and 3 <= len(t.claims) <= 15
        assert all(20 <= len(e.text.split()) <= 200 for e in t.excerpts)
    days = [t.date for t in archive.transcripts]
    assert len(set(days)) < len(days), "some days should hold several conversations"
    assert not (tmp_path / "a" / "data").resolve().is_relative_to(Path(__file__).resolve().parent.parent / "data")


def test_scale_benchmark_produces_every_figure(tmp_path: Path) -> None:
    results = scale.run(tmp_path, [20])
    figures = results["20"]
    for _label, key, _fmt in ROWS:
        assert isinstance(figures[key], float | int) and figures[key] > 0, key
    assert figures["loader"] == "yaml.cyaml.CSafeLoader"
    table = scale.table(results)
    assert table.count("\n") == len(ROWS) + 1 and "20 transcripts" in table


def test_generator_benchmark_makes_every_page_and_output(tmp_path: Path) -> None:
    data = synthetic.generate(tmp_path, 20)
    figures = scale.generator_speed(tmp_path)
    assert figures["files"] == 23  # 20 transcripts, people, sources, topics
    # 20 conversations; the timeline; the claims and the claims of each of the six assessments (not split by
    # year below 300 claims); 20 people and their index; 40 topics and theirs
    assert figures["pages_markdown"] == 20 + 1 + (1 + 6) + (20 + 1) + (40 + 1)
    assert figures["outputs"] == len(render_site(read_archive(data), Site("Archive", "https://example.org/")))
    assert figures["ratio_to_csafe"] == figures["generator_seconds"] / figures["csafe_seconds"]


def test_pathological_benchmark_produces_every_figure() -> None:
    from benchmarks import pathological

    cases = [case for case in pathological.CASES if case[0].startswith(("normal: plain words in an excerpt", "claim citing"))]
    rows = pathological.run(cases, sizes=(2_000, 4_000, 6_000))
    assert [r["case"] for r in rows] == [c[0] for c in cases]
    for row in rows:
        assert row["bytes"][0] < row["bytes"][1] < row["bytes"][2] and row["s_per_100kb"] >= 0
        assert row["growth"] is None or isinstance(row["growth"], float)
    assert pathological.table(rows).count("\n") == len(rows) + 1


def test_the_cases_of_many_entries_grow_with_their_size_and_are_compared_with_ordinary_entries(monkeypatch) -> None:
    from benchmarks import pathological

    monkeypatch.setattr(pathological, "REPEATS", 1)
    names = (pathological.NORMAL_EXCERPT, pathological.NORMAL_ENTRIES, "excerpt of 900 words", "many excerpts and claims")
    cases = [case for case in pathological.CASES if case[0].startswith(names)]
    assert len(cases) == 4
    rows = pathological.run(cases, sizes=(20_000, 40_000, 60_000))
    for row in rows:
        assert row["bytes"][0] < row["bytes"][1] < row["bytes"][2]
    ratios = {r["case"]: (normal["case"], ratio) for r, normal, ratio in pathological.compared(rows)}
    assert ratios["many excerpts and claims in one file"][0] == pathological.NORMAL_ENTRIES
    assert ratios[pathological.NORMAL_ENTRIES] == (pathological.NORMAL_ENTRIES, 1.0) or ratios[pathological.NORMAL_ENTRIES][1] <= 1.0
    assert all(isinstance(ratio, float) for _, ratio in ratios.values())
    assert "times normal (limit 10)" in pathological.table(rows)
