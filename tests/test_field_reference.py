"""The field reference page: each field's kind named from the model, each record once, each choice with its labels."""

from __future__ import annotations

import re

from archive.render import field_reference

PAGE = field_reference.field_reference_page()
_ROW = re.compile(r"<tr><td><code>([a-z_]+)</code></td><td>(.*?)</td><td>(required|optional)</td>")


def _cells(heading: str) -> dict[str, tuple[str, str]]:
    """The first table after a heading's anchor: field name -> (type, required or optional)."""
    table = PAGE.split(heading, 1)[1].split("</table>", 1)[0]
    return {name: (kind, required) for name, kind, required in _ROW.findall(table)}


def test_the_transcript_table_names_each_kind_of_field() -> None:
    cells = _cells("{#file-transcript}")
    assert cells["title"] == ("text, one line", "required")
    assert cells["draft"] == ("<code>true</code> or <code>false</code>", "optional")
    assert cells["time"] == ("time (<code>HH:MM</code> or <code>HH:MM-HH:MM</code>)", "optional")
    assert cells["date"][0].startswith("date (<code>YYYY</code>, ")
    assert cells["topics"] == ("list of id (at least 1)", "required")
    assert cells["notes"] == ('list of <a href="#note">Note</a>', "optional")
    assert cells["excerpts"] == ('list of <a href="#excerpt">Excerpt</a> (at least 1)', "required")
    assert cells["document"] == ('<a href="#document">Document</a>', "required")
    assert cells["kind"][0].startswith("one of <code>memorandum-of-conversation</code> (shown as “Memorandum of conversation”), ")


def test_records_are_listed_once_each_in_name_order_without_the_transcript() -> None:
    records = re.findall(r"^### (\w+) \{#", PAGE, flags=re.MULTILINE)
    assert records == sorted(records) and len(records) == len(set(records))
    assert "Transcript" not in records
    assert {"Person", "Source", "Topic", "Event", "Excerpt", "Claim", "Citation", "Wording", "Names"} <= set(records)
    assert '<p>Each entry is a <a href="#person">Person</a> record.</p>' in PAGE


def test_a_link_an_id_and_a_choice_in_records() -> None:
    source = _cells("### Source {#source}")
    assert source["url"] == ("link (http or https)", "optional")
    assert source["tier"] == (
        "one of <code>primary</code> (shown as “primary source”), <code>secondary</code> (shown as “secondary source”), "
        "<code>weak</code> (shown as “weak source”)",
        "required",
    )
    assert _cells("### Excerpt {#excerpt}")["former_ids"] == ("list of id", "optional")
    assert _cells("### Participant {#participant}")["person"] == ("id", "required")
