"""Every JSON endpoint documents the shape it answers (issue 10: /openapi.json shows real
shapes, not untyped objects), and the dossier's fact values follow the fact schema."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from tests.web.conftest import Site
from vigil.facts.schema import dossier_value_model


def _schema(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = spec["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def test_every_api_answer_has_a_documented_shape(site: Site) -> None:
    spec = site.client().get("/openapi.json").json()
    untyped = []
    for path, methods in spec["paths"].items():
        if not path.startswith("/api"):
            continue
        for method, op in methods.items():
            ok = op["responses"].get("200") or op["responses"].get("201") or {}
            body = ok.get("content", {}).get("application/json", {}).get("schema", {})
            shape = _schema(spec, body)
            if not shape.get("properties"):
                untyped.append(f"{method.upper()} {path}")
    assert untyped == []


def test_documented_shapes_name_their_fields(site: Site) -> None:
    spec = site.client().get("/openapi.json").json()
    dossier = _schema(spec, {"$ref": "#/components/schemas/DossierOut"})
    charge = spec["paths"]["/api/cases/{case_id}"]["get"]["responses"]["200"]
    assert "content" in charge
    assert {"timeline", "charge_facts", "sentences", "relatives"} <= set(dossier["properties"])
    sentence = _schema(spec, {"$ref": "#/components/schemas/SentenceInDossier"})
    penalty = sentence["properties"]["penalty"]["anyOf"][0]
    assert set(penalty["enum"]) == {"imprisonment", "fine", "restriction"}


def test_public_dossier_answer_has_no_staff_fields(site: Site) -> None:
    answer = site.client().get("/api/cases/1").json()
    assert set(answer) == {"case"}
    assert "sources" not in answer["case"] and "conflicts" not in answer["case"]


def test_dossier_values_follow_the_fact_schema() -> None:
    sentence = dossier_value_model("sentence")
    assert "person" not in sentence.model_fields
    sentence.model_validate({"penalty": "fine", "amount": 500.0, "currency": "TMT"})
    with pytest.raises(ValidationError):
        sentence.model_validate({"penalty": "flogging"})
    with pytest.raises(ValidationError):
        sentence.model_validate({"penalty": "fine", "amount": "a lot"})
