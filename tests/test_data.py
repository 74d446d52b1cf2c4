"""The repository's own data: every file validates, and the content rules hold."""

from __future__ import annotations

from archive.pipeline import read_archive
from conftest import REPO


def test_every_data_file_validates() -> None:
    archive = read_archive(REPO / "data")
    files = sorted(p.stem for p in (REPO / "data" / "transcripts").glob("*.yaml"))
    assert sorted(t.id for t in archive.transcripts) == files


def test_first_conversations_are_entered() -> None:
    archive = read_archive(REPO / "data")
    by_id = {t.id: t for t in archive.transcripts}
    assert {"2001-06-16-brdo", "2005-09-16-oval-office", "2008-04-06-sochi"} <= set(by_id)
    for transcript_id in ("2001-06-16-brdo", "2008-04-06-sochi"):
        assert len(by_id[transcript_id].claims) >= 5, transcript_id


def test_quotations_name_a_source_that_prints_them() -> None:
    """A quote's source is the document itself (primary) or a secondary source, never a weak one."""
    archive = read_archive(REPO / "data")
    for t in archive.transcripts:
        for e in t.excerpts:
            if e.kind == "quote":
                assert archive.sources[e.source.source].tier != "weak", f"{t.id}#{e.id}"


def test_memcons_without_a_read_caveat_say_so_in_a_note() -> None:
    archive = read_archive(REPO / "data")
    for t in archive.transcripts:
        if t.kind == "memorandum-of-conversation" and t.caveat is None:
            assert t.notes, f"{t.id} has neither the document's caveat nor a note on what was read"
