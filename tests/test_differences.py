"""Another source's wording against the archive's text, marked word by word."""

from __future__ import annotations

from archive.render.differences import MAX_TOKENS, same_words, word_diff


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
    assert _marks(marked) == "never considered you {+[the United States] +}a [-threat-]{+foe+}"
    assert '<span class="sr-only">[changed to: </span>foe' in marked
    assert '<span class="sr-only">[missing: </span>threat' in marked


def test_missing_words_and_text_are_escaped() -> None:
    assert _marks(word_diff("a <b> & c d", "a <b> d")) == "a &lt;b&gt; [-&amp; c -]d"


def test_spacing_is_not_a_difference_but_punctuation_is() -> None:
    assert same_words("It won't  be\nnew.", "It won't be new.")
    assert not same_words("emphasise", "emphasize") and not same_words("new.", "new")


def test_very_long_passages_are_not_compared() -> None:
    assert word_diff("a " * MAX_TOKENS, "b") is None
