"""Page furniture (headlines, menus) against sentences, including a page cut mid-sentence."""

from __future__ import annotations

from vigil.extract.furniture import is_short_line, line_at


def _short(text: str, needle: str, max_words: int = 12) -> bool:
    start = text.index(needle)
    lo, hi = line_at(text, start, start + len(needle))
    return is_short_line(text, lo, hi, max_words)


def test_a_headline_is_furniture_and_a_sentence_is_not() -> None:
    text = "Journalist detained in Baku\n\nPolice detained the journalist on Monday.\nMore"
    assert _short(text, "Journalist detained in Baku")
    assert not _short(text, "Police detained the journalist")


def test_the_last_line_of_a_page_cut_mid_sentence_is_a_sentence() -> None:
    """Stored pages come cut at a length (pressfreedomtracker.us, cpj.org excerpts): the
    person in the cut last sentence was dropped as a headline's."""
    text = (
        "Reporters were blindsided.\n\nArizona reporter Camryn Sanchez was served a restraining ord"
    )
    assert not _short(text, "Arizona reporter Camryn Sanchez")
    assert _short(text + "\n\nShare this", "Arizona reporter Camryn Sanchez")  # not last
    assert _short("A sentence.\nRead more  \n ", "Read more")  # a few words stay furniture
