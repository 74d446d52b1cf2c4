"""A generated page's metadata reaches MkDocs exactly as rendered, whatever text the data holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.render.text import FrontMatterError, front_matter, h, split_front_matter
from conftest import LAKESIDE, build, edit, page

# Any text at all, including what YAML or MkDocs could read as structure.
TEXT = st.text(min_size=1) | st.sampled_from(["---", "title: x", "...", "{}", "? x", "%YAML 1.2", "'", '"', "\\", "\n---\n"])


@given(meta=st.dictionaries(st.sampled_from(["title", "description"]), TEXT, min_size=1), body=TEXT, searchable=st.booleans())
def test_the_metadata_block_reads_back_exactly(meta: dict[str, str], body: str, searchable: bool) -> None:
    expected = {key: h(value) for key, value in meta.items()}
    if not searchable:
        expected["search"] = {"exclude": True}
    assert split_front_matter(front_matter(meta, searchable) + body) == (expected, body)


def test_the_metadata_block_is_ascii_whatever_the_text() -> None:
    assert front_matter({"title": "Путин\ufffe\u2028"}).isascii()


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("---\ntitle: x\n", "the metadata block has no closing '---' line"),
        ("---\ntitle x\n---\n", "unreadable metadata line 'title x'"),
        ("---\ntitle: {\n---\n", "metadata 'title' is not JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
    ],
)
def test_a_block_in_any_other_form_is_an_error(text: str, why: str) -> None:
    with pytest.raises(FrontMatterError) as raised:
        split_front_matter(text)
    assert str(raised.value) == why


HOSTILE = [
    "title: injected",
    "--- {onerror: x} ---",
    "x: 1 # {}: ... ? - &a *a !!python/object",
    "![x](https://invalid.invalid/x.png){onerror=alert(document.domain)}",
    "Astral letters 😀 𝕏 𓀀 outside the basic plane",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_accepted_text_never_changes_metadata_or_becomes_page_text(project: Path, text: str) -> None:
    quoted = text.replace("'", "''")
    edit(project, LAKESIDE, "title: Lakeside meeting", f"title: '{text and quoted}'")
    edit(project, LAKESIDE, "summary: Alpha and Beta discuss borders and trade.", f"summary: '{quoted}'")
    edit(project, "data/people.yaml", "  name: Boris Beta", f"  name: '{quoted}'")
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    transcript = page(site, "transcripts/2001-06-16-lakeside")
    assert transcript.title.get_text() == f"{text} - Leaders' Conversations Archive"
    assert transcript.find("meta", attrs={"name": "description"})["content"] == text
    assert transcript.find("h1").get_text().removesuffix("¶") == text
    assert not transcript.select("img") and not transcript.select("[onerror]")
    person = page(site, "people/beta")
    assert person.title.get_text() == f"{text} - Leaders' Conversations Archive"
    assert person.find("h1").get_text().removesuffix("¶") == text
    # Nothing of a metadata block shows as text on any page.
    for html in site.rglob("*.html"):
        assert "search: {" not in html.read_text(encoding="utf-8"), html
