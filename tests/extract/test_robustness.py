"""No text makes the model-free stages crash (property-based, fast)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.extract.dates import find_dates, find_times, resolve
from vigil.extract.legal import find_articles, offences_in
from vigil.extract.stages.clean import clean_text, split_sentences

_ALPHABET = st.sampled_from(
    [*list("abcXYZ 0123456789./-,:;()“”\"'\n\x00\x07«»"), "Article ", "December ", "2011", " pm"]
)
TEXTS = st.lists(_ALPHABET, max_size=80).map("".join)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_cleaning_keeps_length_and_sentences_are_in_bounds(text: str) -> None:
    out = clean_text(text)
    assert len(out) == len(text)
    for s, e in split_sentences(out):
        assert 0 <= s < e <= len(text)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_dates_and_articles_never_crash(text: str) -> None:
    for f in find_dates(text):
        value = resolve(f, None, 2020)
        assert value is None or value[:4].isdigit()
    find_times(text)
    for a in find_articles(text):
        assert a.number[:1].isdigit()
    offences_in(text)
