"""Russian person names: one key for every case of a name word, one person per name."""

from __future__ import annotations

import pytest

from vigil.extract import Extractor
from vigil.extract.lemma.morph import name_key


@pytest.mark.parametrize(
    "forms",
    [
        # a surname pymorphy also reads as a plural of a given name ("Михайлов" of "Михайла")
        ["Михайлов", "Михайлова", "Михайлову"],
        ["Сарсенгалиев", "Сарсенгалиева", "Сарсенгалиеву"],
        # a surname the dictionary does not know, guessed as a given name in the feminine
        ["Чугаев", "Чугаева"],
        # an adjectival surname the dictionary does not know
        ["Бяляцкий", "Бяляцкого", "Бяляцким"],
    ],
)
def test_every_case_of_a_surname_has_one_key(forms: list[str]) -> None:
    assert len({name_key(f) for f in forms}) == 1, {f: name_key(f) for f in forms}


def test_full_name_in_the_nominative_and_an_oblique_case_is_one_person(
    extractor: Extractor,
) -> None:
    r = extractor.extract(
        "Сергей Михайлов был арестован весной. Суд приговорил Сергея Михайлова к восьми "
        "годам колонии.",
        language="ru",
    ).record
    assert [p["name"] for p in r["persons"]] == ["Сергей Михайлов"]
