"""Which characters the data may hold: judged by Unicode category over the whole code space."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.characters import BLANK_LOOKING, JOINERS, ONE_LINE_SPACES, first_refused, visible, why_refused
from conftest import LAKESIDE, build, edit, page, problems_in
from positions import at

REFUSED_EVERYWHERE = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


def _expected(char: str, one_line: bool) -> bool:
    """Whether the rules as documented refuse ``char``, from its category alone (plus the named exceptions)."""
    category = unicodedata.category(char)
    if char == "\n" or (char == "\t" and not one_line):
        return one_line
    if char in JOINERS:
        return False  # judged by its neighbours, below
    if category in REFUSED_EVERYWHERE:
        return True
    if one_line:
        code = ord(char)
        variation = 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
        return (category == "Zs" and char not in ONE_LINE_SPACES) or char in BLANK_LOOKING or variation
    return False


@pytest.mark.parametrize("one_line", [False, True])
def test_every_code_point_is_judged_by_its_category(one_line: bool) -> None:
    wrong = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if (why_refused(chr(code), one_line) is not None) != _expected(chr(code), one_line)
    ]
    assert wrong == []


def test_noncharacters_are_named_as_such() -> None:
    codes = [*range(0xFDD0, 0xFDF0), *(plane * 0x10000 + low for plane in range(17) for low in (0xFFFE, 0xFFFF))]
    assert len(codes) == 66
    assert {why_refused(chr(c), False) for c in codes} == {"a noncharacter"}


@pytest.mark.parametrize(
    ("text", "offset"),
    [("می\u200cخواهم", None), ("क्\u200dष", None), ("👩\u200d💻", None), ("\u200cab", 0), ("ab\u200d", 2), ("a \u200d b", 2), ("a\u200c\u200cb", 1)],
)
def test_joiners_only_between_visible_characters(text: str, offset: int | None) -> None:
    refused = first_refused(text, one_line=True)
    assert (refused.offset if refused else None) == offset


def test_the_first_refused_character_is_reported() -> None:
    refused = first_refused("ab\u2062c\ufffed\u202e", one_line=False)
    assert (refused.offset, refused.char) == (2, "\u2062")
    assert refused.message() == "contains U+2062 INVISIBLE TIMES, an invisible formatting character; remove it"


def test_visible_writes_every_unprintable_character_as_an_escape() -> None:
    assert visible("a\x1b[31m\u202e\nb\U000e0041é") == "a\\x1b[31m\\u202e\\x0ab\\U000e0041é"


CATEGORIES = ["Lu", "Ll", "Lo", "Mn", "Mc", "Nd", "Pc", "Pd", "Ps", "Pe", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Cc", "Cf", "Co", "Cn"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(categories=CATEGORIES, exclude_characters="\r\n\x85\u2028\u2029"), min_size=1, max_size=12))
def test_a_title_of_any_characters_is_refused_exactly_or_shown_exactly(tmp_path_factory: pytest.TempPathFactory, noise: str) -> None:
    from conftest import make_project

    project = make_project(tmp_path_factory.mktemp("chars") / "project")
    title = f"Lakeside {noise} meeting"
    escaped = title.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    edit(project, LAKESIDE, "title: Lakeside meeting", f'title: "{escaped}"')
    refused = first_refused(title, one_line=True)
    found = problems_in(project)
    if refused is not None:
        where = at(project / LAKESIDE, '"', after="title: ")
        assert found == [f"{LAKESIDE}:{where}: title: {refused.message()}"]
        assert build(project).returncode == 1
        return
    if title != title.strip() or not title.strip():
        return
    assert found == []
    result = build(project)
    assert result.returncode == 0, result.stderr
    soup = page(project / "site", "transcripts/2001-06-16-lakeside")
    assert soup.find("h1").get_text().removesuffix("¶") == title
    assert soup.title.get_text() == f"{title} - Leaders' Conversations Archive"


def test_a_refused_character_typed_in_a_registry_is_pointed_at(project: Path) -> None:
    edit(project, "data/topics.yaml", "  title: Borders", "  title: Bor\u2800ders")
    where = at(project / "data/topics.yaml", "\u2800")
    assert problems_in(project) == [
        f"data/topics.yaml:{where}: borders.title: contains U+2800 BRAILLE PATTERN BLANK, a character that shows as blank or as nothing; remove it"
    ]
