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


def test_primary_and_secondary_sources_have_an_address_or_say_why_not() -> None:
    """A reader can click through to every source that has an address; where none is given, the note says why."""
    archive = read_archive(REPO / "data")
    missing = [
        s.id for s in archive.sources.values()
        if s.tier in ("primary", "secondary") and not s.url and "address" not in (s.note or "")
    ]
    assert missing == []
    with_address = sum(1 for s in archive.sources.values() if s.url)
    assert with_address / len(archive.sources) >= 0.9


def test_every_source_says_how_it_was_read() -> None:
    archive = read_archive(REPO / "data")
    silent = [s.id for s in archive.sources.values() if not s.note or "read" not in s.note.lower()]
    assert silent == []


def test_a_change_of_assessment_is_recorded_as_a_correction() -> None:
    """The claims whose assessment changed at the fact-check of November 2026 each carry a correction saying so."""
    archive = read_archive(REPO / "data")
    by_id = {t.id: t for t in archive.transcripts}
    changed = {"2001-06-16-brdo": "disputed", "2008-04-06-sochi": "supported"}
    for transcript_id, old in changed.items():
        texts = " ".join(c.text for c in by_id[transcript_id].corrections)
        assert f"**{old}**" in texts, transcript_id


def test_quotations_are_not_left_as_paraphrase_where_a_source_prints_them() -> None:
    """The passages outlets print as the documents' words are quoted, each naming the outlet."""
    archive = read_archive(REPO / "data")
    by_id = {t.id: t for t in archive.transcripts}
    quoted = {
        "2001-06-16-brdo": ["no-enemy", "european-multi-ethnic", "four-reasons", "perhaps-an-ally", "never-an-adversary"],
        "2008-04-06-sochi": ["opening-welcome", "ukraine-confrontation", "seventeen-million", "ukraine-artificial", "territories-transferred"],
        "2005-09-16-oval-office": ["religious-nuts", "secrets-joke", "belief-in-communism"],
    }
    for transcript_id, ids in quoted.items():
        kinds = {e.id: e.kind for e in by_id[transcript_id].excerpts}
        assert [kinds[i] for i in ids] == ["quote"] * len(ids), transcript_id
