"""Persons told by a description (extract/descriptions.py) and the parser's sentences at
line breaks (extract/extractor.py). Texts are short and written here; none is copied
from a report."""

from __future__ import annotations

from typing import Any

from vigil.extract import Extractor


def _events(extractor: Extractor, text: str) -> list[tuple[str, str | None, list[str]]]:
    rec: dict[str, Any] = extractor.extract(text, published="2024-05-10").record
    return [(e["type"], e["date"], e["victims"]) for e in rec["events"]]


def test_a_lead_sentence_describes_the_person_named_after_it(extractor: Extractor) -> None:
    """News style (foxnews/AP, cpj.org, rferl): "A well-known lawyer was sentenced
    Tuesday" names Jiang in the next sentence."""
    text = (
        "A well-known human rights lawyer was sentenced on 7 May 2024 to two years in prison. "
        "Pavel Hruby, 52, has defended farmers in land disputes for a decade."
    )
    assert ("sentence", "2024-05-07", ["Pavel Hruby"]) in _events(extractor, text)


def test_the_description_picks_the_person_it_describes(extractor: Extractor) -> None:
    """Of two persons named after "a journalist", the one called a journalist."""
    text = (
        "A journalist was arrested on 8 May 2024 in Arusha. "
        "Farmer Amani Mrisho said that the journalist Daudi Mwita had written about the port."
    )
    assert ("arrest", "2024-05-08", ["Daudi Mwita"]) in _events(extractor, text)


def test_a_definite_description_points_back(extractor: Extractor) -> None:
    text = (
        "Police searched the home of the blogger Emil Sarkisov on 2 May 2024. "
        "His neighbour Akop Vardanyan saw the search. "
        "On 5 May 2024 the blogger was detained in Gyumri."
    )
    assert ("arrest", "2024-05-05", ["Emil Sarkisov"]) in _events(extractor, text)


def test_a_headline_without_a_full_stop_is_its_own_sentence_for_the_parser(
    extractor: Extractor,
) -> None:
    doc = extractor.nlp("Court jails lawyer for two years\n\nA lawyer was sentenced on Monday.")
    assert [s.text.strip() for s in doc.sents] == [
        "Court jails lawyer for two years",
        "A lawyer was sentenced on Monday.",
    ]
