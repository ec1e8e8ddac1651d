"""``public_dossier``: the public shape of a case leaks nothing confidential."""

from __future__ import annotations

import json

from tests.web.fixtures import ADDRESS, CONFIDENTIAL, PHONE, RELATIVE, published_dossier
from vigil.redaction import public_dossier


def test_public_dossier_withholds_every_confidential_value() -> None:
    shape = public_dossier(published_dossier())
    dumped = json.dumps(shape, ensure_ascii=False)
    for value in CONFIDENTIAL:
        assert value not in dumped, value
    assert shape["name"] == "Aliya Sarsenbayeva"
    assert shape["relatives"][0]["value"] == {"relation": "sister", "relative": "[withheld]"}
    assert [e["place"] for e in shape["timeline"]] == ["Almaty", "[withheld]", "Almaty"]
    assert shape["charge_facts"][0]["value"]["article"] == "174"
    assert "claim_id" not in dumped and "spans" not in dumped


def test_released_values_pass() -> None:
    shape = public_dossier(published_dossier(), released={RELATIVE, ADDRESS})
    dumped = json.dumps(shape, ensure_ascii=False)
    assert RELATIVE in dumped and ADDRESS in dumped
    assert PHONE not in dumped


def test_an_organisation_with_a_withheld_part_is_withheld_whole() -> None:
    from dataclasses import replace

    from vigil.cases.model import Fact
    from vigil.redaction import public_organizations

    base = published_dossier()
    health = Fact({"organization": "Almaty Diabetes Patients Association"}, ())
    dossier = replace(base, affiliations=(*base.affiliations, health))
    shown = [f["value"]["organization"] for f in public_dossier(dossier)["affiliations"]]
    assert shown == ["Adil Soz", "[withheld]"]
    assert public_organizations(dossier) == ["Adil Soz"]
    released = public_organizations(dossier, ["Almaty Diabetes Patients Association"])
    assert "Almaty Diabetes Patients Association" not in released, "a word is still withheld"
