"""Strict loading: one test per rule, with the exact message and position."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive import strict_yaml
from archive.strict_yaml import Map, Scalar, Seq, YamlError
from conftest import LAKESIDE, problems_in

T = LAKESIDE


def refused(text: str | bytes) -> tuple[int, int, str]:
    """Line, column and message of the error raised for a file's content."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(YamlError) as caught:
        strict_yaml.parse(strict_yaml.decode(data))
    return caught.value.line, caught.value.col, caught.value.message


def test_scalars_stay_text_as_typed() -> None:
    tree = strict_yaml.parse("a: NO\nb: 1:30\nc: 2024-03-05\nd: '07'\ne: ~\nf: 1e3\n")
    assert isinstance(tree, Map)
    assert {k: v.value for k, v in tree.values.items() if isinstance(v, Scalar)} == {
        "a": "NO", "b": "1:30", "c": "2024-03-05", "d": "07", "e": "~", "f": "1e3",
    }
    assert tree.values["d"].plain is False and tree.values["a"].plain is True


def test_positions_are_one_based() -> None:
    tree = strict_yaml.parse("top:\n  - x: 1\n")
    assert isinstance(tree, Map)
    seq = tree.values["top"]
    assert isinstance(seq, Seq)
    item = seq.items[0]
    assert isinstance(item, Map)
    assert (item.keys["x"].line, item.keys["x"].col, item.values["x"].col) == (2, 5, 8)


def test_syntax_error() -> None:
    assert refused("a: [1, 2\nb: 3\n") == (
        2, 2, "YAML syntax error: a list in [ ] is not closed, or an item in it holds a comma or colon; close it with ] "
        "or put that item in quotes (while parsing a flow sequence: did not find expected ',' or ']')",
    )


@pytest.mark.parametrize(
    ("text", "where", "advice"),
    [
        ("title: Putin: a profile\n", (1, 13), "a value holds ': ' (a colon and a space), which YAML reads as a new field; put the whole value in quotes"),
        ("title: @handle\n", (1, 8), "the value starts with a character YAML reserves, such as @ or `; put the whole value in quotes"),
        ('a: 1\ntitle: "open\n', (2, 8), "a quotation mark opened here is never closed; close it"),
        ("a:\n  b: 1\n c: 2\n", (3, 2), "this line is not indented like the fields around it; line up the fields that belong together"),
        ('a: "C:\\q"\n', (1, 4), "a backslash in a value in double quotes starts an escape; write \\\\ for a backslash, or use single quotes"),
    ],
)
def test_common_syntax_errors_say_what_to_do(text: str, where: tuple[int, int], advice: str) -> None:
    line, col, message = refused(text)
    assert (line, col) == where
    assert message.startswith(f"YAML syntax error: {advice} (")


def test_tab_indentation() -> None:
    assert refused("a:\n\tb: 1\n") == (2, 1, "tabs are not allowed in YAML indentation; use spaces")


def test_duplicate_key_names_the_second() -> None:
    assert refused("title: a\ndate: 2001\ntitle: b\n") == (
        3, 1, "duplicate key 'title' (first written at line 1); keep only one",
    )


def test_anchor() -> None:
    assert refused("a: &x 1\n") == (1, 4, "anchors (&x) are not allowed; write the value out in full")


def test_alias_bomb_is_refused_at_the_first_anchor() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    assert refused(bomb) == (1, 4, "anchors (&a) are not allowed; write the value out in full")


def test_self_referencing_alias() -> None:
    assert refused("a: *a\n") == (1, 4, "aliases (*a) are not allowed; write the value out in full")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a: !!python/object/apply:os.system [ls]\n", "!!python/object/apply:os.system"),
        ("a: !!binary aGk=\n", "!!binary"),
        ("a: !!set {x}\n", "!!set"),
        ("a: !custom x\n", "!custom"),
        ("a: !!str 1\n", "!!str"),
    ],
)
def test_tags(text: str, shown: str) -> None:
    assert refused(text) == (1, 4, f"tags ({shown}) are not allowed; remove the tag and write plain text")


def test_several_documents() -> None:
    assert refused("a: 1\n---\nb: 2\n") == (
        2, 1, "a file holds one YAML document; remove the second '---' and what follows",
    )


def test_empty_file() -> None:
    assert refused("") == (1, 1, "file is empty; expected a mapping of fields")
    assert refused("# only a comment\n") == (1, 1, "file is empty; expected a mapping of fields")


def test_utf16() -> None:
    assert refused("a: 1\n".encode("utf-16")) == (
        1, 1, "file is not UTF-8 (it looks like UTF-16 or UTF-32); save it as UTF-8",
    )


def test_invalid_utf8_names_line_and_column() -> None:
    assert refused(b"a: 1\nb: caf\xe9\n") == (2, 7, "file is not valid UTF-8 (byte 0xe9); save it as UTF-8")


def test_too_large() -> None:
    line, col, message = refused(b"a: '" + b"x" * strict_yaml.MAX_BYTES + b"'\n")
    assert (line, col, message) == (1, 1, "file is 1,048,582 bytes; the limit is 1,048,576 bytes (1 MiB)")


def test_deep_nesting() -> None:
    assert refused("a: " + "[" * 40 + "]" * 40 + "\n") == (1, 35, "nesting is deeper than 32 levels")


def test_bom_crlf_and_comments_are_accepted() -> None:
    tree = strict_yaml.parse(strict_yaml.decode(b"\xef\xbb\xbf# note\r\na: x # trailing\r\nb: y\r\n"))
    assert isinstance(tree, Map) and tree.values["a"].value == "x" and tree.values["b"].line == 3


def test_key_must_be_text() -> None:
    assert refused("? [a]\n: 1\n") == (1, 3, "a key must be plain text, not a list or mapping")


def test_load_errors_name_the_file(project: Path) -> None:
    (project / T).write_text("title: a\ntitle: b\n", encoding="utf-8")
    assert problems_in(project) == [f"{T}:2:1: duplicate key 'title' (first written at line 1); keep only one"]
