"""Each rule the method page (docs/method.md) states about kinds, tiers and assessments, with the sentence that
states it (the test fails if the page no longer says it) and the check's exact message when an entry breaks it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import LAKESIDE, REPO, edit, problems_in

METHOD = re.sub(r"\s+", " ", (REPO / "docs" / "method.md").read_text(encoding="utf-8"))
CALL = "data/transcripts/2003-02-lakeside-call.yaml"


def says(sentence: str) -> None:
    assert re.sub(r"\s+", " ", sentence) in METHOD, f"the method page no longer says: {sentence}"


# (the method page's sentences, the file, the edit that breaks the rule, the first problem, the edit that mends it)
RULES = [
    (["Wording seen only in weak sources, such as machine translations and aggregators, is not quoted at all.",
      "a quote never rests on a weak source"], LAKESIDE,
     ("    source: {source: memo-1, at: p. 2}", "    source: {source: blog-1, at: p. 2}"),
     "42:22: excerpts[0].source.source: a quotation cannot rest on 'blog-1', a weak source (wording seen only in "
     "weak sources is not quoted at all); cite a primary or secondary source that prints these words, or mark the excerpt paraphrase",
     ("    kind: quote\n    text: 'The border", "    kind: paraphrase\n    text: 'The border")),
    (["**summary**: our own short summary of a passage we read in the document.", "a summary cites the document itself, a primary source"], CALL,
     ("    source: {source: memo-1}\n    wordings:", "    source: {source: report-1}\n    wordings:"),
     "20:22: excerpts[0].source.source: a summary is the editors' own summary of a passage read in the document, "
     "but 'report-1' is a secondary source; cite the document (a primary source), or mark the excerpt paraphrase",
     ("    kind: summary\n    text: Beta thanked", "    kind: paraphrase\n    text: Beta thanked")),
    (["**disputed**: sources disagree about the claim itself, or about whether it was made at all",
      "a disputed claim cites at least two sources"], LAKESIDE,
     ("assessment: partly-supported", "assessment: disputed"),
     "60:17: claims[0].sources[0].source: a disputed claim is one its sources disagree about: cite at least two "
     "sources, each account with its own, or choose another assessment",
     ("      - source: memo-1\n        at: p. 3\n", "      - source: memo-1\n        at: p. 3\n      - source: report-1\n")),
]


@pytest.mark.parametrize(("sentences", "file", "breaking", "problem", "mending"), RULES, ids=["weak quote", "summary", "disputed"])
def test_the_check_keeps_the_rule_the_method_page_states(
    project: Path, sentences: list[str], file: str, breaking: tuple[str, str], problem: str, mending: tuple[str, str]
) -> None:
    for sentence in sentences:
        says(sentence)
    edit(project, file, *breaking)
    assert problems_in(project) == [f"{file}:{problem}"]
    edit(project, file, *mending)
    assert problems_in(project) == []


def test_a_quoted_caveat_never_rests_on_a_weak_source(project: Path) -> None:
    edit(project, LAKESIDE, "  text: This is not a verbatim transcript.\n  source: {source: memo-1}",
         "  text: This is not a verbatim transcript.\n  source: {source: blog-1}")
    assert [p.split(": a quotation")[0] for p in problems_in(project)] == [f"{LAKESIDE}:11:20: caveat.source.source"]


def test_a_weak_source_may_be_paraphrased(project: Path) -> None:
    says("weak**: blogs, aggregators, machine translations and the like. They serve as leads")
    edit(project, LAKESIDE, "    source: {source: report-1}\n", "    source: {source: blog-1}\n")
    assert problems_in(project) == []


def test_every_excerpt_names_where_its_wording_was_read(project: Path) -> None:
    says("every excerpt names where its wording was read")
    edit(project, LAKESIDE, "    source: {source: report-1}\n", "")
    assert problems_in(project) == [f"{LAKESIDE}:43:5: excerpts[1].source: missing required field"]


def test_every_claim_is_judged_against_sources_and_annotated(project: Path) -> None:
    says("Each claim gets one assessment, judged against the sources cited with it")
    says("The annotation says which part.")
    edit(project, LAKESIDE, "    sources:\n      - source: memo-1\n        at: p. 3\n", "    sources: []\n")
    assert problems_in(project)[0].endswith("claims[0].sources: needs at least 1 item")


def test_every_note_names_its_sources(project: Path) -> None:
    says("every note and assessment names the sources it rests on")
    edit(project, LAKESIDE, "    sources:\n      - source: memo-1\nexcerpts:", "    sources: []\nexcerpts:")
    assert problems_in(project)[0].endswith("notes[0].sources: needs at least 1 item")


def test_what_the_check_leaves_to_the_editors_is_said_to_be_left_to_them() -> None:
    says("The rest is the editors' care, checked in review rather than by the program")
    for convention in ("known only from a paraphrase", "split out as claims of their own", "conflicting reports are kept side by side",
                       "the note under an OCR quotation says how it was copied"):
        says(convention)
