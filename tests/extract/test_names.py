from __future__ import annotations

from vigil.extract import Extractor

TEXT = (
    "Ajzhangul Ersaynovna Amirova (Ajzhangul Amirova), the head of the Almaty city branch of "
    "the “Alga!” People’s party, was arrested. Ayzhangul was to arrive at the airport. "
    "A. Amirova reported that police had charged her. Ms Amirova’s brother Elmurat Amirov "
    "was not at home. Reporters Without Borders (RSF) condemned the arrest. "
    "RSF said the Human Rights Centre Viasna (HRC Viasna) agreed."
)


def _persons(extractor: Extractor, text: str) -> dict[str, set[str]]:
    rec = extractor.extract(text).record
    return {p["name"]: set(p["aliases"]) for p in rec["persons"]}


def test_one_person_for_patronymic_initial_variant_and_surname(extractor: Extractor) -> None:
    persons = _persons(extractor, TEXT)
    amirova = [n for n in persons if n.startswith("Ajzhangul")]
    assert len(amirova) == 1
    forms = persons[amirova[0]] | {amirova[0]}
    assert {"Ajzhangul Ersaynovna Amirova", "Ajzhangul Amirova", "A. Amirova", "Ayzhangul"} <= forms
    assert "Elmurat Amirov" in persons  # a different person, not a spelling of Amirova


def test_organizations_with_aliases_and_kinds(extractor: Extractor) -> None:
    rec = extractor.extract(TEXT).record
    orgs = {o["name"]: o for o in rec["organizations"]}
    assert "RSF" in orgs["Reporters Without Borders"]["aliases"]
    assert orgs["Reporters Without Borders"]["kind"] == "ngo"
    assert "HRC Viasna" in orgs["Human Rights Centre Viasna"]["aliases"]
    assert orgs["Alga!"]["kind"] == "party"


def test_known_as_joins_the_person(extractor: Extractor) -> None:
    text = "Nguyen Ngoc Nhu Quynh, a.k.a Mother Mushroom, was jailed for 10 years."
    persons = _persons(extractor, text)
    assert persons == {"Nguyen Ngoc Nhu Quynh": {"Mother Mushroom"}}


def test_places_and_demonyms_are_not_persons(extractor: Extractor) -> None:
    text = "Zhanar Saktaganova was attacked in Zhanaozen. The Kazakh authorities stayed silent."
    assert set(_persons(extractor, text)) == {"Zhanar Saktaganova"}


def test_shared_family_name_goes_to_the_protagonist(extractor: Extractor) -> None:
    text = (
        "Police detained journalist Ihar Ilyash in Brest. His wife, Volha Ilyash, said he was "
        "taken away. Ilyash is accused of treason. Katsiaryna Andreyeva (Bakhvalava) was jailed."
    )
    persons = _persons(extractor, text)
    assert "Ilyash" in persons["Ihar Ilyash"] and "Ilyash" not in persons["Volha Ilyash"]
    assert "Bakhvalava" in persons["Katsiaryna Andreyeva"]


def test_a_surname_the_model_tags_as_an_organisation_does_not_drop_the_person() -> None:
    """AFP on Kizza Besigye (hindustantimes.com) and CPJ on Dawit Kebede (cpj.org): the model
    tagged "Besigye" / "Dawit" ORG, and the report's protagonist vanished with it."""
    from collections import Counter

    from vigil.extract.person_clusters import Cluster
    from vigil.extract.stages.names import _is_org

    person = Cluster(Counter({"Kizza Besigye": 1, "Besigye": 5}))
    assert not _is_org(person, ["besigye", "afp"])
    assert _is_org(Cluster(Counter({"Besigye": 2})), ["besigye"])
    assert _is_org(
        Cluster(Counter({"Protect Journalists": 1})), ["committee to protect journalists"]
    )
