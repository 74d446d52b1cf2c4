"""Every value with a fixed format (dates, times, ids, references, ports, the date a file name begins with,
the preview's Host port) takes ASCII digits and letters only, matched to the very end: a digit of another
script, a space of any kind or a final newline anywhere in a valid value makes it invalid."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.engine.preview_server import allowed_host
from archive.references import DATED_NAME
from archive.text_rules import check_text
from archive.values import PartialDate, TimeSpan, ValueProblem

OTHER_DIGITS = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())
OTHER_LETTERS = st.characters(categories=["Ll", "Lu", "Lo"]).filter(lambda c: not c.isascii())
SPACES = st.characters(categories=["Zs", "Zl", "Zp", "Cc"]).filter(lambda c: c.isspace()) | st.sampled_from("\t\n\r\x0b\x0c\x85")


def _refuses(parse: Callable[[str], object]) -> Callable[[str], bool]:
    """Whether ``parse`` refuses a text (raises ValueProblem)."""

    def refused(text: str) -> bool:
        try:
            parse(text)
        except ValueProblem:
            return True
        return False

    return refused


def _refused_port(text: str) -> bool:
    return check_text("url", f"https://archive.example:{text}/memo") is not None


def _refused_host_port(text: str) -> bool:
    return not allowed_host(f"127.0.0.1:{text}", "127.0.0.1", 8000)


# (field, valid values, whether a value is refused)
FORMATS: list[tuple[str, list[str], Callable[[str], bool]]] = [
    ("date", ["2001", "2001-06", "2001-06-16", "2001-06-16~", "1999-12?"], _refuses(PartialDate.parse)),
    ("time", ["10:00", "10:00-11:30", "23:59"], _refuses(TimeSpan.parse)),
    ("id", ["2008-04-06-sochi", "putin", "a1"], lambda text: check_text("id", text) is not None),
    ("reference", ["bush", "memo-1"], lambda text: check_text("ref", text) is not None),
    ("link port", ["8000", "443"], _refused_port),
    ("file name's date", ["2001-06-16"], lambda text: DATED_NAME.match(text + "-brdo") is None or DATED_NAME.match(text + "-brdo")[0] != text),
    ("preview Host port", ["8000"], _refused_host_port),
]
IDS = [f[0] for f in FORMATS]


@pytest.mark.parametrize(("field", "valid", "refused"), FORMATS, ids=IDS)
def test_the_valid_values_are_accepted(field: str, valid: list[str], refused: Callable[[str], bool]) -> None:
    assert not [value for value in valid if refused(value)]


@pytest.mark.parametrize(("field", "valid", "refused"), FORMATS, ids=IDS)
@given(data=st.data())
def test_a_digit_of_another_script_is_refused(field: str, valid: list[str], refused: Callable[[str], bool], data: st.DataObject) -> None:
    value = data.draw(st.sampled_from(valid))
    places = [i for i, c in enumerate(value) if c.isdigit()]
    if not places:
        return
    at = data.draw(st.sampled_from(places))
    assert refused(value[:at] + data.draw(OTHER_DIGITS) + value[at + 1:])


@pytest.mark.parametrize(("field", "valid", "refused"), FORMATS, ids=IDS)
@given(data=st.data())
def test_a_letter_of_another_script_is_refused(field: str, valid: list[str], refused: Callable[[str], bool], data: st.DataObject) -> None:
    value = data.draw(st.sampled_from(valid))
    at = data.draw(st.integers(0, len(value) - 1))
    assert refused(value[:at] + data.draw(OTHER_LETTERS) + value[at + 1:])


@pytest.mark.parametrize(("field", "valid", "refused"), FORMATS, ids=IDS)
@given(data=st.data())
def test_a_space_anywhere_and_a_final_newline_are_refused(field: str, valid: list[str], refused: Callable[[str], bool], data: st.DataObject) -> None:
    value = data.draw(st.sampled_from(valid))
    at = data.draw(st.integers(0, len(value)))
    assert refused(value[:at] + data.draw(SPACES) + value[at:])
    assert refused(value + "\n")
