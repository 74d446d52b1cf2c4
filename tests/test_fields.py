"""The model read once (archive.fields): kinds of fields, labels of allowed values, paths checked against the model."""

from __future__ import annotations

import typing
from dataclasses import dataclass

import pytest

from archive import fields, model
from archive.fields import EACH, Choice, Date, ListOf, Reference, Text, Time, YesNo
from archive.problems import Problem, field_text, sort_problems


def test_each_set_of_labels_matches_its_types_allowed_values_exactly() -> None:
    assert set(model.LABELS) == {"Tier", "DocumentKind", "ExcerptKind", "CaveatKind", "Assessment"}
    for name, labels in model.LABELS.items():
        assert tuple(labels) == typing.get_args(getattr(model, name)), name


def test_a_choice_carries_its_values_and_their_labels_in_order() -> None:
    kind = fields.record(model.Excerpt).field("kind").kind
    assert kind == Choice("ExcerptKind", ("quote", "paraphrase", "summary"), ("Quotation", "Paraphrase", "Editor's summary"))
    assert kind.labelled() == {"quote": "Quotation", "paraphrase": "Paraphrase", "summary": "Editor's summary"}
    assert fields.record(model.Source).field("tier").kind.labels == ("primary source", "secondary source", "weak source")


def test_fields_are_described_by_kind_with_whether_they_are_required() -> None:
    transcript = fields.record(model.Transcript)
    assert [f.name for f in transcript.fields][:5] == ["draft", "title", "added", "date", "time"]  # "id" is derived
    expected = {
        "draft": (YesNo(), False),
        "title": (Text("line"), True),
        "added": (Date(), False),
        "time": (Time(), False),
        "topics": (ListOf(Reference("topics"), 1), True),
        "notes": (ListOf(fields.record(model.Note), 0), False),
        "document": (fields.record(model.Document), True),
    }
    for name, (kind, required) in expected.items():
        f = transcript.field(name)
        assert (f.kind, f.required) == (kind, required), name
    claim = fields.record(model.Claim)
    assert claim.field("excerpts").kind == ListOf(Reference("excerpts"), 1)
    assert claim.field("annotation").kind == Text("markup")
    assert fields.record(model.Source).field("url").kind == Text("url")
    assert fields.record(model.Excerpt).field("former_ids").kind == ListOf(Text("id"))
    assert transcript.field("title").example == "Bush and Putin at Sochi"
    assert "id" not in [f.name for f in fields.record(model.Person).fields]


def test_records_are_read_once_and_listed_depth_first() -> None:
    assert fields.record(model.Citation) is fields.record(model.Citation)
    names = [r.name for r in fields.records(fields.record(model.Note))]
    assert names == ["Note", "Citation"]
    assert "Wording" in [r.name for r in fields.records(fields.record(model.Transcript))]


def test_a_path_through_the_model_is_checked_when_it_is_written() -> None:
    assert fields.pattern(model.Transcript, "claims", EACH, "excerpts", EACH) == ("claims", int, "excerpts", int)
    with pytest.raises(KeyError, match="Excerpt has no field 'speakr'"):
        fields.pattern(model.Transcript, "excerpts", EACH, "speakr")
    with pytest.raises(TypeError):
        fields.pattern(model.Transcript, "excerpts", "speaker")  # a list's items come first
    assert fields.generic(("excerpts", 3, "former_ids", 0)) == ("excerpts", int, "former_ids", int)


def test_allowed_values_without_labels_are_refused() -> None:
    @dataclass(kw_only=True)
    class Unlabelled:
        """A record whose allowed values have no labels."""

        mood: typing.Literal["calm", "tense"] = model.required("Mood.", "calm")

    with pytest.raises(TypeError, match="have no labels"):
        fields.record(Unlabelled)


def test_labels_out_of_order_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(model.LABELS, "Tier", {"weak": "weak source", "primary": "primary source", "secondary": "secondary source"})

    @dataclass(kw_only=True)
    class Reordered:
        """A record using a type whose labels are listed in another order."""

        tier: model.Tier = model.required("Tier.", "weak")

    with pytest.raises(TypeError, match="in that order"):
        fields.record(Reordered)


def test_a_field_path_is_printed_the_way_editors_read_it() -> None:
    assert field_text(("excerpts", 1, "speaker")) == "excerpts[1].speaker"
    assert field_text(("claims", 0, "excerpts", 2)) == "claims[0].excerpts[2]"
    assert field_text(("alpha", "roles", 0, "title")) == "alpha.roles[0].title"
    assert field_text(()) == ""
    assert Problem("f.yaml", 2, 3, ("participants", 0, "people", 1, "person"), "m").format() == "f.yaml:2:3: participants[0].people[1].person: m"
    assert Problem("f.yaml", 2, 3, (), "m").format() == "f.yaml:2:3: m"


def test_a_field_given_as_text_is_refused() -> None:
    with pytest.raises(TypeError, match="a path such as"):
        Problem("f.yaml", 1, 1, "title", "m")  # type: ignore[arg-type]


def test_problems_at_one_place_sort_by_the_printed_path() -> None:
    tenth, second = Problem("f", 1, 1, ("x", 10), "m"), Problem("f", 1, 1, ("x", 2), "m")
    assert sort_problems([second, tenth]) == [tenth, second]  # "x[10]" < "x[2]", as reports have always listed them


def test_the_meaning_checks_look_at_ids_references_and_dates() -> None:
    from archive import references

    at = lambda path: fields.kind_at(model.Transcript, *path)  # noqa: E731
    assert {at(p) for p in references.ANCHORS} == {Text("id")}
    assert {at(p) for p in references.SPEAKERS} | {at(references.PARTICIPANT)} == {Reference("people")}
    assert at(references.CLAIM_EXCERPT) == Reference("excerpts")
    assert at(references.CORRECTION_DATE) == at(references.ADDED) == at(references.CONVERSATION_DATE) == Date()
    for entry in (model.Person, model.Source, model.Topic, model.Event):  # a correction's date ends the same path in every entry
        assert fields.kind_at(entry, *references.CORRECTION_DATE) == Date()
    assert isinstance(at(references.CLAIM), fields.Record) and at(references.CLAIM).name == "Claim"
