"""The dependency parse decides who an act was done to and whether words state an act
(extract/syntax.py). Texts are short and written here; none is copied from a report."""

from __future__ import annotations

from typing import Any

from vigil.extract import Extractor


def _events(extractor: Extractor, text: str) -> list[tuple[str, str | None, list[str]]]:
    rec: dict[str, Any] = extractor.extract(text, published="2024-05-10").record
    return [(e["type"], e["date"], e["victims"]) for e in rec["events"]]


def test_the_object_of_the_verb_is_the_victim_not_everyone_in_the_sentence(
    extractor: Extractor,
) -> None:
    text = "Ana Petrova filmed the police as they detained Ivan Sidorov on 3 May 2024."
    assert _events(extractor, text) == [("arrest", "2024-05-03", ["Ivan Sidorov"])]


def test_things_taken_are_no_arrest(extractor: Extractor) -> None:
    text = (
        "Officers searched the flat of Omar Haddad on 2 April 2024. "
        "Omar Haddad said his laptop and phones were taken."
    )
    assert [t for t, _d, _v in _events(extractor, text)] == ["search"]


def test_a_participle_describing_unnamed_people_makes_no_one_named_a_victim(
    extractor: Extractor,
) -> None:
    text = "Lina Farouk brought food and blankets to the detained miners."
    assert _events(extractor, text) == [("arrest", None, [])]


def test_trend_counts_offence_names_adjectives_and_warnings_are_not_acts(
    extractor: Extractor,
) -> None:
    assert not _events(
        extractor,
        "There have been hundreds of attacks against journalists since 2015, Karim Nabil said.",
    )
    events = _events(
        extractor, "Ruslan Beg was charged on 3 March 2024 with membership of a banned group."
    )
    assert [t for t, _d, _v in events] == ["charge"]
    assert not _events(extractor, "Amina Yusuf said the caller's tone was clearly threatening.")
    assert not _events(extractor, "Lawyer Petra Novak warned that the new law was dangerous.")


def test_an_act_told_again_is_one_event_with_the_first_date(extractor: Extractor) -> None:
    text = (
        "Dana Kiss was arrested on 12 March 2023. An hour later, Kiss told her lawyer that "
        "police had arrested and charged her with hooliganism."
    )
    assert _events(extractor, text) == [
        ("arrest", "2023-03-12", ["Dana Kiss"]),
        ("charge", "2023-03-12", ["Dana Kiss"]),
    ]


def test_a_later_mention_naming_fewer_victims_joins_the_first(extractor: Extractor) -> None:
    text = (
        "Police arrested Dana Kiss and Bela Toth in Szeged in March 2023. "
        "Kiss was arrested on 12 March 2023 outside her home."
    )
    assert _events(extractor, text) == [("arrest", "2023-03-12", ["Dana Kiss", "Bela Toth"])]


def test_a_date_of_another_act_in_the_sentence_is_not_taken(extractor: Extractor) -> None:
    text = (
        "Karim Nabil was arrested on 3 March 2024 in Tunis. Prior to his arrest, Nabil had "
        "written about the strikes of 12 January 2024."
    )
    assert _events(extractor, text) == [("arrest", "2024-03-03", ["Karim Nabil"])]
    text = "Geshe Pema Dorje was detained and disappeared on 2 April 2024 in Kham."
    assert [d for _t, d, _v in _events(extractor, text)] == ["2024-04-02", "2024-04-02"]


def test_an_hour_later_is_the_same_day(extractor: Extractor) -> None:
    text = (
        "Lena Ortiz was detained on 6 January 2024 at the airport. An hour later, she said "
        "police had charged her with hooliganism."
    )
    assert ("charge", "2024-01-06", ["Lena Ortiz"]) in _events(extractor, text)


def test_the_subject_of_a_verb_it_undergoes_is_the_victim(extractor: Extractor) -> None:
    # la-2012-sombath (irrawaddy.com), pk-2017-samarabbas: "X disappeared/vanished"
    text = "A statement said Omar Haddad disappeared on 4 May 2024 in the capital."
    assert _events(extractor, text) == [("disappearance", "2024-05-04", ["Omar Haddad"])]


def test_a_relative_clause_on_a_description_is_about_the_person_described(
    extractor: Extractor,
) -> None:
    # lk-2022-ahnafjazeem (amnesty.org): "suffered by X, a poet, who was arrested on ..."
    text = (
        "The law did not prevent the abuses suffered by Karim Nabil, a young teacher, "
        "who was arrested on 3 March 2024."
    )
    assert ("arrest", "2024-03-03", ["Karim Nabil"]) in _events(extractor, text)


def test_an_act_on_people_counted_but_not_named_is_kept_without_victims(
    extractor: Extractor,
) -> None:
    # cn-2012-drango (tchrd.org) "Six known Tibetans died", af-2022-yaqubi
    # (afghanwitness.org) "Two have reportedly been released", ke-undated-abdullahi "Some
    # have since been released": GUIDELINES keep such an act with no victims
    text = "Six Tibetans died on 2 May 2024 when police fired on the crowd."
    assert ("killing", "2024-05-02", []) in _events(extractor, text)
