from __future__ import annotations

from vigil.extract import Extractor
from vigil.extract.context import Context, Person
from vigil.extract.record import build
from vigil.facts.refs import names_only


def test_birth_affiliation_relative_and_roles(extractor: Extractor) -> None:
    text = (
        "Ajzhangul Amirova, was born 18.08.1972 in Zhanaozen, the head of the Almaty city branch "
        "of the “Alga!” party. Police searched the flat of Ajzhangul Amirova and her brother "
        "Elmurat Amirov. Judge Gulnar Dauleshova refused bail."
    )
    rec = names_only(extractor.extract(text).record)
    people = {p["name"]: p for p in rec["persons"]}
    amirova = people["Ajzhangul Amirova"]
    assert amirova["birth_date"] == "1972-08-18" and amirova["birth_place"] == "Zhanaozen"
    assert {"organization": "Alga!", "position": "head of the Almaty city branch"} in amirova[
        "affiliations"
    ]
    assert {"person": "Elmurat Amirov", "relation": "brother"} in amirova["relatives"]
    assert amirova["role"] == "victim"
    assert people["Gulnar Dauleshova"]["role"] == "official"


def test_an_affiliation_and_a_relative_point_to_their_ids(extractor: Extractor) -> None:
    """The record gives the organisation's and the relative's ids beside their names; the
    claims hold the ids alone, so a corrected name stays linked."""
    res = extractor.extract(
        "Ajzhangul Amirova, the head of the Almaty city branch of the “Alga!” party, was "
        "arrested. Police searched the flat of Ajzhangul Amirova and her brother Elmurat Amirov."
    )
    ids = {x["name"]: x["id"] for part in ("persons", "organizations") for x in res.record[part]}
    (amirova,) = [p for p in res.record["persons"] if p["name"] == "Ajzhangul Amirova"]
    assert [(a["organization"], a["organization_id"]) for a in amirova["affiliations"]] == [
        ("Alga!", ids["Alga!"])
    ]
    assert [(r["person"], r["person_id"]) for r in amirova["relatives"]] == [
        ("Elmurat Amirov", ids["Elmurat Amirov"])
    ]
    said = {(c.kind, c.value["person"]): c.value for c in res.claims if "person" in c.value}
    assert said[("affiliation", amirova["id"])]["organization"] == ids["Alga!"]
    assert said[("relative", amirova["id"])]["relative"] == ids["Elmurat Amirov"]


def test_biography_claims_have_evidence(extractor: Extractor) -> None:
    text = "Ajzhangul Amirova, was born 18.08.1972 in Zhanaozen, 5th District, Building 62."
    res = extractor.extract(text)
    born = next(c for c in res.claims if c.kind == "birth_date")
    s, e = born.spans[0]
    assert "18.08.1972" in text[s:e]
    places = [c for c in res.claims if c.kind == "place"]
    assert any(c.value["sensitive"] for c in places)  # the street address
    assert any(c.value["country"] == "KZ" for c in places)


def test_her_brother_in_the_next_sentence_and_whose_husband(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Ajzhangul Amirova was arrested on 6 January 2012 in Aktau. Her brother Elmurat Amirov "
        "was questioned. Dana Serikova, whose husband Timur Serikov is a lawyer, was detained."
    ).record
    rec = names_only(rec)
    people = {p["name"]: p for p in rec["persons"]}
    assert {"person": "Elmurat Amirov", "relation": "brother"} in people["Ajzhangul Amirova"][
        "relatives"
    ]
    assert people["Elmurat Amirov"]["role"] == "relative"
    assert {"person": "Timur Serikov", "relation": "husband"} in people["Dana Serikova"][
        "relatives"
    ]
    assert people["Timur Serikov"]["role"] != "victim"


def test_a_stage_naming_an_organisation_or_relative_it_did_not_find_adds_them() -> None:
    """A plugin's affiliation to an organisation no stage found (or a relative no stage
    named as a person) still points to an id: the record and the claims gain that
    organisation (kind other) and that person (role relative)."""
    text = "Ajzhangul Amirova of the Alga! party and her brother Elmurat."
    amirova = Person("Ajzhangul Amirova", spans=[(0, 17)], role="victim")
    amirova.affiliations.append({"organization": "Alga!", "position": "member"})
    amirova.relatives.append({"person": "Elmurat", "relation": "brother"})
    amirova.evidence["aff:Alga!"] = [(0, 30)]
    record, claims = build(Context(text=text, clean=text, persons=[amirova]))
    assert [(o["id"], o["name"], o["kind"]) for o in record["organizations"]] == [
        ("o1", "Alga!", "other")
    ]
    assert [(p["id"], p["role"]) for p in record["persons"]] == [
        ("p1", "victim"),
        ("p2", "relative"),
    ]
    said = {c.kind: c for c in claims}
    assert said["affiliation"].value["organization"] == "o1"
    assert said["organization"].spans == [(0, 30)]  # the words of the affiliation
    assert said["relative"].value["relative"] == "p2"
