"""Another source's wording against the archive's text, marked word by word."""

from __future__ import annotations

from archive.render.differences import MAX_TOKENS, PAGE_TOKENS, Budget, same_words, word_diff


def _marks(html: str) -> str:
    """The diff with its screen-reader labels reduced to a short form: [-missing-] and {+added+}."""
    for label in ("missing", "added", "changed to"):
        html = html.replace(f'<span class="sr-only">[{label}: </span>', "")
    return (html.replace('<span class="sr-only">]</span>', "").replace("<del>", "[-").replace("</del>", "-]")
            .replace("<ins>", "{+").replace("</ins>", "+}"))


def test_a_changed_year_is_marked() -> None:
    marked = word_diff("In 1954, the Crimean peninsula was transferred to Ukraine.", "In 1956, the Crimean peninsula was transferred to Ukraine.")
    assert _marks(marked) == "In [-1954-]{+1956+}, the Crimean peninsula was transferred to Ukraine."


def test_a_changed_word_and_added_words_are_marked_with_labels() -> None:
    marked = word_diff("never considered you a threat", "never considered you [the United States] a foe")
    assert _marks(marked) == "never considered you {+[the United States]+} a [-threat-]{+foe+}"  # the space after a run is not marked
    assert '<span class="sr-only">[changed to: </span>foe' in marked
    assert '<span class="sr-only">[missing: </span>threat' in marked


def test_missing_words_and_text_are_escaped() -> None:
    assert _marks(word_diff("a <b> & c d", "a <b> d")) == "a &lt;b&gt; [-&amp; c-] d"


def test_spacing_is_not_a_difference_but_punctuation_is() -> None:
    assert same_words("It won't  be\nnew.", "It won't be new.")
    assert not same_words("emphasise", "emphasize") and not same_words("new.", "new")


def test_very_long_passages_are_not_compared() -> None:
    assert word_diff("a " * (MAX_TOKENS + 1), "b") is None
    assert word_diff("a " * MAX_TOKENS, "b") is not None
    marked, why = Budget().marked("a " * (MAX_TOKENS + 1), "b")
    assert marked is None and why == f"Not marked word by word: passages longer than {MAX_TOKENS:,} words and marks are not compared."


def test_a_page_compares_a_bounded_number_of_words() -> None:
    budget, passage = Budget(), "w " * 500
    marked = [budget.marked(passage, passage + "x")[0] is not None for _ in range(PAGE_TOKENS // 1000 + 3)]
    assert marked == [True] * (PAGE_TOKENS // 1001) + [False] * (len(marked) - PAGE_TOKENS // 1001)
    assert budget.marked(passage, passage + "x")[1].startswith(f"Not marked word by word: a page compares at most {PAGE_TOKENS:,} words")


def test_long_repetitive_wordings_are_marked_coarsely_not_slowly() -> None:
    # A word that recurs throughout a long passage does not start a match: the change shows as one replaced run.
    marked = word_diff("the " * 600, "the " * 300 + "a " + "the " * 299)
    assert marked is not None and _marks(marked).count("{+a the") == 1


def test_long_natural_wordings_keep_their_word_marks() -> None:
    words = [f"word{(i * 7919) % 997}" for i in range(900)]  # no word twice
    changed = [*words[:400], "inserted", *words[400:]]
    assert _marks(word_diff(" ".join(words), " ".join(changed))).count("{+inserted+}") == 1


def test_a_page_of_many_long_wordings_marks_the_first_and_says_why_the_rest_are_not(tmp_path) -> None:
    from archive.pipeline import read_archive
    from archive.render.pages import render_site
    from archive.render.paths import Site
    from benchmarks.pathological import FIXTURE, TRANSCRIPT, _wordings
    from conftest import make_project

    project = make_project(tmp_path / "project")
    original = (FIXTURE / TRANSCRIPT).read_text(encoding="utf-8")
    (project / "data" / TRANSCRIPT).write_text(_wordings(200_000)(original), encoding="utf-8")
    page = render_site(read_archive(project / "data"), Site("Archive", "https://example.org/"))["transcripts/2001-06-16-lakeside.md"].text
    wordings = page.count('<p class="wording">')
    unmarked = page.count("Not marked word by word: a page compares at most")
    assert wordings > 20 and unmarked == wordings - PAGE_TOKENS // 1800  # 900 words on each side: 1,800 per wording
    first = page.index('<p class="wording">')
    assert "<ins>" in page[first:page.index("</li>", first)]  # the first wording is marked
