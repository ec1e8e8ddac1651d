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


def names(extractor: Extractor, text: str) -> set[str]:
    return {p["name"] for p in extractor.extract(text, language="ru").record["persons"]}


def test_two_full_names_side_by_side_are_two_persons(extractor: Extractor) -> None:
    got = names(
        extractor,
        "Суд арестовал координатора штаба Алексея Навального Ксению Середкину.",
    )
    assert not any("Навальный" in n and "Середкин" in n for n in got), got


def test_a_place_or_a_body_is_not_a_person(extractor: Extractor) -> None:
    got = names(
        extractor,
        "Суд приговорил жителя Республики Коми Илью Чугаева. Мирабадский суд оставил "
        "приговор в силе. Медиаменеджера задержали в аэропорту.",
    )
    assert got == {"Илья Чугаев"}, got


def test_an_outlet_the_model_takes_for_a_person_is_an_organisation(
    extractor: Extractor,
) -> None:
    r = extractor.extract(
        "Дело завели на корреспондента Toplum TV Фарида Исмайлова.",
        language="ru",
    ).record
    assert "Toplum TV" not in {p["name"] for p in r["persons"]}


def test_a_spelling_with_i_for_short_i_is_the_same_person(extractor: Extractor) -> None:
    got = names(
        extractor,
        "Дело завели на корреспондента Фарида Исмайлова. Исмаилова задержали у него дома.",
    )
    assert got == {"Фарид Исмайлов"}, got


def test_known_as_gives_an_alias(extractor: Extractor) -> None:
    r = extractor.extract(
        "Суд приговорил тиктокера Валерия Югая, известного как Абдуллох, к трем годам.",
        language="ru",
    ).record
    (p,) = r["persons"]
    assert "Абдуллох" in p["aliases"]


def test_a_body_named_with_its_abbreviation_and_country(extractor: Extractor) -> None:
    r = extractor.extract(
        "Сотрудники Государственного комитета национальной безопасности (ГКНБ) Кыргызстана "
        "задержали Ивана Петрова.",
        language="ru",
    ).record
    orgs = {o["name"]: o for o in r["organizations"]}
    assert "Государственного комитета национальной безопасности" in orgs, orgs
    assert "ГКНБ" in orgs["Государственного комитета национальной безопасности"]["aliases"]
