"""Pages declare every input they read; the preview reuses an output exactly while those inputs are the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.engine.preview import Preview, same
from archive.pipeline import read_archive
from archive.render import paths, timeline
from archive.render.page import Derived, Page, Part, UndeclaredInput
from archive.render.paths import Site
from conftest import FIXTURE, edit

SITE = Site("Archive", "https://example.org/")
CALLS: list[str] = []  # what the renders below were called with, in order


def greeting(name: str) -> str:
    CALLS.append(name)
    return f"Hello, {name}"


def names(people: tuple[str, ...]) -> str:
    CALLS.append("names")
    return ", ".join(people)


def shout(words: str) -> str:
    CALLS.append("shout")
    return words.upper()


def test_a_render_that_closes_over_an_undeclared_input_is_refused() -> None:
    archive = read_archive(FIXTURE / "data")

    def title() -> str:
        return archive.transcripts[0].title

    with pytest.raises(UndeclaredInput, match=r"title reads archive without declaring it; pass it as an input"):
        Part(title)


def test_a_render_that_hides_an_input_in_a_default_argument_is_refused() -> None:
    hidden = object()
    with pytest.raises(UndeclaredInput, match="reads its default arguments without declaring it"):
        Part(lambda given=hidden: str(given))
    with pytest.raises(UndeclaredInput, match="plain module-level function"):
        Part(str.upper, ("x",))


def test_the_preview_fails_loudly_when_a_page_module_reads_an_undeclared_input(monkeypatch: pytest.MonkeyPatch) -> None:
    def pages(archive):
        return [Page(timeline.paths.TIMELINE, (Part(lambda: str(len(archive.transcripts))),))]

    monkeypatch.setattr(timeline, "pages", pages)
    with pytest.raises(UndeclaredInput, match="reads archive without declaring it"):
        Preview().generate(FIXTURE / "data", SITE, drafts=True)


def test_the_preview_reuses_an_output_while_its_inputs_are_the_same_and_remakes_it_when_one_changes() -> None:
    preview, CALLS[:] = Preview(), []
    alice, bob = "Alice", "Bob"
    assert preview.text(Page.of("a.md", greeting, alice)) == "Hello, Alice"
    assert preview.text(Page.of("a.md", greeting, alice)) == "Hello, Alice"
    assert preview.text(Page.of("a.md", greeting, bob)) == "Hello, Bob"
    assert CALLS == ["Alice", "Bob"]


def test_tuples_and_derived_inputs_are_the_same_when_their_items_are() -> None:
    one, two = object(), object()
    assert same((one, two), (one, two)) and not same((one, two), (one, object())) and not same((one,), (one, two))
    assert same(2001, int("2001")) and not same(2001, "2001") and not same(object(), object())
    assert same(Derived(names, (("a", "b"),)), Derived(names, (("a", "b"),)))
    assert not same(Derived(names, (("a",),)), Derived(shout, (("a",),)))


def test_a_derived_input_is_made_once_however_many_parts_share_it() -> None:
    CALLS[:] = []
    shared = Derived(names, (("Alice", "Bob"),))
    page = Page("p.md", (Part(shout, (shared,)), Part(shout, (shared,))))
    assert page.text == "ALICE, BOBALICE, BOB"
    assert CALLS == ["names", "shout", "shout"]


def test_after_an_edit_the_preview_remakes_only_the_pages_that_read_the_edited_file(project: Path) -> None:
    preview = Preview()
    first = preview.generate(project / "data", SITE, drafts=True)
    texts = {path: preview.text(page) for path, page in first.items()}
    edit(project, "data/transcripts/2001-06-16-lakeside.yaml", "title: Lakeside meeting", "title: Meeting by the lake")
    second = preview.generate(project / "data", SITE, drafts=True)
    remade = {path for path, page in second.items() if preview.text(page) is not texts.get(path)}
    assert "transcripts/2001-06-16-lakeside.md" in remade and "timeline.md" in remade
    assert "people/alpha.md" in remade  # alpha took part in it, and the page lists its title
    assert "topics/trade.md" in remade and "transcripts/2003-02-lakeside-call.md" in remade  # both show the title
    untouched = {paths.cite("2003-02-lakeside-call", "bib"), paths.cite("2003-02-lakeside-call", "json"), paths.REFERENCE}
    assert untouched <= set(second) and not untouched & remade
