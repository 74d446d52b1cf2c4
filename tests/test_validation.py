"""Validation: one test per rule, each asserting the exact message and position."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import LAKESIDE, edit, problems_in
from positions import at, line_of, position, top

T = LAKESIDE
CALL = "data/transcripts/2003-02-lakeside-call.yaml"


def test_fixture_is_valid(project: Path) -> None:
    assert problems_in(project) == []


def test_positions_are_counted_from_one_as_the_checker_counts_them() -> None:
    text = "a: 1\nbb: [x, x]\n"
    assert position(text, "bb") == (2, 1)
    assert position(text, "x", nth=2) == (2, 9)
    assert position(text, "", after="a:") == (1, 3)
    with pytest.raises(AssertionError, match="occurs 2 times"):
        position(text, "x")


def test_unknown_field_suggests_the_right_one(project: Path) -> None:
    edit(project, T, "    speaker: beta\n    kind: paraphrase", "    speker: beta\n    kind: paraphrase")
    assert problems_in(project) == [f"{T}:{at(project / T, 'speker')}: excerpts[1].speker: unknown field 'speker'; did you mean 'speaker'?"]


def test_missing_required_field(project: Path) -> None:
    edit(project, T, "summary: Alpha and Beta discuss borders and trade.\n", "")
    assert problems_in(project) == [f"{T}:{top(project / T)}: summary: missing required field"]


def test_text_expected_not_a_list(project: Path) -> None:
    edit(project, T, "place: Lakeside Castle", "place: [Lakeside, Castle]")
    assert problems_in(project) == [f"{T}:{at(project / T, '[Lakeside, Castle]')}: place: expected text, got a list"]


def test_empty_value(project: Path) -> None:
    edit(project, T, "place: Lakeside Castle", "place:")
    assert problems_in(project) == [f"{T}:{at(project / T, '', after='place:')}: place: is empty; write a value or remove the field"]


def test_choice(project: Path) -> None:
    edit(project, T, "assessment: partly-supported", "assessment: partly supported")
    assert problems_in(project) == [
        f"{T}:{at(project / T, 'partly supported')}: claims[0].assessment: expected one of supported, partly-supported, contradicted, "
        "disputed, unverifiable, opinion; got 'partly supported' (did you mean 'partly-supported'?)"
    ]


@pytest.mark.parametrize("typed", ["NO", "yes", "on", "'true'"])
def test_boolean_is_true_or_false_only(project: Path, typed: str) -> None:
    edit(project, T, "    source: {source: report-1}\nclaims:", f"    source: {{source: report-1}}\n    redacted: {typed}\nclaims:")
    where = at(project / T, typed, after='redacted: ')
    assert problems_in(project) == [f"{T}:{where}: excerpts[1].redacted: expected true or false, got '{typed.strip(chr(39))}'"]


def test_no_stays_text_where_text_is_expected(project: Path) -> None:
    edit(project, T, "place: Lakeside Castle", "place: NO")
    assert problems_in(project) == []


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2024-02-30", "day 30 does not exist in February 2024 ('2024-02-30')"),
        ("0000-00-00", "year 0000 is not a real year in '0000-00-00'"),
        ("2024-13", "month 13 does not exist in '2024-13'"),
        ("2024-3-5", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD (optionally followed by ~ or ?), got '2024-3-5'"),
    ],
)
def test_dates_are_real(project: Path, date: str, message: str) -> None:
    edit(project, T, "date: 2001-06-16", f"date: {date}")
    assert problems_in(project) == [f"{T}:{at(project / T, date, after='date: ')}: date: {message}"]


@pytest.mark.parametrize(
    ("time", "message"),
    [
        ("1:30", "expected a time as HH:MM or HH:MM-HH:MM (24-hour clock), got '1:30'"),
        ("24:00", "'24:00' is not a time of day"),
        ("11:00-10:00", "the span '11:00-10:00' ends before it starts"),
    ],
)
def test_times(project: Path, time: str, message: str) -> None:
    edit(project, T, 'time: "10:00-11:30"', f"time: {time}")
    assert problems_in(project) == [f"{T}:{at(project / T, time, after='time: ')}: time: {message}"]


@pytest.mark.parametrize("bad", ["../x", "Borders-1", "two words", "a--b"])
def test_ids(project: Path, bad: str) -> None:
    edit(project, T, "  - id: trade-1", f"  - id: '{bad}'")
    where = at(project / T, f"'{bad}'")
    assert problems_in(project) == [
        f"{T}:{where}: excerpts[1].id: '{bad}' is not a valid id: use at most 64 lower-case letters, digits "
        "and single hyphens, e.g. '2008-04-06-sochi' or 'putin'"
    ]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "javascript&#58;alert(1)", "ftp://x.org/"])
def test_links_are_http_only(project: Path, url: str) -> None:
    edit(project, T, "  url: https://archive.example/memo-1", f"  url: '{url}'")
    where = at(project / T, f"'{url}'")
    assert problems_in(project) == [f"{T}:{where}: document.url: expected a link starting with https:// or http://, got '{url}'"]


def test_markup_links_are_http_only(project: Path) -> None:
    edit(project, T, "[the treaty](https://archive.example/treaty)", "[the treaty](javascript:alert(1))")
    where = at(project / T, "A 1990 treaty", after="annotation: ")
    assert problems_in(project) == [
        f"{T}:{where}: claims[0].annotation: a link is not written as [text](https://...) with an address that has no spaces or brackets"
    ]


@pytest.mark.parametrize(
    ("char", "why"),
    [
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE, an invisible formatting character"),
        ("\u200b", "U+200B ZERO WIDTH SPACE, an invisible formatting character"),
        ("\u0007", "U+0007, a control character"),
        ("\ufffe", "U+FFFE, a noncharacter"),
    ],
)
def test_hidden_characters_written_as_escapes_point_at_the_value(project: Path, char: str, why: str) -> None:
    escaped = char.encode("unicode_escape").decode()
    edit(project, "data/people.yaml", "  name: Boris Beta", f'  name: "Boris{escaped}Beta"')
    where = at(project / "data/people.yaml", f'"Boris{escaped}Beta"')
    assert problems_in(project) == [f"data/people.yaml:{where}: beta.name: contains {why}; remove it"]


def test_a_hidden_character_typed_in_a_value_is_pointed_at_exactly(project: Path) -> None:
    edit(project, T, "      He added a second point.", "      He added a\u2062second point.")
    assert problems_in(project) == [
        f"{T}:{at(project / T, chr(0x2062))}: excerpts[1].text: contains U+2062 INVISIBLE TIMES, an invisible formatting character; remove it"
    ]


def test_one_line_fields_refuse_line_breaks(project: Path) -> None:
    edit(project, T, "title: Lakeside meeting", 'title: "Lakeside\\nmeeting"')
    where = at(project / T, '"Lakeside')
    assert problems_in(project) == [f"{T}:{where}: title: must be a single line"]


def test_list_minimum(project: Path) -> None:
    edit(project, CALL, "topics: [trade]", "topics: []")
    assert problems_in(project) == [f"{CALL}:{at(project / CALL, '[]')}: topics: needs at least 1 item"]


def test_top_level_must_be_a_mapping(project: Path) -> None:
    (project / T).write_text("- title: x\n", encoding="utf-8")
    assert problems_in(project) == [f"{T}:1:1: the top level must be a mapping of fields, got a list"]


def test_unknown_person_lists_close_ids(project: Path) -> None:
    edit(project, T, "    speaker: alpha\n    kind: quote", "    speaker: alpah\n    kind: quote")
    assert problems_in(project) == [
        f"{T}:{at(project / T, 'alpah')}: excerpts[0].speaker: unknown person 'alpah' (known: alpha, beta, gamma)",
    ]


def test_unknown_source(project: Path) -> None:
    edit(project, T, "      - source: memo-1\n        at: p. 3", "      - source: memo-2\n        at: p. 3")
    where = at(project / T, 'memo-2')
    assert problems_in(project) == [f"{T}:{where}: claims[0].sources[0].source: unknown source 'memo-2' (known: memo-1, blog-1, report-1)"]


def test_unknown_topic(project: Path) -> None:
    edit(project, T, "topics: [borders, trade]", "topics: [borders, trades]")
    assert problems_in(project) == [f"{T}:{at(project / T, 'trades')}: topics[1]: unknown topic 'trades' (known: trade, borders)"]


def test_unknown_excerpt(project: Path) -> None:
    edit(project, T, "excerpts: [borders-1]", "excerpts: [border-1]")
    where = at(project / T, 'border-1')
    assert problems_in(project) == [f"{T}:{where}: claims[0].excerpts[0]: unknown excerpt 'border-1' (known: borders-1, trade-1)"]


def test_claim_without_sources(project: Path) -> None:
    edit(project, T, "    sources:\n      - source: memo-1\n        at: p. 3\n", "    sources: []\n")
    assert problems_in(project) == [f"{T}:{at(project / T, '[]')}: claims[0].sources: needs at least 1 item"]


def test_empty_participants(project: Path) -> None:
    text = (project / T).read_text(encoding="utf-8")
    start, end = text.index("participants:\n"), text.index("document:\n")
    (project / T).write_text(text[:start] + "participants: []\n" + text[end:], encoding="utf-8")
    assert problems_in(project) == [f"{T}:{at(project / T, '[]')}: participants: needs at least 1 item"]


def test_duplicate_anchor_ids(project: Path) -> None:
    edit(project, T, "  - id: border-final", "  - id: trade-1")
    first, again = line_of(project / T, "trade-1", nth=1), at(project / T, "trade-1", nth=2)
    assert problems_in(project) == [
        f"{T}:{again}: claims[0].id: duplicate id 'trade-1' (first used at line {first}); excerpt and claim ids must all differ"
    ]


def test_reserved_anchor_ids(project: Path) -> None:
    edit(project, T, "  - id: border-final", "  - id: claims")
    where = at(project / T, 'claims', after='- id: ')
    assert problems_in(project) == [f"{T}:{where}: claims[0].id: 'claims' is reserved for a section of the page; choose another id"]


def test_speaker_must_be_a_participant(project: Path) -> None:
    edit(project, T, "      - person: gamma\n        role: Interpreter\n", "")
    edit(project, T, "    speaker: beta\n    kind: paraphrase", "    speaker: gamma\n    kind: paraphrase")
    where = at(project / T, 'gamma')
    assert problems_in(project) == [f"{T}:{where}: excerpts[1].speaker: 'gamma' speaks but is not listed in participants"]


def test_participant_listed_twice(project: Path) -> None:
    edit(project, T, "      - person: gamma\n", "      - person: beta\n")
    first, again = line_of(project / T, "beta", nth=1, after="person: "), at(project / T, "beta", nth=2, after="person: ")
    assert problems_in(project) == [f"{T}:{again}: participants[1].people[0].person: 'beta' is already listed as a participant at line {first}"]


def test_file_name_must_be_an_id(project: Path) -> None:
    (project / T).rename(project / "data/transcripts/Lakeside Meeting.yaml")
    assert problems_in(project) == [
        "data/transcripts/Lakeside Meeting.yaml:1:1: file name: 'Lakeside Meeting' is not a valid id: use at most 64 "
        "lower-case letters, digits and single hyphens, e.g. '2008-04-06-sochi' or 'putin'"
    ]


def test_stray_files(project: Path) -> None:
    (project / "data/transcripts/notes.yml").write_text("title: x\n", encoding="utf-8")
    (project / "data/peoples.yaml").write_text("x: 1\n", encoding="utf-8")
    assert problems_in(project) == [
        "data/peoples.yaml:1:1: unexpected file; the data folder holds people.yaml, sources.yaml, topics.yaml, transcripts (and optionally events.yaml)",
        "data/transcripts/notes.yml:1:1: unexpected file; transcripts are .yaml files",
    ]


def test_symlink_out_of_data_is_refused(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text((project / T).read_text(encoding="utf-8"), encoding="utf-8")
    os.symlink(outside, project / "data/transcripts/2001-06-17-link.yaml")
    assert problems_in(project) == [
        "data/transcripts/2001-06-17-link.yaml:1:1: is a link; the archive reads and writes no file through a link; remove it (or put the file itself there)"
    ]


def test_missing_registry(project: Path) -> None:
    (project / "data/topics.yaml").unlink()
    assert problems_in(project) == ["data/topics.yaml:1:1: file is missing"]


def test_every_problem_in_every_file_is_reported_at_once(project: Path) -> None:
    edit(project, T, "    speaker: beta\n    kind: paraphrase", "    speaker: putn\n    kind: paraphrase")
    edit(project, CALL, "kind: telephone-conversation", "kind: telcon")
    edit(project, "data/people.yaml", "  description: Interpreter.", "  descripton: Interpreter.")
    assert problems_in(project) == [
        f"data/people.yaml:{at(project / 'data/people.yaml', 'descripton')}: gamma.descripton: unknown field 'descripton'; did you mean 'description'?",
        f"{T}:{at(project / T, 'putn')}: excerpts[1].speaker: unknown person 'putn' (known: alpha, beta, gamma)",
        f"{CALL}:{at(project / CALL, 'telcon')}: kind: expected one of memorandum-of-conversation, "
        "telephone-conversation (Memorandum of telephone conversation), transcript, notes; got 'telcon'",
    ]


def test_a_list_that_needs_items_is_required(project: Path) -> None:
    path = project / CALL
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("excerpts:")], encoding="utf-8")
    assert problems_in(project) == [f"{CALL}:{top(path)}: excerpts: missing required field"]


def test_index_is_reserved_for_listing_pages(project: Path) -> None:
    edit(project, "data/topics.yaml", "trade:\n", "index:\n")
    edit(project, CALL, "topics: [trade]", "topics: [index]")
    (project / T).rename(project / "data/transcripts/index.yaml")
    assert problems_in(project) == [
        f"data/topics.yaml:{at(project / 'data/topics.yaml', 'index:')}: index: 'index' is reserved for the page that lists the others; choose another id",
        "data/transcripts/index.yaml:1:1: file name: 'index' is reserved for the page that lists the others; choose another id",
    ]


# --- corrections, other wordings, public remarks -------------------------------------


def test_a_wording_cites_a_known_source(project: Path) -> None:
    edit(project, CALL, "{source: memo-1, at: p. 1}", "{source: memo-2, at: p. 1}")
    where = at(project / CALL, 'memo-2')
    assert problems_in(project) == [f"{CALL}:{where}: excerpts[0].wordings[1].source.source: unknown source 'memo-2' (known: memo-1, blog-1, report-1)"]


def test_a_public_remark_is_by_a_participant(project: Path) -> None:
    edit(project, CALL, "    speaker: alpha\n    occasion:", "    speaker: gamma\n    occasion:")
    where = at(project / CALL, 'gamma')
    assert problems_in(project) == [f"{CALL}:{where}: public_remarks[0].speaker: 'gamma' speaks but is not listed in participants"]


def test_a_public_remark_id_is_not_an_excerpt_id(project: Path) -> None:
    edit(project, CALL, "  - id: press-statement", "  - id: call-1")
    first, again = line_of(project / CALL, "call-1", nth=1), at(project / CALL, "call-1", nth=2)
    assert problems_in(project) == [
        f"{CALL}:{again}: public_remarks[0].id: duplicate id 'call-1' (first used at line {first}); excerpt and claim ids must all differ"
    ]


def test_a_correction_is_not_dated_in_the_future(project: Path) -> None:
    edit(project, CALL, "  - date: 2024-04-02", "  - date: 2999-01-01")
    where = at(project / CALL, '2999-01-01')
    assert problems_in(project) == [f"{CALL}:{where}: corrections[1].date: '2999-01-01' is in the future (today is {_today()})"]


def test_a_correction_is_not_dated_before_the_entry_was_added(project: Path) -> None:
    edit(project, CALL, "  - date: 2024-03-01", "  - date: 2024-01-31")
    added = line_of(project / CALL, "added: 2024-02-01")
    assert problems_in(project) == [
        f"{CALL}:{at(project / CALL, '2024-01-31')}: corrections[0].date: '2024-01-31' is before the entry was added (2024-02-01, line {added})"
    ]


def test_a_correction_is_dated_to_the_day(project: Path) -> None:
    edit(project, CALL, "  - date: 2024-03-01", "  - date: 2024-03")
    where = at(project / CALL, '2024-03', after='date: ')
    assert problems_in(project) == [f"{CALL}:{where}: corrections[0].date: a correction is dated to the day (YYYY-MM-DD), got '2024-03'"]


def test_a_correction_in_a_registry_cites_known_sources(project: Path) -> None:
    edit(project, "data/people.yaml", "      sources: [{source: memo-1}]", "      sources: [{source: memo-9}]")
    where = at(project / "data/people.yaml", "memo-9")
    assert problems_in(project) == [
        f"data/people.yaml:{where}: gamma.corrections[0].sources[0].source: unknown source 'memo-9' (known: memo-1, blog-1, report-1)"
    ]


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("date: 2001-06-16", "date: 2999-06-16", "date"),
        ("    date: 2024-01-01\n    case", "    date: 2999-01-01\n    case", "document.declassified.date"),
    ],
)
def test_dates_in_the_future_are_refused(project: Path, old: str, new: str, field: str) -> None:
    edit(project, T, old, new)
    value = new.split("date: ")[1].split("\n")[0]
    assert problems_in(project) == [f"{T}:{at(project / T, value)}: {field}: '{value}' is in the future (today is {_today()})"]


def _today() -> str:
    import datetime

    return os.environ.get("ARCHIVE_TODAY") or datetime.date.today().isoformat()


# --- mistakes people make ---------------------------------------------------------


def test_a_misspelt_optional_field_gets_one_message(project: Path) -> None:
    edit(project, T, "place: Lakeside Castle", "plase: Lakeside Castle")
    assert problems_in(project) == [f"{T}:{at(project / T, 'plase')}: plase: unknown field 'plase'; did you mean 'place'?"]


def test_an_unknown_field_with_no_close_match_lists_the_allowed_ones(project: Path) -> None:
    edit(project, "data/topics.yaml", "  description: Territorial questions.", "  zzz: Territorial questions.")
    where = at(project / 'data/topics.yaml', 'zzz')
    assert problems_in(project) == [f"data/topics.yaml:{where}: borders.zzz: unknown field 'zzz' (allowed: title, description, names, corrections)"]


@pytest.mark.parametrize(("date", "prefix"), [("2001-06-17", "2001-06-16"), ("2002-06-16", "2001-06-16"), ("2001-06", "2001-06-16")])
def test_the_file_name_date_must_match_the_date(project: Path, date: str, prefix: str) -> None:
    edit(project, T, "date: 2001-06-16", f"date: {date}")
    where = at(project / T, date, after="date: ")
    assert problems_in(project) == [
        f"{T}:{where}: date: '{date}' does not match the file name, which begins '{prefix}'; correct whichever is wrong "
        "(the file name is the page's address)"
    ]


def test_a_less_exact_file_name_date_and_a_qualified_date_agree(project: Path) -> None:
    # 2003-02-lakeside-call.yaml has date 2003-02~; a date of 2003-02-10 agrees with it too.
    edit(project, CALL, "date: 2003-02~", "date: 2003-02-10?")
    assert problems_in(project) == []


def test_a_published_entry_may_not_keep_make_new_placeholders(project: Path) -> None:
    edit(project, T, "summary: Alpha and Beta discuss borders and trade.", 'summary: "Draft: one line for the timeline, to be written."')
    edit(project, T, "  archive: Fictional State Archive", '  archive: "Draft: archive to be named"')
    summary, archive = at(project / T, '"Draft: one line'), at(project / T, '"Draft: archive')
    assert problems_in(project) == [
        f"{T}:{summary}: summary: still holds the placeholder 'Draft: one line for the timeline, to be written.' written by make new; "
        "write the real value, or keep draft: true",
        f"{T}:{archive}: document.archive: still holds the placeholder 'Draft: archive to be named' written by make new; "
        "write the real value, or keep draft: true",
    ]
    edit(project, T, "title: Lakeside meeting", "draft: true\ntitle: Lakeside meeting")
    assert problems_in(project) == []
