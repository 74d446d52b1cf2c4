"""The Reader: what it remembers between reads, and what a fresh one does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive import pipeline, references
from archive.pipeline import Reader, read_archive, read_transcript, registry_ids
from conftest import LAKESIDE, edit


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose meaning is checked, in order, as the pipeline checks them."""
    checked: list[str] = []
    real = references.check_transcript

    def counting(ctx, registries):
        checked.append(ctx.file)
        return real(ctx, registries)

    monkeypatch.setattr(pipeline.references, "check_transcript", counting)
    return checked


def test_a_kept_reader_reuses_unchanged_files_and_rereads_a_changed_one(project: Path) -> None:
    reader = Reader()
    first = read_archive(project / "data", reader)
    again = reader.archive(project / "data")
    assert again.transcripts[0] is first.transcripts[0] and again.people is first.people
    edit(project, LAKESIDE, "title: Lakeside meeting", "title: Lakeside meeting, first day")
    changed = reader.archive(project / "data")
    lakeside = next(t for t in changed.transcripts if t.id == "2001-06-16-lakeside")
    assert lakeside.title == "Lakeside meeting, first day"
    assert changed.people is first.people  # people.yaml did not change


def test_a_fresh_reader_reads_everything_again(project: Path) -> None:
    first = read_archive(project / "data")
    second = read_archive(project / "data")
    assert second.transcripts == first.transcripts and second.transcripts[0] is not first.transcripts[0]


def test_unchanged_transcripts_are_checked_again_only_when_a_registry_changes(project: Path, checks: list[str]) -> None:
    reader = Reader()
    reader.archive(project / "data")
    transcripts = len(list((project / "data/transcripts").glob("*.yaml")))
    assert len(checks) == transcripts
    reader.archive(project / "data")
    assert len(checks) == transcripts  # nothing changed: nothing checked again
    people = project / "data/people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + "delta:\n  name: Delta\n  description: A fourth person.\n", encoding="utf-8")
    reader.archive(project / "data")
    assert len(checks) == 2 * transcripts


def test_one_transcript_is_read_with_or_without_a_reader(project: Path, checks: list[str]) -> None:
    known = registry_ids(project / "data")
    reader = Reader()
    transcript, problems = read_transcript(project / LAKESIDE, project, known, reader)
    assert problems == [] and transcript is not None and transcript.title == "Lakeside meeting"
    assert reader.transcript(project / LAKESIDE, project, known) == (transcript, [])
    assert checks == [LAKESIDE]  # the kept reader did not check it twice
    assert read_transcript(project / LAKESIDE, project, known)[0] == transcript
    assert checks == [LAKESIDE, LAKESIDE]
