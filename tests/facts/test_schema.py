"""The fact schema is data; every edit is checked against it field by field."""

from __future__ import annotations

import pytest

from vigil.facts.forms import edit_from_form
from vigil.facts.schema import FieldError, apply_edit, check_date, load_schema, schema

EVENT = {
    "type": "arrest",
    "date": "2012-01-06",
    "time": None,
    "place": "Aktau airport",
    "country": "KZ",
    "victims": ["p1"],
    "perpetrators": ["law enforcement agencies"],
    "evidence": "was arrested",
}


def test_every_kind_of_fact_is_declared() -> None:
    kinds = set(schema().kinds)
    assert {"person", "alias", "event", "charge", "sentence", "organization"} <= kinds
    assert len(schema().vocabularies["event_type"]) == 14  # GUIDELINES' event types


@pytest.mark.parametrize(
    ("raw", "ok"),
    [("2011", True), ("2011-12", True), ("2024-02-29", True), ("2023-02-29", False),
     ("2024-13-45", False), ("2024-04-31", False), ("not a date", False), ("06.01.2012", False)],
)  # fmt: skip
def test_dates_are_real_calendar_dates_at_any_precision(raw: str, ok: bool) -> None:
    if ok:
        assert check_date(raw) == raw
    else:
        with pytest.raises(ValueError):
            check_date(raw)


@pytest.mark.parametrize(
    ("edit", "field", "says"),
    [
        ({"date": "not a date"}, "date", "is not a date"),
        ({"date": "2024-13-45"}, "date", "no month 13"),
        ({"country": "Veldoria"}, "country", "ISO 3166-1"),
        ({"type": "arested"}, "type", "not one of"),
        ({"victims": "["}, "victims", "list"),
        ({"victims": ["Ajzhangul Amirova"]}, "victims", "not the id of a person"),
        ({"victims": ["x1"]}, "victims", "not the id of a person (p1, p2 ...) or an organization"),
        ({"time": "25:00"}, "time", "HH:MM"),
        ({"colour": "red"}, "colour", "no such field"),
        ({"type": None}, "type", "required"),
    ],
)
def test_a_bad_edit_names_the_field_and_the_problem(
    edit: dict[str, object], field: str, says: str
) -> None:
    with pytest.raises(FieldError) as err:
        apply_edit("event", EVENT, edit)
    assert err.value.field == field and says in str(err.value)


def test_an_edit_changes_only_the_fields_it_names() -> None:
    after = apply_edit("event", EVENT, {"date": "2012-01-05", "country": "kz"})
    assert after == {**EVENT, "date": "2012-01-05", "country": "KZ"}
    assert EVENT["date"] == "2012-01-06"  # the current value is not changed in place


def test_a_form_keeps_lists_as_lists() -> None:
    """The old edit form stored a victims box that was not JSON as the string "["."""
    form = {"v.victims": "p1\no2", "v.date": "2012-01-06"}
    edit = edit_from_form("event", form, EVENT)
    assert edit == {"victims": ["p1", "o2"]}  # date unchanged
    assert apply_edit("event", EVENT, edit)["victims"] == ["p1", "o2"]
    assert edit_from_form("event", {"v.victims": "["}, EVENT) == {"victims": ["["]}


def test_references_are_ids_of_the_kinds_the_schema_names() -> None:
    """A charge's person is a person or organisation; an alias's only a person; perpetrators
    may be free text for someone unnamed, but a text shaped like an id must be one."""
    charge = {"person": "p1", "penalty": "fine"}
    assert apply_edit("charge", {"person": "p1"}, {"person": "o3"})["person"] == "o3"
    with pytest.raises(FieldError, match="'o3' is not the id of a person"):
        apply_edit("alias", {"person": "p1", "alias": "A."}, {"person": "o3"})
    with pytest.raises(FieldError) as err:
        apply_edit("sentence", charge, {"person": "Ajzhangul Amirova"})
    assert err.value.field == "person"
    after = apply_edit("event", EVENT, {"perpetrators": ["p2", "the police"]})
    assert after["perpetrators"] == ["p2", "the police"]
    with pytest.raises(FieldError, match="perpetrators"):
        apply_edit("event", EVENT, {"perpetrators": ["q7"]})
    # A person or organisation has an id; it is not a field a reviewer edits.
    assert schema().mention_kinds == {"person": "p", "organization": "o"}
    with pytest.raises(FieldError, match="no such field"):
        apply_edit("person", {"id": "p1", "name": "A", "role": "victim"}, {"id": "p2"})


def test_a_malformed_schema_fails_at_start() -> None:
    bad = "vocabularies: {}\nkinds:\n  event:\n    fields:\n      type: {type: choice, of: nope}\n"
    with pytest.raises(ValueError, match="unknown vocabulary"):
        load_schema(bad)
    with pytest.raises(ValueError, match="unknown type"):
        load_schema("vocabularies: {}\nkinds:\n  x:\n    fields:\n      y: {type: colour}\n")


def test_event_triggers_use_only_declared_event_types() -> None:
    """The extraction word lists and the schema name the same 14 types."""
    from vigil.extract.data import load

    types = set(schema().vocabularies["event_type"])
    assert set(load("events")["triggers"]) <= types


def test_docs_facts_md_is_written_from_the_schema() -> None:
    from pathlib import Path

    from vigil.facts.docs import markdown

    page = Path(__file__).resolve().parents[2] / "docs" / "facts.md"
    assert page.read_text(encoding="utf-8") == markdown(), "run: vigil schema --markdown"
